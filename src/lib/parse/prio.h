/* Path priorities as multipath-tools computes them.
 *   const         1
 *   sysfs         scsi_dh_alua's device/access_state (+ preferred_path)
 *   alua          REPORT TARGET PORT GROUPS through SG_IO, for the group
 *                 VPD 0x83 names
 *   weightedpath  prio_args "hbtl|devname|wwn RE PRIO ...": first match
 * ALUA states: active/optimized 50, active/non-optimized 10, lba-dependent
 * 5, standby 1, anything else 0; a preferred port gets +80 unless it is
 * active/optimized (or always, with prio_args "exclusive_pref_bit").
 * detect_prio (on by default): a LU whose INQUIRY reports TPGS uses sysfs
 * when scsi_dh_alua exposes access_state, else alua.  These rules are pure
 * and host-tested (tests/t_prio.c); dev/prio_io.h does the I/O. */
#ifndef MPBOOT_PRIO_H
#define MPBOOT_PRIO_H

#include <stddef.h>
#include <stdint.h>

#include "conf.h"
#include "mpath.h"

#define MP_PRIO_UNDEF (-1)

/* The target port group of VPD page 0x83 (designator type 5, SPC-4
 * 7.8.6.7), or -1. */
int vpd_pg83_tpg(const uint8_t *buf, size_t len);
/* The descriptor byte 0 (PREF bit 7, ASYMMETRIC ACCESS STATE bits 3:0)
 * of group tpg in REPORT TARGET PORT GROUPS data (SPC-4 6.36.2, length
 * format), or -ENOENT / -EINVAL. */
int mp_rtpg_state(const uint8_t *buf, size_t len, unsigned int tpg);
/* Priority of an access state (SPC-4 codes), with the preferred bit. */
int mp_prio_aas(unsigned int aas, int pref, int exclusive_pref);
/* Priority of a scsi_dh_alua access_state text; MP_PRIO_UNDEF for "". */
int mp_prio_sysfs(const char *state, int pref, int exclusive_pref);
/* weightedpath over "hbtl"/"devname"/"wwn"/"serial" regex-prio pairs. */
int mp_prio_weighted(const char *args, const struct mp_path *p);
/* Is this access_state text the one scsi_dh_alua shows before (or
 * instead of) its first RTPG result?  Then mp_path_prio asks the device. */
int mp_prio_sysfs_doubt(const char *state, int pref);
/* The same for alua, from the path's group state st (PREF | AAS, as
 * mp_rtpg_state gives it; < 0: no answer, no move). */
int mp_prio_alua_moved(const struct mp_path *p, int st);
/* Which prioritiser applies to p under e (detect_prio included). */
const char *mp_prio_select(const struct mp_eff *e, const struct mp_path *p);

/* Is word w one of the blank-separated words of prio_args? */
int mp_prio_args_has(const char *args, const char *w);

#endif
