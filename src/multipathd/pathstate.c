/* The path-state machine, see pathstate.h.  Every decision about a
 * path's state and its map's group or queueing is made here; the loop
 * only reads verdicts and sends what the sink gets. */
#include <stdio.h>

#include "pathstate.h"

static void path_msg(const struct ps *s, const struct dpath *p, const char *what)
{
	char m[64];

	snprintf(m, sizeof(m), "%s %u:%u", what, p->maj, p->min);
	s->sink(s->arg, p->map, p, m);
}

void ps_failback(const struct ps *s, int map)
{
	unsigned int best = ~0u;
	size_t i;
	char m[32];

	for (i = 0; i < s->n; i++) {
		const struct dpath *p = &s->dp[i];

		if (p->map == map && p->chk != CHK_DOWN && !p->dm_failed && p->pg < best)
			best = p->pg;
	}
	if (best == ~0u)
		return;
	snprintf(m, sizeof(m), "switch_group %u", best + 1);
	s->sink(s->arg, map, NULL, m);
}

void ps_result(const struct ps *s, struct dpath *p, enum chk c, uint64_t now)
{
	enum chk was = p->chk;
	int fb;

	p->chk = c;
	/* a failed path is checked every interval; a healthy one backs off
	 * to max_polling_interval (backoff.c) */
	p->due = now + mpd_next_wait(&p->backoff, c == CHK_UP && was == CHK_UP,
				     s->interval_ms, s->max_wait_ms);
	if (p->map < 0)
		return;
	if (c == CHK_DOWN && !p->dm_failed) {
		path_msg(s, p, "fail_path");
		p->dm_failed = 1;
	} else if (c == CHK_UP && (p->dm_failed || was == CHK_DOWN)) {
		/* was == CHK_DOWN: a reload (regroup) since the failure
		 * made the kernel take it as active again */
		path_msg(s, p, "reinstate_path");
		p->dm_failed = 0;
		fb = s->maps[p->map].failback;
		if (fb == FB_IMMEDIATE || fb == FB_FOLLOWOVER)
			ps_failback(s, p->map);
		else if (fb > 0)
			s->maps[p->map].failback_at = now + (uint64_t)fb * 1000u;
	}
}

void ps_tick(const struct ps *s, uint64_t now)
{
	size_t i, m;

	/* each map's usable paths in one pass over the paths (a pass a map
	 * was 67 M steps a tick at 16 384 paths in 4 096 maps) */
	for (m = 0; m < s->nmaps; m++)
		s->maps[m].up = 0;
	for (i = 0; i < s->n; i++)
		if (s->dp[i].map >= 0 && !s->dp[i].dm_failed && s->dp[i].chk != CHK_DOWN)
			s->maps[s->dp[i].map].up++;
	for (m = 0; m < s->nmaps; m++) {
		struct dmap *mp = &s->maps[m];
		enum npr_msg q;

		q = npr_tick(&mp->npr, mp->up);
		if (q != NPR_KEEP)
			s->sink(s->arg, (int)m, NULL,
				q == NPR_SEND_QUEUE ? "queue_if_no_path" : "fail_if_no_path");
		if (mp->failback_at && now >= mp->failback_at) {
			mp->failback_at = 0;
			ps_failback(s, (int)m);
		}
	}
}

void ps_moved(const struct ps *s, uint64_t now)
{
	size_t i;

	/* after the re-plan the groups are in priority order, best first;
	 * only the maps of paths that moved (the flag came over the rescan
	 * with the path), each as its own failback says.  followover fails
	 * back only when a path comes up (ps_result) */
	for (i = 0; i < s->n; i++) {
		struct dpath *p = &s->dp[i];
		struct dmap *m;

		if (!p->moved)
			continue;
		p->moved = 0;
		if (p->map < 0)
			continue;
		m = &s->maps[p->map];
		if (m->failback > 0)
			m->failback_at = now + (uint64_t)m->failback * 1000u;
		else if (m->failback == FB_IMMEDIATE)
			ps_failback(s, p->map);
	}
}

void ps_force(const struct ps *s, struct dpath *p, int failed)
{
	path_msg(s, p, failed ? "fail_path" : "reinstate_path");
	p->dm_failed = (uint8_t)failed;
}

void ps_dm_event(struct dpath *p, int failed, uint64_t now)
{
	p->dm_failed = (uint8_t)failed;
	if (failed)
		p->due = now; /* check it now */
}
