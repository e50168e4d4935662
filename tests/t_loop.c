/* multipathd's clients (src/multipathd/conn.c) driven the way the poll
 * loop drives them, over real AF_UNIX sockets, and the uevent sender
 * check (issue 24).  Invariants: no client can hold a loop turn (every
 * turn returns at once, whatever the clients do); a request is parsed
 * only when whole and must be whole within CONN_REQ_MS of the accept; a
 * reply must move on within CONN_REPLY_MS (a client taking some of it
 * within each CONN_REPLY_MS is served to the end); a listing is counted
 * CONN_UNITS chunks a turn at most and rendered a chunk at a time
 * (a client's buffer stays a few chunks, however large the listing and
 * however slowly it is read), comes out exactly as announced
 * (cut or padded when the state moved); with 1 000 idle connections a new
 * root request is answered in the turn that accepts it; one process
 * holding hundreds of connections that all ask for a listing gets one
 * unit of work a turn, and another process's request is answered in the
 * first turn while it waits (issue 24: 1 000 such connections kept the
 * root's "show paths" 1-8 s in a qemu guest); only the kernel's
 * uevents (netlink port 0) are taken; a turn with nothing else to do
 * (daemon.c listings(): rounds for the clients that wait for their turn,
 * CONN_MORE_MS at most) sends a listing its socket takes whole in that
 * turn, and gives a slow reader no round once its socket is full. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/netlink.h>

#include "../src/multipathd/conn.h"
#include "clock.h"
#include "uevent.h"
#include "unit.h"

#define PIECE 1000u

struct fake {
	size_t n;        /* listing pieces */
	unsigned int listings; /* listings counted (each one's first piece) */
	size_t n_after;  /* the same once counted (0: unchanged) */
	unsigned int commands;
	unsigned int counts;   /* units of counting (f_show calls, OB_COUNT) */
	unsigned int renders;  /* units of rendering (the others) */
};

static void f_command(void *arg, const char *line, struct obuf *o)
{
	struct fake *f = arg;

	f->commands++;
	ob_add(o, "ok %s\n", line);
}

/* piece i: PIECE bytes, its number first */
static int f_show(void *arg, int verb, size_t cur[2], struct obuf *o)
{
	struct fake *f = arg;

	(void)verb;
	f->counts += o->mode == OB_COUNT;
	f->renders += o->mode != OB_COUNT;
	f->listings += o->mode == OB_COUNT && !cur[0];
	if (o->mode != OB_COUNT && f->n_after)
		f->n = f->n_after;
	while (cur[0] < f->n && o->len < OB_CHUNK) {
		ob_add(o, "%08zu%*s\n", cur[0], (int)PIECE - 9, "");
		cur[0]++;
		cur[1]++;
	}
	return cur[0] >= f->n;
}

static struct sockaddr_un sa;
static socklen_t sl;

static int listener(void)
{
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	sl = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 +
			 (size_t)snprintf(sa.sun_path + 1, sizeof(sa.sun_path) - 1,
					  "mpboot-t_loop-%d", (int)getpid()));
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sl) || listen(fd, CONN_BACKLOG))
		return -1;
	return fd;
}

static int dial(void)
{
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);

	if (fd >= 0 && connect(fd, (struct sockaddr *)&sa, sl)) {
		close(fd);
		return -1;
	}
	return fd;
}

static int ask(int fd, const char *text)
{
	size_t len = strlen(text) + 1;

	return write(fd, &len, sizeof(len)) == (ssize_t)sizeof(len) &&
	       write(fd, text, len) == (ssize_t)len ? 0 : -1;
}

/* One loop turn: ms it took. */
static uint64_t turn(struct conns *cs, int lfd, uint64_t now)
{
	struct pollfd pfd[CONN_SLOTS];
	uint64_t next = ~0ull, t0 = clock_ms();
	size_t n = conns_pollfds(cs, pfd, &next);

	if (poll(pfd, (nfds_t)n, 0) < 0)
		return ~0ull;
	conns_service(cs, pfd, n, now);
	conns_accept(cs, lfd, now);
	return clock_ms() - t0;
}

/* Everything the server sent on fd so far (non-blocking), appended. */
static size_t drain(int fd, char *b, size_t have, size_t max)
{
	ssize_t r;

	while (have < max && (r = recv(fd, b + have, max - have, MSG_DONTWAIT)) > 0)
		have += (size_t)r;
	return have;
}

