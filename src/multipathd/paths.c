/* multipathd's path records (moved out of daemon.c): the lookups by devt
 * and by name, and the path-state machine's view of the records with the
 * sink that sends its DM messages.  Below every room that uses them, so
 * none of them has to reach up into the loop. */
#include <string.h>

#include "log.h"
#include "state.h"

struct dpath *path_by_devt(struct mpd *d, unsigned int ma, unsigned int mi)
{
	size_t i;

	for (i = 0; i < d->scan.n; i++)
		if (d->scan.paths[i].maj == ma && d->scan.paths[i].min == mi)
			return &d->dp[i];
	return NULL;
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
	d->ps = (struct ps){ d->dp, d->scan.n, d->maps, d->nmaps, d->interval_ms, sink, d };
}
