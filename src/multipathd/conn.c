/* Control socket clients, see conn.h.  multipath-tools' framing: a
 * size_t length that counts the text's NUL, then the text; the reply
 * likewise.  A client is read while its request is incomplete and written
 * while its reply is not out; every recv/send is non-blocking and the
 * request is parsed only once it is whole.  A root client is served; any
 * other gets "permission denied" without its request being read. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "conn.h"
#include "clock.h"
#include "log.h"

void conns_init(struct conns *cs, const struct conn_ops *ops)
{
	size_t i;

	memset(cs, 0, sizeof(*cs));
	for (i = 0; i < CONN_SLOTS; i++)
		cs->c[i].fd = -1;
	cs->ops = *ops;
}

static void drop(struct conn *c)
{
	if (c->fd >= 0)
		close(c->fd);
	ob_free(&c->o);
	c->fd = -1;
}

void conns_close(struct conns *cs)
{
	size_t i;

	for (i = 0; i < CONN_SLOTS; i++)
		drop(&cs->c[i]);
}

/* The reply: its length word first (set by reply_len), then the text
 * (OB_KEEP, appended by ob_add). */
static int reply_start(struct conn *c)
{
	ob_free(&c->o);
	c->o.b = malloc(OB_CHUNK);
	if (!c->o.b)
		return -ENOMEM;
	c->o.cap = OB_CHUNK;
	c->o.len = sizeof(size_t);
	c->off = 0;
	return 0;
}

static void reply_len(struct conn *c, size_t len)
{
	memcpy(c->o.b, &len, sizeof(len));
}

static int answer(struct conns *cs, struct conn *c, const char *line)
{
	if (reply_start(c))
		return -ENOMEM;
	if (line)
		cs->ops.command(cs->ops.arg, line, &c->o);
	if (!line || c->o.err) {
		c->o.len = sizeof(size_t);
		c->o.err = 0;
		ob_add(&c->o, line ? "fail: reply too large\n" :
		       "fail: permission denied (root only)\n");
	}
	reply_len(c, c->o.len - sizeof(size_t));
	return 0;
}

/* A listing: counted whole (nothing kept), then rendered a chunk at a
 * time by more() as the client takes it. */
static int listing(struct conns *cs, struct conn *c, int verb, const char *line)
{
	struct obuf n = { .mode = OB_COUNT };
	size_t cur[2] = { 0, 0 }, total = 0;
	int done;

	do {
		n.len = 0;
		done = cs->ops.show(cs->ops.arg, verb, cur, &n);
		total += n.len;
	} while (!done && !n.err);
	if (n.err)
		return answer(cs, c, line);
	if (reply_start(c))
		return -ENOMEM;
	reply_len(c, total);
	c->verb = verb;
	c->cur[0] = c->cur[1] = 0;
	c->limit = total;
	c->sent = 0;
	c->done = 0;
	return 0;
}

/* The listing's next chunk into the drained buffer.  The state may have
 * moved since it was counted: text past the announced length is cut, a
 * shortfall is padded with blanks and a newline (as ob_end). */
static int more(struct conns *cs, struct conn *c)
{
	size_t n;

	c->o.len = c->off = 0;
	if (!c->done) {
		c->done = cs->ops.show(cs->ops.arg, c->verb, c->cur, &c->o);
		if (c->o.err)
			return -ENOMEM;
	}
	n = c->o.len;
	if (n > c->limit - c->sent)
		n = c->limit - c->sent;
	if (c->done && !n && c->sent < c->limit) {
		n = c->limit - c->sent;
		if (n > c->o.cap)
			n = c->o.cap;
		memset(c->o.b, ' ', n);
		if (c->sent + n == c->limit)
			c->o.b[n - 1] = '\n';
	}
	c->o.len = n;
	c->sent += n;
	return 0;
}

