/* See probe.h.  Layouts cited next to each probe. */
#include <errno.h>
#include <string.h>

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

static uint64_t le64(const uint8_t *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

/* Bitwise rather than table-driven: a few KiB per boot, and 1 KiB less
 * in the binary.  c is the running (inverted) register. */
static uint32_t crc_update(uint32_t c, const uint8_t *p, size_t len)
{
	int k;

	while (len--) {
		c ^= *p++;
		for (k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1)));
	}
	return c;
}

uint32_t probe_crc32(const void *buf, size_t len)
{
	return ~crc_update(0xffffffffu, buf, len);
}

void probe_uuid_str(const uint8_t b[16], int gpt, char out[37])
{
	static const uint8_t plain[16] = { 0, 1, 2, 3, 4, 5, 6, 7,
					   8, 9, 10, 11, 12, 13, 14, 15 };
	static const uint8_t mixed[16] = { 3, 2, 1, 0, 5, 4, 7, 6,
					   8, 9, 10, 11, 12, 13, 14, 15 };
	static const char hex[] = "0123456789abcdef";
	const uint8_t *ord = gpt ? mixed : plain;
	unsigned int i, o = 0;

	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[o++] = '-';
		out[o++] = hex[b[ord[i]] >> 4];
		out[o++] = hex[b[ord[i]] & 15];
	}
	out[o] = '\0';
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
		probe_uuid_str(sb + 104, 0, fs->uuid);
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
	probe_uuid_str(sb + 32, 0, fs->uuid);
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
	probe_uuid_str(sb + 0x20, 0, fs->uuid);
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

static int ieq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a, y = *b;

		if (x >= 'A' && x <= 'Z')
			x = (char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (char)(y - 'A' + 'a');
		if (x != y)
			return 0;
	}
	return *a == *b;
}

#define GPT_MAX_ENTRIES 1024u  /* Linux and libblkid accept 128 in practice */
#define GPT_MAX_ENTRY_SIZE 4096u

/* GPT header (UEFI 2.10 table 5.21), at `lba`:
 *  0 "EFI PART", 12 HeaderSize, 16 HeaderCRC32, 24 MyLBA,
 *  72 PartitionEntryLBA, 80 NumberOfPartitionEntries,
 *  84 SizeOfPartitionEntry, 88 PartitionEntryArrayCRC32.
 * Entry (table 5.22): 16 UniquePartitionGUID. */
static int gpt_at(read_at_fn rd, void *ctx, uint64_t lba, uint64_t nlba,
		  unsigned int ssz, const char *want, unsigned int *partno)
{
	uint8_t h[512], e[GPT_MAX_ENTRY_SIZE];
	uint32_t hsize, crc, n, esize, i, acrc = 0xffffffffu;
	uint64_t elba, eoff;
	char s[37];

	if (rd(ctx, lba * ssz, h, sizeof(h)) || memcmp(h, "EFI PART", 8))
		return -ENOENT;
	hsize = le32(h + 12);
	if (hsize < 92 || hsize > sizeof(h) || hsize > ssz)
		return -ENOENT;
	crc = le32(h + 16);
	memset(h + 16, 0, 4);
	if (probe_crc32(h, hsize) != crc || le64(h + 24) != lba)
		return -ENOENT;
	elba = le64(h + 72);
	n = le32(h + 80);
	esize = le32(h + 84);
	if (esize < 128 || esize > GPT_MAX_ENTRY_SIZE || esize % 8 ||
	    n > GPT_MAX_ENTRIES || elba < 2 || elba >= nlba)
		return -ENOENT;
	/* The whole array must lie inside the disk (n * esize <= 4 MiB, no
	 * overflow possible with the bounds above). */
	if (((uint64_t)n * esize + ssz - 1) / ssz > nlba - elba)
		return -ENOENT;
	eoff = elba * ssz;
	*partno = 0;
	for (i = 0; i < n; i++) {
		if (rd(ctx, eoff + (uint64_t)i * esize, e, esize))
			return -ENOENT;
		acrc = crc_update(acrc, e, esize); /* array CRC, incrementally */
		if (*partno || all_zero(e, 16))
			continue; /* unused entry: type GUID zero */
		probe_uuid_str(e + 16, 1, s);
		if (ieq(s, want))
			*partno = i + 1;
	}
	if (~acrc != le32(h + 88))
		return -ENOENT; /* corrupt array: trust nothing in it */
	return *partno ? 0 : -ESRCH;
}

