/* The multipathd poll loop: one process, no threads.
 *
 * Path checks are TEST UNIT READY commands written to the path's sg node
 * (SG v3 write/read interface): write() queues the command and returns,
 * the answer is read() when poll() says the node is readable.  A path
 * that does not answer within its checker_timeout counts as down; the
 * others keep being checked on time because nothing here ever waits on
 * one device.  sysfs device/state offline/blocked is down before any
 * command is sent.
 *
 * Uevents of sd disks mark a rescan due 0.5 s after the last one (at
 * most 2 s after the first), so a burst of 256 paths is one scan and one
 * reload per map.  The engine (src/lib/engine/plan.c) decides what to create or
 * reload; maps that are right are adopted as they are.
 *
 * The loop rule (issue 24): nothing in a turn waits on a peer, a device,
 * a file or a lock without a bound, and the bounds are these.
 *   - clients (conn.c): every socket non-blocking, one recv/send per ready
 *     socket; a request must be whole within 1 s of the accept, a reply
 *     taken within 10 s; 64 slots, the oldest evicted; listings rendered
 *     a 4 KiB chunk at a time as the client takes them;
 *   - devices: checks and RTPGs are sent and their answers read when poll
 *     says so (never SG_IO); a rescan reads sysfs only (no SG_IO: devdir
 *     NULL) and waits for new LUs' RTPGs 1 s at most (prime.c); the
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
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <unistd.h>

#include "afile.h"
#include "clock.h"
#include "daemon.h"
#include "dmudev.h"
#include "follow.h"
#include "conf_load.h"
#include "log.h"
#include "mem.h"
#include "partmap.h"
#include "sock.h"
#include "str.h"
#include "sync.h"
#include "view.h"
#include "uevent.h"
#include "uevent_io.h"

#define RESCAN_QUIET_MS 500
#define RESCAN_MAX_MS 2000
#define FD_SPARE (32 + CONN_SLOTS)

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

struct dpath *path_by_devt(struct mpd *d, unsigned int ma, unsigned int mi)
{
	size_t i;

	for (i = 0; i < d->scan.n; i++)
		if (d->scan.paths[i].maj == ma && d->scan.paths[i].min == mi)
			return &d->dp[i];
	return NULL;
}

static struct mp_path *path_of(struct mpd *d, struct dpath *p)
{
	return &d->scan.paths[p - d->dp];
}

/* The path-state machine's sink: each of its decisions is one DM target
 * message (no I/O to the paths), logged. */
static void sink(void *arg, int map, const struct dpath *p, const char *text)
{
	struct mpd *d = arg;
	const char *name = d->maps[map].name;
	int r = dm_message(&d->dm, name, 0, text);

	if (r)
		log_err(r, "%s: %s: %s:", name, text, d->dm.what);
	else if (d->verbose >= 2 && p)
		log_msg("%s: %s (%s)", name, text, d->scan.paths[p - d->dp].dev);
	else if (d->verbose >= 2)
		log_msg("%s: %s", name, text);
}

const struct ps *ps_of(struct mpd *d)
{
	d->ps = (struct ps){ d->dp, d->scan.n, d->maps, d->nmaps, d->interval_ms, sink, d };
	return &d->ps;
}

/* A verdict to the path-state machine; a path up has its priority looked
 * at again (follow.c), and what that asks for is done here: an RTPG sent
 * like a check, or the re-plan. */
