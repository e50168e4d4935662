/* A live multipath map as the listings show it (multipath -l/-ll,
 * multipathd's show maps/topology/json) and the daemon's rescan reads it:
 * its table and status, read and parsed in one place.  The callers join
 * the table's devices to their own path records by devt. */
#ifndef MPBOOT_VIEW_H
#define MPBOOT_VIEW_H

#include "dm.h"
#include "mpath.h"

struct mp_map_view {
	struct dm_info info;      /* as the table read saw it */
	uint64_t len;             /* sectors */
	struct mp_table t;
	struct mp_status st;      /* all zero: unknown (unreadable, or not
				     the table's devices) */
};

/* The map name's table, which must be one multipath target from sector
 * 0, into v->t, and its status (mp_map_status).  text: MP_PARAMS_LEN
 * bytes of scratch.  0, or -errno (-EINVAL: not one multipath target). */
int mp_map_view(struct dm_ctx *dm, const char *name, char *text,
		struct mp_map_view *v);

/* Only the status, matched against v->t (already parsed). */
void mp_map_status(struct dm_ctx *dm, const char *name, char *text,
		   struct mp_map_view *v);

#endif
