/* Which due checks the loop (daemon.c tick) sends in one turn.  Pure: no
 * I/O, no clock (now is an argument), so tests/t_sweep.c drives it over
 * thousands of simulated paths; static inline, so the daemon pays no
 * call for it.
 *
 * The turn's walk goes over every path in order from s->next (wrapping);
 * a due path's check is sent while the turn has had less than
 * SWEEP_TURN_MS of work, and while it needs no lent fd once the lent ones
 * ran out (or an open landed past the limit) this turn.  The first path
 * left is where the next turn's walk starts: the paths not sent this turn
 * go first next turn, and none starves.  Sent all at once, the first sweep
 * of 4 096 paths was one turn of 16 s of opening sg nodes in which no
 * client was answered.
 *
 * The fds (RLIMIT_NOFILE, the hard limit): SWEEP_FD_SPARE below the limit
 * are kept for clients, kpartx children and rescans; the SWEEP_FD_LEND
 * below those are lent for one check (closed at its answer), so past the
 * limit paths take turns on them; below both a path keeps its fd.  An fd
 * open past the limit (a client's socket or a sysfs read held one of the
 * lent range) is refused like a lent fd not to be had: no more opens that
 * turn, and the next starts there.  The loop before this moved its start
 * only when every lent fd was out, and after a refused open every later
 * path of the walk tried one of its own; with those rules and no time
 * bound, tests/t_sweep.c fds-hole (a client holding a lent-range fd during
 * each turn) leaves 108 of 512 paths never checked in 30 s: turns of
 * hundreds of failed opens, the same start each time, the paths early in
 * the walk due again before the last ones had a turn -- as mpd-fds saw
 * with b340e42's batching (62 of 512 unchecked after 30 s, hard limit 256).
 */
#ifndef MPBOOT_MPD_SWEEP_H
#define MPBOOT_MPD_SWEEP_H

#include <stddef.h>
#include <stdint.h>

#include "conn.h"

#define SWEEP_TURN_MS 100u
#define SWEEP_FD_SPARE (32 + CONN_SLOTS)
#define SWEEP_FD_LEND 64u

struct sweep {
	size_t next;         /* the next turn's walk starts here */
	uint64_t start;      /* this turn's (ms) */
	unsigned int left;   /* this turn: due checks not sent */
	unsigned int cut;    /* of which for want of time (their due times
				are past: the poll waits 0) */
	unsigned int fd_out; /* this turn: no lent fd to be had */
	unsigned int lent;   /* fds lent now (one check each) */
};

/* A turn of n paths starts: the index its walk starts at. */
static inline size_t sweep_begin(struct sweep *s, size_t n, uint64_t now)
{
	s->start = now;
	s->left = s->cut = s->fd_out = 0;
	return s->next < n ? s->next : 0;
}

/* The k-th path of the walk from `from` over n. */
static inline size_t sweep_at(size_t from, size_t k, size_t n)
{
	return from + k < n ? from + k : from + k - n;
}

/* Path i's due check is not sent this turn; the first one left is where
 * the next turn starts. */
static inline void sweep_leave(struct sweep *s, size_t i)
{
	if (!s->left++)
		s->next = i;
}

/* Path i is due: 1 to send its check now (needs_fd: it has no fd open);
 * 0: the turn's time is spent, -1: no fd to lend it (an answer frees
 * one, a turn later), left for the next turn either way. */
static inline int sweep_go(struct sweep *s, size_t i, int needs_fd, uint64_t now)
{
	int r = now - s->start >= SWEEP_TURN_MS ? 0 :
		needs_fd && (s->fd_out || s->lent >= SWEEP_FD_LEND) ? -1 : 1;

	if (r < 1)
		sweep_leave(s, i);
	s->cut += !r;
	return r;
}

/* Path i found no fd (an open refused, or past the limit): no more
 * opens this turn, and the next turn starts with it at the latest. */
static inline void sweep_refused(struct sweep *s, size_t i)
{
	s->fd_out = 1;
	sweep_leave(s, i);
}

/* Path i's fd just opened for a check: 0 kept, 1 lent (s->lent counts
 * it), -1 past the limit (to be closed: refused). */
static inline int sweep_fd(struct sweep *s, size_t i, int fd, unsigned long long limit)
{
	unsigned long long f = (unsigned long long)fd + SWEEP_FD_SPARE;

	if (f + SWEEP_FD_LEND < limit)
		return 0;
	if (f < limit && s->lent < SWEEP_FD_LEND) {
		s->lent++;
		return 1;
	}
	sweep_refused(s, i);
	return -1;
}

#endif
