/* multipathd's state, struct mpd, owned by the poll loop (daemon.c), and
 * the entry points of the rooms that see it (daemon.c's top comment says
 * which, and why).  Named apart from any .c file: every room includes it,
 * none of them is "the daemon". */
#ifndef MPBOOT_MPD_STATE_H
#define MPBOOT_MPD_STATE_H

#include <stddef.h>
#include <stdint.h>
#include <scsi/sg.h>

#include "aio_sys.h"

#include "conf.h"
#include "conn.h"
#include "dm.h"
#include "hidx.h"
#include "mpd.h"
#include "pathstate.h"
#include "plan.h"
#include "scsi.h"
#include "sweep.h"

/* The names "del path" keeps out of every map (rescan.c) */
struct hidden {
	char (*dev)[MP_DEV_LEN];
	size_t n;
};
/* 1 if dev is one (*at its index, if at) */
int hidden_at(const struct hidden *h, const char *dev, size_t *at);
/* 0, -ENOSPC past 4096 names, -ENOMEM */
int hide(struct hidden *h, const char *dev);
void unhide(struct hidden *h, const char *dev);

struct mpd {
	int foreground, verbose;
	unsigned int interval_ms;
	unsigned int max_wait_ms;         /* max_polling_interval (ms) */
	int interval_set;                 /* -i's seconds (else 0: the config's polling_interval) */
	int npr_mode;
	int npr_set;                      /* -n (else per LU, from the config) */
	int failback, failback_set;       /* -b (else per LU, from the config) */
	enum mpd_checker checker;
	int checker_set;                  /* -c (else per LU, from the config) */
	enum mpd_checker ck_default;      /* the config's defaults' checker (show daemon) */
	unsigned int ck_timeout;          /* the config's checker_timeout (s), 0: the device's */
	struct hidden hidden;    /* "del path" names (rescan.c) */
	int partitions;          /* kpartx on maps it creates (-P: off) */
	int efd;                 /* directio: completions signalled here */
	aio_context_t aio;
	uint64_t aio_seq;
	unsigned int aio_inflight;
	unsigned int fd_warned;  /* EMFILE logged once */
	unsigned long long fd_limit; /* RLIMIT_NOFILE (soft, raised) */
	struct sweep sw;             /* which due checks a turn sends, the
					lent fds (sweep.h) */
	unsigned char *blk;      /* scratch for the read checkers */
	unsigned char sense[32]; /* every SG check's sense (check.c) */
	unsigned char rtpg[1024]; /* every RTPG's answer (check.c) */
	enum mp_policy policy;   /* grouping of the maps it makes/reloads */
	int policy_set;          /* -p given: it overrides the config, as multipath -p */
	struct dm_ctx dm;
	struct scsi_scan scan;
	struct dpath *dp;        /* parallel to scan.paths */
	struct hidx devt;        /* dp by device number (path_by_devt) */
	size_t ndp_old;          /* during a rescan's scan: how many dp
				    records the previous scan left */
	struct dmap *maps;
	size_t nmaps;
	struct str_pool mpool;   /* the maps' names and WWIDs */
	int ufd, lfd, sigfd[2];
	int stop, reconf;
	uint64_t started_at, start_ms, sweep_ms; /* for make bench */
	uint64_t late_ms;        /* the latest a check was sent after it was
				    due, since the last "show daemon" */
	uint64_t paused_at;      /* "handover begin" (ms), 0: running */
	uint64_t rescan_at, rescan_first, tick_at;
	unsigned int reloads, creates, events;
	struct mp_plan plan;
	int tmo_all;             /* the next rescan may bring a new
				    configuration (start, "reconfigure",
				    SIGHUP, the hand-over): unchanged maps
				    get their transport timeouts too */
	int initramfs;           /* started by the init: the image's bindings
				    and wwids are read, never written, until
				    "handover done" */
	int prio_moved;          /* a path's priority moved (follow.c) */
	int iscsi_only;          /* "handover iscsi": the root's multipathd
				    has the maps, this one only logs in
				    again (verbs.c) */
	struct conns cl;         /* control socket clients (conn.c) */
	struct mpd_iscsi *iscsi; /* iscsi.c's, NULL until its first call */
	struct ps ps;            /* the path-state machine's view of dp,
				    maps and interval_ms, filled anew by
				    ps_sync at the end of every
				    mpd_reconfigure, the one place they
				    change */
};

