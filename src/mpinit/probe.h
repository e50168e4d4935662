/* Identify what is on a block device, for root= resolution in the init:
 * filesystem type, UUID and label (ext2/3/4, xfs, btrfs).  Which
 * partition carries a PARTUUID is the partition library's business
 * (src/lib/partitions, pt_by_partuuid), the same reader kpartx uses.
 *
 * Pure functions over a read_at(off, len) reader: the bytes come from a
 * device the init does not control, so every offset and count is bounded
 * and checked, and integers are read with explicit-endian accessors. */
#ifndef MPBOOT_PROBE_H
#define MPBOOT_PROBE_H

#include <stddef.h>
#include <stdint.h>

/* Read exactly len bytes at byte offset off: 0 or -errno (-EIO if short). */
typedef int (*read_at_fn)(void *ctx, uint64_t off, void *buf, size_t len);

struct fs_info {
	char type[8];    /* "ext2", "ext3", "ext4", "xfs", "btrfs" */
	char uuid[37];   /* lower-case 8-4-4-4-12, "" if none */
	char label[257]; /* sanitised: printable ASCII only */
};

/* 0 and *fs filled, or -ENOENT when no known filesystem is found. */
int probe_fs(read_at_fn rd, void *ctx, struct fs_info *fs);

#endif
