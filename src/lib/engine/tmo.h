/* dev_loss_tmo and fast_io_fail_tmo written to a path's transport when a
 * map is loaded, as multipath-tools 0.9.4 does (discovery.c,
 * sysfs_set_scsi_tmo): an FC remote port's dev_loss_tmo and
 * fast_io_fail_tmo, an iSCSI session's recovery_tmo (from
 * fast_io_fail_tmo), a SAS end device's I_T_nexus_loss_timeout (from
 * dev_loss_tmo).
 *
 * mp_tmo_plan() is pure: the settings in effect, the transport and (FC)
 * the rport's current dev_loss_tmo in, the writes in their order out.
 * mp_tmo_apply() finds each path's rport/session/end device from its
 * /sys/block link and writes; a write the kernel refuses is one line on
 * stderr naming the path and the attribute, never an error. */
#ifndef MPBOOT_TMO_H
#define MPBOOT_TMO_H

#include "plan.h"

enum { MP_TMO_FC = 1, MP_TMO_ISCSI, MP_TMO_SAS };

/* While fast_io_fail_tmo is off the kernel refuses a dev_loss_tmo above
 * this (SCSI_DEVICE_BLOCK_MAX_TIMEOUT); multipath-tools limits to it. */
#define MP_TMO_DEVLOSS_MAX 600u

struct mp_tmo {
	struct {
		const char *attr;
		long v;           /* seconds, up to 4294967295; -1: "off" */
	} w[3];
	unsigned int n;
	int temp;                 /* w[0] only raises dev_loss_tmo so that
				     fast_io_fail_tmo fits under it: if it
				     fails, nothing else is written */
};

/* kind: MP_TMO_*; e: dev_loss_tmo, fast_io_fail_tmo, no_path_retry,
 * polling_interval as resolved (conf.h: 0 unset, MP_NUM_*); cur: FC, the
 * rport's dev_loss_tmo now.  multipath-tools' rules: a dev_loss_tmo of
 * 0 is unset, infinity is 4294967295; a set dev_loss_tmo is raised to
 * no_path_retry * polling_interval (infinity when queueing); a
 * fast_io_fail_tmo not below dev_loss_tmo is turned off; FC: dev_loss_tmo
 * first raised to fast_io_fail_tmo + 1 when the current one is not above
 * it, then fast_io_fail_tmo, then dev_loss_tmo (limited to 600 without a
 * fast_io_fail_tmo unless queueing); iSCSI: recovery_tmo only from a
 * fast_io_fail_tmo above 0; SAS: dev_loss_tmo only. */
void mp_tmo_plan(int kind, const struct mp_eff *e, unsigned long cur,
		 struct mp_tmo *t);

/* For the paths pp[0..n) of p (a map just loaded), once per rport,
 * session or end device: resolve the protocol subsections of c for the
 * path's transport, plan and write under sysfs ("/sys").  verbose >= 3:
 * each write is logged. */
void mp_tmo_apply(const struct mp_plan *p, const struct mp_conf *c,
		  const char *sysfs, int verbose);

#endif
