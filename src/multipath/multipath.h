/* multipath's parts besides main.c (argv, and the default run: mp_sync
 * and its report): list.c prints -l/-ll, flush.c removes maps (-f/-F),
 * wwids.c edits the wwids file (-a/-w/-W).  Each takes the few things it
 * needs, not main's context; each returns the tool's exit status (0, or
 * 1 after saying why on stderr). */
#ifndef MPBOOT_MULTIPATH_H
#define MPBOOT_MULTIPATH_H

#include <stddef.h>

#include "conf_load.h"
#include "dm.h"
#include "mpath.h"
#include "scsi.h"

/* The names of the live device-mapper maps (all targets). */
struct mpt_maps {
	char (*names)[MP_DM_NAME_LEN];
	size_t n, cap;
};

/* dm_list()'s callback: the map's name appended to the mpt_maps arg. */
int mpt_map_add(const char *name, dev_t dev, void *arg);
/* Every map's name into m, which the caller frees; 1 after saying why
 * (m freed) if the maps cannot be listed. */
int mpt_maps_read(struct dm_ctx *dm, struct mpt_maps *m);

/* Topology lines, shared by the listing and the create report.  A map's
 * first two: "[action: ]name (wwid) dmdev vendor,model" (first: the
 * path whose strings are shown, or NULL: "##"), then its size, features,
 * hardware handler and write permission; a path group's line; one path
 * of a group's; and the width of the widest "major:minor" of a table,
 * which aligns the path lines. */
void mpt_print_map(const char *action, const char *name, const char *wwid,
		   const char *dmdev, const struct mp_path *first,
		   const struct mp_table *t, uint64_t len, const char *wp);
void mpt_print_pg(int last_pg, const char *selector, int prio,
		  const char *status);
void mpt_print_path_line(const struct mp_path *p, const char *dm_state,
			 const char *chk, int last_pg, int last_path, int w);
int mpt_dev_width(const struct mp_table *t);

/* -l (level 1) or -ll (2): the multipath maps, sorted by name, their
 * names only at verbose 1; with filter, only those it names (the map's
 * name or WWID, or one of its paths).  -ll adds the paths' priorities
 * and a TEST UNIT READY of each. */
int mpt_list(struct dm_ctx *dm, struct scsi_scan *scan,
	     const struct mp_conf *conf, int level, int verbose,
	     const char *filter);

/* -f: remove one multipath map, unless it is open; with dry (-d) only
 * say so.  quiet_foreign: a map of another target is passed over. */
int mpt_flush(struct dm_ctx *dm, const char *name, int dry, int verbose,
	      int quiet_foreign);
/* -F: every multipath map that is not open. */
int mpt_flush_all(struct dm_ctx *dm, int dry, int verbose);

/* -a / -w (op 'a', 'w'): add or remove the WWID that arg names (a WWID,
 * or a path whose WWID it is); -W: the file anew from the live maps. */
int mpt_wwids(char op, const char *arg, struct dm_ctx *dm,
	      struct scsi_scan *scan, struct mp_config *cfg, int verbose);

#endif
