/* mpdprobe: hostile peers of multipathd, for the issue 24 scenario.
 *   mpdprobe hold N KIND SECS   hold N connections to the control socket
 *                               for SECS s, each dropped one made again
 *                               0.9 s later;
 *                               KIND idle (connect, say nothing), send (a
 *                               request one byte per 0.9 s), read ("show
 *                               maps json", taken 4 KiB per 0.9 s) or mix
 *   mpdprobe uevent MSG...      send a forged uevent ("add@/devpath",
 *                               "KEY=VALUE"...) to the kernel's uevent
 *                               group 1 and to PORT (env MPDPROBE_PORT)
 *   mpdprobe flock PATH SECS   hold flock LOCK_EX on PATH opened
 *                               read-only (any user can) for SECS s
 *   mpdprobe impostor SECS ok|silent|big
 *                               bind the control socket's name, answer
 *                               "ok" to every request, nothing, or a
 *                               reply of BIG_REPLY bytes (lines of 64)
 *   mpdprobe ask CMD            send CMD as the multipathd client does
 *                               (blocking, 5 s to connect) and say how
 *                               long the connect, the reply's first bytes
 *                               and the whole reply took: a wait in the
 *                               kernel's backlog is in the connect or
 *                               before the first bytes, the daemon's
 *                               rendering after them
 * Prints one "MPDPROBE: ..." line with what it did. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>
#include <linux/netlink.h>

#include "clock.h"

#define NAME "/org/kernel/linux/storage/multipathd"
#define MAXC 2000
#define STEP_MS 900
#define BIG_REPLY (5u << 20) /* past the old client's 4 MiB cap */

#define ms clock_ms

static socklen_t addr(struct sockaddr_un *sa)
{
	memset(sa, 0, sizeof(*sa));
	sa->sun_family = AF_UNIX;
	memcpy(sa->sun_path + 1, NAME, strlen(NAME));
	return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + strlen(NAME));
}

struct peer {
	int fd, kind;   /* kind: 0 idle, 1 send, 2 read */
	size_t sent;    /* request bytes sent */
	uint64_t next;  /* its next step */
};

static unsigned char req[sizeof(size_t) + 64];
static volatile sig_atomic_t stop;

static void on_term(int s)
{
	(void)s;
	stop = 1; /* "hold" prints what it did, then exits */
}
static size_t reqlen[3];

static void dial(struct peer *p, uint64_t now, unsigned long *n)
{
	struct sockaddr_un sa;
	socklen_t sl = addr(&sa);
	int rcv = 4096;

	p->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
	p->sent = 0;
	p->next = now + 100; /* a refused one is tried again later */
	if (p->fd < 0)
		return;
	if (p->kind == 2)
		setsockopt(p->fd, SOL_SOCKET, SO_RCVBUF, &rcv, sizeof(rcv));
	if (connect(p->fd, (struct sockaddr *)&sa, sl)) {
		close(p->fd);
		p->fd = -1;
		return;
	}
	++*n;
	p->next = now;
}

static void request(int kind)
{
	const char *t = kind == 2 ? "show maps json" : "show daemon";
	size_t len = strlen(t) + 1;

	memcpy(req, &len, sizeof(len));
	memcpy(req + sizeof(len), t, len);
	reqlen[kind] = sizeof(len) + len;
}

/* One step of peer p: 0, or -1 when the daemon dropped it. */
static int step(struct peer *p, uint64_t now)
{
	char buf[4096];
	ssize_t r;

	if (p->kind == 1 && p->sent < reqlen[1]) {
		request(1);
		if (send(p->fd, req + p->sent, 1, MSG_NOSIGNAL) != 1)
			return -1;
		p->sent++;
	} else if (p->kind == 2 && p->sent == 0) {
		request(2);
		if (send(p->fd, req, reqlen[2], MSG_NOSIGNAL) != (ssize_t)reqlen[2])
			return -1;
		p->sent = reqlen[2];
	}
	if (p->kind == 2 || p->kind == 0 || p->sent >= reqlen[1]) {
		r = recv(p->fd, buf, p->kind == 2 ? sizeof(buf) : 1, MSG_DONTWAIT);
		if (r == 0 || (r < 0 && errno != EAGAIN))
			return -1;
		if (p->kind != 2 && r > 0)
			return -1; /* answered: done, make another */
	}
	p->next = now + STEP_MS;
	return 0;
}

