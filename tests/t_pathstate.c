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
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../src/multipathd/follow.h"
#include "../src/multipathd/pathstate.h"
#include "prio.h"
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


/* An RTPG answer's paths (ready.c: dp_lu_link, dp_lu_first; follow.c:
 * mpd_prio_rtpg).  Invariants: each path's ring is exactly the paths of
 * its WWID, upwards from the lowest, one ring a WWID, however the scan
 * interleaves the LUs, also after a rescan carried records over with
 * their old rings; an answer gives the same states, moved flags and
 * count as the walk over every path it replaced; and it reads no record
 * of another LU: while it runs, every page of dp[] and paths[] holding
 * none of its LU's paths is unreadable (the walk over every path, 4 096
 * answers x 4 096 paths = 16.8 M compares a sweep, faults on its first
 * record). */
#define LP 4096 /* paths: path i in LU i % LLU, 4 an LU, LLU apart */
#define LLU 1024
static struct mp_path *lmp;  /* LP, page-aligned (mmap) */
static struct dpath *ldp, *lref;
static char lwwid[LLU + 1][24];
/* RTPG (SPC-4 6.36): group 1 active/optimized and preferred, group 2
 * standby; group 3 not listed */
static const uint8_t lans[] = { 0, 0, 0, 16, 0x80, 0, 0, 1, 0, 0, 0, 0,
				0x02, 0, 0, 2, 0, 0, 0, 0 };
static sigjmp_buf lfault;

