/* multipathd's partition maps: a child per map it creates (moved out of
 * daemon.c).  The one room besides the loop that must see every fd of
 * struct mpd: the child closes them all. */
#include <errno.h>
#include <unistd.h>

#include "dmudev.h"
#include "log.h"
#include "partmap.h"
#include "state.h"

/* A map the daemon creates gets its partition maps as the boot's parts
 * phase makes them (the library's kpartx logic, src/lib/engine/partmap.c, "-part"
 * delimiter).  In a child, because reading the partition table is I/O on
 * the new map, which may queue while its paths are down: the checkers must
 * never wait on it.  The child has its own device-mapper context, so its
 * udev cookie is its own, and waits for udev before it exits (a cookie no
 * one waits for is a semaphore left behind).  Children are reaped by the
 * kernel (SIGCHLD ignored with SA_NOCLDWAIT in setup). */
void mpd_kpartx(struct mpd *d, const char *name)
{
	struct dm_ctx dm = { .fd = -1 };
	pid_t pid = fork();
	size_t i;
	int r;

	if (pid < 0) {
		log_err(-errno, "%s: partition maps: fork:", name);
		return;
	}
	if (pid)
		return;
	/* The child may hang on the new map's I/O for as long as it
	 * queues: it keeps none of the daemon's descriptors (a child left
	 * holding the control socket kept the next daemon from starting);
	 * it never execs, so close-on-exec alone would not do */
	conns_close(&d->cl);
	close(d->lfd);
	close(d->ufd);
	close(d->sigfd[0]);
	close(d->sigfd[1]);
	close(d->efd);
	close(d->dm.fd);
	for (i = 0; i < d->scan.n; i++)
		close(d->dp[i].fd);
	r = dm_open(&dm);
	if (!r)
		r = pm_add_map(&dm, "/dev", name, "-part");
	else
		log_err(r, "%s: partition maps: device-mapper:", name);
	if (dm.fd >= 0 && dm_udev_wait(&dm, DM_UDEV_TIMEOUT_MS))
		log_msg("%s: partition maps: udev did not confirm in time", name);
	dm_close(&dm);
	_exit(r ? 1 : 0);
}
