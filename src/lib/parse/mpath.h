/* Pure multipath logic: coalescing paths by WWID, grouping them into
 * priority groups, and the dm-multipath table in both directions (build
 * the wanted table, parse the live one back) so a re-run can tell whether
 * anything has to change.  No I/O here; discovery lives in scsi.c.
 *
 * dm-multipath table (drivers/md/dm-mpath.c, current kernels):
 *   <#features> <features...> <#hwh args> [<hwh name> <args...>]
 *   <#groups> <initial group>
 *   per group: <selector> <#selector args> <args...>
 *              <#paths> <#per-path args> { <maj:min> <args...> }
 * We emit one per-path argument (repeat count 1) as multipath-tools
 * does; the kernel echoes the selector's own per-path argument count
 * (service-time: 2), so parsing takes the counts from the text. */
#ifndef MPBOOT_MPATH_H
#define MPBOOT_MPATH_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "vpd.h"

#define MP_DEV_LEN 32
#define MP_MAX_MAP_PATHS 256 /* paths of one LU we put in a table */

enum mp_state { MP_RUNNING, MP_OFFLINE, MP_BLOCKED, MP_OTHER };

struct mp_path {
	/* kernel name, "sdb": an sd disk's name is "sd" and at most 4
	 * letters for the 2^20 minors sd can have (a longer one does not
	 * fit and the disk is skipped with ENAMETOOLONG) */
	char dev[16];
	unsigned int maj, min;
	unsigned int host, channel, target;
	uint64_t lun;
	uint64_t size;            /* 512-byte sectors */
	const char *vendor, *model, *rev; /* SCSI INQUIRY strings, pooled as below */
	const char *state;        /* sysfs device/state text, pooled as below */
	/* These strings are never NULL, "" when absent; they live in the
	 * scan's string pool (struct scsi_scan), stored once per distinct
	 * value: a worst-case buffer each (VPD_WWID_SIZE, 224 for an iSCSI
	 * name) made 480 of this record's 672 bytes, and multipathd keeps
	 * one per path (2048 paths: 152 bytes each). */
	const char *wwid;
	const char *serial;
	const char *node;         /* FC/iSCSI target node name */
	const char *dh;           /* attached SCSI device handler, "" if none */
	/* scsi_dh_alua's access_state ("" if absent), pooled; which
	 * prioritiser gave prio (prio.c: one of its literals) */
	const char *access_state, *prio_name;
	int prio;                 /* the prioritiser's value (prio.c) */
	int err;                  /* why there is no WWID: -errno, or 0 */
	/* ALUA (SCSI_SCAN_ALUA): standard INQUIRY TPGS bits (SPC-4 6.4.2
	 * byte 5 bits 5:4), the target port group from VPD 0x83 (-1 none),
	 * scsi_dh_alua's access_state / preferred_path ("" / -1 if absent) */
	int8_t tpgs, pref;
	int tpg;
};

enum mp_policy {
	MP_FAILOVER,
	MP_MULTIBUS,
	MP_GROUP_BY_SERIAL,
	MP_GROUP_BY_PRIO,
	MP_GROUP_BY_NODE_NAME,
	MP_POLICY_N
};

/* The names are path_grouping_policy's words (conf_values.c). */
const char *mp_policy_name(enum mp_policy p);
/* -EINVAL for an unknown name. */
int mp_policy_parse(const char *s, enum mp_policy *p);
/* Is s a path selector's name alone: path_selector's words
 * (conf_values.c), "service-time", "round-robin", "queue-length",
 * "historical-service-time"? */
int mp_selector_ok(const char *s);
/* hidx's equality for an array of struct mp_path keyed by WWID: is
 * ((const struct mp_path *)arr)[i].wwid the string key? */
int mp_path_wwid_eq(const void *arr, size_t i, const void *key);

/* One table, wanted or live.  Groups index into dev[]. */
struct mp_pg {
	char selector[32];
	unsigned int first, n;
	int prio;
};

#define MP_FEAT_LEN 128
#define MP_HWH_ARGS_LEN 64

