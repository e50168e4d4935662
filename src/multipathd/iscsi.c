/* multipathd's iSCSI duty (issue 19): when a connection of a session
 * mpboot's iscsi applet made drops, log in again, so that the path comes
 * back after a link blip; the checker then reinstates it.
 *
 * The kernel reports the loss as ISCSI_KEVENT_CONN_ERROR to iscsid's
 * netlink group, where we listen (iscsi_nl_events).  Sessions with a
 * record (/run/mpboot/iscsi/SID, written by the applet at its login) are
 * ours; each attempt is the applet's own re-login (`iscsi -r SID`: stop
 * the connection, log in with the session's ISID, bind, set the
 * parameters, start) run in a forked child, so that a connect or a login
 * that waits on the network never delays the checkers: the loop only
 * polls the child's pipe, which carries one byte, its result (children
 * are reaped by the kernel, SA_NOCLDWAIT: there is no exit status to
 * read).  relogin.c keeps the table and the back-off.
 *
 * open-iscsi's iscsid, when it runs (its pid file is there), owns
 * recovery: it adopts the sessions it has node records for at its start
 * (docs/iscsi.md), and two initiators logging in for one session would
 * reinstate each other's.  We then step aside for that session.
 *
 * Linked only with the iscsi applet: daemon.c calls these through weak
 * references, so the base link of `make size` has none of it. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "state.h"
#include "iscsi/nl.h"
#include "log.h"
#include "relogin.h"

#define REC_DIR "/run/mpboot/iscsi"
#define REC_MAX 2048      /* a record: names, address, secrets bounded */
#define REC_ARGS 24

_Static_assert(MPD_ISCSI_FDS == 1 + RL_MAX, "the loop makes room for the event socket and each attempt");

/* the applet (src/iscsi/main.c), in the multi-call ELF only */
int mpboot_iscsi_main(int argc, char **argv) __attribute__((weak));

struct mpd_iscsi {
	struct iscsi_nl nl;      /* its fd: the kernel's events, -1: none */
	struct rl_table t;
};

static void say(uint32_t sid, const char *what)
{
	log_msg("iscsi session %u: %s", sid, what);
}

/* The child: the applet with the record's arguments (one a line, see
 * src/iscsi/main.c); its result: 0 logged in, 1 failed, 2 no record (a
 * session mpboot did not make: not ours to log in). */
static char relogin(uint32_t sid)
{
	char b[REC_MAX], *av[REC_ARGS] = { (char *)"iscsi" };
	ssize_t g;
	int fd;

	snprintf(b, sizeof(b), REC_DIR "/%u", sid);
	fd = open(b, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return 2;
	g = read(fd, b, sizeof(b) - 1);
	if (g <= 0)
		return 1;
	return !!mpboot_iscsi_main(rl_argv(b, (size_t)g, av, REC_ARGS), av);
}

static void start(struct mpd *d, struct rl_sess *s, uint64_t now)
{
	int p[2];
	char c;
	pid_t pid;

	/* Debian's iscsid.service: PIDFile=/run/iscsid.pid */
	if (!access("/run/iscsid.pid", F_OK)) {
		say(s->sid, "left to iscsid");
		s->used = 0;
		return;
	}
	if (pipe(p))
		goto fail;
	pid = fork();
	if (pid == 0) {
		/* not the control socket: a daemon started while this
		 * child runs must be able to take its name */
		close(d->lfd);
		c = relogin(s->sid);
		_exit(write(p[1], &c, 1) != 1);
	}
	close(p[1]);
	if (pid > 0) {
		s->fd = p[0];
		return;
	}
	close(p[0]);
fail:
	rl_done(s, 0, now);
}

int mpd_iscsi_pollfds(struct mpd *d, struct pollfd *pfd, uint64_t *next, uint64_t now)
{
	struct mpd_iscsi *x = d->iscsi;
	struct rl_sess *s;
	unsigned int i;
	int n = 0;

	if (!x) {
		x = d->iscsi = malloc(sizeof(*x));
		if (!x)
			return 0;
		rl_init(&x->t);
		/* no iscsi_tcp (no session then), no applet: no duty */
		x->nl.fd = -1;
		if (mpboot_iscsi_main)
			iscsi_nl_open(&x->nl, "tcp");
	}
	if (x->nl.fd < 0)
		return 0;
	while ((s = rl_due(&x->t, now, next)))
		start(d, s, now);
	pfd[n++] = (struct pollfd){ x->nl.fd, POLLIN, 0 };
	for (i = 0; i < RL_MAX; i++)
		if (x->t.s[i].used && x->t.s[i].fd >= 0)
			pfd[n++] = (struct pollfd){ x->t.s[i].fd, POLLIN, 0 };
	return n;
}

/* Connection errors: into the table (the kernel logs each itself:
 * "detected conn error"); the first attempt tells whether the session
 * is ours, by its record. */
static void events(struct mpd_iscsi *x, uint64_t now)
{
	char b[512];
	uint32_t sid;
	ssize_t g;

	while ((g = recv(x->nl.fd, b, sizeof(b), MSG_DONTWAIT)) > 0)
		if (iscsi_nl_conn_error(b, (size_t)g, &sid) == 1)
			rl_lost(&x->t, sid, now); /* -ENOSPC: RL_MAX wait already */
}

/* An attempt ended: its result byte (none: the child died). */
static void finished(struct mpd *d, struct rl_sess *s, uint64_t now)
{
	char c = 1;
	size_t i;

	if (read(s->fd, &c, 1) != 1)
		c = 1;
	close(s->fd);
	rl_done(s, c != 1, now); /* 2: not ours, out of the table as well */
	/* a failure: the applet said why, on each attempt */
	if (c)
		return;
	say(s->sid, "logged in again");
	/* check the failed paths now rather than at their next interval */
	for (i = 0; i < d->scan.n; i++)
		if (d->dp[i].chk != CHK_UP && !d->dp[i].pending)
			d->dp[i].due = now;
}

/* pfd: as mpd_iscsi_pollfds made it (the table has not changed since):
 * the event socket, then each running attempt in table order. */
void mpd_iscsi_service(struct mpd *d, const struct pollfd *pfd, size_t n, uint64_t now)
{
	struct mpd_iscsi *x = d->iscsi;
	struct rl_sess *s;
	size_t i = 1;

	if (pfd[0].revents)
		events(x, now);
	for (s = x->t.s; s < x->t.s + RL_MAX && i < n; s++)
		if (s->used && s->fd >= 0 && pfd[i++].revents)
			finished(d, s, now);
}
