/* multipathd's path records (moved out of daemon.c): the lookups by devt
 * and by name, and the path-state machine's view of the records with the
 * sink that sends its DM messages.  Below every room that uses them, so
 * none of them has to reach up into the loop. */
#include <string.h>

#include "log.h"
#include "state.h"

/* Lookups by device number go through d->devt, an index of d->dp made
 * by each rescan (rescan.c): one linear search per path of every map at
 * adoption was quadratic (16 384 paths: 134 M compares). */
uint32_t devt_hash(unsigned int ma, unsigned int mi)
{
	return hidx_u32(ma << 20 | mi);
}

static int dp_eq(const void *arr, size_t i, const void *key)
{
	const struct dpath *p = (const struct dpath *)arr + i;
	const unsigned int *k = key;

	return p->maj == k[0] && p->min == k[1];
}

long dp_find(const struct hidx *h, const struct dpath *dp, unsigned int ma, unsigned int mi)
{
	unsigned int k[2] = { ma, mi };

	return hidx_find(h, devt_hash(ma, mi), dp_eq, dp, k);
}

struct dpath *path_by_devt(struct mpd *d, unsigned int ma, unsigned int mi)
{
	long k = dp_find(&d->devt, d->dp, ma, mi);

	return k < 0 ? NULL : &d->dp[k];
}

struct dpath *path_by_name(struct mpd *d, const char *dev)
{
	size_t i;

	for (i = 0; i < d->scan.n; i++)
		if (!strcmp(d->scan.paths[i].dev, dev))
			return &d->dp[i];
	return NULL;
}

/* The path-state machine's sink: each of its decisions is one DM target
 * message (no I/O to the paths), logged. */
static void sink(void *arg, int map, const struct dpath *p, const char *text)
{
	struct mpd *d = arg;
	const char *name = d->maps[map].name;
	int r = dm_message(&d->dm, name, 0, text);

	if (r)
		log_err(r, "%s: %s: %s:", name, text, d->dm.what);
	else if (d->verbose >= 2 && p)
		log_msg("%s: %s (%s)", name, text, d->scan.paths[p - d->dp].dev);
	else if (d->verbose >= 2)
		log_msg("%s: %s", name, text);
}

void ps_sync(struct mpd *d)
{
	d->ps = (struct ps){ d->dp, d->scan.n, d->maps, d->nmaps, d->interval_ms, d->max_wait_ms,
			     sink, d };
}
