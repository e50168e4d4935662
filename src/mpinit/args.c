/* The init's parameter list: one "key=value" or "key" a line, as
 * `mpinit cmdline` prints the kernel command line (and the image's
 * defaults before it).  Read here for the net and iscsi phases, so
 * they see exactly what the init's shell saw.
 *
 * With read(2) into one buffer, not stdio: fopen, fgets and the stdio
 * reading under them are linked for nothing else (about 580 bytes). */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "mpinit.h"

/* A line of at most sizeof(line) - 2 bytes, its newline not counted
 * (longer than any command line: not ours). */
static char line[8200];

/* Read until a newline is in line[0, *len), the file ends (*eof) or the
 * buffer is full. */
static int fill(int fd, size_t *len, int *eof)
{
	ssize_t n;

	while (!*eof && *len < sizeof(line) - 1 && !memchr(line, '\n', *len)) {
		n = read(fd, line + *len, sizeof(line) - 1 - *len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		*eof = !n;
		*len += (size_t)n;
	}
	return 0;
}

int args_read(const char *file, int (*fn)(void *ctx, const char *key, const char *val,
					  int has_val), void *ctx)
{
	size_t len = 0, n;
	char *eq, *nl;
	int r, eof = 0, fd = open(file, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		r = -errno;
		log_err(r, "%s:", file);
		return r;
	}
	for (;;) {
		if ((r = fill(fd, &len, &eof))) {
			log_err(r, "%s:", file);
			break;
		}
		if (!len)
			break;
		nl = memchr(line, '\n', len);
		n = nl ? (size_t)(nl - line) : len;
		if (n > sizeof(line) - 2) {
			r = -E2BIG;
			log_msg("%s: a line longer than %zu bytes", file, sizeof(line) - 2);
			break;
		}
		line[n] = '\0';
		eq = strchr(line, '=');
		if (eq)
			*eq = '\0';
		r = fn(ctx, line, eq ? eq + 1 : "", eq != NULL);
		if (r)
			break;
		/* the line and its newline out; the rest to the front */
		len -= n + !!nl;
		memmove(line, line + n + !!nl, len);
	}
	close(fd);
	return r;
}
