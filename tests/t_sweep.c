/* Host tests of which due checks a multipathd loop turn sends
 * (src/multipathd/sweep.h), over simulated paths, fds and a simulated
 * clock, driven the way daemon.c's tick drives it: each check costs time
 * (an sg node opened: OPEN_US; a command on an open node: SEND_US), an
 * answer is read at the next turn, a lent fd is closed at its answer, and
 * an open takes the lowest free fd, EMFILE at the limit (as the kernel).
 * Invariants: no turn sends checks for longer than SWEEP_TURN_MS plus one
 * check (sending every due check in one turn, the first sweep of 4 096
 * paths was one turn); the checks a turn leaves go first in the next one
 * (each turn's sends follow on from the last one's, and the first sweep
 * takes no more turns than its work needs); past the fd limit every
 * path is checked, also when something else holds an fd in the lent range
 * every turn (qemu-tests/mpd-fds: 512 paths, hard limit 256; the walk that
 * restarted only where the lent fds last ran out left 62 paths unchecked
 * after 30 s); and the gap between two checks of any path stays bounded. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../src/multipathd/sweep.h"
#include "unit.h"

#define MAXP 4096
#define FDS 8192
#define OPEN_US 2000u /* state read, sg node found and opened, TUR written */
#define SEND_US 250u  /* state read, TUR written */
#define ANSWER_US 100u

struct path {
	int fd, lent, pending;
	uint64_t due, answer, last;  /* ms, us, us */
	uint64_t gap;                /* longest between two checks (us) */
	unsigned int checks;
};

struct sim {
	struct sweep s;
	struct path p[MAXP];
	size_t n;
	unsigned char used[FDS];
	unsigned long long limit;
	uint64_t us;                 /* the clock */
	unsigned int interval_ms;
	int hole;                    /* a client holds an fd during each tick */
	/* per turn */
	unsigned int sent, turns, cut_turns;
	uint64_t work_max;           /* the longest a turn sent checks (us) */
	size_t first_sent;           /* the first path a turn sent */
};

static int fd_open(struct sim *m)
{
	unsigned int f;

	for (f = 0; f < m->limit && f < FDS; f++)
		if (!m->used[f]) {
			m->used[f] = 1;
			return (int)f;
		}
	return -1;
}

static void setup(struct sim *m, size_t n, unsigned long long limit, unsigned int iv)
{
	size_t i;

	memset(m, 0, sizeof(*m));
	m->n = n;
	m->limit = limit;
	m->interval_ms = iv;
	for (i = 0; i < 8; i++) /* stdio, dm, uevents, socket, signals */
		m->used[i] = 1;
	for (i = 0; i < n; i++)
		m->p[i].fd = -1;
}

/* The daemon's open_fd: 1 opened, 0 waits. */
static int open_fd(struct sim *m, size_t i, uint64_t now)
{
	struct path *p = &m->p[i];
	int r;

	p->fd = fd_open(m);
	if (p->fd >= 0) {
		r = sweep_fd(&m->s, i, p->fd, m->limit);
		p->lent = r > 0;
		if (r >= 0)
			return 1;
		m->used[p->fd] = 0;
		p->fd = -1;
	} else {
		sweep_refused(&m->s, i);
	}
	p->due = now + (m->s.lent ? 50 : m->interval_ms);
	return 0;
}

static void send_check(struct sim *m, size_t i, uint64_t now)
{
	struct path *p = &m->p[i];
	int opened = p->fd < 0;

	if (opened && !open_fd(m, i, now)) {
		m->us += OPEN_US / 2; /* the failed open */
		return;
	}
	m->us += opened ? OPEN_US : SEND_US;
	if (!m->sent++)
		m->first_sent = i;
	p->pending = 1;
	p->answer = m->us + ANSWER_US;
}

/* daemon.c's tick, sends only (no timeouts here) */
static int tick(struct sim *m)
{
	uint64_t now = m->us / 1000, t0 = m->us;
	size_t k, i, from = sweep_begin(&m->s, m->n, now);
	int r;

	m->sent = 0;
	for (k = 0; k < m->n; k++) {
		struct path *p = &m->p[i = sweep_at(from, k, m->n)];

		if (p->pending || now < p->due)
			continue;
		r = sweep_go(&m->s, i, p->fd < 0, m->us / 1000);
		if (r > 0)
			send_check(m, i, now);
		else if (r < 0)
			p->due = now + 50;
	}
	if (m->us - t0 > m->work_max)
		m->work_max = m->us - t0;
	m->turns++;
	m->cut_turns += m->s.cut != 0;
	return m->s.cut != 0;
}

