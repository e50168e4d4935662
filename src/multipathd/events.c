/* multipathd's events: the kernel's uevents about disks and maps.
 *
 * An sd disk added, removed or changed marks a rescan due RESCAN_QUIET_MS
 * after the last such event, and never later than RESCAN_MAX_MS after
 * the first: a burst of 256 paths is then one scan and one reload per map
 * rather than 256.  A dm event (PATH_FAILED, PATH_REINSTATED) of a path
 * goes to the path-state machine at once.  The socket is non-blocking and
 * uevent_recv takes only the kernel's messages (the loop rule, daemon.c).
 */
#include <errno.h>
#include <string.h>

#include "state.h"
#include "str.h"
#include "uevent.h"
#include "uevent_io.h"

#define RESCAN_QUIET_MS 500
#define RESCAN_MAX_MS 2000

/* Every uevent queued on d->ufd, read until none is left; now: when poll
 * returned.  A lost message (ENOBUFS) makes the next turn rescan all. */
void mpd_uevents(struct mpd *d, uint64_t now)
{
	char buf[8193];
	struct uevent u;
	ssize_t n;
	unsigned int ma, mi;

	while ((n = uevent_recv(d->ufd, buf, sizeof(buf) - 1)) != 0) {
		if (n < 0) {
			if (n == -ENOBUFS) /* lost some: rescan all */
				d->reconf = 1;
			if (n != -EINTR)
				return;
			continue;
		}
		if (uevent_parse(buf, (size_t)n, &u))
			continue;
		d->events++;
		if (uevent_is_sd_disk(&u) &&
		    (!strcmp(u.action, "add") || !strcmp(u.action, "remove") ||
		     !strcmp(u.action, "change"))) {
			if (!strcmp(u.action, "add"))
				unhide(&d->hidden, u.devname); /* a new device of that name */
			if (!d->rescan_at)
				d->rescan_first = now;
			d->rescan_at = now + RESCAN_QUIET_MS;
			if (d->rescan_at > d->rescan_first + RESCAN_MAX_MS)
				d->rescan_at = d->rescan_first + RESCAN_MAX_MS;
		} else if (!strcmp(u.action, "change") && u.dm_action[0] &&
			   !str_to_majmin(u.dm_path, &ma, &mi)) {
			struct dpath *p = path_by_devt(d, ma, mi);

			if (p && !strcmp(u.dm_action, "PATH_FAILED"))
				ps_dm_event(p, 1, now);
			else if (p && !strcmp(u.dm_action, "PATH_REINSTATED"))
				ps_dm_event(p, 0, now);
		}
	}
}