static int closed(int fd)
{
	char c;

	return recv(fd, &c, 1, MSG_DONTWAIT) == 0;
}

static size_t bufmax(const struct conns *cs)
{
	size_t i, m = 0;

	for (i = 0; i < CONN_SLOTS; i++)
		if (cs->c[i].fd >= 0 && cs->c[i].o.cap > m)
			m = cs->c[i].o.cap;
	return m;
}

static struct fake fk;
static struct conns cs;

static void setup(void)
{
	const struct conn_ops ops = { &fk, f_command, f_show };
	static int once;

	if (once++)
		conns_close(&cs);
	conns_init(&cs, &ops);
	cs.uid = (unsigned int)getuid();
	memset(&fk, 0, sizeof(fk));
}

static void t_slow_sender(int lfd)
{
	char b[256];
	size_t len = strlen("show daemon") + 1, got;
	int a, c;
	uint64_t now = 1000, t;
	unsigned int i;

	setup();
	a = dial();
	c = dial();
	EXPECT(a >= 0 && c >= 0, "slow-sender", "connect");
	/* a: the first byte of its length word only, then one a turn */
	EXPECT(write(a, &len, 1) == 1, "slow-sender", "write");
	EXPECT(!ask(c, "show daemon"), "slow-sender", "ask");
	for (i = 0; i < 4; i++) {
		t = turn(&cs, lfd, now);
		EXPECT(t < 100, "slow-sender", "a turn took %llu ms", (unsigned long long)t);
		now += 10;
	}
	got = drain(c, b, 0, sizeof(b));
	EXPECT(got == sizeof(size_t) + 15 && !memcmp(b + sizeof(size_t), "ok show daemon\n", 15),
	       "slow-sender", "c's answer: %zu bytes", got);
	EXPECT_INT(fk.commands, 1, "slow-sender");
	/* a keeps trickling: a byte a turn, its deadline is per request */
	for (i = 1; i < sizeof(size_t); i++) {
		EXPECT(write(a, (char *)&len + i, 1) == 1, "slow-sender", "write");
		turn(&cs, lfd, now);
		now += 100;
	}
	EXPECT(!closed(a), "slow-sender", "dropped early");
	turn(&cs, lfd, 1000 + CONN_REQ_MS);
	EXPECT(closed(a), "slow-sender", "a still held after its deadline");
	EXPECT_INT(fk.commands, 1, "slow-sender");
	close(a);
	close(c);
	UNIT_PASS("slow-sender");
}