/* The answers in by now: verdicts, lent fds closed. */
static void answers(struct sim *m)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		struct path *p = &m->p[i];

		if (!p->pending || p->answer > m->us)
			continue;
		p->pending = 0;
		if (p->checks++ && p->answer - p->last > p->gap)
			p->gap = p->answer - p->last;
		p->last = p->answer;
		p->due = p->answer / 1000 + m->interval_ms;
		if (p->lent) {
			m->used[p->fd] = 0;
			m->s.lent--;
			p->fd = -1;
			p->lent = 0;
		}
	}
}

/* The poll: at once after a cut turn, else until the first answer or
 * due check. */
static void wait_next(struct sim *m, int cut)
{
	uint64_t next = ~0ull;
	size_t i;

	for (i = 0; !cut && i < m->n; i++) {
		uint64_t t = m->p[i].pending ? m->p[i].answer : m->p[i].due * 1000;

		next = t < next ? t : next;
	}
	if (!cut && next > m->us)
		m->us = next;
	m->us += 50; /* the turn's own walk and poll */
}

/* Turns until simulated time `until` (us). */
static void run(struct sim *m, uint64_t until)
{
	int hole = -1;

	while (m->us < until) {
		int cut;

		answers(m);
		/* a client accepted before the tick, its request not there
		 * yet: the lowest free fd, in the lent range once the first
		 * turn gave every path below it one of its own */
		if (m->hole && m->turns)
			hole = fd_open(m);
		cut = tick(m);
		if (hole >= 0)
			m->used[hole] = 0;
		hole = -1;
		wait_next(m, cut);
	}
}

static unsigned int unchecked(const struct sim *m)
{
	unsigned int i, u = 0;

	for (i = 0; i < m->n; i++)
		u += !m->p[i].checks;
	return u;
}

static uint64_t gap_max(const struct sim *m)
{
	uint64_t g = 0;
	size_t i;

	for (i = 0; i < m->n; i++)
		g = m->p[i].gap > g ? m->p[i].gap : g;
	return g;
}

static struct sim m;

/* 4 096 paths, no fd limit, all due at start: every turn's sends end
 * within SWEEP_TURN_MS and one open; the sweep is about its work's
 * time in turns of SWEEP_TURN_MS */
static void t_budget(void)
{
	uint64_t work = 4096ull * OPEN_US, t;

	setup(&m, 4096, 1u << 20, 5000);
	m.us = 1000000;
	answers(&m);
	tick(&m);
	EXPECT(m.sent < 4096, "budget", "the first turn sent all %u checks", m.sent);
	EXPECT(m.sent <= SWEEP_TURN_MS * 1000 / OPEN_US + 1, "budget", "first turn: %u sent", m.sent);
	EXPECT(m.work_max <= SWEEP_TURN_MS * 1000ull + OPEN_US, "budget", "a turn sent for %llu us",
	       (unsigned long long)m.work_max);
	wait_next(&m, 1);
	while (unchecked(&m) && m.us < 60000000)
		run(&m, m.us + 1);
	t = m.us - 1000000;
	EXPECT(!unchecked(&m), "budget", "%u unchecked after 60 s", unchecked(&m));
	EXPECT(m.work_max <= SWEEP_TURN_MS * 1000ull + OPEN_US, "budget", "a turn sent for %llu us",
	       (unsigned long long)m.work_max);
	/* turns of SWEEP_TURN_MS, no more (the walk's own cost aside) */
	EXPECT(m.turns <= work / (SWEEP_TURN_MS * 1000) + 3, "budget", "%u turns for %llu ms of work",
	       m.turns, (unsigned long long)work / 1000);
	EXPECT(t < work + work / 20, "budget", "sweep %llu us for %llu us of work", (unsigned long long)t,
	       (unsigned long long)work);
	UNIT_PASS("budget");
}

/* The checks a turn leaves go first next turn: each turn's first send is
 * the path after the last turn's last one, and the walk goes round. */
