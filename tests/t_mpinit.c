/* Host tests of the init helper's pure parts: filesystem probes, PARTUUID
 * lookup in GPT and MBR, and the uevent parser (src/mpinit/).
 *
 * Invariants: each filesystem is recognised only by its own magic and
 * reports UUID/label at the offsets its on-disk format defines; a GPT is
 * trusted only with valid header and array CRCs and an in-range array, with
 * the backup header used when the primary is damaged; MBR PARTUUIDs follow
 * the kernel's "%08x-%02x" numbering (logicals from 5, chain bounded); a
 * uevent is only a new SCSI disk for "add" of block/disk sd*. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/mpinit/probe.h"
#include "partitions/partitions.h"
#include "partitions/pt.h"
#include "uevent.h"
#include "unit.h"

#define DISK (1u << 20) /* 1 MiB image, 2048 sectors */

struct img {
	uint8_t *b;
	size_t size;
	unsigned int reads;
};

static int img_read(void *ctx, uint64_t off, void *buf, size_t len)
{
	struct img *m = ctx;

	m->reads++;
	if (off > m->size || len > m->size - off)
		return -EIO;
	memcpy(buf, m->b + off, len);
	return 0;
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)v);
	put16(p + 2, (uint16_t)(v >> 16));
}

static void put64(uint8_t *p, uint64_t v)
{
	put32(p, (uint32_t)v);
	put32(p + 4, (uint32_t)(v >> 32));
}

static struct img *fresh(void)
{
	static struct img m;
	static uint8_t data[DISK];

	memset(data, 0, sizeof(data));
	m.b = data;
	m.size = sizeof(data);
	m.reads = 0;
	return &m;
}

static const uint8_t U[16] = { 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc,
			       0xde, 0xf0, 0x01, 0x23, 0x45, 0x67,
			       0x89, 0xab, 0xcd, 0xef };

static int img_pt_read(void *ctx, uint64_t off, size_t len, void *buf)
{
	return img_read(ctx, off, buf, len);
}

static unsigned int kpartx_num; /* the slice's kpartx number, last lookup */

/* PARTUUID lookup as mpinit does it: through the partition library that
 * kpartx uses.  *pn is the kernel's partition number. */
static int probe_partuuid(struct img *m, uint64_t bytes, unsigned int ssz,
			  const char *want, unsigned int *pn)
{
	static struct pt_result res;
	struct pt_dev d = { img_pt_read, m, bytes, ssz, 0 };
	const struct pt_slice *s;
	int r = pt_probe(&d, &res);

	if (r)
		return r;
	s = pt_by_partuuid(&res, want);
	if (!s)
		return -ENOENT;
	*pn = s->knum;
	kpartx_num = s->num;
	return 0;
}

/* GPT needs its protective MBR (the kernel and kpartx insist). */
static void pmbr(struct img *m)
{
	m->b[446 + 4] = 0xee;
	m->b[446 + 8] = 1;
	m->b[510] = 0x55;
	m->b[511] = 0xaa;
}

static void t_crc(void)
{
	/* The CRC-32 check value (e.g. ISO-HDLC / zlib crc32). */
	EXPECT_INT(pt_crc32("123456789", 9), 0xcbf43926u, "crc32");
	EXPECT_INT(pt_crc32("", 0), 0, "crc32");
	UNIT_PASS("crc32");
}

static void t_uuid_str(void)
{
	char s[37];

	pt_uuid_str(U, 0, s);
	EXPECT_STR(s, "12345678-9abc-def0-0123-456789abcdef", "uuid_str");
	pt_uuid_str(U, 1, s);
	EXPECT_STR(s, "78563412-bc9a-f0de-0123-456789abcdef", "uuid_str");
	UNIT_PASS("uuid_str");
}