static void result(struct mpd *d, struct dpath *p, enum chk c, uint64_t now)
{
	ps_result(ps_of(d), p, c, now);
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

static void start_check(struct mpd *d, struct dpath *p, uint64_t now)
{
	struct mp_path *mp = path_of(d, p);
	char st[16];
	int r;

	if (p->pending)
		return;
	/* another checker (the configuration changed): its own node */
	if (p->checker != p->ck_next) {
		if (p->fd >= 0)
			close(p->fd);
		p->fd = -1;
		p->checker = p->ck_next;
	}
	/* offline / blocked: down before any command is sent */
	if (!read_attrf(st, sizeof(st), "/sys/block/%s/device/state", mp->dev) &&
	    (!strcmp(st, "offline") || !strcmp(st, "blocked") ||
	     !strcmp(st, "transport-offline"))) {
		result(d, p, CHK_DOWN, now);
		return;
	}
	/* keep FD_SPARE fds for clients, kpartx children and rescans: a
	 * checker fd past that is closed again and the path waits */
	if (p->fd < 0 && !(r = chk_open(d, p, mp->dev)) &&
	    (unsigned long long)p->fd + FD_SPARE >= d->fd_limit) {
		close(p->fd);
		p->fd = -1;
		r = -EMFILE;
	}
	if (p->fd < 0 && r) {
		/* out of fds says nothing about the path: no verdict, later */
		if (r == -EMFILE || r == -ENFILE) {
			if (!d->fd_warned++)
				log_err(r, "%s: cannot open its checker node:", mp->dev);
			p->due = now + d->interval_ms;
			return;
		}
		result(d, p, CHK_DOWN, now);
		return;
	}
	if (p->checker == CHECKER_DIRECTIO && d->aio_inflight >= CHK_AIO_MAX) {
		p->due = now + 100; /* every slot busy: a turn later */
		return;
	}
	if (chk_send(d, p)) {
		result(d, p, CHK_DOWN, now);
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
		const char *wwid = path_of(d, p)->wwid;

		p->pending = 0;
		if (!wwid || len <= 0)
			return;
		mpd_prio_spread(d, wwid, len);
		if (mpd_prio_answer(d->dp, d->scan.paths, d->scan.n, wwid))
			d->reconf = d->prio_moved = 1;
		return;
	}
	c = chk_sg_answer(d, p);

	if (c == CHK_UNDEF)
		return;
	p->pending = 0;
	result(d, p, c, now);
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
			for (k = 0; k < d->scan.n; k++) {
				struct dpath *p = &d->dp[k];

				if (!p->pending || p->aio_id != ev[i].data)
					continue;
				p->pending = 0;
				result(d, p, ev[i].res == (int64_t)p->blksz ? CHK_UP : CHK_DOWN, now);
				break;
			}
		}
		if (n < 64)
			break;
	}
}

/* ---- maps: adopt / create / reload ---- */

/* A map the daemon creates gets its partition maps as the boot's parts
 * phase makes them (the library's kpartx logic, src/lib/engine/partmap.c, "-part"
 * delimiter).  In a child, because reading the partition table is I/O on
 * the new map, which may queue while its paths are down: the checkers must
 * never wait on it.  The child has its own device-mapper context, so its
 * udev cookie is its own, and waits for udev before it exits (a cookie no
 * one waits for is a semaphore left behind).  Children are reaped by the
 * kernel (SIGCHLD ignored with SA_NOCLDWAIT in setup). */
static void spawn_kpartx(struct mpd *d, const char *name)
{
	struct dm_ctx dm = { .fd = -1 };
	pid_t pid = fork();
	size_t i;
	int r;

	if (pid < 0) {
		log_err(-errno, "%s: partition maps: fork:", name);
		return;
	}
	if (pid)
		return;
	/* The child may hang on the new map's I/O for as long as it
	 * queues: it keeps none of the daemon's descriptors (a child left
	 * holding the control socket kept the next daemon from starting);
	 * it never execs, so close-on-exec alone would not do */
	conns_close(&d->cl);
	close(d->lfd);
	close(d->ufd);
	close(d->sigfd[0]);
	close(d->sigfd[1]);
	close(d->efd);
	close(d->dm.fd);
	for (i = 0; i < d->scan.n; i++)
		close(d->dp[i].fd);
	r = dm_open(&dm);
	if (!r)
		r = pm_add_map(&dm, "/dev", name, "-part");
	else
		log_err(r, "%s: partition maps: device-mapper:", name);
	if (dm.fd >= 0 && dm_udev_wait(&dm, DM_UDEV_TIMEOUT_MS))
		log_msg("%s: partition maps: udev did not confirm in time", name);
	dm_close(&dm);
	_exit(r ? 1 : 0);
}

