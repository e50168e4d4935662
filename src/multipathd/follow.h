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
/* LU wwid's RTPG answer, already spread into its paths' alua
 * (mpd_prio_spread): how many of the n paths (dp parallel to paths) it
 * moved, each of them flagged moved. */
unsigned int mpd_prio_answer(struct dpath *dp, const struct mp_path *paths, size_t n,
			     const char *wwid);

#endif