static void t_ext(void)
{
	struct img *m = fresh();
	struct fs_info fs;

	put16(m->b + 1024 + 56, 0xef53);
	memcpy(m->b + 1024 + 104, U, 16);
	memcpy(m->b + 1024 + 120, "rootfs\"x\x01y", 10);
	EXPECT_INT(probe_fs(img_read, m, &fs), 0, "ext");
	EXPECT_STR(fs.type, "ext2", "ext");
	EXPECT_STR(fs.uuid, "12345678-9abc-def0-0123-456789abcdef", "ext");
	EXPECT_STR(fs.label, "rootfsxy", "ext"); /* quote, control dropped */
	put32(m->b + 1024 + 92, 4);
	EXPECT_INT(probe_fs(img_read, m, &fs), 0, "ext");
	EXPECT_STR(fs.type, "ext3", "ext");
	put32(m->b + 1024 + 96, 0x40);
	EXPECT_INT(probe_fs(img_read, m, &fs), 0, "ext");
	EXPECT_STR(fs.type, "ext4", "ext");
	/* A label using all 16 bytes has no NUL: still bounded. */
	memset(m->b + 1024 + 120, 'L', 16);
	EXPECT_INT(probe_fs(img_read, m, &fs), 0, "ext");
	EXPECT_INT(strlen(fs.label), 16, "ext");
	/* Magic off by one byte: nothing. */
	put16(m->b + 1024 + 56, 0xef54);
	EXPECT_INT(probe_fs(img_read, m, &fs), -ENOENT, "ext");
	EXPECT_STR(fs.type, "", "ext");
	UNIT_PASS("ext");
}

static void t_xfs_btrfs(void)
{
	struct img *m = fresh();
	struct fs_info fs;

	memcpy(m->b, "XFSB", 4);
	memcpy(m->b + 32, U, 16);
	memcpy(m->b + 108, "xfsroot", 7);
	EXPECT_INT(probe_fs(img_read, m, &fs), 0, "xfs_btrfs");
	EXPECT_STR(fs.type, "xfs", "xfs_btrfs");
	EXPECT_STR(fs.label, "xfsroot", "xfs_btrfs");
	EXPECT_STR(fs.uuid, "12345678-9abc-def0-0123-456789abcdef",
		   "xfs_btrfs");
	m = fresh();
	memcpy(m->b + 0x10000 + 0x40, "_BHRfS_M", 8);
	memcpy(m->b + 0x10000 + 0x20, U, 16);
	memcpy(m->b + 0x10000 + 0x12b, "bt", 2);
	EXPECT_INT(probe_fs(img_read, m, &fs), 0, "xfs_btrfs");
	EXPECT_STR(fs.type, "btrfs", "xfs_btrfs");
	EXPECT_STR(fs.label, "bt", "xfs_btrfs");
	/* A device too small for the btrfs superblock is just "nothing". */
	m->size = 4096;
	EXPECT_INT(probe_fs(img_read, m, &fs), -ENOENT, "xfs_btrfs");
	UNIT_PASS("xfs_btrfs");
}

/* A GPT with `n` entries of 128 bytes at LBA 2, entry i (0-based) used
 * when i is 0 or 2, unique GUID = U with byte 15 = i. */
static void gpt_hdr(uint8_t *h, uint64_t my, uint64_t alt, uint64_t elba,
		    uint32_t n, uint32_t acrc)
{
	memset(h, 0, 512);
	memcpy(h, "EFI PART", 8);
	put32(h + 8, 0x10000);
	put32(h + 12, 92);
	put64(h + 24, my);
	put64(h + 32, alt);
	put64(h + 40, 34);
	put64(h + 48, 2048 - 34);
	put64(h + 72, elba);
	put32(h + 80, n);
	put32(h + 84, 128);
	put32(h + 88, acrc);
	put32(h + 16, pt_crc32(h, 92));
}

