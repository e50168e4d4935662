/* multipathd's commands (moved out of daemon.c): one handler per verb in
 * a table indexed by the verb cmd.c parsed.  A handler returns its one
 * reply line (a format whose %s is the command's path argument), or NULL
 * when it wrote the reply itself.  The listings have no handler: conn.c
 * streams them from show.c.
 *
 * The handlers see struct mpd: the commands are there to change the
 * daemon's state (pause, stop, rescan, follow the new root); what they do
 * to a path goes through the path-state machine (ps_force). */
#include <errno.h>
#include <unistd.h>

#include "clock.h"
#include "log.h"
#include "state.h"
#include "str.h"

/* The checkers the maps' paths run: -c's, or each LU's (per_lu). */
static void show_checkers(const struct mpd *d, struct obuf *o)
{
	unsigned int n[3] = { 0, 0, 0 };
	size_t i;

	for (i = 0; d->dp && i < d->scan.n; i++)
		if (d->dp[i].map >= 0 && d->dp[i].ck_next < 3)
			n[d->dp[i].ck_next]++;
	mpd_checker_line(o, d->checker_set, d->checker, d->ck_default, n);
}

/* The init has moved /dev, /proc, /sys and /run under MPD_NEWROOT and
 * is about to run-init into it: make it our root too.  run-init then
 * moves that mount onto "/" and empties the initramfs; this process keeps
 * its (deleted) executable mapped, its open fds (DM control, uevent
 * socket, sg nodes, /dev/kmsg) point into filesystems that stay, and
 * every path it opens from now on resolves in the booted system.  The
 * control socket is abstract: no file to lose.  Refused when the new
 * root lacks /sys or /dev, where the daemon would see no path at all. */
static int follow_root(void)
{
	if (access(MPD_NEWROOT "/sys/block", F_OK) || access(MPD_NEWROOT "/dev/null", F_OK))
		return -ENOENT;
	if (chroot(MPD_NEWROOT) || chdir("/"))
		return -errno;
	return 0;
}

typedef const char *verb_fn(struct mpd *d, const struct mpd_cmd *c, struct obuf *o);

static const char *show_daemon(struct mpd *d, const struct mpd_cmd *c, struct obuf *o)
{
	(void)c;
	ob_add(o, "pid %d %s\n", (int)getpid(), d->paused_at ? "paused" : "running");
	show_checkers(d, o);
	ob_add(o, "maps %lu paths %lu creates %u reloads %u uevents %u\n"
	       "start %llu ms first-sweep %llu ms late-max %llu ms\n",
	       (unsigned long)d->nmaps, (unsigned long)d->scan.n,
	       d->creates, d->reloads, d->events, (unsigned long long)d->start_ms,
	       (unsigned long long)d->sweep_ms, (unsigned long long)d->late_ms);
	d->late_ms = 0; /* the next "show daemon" tells of the time since */
	return NULL;
}

/* reconfigure, add path, del path: the rescan is done before the answer,
 * so a caller (the init's findroot loop) sees the maps made when it gets
 * "ok" */
static const char *rescan(struct mpd *d, const struct mpd_cmd *c, struct obuf *o)
{
	struct dpath *p;
	char sys[64];

	(void)o;
	if (d->paused_at)
		return "fail: paused for the hand-over\n";
	if (c->verb == MPD_DEL_PATH) {
		p = path_by_name(d, c->arg);
		if (!p || (p->map < 0 && !hidden_at(&d->hidden, c->arg, NULL)))
			return "fail: %s is in no map\n";
		if (hide(&d->hidden, c->arg))
			return "fail: too many deleted paths\n";
	} else if (c->verb == MPD_ADD_PATH) {
		if (str_fmt(sys, sizeof(sys), "%s/block/%s", d->scan.sysfs, c->arg) ||
		    access(sys, F_OK))
			return "fail: no such path %s\n";
		unhide(&d->hidden, c->arg);
	}
	d->reconf = 0;
	d->rescan_at = 0;
	d->tmo_all |= c->verb == MPD_RECONFIGURE;
	return mpd_reconfigure(d) ? "fail: rescan failed, see the log\n" : "ok\n";
}

