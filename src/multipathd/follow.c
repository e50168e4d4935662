/* multipathd follows path priorities (issue 10).
 *
 * After each check that finds a path up, its priority source is looked
 * at again the cheap way (scsi_dh_alua's access_state / preferred_path in
 * sysfs; one RTPG for the alua prioritiser, sent asynchronously on the
 * checker's sg node; const and weightedpath do not
 * move: mp_prio_moved).  A move makes the next loop turn re-plan every
 * map (reconfigure: priorities recomputed, group_by_prio regrouped by the
 * same mp_table_build multipath uses, a map reloaded only if its table
 * changed; a reload starts I/O on the table's first, best group).  Then
 * each map goes to its best group as
 * failback says: immediate at once, N seconds later, manual and
 * followover (which waits for a path to come up) not, as multipath-tools
 * does. */
#include <string.h>

#include "daemon.h"
#include "log.h"
#include "prio.h"
#include "prio_io.h"
#include "str.h"

/* A move makes the next loop turn re-plan. */
static void moved(struct mpd *d, struct dpath *p, const struct mp_path *mp,
		  const char *st)
{
	p->moved = 1;
	log_msg("%s: %s -> %s", mp->dev, mp->prio_name[0] == 'a' ? "alua" :
		mp->access_state, st);
	d->reconf = 1;
	d->prio_moved = 1;
}

void mpd_prio_check(struct mpd *d, struct dpath *p, uint64_t now)
{
	struct mp_path *mp = &d->scan.paths[p - d->dp];
	char st[24] = "", pr[8];
	int pref = -1;

	/* const and weightedpath never move: no reads for them */
	if (p->map < 0 || p->chk != CHK_UP ||
	    (strcmp(mp->prio_name, "sysfs") && strcmp(mp->prio_name, "alua")))
		return;
	/* alua on an sg node: the RTPG goes out like a check, its answer
	 * comes to mpd_prio_answer; a device that stops answering it shows
	 * down when its timeout runs out (tick) and stalls nothing */
	if (mp->prio_name[0] == 'a') {
		/* directio's fd is the block device: an RTPG there would be
		 * a synchronous SG_IO in the loop; its rescans' priming
		 * (prime.c) is all it gets */
		if (p->checker != CHECKER_DIRECTIO && p->fd >= 0 && !chk_rtpg_send(d, p)) {
			p->pending = PEND_RTPG;
			p->sent = now;
		}
		return;
	}
	if (read_attrf(st, sizeof(st), "/sys/block/%s/device/access_state", mp->dev))
		st[0] = '\0';
	if (!read_attrf(pr, sizeof(pr), "/sys/block/%s/device/preferred_path", mp->dev))
		pref = pr[0] == '1';
	if (mp_prio_moved(mp, st, pref, NULL)) /* sysfs: no device I/O */
		moved(d, p, mp, st); /* the re-plan reads these again */
}

/* The answer lists every port group of the LU: each of its paths gets
 * its group's state (the next re-plan's, prime.c), and any of them whose
 * priority it moves makes the re-plan (a path that is down sends no RTPG
 * of its own: its group may have gone standby). */
void mpd_prio_answer(struct mpd *d, struct dpath *p, int len)
{
	const char *wwid = d->scan.paths[p - d->dp].wwid;
	size_t k;

	if (!wwid)
		return;
	mpd_prio_spread(d, wwid, len);
	for (k = 0; len > 0 && k < d->scan.n; k++) {
		struct mp_path *mp = &d->scan.paths[k];

		if (d->dp[k].map >= 0 && mp->wwid && !strcmp(mp->wwid, wwid) &&
		    !strcmp(mp->prio_name, "alua") &&
		    mp_prio_alua_moved(mp, d->dp[k].alua - 1))
			moved(d, &d->dp[k], mp, "other port group state");
	}
}

void mpd_prio_failback(struct mpd *d, uint64_t now)
{
	size_t i;

	/* after the re-plan the groups are in priority order, best first
	 * (failback() takes the first usable one); only the maps of paths
	 * that moved (the flag came over the rescan with the path), each as
	 * its own failback says.  followover fails back only when a path
	 * comes up (result()) */
	if (!d->prio_moved)
		return;
	d->prio_moved = 0;
	for (i = 0; i < d->scan.n; i++) {
		struct dpath *p = &d->dp[i];
		struct dmap *m;

		if (!p->moved)
			continue;
		p->moved = 0;
		if (p->map < 0)
			continue;
		m = &d->maps[p->map];
		if (m->failback > 0)
			m->failback_at = now + (uint64_t)m->failback * 1000u;
		else if (m->failback == FB_IMMEDIATE)
			failback(d, p->map);
	}
}