static uint32_t gpt_entries(uint8_t *e, uint32_t n)
{
	uint32_t i;

	memset(e, 0, (size_t)n * 128);
	for (i = 0; i < n; i += 2) {
		e[i * 128] = 0xaf; /* non-zero type GUID */
		memcpy(e + i * 128 + 16, U, 16);
		e[i * 128 + 16 + 15] = (uint8_t)i;
	}
	return pt_crc32(e, (size_t)n * 128);
}

static void t_gpt(void)
{
	struct img *m = fresh();
	unsigned int pn = 0;
	uint32_t acrc;

	pmbr(m);
	acrc = gpt_entries(m->b + 2 * 512, 128);
	gpt_hdr(m->b + 512, 1, 2047, 2, 128, acrc);
	/* entry index 2 -> partition 3; GUID mixed-endian, any case */
	EXPECT_INT(probe_partuuid(m, DISK, 512,
				  "78563412-BC9A-F0DE-0123-456789ABCD02", &pn),
		   0, "gpt");
	EXPECT_INT(pn, 3, "gpt");
	EXPECT_INT(probe_partuuid(m, DISK, 512,
				  "78563412-bc9a-f0de-0123-456789abcd01", &pn),
		   -ENOENT, "gpt"); /* entry 1 is unused */
	/* Corrupt the array: its CRC no longer matches -> not trusted. */
	m->b[2 * 512 + 200] ^= 1;
	EXPECT_INT(probe_partuuid(m, DISK, 512,
				  "78563412-bc9a-f0de-0123-456789abcd00", &pn),
		   -ENOENT, "gpt");
	m->b[2 * 512 + 200] ^= 1;
	/* Header CRC wrong -> ignored; with a good backup at the last LBA
	 * (array before it) the lookup still works. */
	m->b[512 + 40] ^= 1;
	EXPECT_INT(probe_partuuid(m, DISK, 512,
				  "78563412-bc9a-f0de-0123-456789abcd00", &pn),
		   -ENOENT, "gpt");
	acrc = gpt_entries(m->b + 2015 * 512, 128);
	gpt_hdr(m->b + 2047 * 512, 2047, 1, 2015, 128, acrc);
	EXPECT_INT(probe_partuuid(m, DISK, 512,
				  "78563412-bc9a-f0de-0123-456789abcd00", &pn),
		   0, "gpt");
	EXPECT_INT(pn, 1, "gpt");
	UNIT_PASS("gpt");
}

static void t_gpt_hostile(void)
{
	struct img *m = fresh();
	unsigned int pn;

	pmbr(m);
	/* (Both headers, the PMBR and the probe of later labels: a handful
	 * of reads, never the array.)  Entry array past the end of the disk; huge counts; odd entry
	 * sizes: all rejected without reading out of bounds (img_read
	 * fails on any out-of-range read anyway, but the checks must come
	 * first: no read past the disk is attempted). */
	gpt_hdr(m->b + 512, 1, 2047, 2040, 128, 0);
	m->reads = 0;
	EXPECT_INT(probe_partuuid(m, DISK, 512,
				  "78563412-bc9a-f0de-0123-456789abcd00", &pn),
		   -ENOENT, "gpt_hostile");
	EXPECT(m->reads <= 10, "gpt_hostile", "%u reads", m->reads);
	gpt_hdr(m->b + 512, 1, 2047, 2, 0xffffffffu, 0);
	EXPECT_INT(probe_partuuid(m, DISK, 512,
				  "78563412-bc9a-f0de-0123-456789abcd00", &pn),
		   -ENOENT, "gpt_hostile");
	/* MyLBA not 1 in the primary */
	gpt_hdr(m->b + 512, 5, 2047, 2, 128, gpt_entries(m->b + 1024, 128));
	EXPECT_INT(probe_partuuid(m, DISK, 512,
				  "78563412-bc9a-f0de-0123-456789abcd00", &pn),
		   -ENOENT, "gpt_hostile");
	/* Bad sector sizes and tiny disks */
	EXPECT_INT(probe_partuuid(m, DISK, 513, "x", &pn), -EINVAL,
		   "gpt_hostile");
	EXPECT_INT(probe_partuuid(m, 1024, 512, "x", &pn), -ENOENT,
		   "gpt_hostile");
	UNIT_PASS("gpt_hostile");
}