static int hold(int n, const char *kind, int secs)
{
	static struct peer pr[MAXC];
	unsigned long conns = 0, drops = 0;
	uint64_t end = ms() + (uint64_t)secs * 1000, now;
	int i;

	if (n < 1 || n > MAXC)
		return 2;
	request(1);
	request(2);
	for (i = 0; i < n; i++) {
		pr[i].kind = !strcmp(kind, "idle") ? 0 : !strcmp(kind, "send") ? 1 :
			     !strcmp(kind, "read") ? 2 : i % 3;
		pr[i].fd = -1;
	}
	signal(SIGTERM, on_term);
	while ((now = ms()) < end && !stop) {
		for (i = 0; i < n; i++) {
			struct peer *p = &pr[i];

			if (now < p->next)
				continue;
			if (p->fd < 0) {
				dial(p, now, &conns);
			} else if (step(p, now)) {
				close(p->fd);
				p->fd = -1;
				drops++;
				p->next = now + STEP_MS; /* a holder, not a connect flood */
			}
		}
		poll(NULL, 0, 50);
	}
	printf("MPDPROBE: hold %d %s: %lu connections, %lu ended (dropped or answered)\n", n, kind,
	       conns, drops);
	return 0;
}

static int uevent(int argc, char **argv)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK, .nl_groups = 1 };
	char buf[2048];
	size_t len = 0;
	int fd = socket(AF_NETLINK, SOCK_DGRAM, NETLINK_KOBJECT_UEVENT), i, sent = 0;
	const char *port = getenv("MPDPROBE_PORT");

	for (i = 0; i < argc; i++) {
		size_t l = strlen(argv[i]) + 1;

		if (len + l > sizeof(buf))
			return 2;
		memcpy(buf + len, argv[i], l);
		len += l;
	}
	if (fd < 0) {
		perror("mpdprobe: netlink");
		return 1;
	}
	/* the kernel's multicast group, as a root process may */
	if (sendto(fd, buf, len, 0, (struct sockaddr *)&sa, sizeof(sa)) == (ssize_t)len)
		sent++;
	/* and straight to the daemon's port */
	if (port) {
		sa.nl_groups = 0;
		sa.nl_pid = (unsigned int)atoi(port);
		if (sendto(fd, buf, len, 0, (struct sockaddr *)&sa, sizeof(sa)) == (ssize_t)len)
			sent++;
	}
	printf("MPDPROBE: uevent %s sent %d time(s)\n", argv[0], sent);
	return sent ? 0 : 1;
}

/* BIG_REPLY bytes of 'x' lines and the framing's NUL, as a daemon's long
 * listing comes: a size_t length first */
static void big_reply(int c)
{
	static char b[65536];
	size_t l = BIG_REPLY + 1, i;

	for (i = 0; i < sizeof(b); i++)
		b[i] = (i % 64 == 63) ? '\n' : 'x';
	if (send(c, &l, sizeof(l), MSG_NOSIGNAL) < 0)
		return;
	for (i = 0; i < BIG_REPLY / sizeof(b); i++)
		if (send(c, b, sizeof(b), MSG_NOSIGNAL) < 0)
			return;
	send(c, "", 1, MSG_NOSIGNAL);
}

