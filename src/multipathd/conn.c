/* Control socket clients, see conn.h.  multipath-tools' framing: a
 * size_t length that counts the text's NUL, then the text; the reply
 * likewise.  A client is read while its request is incomplete and written
 * while its reply is not out; every recv/send is non-blocking and the
 * request is parsed only once it is whole.  A root client is served; any
 * other gets "permission denied" without its request being read.  The
 * work a request costs (a listing reads every map's table and status,
 * twice: counted, then rendered) is shared out by peer process, one unit
 * a turn each (conn.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "conn.h"

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

/* A listing's count (nothing kept), CONN_UNITS chunks' worth a turn:
 * counted whole in one turn, "show maps json" of 1 024 maps held the
 * loop 5 s (no check sent, no other client served; 4 096 maps: 20 s),
 * and a chunk a turn made "show paths" of 4 096 paths take 4 s.  Once it
 * is whole, the reply starts with its length and more() renders the
 * text. */
static int count(struct conns *cs, struct conn *c, uint64_t now)
{
	struct obuf n = { .mode = OB_COUNT };
	int done;

	do {
		n.len = 0;
		done = cs->ops.show(cs->ops.arg, c->verb, c->cur, &n);
		c->limit += n.len;
	} while (++c->units < CONN_UNITS && !done && !n.err);
	c->deadline = now + CONN_REPLY_MS;
	if (n.err) {
		c->verb = -1;
		return answer(cs, c, (char *)c->req + sizeof(size_t));
	}
	if (!done)
		return !(c->wait = 1);
	if (reply_start(c))
		return -ENOMEM;
	reply_len(c, c->limit);
	c->cur[0] = c->cur[1] = 0;
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

/* Whether c may have its process's unit of work this turn: its process
 * has had none, or c had it.  Once CONN_SLOTS processes had theirs, the
 * rest wait for the next turn. */
static int turn_of(struct conns *cs, struct conn *c)
{
	size_t i;

	for (i = 0; i < cs->nfair; i++)
		if (cs->fair[i].pid == c->pid)
			break;
	if (i == cs->nfair) {
		if (i == CONN_SLOTS)
			return !(c->wait = 1);
		cs->fair[cs->nfair].pid = c->pid;
		cs->fair[cs->nfair++].seq = c->seq;
	}
	c->wait = cs->fair[i].seq != c->seq;
	return !c->wait;
}

/* 0: wait for the socket or the turn, 1: the whole reply is out, < 0:
 * drop.  Each send that moves text puts the deadline off: what a client
 * must do in time is take more, not all (4 096 maps' "show maps json"
 * is 3.3 MB and took 9.7 s to come out). */
static int out(struct conns *cs, struct conn *c, uint64_t now)
{
	ssize_t w;

	for (;;) {
		if (c->off == c->o.len) {
			if (c->verb < 0 || c->sent == c->limit)
				return 1;
			if (!turn_of(cs, c))
				return 0;
			/* its share of this turn rendered: on in the next */
			if (c->units++ >= CONN_UNITS) {
				c->wait = 1;
				return 0;
			}
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
		c->deadline = now + CONN_REPLY_MS;
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
	if (mpd_cmd_parse(line, &cmd, &why) || cmd.verb > MPD_SHOW_MAPS_JSON)
		return answer(cs, c, line);
	c->verb = (int)cmd.verb;
	c->cur[0] = c->cur[1] = 0;
	c->limit = 0;
	return count(cs, c, now);
}

/* Move one client on as far as its socket and its process's turn let
 * it; drop it when done. */
static void step(struct conns *cs, struct conn *c, uint64_t now)
{
	int r = 0;

	c->wait = 0;
	c->units = 0;
	if (!c->o.b) {
		/* verb set: a listing being counted, the request long read */
		r = c->verb >= 0 ? 1 : in(c);
		if (r == 1)
			r = !turn_of(cs, c) ? 0 : c->verb >= 0 ? count(cs, c, now) : request(cs, c, now);
	}
	if (!r && c->o.b)
		r = out(cs, c, now);
	if (r)
		drop(c);
}

/* A slot for a client of process pid: a free one, else the oldest client
 * of an earlier turn (of pid's own when pid holds half the slots or
 * more), else NULL. */
static struct conn *slot(struct conns *cs, pid_t pid)
{
	struct conn *old = NULL, *own = NULL, *c;
	size_t i, mine = 0;

	for (i = 0; i < CONN_SLOTS; i++) {
		c = &cs->c[i];
		if (c->fd < 0)
			return c;
		mine += c->pid == pid;
		if (c->seq >= cs->turn)
			continue;
		if (!old || c->seq < old->seq)
			old = c;
		if (c->pid == pid && (!own || c->seq < own->seq))
			own = c;
	}
	return mine >= CONN_SLOTS / 2 ? own : old;
}

void conns_accept(struct conns *cs, int lfd, uint64_t now)
{
	struct conn c, *s;
	unsigned int k;

	cs->turn = cs->seq + 1;
	for (k = 0; k < CONN_BACKLOG; k++) {
		struct ucred cr = { 0, 0, 0 };
		socklen_t cl = sizeof(cr);
		int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);

		if (fd < 0)
			return; /* none waiting; out of fds: next turn */
		memset(&c, 0, sizeof(c));
		c.fd = fd;
		c.verb = -1;
		c.seq = ++cs->seq;
		c.deadline = now + CONN_REQ_MS;
		if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cr, &cl) || cr.uid != cs->uid) {
			/* denied at once; it never holds a slot */
			if (!answer(cs, &c, NULL))
				out(cs, &c, now);
			drop(&c);
			continue;
		}
		c.pid = cr.pid;
		/* the request is often there already */
		step(cs, &c, now);
		if (c.fd < 0)
			continue;
		s = slot(cs, c.pid);
		if (!s) {
			cs->evicted++;
			drop(&c);
			continue;
		}
		if (s->fd >= 0) {
			cs->evicted++;
			drop(s);
		}
		*s = c;
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
		if (c->wait)
			*next = 0;
	}
	return n;
}

size_t conns_service(struct conns *cs, const struct pollfd *pfd, size_t n, uint64_t now)
{
	size_t i, k, w = 0;

	cs->nfair = 0;
	for (i = 0; i < CONN_SLOTS; i++) {
		struct conn *c = &cs->c[i];
		int go = c->wait;

		for (k = 0; c->fd >= 0 && !go && k < n; k++)
			if (pfd[k].fd == c->fd) {
				go = pfd[k].revents != 0;
				break;
			}
		if (c->fd >= 0 && go)
			step(cs, c, now);
	}
	for (i = 0; i < CONN_SLOTS; i++)
		if (cs->c[i].fd >= 0 && now >= cs->c[i].deadline) {
			cs->expired++;
			drop(&cs->c[i]);
		} else {
			w += cs->c[i].fd >= 0 && cs->c[i].wait;
		}
	return w;
}