/* fail path, reinstate path */
static const char *force(struct mpd *d, const struct mpd_cmd *c, struct obuf *o)
{
	struct dpath *p = path_by_name(d, c->arg);

	(void)o;
	if (!p || p->map < 0)
		return "fail: %s is in no map\n";
	ps_force(&d->ps, p, c->verb == MPD_FAIL_PATH);
	return "ok\n";
}

static const char *stop_daemon(struct mpd *d, const struct mpd_cmd *c, struct obuf *o)
{
	(void)c, (void)o;
	d->stop = 1;
	return "ok\n";
}

static const char *handover_begin(struct mpd *d, const struct mpd_cmd *c, struct obuf *o)
{
	(void)c, (void)o;
	d->paused_at = clock_ms();
	log_msg("paused for the hand-over");
	return "ok\n";
}

static const char *handover_abort(struct mpd *d, const struct mpd_cmd *c, struct obuf *o)
{
	(void)c, (void)o;
	d->paused_at = 0;
	log_msg("hand-over aborted, running on");
	return "ok\n";
}

static const char *handover_done(struct mpd *d, const struct mpd_cmd *c, struct obuf *o)
{
	int r = follow_root();

	(void)c, (void)o;
	d->paused_at = 0;
	if (r) {
		log_err(r, "cannot follow the new root " MPD_NEWROOT ":");
		return "fail: cannot follow the new root\n";
	}
	/* the real root's files from now on */
	d->initramfs = 0;
	d->tmo_all = 1;
	log_msg("following the new root " MPD_NEWROOT);
	return "ok\n";
}

/* The root has a multipathd of its own, and mpboot's iSCSI sessions need
 * the re-login after a link loss (iscsi.c), which nothing in that root
 * does.  Follow the root as "handover done" does, then leave the root's
 * daemon everything it takes over: the control socket's name (closed
 * here, before run-init, so systemd's multipathd.socket can bind it), the
 * pid file (ours would be unlinked at our exit, under its owner), the
 * uevents and the paths' checker nodes; no check, rescan or DM message
 * from now on (due() in daemon.c).  What is left is the iSCSI duty and
 * SIGTERM: the daemon dies with the other processes at shutdown, as the
 * followed one does.  The init waits for the reply on its connection,
 * which stays served. */
static const char *handover_iscsi(struct mpd *d, const struct mpd_cmd *c, struct obuf *o)
{
	const char *r;
	size_t i;

	if (!mpd_iscsi_service)
		return "fail: no iSCSI duty\n";
	r = handover_done(d, c, o);
	if (*r == 'f')
		return r;
	for (i = 0; i < d->scan.n; i++)
		if (d->dp[i].fd >= 0)
			close(d->dp[i].fd);
	d->scan.n = 0;
	close(d->lfd);
	close(d->ufd);
	d->lfd = d->ufd = -1;
	d->iscsi_only = 1;
	d->tick_at = UINT64_MAX; /* no interval to wake up for */
	unlink(MPD_PIDFILE);
	log_msg("iSCSI re-login only");
	return "ok\n";
}

/* from MPD_SHOW_DAEMON on: the listings before it have no handler */
#define V(verb) [(verb) - MPD_SHOW_DAEMON]
static verb_fn *const verbs[] = {
	V(MPD_SHOW_DAEMON) = show_daemon,
	V(MPD_RECONFIGURE) = rescan,
	V(MPD_ADD_PATH) = rescan,
	V(MPD_DEL_PATH) = rescan,
	V(MPD_FAIL_PATH) = force,
	V(MPD_REINSTATE_PATH) = force,
	V(MPD_SHUTDOWN) = stop_daemon,
	V(MPD_HANDOVER_BEGIN) = handover_begin,
	V(MPD_HANDOVER_DONE) = handover_done,
	V(MPD_HANDOVER_ABORT) = handover_abort,
	V(MPD_HANDOVER_ISCSI) = handover_iscsi,
};

void mpd_command(void *arg, const char *line, struct obuf *o)
{
	struct mpd_cmd c;
	const char *why, *reply;

	if (mpd_cmd_parse(line, &c, &why)) {
		ob_add(o, "fail: %s\n", why);
		return;
	}
	if (c.verb < MPD_SHOW_DAEMON) /* the listings: conn.c streams them (mpd_show) */
		return;
	reply = verbs[c.verb - MPD_SHOW_DAEMON](arg, &c, o);
	if (reply)
		ob_add(o, reply, c.arg);
}
