/* GUID Partition Table (UEFI spec 2.x, chapter 5.3 "GUID Partition Table
 * (GPT) Disk Layout").
 *
 * GPT header (LBA 1; backup normally in the last LBA), little endian:
 *   0 Signature "EFI PART"   8 Revision   12 HeaderSize   16 HeaderCRC32
 *   20 Reserved   24 MyLBA   32 AlternateLBA   40 FirstUsableLBA
 *   48 LastUsableLBA   56 DiskGUID[16]   72 PartitionEntryLBA
 *   80 NumberOfPartitionEntries   84 SizeOfPartitionEntry
 *   88 PartitionEntryArrayCRC32
 * Partition entry: 0 PartitionTypeGUID[16] (all zero = unused)
 *   16 UniquePartitionGUID[16]   32 StartingLBA   40 EndingLBA (inclusive)
 *   48 Attributes   56 PartitionName[72] (UTF-16LE).
 *
 * A header is valid (spec 5.3.2 plus the Linux kernel's efi.c checks) when
 * the signature matches, 92 <= HeaderSize <= sector size, the header CRC32
 * (computed with the CRC field zeroed) matches, MyLBA is the LBA it was
 * read from, FirstUsable <= LastUsable <= last LBA, SizeOfPartitionEntry
 * is 128 * 2^n, the entry array lies on the disk outside the usable area
 * and its CRC32 matches.  The primary is used if valid, else the backup at
 * the last LBA.  A valid GPT also needs a protective MBR (an 0xEE entry in
 * sector 0) unless PT_FORCE_GPT (kpartx -g).
 *
 * Partition numbers are entry index + 1 (unused entries keep their
 * number), as kpartx and the kernel number them. */
#include <errno.h>
#include <string.h>

#include "pt.h"

#define GPT_HDR_MIN 92
#define GPT_ARRAY_MAX (1u << 20) /* 8192 entries of 128 bytes */

static const char L[] = "gpt";

struct gpt_hdr {
	uint64_t first_usable, last_usable, alt_lba, entry_lba;
	uint32_t nentries, esize, ecrc;
};

/* CRC-32 (IEEE 802.3, reflected 0xEDB88320), as UEFI specifies; a
 * 16-entry table keeps it small. */
static uint32_t crc32_update(uint32_t crc, const unsigned char *p, size_t n)
{
	static const uint32_t t[16] = {
		0x00000000, 0x1db71064, 0x3b6e20c8, 0x26d930ac,
		0x76dc4190, 0x6b6b51f4, 0x4db26158, 0x5005713c,
		0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c,
		0x9b64c2b0, 0x86d3d2d4, 0xa00ae278, 0xbdbdf21c,
	};

	while (n--) {
		crc ^= *p++;
		crc = (crc >> 4) ^ t[crc & 15];
		crc = (crc >> 4) ^ t[crc & 15];
	}
	return crc;
}

uint32_t pt_crc32(const void *p, size_t n)
{
	return ~crc32_update(~0u, p, n);
}

/* CRC of the entry array, read in chunks: nothing large is allocated. */
static int array_crc(const struct pt_dev *dev, uint64_t off, uint64_t len,
		     uint32_t *crc)
{
	unsigned char b[4096];
	uint32_t c = ~0u;
	int r;

	while (len) {
		size_t n = len > sizeof(b) ? sizeof(b) : (size_t)len;

		r = pt_read(dev, off, n, b);
		if (r)
			return r;
		c = crc32_update(c, b, n);
		off += n;
		len -= n;
	}
	*crc = ~c;
	return 0;
}

