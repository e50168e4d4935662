/* Wait for SCSI paths by listening to kernel uevents instead of sleeping:
 * every "add" of an sd disk restarts a quiet timer; the wait ends when
 * enough disks are there and none is arriving (and root resolves, if
 * asked), or at the timeout.  With -S the caller knows the scan that
 * found the disks there at the start is over (the init's module load
 * returned only after it): those need no quiet period, only disks that
 * arrive during the wait (a late fabric, a hot-added path) do.  -p: the
 * exit of a process instead (the hand-over's multipathd). */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>
#include <sys/poll.h>
#include <sys/socket.h>
#include <sys/times.h>
#include <unistd.h>
#include <linux/netlink.h>

#include "clock.h"
#include "log.h"
#include "mpath.h"
#include "mpboot_syscall.h"
#include "mpinit.h"
#include "uevent.h"
#include "uevent_io.h"

static unsigned int count_sd(void)
{
	DIR *d = opendir("/sys/block");
	struct dirent *de;
	unsigned int n = 0;

	if (!d)
		return 0;
	while ((de = readdir(d)))
		if (mp_is_sd_disk(de->d_name))
			n++;
	closedir(d);
	return n;
}

static int root_ok(const struct wait_opts *o)
{
	struct root_found f;

	return !o->root || !find_root(o->root, o->any, &f);
}

int wait_paths(const struct wait_opts *o)
{
	unsigned long start = clock_ms(), last = start, now;
	unsigned int disks, fresh = 0;
	char buf[8192 + 1];
	int fd;

	/* -p PID: until PID has exited (a zombie has: its fds are closed),
	 * told by a pidfd (Linux 5.3) instead of polling /proc in steps;
	 * no pidfd (ESRCH) is a process gone already (an older kernel's
	 * ENOSYS: no wait, as for a daemon without a pid file) */
	if (o->pid) {
		struct pollfd p = { (int)mpboot_syscall5(__NR_pidfd_open, o->pid, 0, 0, 0, 0),
				    POLLIN, 0 };

		return p.fd < 0 || poll(&p, 1, (int)o->timeout_ms) > 0 ? 0 : -ETIMEDOUT;
	}
	fd = uevent_open();

	if (fd < 0)
		log_err(fd, "uevent socket (polling instead):");
	/* Count after the socket is open: a disk added in between is seen
	 * twice at worst, never missed. */
	disks = count_sd();
	for (;;) {
		long wait;

		now = clock_ms();
		if (disks >= o->min && (!o->need_new || fresh) &&
		    ((o->settled && !fresh) || now - last >= o->quiet_ms) &&
		    root_ok(o))
			break;
		if (now - start >= o->timeout_ms) {
			if (fd >= 0)
				close(fd);
			log_msg("timeout after %lu ms: %u sd disk%s, %u new",
				now - start, disks, disks == 1 ? "" : "s",
				fresh);
			return -ETIMEDOUT;
		}
		wait = (long)(o->timeout_ms - (now - start));
		if (now - last < o->quiet_ms &&
		    (long)(o->quiet_ms - (now - last)) < wait)
			wait = (long)(o->quiet_ms - (now - last));
		if (wait > 200)
			wait = 200; /* re-check root and /sys now and then */
		if (fd < 0) {
			struct timespec ts = { 0, wait * 1000000L };
			unsigned int n;

			nanosleep(&ts, NULL);
			n = count_sd();
			if (n > disks) {
				fresh += n - disks;
				last = clock_ms();
			}
			disks = n;
			continue;
		}
		{
			struct pollfd p = { .fd = fd, .events = POLLIN };
			struct uevent u;
			ssize_t len;

			if (poll(&p, 1, wait) <= 0)
				continue;
			len = recv(fd, buf, sizeof(buf) - 1, MSG_DONTWAIT);
			if (len <= 0 || uevent_parse(buf, (size_t)len, &u) ||
			    !uevent_is_new_sd_disk(&u))
				continue;
			disks++;
			fresh++;
			last = clock_ms();
			if (getenv("MPBOOT_DEBUG"))
				log_msg("+%lu ms: %s", last - start,
					u.devname);
		}
	}
	if (fd >= 0)
		close(fd);
	log_msg("%u sd disk%s (%u new) after %lu ms", disks,
		disks == 1 ? "" : "s", fresh, now - start);
	return 0;
}
