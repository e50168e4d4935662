/* Host tests of multipathd's path-state machine (src/multipathd/pathstate.c),
 * with no kernel and no sockets: the sink records each DM message as
 * "map:text|" and every case compares the whole sequence.
 * Invariants: a path is failed once when it goes down and reinstated once
 * when it comes back (also when a reload made the kernel take it as
 * active again); a healthy path backs off to 4 intervals, a failed one is
 * checked every interval; after a reinstate the map goes to its first
 * usable group at once (immediate, followover), N s later (N, on the tick
 * that reaches it) or never (manual); no_path_retry queues for ever
 * (queue), fails at once (fail), or fails after exactly N intervals
 * without a usable path and queues again as soon as one is back, each
 * change sent once; an unset no_path_retry sends nothing; a priority move
 * fails back immediate and N maps only; paths in no map send nothing. */
#include <stdio.h>
#include <string.h>

#include "../src/multipathd/pathstate.h"
#include "unit.h"

#define IV 1000u /* the checker interval (ms) */

struct fx {
	struct dpath dp[4];
	struct dmap maps[3];
	struct ps s;
	char log[512];
};

static void rec(void *arg, int map, const struct dpath *p, const char *text)
{
	struct fx *f = arg;
	size_t l = strlen(f->log);

	/* a path message names its path, a map message none */
	if (p && (p->map != map || !strstr(text, "_path ")))
		snprintf(f->log + l, sizeof(f->log) - l, "BAD %d:%s|", map, text);
	else
		snprintf(f->log + l, sizeof(f->log) - l, "%d:%s|", map, text);
}

/* Map 0 with A (8:0, group 1) and B (8:16, group 2), both up and in use;
 * maps 1 and 2 with C (8:32) and D (8:48); no_path_retry unset. */
static void fx_init(struct fx *f, int failback)
{
	unsigned int i;

	memset(f, 0, sizeof(*f));
	for (i = 0; i < 4; i++) {
		f->dp[i].maj = 8;
		f->dp[i].min = 16 * i;
		f->dp[i].chk = CHK_UP;
		f->dp[i].backoff = 0;
		f->dp[i].fd = -1;
	}
	f->dp[1].pg = 1;
	f->dp[2].map = 1;
	f->dp[3].map = 2;
	for (i = 0; i < 3; i++) {
		f->maps[i].failback = failback;
		npr_init(&f->maps[i].npr, NPR_UNDEF, 0);
	}
	f->s = (struct ps){ f->dp, 4, f->maps, 3, IV, 4 * IV, rec, f };
}

/* the messages since the last call */
static int seq(struct fx *f, const char *want)
{
	int ok = !strcmp(f->log, want);

	if (!ok)
		printf("# got \"%s\", want \"%s\"\n", f->log, want);
	f->log[0] = '\0';
	return ok;
}

static void t_fail_reinstate(void)
{
	struct fx f;
	struct dpath *a = &f.dp[0];

	fx_init(&f, FB_IMMEDIATE);
	ps_result(&f.s, a, CHK_DOWN, 1000);
	EXPECT(seq(&f, "0:fail_path 8:0|"), "fail", "down");
	EXPECT_INT(a->dm_failed, 1, "fail");
	EXPECT_INT(a->due, 1000 + IV, "fail");
	ps_result(&f.s, a, CHK_DOWN, 2000);
	EXPECT(seq(&f, ""), "fail", "down again: sent twice");
	ps_result(&f.s, a, CHK_UP, 3000);
	EXPECT(seq(&f, "0:reinstate_path 8:0|0:switch_group 1|"), "fail", "up");
	EXPECT_INT(a->dm_failed, 0, "fail");
	ps_result(&f.s, a, CHK_UP, 4000);
	EXPECT(seq(&f, ""), "fail", "up again: sent twice");
	UNIT_PASS("fail");
}

/* 1, 2, 3, 4, 4 intervals while up; 1 once down */
static void t_backoff(void)
{
	/* up after up doubles the wait up to max_polling_interval (4 x) */
	static const unsigned int want[] = { 2, 4, 4, 4 };
	struct fx f;
	struct dpath *a = &f.dp[0];
	unsigned int i;

	fx_init(&f, FB_MANUAL);
	for (i = 0; i < 4; i++) {
		ps_result(&f.s, a, CHK_UP, 10000);
		EXPECT_INT(a->due, 10000 + want[i] * IV, "backoff");
	}
	ps_result(&f.s, a, CHK_DOWN, 20000);
	EXPECT_INT(a->backoff, 0, "backoff");
	EXPECT_INT(a->due, 20000 + IV, "backoff");
	ps_result(&f.s, a, CHK_UP, 21000);
	EXPECT_INT(a->due, 21000 + IV, "backoff"); /* the first up after down */
	EXPECT(seq(&f, "0:fail_path 8:0|0:reinstate_path 8:0|"), "backoff", "messages");
	UNIT_PASS("backoff");
}