/* iscsi.c: the re-login of mpboot's iSCSI sessions after a connection
 * loss (issue 19).  The loop's hook: pollfds adds at most MPD_ISCSI_FDS
 * (the NETLINK_ISCSI event socket, one pipe per running attempt) and
 * lowers *next to its next back-off; service takes their revents.  Weak:
 * linked only with the iscsi applet, NULL in `make size`'s base link. */
#define MPD_ISCSI_FDS 17
struct pollfd;
int mpd_iscsi_pollfds(struct mpd *d, struct pollfd *pfd, uint64_t *next, uint64_t now)
	__attribute__((weak));
void mpd_iscsi_service(struct mpd *d, const struct pollfd *pfd, size_t n, uint64_t now)
	__attribute__((weak));

/* check.c: the checkers' I/O.  At most CHK_AIO_MAX directio reads in
 * flight; a path past that waits for its turn. */
#define CHK_AIO_MAX 4096u
int chk_init(struct mpd *d);
int chk_open(struct mpd *d, struct dpath *p, const char *dev);
/* A path past the fd limit holds its fd for one check: closed here once
 * nothing is in flight on it. */
void chk_release(struct mpd *d, struct dpath *p);
int chk_send(struct mpd *d, struct dpath *p);
enum chk chk_sg_answer(struct mpd *d, struct dpath *p);
/* REPORT TARGET PORT GROUPS on the path's sg node, and its answer into
 * d->rtpg: its length, -EAGAIN: not there yet, or -EIO. */
int chk_rtpg_send(struct mpd *d, struct dpath *p);
int chk_rtpg_read(struct mpd *d, struct dpath *p);

/* prime.c: the ALUA states a rescan plans with, never waiting on a
 * device in the loop for more than PRIME_MS */
void mpd_prio_prime(void *d, struct mp_path **pp, size_t n);
int mpd_prio_known(void *arg, const struct mp_path *mp);
int chk_aio_reap(struct mpd *d, struct io_event *ev, unsigned int max);

/* paths.c: d->ps, the path-state machine's view of the daemon's records
 * (its sink sends the DM messages); the path of a devt or an sd name,
 * NULL if none */
void ps_sync(struct mpd *d);
struct dpath *path_by_devt(struct mpd *d, unsigned int ma, unsigned int mi);
/* the index of dp by device number: its hash, a lookup in index h of dp */
uint32_t devt_hash(unsigned int ma, unsigned int mi);
long dp_find(const struct hidx *h, const struct dpath *dp, unsigned int ma, unsigned int mi);
struct dpath *path_by_name(struct mpd *d, const char *dev);

/* events.c: the uevents queued on d->ufd: a rescan due, a dm event
 * passed to the path-state machine */
void mpd_uevents(struct mpd *d, uint64_t now);

/* rescan.c: rescan sysfs, bring the maps in line (mp_sync), rebuild the
 * daemon's view of paths and maps */
int mpd_reconfigure(struct mpd *d);
/* kpartx.c: the partition maps of a map just created, in a child */
void mpd_kpartx(struct mpd *d, const char *name);
/* verbs.c: one request's reply (conn_ops.command) */
void mpd_command(void *arg, const char *line, struct obuf *o);

/* show.c: the listings, a piece at a time (conn_ops.show) */
int mpd_show(void *arg, int verb, size_t cur[2], struct obuf *o);
const char *chk_name(const struct dpath *p);

/* daemon.c: the loop */
void mpd_defaults(struct mpd *d);
int mpd_run(struct mpd *d);
/* All n bytes of b written (wr) or read, through EINTR: 0 or -EIO (the
 * client's framing; one loop for both directions). */
int mpd_io_all(int fd, void *b, size_t n, int wr);

#endif