static void t_slow_reader(int lfd)
{
	size_t total = 2000 * PIECE, len, got = 0, want = sizeof(size_t) + total;
	char *b = malloc(want + 64);
	int a, rcv = 4096;
	uint64_t now = 5000, t, worst = 0;
	unsigned int i;

	setup();
	fk.n = 2000;
	a = dial();
	EXPECT(b && a >= 0, "slow-reader", "connect");
	setsockopt(a, SOL_SOCKET, SO_RCVBUF, &rcv, sizeof(rcv));
	EXPECT(!ask(a, "show paths"), "slow-reader", "ask");
	/* it reads 4 KiB a turn: the loop never waits, the buffer stays
	 * small, the count is CONN_UNITS chunks' worth a turn at most
	 * (counted whole in the first turn, it was 400 there) */
	for (i = 0; i < 100000 && got < want; i++) {
		unsigned int counts = fk.counts;

		t = turn(&cs, lfd, now);
		EXPECT(fk.counts - counts <= CONN_UNITS, "slow-reader", "turn %u: %u units counted", i,
		       fk.counts - counts);
		worst = t > worst ? t : worst;
		EXPECT(bufmax(&cs) <= 2 * OB_CHUNK, "slow-reader", "buffer %zu", bufmax(&cs));
		got = drain(a, b, got, got + 4096 > want + 64 ? want + 64 : got + 4096);
	}
	EXPECT(worst < 100, "slow-reader", "a turn took %llu ms", (unsigned long long)worst);
	memcpy(&len, b, sizeof(len));
	EXPECT(got == want && len == total, "slow-reader", "got %zu of %zu, announced %zu",
	       got, want, len);
	EXPECT(!memcmp(b + sizeof(size_t) + 1999 * PIECE, "00001999", 8), "slow-reader", "last piece");
	turn(&cs, lfd, now);
	EXPECT(closed(a), "slow-reader", "not closed after the reply");
	close(a);
	/* one that stops reading is dropped CONN_REPLY_MS after it last
	 * took some (here: the count, a turn a unit, then the socket
	 * filled, all at now) */
	a = dial();
	EXPECT(a >= 0 && !ask(a, "show maps json"), "slow-reader", "ask 2");
	setsockopt(a, SOL_SOCKET, SO_RCVBUF, &rcv, sizeof(rcv));
	for (i = 0; i < 1000; i++)
		turn(&cs, lfd, now);
	turn(&cs, lfd, now + CONN_REPLY_MS - 1);
	EXPECT(cs.expired == 0, "slow-reader", "dropped before its deadline");
	turn(&cs, lfd, now + CONN_REPLY_MS);
	EXPECT(cs.expired == 1, "slow-reader", "not dropped at its deadline");
	/* one that keeps taking some is served to the end, however long;
	 * one that takes all it gets has CONN_UNITS chunks a turn (as many
	 * as its socket took before: 50 a turn for "show maps json") */
	a = dial();
	EXPECT(a >= 0 && !ask(a, "show paths"), "slow-reader", "ask 3");
	got = 0;
	for (i = 0; i < 100000 && got < want; i++) {
		turn(&cs, lfd, now + CONN_REPLY_MS + 100 * i);
		got = drain(a, b, got, got + 4096 > want + 64 ? want + 64 : got + 4096);
	}
	a = dial();
	EXPECT(a >= 0 && !ask(a, "show paths"), "slow-reader", "ask 4");
	got = 0;
	for (i = 0; i < 100000 && got < want; i++) {
		unsigned int units = fk.counts + fk.renders;

		turn(&cs, lfd, now);
		EXPECT(fk.counts + fk.renders - units <= CONN_UNITS, "slow-reader",
		       "turn %u: %u units", i, fk.counts + fk.renders - units);
		got = drain(a, b, got, want + 64);
	}
	EXPECT(got == want, "slow-reader", "fast reader: got %zu of %zu", got, want);
	EXPECT(got == want && cs.expired == 1, "slow-reader", "got %zu of %zu over %u s, %u expired",
	       got, want, i / 10, cs.expired);
	close(a);
	free(b);
	UNIT_PASS("slow-reader");
}

/* A turn then its idle rounds (daemon.c listings(): conns_service with
 * no pfd while clients wait for their turn, CONN_MORE_MS at most); the
 * rounds it took. */
static unsigned int turn_idle(struct conns *cs, int lfd, uint64_t now)
{
	uint64_t t0 = clock_ms();
	unsigned int r = 0;

	turn(cs, lfd, now);
	while (clock_ms() - t0 < CONN_MORE_MS && conns_service(cs, NULL, 0, now))
		r++;
	return r;
}

/* A turn with nothing else to do: a listing the socket takes whole comes
 * out in that turn (CONN_UNITS chunks a turn took 7 turns for this one);
 * a slow reader's full socket ends the rounds at once, and its buffer
 * stays a chunk or two. */
/* A fresh daemon with n paths and a client of receive buffer rcvbuf that
 * asked "show paths": its fd, or -1. */