static void mbr_entry(uint8_t *s, int i, uint8_t type, uint32_t start,
		      uint32_t len)
{
	uint8_t *p = s + 446 + 16 * i;

	p[4] = type;
	put32(p + 8, start);
	put32(p + 12, len);
}

static void t_mbr(void)
{
	struct img *m = fresh();
	unsigned int pn = 0;
	uint8_t *s = m->b;

	put32(s + 440, 0xdeadbeef);
	s[510] = 0x55;
	s[511] = 0xaa;
	mbr_entry(s, 0, 0x83, 2048 / 4, 100);
	mbr_entry(s, 1, 0x05, 1000, 1000);
	/* EBRs at 1000 and 1000+100: two logicals -> 5 and 6 */
	mbr_entry(m->b + 1000 * 512, 0, 0x83, 10, 50);
	mbr_entry(m->b + 1000 * 512, 1, 0x05, 100, 60);
	m->b[1000 * 512 + 510] = 0x55;
	m->b[1000 * 512 + 511] = 0xaa;
	mbr_entry(m->b + 1100 * 512, 0, 0x83, 10, 50);
	m->b[1100 * 512 + 510] = 0x55;
	m->b[1100 * 512 + 511] = 0xaa;
	EXPECT_INT(probe_partuuid(m, DISK, 512, "DEADBEEF-01", &pn),
		   0, "mbr");
	EXPECT_INT(pn, 1, "mbr");
	EXPECT_INT(probe_partuuid(m, DISK, 512, "deadbeef-06", &pn),
		   0, "mbr");
	EXPECT_INT(pn, 6, "mbr");
	EXPECT_INT(probe_partuuid(m, DISK, 512, "deadbeef-07", &pn),
		   -ENOENT, "mbr");
	EXPECT_INT(probe_partuuid(m, DISK, 512, "deadbeef-03", &pn),
		   -ENOENT, "mbr"); /* empty slot */
	EXPECT_INT(probe_partuuid(m, DISK, 512, "deadbeef-02", &pn),
		   -ENOENT, "mbr"); /* the extended container itself */
	EXPECT_INT(probe_partuuid(m, DISK, 512, "deadbeee-01", &pn),
		   -ENOENT, "mbr");
	EXPECT_INT(probe_partuuid(m, DISK, 512, "deadbeef-1", &pn),
		   -ENOENT, "mbr");
	EXPECT_INT(kpartx_num, 6, "mbr");
	/* An EBR whose first entry is empty: the kernel does not number
	 * it, kpartx does; PARTUUID ...-06 is the kernel's 6, which is
	 * kpartx's -part7 map. */
	mbr_entry(m->b + 1100 * 512, 0, 0, 0, 0);
	mbr_entry(m->b + 1100 * 512, 1, 0x05, 200, 60);
	mbr_entry(m->b + 1200 * 512, 0, 0x83, 10, 40);
	m->b[1200 * 512 + 510] = 0x55;
	m->b[1200 * 512 + 511] = 0xaa;
	EXPECT_INT(probe_partuuid(m, DISK, 512, "deadbeef-06", &pn), 0,
		   "mbr-empty-ebr-entry");
	EXPECT_INT(pn, 6, "mbr-empty-ebr-entry");
	EXPECT_INT(kpartx_num, 7, "mbr-empty-ebr-entry");
	EXPECT_INT(probe_partuuid(m, DISK, 512, "deadbeef-07", &pn), -ENOENT,
		   "mbr-empty-ebr-entry");
	UNIT_PASS("mbr-empty-ebr-entry");
	mbr_entry(m->b + 1100 * 512, 0, 0x83, 10, 50);
	mbr_entry(m->b + 1100 * 512, 1, 0, 0, 0);
	/* An EBR chain that loops on itself ends (bounded hops). */
	mbr_entry(m->b + 1100 * 512, 1, 0x05, 100, 60);
	m->reads = 0;
	EXPECT_INT(probe_partuuid(m, DISK, 512, "deadbeef-ff", &pn),
		   -ENOENT, "mbr");
	EXPECT(m->reads < 140, "mbr", "%u reads for a looping chain",
	       m->reads);
	/* A protective MBR (0xEE) is not a DOS label. */
	mbr_entry(s, 2, 0xee, 1, 100);
	EXPECT_INT(probe_partuuid(m, DISK, 512, "deadbeef-01", &pn),
		   -ENOENT, "mbr");
	UNIT_PASS("mbr");
}

