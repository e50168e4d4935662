/* multipathd's path-state machine (pathstate.c): what a check's verdict,
 * a dm event, the interval tick and a priority move do to the paths and
 * maps, as DM target messages handed to a sink.  Pure: no I/O, no clock
 * (now is an argument), no struct mpd, so tests/t_pathstate.c drives it
 * without a kernel.  The loop (daemon.c) feeds it; its sink sends each
 * message with dm_message.
 *
 * It lives in the daemon's folder, not in src/lib/engine/: only the daemon
 * checks paths, and what it decides (failback, no_path_retry ticks) is the
 * daemon's own policy; the engine plans and loads tables, for multipath
 * and multipathd alike. */
#ifndef MPBOOT_PATHSTATE_H
#define MPBOOT_PATHSTATE_H

#include <stddef.h>
#include <stdint.h>

#include "conf.h"
#include "mpd.h"

/* failback: the configuration's values (conf.h), N > 0 seconds */
#define FB_IMMEDIATE MP_FB_IMMEDIATE
#define FB_MANUAL MP_FB_MANUAL
#define FB_FOLLOWOVER MP_FB_FOLLOWOVER

enum chk { CHK_UNDEF, CHK_UP, CHK_DOWN };
enum { PEND_CHECK = 1, PEND_RTPG = 2 };

/* 64 bytes: one per path, and two sets of them during a rescan.  The
 * machine reads and writes map, pg, chk, dm_failed, backoff, due and
 * moved; the rest is the checkers' (check.c, prime.c, follow.c). */
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
	uint32_t lu_next;        /* the next path of its LU (dp_lu_link) */
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

/* One DM target message to map (an index in maps): "fail_path 8:16" and
 * "reinstate_path 8:16" name path p; "switch_group N", "queue_if_no_path"
 * and "fail_if_no_path" have p NULL. */
typedef void ps_sink(void *arg, int map, const struct dpath *p, const char *text);

/* What the machine sees: the daemon's path and map records, the checker
 * interval, the sink. */
struct ps {
	struct dpath *dp;
	size_t n;
	struct dmap *maps;
	size_t nmaps;
	unsigned int interval_ms;
	unsigned int max_wait_ms; /* max_polling_interval (backoff.c) */
	ps_sink *sink;
	void *arg;
};

/* A check's verdict on p: its next check is due (a failed path every
 * interval, a healthy one backing off to max_wait_ms), down fails it in its map, up
 * again reinstates it and fails back as its map's failback says. */
void ps_result(const struct ps *s, struct dpath *p, enum chk c, uint64_t now);
/* switch_group to the first group of map with a usable path (groups are
 * in priority order, best first); nothing if none is usable. */
void ps_failback(const struct ps *s, int map);
/* Once per interval: each map's no_path_retry (queue_if_no_path /
 * fail_if_no_path), and the failback N that is due. */
void ps_tick(const struct ps *s, uint64_t now);
/* After the re-plan a priority move asked for: the maps of the moved
 * paths fail back (immediate at once, N later; manual and followover
 * not); every moved flag is cleared. */
void ps_moved(const struct ps *s, uint64_t now);
/* "fail path" / "reinstate path" by hand. */
void ps_force(const struct ps *s, struct dpath *p, int failed);
/* The kernel's PATH_FAILED (checked at once) / PATH_REINSTATED. */
void ps_dm_event(struct dpath *p, int failed, uint64_t now);

/* ready.c: the path of an answer, for the loop.  The path with a check
 * in flight on fd, searched from dp[*at] on (the loop lists the pending
 * checks' fds in path order, so one pass over the ready ones walks the
 * records once), *at then past it; n if none.  The path of a directio
 * completion: its id carries the path's index (DP_AIO_ID), checked
 * there first; n if none. */
size_t dp_by_fd(const struct dpath *dp, size_t n, int fd, size_t *at);
#define DP_AIO_ID(seq, k) ((uint64_t)(seq) << 32 | (uint32_t)(k))
size_t dp_by_aio(const struct dpath *dp, size_t n, uint64_t id);

/* The paths of an LU, for its RTPG answer: lu_next links each path to
 * the next one (in index order) of the same WWID, the last back to the
 * first (the paths whose WWID could not be read, "", share one, as the
 * walk over every path took them; no map holds them).  Made by each
 * rescan over its scan's n paths (mp parallel to dp).  Out of memory, an
 * LU may end up as several rings, never one ring of two LUs. */
void dp_lu_link(struct dpath *dp, const struct mp_path *mp, size_t n);
/* The lowest index of path k's LU: its ring from there, in index order,
 * ends at the path whose lu_next is not above it. */
size_t dp_lu_first(const struct dpath *dp, size_t k);

#endif
