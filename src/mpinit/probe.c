/* See probe.h.  Layouts cited next to each probe. */
#include <errno.h>
#include <string.h>

#include "partitions/partitions.h"
#include "probe.h"

static uint16_t le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static int all_zero(const uint8_t *p, size_t n)
{
	while (n--)
		if (*p++)
			return 0;
	return 1;
}

/* Labels become shell-visible strings in the init: keep printable ASCII
 * except quotes and backslash, stop at the first NUL. */
static void copy_label(char *dst, size_t size, const uint8_t *src, size_t n)
{
	size_t i, o = 0;

	for (i = 0; i < n && src[i] && o + 1 < size; i++)
		if (src[i] >= 0x20 && src[i] < 0x7f && src[i] != '"' &&
		    src[i] != '\'' && src[i] != '\\')
			dst[o++] = (char)src[i];
	dst[o] = '\0';
}

/* ext2/3/4: superblock at byte 1024; s_magic 0xEF53 at +56,
 * s_feature_compat +92, s_feature_incompat +96, s_uuid +104 (16 bytes),
 * s_volume_name +120 (16 bytes). */
static int probe_ext(read_at_fn rd, void *ctx, struct fs_info *fs)
{
	uint8_t sb[256];
	uint32_t compat, incompat;

	if (rd(ctx, 1024, sb, sizeof(sb)) || le16(sb + 56) != 0xef53)
		return -ENOENT;
	compat = le32(sb + 92);
	incompat = le32(sb + 96);
	/* INCOMPAT extents 0x40, 64bit 0x80, flex_bg 0x200 -> ext4;
	 * COMPAT has_journal 0x4 -> ext3 (ext4's driver mounts all three). */
	strcpy(fs->type, incompat & 0x2c0 ? "ext4" : compat & 4 ? "ext3"
								 : "ext2");
	if (!all_zero(sb + 104, 16))
		pt_uuid_str(sb + 104, 0, fs->uuid);
	copy_label(fs->label, sizeof(fs->label), sb + 120, 16);
	return 0;
}

/* XFS: superblock at 0, big-endian; sb_magicnum "XFSB", sb_uuid at +32,
 * sb_fname (label, 12 bytes) at +108. */
static int probe_xfs(read_at_fn rd, void *ctx, struct fs_info *fs)
{
	uint8_t sb[128];

	if (rd(ctx, 0, sb, sizeof(sb)) || memcmp(sb, "XFSB", 4))
		return -ENOENT;
	strcpy(fs->type, "xfs");
	pt_uuid_str(sb + 32, 0, fs->uuid);
	copy_label(fs->label, sizeof(fs->label), sb + 108, 12);
	return 0;
}

/* btrfs: superblock at 64 KiB; fsid at +0x20, magic "_BHRfS_M" at +0x40,
 * label (256 bytes) at +0x12b. */
static int probe_btrfs(read_at_fn rd, void *ctx, struct fs_info *fs)
{
	uint8_t sb[0x12b + 256];

	if (rd(ctx, 0x10000, sb, sizeof(sb)) || memcmp(sb + 0x40, "_BHRfS_M", 8))
		return -ENOENT;
	strcpy(fs->type, "btrfs");
	pt_uuid_str(sb + 0x20, 0, fs->uuid);
	copy_label(fs->label, sizeof(fs->label), sb + 0x12b, 256);
	return 0;
}

int probe_fs(read_at_fn rd, void *ctx, struct fs_info *fs)
{
	static int (*const probes[])(read_at_fn, void *, struct fs_info *) = {
		probe_ext, probe_xfs, probe_btrfs,
	};
	unsigned int i;

	for (i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
		memset(fs, 0, sizeof(*fs));
		if (!probes[i](rd, ctx, fs))
			return 0;
	}
	memset(fs, 0, sizeof(*fs));
	return -ENOENT;
}
