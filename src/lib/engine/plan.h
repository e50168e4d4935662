/* The multipath engine: what should change, and doing it.
 *
 * mp_plan_all() is pure: discovered paths + options + the live maps in,
 * one plan per LU out (create / reload / keep / skip, or flush for a
 * multipath map left without paths), with the wanted table and the
 * reason.  Nothing is printed and nothing touched; `multipath` prints the
 * plans, `multipathd` acts on them, and the host tests check them.
 *
 * mp_live_load() reads the live maps (one LIST + one TABLE_STATUS each),
 * mp_apply() carries a plan out through the DM layer. */
#ifndef MPBOOT_PLAN_H
#define MPBOOT_PLAN_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "conf.h"
#include "dm.h"
#include "mpath.h"
#include "str.h"
#include "names.h"

#define MP_PARAMS_LEN 16384 /* a 256-path table fits */

struct mp_opts {
	enum mp_policy policy;
	const char *selector;    /* "service-time" */
	int queue_if_no_path;
	int force;               /* reload even an unchanged map */
	int flush_orphans;       /* plan FLUSH for unused maps without paths */
	const char *filter;      /* only LUs matching this device argument */
	int keep_queueing;       /* a live map keeps its queue_if_no_path
				    (multipathd switches it by message) */
	/* The configuration (conf.h): NULL is no multipath.conf, i.e. the
	 * built-in hardware table and defaults, every disk, WWID names.
	 * policy/selector above then only apply with cli_policy /
	 * cli_selector (multipath -p / -s override the config). */
	const struct mp_conf *conf;
	int cli_policy, cli_selector;
	const struct mp_names *bindings; /* user_friendly_names */
	const struct mp_names *wwids;    /* find_multipaths */
	int names_ro;            /* bindings/wwids read-only (initramfs, -B):
				    no new alias, the WWID name instead */
	int verbose;             /* 3: log the transport timeouts written
				    when a map is loaded (tmo.h) */
};

/* A map that exists: any map, not only multipath ones, so that a name
 * clash is seen. */
struct mp_live {
	const char *name;         /* these three in mp_lives.pool */
	const char *uuid;
	dev_t dev;
	int open_count;
	uint32_t flags;           /* DM_*_FLAG */
	uint64_t len;             /* sectors, if params is set */
	const char *params;       /* the single multipath target's params,
				     NULL if the map is anything else */
};

struct mp_lives {
	struct mp_live *m;        /* sorted by uuid (mp_live_sort) */
	size_t n, cap;
	struct str_pool pool;     /* names, UUIDs, params: 2 x 128 bytes of
				     buffer a map made 256 maps 74 kB */
};

/* MP_IGNORE: find_multipaths says this LU is not multipathed. */
enum mp_act { MP_KEEP, MP_CREATE, MP_RELOAD, MP_FLUSH, MP_SKIP, MP_IGNORE };

struct mp_plan {
	enum mp_act act;
	const char *reason;       /* static text, e.g. "new LU", "table differs" */
	int err;                  /* MP_SKIP: -errno */
	const char *wwid;
	char name[MP_DM_NAME_LEN];
	char uuid[MP_DM_UUID_LEN];
	struct mp_path **pp;      /* the LU's paths in the table: pp[0..n) */
	unsigned int n;
	unsigned int ndrop;       /* pp[n..n+ndrop): size disagrees, not used */
	unsigned int ntrunc;      /* paths beyond MP_MAX_MAP_PATHS, not used */
	uint64_t size;            /* sectors */
	const struct mp_live *live; /* the map that exists, or NULL */
	struct mp_eff eff;        /* the settings in effect for this LU */
	char selector[32];
	int want_queue;           /* queue_if_no_path as configured (want
				     may keep a live map's state instead) */
	int new_binding;          /* name allocated now: append it to the
				     bindings file once the map exists */
	const char *bad_name;     /* a name source that is no valid map name
				     (mp_name_check), ignored, or NULL */
	const char *bad_from;     /* which: "alias", "binding", "alias_prefix" */
	char rename_from[MP_DM_NAME_LEN]; /* live name to rename, or "" */
	struct mp_table want;
	char params[MP_PARAMS_LEN]; /* want, rendered */
};

/* Can this path be put in a table (it has a WWID and its state lets
 * I/O through)?  0 and why not otherwise: "no WWID" or its state. */
int mp_path_usable(const struct mp_path *p);