/* The first group with a path neither down nor failed. */
static void t_failback_group(void)
{
	struct fx f;

	fx_init(&f, FB_IMMEDIATE);
	ps_result(&f.s, &f.dp[0], CHK_DOWN, 1000);
	ps_result(&f.s, &f.dp[1], CHK_DOWN, 1000);
	ps_failback(&f.s, 0);
	EXPECT(seq(&f, "0:fail_path 8:0|0:fail_path 8:16|"), "failback-group", "none usable");
	ps_result(&f.s, &f.dp[1], CHK_UP, 2000);
	EXPECT(seq(&f, "0:reinstate_path 8:16|0:switch_group 2|"), "failback-group", "B");
	ps_result(&f.s, &f.dp[0], CHK_UP, 3000);
	EXPECT(seq(&f, "0:reinstate_path 8:0|0:switch_group 1|"), "failback-group", "A");
	UNIT_PASS("failback-group");
}

static void t_failback_manual(void)
{
	struct fx f;

	fx_init(&f, FB_MANUAL);
	ps_result(&f.s, &f.dp[0], CHK_DOWN, 1000);
	ps_result(&f.s, &f.dp[0], CHK_UP, 2000);
	ps_tick(&f.s, 100000);
	EXPECT(seq(&f, "0:fail_path 8:0|0:reinstate_path 8:0|"), "failback-manual", "seq");
	EXPECT_INT(f.maps[0].failback_at, 0, "failback-manual");
	f.dp[0].moved = 1;
	ps_moved(&f.s, 200000);
	EXPECT(seq(&f, ""), "failback-manual", "moved");
	EXPECT_INT(f.dp[0].moved, 0, "failback-manual");
	UNIT_PASS("failback-manual");
}

/* followover: back when a path comes up, not when priorities move */
static void t_failback_followover(void)
{
	struct fx f;

	fx_init(&f, FB_FOLLOWOVER);
	ps_result(&f.s, &f.dp[0], CHK_DOWN, 1000);
	ps_result(&f.s, &f.dp[0], CHK_UP, 2000);
	EXPECT(seq(&f, "0:fail_path 8:0|0:reinstate_path 8:0|0:switch_group 1|"),
	       "failback-followover", "up");
	f.dp[1].moved = 1;
	ps_moved(&f.s, 3000);
	ps_tick(&f.s, 100000);
	EXPECT(seq(&f, ""), "failback-followover", "moved");
	UNIT_PASS("failback-followover");
}

/* failback 10: switch_group on the first tick at or past 10 s after the
 * reinstate, once */
static void t_failback_n(void)
{
	struct fx f;

	fx_init(&f, 10);
	ps_result(&f.s, &f.dp[0], CHK_DOWN, 1000);
	ps_result(&f.s, &f.dp[0], CHK_UP, 5000);
	EXPECT(seq(&f, "0:fail_path 8:0|0:reinstate_path 8:0|"), "failback-n", "up");
	EXPECT_INT(f.maps[0].failback_at, 15000, "failback-n");
	ps_tick(&f.s, 14999);
	EXPECT(seq(&f, ""), "failback-n", "early");
	ps_tick(&f.s, 15000);
	EXPECT(seq(&f, "0:switch_group 1|"), "failback-n", "due");
	EXPECT_INT(f.maps[0].failback_at, 0, "failback-n");
	ps_tick(&f.s, 16000);
	EXPECT(seq(&f, ""), "failback-n", "twice");
	UNIT_PASS("failback-n");
}

/* A reload since the failure: the kernel has the path active again, the
 * daemon still knows it down; up reinstates it all the same. */
