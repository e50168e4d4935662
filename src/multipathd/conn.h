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

/* Slots: a client past them evicts the oldest one accepted in an earlier
 * turn (each gets one turn at least to send its request); so a turn
 * accepts CONN_SLOTS at most.  The backlog holds a flood (1 000 connects)
 * while the loop works through it. */
#define CONN_SLOTS 64
#define CONN_BACKLOG 1024
/* accepts a turn: the backlog drains in a few turns, and each stays short
 * enough for the checks between them */
#define CONN_ACCEPT 256
/* The whole request (length word and text) within CONN_REQ_MS of the
 * accept, the whole reply taken within CONN_REPLY_MS of the request:
 * deadlines per exchange, not per read. */
#define CONN_REQ_MS 1000u
#define CONN_REPLY_MS 10000u
#define CONN_REQ_MAX 256

struct conn {
	int fd;                   /* -1: a free slot */
	int verb;                 /* a listing being streamed, -1: none */
	uint64_t seq, deadline;   /* accept order (eviction), ms */
	size_t in;                /* request bytes read so far */
	unsigned char req[sizeof(size_t) + CONN_REQ_MAX];
	struct obuf o;            /* to go out: o.b[off, o.len) */
	size_t off;
	size_t cur[2];            /* listing: next piece, pieces rendered */
	size_t limit, sent;       /* listing: length announced, text sent */
	int done;                 /* listing: every piece rendered */
};

/* What the daemon answers.  command: one request, its whole reply in o
 * (OB_KEEP).  show: listing verb (<= MPD_SHOW_MAPS_JSON) from piece cur[0]
 * on (cur[1]: how many came out so far, for the separators), stopping
 * once o->len >= OB_CHUNK; 1 when the listing is complete.
 * The listing is first counted (OB_COUNT, for the length word), then
 * rendered a chunk at a time as the client takes it: memory per client is
 * one chunk and one piece, whatever the listing's size. */
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
	unsigned int evicted, expired; /* for the tests */
	unsigned int uid;              /* served: 0, root (a test's own) */
	/* DIAG (temporary): per-second accept statistics */
	struct { unsigned int turns, acc, maxacc, capped, sserved, sclosed, listings;
		 uint64_t ms, maxms, at, svc; } dbg;
};

void conns_init(struct conns *cs, const struct conn_ops *ops);
/* Accept waiting clients while there is a slot (never blocks). */
void conns_accept(struct conns *cs, int lfd, uint64_t now);
/* The clients' pollfds into pfd (room for CONN_SLOTS); *next lowered to
 * the earliest deadline.  How many were added. */
size_t conns_pollfds(const struct conns *cs, struct pollfd *pfd, uint64_t *next);
/* Move every client on whose pfd (from conns_pollfds, n of them) has
 * events, and drop the ones past their deadline. */
void conns_service(struct conns *cs, const struct pollfd *pfd, size_t n, uint64_t now);
/* Close every client (a forked child must not hold them). */
void conns_close(struct conns *cs);

#endif
