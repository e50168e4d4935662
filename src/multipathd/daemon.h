/* The multipathd poll loop, see daemon.c. */
#ifndef MPBOOT_DAEMON_H
#define MPBOOT_DAEMON_H

#include <stddef.h>
#include <stdint.h>
#include <scsi/sg.h>

#include "aio_sys.h"

#include "conf.h"
#include "conn.h"
#include "dm.h"
#include "hidx.h"
#include "mpd.h"
#include "plan.h"
#include "scsi.h"

/* failback: the configuration's values (conf.h), N > 0 seconds */
#define FB_IMMEDIATE MP_FB_IMMEDIATE
#define FB_MANUAL MP_FB_MANUAL
#define FB_FOLLOWOVER MP_FB_FOLLOWOVER

enum chk { CHK_UNDEF, CHK_UP, CHK_DOWN };
enum { PEND_CHECK = 1, PEND_RTPG = 2 };

/* 56 bytes: one per path, and two sets of them during a rescan */
struct dpath {
	unsigned int maj, min;   /* its disk, to carry the state over a rescan */
	int map;                 /* index in maps, -1: in no map */
	int fd;                  /* sg node or O_DIRECT block device, -1 until first check */
	uint16_t pg;             /* its group (0-based) */
	uint16_t blksz;          /* logical block size (read checkers) */
	uint8_t pending;         /* in flight: PEND_CHECK or PEND_RTPG */
	uint8_t chk;             /* enum chk */
	uint8_t dm_failed;       /* the map has it failed */
	uint8_t backoff;         /* doublings of its check interval (mpd_next_wait) */
	uint8_t checker;         /* enum mpd_checker its fd is open for */
	uint8_t ck_next;         /* the one it should have: -c, else its LU's */
	uint8_t moved;           /* its priority moved: its map fails back after the re-plan */
	uint8_t alua;            /* its group's state (PREF | AAS) + 1 as its LU's
				    last RTPG said; 0: not known (prime.c) */
	uint8_t fd_tmp;          /* fd held for one check only (out of fds) */
	unsigned int timeout_ms; /* checker_timeout: the device's own */
	uint64_t due, sent;      /* ms */
	uint64_t aio_id;         /* directio: the iocb's aio_data */
};

/* multipathd's records of n paths, one spare (mem.c) */
#define DP_BYTES(n) (((n) + 1) * sizeof(struct dpath))

struct dmap {
	const char *name, *wwid; /* in mpd.mpool */
	unsigned int minor;
	struct npr npr;
	uint64_t failback_at;    /* failback N: switch_group due */
	int failback;            /* -b, else its LU's failback (FB_*, N) */
	unsigned int up;         /* its usable paths at the last tick */
};

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
	char (*hidden)[MP_DEV_LEN]; /* "del path" names */
	size_t nhidden;
	int partitions;          /* kpartx on maps it creates (-P: off) */
	int efd;                 /* directio: completions signalled here */
	aio_context_t aio;
	uint64_t aio_seq;
	unsigned int aio_inflight;
	unsigned int fd_warned;  /* EMFILE logged once */
	unsigned long long fd_limit; /* RLIMIT_NOFILE (soft, raised) */
	unsigned int fd_borrowed;    /* paths' fds held for one check (fd_tmp) */
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
	struct conns cl;         /* control socket clients (conn.c) */
	struct mpd_iscsi *iscsi; /* iscsi.c's, NULL until its first call */
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
/* The RTPG answer in d->rtpg (len bytes) for every path of LU wwid: one
 * answer lists the state of each of its port groups. */
void mpd_prio_spread(struct mpd *d, const char *wwid, int len);
int mpd_prio_known(void *arg, const struct mp_path *mp);
int chk_aio_reap(struct mpd *d, struct io_event *ev, unsigned int max);

/* follow.c: priorities followed on each check, failback after the
 * re-plan a move asks for. */
void mpd_prio_check(struct mpd *d, struct dpath *p, uint64_t now);
/* the answer of the RTPG mpd_prio_check sent (len as chk_rtpg_read) */
void mpd_prio_answer(struct mpd *d, struct dpath *p, int len);
/* daemon.c: switch_group to the first group with a usable path */
void failback(struct mpd *d, int map);
void mpd_prio_failback(struct mpd *d, uint64_t now);

/* show.c: the listings, a piece at a time (conn_ops.show) */
int mpd_show(void *arg, int verb, size_t cur[2], struct obuf *o);
const char *chk_name(const struct dpath *p);
struct dpath *path_by_devt(struct mpd *d, unsigned int ma, unsigned int mi);

void mpd_defaults(struct mpd *d);
int mpd_run(struct mpd *d);
/* All n bytes of b written (wr) or read, through EINTR: 0 or -EIO (the
 * client's framing; one loop for both directions). */
int mpd_io_all(int fd, void *b, size_t n, int wr);

#endif