static int idle_client(unsigned int n, int rcvbuf)
{
	int a;

	setup();
	fk.n = n;
	a = dial();
	if (a < 0)
		return -1;
	setsockopt(a, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	if (ask(a, "show paths")) {
		close(a);
		return -1;
	}
	return a;
}

static void t_idle(int lfd)
{
	static char b[100 * PIECE + 64];
	size_t total = 100 * PIECE, got = 0, want = sizeof(size_t) + total;
	int a, rcv = 4096, big = 1 << 20;
	unsigned int i, r;

	a = idle_client(100, big);
	EXPECT(a >= 0, "idle", "connect and ask");
	turn_idle(&cs, lfd, 5000);
	got = drain(a, b, 0, want + 64);
	EXPECT(got == want, "idle", "one turn: got %zu of %zu (%u counted, %u rendered)", got, want,
	       fk.counts, fk.renders);
	turn_idle(&cs, lfd, 5000);
	EXPECT(closed(a), "idle", "not closed after the reply");
	close(a);
	/* a slow reader: the rounds stop when its socket is full */
	a = idle_client(2000, rcv);
	EXPECT(a >= 0, "idle", "connect and ask 2");
	for (i = 0, got = 0; i < 400 && got < 20 * 4096; i++) {
		unsigned int counts = fk.counts;
		uint64_t t0 = clock_ms(), t;

		r = turn_idle(&cs, lfd, 5000);
		t = clock_ms() - t0;
		/* counted in rounds; rendered only as far as the socket takes */
		EXPECT(fk.counts != counts || r == 0, "idle", "turn %u: %u rounds, socket full", i, r);
		EXPECT(t <= CONN_MORE_MS + 50, "idle", "turn %u took %llu ms", i, (unsigned long long)t);
		EXPECT(bufmax(&cs) <= 2 * OB_CHUNK, "idle", "buffer %zu", bufmax(&cs));
		got = drain(a, b, got, got + 4096);
	}
	EXPECT(got >= 20 * 4096, "idle", "slow reader: got %zu", got);
	close(a);
	UNIT_PASS("idle");
}

/* The state moved between the count and the rendering: exactly the
 * announced length all the same, padded or cut. */
static void moved(int lfd, size_t after, const char *name)
{
	char b[16 * PIECE];
	size_t len, got = 0, i;
	int a;

	setup();
	fk.n = 5;
	fk.n_after = after;
	a = dial();
	EXPECT(a >= 0 && !ask(a, "show paths"), name, "ask");
	for (i = 0; i < 10; i++) {
		turn(&cs, lfd, 2);
		got = drain(a, b, got, sizeof(b));
	}
	memcpy(&len, b, sizeof(len));
	EXPECT(len == 5 * PIECE && got == sizeof(size_t) + len, name, "len %zu got %zu", len, got);
	EXPECT(closed(a), name, "not closed");
	for (i = sizeof(size_t) + after * PIECE; after < 5 && i < got - 1; i++)
		EXPECT(b[i] == ' ', name, "byte %zu is '%c', not padding", i, b[i]);
	EXPECT(b[got - 1] == '\n', name, "no newline at the end");
	EXPECT(!memcmp(b + sizeof(size_t) + 4 * PIECE, after < 5 ? "        " : "00000004", 8),
	       name, "piece 4");
	close(a);
	UNIT_PASS(name);
}

static void t_flood(int lfd)
{
	static int idle[1000];
	struct rlimit rl;
	char b[64];
	size_t got = 0;
	unsigned int i, n = 0, turns;
	uint64_t t0;
	int a;

	setup();
	if (!getrlimit(RLIMIT_NOFILE, &rl) && rl.rlim_cur < 1200 && rl.rlim_max >= 1200) {
		rl.rlim_cur = 1200;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	for (i = 0; i < 1000; i++)
		if ((idle[i] = dial()) >= 0)
			n++;
	EXPECT(n == 1000, "flood", "only %u idle connections", n);
	a = dial();
	EXPECT(a >= 0 && !ask(a, "show daemon"), "flood", "root client");
	t0 = clock_ms();
	for (turns = 0; turns < 200 && got < sizeof(size_t) + 15; turns++) {
		turn(&cs, lfd, 100);
		got = drain(a, b, got, sizeof(b));
	}
	EXPECT(got == sizeof(size_t) + 15, "flood", "no answer in %u turns", turns);
	/* the whole backlog is taken each turn: it is answered in the first */
	EXPECT(turns <= 1, "flood", "answered after %u turns", turns);
	EXPECT(clock_ms() - t0 < 1000, "flood", "took %llu ms",
	       (unsigned long long)(clock_ms() - t0));
	EXPECT(cs.evicted > 0, "flood", "no eviction");
	for (i = 0; i < 1000; i++)
		if (idle[i] >= 0)
			close(idle[i]);
	close(a);
	/* the rest of the backlog goes without a hang */
	for (i = 0; i < 100; i++)
		turn(&cs, lfd, 100 + CONN_REQ_MS);
	UNIT_PASS("flood");
}

/* One process (a child) holds HOG connections, each asking for a
 * listing of 20 chunks; the parent asks "show daemon" and, on a fresh
 * connection, sends its request in two parts over two turns. */
#define HOG 300
static void t_fair(int lfd)
{
	struct rlimit rl;
	char b[64];
	int p[2], a, i;
	unsigned int turns, listings;
	size_t got = 0, len = strlen("show daemon") + 1;
	pid_t hog;

	setup();
	fk.n = 20 * OB_CHUNK / PIECE;
	if (!getrlimit(RLIMIT_NOFILE, &rl) && rl.rlim_cur < 1200 && rl.rlim_max >= 1200) {
		rl.rlim_cur = 1200;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	EXPECT(!pipe(p), "fair", "pipe");
	hog = fork();
	if (hog == 0) {
		for (i = 0; i < HOG; i++) {
			a = dial();
			if (a < 0 || ask(a, "show paths"))
				_exit(1);
		}
		if (write(p[1], "r", 1) != 1)
			_exit(1);
		/* killed when the test is done; never outlives it by long
		 * (a parent that died must not leave make's pipe held) */
		alarm(30);
		pause();
		_exit(0);
	}
	EXPECT(hog > 0 && read(p[0], b, 1) == 1, "fair", "the hog's %d connections", HOG);
	a = dial();
	EXPECT(a >= 0 && !ask(a, "show daemon"), "fair", "ask");
	for (turns = 0; turns < 50 && got < sizeof(size_t) + 15; turns++) {
		listings = fk.listings;
		turn(&cs, lfd, 100 + turns);
		/* the hog's one unit: a listing counted, or one chunk */
		EXPECT(fk.listings - listings <= 1, "fair", "turn %u: %u listings started",
		       turns, fk.listings - listings);
		got = drain(a, b, got, sizeof(b));
	}
	EXPECT(got == sizeof(size_t) + 15, "fair", "no answer in %u turns", turns);
	EXPECT(turns <= 1, "fair", "answered after %u turns", turns);
	close(a);
	/* a request in two parts: its slot is kept over the hog's flood */
	a = dial();
	EXPECT(a >= 0 && write(a, &len, sizeof(len)) == (ssize_t)sizeof(len), "fair", "part 1");
	for (i = 0; i < 3; i++)
		turn(&cs, lfd, 200 + (unsigned int)i);
	EXPECT(write(a, "show daemon", len) == (ssize_t)len, "fair", "part 2");
	got = 0;
	for (turns = 0; turns < 50 && got < sizeof(size_t) + 15; turns++) {
		turn(&cs, lfd, 300 + turns);
		got = drain(a, b, got, sizeof(b));
	}
	EXPECT(got == sizeof(size_t) + 15 && turns <= 1, "fair", "split request: %zu bytes after %u turns",
	       got, turns);
	close(a);
	kill(hog, SIGKILL);
	waitpid(hog, NULL, 0);
	close(p[0]);
	close(p[1]);
	UNIT_PASS("fair");
}

static void t_sender(void)
{
	struct sockaddr_nl k = { .nl_family = AF_NETLINK, .nl_pid = 0, .nl_groups = 1 };
	struct sockaddr_nl u = { .nl_family = AF_NETLINK, .nl_pid = 4242, .nl_groups = 1 };

	EXPECT_INT(uevent_from_kernel(&k, sizeof(k)), 1, "uevent-sender");
	/* a root process's group-1 multicast or a unicast: its own port */
	EXPECT_INT(uevent_from_kernel(&u, sizeof(u)), 0, "uevent-sender");
	/* no address at all (not netlink): not the kernel's */
	EXPECT_INT(uevent_from_kernel(&k, 0), 0, "uevent-sender");
	k.nl_family = AF_UNIX;
	EXPECT_INT(uevent_from_kernel(&k, sizeof(k)), 0, "uevent-sender");
	UNIT_PASS("uevent-sender");
}

int main(void)
{
	int lfd;

	unit_suite = "loop";
	signal(SIGPIPE, SIG_IGN); /* a dropped client's write: EPIPE */
	lfd = listener();
	if (lfd < 0) {
		perror("listen");
		return 1;
	}
	t_slow_sender(lfd);
	t_slow_reader(lfd);
	moved(lfd, 3, "moved-shorter");
	moved(lfd, 8, "moved-longer");
	t_flood(lfd);
	t_fair(lfd);
	t_idle(lfd);
	t_sender();
	conns_close(&cs);
	close(lfd);
	return UNIT_DONE();
}
