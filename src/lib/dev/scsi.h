/* SCSI path discovery from sysfs, and the two SCSI commands multipath
 * needs through SG_IO: INQUIRY EVPD (when the kernel does not expose a
 * VPD page in sysfs) and TEST UNIT READY (path check for -ll).
 * All functions return 0 or -errno and print nothing. */
#ifndef MPBOOT_SCSI_H
#define MPBOOT_SCSI_H

#include <stddef.h>
#include <stdint.h>

#include "mpath.h"
#include "str.h"

/* What to read for each path. */
#define SCSI_SCAN_IDS 1u      /* WWID (VPD 0x83), attached handler */
#define SCSI_SCAN_SGIO 2u     /* VPD through SG_IO even if sysfs has it */
#define SCSI_SCAN_SERIAL 4u   /* serial (VPD 0x80), for group_by_serial */
#define SCSI_SCAN_NODE 8u     /* target node name, for group_by_node_name */
#define SCSI_SCAN_STRINGS 16u /* vendor, model, revision */
#define SCSI_SCAN_ALUA 32u    /* TPGS, target port group, access_state */
#define SCSI_SCAN_LIST 64u    /* -ll: no size, no attached handler */

struct scsi_scan {
	const char *sysfs;   /* "/sys" */
	const char *devdir;  /* "/dev", for SG_IO */
	struct mp_path *paths;
	size_t n, cap;
	struct str_pool pool; /* the paths' WWIDs, serials, node names */
};

/* Every /sys/block/sd* into s->paths (grown with realloc).  A disk whose
 * details cannot be read is still listed, with p->err set and an empty
 * WWID, so main() can say why it was skipped. */
int scsi_scan_all(struct scsi_scan *s, unsigned int what);
void scsi_scan_free(struct scsi_scan *s);

/* Fill one path from /sys/block/<dev>. */
int scsi_path_info(const char *sysfs, const char *devdir, const char *dev,
		   unsigned int what, struct mp_path *p, struct str_pool *pool);

/* devdir/dev opened for SG_IO (non-blocking, close-on-exec): fd or -errno. */
int scsi_open_node(const char *devdir, const char *dev);

/* Vendor, model and revision of a path scanned without them. */
int scsi_path_strings(const char *sysfs, struct mp_path *p, struct str_pool *pool);

/* INQUIRY with EVPD for page pg into buf; returns the page's bytes
 * (header included, capped at size) or -errno. */
int scsi_inquiry_vpd(int fd, unsigned int pg, uint8_t *buf, size_t size);
/* REPORT TARGET PORT GROUPS (SPC-4 6.36) into buf; returns the bytes
 * the target filled (header included, capped at size) or -errno. */
int scsi_rtpg(int fd, uint8_t *buf, size_t size);
/* Its CDB for an allocation length (multipathd sends it asynchronously),
 * and how much of an answer of got bytes (got >= 4) is the data. */
void scsi_rtpg_cdb(uint8_t cdb[12], unsigned int alloc);
size_t scsi_rtpg_len(const uint8_t *buf, size_t got);
/* TEST UNIT READY: 0 ready, -EIO not ready, other -errno. */
int scsi_tur(int fd);

#endif
