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
	/* set: no command is sent, the state is known(arg, p) instead */
	int (*known)(void *arg, const struct mp_path *p);
	void *arg;
};

/* known()'s answer for "not known: ask the device" (an RTPG through
 * SG_IO, or the LU's answer in the cache); the daemon never gives it. */
#define MP_ALUA_ASK (-2)

/* The REPORT TARGET PORT GROUPS of many paths at once (`multipath`,
 * before its priorities): one command to each path of pp[0..n) whose
 * st[i] is MP_ALUA_ASK, all through their sg nodes together (sg_batch.h),
 * each path its own answer (a port of scsi_debug reports its own group
 * only; a real array's answers agree).  After: st[i] the state of the
 * path's group (PREF | access state), -1 (no answer, or its group not in
 * it), or still MP_ALUA_ASK where no sg node could be opened (the caller
 * asks through SG_IO then).  With tur (-ll), every path also gets a TEST
 * UNIT READY on the same fd: tur[i] 'r' ready, 'f' faulty, 0 not sent.
 * 0 or -errno of the batch. */
int mp_rtpg_all(struct mp_path **pp, size_t n, int *st, char *tur);
/* Its sg_batch next and done, apart from the I/O for the tests: the
 * command's id is the path's place in pp shifted left by 2 over its
 * SG_BATCH_* bit, buf holds the answer. */
struct mp_rtpg_run {
	struct mp_path **pp;
	int *st;
	size_t n, i;
	const uint8_t *buf;
	char *tur;
};
long mp_rtpg_next(void *arg, const char **dev);
void mp_rtpg_done(void *arg, long i, int r);

/* Set p->prio and p->prio_name (alua, or a doubted sysfs state: one RTPG
 * on devdir/dev, or its LU's answer in cache; cache may be NULL). */
void mp_path_prio(struct mp_path *p, const struct mp_eff *e, const char *devdir,
		  struct mp_rtpg_cache *cache);

#endif