static void t_uevent(void)
{
	static const char add[] =
		"add@/devices/pci0000:00/0000:00:04.0/virtio1/host2/"
		"target2:0:0/2:0:0:0/block/sdb\0ACTION=add\0DEVPATH=/x\0"
		"SUBSYSTEM=block\0MAJOR=8\0MINOR=16\0DEVNAME=sdb\0"
		"DEVTYPE=disk\0SEQNUM=1234";
	char buf[512];
	struct uevent u;

	memcpy(buf, add, sizeof(add) - 1);
	EXPECT_INT(uevent_parse(buf, sizeof(add) - 1, &u), 0, "uevent");
	EXPECT_STR(u.action, "add", "uevent");
	EXPECT_STR(u.devname, "sdb", "uevent");
	EXPECT_STR(u.subsystem, "block", "uevent");
	EXPECT_INT(uevent_is_new_sd_disk(&u), 1, "uevent");
	/* a partition, a removal, a dm disk: not new SCSI disks */
	memcpy(buf, "add@/x/sdb/sdb1\0SUBSYSTEM=block\0DEVNAME=sdb1\0"
		    "DEVTYPE=partition", 62);
	EXPECT_INT(uevent_parse(buf, 62, &u), 0, "uevent");
	EXPECT_STR(u.devtype, "partition", "uevent");
	EXPECT_INT(uevent_is_new_sd_disk(&u), 0, "uevent");
	memcpy(buf, "remove@/devices/x\0SUBSYSTEM=block\0DEVNAME=sdb\0"
		    "DEVTYPE=disk", 58);
	EXPECT_INT(uevent_parse(buf, 58, &u), 0, "uevent");
	EXPECT_INT(uevent_is_new_sd_disk(&u), 0, "uevent");
	memcpy(buf, "add@/devices/virtual/block/dm-0\0SUBSYSTEM=block\0"
		    "DEVNAME=dm-0\0DEVTYPE=disk", 73);
	EXPECT_INT(uevent_parse(buf, 73, &u), 0, "uevent");
	EXPECT_INT(uevent_is_new_sd_disk(&u), 0, "uevent");
	/* libudev messages and junk are rejected */
	memcpy(buf, "libudev\0\xfe\xed\xca\xfe", 12);
	EXPECT_INT(uevent_parse(buf, 12, &u), -EINVAL, "uevent");
	memcpy(buf, "add@", 4);
	EXPECT_INT(uevent_parse(buf, 4, &u), -EINVAL, "uevent");
	/* Missing terminator: the parser adds one, reads nothing beyond. */
	memcpy(buf, "add@/d\0DEVNAME=sdc", 18);
	buf[18] = 'Z';
	EXPECT_INT(uevent_parse(buf, 18, &u), 0, "uevent");
	EXPECT_STR(u.devname, "sdc", "uevent");
	UNIT_PASS("uevent");
}

int main(void)
{
	unit_suite = "mpinit";
	t_crc();
	t_uuid_str();
	t_ext();
	t_xfs_btrfs();
	t_gpt();
	t_gpt_hostile();
	t_mbr();
	t_uevent();
	return UNIT_DONE();
}
