/* The multipathd poll loop: one process, no threads.
 *
 * Path checks are TEST UNIT READY commands written to the path's sg node
 * (SG v3 write/read interface): write() queues the command and returns,
 * the answer is read() when poll() says the node is readable.  A path
 * that does not answer within its checker_timeout counts as down; the
 * others keep being checked on time because nothing here ever waits on
 * one device.  sysfs device/state offline/blocked is down before any
 * command is sent.  What a verdict does to the path and its map is the
 * path-state machine's (pathstate.c); this file feeds it and its sink
 * sends the DM messages.
 *
 * Uevents (events.c) of sd disks mark a rescan due 0.5 s after the
 * last one (at most 2 s after the first), so a burst of 256 paths is one
 * scan and one reload per map.  The rescan (rescan.c) goes through the
 * engine's mp_sync; maps that are right are adopted as they are.
 *
 * The daemon's rooms, and which of them see struct mpd (its state):
 *   - daemon.c, this loop, owns it;
 *   - rescan.c replaces its records, events.c marks a rescan due or
 *     passes a dm event on, verbs.c (the commands) changes its state, kpartx.c's child closes every fd it holds, check.c and
 *     prime.c keep the checkers' buffers and AIO context in it, show.c
 *     reads its records for the listings: they see it;
 *   - pathstate.c (struct ps), follow.c (one path), conn.c (struct
 *     conns), cmd.c, npr.c, json.c and out.c never do.
 *
 * The loop rule (issue 24): nothing in a turn waits on a peer, a device,
 * a file or a lock without a bound, and the bounds are these.
 *   - clients (conn.c): every socket non-blocking; a request must be whole
 *     within 1 s of the accept, a reply moving on within 10 s; the whole
 *     backlog accepted each turn; one unit of work a turn per peer process
 *     (a request, or up to 16 chunks of 4 KiB of a listing counted or
 *     rendered as the client takes it; then more, while their sockets
 *     take them, until CONN_MORE_MS after the turn's start); 64 slots,
 *     the oldest evicted, a process holding half of them only evicts its
 *     own;
 *   - devices: checks and RTPGs are sent and their answers read when poll
 *     says so (never SG_IO), checks for SWEEP_TURN_MS a turn at most
 *     (sweep.h); a rescan reads sysfs only (no SG_IO: devdir NULL) and
 *     waits for new LUs' RTPGs 1 s at most (prime.c); the
 *     partition maps of a new map are read in a child that keeps none of
 *     the daemon's fds;
 *   - DM ioctls (status, table, message, load/resume of a changed map)
 *     are the kernel's, and do no I/O to the paths;
 *   - files: root's own (configuration, bindings, wwids, sysfs, the udev
 *     database), opened to be read whole; a FIFO planted as one of them
 *     must be refused before the open blocks (issue 24 item 10); the
 *     writers' lock is a root-only file tried without waiting, for 0.5 s
 *     at most (afile.c);
 *   - uevents are read non-blocking and only the kernel's are taken. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afile.h"
#include "clock.h"
#include "follow.h"
#include "log.h"
#include "sock.h"
#include "state.h"
#include "sweep.h"
#include "uevent_io.h"

void mpd_defaults(struct mpd *d)
{
	d->verbose = 2;
	d->interval_ms = 5000;
	d->npr_mode = NPR_FAIL;
	d->failback = FB_IMMEDIATE;
	d->policy = MP_FAILOVER;
	d->dm.fd = d->ufd = d->lfd = d->sigfd[0] = d->sigfd[1] = d->efd = -1;
	d->checker = CHECKER_TUR;
	d->partitions = 1;
	d->scan.sysfs = "/sys";
	/* NULL: the scan sends no SG_IO (a disk without the kernel's copy
	 * of VPD 0x83 gets no WWID), dev_t from sysfs */
	d->scan.devdir = NULL;
}

