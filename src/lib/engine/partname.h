/* kpartx's naming and ownership rules for partition maps (partname.c):
 * pure string rules, kept above the label parsers because they speak of
 * device-mapper names, UUIDs and tables. */
#ifndef MPBOOT_PARTNAME_H
#define MPBOOT_PARTNAME_H

#include <stddef.h>
#include <stdint.h>

/* Default delimiter: "p" when the parent name ends in a digit, else "". */
const char *pt_default_delim(const char *parent);
/* "<parent><delim><num>" with every '/' turned into '!'. 0 or -ENAMETOOLONG
 * (DM name limit). */
int pt_map_name(char *dst, size_t size, const char *parent,
		const char *delim, unsigned int num);
/* "part<num>-<parent_uuid>". 0 or -ENAMETOOLONG (DM UUID limit). */
int pt_map_uuid(char *dst, size_t size, unsigned int num,
		const char *parent_uuid);
/* UUID kpartx gives the parent when it is not a DM map:
 * "devnode_<maj>:<min>_Wh5pYvM". */
int pt_nondm_uuid(char *dst, size_t size, unsigned int maj, unsigned int min);
/* 0 and *num when uuid is "part<N>-<parent_uuid>", -EINVAL otherwise. */
int pt_uuid_owner(const char *uuid, const char *parent_uuid, unsigned int *num);
/* 0 when the map's targets are a single linear target on maj:min; *start
 * receives its offset.  -EINVAL otherwise. */
struct dm_target;
int pt_linear_on(const struct dm_target *t, unsigned int n, unsigned int maj,
		 unsigned int min, uint64_t *start);

#endif