/* One LU's plan and what mp_sync did with it: logged and counted; a
 * new map gets its partition maps. */
static int report(void *arg, struct mp_plan *pl, const struct mp_sync_out *out)
{
	struct mpd *d = arg;

	if (out->act == MP_KEEP && !pl->pp && pl->live) {
		/* "no paths left": flushed unless in use */
		if (out->r)
			log_err(out->r, "%s: flush: %s:", pl->name, d->dm.what);
		else if (out->applied)
			log_msg("%s: flushed (no paths left)", pl->name);
		return 0;
	}
	if (out->act == MP_SKIP) {
		log_err(pl->err, "%s: %s:", pl->name, pl->reason);
		return 0;
	}
	if (out->act == MP_KEEP && !pl->rename_from[0])
		return 0;
	if (pl->bad_name)
		log_msg("%s: %s '%s' is not a valid map name, ignored", pl->wwid,
			pl->bad_from, pl->bad_name);
	if (out->gone)
		log_msg("%s: %u path(s) gone while loading", pl->name, out->gone);
	if (out->r) {
		log_err(out->r, "%s: %s: %s:", pl->name, mp_act_name(pl->act), d->dm.what);
		return 0;
	}
	if (pl->rename_from[0])
		log_msg("%s: renamed from %s", pl->name, pl->rename_from);
	if (d->verbose >= 2)
		log_msg("%s: %s (%s)", pl->name, mp_act_name(pl->act), pl->reason);
	d->reloads += pl->act == MP_RELOAD;
	d->creates += pl->act == MP_CREATE;
	if (pl->act == MP_CREATE && d->partitions)
		spawn_kpartx(d, pl->name);
	return 0;
}

/* The paths "del path" took out: kept out of the maps until "add path"
 * or a kernel "add" uevent for the name. */
static int hidden_at(const struct mpd *d, const char *dev, size_t *at)
{
	size_t i;

	for (i = 0; i < d->nhidden; i++)
		if (!strcmp(d->hidden[i], dev)) {
			if (at)
				*at = i;
			return 1;
		}
	return 0;
}

static int hide(struct mpd *d, const char *dev)
{
	char (*h)[MP_DEV_LEN];

	if (hidden_at(d, dev, NULL))
		return 0;
	if (d->nhidden >= 4096)
		return -ENOSPC;
	h = realloc(d->hidden, (d->nhidden + 1) * sizeof(*h));
	if (!h)
		return -ENOMEM;
	d->hidden = h;
	return str_copy(d->hidden[d->nhidden++], dev, sizeof(*h));
}

static void unhide(struct mpd *d, const char *dev)
{
	size_t at;

	if (hidden_at(d, dev, &at)) {
		memmove(&d->hidden[at], &d->hidden[at + 1],
			(d->nhidden - at - 1) * sizeof(d->hidden[0]));
		d->nhidden--;
	}
}

/* A map's failback and its paths' checker: -b and -c, else what the
 * configuration says for the LU (as multipath-tools' multipathd: an
 * unknown checker is tur; detect_checker: tur for ALUA devices).  A path
 * whose checker changes gets its new node at its next check. */