int mpd_io_all(int fd, void *b, size_t n, int wr)
{
	char *p = b;

	while (n) {
		ssize_t k = wr ? write(fd, p, n) : read(fd, p, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -EIO;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

static struct mp_path *path_of(struct mpd *d, struct dpath *p)
{
	return &d->scan.paths[p - d->dp];
}

/* A verdict to the path-state machine; a path up has its priority looked
 * at again (follow.c), and what that asks for is done here: an RTPG sent
 * like a check, or the re-plan. */
static void result(struct mpd *d, struct dpath *p, enum chk c, uint64_t now)
{
	ps_result(&d->ps, p, c, now);
	if (c != CHK_UP)
		return;
	switch (mpd_prio_check(p, path_of(d, p))) {
	case FOLLOW_RTPG:
		if (!chk_rtpg_send(d, p)) {
			p->pending = PEND_RTPG;
			p->sent = now;
		}
		break;
	case FOLLOW_MOVED:
		d->reconf = d->prio_moved = 1;
		break;
	}
}

/* p's checker node opened: 1, or 0 when the path waits (out of fds:
 * no verdict, a turn later), -errno for a verdict of down.  Which fds a
 * path keeps, which are lent for one check (fd_tmp, closed at its
 * answer) and which are refused: sweep.h. */
static int open_fd(struct mpd *d, struct dpath *p, const char *dev, uint64_t now)
{
	int r = chk_open(d, p, dev);

	if (!r) {
		r = sweep_fd(&d->sw, (size_t)(p - d->dp), p->fd, d->fd_limit);
		p->fd_tmp = r > 0;
		if (r >= 0)
			return 1;
		close(p->fd);
		p->fd = -1;
		r = -EMFILE;
	}
	/* out of fds says nothing about the path; a lent fd is free again
	 * within a check's time, other fds (clients, children) not so soon */
	if (r == -EMFILE || r == -ENFILE) {
		if (!d->fd_warned++)
			log_err(r, "%s: cannot open its checker node:", dev);
		sweep_refused(&d->sw, (size_t)(p - d->dp));
		p->due = now + (d->sw.lent ? 50 : d->interval_ms);
		return 0;
	}
	return r;
}

static void start_check(struct mpd *d, struct dpath *p, uint64_t now)
{
	struct mp_path *mp = path_of(d, p);
	char st[24]; /* "transport-offline" whole */
	int r;

	if (p->pending)
		return;
	/* how late the loop is ("show daemon"): a path checked before has
	 * been due since p->due */
	if (p->chk != CHK_UNDEF && now > p->due + d->late_ms)
		d->late_ms = now - p->due;
	/* another checker (the configuration changed): its own node */
	if (p->checker != p->ck_next) {
		if (p->fd >= 0)
			close(p->fd);
		p->fd = -1;
		p->timeout_ms = 0; /* chk_open reads it again */
		p->checker = p->ck_next;
	}
	/* offline / blocked: down before any command is sent */
	if (!read_attrf(st, sizeof(st), "/sys/block/%s/device/state", mp->dev) &&
	    (!strcmp(st, "offline") || !strcmp(st, "blocked") ||
	     !strcmp(st, "transport-offline"))) {
		result(d, p, CHK_DOWN, now);
		return;
	}
	if (p->fd < 0 && (r = open_fd(d, p, mp->dev, now)) <= 0) {
		if (r < 0)
			result(d, p, CHK_DOWN, now);
		return;
	}
	if (p->checker == CHECKER_DIRECTIO && d->aio_inflight >= CHK_AIO_MAX) {
		p->due = now + 100; /* every slot busy: a turn later */
		return;
	}
	if (chk_send(d, p)) {
		result(d, p, CHK_DOWN, now);
		chk_release(d, p);
		return;
	}
	d->aio_inflight += p->checker == CHECKER_DIRECTIO;
	p->pending = PEND_CHECK;
	p->sent = now;
}

static void finish_check(struct mpd *d, struct dpath *p, uint64_t now)
{
	enum chk c;

	if (p->pending == PEND_RTPG) {
		int len = chk_rtpg_read(d, p);

		if (len == -EAGAIN)
			return;
		p->pending = 0;
		if (mpd_prio_rtpg(d->dp, d->scan.paths, (size_t)(p - d->dp), d->rtpg, len))
			d->reconf = d->prio_moved = 1;
		chk_release(d, p);
		return;
	}
	c = chk_sg_answer(d, p);

	if (c == CHK_UNDEF)
		return;
	p->pending = 0;
	result(d, p, c, now);
	chk_release(d, p); /* unless the answer sent an RTPG */
}

/* directio completions: each event names its path by the iocb's id (ids
 * of paths that went away in a rescan match nothing and are dropped). */
static void reap_aio(struct mpd *d, uint64_t now)
{
	struct io_event ev[64];
	int n, i;
	size_t k;

	while ((n = chk_aio_reap(d, ev, 64)) > 0) {
		for (i = 0; i < n; i++) {
			d->aio_inflight -= d->aio_inflight > 0;
			k = dp_by_aio(d->dp, d->scan.n, ev[i].data);
			if (k < d->scan.n) {
				struct dpath *p = &d->dp[k];

				p->pending = 0;
				result(d, p, ev[i].res == (int64_t)p->blksz ? CHK_UP : CHK_DOWN, now);
				chk_release(d, p);
			}
		}
		if (n < 64)
			break;
	}
}

/* ---- the loop ---- */

static int sigw = -1;

static void on_signal(int s)
{
	char c = (char)s;

	if (write(sigw, &c, 1) < 0) {
		/* pipe full: a signal is pending anyway */
	}
}

static int setup(struct mpd *d)
{
	struct sigaction act;
	struct ucred cr;
	int r;

	r = raise_nofile(&d->fd_limit);
	if (r) {
		log_err(r, "raising the open file limit:");
		d->fd_limit = 1024;
	}
	r = dm_open(&d->dm);
	if (r) {
		log_err(r, "%s:", d->dm.what);
		return r;
	}
	d->ufd = uevent_open();
	if (d->ufd < 0) {
		log_err(d->ufd, "uevent socket:");
		return d->ufd;
	}
	d->lfd = r = mpd_sock_listen(&cr);
	if (r == -EADDRINUSE && cr.uid == 0)
		log_msg("control socket: multipathd (pid %d) is running", (int)cr.pid);
	else if (r == -EADDRINUSE && cr.uid != (uid_t)-1)
		log_msg("control socket: its name is held by uid %u (pid %d), not root: "
			"an impostor, not started", (unsigned int)cr.uid, (int)cr.pid);
	else if (r < 0)
		log_err(r, "control socket:");
	if (r < 0)
		return r;
	/* both ends non-blocking and close-on-exec */
	if (pipe2(d->sigfd, O_NONBLOCK | O_CLOEXEC))
		return -errno;
	sigw = d->sigfd[1];
	memset(&act, 0, sizeof(act));
	act.sa_handler = on_signal;
	sigaction(SIGTERM, &act, NULL);
	sigaction(SIGINT, &act, NULL);
	sigaction(SIGHUP, &act, NULL);
	act.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &act, NULL);
	act.sa_flags = SA_NOCLDWAIT; /* kpartx children: no zombies */
	sigaction(SIGCHLD, &act, NULL);
	return 0;
}

static int daemonise(void)
{
	char buf[24];
	pid_t pid = fork();
	int fd;

	if (pid < 0)
		return -errno;
	if (pid > 0)
		_exit(0);
	setsid();
	if (chdir("/")) {
		/* "/" always exists */
	}
	fd = open("/dev/null", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
	/* to /dev/kmsg from now on; no setenv("MPBOOT_KMSG"): nothing
	 * after this reads the environment (d->initramfs was read before,
	 * the kpartx children fork without exec and inherit the fd), and
	 * klibc's setenv with its environment copy was 440 bytes */
	log_kmsg_on();
	mkdir("/run", 0755);
	/* atomic, and never through a link planted at the name */
	snprintf(buf, sizeof(buf), "%d\n", (int)getpid());
	/* a directory planted there: "Is a directory" says why */
	fd = afile_replace(-1, MPD_PIDFILE, buf, strlen(buf));
	if (fd)
		log_err(fd, "cannot write " MPD_PIDFILE ":");
	return 0;
}

/* The checks due, as many as the turn's time allows (sweep.h), and the
 * answers that never came. */
static void tick(struct mpd *d, uint64_t now)
{
	size_t k, i, from = sweep_begin(&d->sw, d->scan.n, now);
	int r;

	for (k = 0; k < d->scan.n; k++) {
		struct dpath *p = &d->dp[i = sweep_at(from, k, d->scan.n)];

		if (p->map < 0)
			continue;
		if (p->pending && now - p->sent >= p->timeout_ms) {
			/* no answer: down, and no new command until the old
			 * one comes back (the sg driver still owns it) */
			if (p->chk != CHK_DOWN)
				log_msg("%s: no answer in %u ms", path_of(d, p)->dev,
					p->timeout_ms);
			result(d, p, CHK_DOWN, now);
		} else if (!p->pending && now >= p->due) {
			/* no clock read (a syscall) once the time is spent */
			r = sweep_go(&d->sw, i, p->fd < 0, d->sw.cut ? ~0ull : clock_ms());
			if (r > 0)
				start_check(d, p, now);
			else if (r < 0)
				p->due = now + 50; /* an answer frees a lent fd */
		}
	}
	if (now >= d->tick_at) {
		d->tick_at = now + d->interval_ms;
		ps_tick(&d->ps, now);
	}
}

/* The first sweep: from start until every path in a map has a verdict
 * (make bench reports it through "show daemon"). */
static void first_sweep(struct mpd *d, uint64_t now)
{
	size_t i;

	for (i = 0; i < d->scan.n; i++)
		if (d->dp[i].map >= 0 && d->dp[i].chk == CHK_UNDEF)
			return;
	d->sweep_ms = now - d->started_at;
	if (!d->sweep_ms)
		d->sweep_ms = 1;
	if (d->verbose >= 2)
		log_msg("first check of every path done in %llu ms", (unsigned long long)d->sweep_ms);
}

/* Start: the fds, the daemon's own process, the checkers, the first scan.
 * 0, or why the daemon cannot run. */
static int start(struct mpd *d)
{
	static const struct conn_ops ops = { NULL, mpd_command, mpd_show };
	uint64_t now;
	int r;

	/* the init exports it */
	d->initramfs = getenv("MPBOOT_KMSG") != NULL;
	conns_init(&d->cl, &ops);
	d->cl.ops.arg = d;
	r = setup(d);
	if (r)
		return r;
	if (!d->foreground && daemonise())
		return -1;
	/* after the fork: an AIO context does not pass to a child */
	r = chk_init(d);
	if (r) {
		log_err(r, "%s checker:", mpd_checker_name(d->checker));
		return r;
	}
	now = clock_ms();
	d->started_at = now;
	d->tmo_all = 1;
	r = mpd_reconfigure(d);
	if (r)
		log_err(r, "initial scan:");
	d->start_ms = clock_ms() - now;
	log_msg("started: %lu maps, %lu paths, %u created, %u reloaded in %llu ms",
		(unsigned long)d->nmaps, (unsigned long)d->scan.n, d->creates,
		d->reloads, (unsigned long long)d->start_ms);
	return 0;
}

/* What is due at the start of a turn: the end of a pause that lasted too
 * long, a rescan, the checks and the interval's tick. */
static void due(struct mpd *d, uint64_t now)
{
	if (d->paused_at && now - d->paused_at >= MPD_PAUSE_MAX_MS) {
		log_msg("no hand-over within %u s: running on", MPD_PAUSE_MAX_MS / 1000);
		d->paused_at = 0;
	}
	/* paused: /sys and /dev may be half moved; a check or scan now
	 * would take every path for gone.  iSCSI only: the maps are the
	 * root's multipathd's (a SIGHUP's rescan would take them back) */
	if (d->paused_at || d->iscsi_only)
		return;
	/* a re-plan the checks (a priority moved) or SIGHUP asked for waits while
	 * the last turn left checks for want of time: one after a sweep of
	 * many turns, as after the sweep of one, not one a turn (a full
	 * rescan of 4 096 paths takes 20 s) */
	if ((d->reconf && !d->sw.cut) || (d->rescan_at && now >= d->rescan_at)) {
		d->reconf = 0;
		d->rescan_at = 0;
		mpd_reconfigure(d);
		if (d->prio_moved) {
			d->prio_moved = 0;
			ps_moved(&d->ps, now);
		}
	}
	tick(d, now);
}

/* The loop's own fds (uevents, control socket, signals, directio
 * completions) and the pending checks' into pfd, *next lowered to the
 * first check or timeout due.  How many. */
static size_t pollfds(struct mpd *d, struct pollfd *pfd, uint64_t *next)
{
	size_t i, n = 0;

	pfd[n++] = (struct pollfd){ d->ufd, POLLIN, 0 };
	pfd[n++] = (struct pollfd){ d->lfd, POLLIN, 0 };
	pfd[n++] = (struct pollfd){ d->sigfd[0], POLLIN, 0 };
	/* directio completions; -1 (ignored by poll) for the others */
	pfd[n++] = (struct pollfd){ d->efd, POLLIN, 0 };
	for (i = 0; i < d->scan.n; i++) {
		struct dpath *p = &d->dp[i];

		if (p->map < 0)
			continue;
		if (p->pending) {
			if (p->checker != CHECKER_DIRECTIO)
				pfd[n++] = (struct pollfd){ p->fd, POLLIN, 0 };
			if (p->sent + p->timeout_ms < *next)
				*next = p->sent + p->timeout_ms;
		} else if (p->due < *next) {
			*next = p->due;
		}
	}
	if (d->rescan_at && d->rescan_at < *next)
		*next = d->rescan_at;
	return n;
}

static void signals(struct mpd *d)
{
	char s;

	while (read(d->sigfd[0], &s, 1) == 1) {
		if (s == SIGHUP)
			d->reconf = d->tmo_all = 1;
		else
			d->stop = 1;
	}
}

/* What poll found: pfd as pollfds made it (cb of them), then the
 * clients' (n in all). */
/* pfd: the loop's four, the checkers' up to ib, the iSCSI duty's up to
 * cb, the clients' up to n */
static void dispatch(struct mpd *d, const struct pollfd *pfd, size_t ib, size_t cb,
		     size_t n, uint64_t now)
{
	size_t i, k, at = 0;

	/* the answers first: a command served below may rescan and move
	 * the records the checkers' pfd entries were made from */
	for (i = 4; i < ib; i++)
		if (pfd[i].revents &&
		    (k = dp_by_fd(d->dp, d->scan.n, pfd[i].fd, &at)) < d->scan.n)
			finish_check(d, &d->dp[k], now);
	if (pfd[0].revents)
		mpd_uevents(d, now);
	conns_service(&d->cl, pfd + cb, n - cb, now);
	if (mpd_iscsi_service && cb > ib)
		mpd_iscsi_service(d, pfd + ib, cb - ib, now);
	if (pfd[1].revents)
		conns_accept(&d->cl, d->lfd, now);
	if (pfd[2].revents)
		signals(d);
	if (pfd[3].revents)
		reap_aio(d, now);
	if (!d->sweep_ms)
		first_sweep(d, now);
}

/* The listings waiting for their turn go on while their sockets take
 * them, until CONN_MORE_MS after the turn's start t0: a turn that sent
 * checks for SWEEP_TURN_MS gives them nothing more (with
 * CONN_UNITS chunks a turn only, "show paths" of 4 096 paths took 2.9 s
 * and "show maps json" 18.5 s).  A slow reader's socket is full: it is
 * not served here, and holds no more than before. */
static void listings(struct mpd *d, uint64_t t0)
{
	uint64_t now;

	while ((now = clock_ms()) - t0 < CONN_MORE_MS && conns_service(&d->cl, NULL, 0, now))
		;
}

int mpd_run(struct mpd *d)
{
	struct pollfd *pfd = NULL;
	size_t cap = 0;
	uint64_t now;
	int r = start(d);

	if (r)
		return r;
	while (!d->stop) {
		size_t n, cb, ib;
		uint64_t next;
		int timeout;

		now = clock_ms();
		due(d, now);
		if (cap < d->scan.n + 4 + CONN_SLOTS + MPD_ISCSI_FDS) {
			size_t want = d->scan.n + 4 + CONN_SLOTS + MPD_ISCSI_FDS;
			struct pollfd *np = realloc(pfd, want * sizeof(*pfd));

			if (!np) {
				log_msg("out of memory");
				break;
			}
			pfd = np;
			cap = want;
		}
		next = d->tick_at;
		n = ib = pollfds(d, pfd, &next);
		if (mpd_iscsi_pollfds) /* the iSCSI duty's, then the clients */
			n += (size_t)mpd_iscsi_pollfds(d, pfd + n, &next, now);
		cb = n;
		n += conns_pollfds(&d->cl, pfd + n, &next);
		if (d->paused_at)
			next = now + 1000;
		timeout = next <= now ? 0 : next - now > 60000 ? 60000 : (int)(next - now);
		r = poll(pfd, (nfds_t)n, timeout);
		if (r < 0 && errno != EINTR)
			break;
		dispatch(d, pfd, ib, cb, n, clock_ms());
		listings(d, now);
	}
	/* SIGTERM / shutdown: every map stays as it is */
	log_msg("exiting, maps left as they are");
	free(pfd);
	/* iSCSI only: the name is the root's multipathd's now */
	if (!d->foreground && !d->iscsi_only)
		unlink(MPD_PIDFILE);
	return 0;
}