static int impostor(int secs, int ok)
{
	struct sockaddr_un sa;
	socklen_t sl = addr(&sa);
	int fd = socket(AF_UNIX, SOCK_STREAM, 0), c;
	unsigned long served = 0;
	uint64_t end = ms() + (uint64_t)secs * 1000;

	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sl) || listen(fd, 8)) {
		perror("mpdprobe: impostor");
		return 1;
	}
	printf("MPDPROBE: impostor holds the name (uid %d)\n", (int)getuid());
	fflush(stdout);
	while (ms() < end) {
		struct pollfd p = { fd, POLLIN, 0 };

		if (poll(&p, 1, 100) <= 0)
			continue;
		c = accept(fd, NULL, NULL);
		if (c < 0)
			continue;
		served++;
		if (ok == 2) {
			big_reply(c);
			close(c);
		} else if (ok) {
			char a[sizeof(size_t) + 3] = { 0 };
			size_t l = 3;

			memcpy(a, &l, sizeof(l));
			memcpy(a + sizeof(l), "ok\n", 3);
			/* MSG_NOSIGNAL: a client that refuses us (not root)
			 * closes before reading, and SIGPIPE killed the
			 * impostor, freeing the name for the next check */
			if (send(c, a, sizeof(a), MSG_NOSIGNAL) < 0) {
				/* the client went */
			}
			close(c);
		}
		/* silent: the connection is kept open, never answered */
	}
	printf("MPDPROBE: impostor saw %lu client(s)\n", served);
	return 0;
}

static int lock(const char *path, int secs)
{
	int fd = open(path, O_RDONLY);

	if (fd < 0 || flock(fd, LOCK_EX)) {
		perror("mpdprobe: flock");
		return 1;
	}
	printf("MPDPROBE: flock on %s held (uid %d)\n", path, (int)getuid());
	fflush(stdout);
	sleep((unsigned int)secs);
	return 0;
}

/* Milliseconds from t0 to now. */
static unsigned int since(uint64_t t0)
{
	return (unsigned int)(ms() - t0);
}

static int ask(const char *cmd)
{
	struct timeval tv = { 5, 0 };
	struct sockaddr_un sa;
	socklen_t sl = addr(&sa);
	char buf[4096];
	size_t len = strlen(cmd) + 1, rlen = 0, got = 0;
	uint64_t t0 = ms();
	unsigned int tc, tf = 0;
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	ssize_t r;

	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) ||
	    connect(fd, (struct sockaddr *)&sa, sl)) {
		printf("MPDPROBE: ask: connect failed after %u ms: %s\n", since(t0), strerror(errno));
		return 1;
	}
	tc = since(t0);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (send(fd, &len, sizeof(len), MSG_NOSIGNAL) != sizeof(len) ||
	    send(fd, cmd, len, MSG_NOSIGNAL) != (ssize_t)len) {
		printf("MPDPROBE: ask: send failed after %u ms (connect %u ms)\n", since(t0), tc);
		return 1;
	}
	while ((r = recv(fd, buf, sizeof(buf), 0)) > 0) {
		if (!got)
			tf = since(t0);
		if (!got && (size_t)r >= sizeof(rlen))
			memcpy(&rlen, buf, sizeof(rlen));
		got += (size_t)r;
		if (got >= sizeof(rlen) + rlen && rlen)
			break;
	}
	printf("MPDPROBE: ask %s: connect %u ms, first bytes %u ms, whole %u ms (%zu bytes)\n",
	       cmd, tc, tf, since(t0), got);
	close(fd);
	return got && got == sizeof(rlen) + rlen ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc == 5 && !strcmp(argv[1], "hold"))
		return hold(atoi(argv[2]), argv[3], atoi(argv[4]));
	if (argc >= 3 && !strcmp(argv[1], "uevent"))
		return uevent(argc - 2, argv + 2);
	if (argc == 4 && !strcmp(argv[1], "flock"))
		return lock(argv[2], atoi(argv[3]));
	if (argc == 4 && !strcmp(argv[1], "impostor"))
		return impostor(atoi(argv[2]), !strcmp(argv[3], "big") ? 2 :
					       !strcmp(argv[3], "ok"));
	if (argc == 3 && !strcmp(argv[1], "ask"))
		return ask(argv[2]);
	fputs("usage: mpdprobe hold N idle|send|read|mix SECS | uevent MSG... |"
	      " flock PATH SECS | impostor SECS ok|silent|big | ask CMD\n", stderr);
	return 2;
}
