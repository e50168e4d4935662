/* multipathd internals.  The pure parts (command words, the JSON layout,
 * the no_path_retry state machine, the output buffer) are host-tested in
 * tests/t_mpd.c; daemon.c is the poll loop and all I/O. */
#ifndef MPBOOT_MPD_H
#define MPBOOT_MPD_H

#include <stddef.h>
#include <stdint.h>

#include "mpath.h"

/* The control socket: multipath-tools' abstract name, so that exactly
 * one multipathd (ours or the root's) can own it. */
#define MPD_SOCKET "/org/kernel/linux/storage/multipathd"
#define MPD_PIDFILE "/run/multipathd.pid"
#define MPD_MAX_REPLY (4u << 20)
/* Where the init mounts the new root (initramfs/init): "handover done"
 * makes it the daemon's root, so it keeps working after run-init. */
#define MPD_NEWROOT "/root"
/* "handover begin" pauses checks and rescans while the init moves /dev,
 * /sys, /proc and /run under the new root; an init that never says
 * "done" or "abort" must not leave the paths unwatched for good. */
#define MPD_PAUSE_MAX_MS 60000u

/* ---- path checkers (cmd.c parses, check.c does the I/O) ---- */
enum mpd_checker { CHECKER_TUR, CHECKER_DIRECTIO, CHECKER_READSECTOR0 };
/* "tur" / "directio" / "readsector0": 0 or -EINVAL. */
int mpd_checker_parse(const char *s, enum mpd_checker *c);
const char *mpd_checker_name(enum mpd_checker c);

/* ---- growable output buffer (out.c) ---- */
/* A reply.  OB_KEEP grows a buffer (up to MPD_MAX_REPLY).  The framing
 * sends a reply's length first, so a listing is rendered twice: OB_COUNT
 * keeps nothing and only counts len, then the text is kept a chunk
 * (OB_CHUNK and the piece that crossed it) at a time as the client takes
 * it (conn.c): a "show maps json" of 2048 paths needs about 8 KiB instead
 * of its ~1 MB. */
