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

/* What the wait has seen: when it began and when the last new disk came
 * (clock_ms()), the sd disks there and how many of them are new. */
struct seen {
	unsigned long start, last;
	unsigned int disks, fresh;
};

/* -p PID: until PID has exited (a zombie has: its fds are closed), told
 * by a pidfd (Linux 5.3) instead of polling /proc in steps; no pidfd
 * (ESRCH) is a process gone already (an older kernel's ENOSYS: no wait,
 * as for a daemon without a pid file). */
static int wait_pid(unsigned int pid, unsigned int timeout_ms)
{
	struct pollfd p = { (int)mpboot_syscall5(__NR_pidfd_open, pid, 0, 0, 0, 0),
			    POLLIN, 0 };

	return p.fd < 0 || poll(&p, 1, (int)timeout_ms) > 0 ? 0 : -ETIMEDOUT;
}

/* How long to wait for a disk before looking again: until the timeout
 * or the end of the quiet time, whichever comes first, and at most
 * 200 ms, so that root and /sys are checked again now and then. */
static long step_ms(const struct wait_opts *o, const struct seen *s,
		    unsigned long now)
{
	long wait = (long)(o->timeout_ms - (now - s->start));

	if (now - s->last < o->quiet_ms &&
	    (long)(o->quiet_ms - (now - s->last)) < wait)
		wait = (long)(o->quiet_ms - (now - s->last));
	return wait > 200 ? 200 : wait;
}

/* Without the uevent socket: sleep, then count the disks again. */
static void step_sleep(struct seen *s, long wait)
{
	struct timespec ts = { 0, wait * 1000000L };
	unsigned int n;

	nanosleep(&ts, NULL);
	n = count_sd();
	if (n > s->disks) {
		s->fresh += n - s->disks;
		s->last = clock_ms();
	}
	s->disks = n;
}

/* With it: the next uevent within wait, counted if it adds an sd disk. */
static void step_uevent(int fd, struct seen *s, long wait)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	char buf[8192 + 1];
	struct uevent u;
	ssize_t len;

	if (poll(&p, 1, wait) <= 0)
		return;
	len = recv(fd, buf, sizeof(buf) - 1, MSG_DONTWAIT);
	if (len <= 0 || uevent_parse(buf, (size_t)len, &u) ||
	    !uevent_is_new_sd_disk(&u))
		return;
	s->disks++;
	s->fresh++;
	s->last = clock_ms();
	if (getenv("MPBOOT_DEBUG"))
		log_msg("+%lu ms: %s", s->last - s->start, u.devname);
}

int wait_paths(const struct wait_opts *o)
{
	struct seen s;
	unsigned long now;
	long wait;
	int fd, r = 0;

	if (o->pid)
		return wait_pid(o->pid, o->timeout_ms);
	fd = uevent_open();
	if (fd < 0)
		log_err(fd, "uevent socket (polling instead):");
	s.start = s.last = clock_ms();
	s.fresh = 0;
	/* Count after the socket is open: a disk added in between is seen
	 * twice at worst, never missed. */
	s.disks = count_sd();
	for (;;) {
		now = clock_ms();
		if (s.disks >= o->min && (!o->need_new || s.fresh) &&
		    ((o->settled && !s.fresh) || now - s.last >= o->quiet_ms) &&
		    root_ok(o))
			break;
		if (now - s.start >= o->timeout_ms) {
			r = -ETIMEDOUT;
			break;
		}
		wait = step_ms(o, &s, now);
		if (fd < 0)
			step_sleep(&s, wait);
		else
			step_uevent(fd, &s, wait);
	}
	if (fd >= 0)
		close(fd);
	if (r)
		log_msg("timeout after %lu ms: %u sd disk%s, %u new", now - s.start,
			s.disks, s.disks == 1 ? "" : "s", s.fresh);
	else
		log_msg("%u sd disk%s (%u new) after %lu ms", s.disks,
			s.disks == 1 ? "" : "s", s.fresh, now - s.start);
	return r;
}