static int is_extended(uint8_t type)
{
	return type == 0x05 || type == 0x0f || type == 0x85;
}

#define EBR_MAX 128 /* logical partitions followed before giving up */

/* MBR: 440 disk signature, 446 four 16-byte entries (4 type, 8 start LBA,
 * 12 sectors), 510 0x55 0xAA.  Linux numbers primaries 1-4 and logicals
 * from 5 in EBR-chain order; PARTUUID is "%08x-%02x" (block/partitions/
 * msdos.c). */
static int mbr(read_at_fn rd, void *ctx, uint64_t nlba, unsigned int ssz,
	       const char *want, unsigned int *partno)
{
	static const char hex[] = "0123456789abcdef";
	uint8_t s[512];
	uint64_t ext = 0, ebr;
	unsigned int i, num, hops;
	char id[37];

	if (rd(ctx, 0, s, sizeof(s)) || s[510] != 0x55 || s[511] != 0xaa)
		return -ENOENT;
	for (i = 0; i < 4; i++)
		if (s[446 + 16 * i + 4] == 0xee)
			return -ENOENT; /* protective MBR of a GPT disk */
	/* want is "SSSSSSSS-NN" (NN in hex as the kernel prints it): the
	 * number is in the string; it must name a partition that exists. */
	if (strlen(want) != 11 || want[8] != '-')
		return -ESRCH;
	for (num = 0, i = 0; i < 11; i++) {
		uint32_t sig = le32(s + 440);
		char c = (char)(want[i] | 0x20);

		if (i < 8)
			id[i] = hex[(sig >> (28 - 4 * i)) & 15];
		else
			id[i] = want[i] == '-' ? '-' : c;
		if (i > 8 && c >= '0' && c <= '9')
			num = num * 16 + (unsigned int)(c - '0');
		else if (i > 8 && c >= 'a' && c <= 'f')
			num = num * 16 + (unsigned int)(c - 'a' + 10);
		else if (i > 8)
			return -ESRCH;
	}
	id[11] = '\0';
	if (!ieq(id, want) || !num)
		return -ESRCH;
	for (i = 0; i < 4; i++) {
		const uint8_t *p = s + 446 + 16 * i;

		if (!p[4])
			continue;
		if (is_extended(p[4]) && !ext)
			ext = le32(p + 8);
		else if (num == i + 1) {
			*partno = num;
			return 0;
		}
	}
	/* Logical partitions: each EBR's first entry is the partition
	 * (relative to this EBR), its second links to the next EBR
	 * (relative to the extended partition's start). */
	ebr = ext;
	for (hops = 0, i = 5; ext && hops < EBR_MAX && ebr < nlba; hops++) {
		const uint8_t *p1 = s + 446, *p2 = s + 462;

		if (rd(ctx, ebr * ssz, s, sizeof(s)) || s[510] != 0x55 ||
		    s[511] != 0xaa)
			break;
		if (p1[4] && !is_extended(p1[4]) && le32(p1 + 12)) {
			if (num == i) {
				*partno = num;
				return 0;
			}
			i++;
		}
		if (!p2[4] || !is_extended(p2[4]) || !le32(p2 + 8))
			break;
		ebr = ext + le32(p2 + 8);
	}
	return -ESRCH;
}

int probe_partuuid(read_at_fn rd, void *ctx, uint64_t disk_bytes,
		   unsigned int ssz, const char *want, unsigned int *partno)
{
	uint64_t nlba;
	int r;

	if (ssz < 512 || ssz > 4096 || (ssz & (ssz - 1)))
		return -EINVAL;
	nlba = disk_bytes / ssz;
	if (nlba < 3)
		return -ENOENT;
	r = gpt_at(rd, ctx, 1, nlba, ssz, want, partno);
	if (r == -ENOENT) /* primary unusable: the backup at the last LBA */
		r = gpt_at(rd, ctx, nlba - 1, nlba, ssz, want, partno);
	if (r != -ENOENT)
		return r == -ESRCH ? -ENOENT : r;
	r = mbr(rd, ctx, nlba, ssz, want, partno);
	return r ? -ENOENT : 0;
}