enum { OB_KEEP, OB_COUNT };
#define OB_CHUNK 4096u
struct obuf {
	char *b;
	size_t len, cap;
	int err; /* -ENOMEM once anything failed; the text is then cut */
	int mode;
};
void ob_add(struct obuf *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ob_free(struct obuf *o);

/* ---- command words (cmd.c) ---- */
enum mpd_verb {
	/* the listings first: client() streams replies up to
	 * MPD_SHOW_MAPS_JSON */
	MPD_SHOW_PATHS, MPD_SHOW_MAPS, MPD_SHOW_TOPOLOGY, MPD_SHOW_MAPS_JSON,
	MPD_SHOW_DAEMON, MPD_RECONFIGURE, MPD_ADD_PATH, MPD_DEL_PATH,
	MPD_FAIL_PATH, MPD_REINSTATE_PATH, MPD_SHUTDOWN,
	MPD_HANDOVER_BEGIN, MPD_HANDOVER_DONE, MPD_HANDOVER_ABORT, MPD_HANDOVER_ISCSI,
};
struct mpd_cmd {
	enum mpd_verb verb;
	char arg[MP_DEV_LEN]; /* sdX for the path verbs */
};
/* multipath-tools' command words ("show maps json", "fail path sdb",
 * "list paths", "remove path /dev/sdc", ...).  0, or -EINVAL with a
 * reason for the client. */
int mpd_cmd_parse(const char *line, struct mpd_cmd *c, const char **why);

/* show daemon's checker line (out.c): -c's checker, which every path
 * runs, or "per LU" from the configuration, with the defaults' checker and
 * how many of the maps' paths run each one (n[enum mpd_checker]). */
void mpd_checker_line(struct obuf *o, int set, enum mpd_checker c,
		      enum mpd_checker dflt, const unsigned int n[3]);

/* ---- no_path_retry (npr.c) ---- */
#define NPR_QUEUE (-1) /* queue for ever */
#define NPR_FAIL 0     /* fail at once */
#define NPR_UNDEF (-2) /* not configured: never sends either message */
struct npr {
	int mode;              /* NPR_QUEUE, NPR_FAIL or N intervals */
	unsigned int left;     /* intervals left while no path is up */
	int queueing;          /* what the map is doing now */
};
enum npr_msg { NPR_KEEP, NPR_SEND_QUEUE, NPR_SEND_FAIL };
/* Start from the map's live state (features show queue_if_no_path). */
void npr_init(struct npr *s, int mode, int queueing);
/* Once per checker interval with the number of usable paths: what to
 * send to the map ("queue_if_no_path" / "fail_if_no_path"), if anything.
 * queue while every path is down, fail after N intervals, queue again as
 * soon as a path is back. */
enum npr_msg npr_tick(struct npr *s, unsigned int nup);
/* "queue" / "fail" / "N": 0 or -EINVAL. */
int npr_parse(const char *s, int *mode);
/* The mode for a LU whose configuration says npr (MP_NPR_FAIL,
 * MP_NPR_QUEUE, N > 0, or 0 unset): unset is NPR_UNDEF, unless the
 * table queues from its features, which multipath-tools reads as
 * queue. */
int npr_of_conf(int npr, int table_queues);

/* ---- check intervals (backoff.c) ---- */
/* polling_interval and max_polling_interval (s, 0: unset; -i is the
 * former) into the check interval and the longest wait between two checks
 * of a path (ms), as multipath-tools 0.9.4 reads them: max unset is 4
 * intervals; polling unset is a quarter of max (1 s at least), else 5 s;
 * an interval past max is max.  Seconds past a day count as a day. */
void mpd_intervals(unsigned int polling, unsigned int max, unsigned int *interval_ms,
		   unsigned int *max_ms);
/* The wait before a path's next check (ms).  steady: it was up and is up
 * again: the wait doubles (*n, the doublings so far, goes up) until it
 * reaches max_ms; otherwise *n is 0 and the wait interval_ms.  Never
 * more than max_ms (nor less than interval_ms). */
uint64_t mpd_next_wait(uint8_t *n, int steady, unsigned int interval_ms, unsigned int max_ms);

/* ---- show maps json (json.c) ---- */
struct mpd_pview {
	const char *dev;          /* NULL: the path is gone */
	unsigned int maj, min;
	unsigned int host, channel, target;
	uint64_t lun;
	const char *dev_st;       /* sysfs state */
	const char *chk_st;       /* "ready", "faulty", "pending", "undef" */
	char dm_st;               /* 'A' / 'F' / 0 */
	const char *checker;      /* the checker it runs, NULL: "undef" */
	int prio;                 /* the prioritiser's value, < 0 unknown;
				     a group's "pri" is its paths' mean, as
				     multipath -ll prints it */
};
struct mpd_mview {
	const char *name, *wwid;
	unsigned int dm_minor;
	int ro;
	const char *queueing;     /* "on", "off", "N chk" */
	const char *failback;     /* "immediate", "manual", "followover", "N" */
	const char *vend, *prod, *rev;
	const struct mp_table *t;
	const struct mp_status *st; /* may have npg == 0: unknown */
	const struct mpd_pview *p;  /* one per table device */
};
/* multipath-tools' "show maps json" layout (major 0, minor 1). */
void mpd_json_maps(const struct mpd_mview *m, unsigned int n, struct obuf *o);
/* The same, one map at a time (the daemon renders each from one scratch
 * table instead of holding every map's): head with the count, map i
 * (the i-th to come out), tail.  A map whose table could not be read
 * after the head went out is left out, and the count is then one too
 * many (the head is sent before the maps are read). */
void mpd_json_head(struct obuf *o, unsigned int n);
void mpd_json_map(const struct mpd_mview *v, unsigned int i, struct obuf *o);
void mpd_json_tail(struct obuf *o);

#endif
