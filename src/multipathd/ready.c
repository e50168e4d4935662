/* Which path an answer belongs to, for the loop's dispatch (daemon.c),
 * and which paths an RTPG answer is for (its LU's).  Pure: over the path
 * records (and the scan's WWIDs) only, host-tested in tests/t_pathstate.c.
 *
 * Searching every path for each answer was quadratic: with every check
 * of 4 096 paths answered in one turn, 8 M compares a sweep (134 M at
 * 16 384 paths) on a loop that must also keep the interval.  The same
 * went for an RTPG answer's LU (16.8 M compares a sweep at 4 096 paths
 * with the alua prioritiser): its paths are a ring now, made once per
 * rescan. */
#include <string.h>

#include "hidx.h"
#include "mpath.h"
#include "pathstate.h"

size_t dp_by_fd(const struct dpath *dp, size_t n, int fd, size_t *at)
{
	size_t k;

	for (k = *at; k < n; k++)
		if (dp[k].pending && dp[k].fd == fd) {
			*at = k + 1;
			return k;
		}
	return n;
}

size_t dp_by_aio(const struct dpath *dp, size_t n, uint64_t id)
{
	size_t k = (size_t)(id & 0xffffffffu);

	if (k < n && dp[k].pending && dp[k].aio_id == id)
		return k;
	/* sent before a rescan moved the records: rare, searched for */
	for (k = 0; k < n; k++)
		if (dp[k].pending && dp[k].aio_id == id)
			break;
	return k;
}

/* Backwards, so the index keeps each LU's highest path t: a path put in
 * right after t comes before the ones put in earlier, and the ring runs
 * t, then the LU's paths upwards from its lowest, back to t.  The index
 * holds one entry an LU, and only while this runs. */
void dp_lu_link(struct dpath *dp, const struct mp_path *mp, size_t n)
{
	struct hidx h = { 0 };
	size_t i;

	for (i = n; i-- > 0;) {
		uint32_t hash = hidx_str(mp[i].wwid);
		long t = hidx_find(&h, hash, mp_path_wwid_eq, mp, mp[i].wwid);

		dp[i].lu_next = (uint32_t)i;
		if (t < 0) {
			/* the LU's highest path; out of memory, its
			 * lower paths make their own ring */
			hidx_add(&h, hash, i);
		} else {
			dp[i].lu_next = dp[t].lu_next;
			dp[t].lu_next = (uint32_t)i;
		}
	}
	hidx_free(&h);
}

size_t dp_lu_first(const struct dpath *dp, size_t k)
{
	while (dp[k].lu_next > k)
		k = dp[k].lu_next;
	return dp[k].lu_next;
}