struct mp_table {
	/* The whole features list and the hardware handler with its
	 * arguments, as words without their counts, so "equal" is exact:
	 * features "queue_if_no_path pg_init_retries 50", hwh "emc" with
	 * hwh_args "1".  queue_if_no_path is derived from features. */
	unsigned int nfeat, nhwh_args;
	char features[MP_FEAT_LEN];
	char hwh[16];             /* "" for none */
	char hwh_args[MP_HWH_ARGS_LEN];
	int queue_if_no_path;
	unsigned int npg, ndev;
	struct mp_pg pg[MP_MAX_MAP_PATHS];
	unsigned int maj[MP_MAX_MAP_PATHS], min[MP_MAX_MAP_PATHS];
	/* per-path repeat count (rr_weight priorities), 0 is 1; the kernel
	 * uses and shows 1 whatever the table said, so never compared */
	unsigned int rr[MP_MAX_MAP_PATHS];
};

/* Sort paths so that equal WWIDs are adjacent, then by H:B:T:L; the
 * result is deterministic whatever order sysfs listed them in. */
void mp_sort_paths(struct mp_path **paths, size_t n);

/* The wanted table for one LU's paths (all with the same WWID).  Groups
 * of every policy sorted as multipath-tools' sort_pathgroups: higher mean
 * priority first, then more paths, then discovery order.
 * -E2BIG if more than MP_MAX_MAP_PATHS, -EINVAL for an empty set. */
int mp_table_build(struct mp_path *const *paths, unsigned int n,
		   enum mp_policy pol, const char *selector, int queue_if_no_path,
		   struct mp_table *t);

/* Set or clear queue_if_no_path in t's features (the daemon's
 * no_path_retry switches it at run time; the kernel's table shows the
 * current state).  0 or -ENOSPC. */
int mp_table_set_queueing(struct mp_table *t, int on);

/* Render the target parameters (everything after "multipath").
 * 0 or -ENOSPC. */
int mp_table_format(const struct mp_table *t, char *buf, size_t size);

/* Parse the parameters of a live multipath target as the kernel prints
 * them (TABLE_STATUS without DM_STATUS_TABLE_FLAG).  0 or -EINVAL. */
int mp_table_parse(const char *params, struct mp_table *t);

/* Same groups, selectors, paths in the same order, same features and
 * handler: then a reload would change nothing. */
int mp_table_equal(const struct mp_table *a, const struct mp_table *b);

/* Live status (DM_STATUS_TABLE_FLAG set): group states 'A'ctive,
 * 'E'nabled, 'D'isabled and per path 'A'ctive / 'F'ailed, in table
 * order. */
struct mp_status {
	unsigned int npg, ndev;
	char pg_state[MP_MAX_MAP_PATHS];
	char path_state[MP_MAX_MAP_PATHS];
	unsigned int maj[MP_MAX_MAP_PATHS], min[MP_MAX_MAP_PATHS];
};
int mp_status_parse(const char *params, struct mp_status *st);
/* The word for a state letter of either kind, as multipath-tools
 * prints it: "active", "failed", "enabled", "disabled", else "undef"
 * (multipath -ll and multipathd's JSON). */
const char *mp_state_name(char c);

/* The DM UUID prefix of every multipath map, in one place. */
#define MP_UUID_PREFIX "mpath-"
/* The WWID of a multipath map's DM UUID, or NULL if uuid is not one. */
const char *mp_uuid_wwid(const char *uuid);

/* Is this kernel name an sd disk ("sda", "sdzz"; not "sda1")? */
int mp_is_sd_disk(const char *name);

/* Map name and DM UUID for a WWID: name = WWID with anything that may
 * not be in a DM name or a /dev/mapper file name shown as '_';
 * uuid = "mpath-" WWID.  -ENAMETOOLONG, -EINVAL (empty). */
int mp_map_name(const char *wwid, char *name, size_t size);
int mp_map_uuid(const char *wwid, char *uuid, size_t size);

/* multipath-tools' size notation for 512-byte sectors: K/M/G/T/P of
 * 1024, one decimal below 10 ("8.0M", "64M", "1.5G"), rounded to nearest.
 * Integer arithmetic: klibc's printf has no floating point. */
void mp_fmt_size(uint64_t sectors, char *buf, size_t size);

#endif