static void t_fair(void)
{
	size_t expect = 0;
	unsigned int turn;

	setup(&m, 1000, 1u << 20, 5000);
	m.us = 1000000;
	for (turn = 0; turn < 8; turn++) {
		answers(&m);
		tick(&m);
		EXPECT(m.sent > 0 && m.sent < 1000, "fair", "turn %u sent %u", turn, m.sent);
		EXPECT(m.first_sent == expect, "fair", "turn %u started at %zu, not %zu", turn,
		       m.first_sent, expect);
		EXPECT(m.s.next == (expect + m.sent) % 1000, "fair", "turn %u: next %zu", turn, m.s.next);
		expect = m.s.next;
		wait_next(&m, 1);
	}
	/* a path left in the first turn is sent before one checked already
	 * is due again: the walk starts at the first left, wherever that is */
	setup(&m, 10, 1u << 20, 5000);
	m.s.next = 7;
	m.us = 1000000;
	tick(&m);
	EXPECT_INT(m.first_sent, 7, "fair");
	EXPECT_INT(m.sent, 10, "fair");
	EXPECT_INT(m.s.next, 7, "fair"); /* nothing left: where it was */
	UNIT_PASS("fair");
}

/* qemu-tests/mpd-fds: 512 paths, hard limit 256 (96 spare, 64 lent), -i1,
 * with and without a client holding an fd in the lent range each tick */
static void fds(int hole, const char *name)
{
	unsigned int lent_max = 0;

	setup(&m, 512, 256, 1000);
	m.hole = hole;
	m.us = 1000000;
	while (m.us < 31000000) {
		run(&m, m.us + 1);
		lent_max = m.s.lent > lent_max ? m.s.lent : lent_max;
	}
	EXPECT(!unchecked(&m), name, "%u of 512 never checked in 30 s", unchecked(&m));
	EXPECT(lent_max <= SWEEP_FD_LEND, name, "%u lent", lent_max);
	/* a round of the lent fds over ~420 paths, a check's time each */
	EXPECT(gap_max(&m) < 5000000, name, "a path waited %llu ms between checks",
	       (unsigned long long)gap_max(&m) / 1000);
	UNIT_PASS(name);
}

/* The fd classes: kept below limit - spare - lent, lent below limit -
 * spare while fewer than SWEEP_FD_LEND are out, refused past them (and
 * no open after a refusal that turn). */
static void t_fd_class(void)
{
	struct sweep s;

	memset(&s, 0, sizeof(s));
	sweep_begin(&s, 10, 0);
	EXPECT_INT(sweep_fd(&s, 0, 95, 256), 0, "fd-class");
	EXPECT_INT(sweep_fd(&s, 0, 96, 256), 1, "fd-class");
	EXPECT_INT(sweep_fd(&s, 0, 159, 256), 1, "fd-class");
	EXPECT_INT(s.lent, 2, "fd-class");
	EXPECT_INT(s.fd_out, 0, "fd-class");
	EXPECT_INT(sweep_go(&s, 3, 1, 0), 1, "fd-class");
	EXPECT_INT(sweep_fd(&s, 3, 160, 256), -1, "fd-class");
	EXPECT_INT(s.next, 3, "fd-class");
	EXPECT_INT(sweep_go(&s, 4, 1, 0), -1, "fd-class");
	EXPECT_INT(sweep_go(&s, 5, 0, 0), 1, "fd-class"); /* an fd of its own */
	EXPECT_INT(s.next, 3, "fd-class");
	EXPECT_INT(s.cut, 0, "fd-class"); /* waits for answers, the poll not 0 */
	EXPECT_INT(sweep_go(&s, 6, 0, SWEEP_TURN_MS), 0, "fd-class");
	EXPECT_INT(s.cut, 1, "fd-class");
	sweep_begin(&s, 10, 1000);
	s.lent = SWEEP_FD_LEND;
	EXPECT_INT(sweep_go(&s, 1, 1, 1000), -1, "fd-class");
	EXPECT_INT(sweep_fd(&s, 1, 100, 256), -1, "fd-class");
	UNIT_PASS("fd-class");
}

int main(void)
{
	unit_suite = "sweep";
	t_budget();
	t_fair();
	t_fd_class();
	fds(0, "fds");
	fds(1, "fds-hole");
	return UNIT_DONE();
}
