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
 * does (pathstate.c: ps_moved).  This file sees one path's record and its
 * scan entry; the loop (daemon.c) sends the RTPGs and makes the re-plans. */
#include <string.h>

#include "follow.h"
#include "log.h"
#include "prio.h"
#include "prio_io.h"
#include "str.h"

static void moved(struct dpath *p, const struct mp_path *mp, const char *st)
{
	p->moved = 1;
	log_msg("%s: %s -> %s", mp->dev, mp->prio_name[0] == 'a' ? "alua" :
		mp->access_state, st);
}

int mpd_prio_check(struct dpath *p, const struct mp_path *mp)
{
	char st[24] = "", pr[8];
	int pref = -1;

	/* const and weightedpath never move: no reads for them */
	if (p->map < 0 || p->chk != CHK_UP ||
	    (strcmp(mp->prio_name, "sysfs") && strcmp(mp->prio_name, "alua")))
		return FOLLOW_NONE;
	/* alua on an sg node: the RTPG goes out like a check, its answer
	 * comes to mpd_prio_rtpg; a device that stops answering it shows
	 * down when its timeout runs out (tick) and stalls nothing.
	 * directio's fd is the block device: an RTPG there would be a
	 * synchronous SG_IO in the loop; its rescans' priming (prime.c) is
	 * all it gets */
	if (mp->prio_name[0] == 'a')
		return p->checker != CHECKER_DIRECTIO && p->fd >= 0 ? FOLLOW_RTPG : FOLLOW_NONE;
	if (read_attrf(st, sizeof(st), "/sys/block/%s/device/access_state", mp->dev))
		st[0] = '\0';
	if (!read_attrf(pr, sizeof(pr), "/sys/block/%s/device/preferred_path", mp->dev))
		pref = pr[0] == '1';
	if (!mp_prio_moved(mp, st, pref, NULL)) /* sysfs: no device I/O */
		return FOLLOW_NONE;
	moved(p, mp, st); /* the re-plan reads these again */
	return FOLLOW_MOVED;
}

/* The answer lists every port group of the LU: each of its paths gets
 * its group's state (the next re-plan's, prime.c), and any of them in a
 * map whose priority it moves makes the re-plan (a path that is down
 * sends no RTPG of its own: its group may have gone standby).  Only the
 * LU's paths are looked at (dp_lu_link), in index order: the moves are
 * logged in the order the walk over every path logged them. */
unsigned int mpd_prio_rtpg(struct dpath *dp, const struct mp_path *paths, size_t k,
			   const uint8_t *rtpg, int len)
{
	unsigned int nmoved = 0;
	size_t j = dp_lu_first(dp, k);

	for (; len > 0; j = dp[j].lu_next) {
		const struct mp_path *mp = &paths[j];
		int st = mp->tpg < 0 ? -1 : mp_rtpg_state(rtpg, (size_t)len, (unsigned int)mp->tpg);

		if (st >= 0)
			dp[j].alua = (uint8_t)(st + 1);
		if (dp[j].map >= 0 && !strcmp(mp->prio_name, "alua") &&
		    mp_prio_alua_moved(mp, dp[j].alua - 1)) {
			moved(&dp[j], mp, "other port group state");
			nmoved++;
		}
		if (dp[j].lu_next <= j)
			break;
	}
	return nmoved;
}
