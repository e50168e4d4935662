/* Which path an answer belongs to, for the loop's dispatch (daemon.c).
 * Pure: over the path records only, host-tested in tests/t_pathstate.c.
 *
 * Searching every path for each answer was quadratic: with every check
 * of 4 096 paths answered in one turn, 8 M compares a sweep (134 M at
 * 16 384 paths) on a loop that must also keep the interval. */
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