static void *lmap(size_t bytes)
{
	void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/* path i; a few in no map, with another prioritiser, with no or an
 * unlisted port group, whose priority the answer moves, or without a
 * WWID (7 and 7 + LLU: an LU of their own) */
static void lu_path(size_t i)
{
	struct mp_path *mp = &lmp[i];
	int g = (int)(i / LLU) % 2 + 1;

	memset(mp, 0, sizeof(*mp));
	snprintf(mp->dev, sizeof(mp->dev), "sd%zu", i);
	mp->wwid = i % LLU == 7 && i < 2 * LLU ? lwwid[LLU] : lwwid[i % LLU];
	mp->prio_name = i % 89 ? "alua" : "const";
	mp->access_state = "";
	mp->tpg = i % 101 ? (i % 103 ? g : 3) : -1;
	mp->prio = i % 512 == 3 ? 50 : g == 1 ? 130 : 1;
	ldp[i] = (struct dpath){ .maj = 8, .min = (unsigned int)i, .fd = -1,
				 .map = i % 97 ? (int)(i % LLU) : -1 };
}

/* rings_ok: every ring single-WWID, upwards, holding its path; nlu
 * rings in all, so one a WWID */
static int rings_ok(const struct dpath *dp, const struct mp_path *mp, size_t n, size_t nlu)
{
	size_t k, j, first, rings = 0;

	for (k = 0; k < n; k++) {
		int seen = 0;

		j = first = dp_lu_first(dp, k);
		rings += first == k;
		for (;; j = dp[j].lu_next) {
			uint32_t nx = dp[j].lu_next;

			seen |= j == k;
			if (nx >= n || strcmp(mp[j].wwid, mp[k].wwid) || (nx > j) != (nx != first))
				return printf("# path %zu: ring through %zu\n", k, j), 0;
			if (nx == first)
				break;
		}
		if (!seen)
			return printf("# path %zu: not in its ring\n", k), 0;
	}
	return rings == nlu || (printf("# %zu rings, want %zu\n", rings, nlu), 0);
}

/* The answer as the walk over every path gave it (the old follow.c and
 * prime.c): the states first, then the moves. */
static unsigned int lu_ref(struct dpath *dp, size_t k, const uint8_t *b, int len)
{
	unsigned int nmoved = 0;
	size_t j;

	for (j = 0; len > 0 && j < LP; j++) {
		int st = lmp[j].tpg < 0 || strcmp(lmp[j].wwid, lmp[k].wwid) ? -1 :
			 mp_rtpg_state(b, (size_t)len, (unsigned int)lmp[j].tpg);

		if (st >= 0)
			dp[j].alua = (uint8_t)(st + 1);
	}
	for (j = 0; len > 0 && j < LP; j++)
		if (dp[j].map >= 0 && !strcmp(lmp[j].wwid, lmp[k].wwid) &&
		    !strcmp(lmp[j].prio_name, "alua") && mp_prio_alua_moved(&lmp[j], dp[j].alua - 1)) {
			dp[j].moved = 1;
			nmoved++;
		}
	return nmoved;
}

/* Each LU answered once, from its last path (7 + LLU for the paths
 * without a WWID), or not at all (an RTPG that failed: len < 0). */
static void t_lu_answers(void)
{
	size_t i, k, moves = 0;

	for (k = LP - LLU; k <= LP; k++) {
		size_t a = k == LP ? 7 + LLU : k;
		unsigned int got = mpd_prio_rtpg(ldp, lmp, a, lans, sizeof(lans));

		EXPECT_INT(got, lu_ref(lref, a, lans, sizeof(lans)), "lu-answer");
		moves += got;
	}
	EXPECT_INT(mpd_prio_rtpg(ldp, lmp, 0, lans, -5), 0, "lu-answer");
	for (i = 0; i < LP; i++)
		EXPECT(ldp[i].alua == lref[i].alua && ldp[i].moved == lref[i].moved, "lu-answer",
		       "path %zu: alua %u moved %u, want %u %u", i, ldp[i].alua, ldp[i].moved,
		       lref[i].alua, lref[i].moved);
	/* some moved, some got no state (none, or an unlisted group) */
	EXPECT(moves >= 4 && !ldp[101].alua && !ldp[103].alua && ldp[1].alua == 0x81,
	       "lu-answer", "%zu moves", moves);
	UNIT_PASS("lu-answer");
}

static void lu_segv(int sig)
{
	siglongjmp(lfault, sig);
}

/* dp[] and paths[] readable where they hold a path of k's WWID (found
 * the slow way, not by the rings under test), or everywhere again */
static void lu_open(size_t k, int all)
{
	static size_t at[LP];
	uintptr_t pg = (uintptr_t)sysconf(_SC_PAGESIZE);
	size_t j, m = 0;

	for (j = 0; !all && j < LP; j++)
		if (lmp[j].wwid == lmp[k].wwid) /* one string an LU here */
			at[m++] = j;
	mprotect(ldp, LP * sizeof(*ldp), all ? PROT_READ | PROT_WRITE : PROT_NONE);
	mprotect(lmp, LP * sizeof(*lmp), all ? PROT_READ | PROT_WRITE : PROT_NONE);
	for (j = 0; j < m; j++) {
		uintptr_t d = (uintptr_t)&ldp[at[j]] & ~(pg - 1);
		uintptr_t p = (uintptr_t)&lmp[at[j]] & ~(pg - 1);

		mprotect((void *)d, (uintptr_t)(&ldp[at[j]] + 1) - d, PROT_READ | PROT_WRITE);
		mprotect((void *)p, (uintptr_t)(&lmp[at[j]] + 1) - p, PROT_READ | PROT_WRITE);
	}
}

/* Each LU's answer with every other LU's records unreadable. */
static void t_lu_local(void)
{
	struct sigaction sa = { .sa_handler = lu_segv }, old;
	volatile size_t k;

	sigaction(SIGSEGV, &sa, &old);
	for (k = LP - LLU; k < LP; k++) {
		if (sigsetjmp(lfault, 1)) {
			lu_open(0, 1);
			sigaction(SIGSEGV, &old, NULL);
			EXPECT(0, "lu-local", "the answer of LU %zu (path %zu) read a record of another LU",
			       k % LLU, (size_t)k);
		}
		lu_open(k, 0);
		mpd_prio_rtpg(ldp, lmp, k, lans, sizeof(lans));
		lu_open(0, 1);
	}
	sigaction(SIGSEGV, &old, NULL);
	UNIT_PASS("lu-local");
}

/* A rescan: every 5th path gone, the rest in reverse order with their
 * records (and old rings) carried over, 8 new paths of a new LU at the
 * end; linked again, the rings are the new scan's. */
static void t_lu_rescan(void)
{
	static struct mp_path mp2[LP];
	static struct dpath dp2[LP];
	size_t i, n = 0;

	for (i = LP; i-- > 0;)
		if (i % 5) {
			mp2[n] = lmp[i];
			dp2[n++] = ldp[i];
		}
	for (i = 0; i < 8; i++, n++) {
		mp2[n] = lmp[i];
		mp2[n].wwid = "new-lu";
		dp2[n] = (struct dpath){ .lu_next = 0 };
	}
	dp_lu_link(dp2, mp2, n);
	EXPECT(rings_ok(dp2, mp2, n, LLU + 2), "lu-rescan", "rings");
	UNIT_PASS("lu-rescan");
}

/* The scan of LP paths, linked; lref a copy of the records. */
static void t_lu(void)
{
	size_t i;

	lmp = lmap(LP * sizeof(*lmp));
	ldp = lmap(LP * sizeof(*ldp));
	lref = lmap(LP * sizeof(*lref));
	EXPECT(lmp && ldp && lref, "lu-rings", "mmap");
	for (i = 0; i <= LLU; i++)
		snprintf(lwwid[i], sizeof(lwwid[i]), i < LLU ? "36001405%05zu" : "", i);
	for (i = 0; i < LP; i++)
		lu_path(i);
	dp_lu_link(ldp, lmp, LP);
	memcpy(lref, ldp, LP * sizeof(*ldp));
	EXPECT(rings_ok(ldp, lmp, LP, LLU + 1), "lu-rings", "rings");
	UNIT_PASS("lu-rings");
	t_lu_answers();
	t_lu_local();
	t_lu_rescan();
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
	t_lu();
	return UNIT_DONE();
}
