/* Reading and writing the bindings and wwids files, see names.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "names.h"
#include "str.h"

#define MAX_FILE (16u << 20)

int mp_read_file(const char *path, char **buf, size_t *len)
{
	struct stat st;
	size_t n = 0, cap;
	char *b;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	*buf = NULL;
	*len = 0;
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		return -EINVAL;
	}
	if ((unsigned long long)st.st_size > MAX_FILE) {
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

static int load(const char *path, struct mp_names *l,
		int (*parse)(struct mp_names *, const char *, size_t, unsigned int *))
{
	char *buf;
	size_t len;
	int r = mp_read_file(path, &buf, &len);

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

static int write_all(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t w = write(fd, s, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return w < 0 ? -errno : -EIO;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Append one line, with the header first if the file is empty. */
static int append(const char *path, const char *header, const char *line)
{
	struct stat st;
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	int r;

	if (fd < 0)
		return -errno;
	r = fstat(fd, &st) ? -errno : 0;
	if (!r && st.st_size == 0)
		r = write_all(fd, header, strlen(header));
	if (!r)
		r = write_all(fd, line, strlen(line));
	if (!r && fsync(fd))
		r = -errno;
	if (close(fd) && !r)
		r = -errno;
	return r;
}

int mp_bindings_append(const char *path, const char *alias, const char *wwid)
{
	char line[512];

	if (str_fmt(line, sizeof(line), "%s %s\n", alias, wwid))
		return -ENAMETOOLONG;
	return append(path, MP_BINDINGS_HEADER, line);
}

int mp_wwids_add(const char *path, const char *wwid)
{
	struct mp_names l = { 0 };
	char line[512];
	int r = mp_wwids_load(path, &l);

	if (!r && mp_wwids_find(&l, wwid) >= 0)
		r = 0;
	else if (!r && str_fmt(line, sizeof(line), "/%s/\n", wwid))
		r = -ENAMETOOLONG;
	else if (!r && !(r = append(path, MP_WWIDS_HEADER, line)))
		r = 1;
	mp_names_free(&l);
	return r;
}

int mp_wwids_write(const char *path, const struct mp_names *l)
{
	char tmp[4096], line[512];
	size_t i;
	int fd, r;

	if (str_fmt(tmp, sizeof(tmp), "%s.tmp", path))
		return -ENAMETOOLONG;
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	r = write_all(fd, MP_WWIDS_HEADER, strlen(MP_WWIDS_HEADER));
	for (i = 0; !r && i < l->n; i++)
		r = str_fmt(line, sizeof(line), "/%s/\n", l->e[i].a) ?
		    -ENAMETOOLONG : write_all(fd, line, strlen(line));
	if (!r && fsync(fd))
		r = -errno;
	if (close(fd) && !r)
		r = -errno;
	if (!r && rename(tmp, path))
		r = -errno;
	if (r)
		unlink(tmp);
	return r;
}
