/* Partition maps of one block device, multipath-tools' kpartx conventions:
 * map <parent><delim><N> = "0 <len> linear <parent maj:min> <start>",
 * UUID part<N>-<parent uuid>.  The tables are parsed by partitions/; this
 * is the device-mapper side, shared by kpartx (argv and printing around
 * it) and multipathd (partition maps of the maps it creates). */
#ifndef MPBOOT_PARTMAP_H
#define MPBOOT_PARTMAP_H

#include <sys/types.h>

#include "dm.h"
#include "partitions/partitions.h"

struct pm_parent {
	dev_t dev;
	int is_dm;                   /* name/uuid are the DM map's */
	char name[MP_DM_NAME_LEN];   /* map name, or the device's basename */
	char uuid[MP_DM_UUID_LEN];   /* parent UUID for part<N>-... */
};

/* A pt_dev reader over a file descriptor (ctx points at the int): len
 * bytes at off, short reads retried; 0, -errno, or -EIO at the end. */
int pm_fd_read(void *ctx, uint64_t off, size_t len, void *buf);

/* Read the partition table of the block device at path (cached blocks
 * dropped first: the table may just have been rewritten through another
 * path to the same LU).  label: only that one, NULL: all.  0 or -errno;
 * *what names the step that failed before the table was read (open,
 * size), NULL when reading the table itself failed (res then holds the
 * probe's warnings). */
int pm_read(const char *path, unsigned int pt_flags, const char *label,
	    struct pt_result *res, const char **what);

/* Map slice s: create it, reload it (a map of that name we made), or
 * rename it from another delimiter first.  name[MP_DM_NAME_LEN] and
 * params[64] receive the map; *what the step.  0, -EEXIST (the name
 * belongs to another map, left alone) or -errno. */
int pm_add(struct dm_ctx *dm, const struct pm_parent *p, const char *delim,
	   int ro, const struct pt_slice *s, char *name, char *params,
	   const char **what);

/* Is map `name` a partition map of p?  0 and its number if so. */
int pm_ours(struct dm_ctx *dm, const struct pm_parent *p, const char *name,
	    struct dm_info *info, unsigned int *num);

/* Remove p's partition maps except the numbers in keep (NULL: all).  A
 * map in use stays (logged).  removed(name) for each map removed.  0,
 * -EBUSY if a map stayed or a removal failed, or -errno of the listing. */
int pm_sweep(struct dm_ctx *dm, const struct pm_parent *p,
	     const struct pt_result *keep,
	     void (*removed)(const char *name, void *arg), void *arg);

/* DM map `from` (dev, uuid) is being renamed to `to`: its partition maps
 * <from><rest> become <to><rest>, as multipath-tools renames them with
 * their map.  Failures are logged; 0 or the last -errno. */
int pm_rename(struct dm_ctx *dm, dev_t dev, const char *uuid, const char *from,
	      const char *to);

/* What "kpartx -a -p delim" does for DM map `name`, read through
 * devdir/dm-N (devtmpfs makes that node with the map, udev or not). */
int pm_add_map(struct dm_ctx *dm, const char *devdir, const char *name,
	       const char *delim);

#endif