static void t_after_reload(void)
{
	struct fx f;

	fx_init(&f, FB_IMMEDIATE);
	f.dp[0].chk = CHK_DOWN;
	f.dp[0].dm_failed = 0;
	f.dp[1].chk = CHK_DOWN;
	f.dp[1].dm_failed = 1;
	/* B back: A, down though the kernel has it active, is no group to
	 * go to */
	ps_result(&f.s, &f.dp[1], CHK_UP, 1000);
	EXPECT(seq(&f, "0:reinstate_path 8:16|0:switch_group 2|"), "after-reload", "B up");
	ps_result(&f.s, &f.dp[0], CHK_UP, 2000);
	EXPECT(seq(&f, "0:reinstate_path 8:0|0:switch_group 1|"), "after-reload", "A up");
	UNIT_PASS("after-reload");
}

static void t_no_map(void)
{
	struct fx f;

	fx_init(&f, FB_IMMEDIATE);
	f.dp[0].map = -1;
	ps_result(&f.s, &f.dp[0], CHK_DOWN, 1000);
	ps_result(&f.s, &f.dp[0], CHK_UP, 2000);
	EXPECT(seq(&f, ""), "no-map", "messages");
	EXPECT_INT(f.dp[0].due, 2000 + IV, "no-map");
	UNIT_PASS("no-map");
}

/* no_path_retry 3 on map 0: three intervals with no usable path, then
 * fail; a path back queues again and starts the count over. */
static void t_npr_n(void)
{
	struct fx f;
	unsigned int i;

	fx_init(&f, FB_MANUAL);
	npr_init(&f.maps[0].npr, 3, 1);
	ps_tick(&f.s, 1000);
	EXPECT(seq(&f, ""), "npr-n", "paths up");
	ps_result(&f.s, &f.dp[0], CHK_DOWN, 1000);
	f.dp[1].dm_failed = 1; /* failed by the kernel (dm event) counts as down */
	EXPECT(seq(&f, "0:fail_path 8:0|"), "npr-n", "down");
	for (i = 0; i < 2; i++) {
		ps_tick(&f.s, 2000 + i * IV);
		EXPECT(seq(&f, ""), "npr-n", "before N");
	}
	ps_tick(&f.s, 4000);
	EXPECT(seq(&f, "0:fail_if_no_path|"), "npr-n", "N");
	ps_tick(&f.s, 5000);
	EXPECT(seq(&f, ""), "npr-n", "after N");
	ps_result(&f.s, &f.dp[0], CHK_UP, 5500);
	ps_tick(&f.s, 6000);
	EXPECT(seq(&f, "0:reinstate_path 8:0|0:queue_if_no_path|"), "npr-n", "back");
	ps_result(&f.s, &f.dp[0], CHK_DOWN, 6500);
	for (i = 0; i < 2; i++)
		ps_tick(&f.s, 7000 + i * IV);
	EXPECT(seq(&f, "0:fail_path 8:0|"), "npr-n", "count over");
	ps_tick(&f.s, 9000);
	EXPECT(seq(&f, "0:fail_if_no_path|"), "npr-n", "N again");
	UNIT_PASS("npr-n");
}

/* queue / fail: the map is set once to match, whatever the paths do;
 * unset: never a message. */
static void t_npr_modes(void)
{
	struct fx f;

	fx_init(&f, FB_MANUAL);
	npr_init(&f.maps[1].npr, NPR_QUEUE, 0);
	npr_init(&f.maps[2].npr, NPR_FAIL, 1);
	ps_tick(&f.s, 1000);
	EXPECT(seq(&f, "1:queue_if_no_path|2:fail_if_no_path|"), "npr-modes", "first");
	ps_result(&f.s, &f.dp[2], CHK_DOWN, 1000);
	ps_result(&f.s, &f.dp[3], CHK_DOWN, 1000);
	ps_tick(&f.s, 2000);
	ps_tick(&f.s, 3000);
	EXPECT(seq(&f, "1:fail_path 8:32|2:fail_path 8:48|"), "npr-modes", "down");
	/* unset on map 0: nothing when every path is down */
	ps_result(&f.s, &f.dp[0], CHK_DOWN, 3000);
	ps_result(&f.s, &f.dp[1], CHK_DOWN, 3000);
	ps_tick(&f.s, 4000);
	ps_tick(&f.s, 5000);
	EXPECT(seq(&f, "0:fail_path 8:0|0:fail_path 8:16|"), "npr-modes", "unset");
	UNIT_PASS("npr-modes");
}

/* A priority move: immediate maps fail back now, N maps N s later,
 * manual and followover (map 2 here) not; the flags are cleared. */
