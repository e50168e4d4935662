/* See log.h.  Kept tiny: one fixed buffer, no allocation, so it also works
 * when memory is short or from PID 1. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "str.h"

static const char *log_prog = "mpboot";
static int log_kmsg = -1; /* fd of /dev/kmsg, or -1 */

void log_init(const char *prog)
{
	const char *slash = strrchr(prog, '/');

	log_prog = slash ? slash + 1 : prog;
	if (getpid() == 1 || getenv("MPBOOT_KMSG"))
		log_kmsg_on();
}

void log_kmsg_on(void)
{
	if (log_kmsg < 0)
		log_kmsg = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);
}

static void log_emit(int err, const char *fmt, va_list ap)
{
	char line[512];
	size_t len, flen = strlen(fmt);
	int n;

	n = snprintf(line, sizeof(line), "%s: ", log_prog);
	if (n < 0 || (size_t)n >= sizeof(line))
		n = 0;
	len = (size_t)n;
	n = vsnprintf(line + len, sizeof(line) - len, fmt, ap);
	if (n < 0)
		n = 0;
	len += (size_t)n;
	if (len >= sizeof(line) - 2)
		len = sizeof(line) - 2; /* truncated: still end the line */
	if (flen && fmt[flen - 1] == ':' && err) {
		n = snprintf(line + len, sizeof(line) - len, " %s",
			     strerror(err < 0 ? -err : err));
		if (n > 0)
			len += (size_t)n;
		if (len >= sizeof(line) - 2)
			len = sizeof(line) - 2;
	}
	line[len] = '\0';
	str_vis(line, ""); /* a name's '\n' would forge a line */
	line[len++] = '\n';
	line[len] = '\0';
	if (write(STDERR_FILENO, line, len) < 0) {
		/* nothing sensible left to do */
	}
	if (log_kmsg >= 0 && write(log_kmsg, line, len) < 0) {
		close(log_kmsg);
		log_kmsg = -1;
	}
}

void log_err(int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_emit(err, fmt, ap);
	va_end(ap);
}

void log_msg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_emit(0, fmt, ap);
	va_end(ap);
}

int log_help(const char *text)
{
	fputs(text, stdout);
	return 0;
}

int log_usage(const char *text, int opt, const char *unsup)
{
	if (opt && unsup && strchr(unsup, opt))
		log_msg("-%c: not supported", opt);
	else
		fwrite(text, 1, strcspn(text, "\n") + 1, stderr);
	return 2;
}