static void per_lu(struct mpd *d, const struct mp_conf *c, struct dmap *m,
		   const struct mp_path *mp, const struct mp_table *t)
{
	struct mp_eff e;
	enum mpd_checker ck = d->checker;
	unsigned int k;

	m->failback = d->failback;
	if (!mp)
		return;
	mp_conf_resolve(c, mp->vendor, mp->model, mp->rev, mp->wwid, &e);
	if (!d->failback_set)
		m->failback = e.s.failback;
	/* the LU's no_path_retry, as its table was made from it (-n: one
	 * value for all); unset leaves queueing as the table has it, as
	 * multipath-tools' NO_PATH_RETRY_UNDEF does */
	if (!d->npr_set)
		npr_init(&m->npr, npr_of_conf(e.s.no_path_retry, t->queue_if_no_path),
			 t->queue_if_no_path);
	if (!d->checker_set &&
	    ((e.s.detect_checker == MP_YES && mp->tpgs > 0) ||
	     mpd_checker_parse(e.s.checker, &ck)))
		ck = CHECKER_TUR;
	for (k = 0; k < t->ndev; k++) {
		struct dpath *p = path_by_devt(d, t->maj[k], t->min[k]);

		if (p)
			p->ck_next = (uint8_t)ck; /* start_check switches */
	}
}

/* Gone paths' checker fds closed (a pending check dies with it; the
 * others were carried over), the old records unmapped. */
static void drop_old(struct dpath *odp, size_t on)
{
	size_t i;

	for (i = 0; odp && i < on; i++)
		if (odp[i].fd >= 0)
			close(odp[i].fd);
	mem_free(odp, DP_BYTES(on));
}

/* After the scan: the daemon's record of each path, what it knew of the
 * paths that stay (same devt) carried over; "del path"'s paths left out
 * of every map.  The old records are done with before the planning, the
 * rescan's peak (2048 paths: 115 kB).  d->dp stays the old records if
 * this fails. */
static int rescan_prepare(void *arg, struct mp_path **pp, size_t *n)
{
	struct mpd *d = arg;
	struct dpath *odp = d->dp, *dp = mem_grow(NULL, 0, DP_BYTES(d->scan.n));
	size_t i, j, np, on = d->ndp_old;

	if (!dp)
		return -ENOMEM;
	for (i = 0, np = 0; i < d->scan.n; i++) {
		struct dpath *p = &dp[i];
		struct mp_path *mp = &d->scan.paths[i];

		p->map = -1;
		p->fd = -1;
		p->backoff = 1;
		for (j = 0; j < on; j++) /* keep what we knew */
			if (odp[j].maj == mp->maj && odp[j].min == mp->min) {
				*p = odp[j];
				odp[j].fd = -1;
				p->map = -1;
				break;
			}
		p->maj = mp->maj;
		p->min = mp->min;
		if (!hidden_at(d, mp->dev, NULL))
			pp[np++] = mp;
	}
	*n = np;
	drop_old(odp, on);
	d->dp = dp;
	return 0;
}

/* The daemon's view of the maps as they are now: which map each path is
 * in, its group, whether DM has failed it, each map's settings. */
static int build_maps(struct mpd *d, const struct mp_conf *conf)
{
	struct mp_lives lives = { 0 };
	struct mp_map_view *v = malloc(sizeof(*v));
	size_t i;
	int r = v ? mp_live_load(&d->dm, &lives) : -ENOMEM;

	if (r)
		goto out;
	free(d->maps);
	str_pool_free(&d->mpool);
	d->maps = calloc(lives.n + 1, sizeof(*d->maps));
	d->nmaps = 0;
	for (i = 0; d->maps && i < lives.n; i++) {
		const struct mp_live *l = &lives.m[i];
		struct mp_table *t = &v->t;
		unsigned int g, k;
		const struct mp_path *first = NULL;
		struct dmap *m;

		if (!mp_uuid_wwid(l->uuid) || !l->params || mp_table_parse(l->params, t))
			continue;
		m = &d->maps[d->nmaps];
		m->name = str_pool_add(&d->mpool, l->name);
		m->wwid = str_pool_add(&d->mpool, mp_uuid_wwid(l->uuid));
		if (!m->name || !m->wwid)
			continue; /* out of memory: not watched until the next rescan */
		m->minor = minor(l->dev);
		npr_init(&m->npr, d->npr_mode, t->queue_if_no_path);
		/* the table as listed; its status read now */
		mp_map_status(&d->dm, l->name, d->plan.params /* scratch */, v);
		for (g = 0; g < t->npg; g++)
			for (k = t->pg[g].first; k < t->pg[g].first + t->pg[g].n; k++) {
				struct dpath *p = path_by_devt(d, t->maj[k], t->min[k]);

				if (!p)
					continue;
				p->map = (int)d->nmaps;
				p->pg = g;
				p->dm_failed = v->st.ndev && v->st.path_state[k] == 'F';
				if (!first)
					first = path_of(d, p);
			}
		per_lu(d, conf, m, first, t);
		d->nmaps++;
	}
out:
	mp_live_free(&lives);
	free(v);
	return r;
}

