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
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "mpinit.h"

/* klibc has the system call, not the prototype. */
int finit_module(int fd, const char *params, int flags);

/* Module parameters are not given here: the init sets the few it needs
 * (dm-multipath's queue timeout) in /sys/module/NAME/parameters/. */
static int load_one(const char *rel, int last)
{
	int fd = open(rel, O_RDONLY | O_CLOEXEC), r;

	if (fd < 0)
		return -errno;
	r = finit_module(fd, last ? "" : "async_probe=1", 0) ? -errno : 0;
	close(fd);
	return r == -EEXIST ? 0 : r; /* already loaded: fine */
}

/* load.list names the modules relative to DIR: work from there. */
int load_modules(const char *dir)
{
	char list[16384]; /* on the stack: a static one grows .bss, and the file pads to a page */
	char *line, *next;
	int fd, r;
	ssize_t n;

	if (chdir(dir) || (fd = open("load.list", O_RDONLY | O_CLOEXEC)) < 0)
		return log_err(errno, "%s/load.list:", dir), -errno;
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
		r = load_one(line, !next[strspn(next, "\n")]);
		if (r)
			return log_err(r, "%s:", line), r;
	}
	return 0;
}
