/* gen_init_cpio: write a newc cpio archive (an initramfs) from a list in the
 * kernel's gen_init_cpio format.  Host tool: never runs in the initramfs.
 *
 * Owners, modes and device nodes come from the list, so no root is needed.
 * The output depends only on the list and the listed files' contents: list
 * order, inode numbers counted in that order, and one mtime for every entry
 * (-t, else SOURCE_DATE_EPOCH, else 0).  Two builds give the same bytes. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afile.h"
#include "cpio_list.h"
#include "log.h"
#include "str.h"

static const char usage[] =
	"usage: gen_init_cpio [-t EPOCH] [-o OUT] LIST\n"
	"Write a newc cpio archive described by LIST ('-' = stdin) to OUT\n"
	"(default stdout).  Line types: file dir nod slink pipe sock; fields\n"
	"may use ${VAR} from the environment.  mtime of every entry: EPOCH,\n"
	"else $SOURCE_DATE_EPOCH, else 0.\n";

struct ctx {
	const char *list;   /* list file name, for messages */
	unsigned long line; /* current line number */
	int fd;             /* output */
};

static const char *env_lookup(void *ctx, const char *name)
{
	(void)ctx;
	return getenv(name);
}

static int fd_write(void *ctx, const void *buf, size_t len)
{
	const char *p = buf;
	int fd = *(int *)ctx;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Read a whole regular file; *data is malloc'ed. 0 or -errno. */
static int slurp(const char *path, char **data, size_t *len)
{
	struct stat st;
	size_t got = 0;
	char *buf;
	int fd, r = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st)) {
		r = -errno;
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		r = -EINVAL;
		goto out;
	}
	if ((uint64_t)st.st_size > 0xffffffffu) {
		r = -EFBIG;
		goto out;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf) {
		r = -ENOMEM;
		goto out;
	}
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			r = n < 0 ? -errno : -EIO; /* shrank while read */
			free(buf);
			goto out;
		}
		got += (size_t)n;
	}
	*data = buf;
	*len = got;
out:
	close(fd);
	return r;
}

static int parse_epoch(const char *s, uint32_t *out)
{
	unsigned int v;

	if (str_to_uint(s, 0xffffffffu, &v))
		return -EINVAL;
	*out = v;
	return 0;
}

static int run(struct ctx *c, FILE *in, struct cpio_out *o)
{
	struct cpio_entry *e = malloc(sizeof(*e)); /* 18 KiB: not on the stack */
	char *line = NULL, err[256];
	size_t cap = 0;
	ssize_t n;
	int r = 0;

	if (!e) {
		log_msg("out of memory");
		return -ENOMEM;
	}
	while ((n = getline(&line, &cap, in)) >= 0) {
		char *data = NULL;
		size_t len = 0;

		c->line++;
		if (n && line[n - 1] == '\n')
			n--;
		r = cpio_parse_line(line, (size_t)n, e, env_lookup, NULL,
				    err, sizeof(err));
		if (r) {
			log_msg("%s:%lu: %s", c->list, c->line, err);
			break;
		}
		if (e->type == CPIO_FILE) {
			r = slurp(e->location, &data, &len);
			if (r == -EINVAL)
				log_msg("%s:%lu: '%s' is not a regular file",
					c->list, c->line, e->location);
			else if (r)
				log_err(r, "%s:%lu: cannot read '%s':",
					c->list, c->line, e->location);
			if (r)
				break;
		} else if (e->type == CPIO_SLINK) {
			data = e->location;
			len = strlen(e->location);
		}
		r = cpio_emit(o, e, data, len);
		if (e->type == CPIO_FILE)
			free(data);
		if (r) {
			log_err(r, "%s:%lu: writing '%s':", c->list, c->line,
				e->name);
			break;
		}
	}
	free(line);
	free(e);
	if (!r && ferror(in)) {
		log_msg("%s: read error", c->list);
		r = -EIO;
	}
	if (!r && (r = cpio_trailer(o)))
		log_err(r, "writing trailer:");
	return r;
}

/* SOURCE_DATE_EPOCH and the options: -1 to go on, or the exit status
 * to end with (-h, a usage error). */
static int parse_args(int argc, char **argv, struct cpio_out *o,
		      const char **out)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	int opt;

	if (sde && *sde && parse_epoch(sde, &o->mtime)) {
		log_msg("bad SOURCE_DATE_EPOCH '%s'", sde);
		return 2;
	}
	while ((opt = getopt(argc, argv, "t:o:h")) != -1) {
		switch (opt) {
		case 't':
			if (parse_epoch(optarg, &o->mtime)) {
				log_msg("bad -t '%s'", optarg);
				return 2;
			}
			break;
		case 'o':
			*out = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		default:
			fputs(usage, stderr);
			return 2;
		}
	}
	if (optind + 1 != argc) {
		fputs(usage, stderr);
		return 2;
	}
	return -1;
}

/* -o OUT: OUT.tmp made OUT once written and synced, or removed after a
 * failure r (or one of its own).  0 or -errno. */
static int finish_out(int r, int fd, const char *tmp, const char *out)
{
	if ((r = afile_commit(r, fd, tmp, out)))
		log_err(r, "%s:", out);
	return r;
}

int main(int argc, char **argv)
{
	struct ctx c = { .fd = STDOUT_FILENO };
	struct cpio_out o = { .write = fd_write, .ctx = &c.fd, .next_ino = 1 };
	const char *out = NULL;
	char tmp[4096];
	FILE *in;
	int r;

	log_init(argv[0]);
	r = parse_args(argc, argv, &o, &out);
	if (r >= 0)
		return r;
	c.list = argv[optind];
	in = strcmp(c.list, "-") ? fopen(c.list, "re") : stdin;
	if (!in) {
		log_err(errno, "%s:", c.list);
		return 1;
	}
	/* Write OUT via OUT.tmp + rename, so a failed run leaves no
	 * half-written image that a later step could pick up. */
	if (out) {
		if (str_fmt(tmp, sizeof(tmp), "%s.tmp", out)) {
			log_msg("%s: name too long", out);
			return 1;
		}
		c.fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
			    0644);
		if (c.fd < 0) {
			log_err(errno, "%s:", tmp);
			return 1;
		}
	}
	r = run(&c, in, &o);
	if (in != stdin)
		fclose(in);
	if (out)
		r = finish_out(r, c.fd, tmp, out);
	return r ? 1 : 0;
}
