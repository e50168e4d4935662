/* Load the boot image's kernel modules from this one process: one
 * finit_module(2) per module instead of a fork+exec of insmod each (under
 * TCG an exec costs as much as a small module's load).
 *
 * Probing overlaps with the loads that follow it: every module but the
 * last gets the kernel's generic "async_probe=1", so a transport's device
 * probe and its SCSI scan (async_schedule'd) run while dm, sg and ext4
 * load; the last load has no async_probe, and the kernel ends it with
 * async_synchronize_full() (do_init_module): when it returns, every probe
 * and scan started before it is done and their disks exist. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "mpinit.h"

/* klibc has the system call, not the prototype. */
int finit_module(int fd, const char *params, int flags);

/* params "dm-multipath=ARGS" are for ".../dm-multipath.ko": the module's
 * file name, as load.list spells it. */
static const char *params_for(const char *path, char *const *params,
			      int n)
{
	const char *b = strrchr(path, '/');

	b = b ? b + 1 : path;
	for (; n-- > 0; params++) {
		size_t k = strcspn(*params, "=");

		if (!strncmp(*params, b, k) && !strcmp(b + k, ".ko"))
			return *params + k + 1;
	}
	return "";
}

static int load_one(const char *dir, const char *rel, const char *params,
		    int last)
{
	char path[512], opts[512];
	int fd, r;

	if (snprintf(path, sizeof(path), "%s/%s", dir, rel) >= (int)sizeof(path) ||
	    snprintf(opts, sizeof(opts), "%s%s", params,
		     last ? "" : " async_probe=1") >= (int)sizeof(opts))
		return -ENAMETOOLONG;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	r = finit_module(fd, opts, 0) ? -errno : 0;
	close(fd);
	return r == -EEXIST ? 0 : r; /* already loaded: fine */
}

int load_modules(const char *dir, char *const *params, int nparams)
{
	static char list[16384];
	char *line, *next;
	int fd, r;
	ssize_t n;

	if (snprintf(list, 512, "%s/load.list", dir) >= 512)
		return -ENAMETOOLONG;
	fd = open(list, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return log_err(errno, "%s:", list), -errno;
	n = read(fd, list, sizeof(list) - 1);
	close(fd);
	if (n < 0 || n == (ssize_t)sizeof(list) - 1)
		return log_err(n < 0 ? errno : EFBIG, "load.list:"), -EIO;
	list[n] = 0;
	for (line = list; *line; line = next) {
		next = line + strcspn(line, "\n");
		if (*next)
			*next++ = 0;
		if (!*line)
			continue;
		/* the last line is loaded synchronously */
		r = load_one(dir, line, params_for(line, params, nparams),
			     !next[strspn(next, "\n")]);
		if (r)
			return log_err(r, "%s:", line), r;
	}
	return 0;
}