/* 1 valid, 0 invalid, -errno I/O error. */
static int read_header(const struct pt_dev *dev, uint64_t lba,
		       uint64_t lastlba, struct gpt_hdr *h)
{
	unsigned char b[4096];
	uint64_t off, bytes, blocks, alast;
	uint32_t hsize, crc;
	int r;

	if (!mul_ok(lba, dev->ssz, &off))
		return 0;
	r = pt_read(dev, off, dev->ssz, b);
	if (r)
		return r == -ENXIO ? 0 : r;
	if (memcmp(b, "EFI PART", 8))
		return 0;
	hsize = le32(b + 12);
	if (hsize < GPT_HDR_MIN || hsize > dev->ssz)
		return 0;
	crc = le32(b + 16);
	memset(b + 16, 0, 4);
	if (pt_crc32(b, hsize) != crc)
		return 0;
	if (le64(b + 24) != lba)
		return 0;
	h->alt_lba = le64(b + 32);
	h->first_usable = le64(b + 40);
	h->last_usable = le64(b + 48);
	h->entry_lba = le64(b + 72);
	h->nentries = le32(b + 80);
	h->esize = le32(b + 84);
	h->ecrc = le32(b + 88);
	if (h->first_usable > h->last_usable || h->last_usable > lastlba)
		return 0;
	if (h->esize < 128 || h->esize % 128 || (h->esize & (h->esize - 1)))
		return 0;
	bytes = (uint64_t)h->nentries * h->esize;
	if (bytes > GPT_ARRAY_MAX)
		return 0;
	blocks = (bytes + dev->ssz - 1) / dev->ssz;
	if (blocks) {
		/* The array lies on the disk and outside the usable area. */
		if (h->entry_lba < 2 || !add_ok(h->entry_lba, blocks - 1, &alast) ||
		    alast > lastlba)
			return 0;
		if (!(alast < h->first_usable || h->entry_lba > h->last_usable))
			return 0;
	}
	r = array_crc(dev, h->entry_lba * dev->ssz, bytes, &crc);
	if (r)
		return r == -ENXIO ? 0 : r;
	return crc == h->ecrc;
}

static int has_pmbr(const struct pt_dev *dev)
{
	unsigned char b[512];
	unsigned int i;

	if (pt_read(dev, 0, sizeof(b), b) || b[510] != 0x55 || b[511] != 0xaa)
		return 0;
	for (i = 0; i < 4; i++)
		if (b[0x1be + 16 * i + 4] == 0xee)
			return 1;
	return 0;
}

/* Partition entry i (number i + 1), e, used: its LBA range checked
 * against the disk (last LBA lastlba) and the header's usable range, then
 * added with its unique GUID.  A range the disk cannot hold is skipped. */
static void add_entry(const struct pt_dev *dev, struct pt_result *res,
		      const unsigned char *e, unsigned int i, uint64_t lastlba,
		      const struct gpt_hdr *h)
{
	uint64_t mul = dev->ssz / 512;
	uint64_t first = le64(e + 32), last = le64(e + 40);

	if (last < first) {
		pt_warn(res, L, PT_W_GPT_BAD_RANGE, i + 1, 0);
		return;
	}
	if (last > lastlba) {
		pt_warn(res, L, PT_W_PAST_END, i + 1, 0);
		return;
	}
	if (first < h->first_usable || last > h->last_usable)
		pt_warn(res, L, PT_W_GPT_UNUSABLE, i + 1, 0);
	/* last <= lastlba < 2^64 / 4096: the products cannot overflow. */
	if (pt_add(dev, res, L, i + 1, first * mul, (last - first + 1) * mul, 0)) {
		struct pt_slice *s = pt_slice_of(res, i + 1);

		/* entry 16: unique partition GUID (UEFI 2.10 table 5-9) */
		memcpy(s->guid, e + 16, 16);
		s->knum = i + 1;
	}
}

int pt_gpt(const struct pt_dev *dev, struct pt_result *res)
{
	static const unsigned char zero[16];
	unsigned char e[128];
	struct gpt_hdr h;
	uint64_t lastlba;
	unsigned int i, n;
	int r;

	if (dev->size / dev->ssz < 3)
		return 0;
	lastlba = dev->size / dev->ssz - 1;
	r = read_header(dev, 1, lastlba, &h);
	if (r < 0)
		return r;
	if (!r) {
		r = read_header(dev, lastlba, lastlba, &h);
		if (r <= 0)
			return r;
		pt_warn(res, L, PT_W_GPT_PRIMARY, 0, 0);
	}
	if (!has_pmbr(dev)) {
		if (!(dev->flags & PT_FORCE_GPT)) {
			pt_warn(res, L, PT_W_GPT_NO_PMBR, 0, 0);
			return 0;
		}
		pt_warn(res, L, PT_W_GPT_FORCED, 0, 0);
	}
	n = h.nentries;
	for (i = 0; i < n; i++) {
		/* The array was read whole for its CRC: reads cannot fail
		 * short of a changing device, which ends the walk. */
		r = pt_read(dev, h.entry_lba * dev->ssz + (uint64_t)i * h.esize,
			    sizeof(e), e);
		if (r)
			return r == -ENXIO ? 1 : r;
		if (!memcmp(e, zero, 16))
			continue;
		if (i >= PT_MAX_NUM) {
			pt_warn(res, L, PT_W_TOO_MANY, i + 1, 0);
			break;
		}
		add_entry(dev, res, e, i, lastlba, &h);
	}
	return 1;
}