/* The daemon's rescan's inputs to mp_sync: the boot's policy, queueing
 * by its own no_path_retry, names only where they can be written, never
 * from the initramfs, no SG_IO (stored ALUA states), timeouts on kept
 * maps only when the configuration may be new. */
static void rescan_opts(struct mpd *d, struct mp_config *cfg, struct mp_opts *o)
{
	mp_opts_init(o);
	o->flush_orphans = 1;
	o->policy = d->policy;
	o->cli_policy = d->policy_set; /* the boot's mpath.policy= wins */
	o->queue_if_no_path = d->npr_mode != NPR_FAIL;
	o->conf = &cfg->conf;
	o->bindings = &cfg->bindings;
	o->wwids = &cfg->wwids;
	o->names_ro = d->initramfs || !mp_file_writable(cfg->bindings_file);
	o->verbose = d->verbose;
}

/* What the configuration sets for the loop itself. */
static void loop_conf(struct mpd *d, const struct mp_conf *c)
{
	d->ck_timeout = c->defaults.checker_timeout > 0 ?
			(unsigned int)c->defaults.checker_timeout : 0;
	/* multipath-tools' polling_interval, unless -i said otherwise */
	if (!d->interval_set)
		d->interval_ms = c->polling_interval > 0 ?
				 (unsigned int)c->polling_interval * 1000u : 5000;
	/* show daemon's "default": the defaults' checker, as per_lu reads it */
	if (!c->defaults.checker || mpd_checker_parse(c->defaults.checker, &d->ck_default))
		d->ck_default = CHECKER_TUR;
}

/* Rescan sysfs, bring the maps in line (mp_sync), rebuild the daemon's
 * view.  Checker state of paths that stay (same devt) is kept.  The old
 * scan is freed before the new one is made: two scans at once were the
 * daemon's peak memory (2048 paths: +600 kB); the devts in dpath are all
 * the carrying over needs.  If the scan fails, no path is watched until
 * the retry a second later; the maps stay as they are. */
static int reconfigure(struct mpd *d)
{
	struct dpath *odp = d->dp;
	struct mp_opts o;
	struct mp_config cfg;
	struct mp_sync_in in = {
		.dm = &d->dm, .scan = &d->scan, .opts = &o, .cfg = &cfg,
		.scan_flags = SCSI_SCAN_STRINGS | SCSI_SCAN_ALUA,
		.ro = d->initramfs, .tmo_keep = d->tmo_all, .apply_ignored = 1,
		.prepare = rescan_prepare, .prime = mpd_prio_prime,
		.known = mpd_prio_known, .report = report, .arg = d,
	};
	enum mp_sync_stage stage = MP_SYNC_SCAN;
	int r;

	/* d->dp: the old records until rescan_prepare replaces them */
	d->ndp_old = d->scan.n;
	scsi_scan_free(&d->scan);
	/* the same configuration as multipath (re-read on every
	 * reconfigure, as multipath-tools does) */
	r = mp_config_load(&cfg, NULL, mp_conf_warn_log, NULL);
	loop_conf(d, &cfg.conf);
	rescan_opts(d, &cfg, &o);
	if (!r)
		r = mp_sync(&in, &d->plan, &stage);
	if (d->dp == odp) { /* no new records */
		drop_old(odp, d->ndp_old);
		d->dp = NULL;
	}
	if (r && stage <= MP_SYNC_PREPARE) {
		log_err(r, stage == MP_SYNC_SCAN ? "scanning /sys/block (again in 1 s):" :
			"rescan (again in 1 s):");
		/* nothing known: no checks, no no_path_retry counting on
		 * maps whose paths are not looked at */
		mem_free(d->dp, DP_BYTES(d->scan.n));
		scsi_scan_free(&d->scan);
		d->dp = NULL;
		d->nmaps = 0;
		d->rescan_at = d->rescan_first = clock_ms() + 1000;
		goto out;
	}
	if (!r)
		d->tmo_all = 0;
	if (!r)
		r = build_maps(d, &cfg.conf);
	if (r)
		log_err(r, "maps: %s:", d->dm.what ? d->dm.what : "");
out:
	mp_config_free(&cfg);
	return r;
}