/* Does a device argument ("/dev/sdb", "sdb", "8:16", a WWID or a map
 * name) name this path or LU? */
int mp_filter_match(const char *f, const struct mp_path *p, const char *name);

/* Keep the usable paths of pp[0..n), sorted by WWID then H:C:T:L;
 * returns how many (pp is reordered in place). */
size_t mp_coalesce(struct mp_path **pp, size_t n);

/* Drop the paths c's blacklist (and the built-in one) refuses, calling
 * why(p, reason, arg) for each (may be NULL); returns how many remain. */
size_t mp_blacklist_filter(struct mp_path **pp, size_t n, const struct mp_conf *c,
			   void (*why)(const struct mp_path *p, const char *reason,
				       void *arg), void *arg);

/* The same with the roots of sysfs (for the transport, read only when
 * the config has protocol entries) and of the udev database (for the
 * property entries; properties derived from the WWID where it has no
 * file, see conf_path.h); mp_blacklist_filter uses /sys and
 * /run/udev/data. */
size_t mp_blacklist_filter_at(struct mp_path **pp, size_t n, const struct mp_conf *c,
			      const char *sysfs, const char *udevdir,
			      void (*why)(const struct mp_path *p, const char *reason,
					  void *arg), void *arg);

/* The settings in effect for each path (c may be NULL) and its priority
 * (prio.h); devdir for the SG_IO of the alua prioritiser.  With known,
 * no command to any device (multipathd's loop): each RTPG answer is
 * known(arg, path) (PREF | AAS, < 0: none yet), as its own asynchronous
 * RTPG last saw it.  Without known, tur (may be NULL: -ll's) gets each
 * path's TEST UNIT READY, sent with its RTPG on one fd (mp_rtpg_all). */
void mp_paths_prio_known(struct mp_path **pp, size_t n, const struct mp_conf *c,
			 const char *devdir, int (*known)(void *, const struct mp_path *),
			 void *arg, char *tur);

/* The live map with this DM UUID, or NULL. */
const struct mp_live *mp_live_find(const struct mp_lives *l, const char *uuid);
void mp_live_sort(struct mp_lives *l);

/* Plan every LU of the coalesced paths pp[0..n) (see mp_coalesce),
 * calling cb once per plan with *scratch filled; a non-zero return of cb
 * stops and is returned.  Then, with o->flush_orphans, one MP_FLUSH (or
 * MP_KEEP "in use") plan per multipath map none of the paths belongs to.
 * pp is reordered within each LU (dropped paths last). */
typedef int (*mp_plan_cb)(struct mp_plan *p, void *arg);
int mp_plan_all(struct mp_path **pp, size_t n, const struct mp_opts *o,
		const struct mp_lives *live, struct mp_plan *scratch,
		mp_plan_cb cb, void *arg);

/* Plan one LU: pp[0..n) share a WWID. */
void mp_plan_lu(struct mp_path **pp, unsigned int n, const struct mp_opts *o,
		const struct mp_lives *live, struct mp_plan *p);

const char *mp_act_name(enum mp_act a);

/* ---- I/O side (apply.c) ---- */

/* Every live map with its table; -errno (ctx->what says which ioctl). */
int mp_live_load(struct dm_ctx *dm, struct mp_lives *l);
void mp_live_free(struct mp_lives *l);

/* Remove the map name unless it is open (-EBUSY).  0 or -errno. */
int mp_flush_unused(struct dm_ctx *dm, const char *name);

/* Carry out a CREATE, RELOAD or FLUSH plan (KEEP and SKIP do nothing).
 * *dev receives the map's device.  0 or -errno. */
int mp_apply(struct dm_ctx *dm, const struct mp_plan *p, unsigned int dmflags,
	     dev_t *dev);
/* mp_apply, and when the table load fails because member paths vanished
 * since discovery (sysfs has no dev/block/MAJ:MIN for them), plan the LU
 * again without them (p is replanned, pp reordered: the gone paths last)
 * and retry, until it works, no path has gone, or none is left.  *gone:
 * how many were dropped.  0 or the last -errno.  A CREATE or RELOAD that
 * worked then writes its paths' dev_loss_tmo/fast_io_fail_tmo (tmo.h;
 * refusals are warnings). */
int mp_apply_retry(struct dm_ctx *dm, struct mp_plan *p, const struct mp_opts *o,
		   const struct mp_lives *live, const char *sysfs,
		   unsigned int *gone, dev_t *dev);

#endif