/* 0: wait for the socket, 1: the whole reply is out, < 0: drop. */
static int out(struct conns *cs, struct conn *c)
{
	ssize_t w;

	for (;;) {
		if (c->off == c->o.len) {
			if (c->verb < 0 || c->sent == c->limit)
				return 1;
			if (more(cs, c))
				return -ENOMEM;
			continue;
		}
		w = send(c->fd, c->o.b + c->off, c->o.len - c->off, MSG_DONTWAIT | MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		if (w <= 0)
			return -EIO;
		c->off += (size_t)w;
	}
}

/* 0: wait for the socket, 1: the request is whole, < 0: drop. */
static int in(struct conn *c)
{
	size_t want = sizeof(size_t), len;
	ssize_t r;

	for (;;) {
		if (c->in >= sizeof(size_t)) {
			memcpy(&len, c->req, sizeof(len));
			if (!len || len > CONN_REQ_MAX)
				return -EINVAL;
			want = sizeof(size_t) + len;
		}
		if (c->in == want && want > sizeof(size_t))
			return 1;
		r = recv(c->fd, c->req + c->in, want - c->in, MSG_DONTWAIT);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		if (r <= 0)
			return -EIO;
		c->in += (size_t)r;
	}
}

static int request(struct conns *cs, struct conn *c, uint64_t now)
{
	char *line = (char *)c->req + sizeof(size_t);
	struct mpd_cmd cmd;
	const char *why;

	line[c->in - sizeof(size_t) - 1] = '\0'; /* the NUL it counted */
	c->deadline = now + CONN_REPLY_MS;
	if (!mpd_cmd_parse(line, &cmd, &why) && cmd.verb <= MPD_SHOW_MAPS_JSON) {
		cs->dbg.listings++;
		return listing(cs, c, (int)cmd.verb, line);
	}
	return answer(cs, c, line);
}

/* Move one client on as far as its socket lets it; drop it when done. */
static void step(struct conns *cs, struct conn *c, uint64_t now)
{
	int r = 0;

	if (!c->o.b) {
		r = in(c);
		if (r == 1)
			r = request(cs, c, now);
	}
	if (!r && c->o.b)
		r = out(cs, c);
	if (r)
		drop(c);
}

/* A free slot, else the oldest client's if it was accepted in an earlier
 * turn, else NULL. */
static struct conn *slot(struct conns *cs)
{
	struct conn *old = &cs->c[0];
	size_t i;

	for (i = 0; i < CONN_SLOTS; i++) {
		if (cs->c[i].fd < 0)
			return &cs->c[i];
		if (cs->c[i].seq < old->seq)
			old = &cs->c[i];
	}
	return old->seq < cs->turn ? old : NULL;
}

/* CONN_ACCEPT a turn: a client behind a flood (1 000 idle connections)
 * is reached in four turns.  Once every slot holds a client of
 * this turn, a new one is served at once if its request is there and its
 * reply fits the socket, else closed: it cannot hold a slot. */
void conns_accept(struct conns *cs, int lfd, uint64_t now)
{
	struct conn spare, *c;
	unsigned int k;

	uint64_t t0 = clock_ms(), t1;

	cs->turn = cs->seq + 1;
	for (k = 0; k < CONN_ACCEPT; k++) {
		struct ucred cr;
		socklen_t cl = sizeof(cr);
		int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);

		if (fd < 0)
			break; /* none waiting; out of fds: next turn */
		c = slot(cs);
		if (!c)
			c = &spare;
		cs->evicted += c == &spare || c->fd >= 0;
		if (c != &spare)
			drop(c);
		memset(c, 0, sizeof(*c));
		c->fd = fd;
		c->verb = -1;
		c->seq = ++cs->seq;
		c->deadline = now + CONN_REQ_MS;
		if ((getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cr, &cl) || cr.uid != cs->uid) &&
		    answer(cs, c, NULL)) {
			drop(c);
			continue;
		}
		/* the request is often there already */
		step(cs, c, now);
		if (c == &spare) {
			if (c->fd < 0)
				cs->dbg.sserved++;
			else
				cs->dbg.sclosed++;
			drop(c);
		}
	}
	t1 = clock_ms();
	cs->dbg.turns++;
	cs->dbg.acc += k;
	cs->dbg.capped += k == CONN_ACCEPT;
	if (k > cs->dbg.maxacc)
		cs->dbg.maxacc = k;
	cs->dbg.ms += t1 - t0;
	if (t1 - t0 > cs->dbg.maxms)
		cs->dbg.maxms = t1 - t0;
	if (t1 - cs->dbg.at >= 1000) {
		log_msg("DIAG conn: turns %u accepts %u max/turn %u capped %u spare served %u closed %u "
			"listings %u evicted %u expired %u accept ms %llu max %llu service ms %llu",
			cs->dbg.turns, cs->dbg.acc, cs->dbg.maxacc, cs->dbg.capped, cs->dbg.sserved,
			cs->dbg.sclosed, cs->dbg.listings, cs->evicted, cs->expired,
			(unsigned long long)cs->dbg.ms, (unsigned long long)cs->dbg.maxms,
			(unsigned long long)cs->dbg.svc);
		memset(&cs->dbg, 0, sizeof(cs->dbg));
		cs->dbg.at = t1;
	}
}

size_t conns_pollfds(const struct conns *cs, struct pollfd *pfd, uint64_t *next)
{
	size_t i, n = 0;

	for (i = 0; i < CONN_SLOTS; i++) {
		const struct conn *c = &cs->c[i];

		if (c->fd < 0)
			continue;
		pfd[n++] = (struct pollfd){ c->fd, c->o.b ? POLLOUT : POLLIN, 0 };
		if (c->deadline < *next)
			*next = c->deadline;
	}
	return n;
}

void conns_service(struct conns *cs, const struct pollfd *pfd, size_t n, uint64_t now)
{
	size_t i, k;
	uint64_t t0 = clock_ms();

	for (k = 0; k < n; k++) {
		for (i = 0; pfd[k].revents && i < CONN_SLOTS; i++)
			if (cs->c[i].fd == pfd[k].fd) {
				step(cs, &cs->c[i], now);
				break;
			}
	}
	for (i = 0; i < CONN_SLOTS; i++)
		if (cs->c[i].fd >= 0 && now >= cs->c[i].deadline) {
			cs->expired++;
			drop(&cs->c[i]);
		}
	cs->dbg.svc += clock_ms() - t0;
}
