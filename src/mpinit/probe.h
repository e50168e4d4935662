/* Identify what is on a block device, for root= resolution in the init:
 * filesystem type, UUID and label (ext2/3/4, xfs, btrfs), and which
 * partition of a disk carries a given PARTUUID (GPT unique partition GUID,
 * or the MBR "SSSSSSSS-NN" form).
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

/* Find the partition whose PARTUUID is `want` (case-insensitive) on a
 * disk of disk_bytes bytes with sector size ssz.  GPT is tried first (the
 * primary header, then the backup at the last LBA, each with its CRC32
 * checked as UEFI 2.10 section 5.3.2 requires), then an MBR (primary and
 * logical partitions, EBR chain bounded).  0 with *partno (1-based, Linux
 * numbering), or -ENOENT. */
int probe_partuuid(read_at_fn rd, void *ctx, uint64_t disk_bytes,
		   unsigned int ssz, const char *want, unsigned int *partno);

/* CRC-32 (IEEE 802.3, reflected, as GPT uses). */
uint32_t probe_crc32(const void *buf, size_t len);

/* Format 16 bytes as a UUID string; gpt != 0 uses the GUID mixed-endian
 * layout (first three fields little-endian, UEFI appendix A). */
void probe_uuid_str(const uint8_t b[16], int gpt, char out[37]);

#endif
