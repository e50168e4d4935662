/* multipathd follows path priorities (follow.c).  Over one path's record
 * and its scan entry, never the daemon's struct: the loop sends the RTPG
 * these ask for and makes the re-plan a move asks for; the failback after
 * it is the path-state machine's (ps_moved). */
#ifndef MPBOOT_FOLLOW_H
#define MPBOOT_FOLLOW_H

#include <stddef.h>

#include "mpath.h"
#include "pathstate.h"

enum { FOLLOW_NONE, FOLLOW_RTPG, FOLLOW_MOVED };
/* After a check found p (scan entry mp) up: FOLLOW_MOVED when its
 * priority moved (p->moved set), FOLLOW_RTPG when the alua prioritiser
 * wants one REPORT TARGET PORT GROUPS on its sg node, else FOLLOW_NONE. */
int mpd_prio_check(struct dpath *p, const struct mp_path *mp);
/* Path k's RTPG answer (len bytes of rtpg; none if len <= 0) for every
 * path of its LU (dp_lu_link; dp parallel to paths): each gets its port
 * group's state (alua); how many of those in a map it moved, each of
 * them flagged moved. */
unsigned int mpd_prio_rtpg(struct dpath *dp, const struct mp_path *paths, size_t k,
			   const uint8_t *rtpg, int len);

#endif
