/* The re-login table of multipathd's iSCSI duty (iscsi.c): which of
 * mpboot's sessions lost their connection, when each is next tried, and
 * which attempt runs.  Pure: times are given, no I/O (host-tested,
 * tests/t_relogin.c).
 *
 * A session enters on the kernel's connection error and leaves when an
 * attempt logs it in again.  Attempts never overlap for one session;
 * after a failed one the next waits RL_BACKOFF_MS * 2^tries, at most
 * RL_BACKOFF_MAX_MS (1, 2, 2... s): short, since a link that comes back should carry
 * its path again within two checker intervals (5 s each by default),
 * and an attempt itself is bounded by the login's own timeout. */
#ifndef MPBOOT_RELOGIN_H
#define MPBOOT_RELOGIN_H

#include <stddef.h>
#include <stdint.h>

#define RL_MAX 16
#define RL_BACKOFF_MS 500u
#define RL_BACKOFF_MAX_MS 2000u

struct rl_sess {
	uint32_t sid;
	uint8_t used, tries;
	int fd;                /* the running attempt's pipe, -1: none */
	uint64_t due;          /* ms: the next attempt */
};

struct rl_table {
	struct rl_sess s[RL_MAX];
};

void rl_init(struct rl_table *t);
/* Session sid lost its connection at now: due at once, unless it is
 * already in the table (an attempt runs or waits: nothing changes).
 * 0, or -ENOSPC with RL_MAX sessions waiting. */
int rl_lost(struct rl_table *t, uint32_t sid, uint64_t now);
/* A session due at now with no attempt running, or NULL; *next is
 * lowered to the earliest later due time. */
struct rl_sess *rl_due(struct rl_table *t, uint64_t now, uint64_t *next);
/* Its attempt ended: ok leaves the table, else waits the back-off. */
void rl_done(struct rl_sess *s, int ok, uint64_t now);

/* A session's record (src/iscsi/main.c: one argument a line, b[len]
 * with b[len] writable) split in place into av[1..]: av[0] is the
 * caller's, av ends with NULL within max entries.  The count, av[0]
 * included. */
int rl_argv(char *b, size_t len, char **av, int max);

#endif