static void t_moved(void)
{
	struct fx f;
	unsigned int i;

	fx_init(&f, FB_IMMEDIATE);
	f.maps[1].failback = 5;
	f.maps[2].failback = FB_FOLLOWOVER;
	for (i = 0; i < 4; i++)
		f.dp[i].moved = 1;
	ps_moved(&f.s, 1000);
	/* map 0 has two moved paths: one switch_group each, as before */
	EXPECT(seq(&f, "0:switch_group 1|0:switch_group 1|"), "moved", "now");
	EXPECT_INT(f.maps[1].failback_at, 6000, "moved");
	EXPECT_INT(f.maps[2].failback_at, 0, "moved");
	for (i = 0; i < 4; i++)
		EXPECT_INT(f.dp[i].moved, 0, "moved");
	ps_tick(&f.s, 6000);
	EXPECT(seq(&f, "1:switch_group 1|"), "moved", "N");
	ps_moved(&f.s, 7000);
	EXPECT(seq(&f, ""), "moved", "cleared");
	UNIT_PASS("moved");
}

/* fail path / reinstate path by hand, and the kernel's own dm events */
static void t_force_events(void)
{
	struct fx f;
	struct dpath *b = &f.dp[1];

	fx_init(&f, FB_MANUAL);
	ps_force(&f.s, b, 1);
	EXPECT_INT(b->dm_failed, 1, "force");
	ps_force(&f.s, b, 0);
	EXPECT_INT(b->dm_failed, 0, "force");
	EXPECT(seq(&f, "0:fail_path 8:16|0:reinstate_path 8:16|"), "force", "seq");
	b->due = 50000;
	ps_dm_event(b, 1, 7000);
	EXPECT_INT(b->dm_failed, 1, "force");
	EXPECT_INT(b->due, 7000, "force"); /* checked at once */
	ps_result(&f.s, b, CHK_UP, 7100);
	EXPECT(seq(&f, "0:reinstate_path 8:16|"), "force", "after PATH_FAILED");
	ps_dm_event(b, 1, 8000);
	ps_dm_event(b, 0, 9000);
	EXPECT_INT(b->dm_failed, 0, "force");
	EXPECT_INT(b->due, 8000, "force");
	EXPECT(seq(&f, ""), "force", "events send nothing");
	UNIT_PASS("force");
}

/* ready.c.  Invariants: one pass over the ready fds of n paths in path
 * order compares n records in all (*at only moves forward; searching
 * from path 0 for each answer made n * n / 2: 8 M at 4 096 paths);
 * records before *at are never looked at; a completion's id finds its
 * path by the index it carries, and one sent before a rescan moved the
 * records is still found. */
#define NR 4096
static struct dpath rd[NR];

static void t_ready(void)
{
	size_t i, k, at = 0, steps = 0;

	for (i = 0; i < NR; i++)
		rd[i] = (struct dpath){ .fd = 100 + (int)i, .pending = i % 3 != 2 };
	for (i = 0; i < NR; i++) {
		size_t was = at;

		if (!rd[i].pending)
			continue;
		k = dp_by_fd(rd, NR, rd[i].fd, &at);
		EXPECT_INT(k, i, "ready");
		steps += at - was;
	}
	EXPECT(steps <= NR, "ready", "%zu compares for %d records", steps, NR);
	rd[0].fd = rd[10].fd = 5; /* a closed fd's number taken again */
	at = 1;
	EXPECT_INT(dp_by_fd(rd, NR, 5, &at), 10, "ready");
	EXPECT_INT(dp_by_fd(rd, NR, 5, &at), NR, "ready");
	EXPECT_INT(at, 11, "ready");
	rd[7].aio_id = rd[1].aio_id = DP_AIO_ID(3, 7);
	EXPECT_INT(dp_by_aio(rd, NR, DP_AIO_ID(3, 7)), 7, "ready"); /* by index */
	rd[21].aio_id = DP_AIO_ID(9, 50); /* sent as path 50, now path 21 */
	EXPECT_INT(dp_by_aio(rd, NR, DP_AIO_ID(9, 50)), 21, "ready");
	rd[21].pending = 0;
	EXPECT_INT(dp_by_aio(rd, NR, DP_AIO_ID(9, 50)), NR, "ready");
	UNIT_PASS("ready");
}

int main(void)
{
	unit_suite = "pathstate";
	t_fail_reinstate();
	t_backoff();
	t_failback_group();
	t_failback_manual();
	t_failback_followover();
	t_failback_n();
	t_after_reload();
	t_no_map();
	t_npr_n();
	t_npr_modes();
	t_moved();
	t_force_events();
	t_ready();
	return UNIT_DONE();
}
