/* multipathd's control socket clients (conn.c): a fixed number of slots,
 * every socket non-blocking, each client a small state machine the poll
 * loop moves on when its socket is ready, so no client can hold the loop
 * (issue 24: slow senders, slow readers, idle holders). */
#ifndef MPBOOT_CONN_H
#define MPBOOT_CONN_H

#include <poll.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "mpd.h"

/* Slots for clients that wait on their socket or their turn.  A peer
 * process gets one unit of work a turn (one request served or one chunk
 * of its listing rendered), whatever number of connections it holds: so
 * one process's flood (issue 24: 1 000 connections of one root prober,
 * each asking "show maps json") costs a turn one unit, and anyone else's
 * request is served in the turn that accepts it.  A client past the slots
 * evicts the oldest one of an earlier turn; one of a process holding
 * CONN_SLOTS / 2 slots or more only evicts its own.  Every turn takes
 * the whole backlog (CONN_BACKLOG at most): a connection never waits in
 * the kernel behind a flood, and one that gets no slot is closed at
 * once, for the price of an accept. */
#define CONN_SLOTS 64
#define CONN_BACKLOG 1024
/* A request (length word and text) must be whole within CONN_REQ_MS of the
 * accept: a deadline per exchange, not per read.  A reply must move on
 * within CONN_REPLY_MS: of the request, of the last unit of its count,
 * of the last send that took some of it (a listing of thousands of maps
 * takes longer than that to stream). */
#define CONN_REQ_MS 1000u
/* A listing is counted, and rendered, 16 chunks (64 KiB of text) a turn
 * at most: "show maps json" reads about 20 maps' tables and status for
 * that (rendered as fast as the socket took it, a turn rendered 50) */
#define CONN_UNITS 16u
#define CONN_REPLY_MS 10000u
/* After a turn's clients, the listings get more rounds (conns_service
 * with no pfd), as long as their sockets take them, until CONN_MORE_MS
 * after the turn's start (daemon.c listings) */
#define CONN_MORE_MS 50u
#define CONN_REQ_MAX 256

struct conn {
	int fd;                   /* -1: a free slot */
	int wait;                 /* work to do, waiting for its process's turn */
	pid_t pid;                /* the peer process (SO_PEERCRED) */
	int verb;                 /* a listing being streamed, -1: none */
	uint64_t seq, deadline;   /* accept order (eviction), ms */
	size_t in;                /* request bytes read so far */
	unsigned char req[sizeof(size_t) + CONN_REQ_MAX];
	struct obuf o;            /* to go out: o.b[off, o.len) */
	size_t off;
	size_t cur[2];            /* listing: next piece, pieces rendered */
	size_t limit, sent;       /* listing: length announced, text sent */
	int done;                 /* listing: every piece rendered */
	unsigned int units;       /* chunks counted or rendered this turn */
};

/* What the daemon answers.  command: one request, its whole reply in o
 * (OB_KEEP).  show: listing verb (<= MPD_SHOW_MAPS_JSON) from piece cur[0]
 * on (cur[1]: how many came out so far, for the separators), stopping
 * once o->len >= OB_CHUNK; 1 when the listing is complete.
 * The listing is first counted (OB_COUNT, for the length word),
 * CONN_UNITS chunks' worth a turn, then rendered a chunk at a time as the client takes it:
 * memory per client is one chunk and one piece, whatever the listing's
 * size. */
struct conn_ops {
	void *arg;
	void (*command)(void *arg, const char *line, struct obuf *o);
	int (*show)(void *arg, int verb, size_t cur[2], struct obuf *o);
};

struct conns {
	struct conn c[CONN_SLOTS];
	struct conn_ops ops;
	uint64_t seq, turn;            /* seq: the last accept's; turn: the
					  first accept's of this turn */
	struct { pid_t pid; uint64_t seq; } fair[CONN_SLOTS];
	size_t nfair;                  /* processes given their unit this turn */
	unsigned int evicted, expired; /* for the tests */
	unsigned int uid;              /* served: 0, root (a test's own) */
};

void conns_init(struct conns *cs, const struct conn_ops *ops);
/* Accept every waiting client (never blocks); serve the ones whose
 * request is there and whose process has not had its turn. */
void conns_accept(struct conns *cs, int lfd, uint64_t now);
/* The clients' pollfds into pfd (room for CONN_SLOTS); *next lowered to
 * the earliest deadline (0 while one waits for its turn).  How many were
 * added. */
size_t conns_pollfds(const struct conns *cs, struct pollfd *pfd, uint64_t *next);
/* A new turn: move every client on whose pfd (from conns_pollfds, n of
 * them) has events or that waits for its turn, and drop the ones past
 * their deadline.  How many wait for their turn after it (work to do, a
 * socket that takes more): with n 0, a round for those only. */
size_t conns_service(struct conns *cs, const struct pollfd *pfd, size_t n, uint64_t now);
/* Close every client (a forked child must not hold them). */
void conns_close(struct conns *cs);

#endif
