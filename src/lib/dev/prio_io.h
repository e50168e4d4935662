/* Prioritisers' reads from the device: one REPORT TARGET PORT GROUPS
 * through SG_IO per LU; the rules they feed are parse/prio.h. */
#ifndef MPBOOT_PRIO_IO_H
#define MPBOOT_PRIO_IO_H

#include <stdint.h>

#include "prio.h"

/* multipathd, on each check of a path: has the source of p->prio moved
 * (state / pref: access_state and preferred_path as read now)?  sysfs:
 * the text differs; alua: one RTPG on devdir/dev gives another value;
 * const and weightedpath never move.  mp_path_prio then recomputes. */
int mp_prio_moved(const struct mp_path *p, const char *state, int pref,
		  const char *devdir);
/* The last REPORT TARGET PORT GROUPS answer and the LU (WWID) it came
 * from.  It lists the state of every port group of the LU, so the next
 * paths of that LU read theirs from it: one command per LU, not per path
 * (scsi_debug answers each after a jiffy: 2048 paths took 8 s). */
struct mp_rtpg_cache {
	const char *wwid;        /* NULL: empty */
	int len;
	uint8_t buf[1024];
};

/* Set p->prio and p->prio_name (alua, or a doubted sysfs state: one RTPG
 * on devdir/dev, or its LU's answer in cache; cache may be NULL). */
void mp_path_prio(struct mp_path *p, const struct mp_eff *e, const char *devdir,
		  struct mp_rtpg_cache *cache);

#endif
