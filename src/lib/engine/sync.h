/* One call for the whole engine: scan → coalesce → blacklist → priorities
 * → live maps → plan → apply (with retry on vanished paths), transport
 * timeouts, the bindings/wwids record and queueing, reporting each LU's
 * {plan, outcome} to the caller.  `multipath` prints the reports,
 * `multipathd` counts them and makes partition maps; neither runs a step
 * of the sequence itself.  Their differences are inputs (mp_sync_in). */
#ifndef MPBOOT_SYNC_H
#define MPBOOT_SYNC_H

#include "conf_load.h"
#include "plan.h"
#include "scsi.h"

/* What was done for one LU. */
struct mp_sync_out {
	enum mp_act act;        /* what was decided; the plan's act may have
				   changed since (a change retried without
				   vanished paths can end as a keep) */
	int r;                  /* 0 or -errno of the DM step (dm->what) */
	int applied;            /* the change (rename, load, flush of a
				   path-less map) went through; dev is the
				   map's */
	unsigned int gone;      /* paths that vanished before the load */
	dev_t dev;              /* the map's device after a change */
};

/* Where mp_sync stopped (its -errno is returned). */
enum mp_sync_stage { MP_SYNC_SCAN = 1, MP_SYNC_PREPARE, MP_SYNC_LIVE, MP_SYNC_PLAN };

struct mp_sync_in {
	struct dm_ctx *dm;
	struct scsi_scan *scan;   /* sysfs, devdir set; filled by the scan */
	unsigned int scan_flags;  /* SCSI_SCAN_* */
	const struct mp_opts *opts;
	struct mp_config *cfg;    /* bindings and wwids recorded into */
	int dry;                  /* plan and report, change nothing */
	int ro;                   /* write no bindings/wwids file (initramfs, -B) */
	int tmo_keep;             /* timeouts on an unchanged map's paths too */
	int set_queueing;         /* switch queueing by message to allow_queue
				     (multipath's rule; the daemon's own
				     no_path_retry does it there) */
	int allow_queue;
	/* multipathd today carries out an LU find_multipaths ignores as a
	 * change (timeouts, wwids record); kept, not decided here */
	int apply_ignored;
	/* Hooks: prepare and report required, the others optional.
	 * prepare: after the scan, pp[0..*n) every path; may drop some
	 * (keeping order) or fail the run. */
	int (*prepare)(void *arg, struct mp_path **pp, size_t *n);
	void (*bl_why)(const struct mp_path *p, const char *reason, void *arg);
	/* known set: no command to a device (the daemon's loop), each
	 * path's ALUA state as known() says, after prime() (then required). */
	void (*prime)(void *arg, struct mp_path **pp, size_t n);
	int (*known)(void *arg, const struct mp_path *p);
	/* grouped: the LUs' paths with their priorities, before planning */
	void (*grouped)(void *arg, struct mp_path *const *pp, size_t n);
	/* once per LU after its outcome; a non-zero return stops the run */
	int (*report)(void *arg, struct mp_plan *pl, const struct mp_sync_out *out);
	void *arg;
};

/* The options both tools start from (policy failover, selector
 * service-time, queueing kept in the comparison: it is switched by
 * message, never by a reload). */
void mp_opts_init(struct mp_opts *o);

/* Run the sequence; plan is the scratch for each LU's plan.  0, or
 * -errno with *stage set (in->dm->what names the DM step). */
int mp_sync(const struct mp_sync_in *in, struct mp_plan *plan,
	    enum mp_sync_stage *stage);

#endif
