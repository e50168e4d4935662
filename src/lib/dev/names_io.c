/* Reading and writing the bindings and wwids files, see names.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afile.h"
#include "names.h"
#include "str.h"

#define MAX_FILE (16u << 20)

/* O_NONBLOCK: a FIFO (or a device) planted as a configuration or state
 * file must not hang the open; it is refused by its type before any
 * read.  Regular files ignore the flag. */
static int read_file(const char *path, int flags, size_t max, char **buf,
		     size_t *len)
{
	struct stat st;
	size_t n = 0, cap;
	char *b;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | flags);

	*buf = NULL;
	*len = 0;
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		return -EINVAL;
	}
	if ((unsigned long long)st.st_size > max) {
		close(fd);
		return -EFBIG;
	}
	cap = (size_t)st.st_size + 1;
	b = malloc(cap);
	if (!b) {
		close(fd);
		return -ENOMEM;
	}
	for (;;) {
		ssize_t r = read(fd, b + n, cap - 1 - n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			r = -errno;
			free(b);
			close(fd);
			return (int)r;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n == cap - 1)
			break; /* the file grew: what stat said is enough */
	}
	close(fd);
	b[n] = '\0';
	*buf = b;
	*len = n;
	return 0;
}

const char *mp_file_err(int err)
{
	return err == -EINVAL ? "not a regular file" :
	       err == -ELOOP ? "a symlink" : strerror(-err);
}

int mp_read_file(const char *path, char **buf, size_t *len)
{
	return read_file(path, 0, MAX_FILE, buf, len);
}

/* The bindings and wwids files are refused when they are symlinks (see
 * append) and bounded (names.h). */
static int load(const char *path, struct mp_names *l,
		int (*parse)(struct mp_names *, const char *, size_t, unsigned int *))
{
	char *buf;
	size_t len;
	int r = read_file(path, O_NOFOLLOW, MP_NAMES_MAX, &buf, &len);

	if (r == -ENOENT)
		return 0;
	if (r)
		return r;
	r = parse(l, buf, len, NULL);
	free(buf);
	return r;
}

int mp_bindings_load(const char *path, struct mp_names *l)
{
	return load(path, l, mp_bindings_parse);
}

int mp_wwids_load(const char *path, struct mp_names *l)
{
	return load(path, l, mp_wwids_parse);
}

/* Add one line (the header first to a new or empty file): the whole
 * file is rewritten atomically (afile.h), never appended in place, so a
 * cut write leaves the old file.  The caller holds dfd's lock.  The old
 * text is read with O_NOFOLLOW: a link planted at path would otherwise
 * copy whatever it points at into a world-readable file. */
static int append(int dfd, const char *path, const char *header, const char *line)
{
	char *old, *buf;
	size_t n, l = strlen(line);
	int r = read_file(path, O_NOFOLLOW, MP_NAMES_MAX, &old, &n);

	if (r == -ENOENT)
		r = 0, old = NULL, n = 0;
	if (r)
		return r;
	if (!n) {
		free(old);
		old = (char *)header;
		n = strlen(header);
	}
	buf = malloc(n + l);
	if (!buf)
		r = -ENOMEM;
	else {
		memcpy(buf, old, n);
		memcpy(buf + n, line, l);
		r = afile_replace(dfd, path, buf, n + l);
		free(buf);
	}
	if (old != header)
		free(old);
	return r;
}

int mp_bindings_append(const char *path, const char *alias, const char *wwid)
{
	char line[512];
	int r, dfd;

	if (str_fmt(line, sizeof(line), "%s %s\n", alias, wwid))
		return -ENAMETOOLONG;
	dfd = afile_lock_dir(path);
	if (dfd < 0)
		return dfd;
	r = append(dfd, path, MP_BINDINGS_HEADER, line);
	close(dfd);
	return r;
}

int mp_wwids_add(const char *path, const char *wwid)
{
	struct mp_names l = { 0 };
	int r = mp_wwids_load(path, &l);

	/* a line another writer adds meanwhile may come twice: harmless,
	 * readers keep the first */
	if (!r && mp_wwids_find(&l, wwid) < 0) {
		r = mp_names_add(&l, wwid, NULL);
		r = r ? r : mp_names_write(path, &l, l.n - 1, 0);
		r = r ? r : 1;
	}
	mp_names_free(&l);
	return r;
}

int mp_names_write(const char *path, const struct mp_names *l, size_t from,
		   int whole)
{
	const char *hdr = l->n && l->e[0].w ? MP_BINDINGS_HEADER : MP_WWIDS_HEADER;
	size_t i, n = strlen(hdr) + 1;
	char *buf;
	int r, dfd;

	for (i = from; i < l->n; i++)
		n += strlen(l->e[i].a) + (l->e[i].w ? strlen(l->e[i].w) : 0) + 3;
	buf = malloc(n);
	if (!buf)
		return -ENOMEM;
	/* "/wwid/" (a wwids list, w NULL) or "alias wwid" lines */
	n = whole ? (size_t)sprintf(buf, "%s", hdr) : 0;
	for (i = from; i < l->n; i++)
		n += (size_t)sprintf(buf + n, l->e[i].w ? "%s %s\n" : "/%s/\n",
				     l->e[i].a, l->e[i].w);
	r = dfd = afile_lock_dir(path);
	if (dfd >= 0) {
		r = whole ? afile_replace(dfd, path, buf, n) : append(dfd, path, hdr, buf);
		close(dfd);
	}
	free(buf);
	return r;
}

int mp_wwids_write(const char *path, const struct mp_names *l)
{
	return mp_names_write(path, l, 0, 1);
}