/* ---- control socket (listings: show.c, clients: conn.c) ---- */

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

static struct dpath *path_by_name(struct mpd *d, const char *dev)
{
	size_t i;

	for (i = 0; i < d->scan.n; i++)
		if (!strcmp(d->scan.paths[i].dev, dev))
			return &d->dp[i];
	return NULL;
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

static void command(void *arg, const char *line, struct obuf *o)
{
	struct mpd *d = arg;
	struct mpd_cmd c;
	struct dpath *p;
	const char *why;
	int r;

	if (mpd_cmd_parse(line, &c, &why)) {
		ob_add(o, "fail: %s\n", why);
		return;
	}
	switch (c.verb) {
	default: /* the listings: conn.c streams them (mpd_show) */
		break;
	case MPD_SHOW_DAEMON:
		ob_add(o, "pid %d %s\n", (int)getpid(), d->paused_at ? "paused" : "running");
		show_checkers(d, o);
		ob_add(o, "maps %lu paths %lu creates %u reloads %u uevents %u\n"
		       "start %llu ms first-sweep %llu ms\n",
		       (unsigned long)d->nmaps, (unsigned long)d->scan.n,
		       d->creates, d->reloads, d->events, (unsigned long long)d->start_ms,
		       (unsigned long long)d->sweep_ms);
		break;
	case MPD_RECONFIGURE:
	case MPD_ADD_PATH:
	case MPD_DEL_PATH:
		/* done before the answer, so a caller (the init's findroot
		 * loop) sees the maps made when it gets "ok" */
		if (d->paused_at) {
			ob_add(o, "fail: paused for the hand-over\n");
			break;
		}
		if (c.verb == MPD_DEL_PATH) {
			p = path_by_name(d, c.arg);
			if (!p || (p->map < 0 && !hidden_at(d, c.arg, NULL))) {
				ob_add(o, "fail: %s is in no map\n", c.arg);
				break;
			}
			if (hide(d, c.arg)) {
				ob_add(o, "fail: too many deleted paths\n");
				break;
			}
		} else if (c.verb == MPD_ADD_PATH) {
			char sys[64];

			if (str_fmt(sys, sizeof(sys), "%s/block/%s", d->scan.sysfs, c.arg) ||
			    access(sys, F_OK)) {
				ob_add(o, "fail: no such path %s\n", c.arg);
				break;
			}
			unhide(d, c.arg);
		}
		d->reconf = 0;
		d->rescan_at = 0;
		d->tmo_all |= c.verb == MPD_RECONFIGURE;
		ob_add(o, reconfigure(d) ? "fail: rescan failed, see the log\n" : "ok\n");
		break;
	case MPD_FAIL_PATH:
	case MPD_REINSTATE_PATH:
		p = path_by_name(d, c.arg);
		if (!p || p->map < 0) {
			ob_add(o, "fail: %s is in no map\n", c.arg);
			break;
		}
		ps_force(ps_of(d), p, c.verb == MPD_FAIL_PATH);
		ob_add(o, "ok\n");
		break;
	case MPD_SHUTDOWN:
		d->stop = 1;
		ob_add(o, "ok\n");
		break;
	case MPD_HANDOVER_BEGIN:
		d->paused_at = clock_ms();
		log_msg("paused for the hand-over");
		ob_add(o, "ok\n");
		break;
	case MPD_HANDOVER_ABORT:
		d->paused_at = 0;
		log_msg("hand-over aborted, running on");
		ob_add(o, "ok\n");
		break;
	case MPD_HANDOVER_DONE:
		r = follow_root();
		d->paused_at = 0;
		if (!r) { /* the real root's files from now on */
			d->initramfs = 0;
			d->tmo_all = 1;
		}
		if (r) {
			log_err(r, "cannot follow the new root " MPD_NEWROOT ":");
			ob_add(o, "fail: cannot follow the new root\n");
		} else {
			log_msg("following the new root " MPD_NEWROOT);
			ob_add(o, "ok\n");
		}
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
	if (pipe(d->sigfd))
		return -errno;
	fcntl(d->sigfd[0], F_SETFL, O_NONBLOCK);
	fcntl(d->sigfd[1], F_SETFL, O_NONBLOCK);
	fcntl(d->sigfd[0], F_SETFD, FD_CLOEXEC);
	fcntl(d->sigfd[1], F_SETFD, FD_CLOEXEC);
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

static void uevent(struct mpd *d, uint64_t now)
{
	char buf[8193];
	struct uevent u;
	ssize_t n;
	unsigned int ma, mi;

	while ((n = uevent_recv(d->ufd, buf, sizeof(buf) - 1)) != 0) {
		if (n < 0) {
			if (n == -ENOBUFS) /* lost some: rescan all */
				d->reconf = 1;
			if (n != -EINTR)
				return;
			continue;
		}
		if (uevent_parse(buf, (size_t)n, &u))
			continue;
		d->events++;
		if (uevent_is_sd_disk(&u) &&
		    (!strcmp(u.action, "add") || !strcmp(u.action, "remove") ||
		     !strcmp(u.action, "change"))) {
			if (!strcmp(u.action, "add"))
				unhide(d, u.devname); /* a new device of that name */
			if (!d->rescan_at)
				d->rescan_first = now;
			d->rescan_at = now + RESCAN_QUIET_MS;
			if (d->rescan_at > d->rescan_first + RESCAN_MAX_MS)
				d->rescan_at = d->rescan_first + RESCAN_MAX_MS;
		} else if (!strcmp(u.action, "change") && u.dm_action[0] &&
			   !str_to_majmin(u.dm_path, &ma, &mi)) {
			struct dpath *p = path_by_devt(d, ma, mi);

			if (p && !strcmp(u.dm_action, "PATH_FAILED"))
				ps_dm_event(p, 1, now);
			else if (p && !strcmp(u.dm_action, "PATH_REINSTATED"))
				ps_dm_event(p, 0, now);
		}
	}
}

static void tick(struct mpd *d, uint64_t now)
{
	size_t i;

	for (i = 0; i < d->scan.n; i++) {
		struct dpath *p = &d->dp[i];

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
			start_check(d, p, now);
		}
	}
	if (now < d->tick_at)
		return;
	d->tick_at = now + d->interval_ms;
	ps_tick(ps_of(d), now);
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

int mpd_run(struct mpd *d)
{
	static const struct conn_ops ops = { NULL, command, mpd_show };
	struct pollfd *pfd = NULL;
	size_t cap = 0;
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
	r = reconfigure(d);
	if (r)
		log_err(r, "initial scan:");
	d->start_ms = clock_ms() - now;
	log_msg("started: %lu maps, %lu paths, %u created, %u reloaded in %llu ms",
		(unsigned long)d->nmaps, (unsigned long)d->scan.n, d->creates,
		d->reloads, (unsigned long long)d->start_ms);
	while (!d->stop) {
		size_t i, n = 0, cb;
		uint64_t next;
		int timeout;

		now = clock_ms();
		if (d->paused_at && now - d->paused_at >= MPD_PAUSE_MAX_MS) {
			log_msg("no hand-over within %u s: running on", MPD_PAUSE_MAX_MS / 1000);
			d->paused_at = 0;
		}
		/* paused: /sys and /dev may be half moved; a check or scan now
		 * would take every path for gone */
		if (!d->paused_at && (d->reconf || (d->rescan_at && now >= d->rescan_at))) {
			d->reconf = 0;
			d->rescan_at = 0;
			reconfigure(d);
			if (d->prio_moved) {
				d->prio_moved = 0;
				ps_moved(ps_of(d), now);
			}
		}
		if (!d->paused_at)
			tick(d, now);
		if (cap < d->scan.n + 4 + CONN_SLOTS) {
			struct pollfd *np = realloc(pfd, (d->scan.n + 4 + CONN_SLOTS) * sizeof(*pfd));

			if (!np) {
				log_msg("out of memory");
				break;
			}
			pfd = np;
			cap = d->scan.n + 4 + CONN_SLOTS;
		}
		pfd[n++] = (struct pollfd){ d->ufd, POLLIN, 0 };
		pfd[n++] = (struct pollfd){ d->lfd, POLLIN, 0 };
		pfd[n++] = (struct pollfd){ d->sigfd[0], POLLIN, 0 };
		/* directio completions; -1 (ignored by poll) for the others */
		pfd[n++] = (struct pollfd){ d->efd, POLLIN, 0 };
		next = d->tick_at;
		for (i = 0; i < d->scan.n; i++) {
			struct dpath *p = &d->dp[i];

			if (p->map < 0)
				continue;
			if (p->pending) {
				if (p->checker != CHECKER_DIRECTIO)
					pfd[n++] = (struct pollfd){ p->fd, POLLIN, 0 };
				if (p->sent + p->timeout_ms < next)
					next = p->sent + p->timeout_ms;
			} else if (p->due < next) {
				next = p->due;
			}
		}
		if (d->rescan_at && d->rescan_at < next)
			next = d->rescan_at;
		cb = n; /* the clients last */
		n += conns_pollfds(&d->cl, pfd + n, &next);
		if (d->paused_at)
			next = now + 1000;
		timeout = next <= now ? 0 : next - now > 60000 ? 60000 : (int)(next - now);
		r = poll(pfd, (nfds_t)n, timeout);
		if (r < 0 && errno != EINTR)
			break;
		now = clock_ms();
		if (pfd[0].revents)
			uevent(d, now);
		conns_service(&d->cl, pfd + cb, n - cb, now);
		if (pfd[1].revents)
			conns_accept(&d->cl, d->lfd, now);
		if (pfd[2].revents) {
			char s;

			while (read(d->sigfd[0], &s, 1) == 1) {
				if (s == SIGHUP)
					d->reconf = d->tmo_all = 1;
				else
					d->stop = 1;
			}
		}
		if (pfd[3].revents)
			reap_aio(d, now);
		if (!d->sweep_ms)
			first_sweep(d, now);
		for (i = 4; i < cb; i++) {
			size_t k;

			if (!pfd[i].revents)
				continue;
			for (k = 0; k < d->scan.n; k++)
				if (d->dp[k].pending && d->dp[k].fd == pfd[i].fd) {
					finish_check(d, &d->dp[k], now);
					break;
				}
		}
	}
	/* SIGTERM / shutdown: every map stays as it is */
	log_msg("exiting, maps left as they are");
	free(pfd);
	if (!d->foreground)
		unlink(MPD_PIDFILE);
	return 0;
}
