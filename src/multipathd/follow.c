/* multipathd follows path priorities (issue 10).
 *
 * After each check that finds a path up, its priority source is looked
 * at again the cheap way (scsi_dh_alua's access_state / preferred_path in
 * sysfs; one RTPG for the alua prioritiser; const and weightedpath do not
 * move: mp_prio_moved).  A move makes the next loop turn re-plan every
 * map (reconfigure: priorities recomputed, group_by_prio regrouped by the
 * same mp_table_build multipath uses, a map reloaded only if its table
 * changed; a reload starts I/O on the table's first, best group).  Then
 * each map with a moved path goes to its best group (mp_best_pg) as
 * failback says: immediate at once, N seconds later, manual and
 * followover (which waits for a path to come up) not, as multipath-tools
 * does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon.h"
#include "log.h"
#include "prio.h"
#include "str.h"

void mpd_prio_check(struct mpd *d, struct dpath *p)
{
	struct mp_path *mp = &d->scan.paths[p - d->dp];
	char a[96], st[sizeof(mp->access_state)] = "", pr[8];
	char (*m)[MP_DEV_LEN];
	int pref = -1;
	size_t i;

	/* const and weightedpath never move: no reads for them */
	if (p->map < 0 || p->chk != CHK_UP ||
	    (strcmp(mp->prio_name, "sysfs") && strcmp(mp->prio_name, "alua")))
		return;
	if (!str_fmt(a, sizeof(a), "/sys/block/%s/device/access_state", mp->dev) &&
	    read_attr(a, st, sizeof(st)))
		st[0] = '\0';
	if (!str_fmt(a, sizeof(a), "/sys/block/%s/device/preferred_path", mp->dev) &&
	    !read_attr(a, pr, sizeof(pr)))
		pref = pr[0] == '1';
	if (!mp_prio_moved(mp, st, pref, d->scan.devdir))
		return;
	log_msg("%s: priority source moved (%s%s -> %s%s): regrouping", mp->dev,
		mp->access_state, mp->pref > 0 ? " preferred" : "", st,
		pref > 0 ? " preferred" : "");
	/* the re-plan rescans: it reads these again and sets mp->prio */
	str_copy(mp->access_state, st, sizeof(mp->access_state));
	mp->pref = (int8_t)pref;
	d->reconf = 1;
	for (i = 0; i < d->nmoved; i++)
		if (!strcmp(d->moved[i], mp->dev))
			return;
	m = realloc(d->moved, (d->nmoved + 1) * sizeof(*m));
	if (!m)
		return; /* the regroup still happens; only the switch is lost */
	d->moved = m;
	str_copy(d->moved[d->nmoved++], mp->dev, sizeof(*m));
}

static void switch_best(struct mpd *d, size_t map, uint64_t now)
{
	struct mp_pgprio *v = calloc(d->scan.n + 1, sizeof(*v));
	size_t i, n = 0;
	int best, r;
	char msg[32];

	if (!v)
		return;
	for (i = 0; i < d->scan.n; i++) {
		const struct dpath *p = &d->dp[i];

		if (p->map != (int)map)
			continue;
		v[n].pg = p->pg;
		v[n].prio = d->scan.paths[i].prio;
		v[n++].up = p->chk != CHK_DOWN && !p->dm_failed;
	}
	best = mp_best_pg(v, n);
	free(v);
	/* sent even if the kernel is on it already: a status read per map
	 * costs more than the message */
	if (best < 0)
		return;
	if (d->failback > 0) {
		d->maps[map].failback_at = now + (uint64_t)d->failback * 1000u;
		return;
	}
	snprintf(msg, sizeof(msg), "switch_group %d", best + 1);
	r = dm_message(&d->dm, d->maps[map].name, 0, msg);
	if (r)
		log_err(r, "%s: %s: %s:", d->maps[map].name, msg, d->dm.what);
	else
		log_msg("%s: priorities moved: %s", d->maps[map].name, msg);
}

void mpd_prio_failback(struct mpd *d, uint64_t now)
{
	unsigned char *hit;
	size_t i, k;

	if (!d->nmoved)
		return;
	hit = calloc(d->nmaps + 1, 1);
	for (k = 0; hit && k < d->nmoved; k++)
		for (i = 0; i < d->scan.n; i++)
			if (d->dp[i].map >= 0 && !strcmp(d->scan.paths[i].dev, d->moved[k]))
				hit[d->dp[i].map] = 1;
	free(d->moved);
	d->moved = NULL;
	d->nmoved = 0;
	/* followover fails back only when a path comes up (result()) */
	for (i = 0; hit && d->failback != FB_MANUAL && d->failback != FB_FOLLOWOVER &&
		    i < d->nmaps; i++)
		if (hit[i])
			switch_best(d, i, now);
	free(hit);
}
