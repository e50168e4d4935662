/* mklabel: write hand-made partition labels into an image file, for the
 * golden and bad-image corpus (scripts/mkimg-corpus.sh) and the fuzz seeds.
 *
 *   mklabel KIND IMAGE [SECTORS]
 *
 * Creates (or overwrites the label area of) IMAGE; with SECTORS the file
 * is first truncated to that many 512-byte sectors.  Every layout is
 * written field by field from the specs cited in the parsers under src/lib/partitions;
 * nothing here is shared with the parsers, so a misreading in one does
 * not hide in the other.  The expected result of each KIND is in
 * tests/partitions/expect/<KIND>. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int fd;
static uint64_t nsect; /* image size in 512-byte sectors */

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static void put(uint64_t off, const void *b, size_t n)
{
	if (pwrite(fd, b, n, (off_t)off) != (ssize_t)n)
		die("pwrite");
}

static void get(uint64_t off, void *b, size_t n)
{
	if (pread(fd, b, n, (off_t)off) != (ssize_t)n)
		die("pread");
}

static void w16le(unsigned char *p, unsigned int v) { p[0] = v; p[1] = v >> 8; }
static void w32le(unsigned char *p, uint32_t v) { w16le(p, v & 0xffff); w16le(p + 2, v >> 16); }
static void w64le(unsigned char *p, uint64_t v) { w32le(p, (uint32_t)v); w32le(p + 4, (uint32_t)(v >> 32)); }
static void w16be(unsigned char *p, unsigned int v) { p[0] = v >> 8; p[1] = v; }
static void w32be(unsigned char *p, uint32_t v) { w16be(p, v >> 16); w16be(p + 2, v & 0xffff); }

static uint32_t crc32(const unsigned char *p, size_t n)
{
	uint32_t c = 0xffffffffu;
	int k;

	while (n--) {
		c ^= *p++;
		for (k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320u & -(c & 1));
	}
	return ~c;
}

/* ---- DOS ---- */

static void mbr_entry(unsigned char *sec, int i, int type, uint32_t start,
		      uint32_t size)
{
	unsigned char *p = sec + 0x1be + 16 * i;

	memset(p, 0, 16);
	p[4] = type;
	w32le(p + 8, start);
	w32le(p + 12, size);
	sec[510] = 0x55;
	sec[511] = 0xaa;
}

static void write_sector(uint64_t lba, unsigned int ssz, const unsigned char *b)
{
	put(lba * ssz, b, 512);
}

/* An MBR with the given primaries (type 0 = empty). */
static void mbr(const int *type, const uint32_t *start, const uint32_t *size,
		unsigned int ssz)
{
	unsigned char b[512] = { 0 };
	int i;

	for (i = 0; i < 4; i++)
		if (type[i])
			mbr_entry(b, i, type[i], start[i], size[i]);
	b[510] = 0x55;
	b[511] = 0xaa;
	write_sector(0, ssz, b);
}

/* EBR at ext+rel: logical at +data_off of size `size`; link to next EBR at
 * ext-relative `next` (0: last). */
static void ebr(uint32_t ext, uint32_t rel, uint32_t data_off, uint32_t size,
		uint32_t next, uint32_t next_size, unsigned int ssz)
{
	unsigned char b[512] = { 0 };

	if (size)
		mbr_entry(b, 0, 0x83, data_off, size);
	if (next)
		mbr_entry(b, 1, 0x05, next, next_size);
	b[510] = 0x55;
	b[511] = 0xaa;
	write_sector((uint64_t)ext + rel, ssz, b);
}

/* n logicals of `each` sectors, one EBR every `step` from ext start. */
static void ebr_chain(uint32_t ext, unsigned int n, uint32_t step, uint32_t each)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		ebr(ext, i * step, 2, each, i + 1 < n ? (i + 1) * step : 0,
		    step, 512);
}

/* ---- GPT ---- */

struct gpart { uint64_t first, last; };

static void gpt_write(unsigned int ssz, const struct gpart *p, unsigned int np,
		      unsigned int nent, int pmbr)
{
	uint64_t lastlba = nsect * 512 / ssz - 1;
	uint32_t ablocks = (nent * 128 + ssz - 1) / ssz;
	unsigned char *arr = calloc(ablocks, ssz), hdr[512];
	unsigned int i;
	int pass;

	if (!arr)
		die("calloc");
	for (i = 0; i < np; i++) {
		unsigned char *e = arr + 128 * i;

		if (!p[i].last)
			continue; /* unused slot */
		memset(e, 0x11, 16);          /* type GUID: non-zero */
		memset(e + 16, 0x20 + i, 16); /* unique GUID */
		w64le(e + 32, p[i].first);
		w64le(e + 40, p[i].last);
	}
	for (pass = 0; pass < 2; pass++) {
		uint64_t my = pass ? lastlba : 1;
		uint64_t alt = pass ? 1 : lastlba;
		uint64_t elba = pass ? lastlba - ablocks : 2;

		memset(hdr, 0, sizeof(hdr));
		memcpy(hdr, "EFI PART", 8);
		w32le(hdr + 8, 0x00010000);
		w32le(hdr + 12, 92);
		w64le(hdr + 24, my);
		w64le(hdr + 32, alt);
		w64le(hdr + 40, 2 + ablocks);
		w64le(hdr + 48, lastlba - 1 - ablocks);
		memset(hdr + 56, 0x42, 16);
		w64le(hdr + 72, elba);
		w32le(hdr + 80, nent);
		w32le(hdr + 84, 128);
		w32le(hdr + 88, crc32(arr, (size_t)nent * 128));
		w32le(hdr + 16, crc32(hdr, 92));
		put(my * ssz, hdr, 512);
		put(elba * ssz, arr, (size_t)ablocks * ssz);
	}
	free(arr);
	if (pmbr) {
		unsigned char b[512] = { 0 };
		uint64_t n = nsect * 512 / ssz - 1;

		mbr_entry(b, 0, 0xee, 1, n > 0xffffffffu ? 0xffffffffu : (uint32_t)n);
		put(0, b, 512);
	}
}

/* Recompute the header CRC of the GPT header at lba after a patch. */
static void gpt_fix_hcrc(uint64_t lba, unsigned int ssz)
{
	unsigned char h[512];

	get(lba * ssz, h, 512);
	memset(h + 16, 0, 4);
	w32le(h + 16, crc32(h, 92));
	put(lba * ssz, h, 512);
}

/* ---- BSD ---- */

struct bpart { uint32_t offset, size; int fstype; };

static void bsd_label(uint64_t sector, const struct bpart *p, int n)
{
	unsigned char b[512] = { 0 };
	int i;

	w32le(b, 0x82564557u);
	w32le(b + 40, 512);
	w32le(b + 132, 0x82564557u);
	w16le(b + 138, n);
	for (i = 0; i < n; i++) {
		unsigned char *e = b + 148 + 16 * i;

		w32le(e, p[i].size);
		w32le(e + 4, p[i].offset);
		e[12] = p[i].fstype;
	}
	put(sector * 512, b, 512);
}

/* ---- Sun ---- */

static void sun_label(unsigned int nhead, unsigned int ns, const uint32_t *cyl,
		      const uint32_t *size, int bad_csum)
{
	unsigned char b[512] = { 0 };
	unsigned int i, x = 0;

	memcpy(b, "mpboot test sun label", 21);
	w16be(b + 436, nhead);
	w16be(b + 438, ns);
	for (i = 0; i < 8; i++) {
		w32be(b + 444 + 8 * i, cyl[i]);
		w32be(b + 448 + 8 * i, size[i]);
	}
	w16be(b + 508, 0xdabe);
	for (i = 0; i < 510; i += 2)
		x ^= (unsigned int)(b[i] << 8 | b[i + 1]);
	w16be(b + 510, x ^ (bad_csum ? 1 : 0));
	put(0, b, 512);
}

/* ---- Solaris x86 ---- */

static void solaris_vtoc(uint64_t base, const uint32_t *start,
			 const uint32_t *size, int n, int version)
{
	unsigned char b[512] = { 0 };
	int i;

	w32le(b + 12, 0x600ddeeeu);
	w32le(b + 16, version);
	w16le(b + 28, 512);
	w16le(b + 30, n);
	for (i = 0; i < n; i++) {
		unsigned char *s = b + 72 + 12 * i;

		w16le(s, size[i] ? 2 : 0);
		w32le(s + 4, start[i]);
		w32le(s + 8, size[i]);
	}
	put((base + 1) * 512, b, 512);
}

/* ---- UnixWare ---- */

static void unixware_label(uint64_t base, const uint32_t *start,
			   const uint32_t *size, const int *tag, int n)
{
	unsigned char b[512] = { 0 };
	int i;

	w32le(b + 4, 0xca5e600du);
	w32le(b + 8, 1);
	w32le(b + 156, 0x600ddeeeu);
	w32le(b + 160, 1);
	w16le(b + 172, 16);
	/* slice 0: the whole disk, always skipped */
	w16le(b + 216, 5);
	w32le(b + 216 + 8, (uint32_t)nsect);
	for (i = 0; i < n; i++) {
		unsigned char *s = b + 216 + 12 * (i + 1);

		w16le(s, tag[i]);
		w32le(s + 4, start[i]);
		w32le(s + 8, size[i]);
	}
	put((base + 29) * 512, b, 512);
}

/* ---- Mac ---- */

static void mac_map(unsigned int bs, const uint32_t *start,
		    const uint32_t *count, const char *const *type, int n)
{
	unsigned char b[4096] = { 0 };
	int i;

	w16be(b, 0x4552);
	w16be(b + 2, bs);
	w32be(b + 4, (uint32_t)(nsect * 512 / bs));
	put(0, b, bs);
	for (i = 0; i < n; i++) {
		memset(b, 0, sizeof(b));
		w16be(b, 0x504d);
		w32be(b + 4, n);
		w32be(b + 8, start[i]);
		w32be(b + 12, count[i]);
		snprintf((char *)b + 16, 32, "part%d", i + 1);
		snprintf((char *)b + 48, 32, "%s", type[i]);
		put((uint64_t)(i + 1) * bs, b, bs);
	}
}

static int kind(const char *k)
{
	if (!strcmp(k, "bsd")) {
		/* a, b, c (whole disk), an unused slot, e */
		struct bpart p[] = { { 64, 2048, 7 }, { 2112, 1024, 1 },
				     { 0, (uint32_t)nsect, 7 }, { 0, 0, 0 },
				     { 4096, 512, 7 } };
		bsd_label(1, p, 5);
	} else if (!strcmp(k, "bsd-in-dos")) {
		/* DOS p1 Linux, p2 FreeBSD slice [4096, +8192) holding a
		 * BSD label: a, b, c (= the slice: skipped), d outside
		 * (dropped), e. */
		int t[4] = { 0x83, 0xa5, 0, 0 };
		uint32_t s[4] = { 2048, 4096, 0, 0 }, n[4] = { 2048, 8192, 0, 0 };
		struct bpart p[] = { { 4096 + 16, 2048, 7 }, { 6160, 1024, 1 },
				     { 4096, 8192, 7 }, { 12000, 1000, 7 },
				     { 8192, 4096, 7 } };

		mbr(t, s, n, 512);
		bsd_label(4096 + 1, p, 5);
	} else if (!strcmp(k, "bsd-in-dos-rel")) {
		/* FreeBSD >= 10: the same slice [4096, +8192), but the label
		 * counts from the slice's start ('c' at 0): a at 16, b, c,
		 * d of size 0 (takes a number, no partition), e outside (no
		 * number), an unused slot, g. */
		int t[4] = { 0x83, 0xa5, 0, 0 };
		uint32_t s[4] = { 2048, 4096, 0, 0 }, n[4] = { 2048, 8192, 0, 0 };
		struct bpart p[] = { { 16, 2048, 7 }, { 2064, 1024, 1 },
				     { 0, 8192, 7 }, { 3500, 0, 7 },
				     { 7900, 1000, 7 }, { 0, 0, 0 },
				     { 4096, 4096, 7 } };

		mbr(t, s, n, 512);
		bsd_label(4096 + 1, p, 7);
	} else if (!strcmp(k, "openbsd-in-dos")) {
		/* OpenBSD slice (0xA6) [4096, +8192): absolute offsets, and
		 * 'c' is the whole disk at 0, which is not the DOS
		 * partition: outside, no number; no relative offsets even
		 * though 'c' starts at 0 (only FreeBSD labels have them). */
		int t[4] = { 0x83, 0xa6, 0, 0 };
		uint32_t s[4] = { 2048, 4096, 0, 0 }, n[4] = { 2048, 8192, 0, 0 };
		struct bpart p[] = { { 4096 + 16, 2048, 7 }, { 6160, 1024, 1 },
				     { 0, (uint32_t)nsect, 7 }, { 8192, 4096, 7 } };

		mbr(t, s, n, 512);
		bsd_label(4096 + 1, p, 4);
	} else if (!strcmp(k, "sun")) {
		/* 16 heads x 32 sectors = 512-sector cylinders:
		 * a = cyl 1 +1024, c = whole, e = cyl 4 +2048, h = cyl 10 +512 */
		uint32_t cyl[8] = { 1, 0, 0, 0, 4, 0, 0, 10 };
		uint32_t sz[8] = { 1024, 0, (uint32_t)nsect, 0, 2048, 0, 0, 512 };

		sun_label(16, 32, cyl, sz, 0);
	} else if (!strcmp(k, "bad-sun-csum")) {
		uint32_t cyl[8] = { 1 }, sz[8] = { 1024 };

		sun_label(16, 32, cyl, sz, 1);
	} else if (!strcmp(k, "bad-sun-straddle")) {
		/* a [512,+2048) straddles b [1024,+4096): a dropped */
		uint32_t cyl[8] = { 1, 2 }, sz[8] = { 2048, 4096 };

		sun_label(16, 32, cyl, sz, 0);
	} else if (!strcmp(k, "solaris")) {
		uint32_t s[9] = { 0, 256, 0, 1024, 0, 0, 0, 0, 4096 };
		uint32_t n[9] = { 0, 512, 0, 2048, 0, 0, 0, 0, 1024 };

		solaris_vtoc(0, s, n, 9, 1);
	} else if (!strcmp(k, "solaris-in-dos")) {
		/* DOS p1 type 0xBF [2048,+8192); vtoc slices relative to it;
		 * the third one runs past the DOS partition: dropped. */
		int t[4] = { 0xbf, 0, 0, 0 };
		uint32_t s[4] = { 2048 }, n[4] = { 8192 };
		uint32_t vs[3] = { 16, 1024, 8000 }, vn[3] = { 512, 2048, 1000 };

		mbr(t, s, n, 512);
		solaris_vtoc(2048, vs, vn, 3, 1);
	} else if (!strcmp(k, "unixware")) {
		uint32_t s[4] = { 64, 0, 2048, 4096 }, n[4] = { 1024, 0, 2048, 512 };
		int tag[4] = { 2, 0, 3, 4 };

		unixware_label(0, s, n, tag, 4);
	} else if (!strcmp(k, "unixware-in-dos")) {
		/* DOS p1 type 0x63 [2048,+8192); absolute slices, the third
		 * past the DOS partition (dropped). */
		int t[4] = { 0x63 };
		uint32_t s[4] = { 2048 }, n[4] = { 8192 };
		uint32_t us[3] = { 2100, 4000, 9000 }, un[3] = { 1000, 2000, 2000 };
		int tag[3] = { 2, 3, 4 };

		mbr(t, s, n, 512);
		unixware_label(2048, us, un, tag, 3);
	} else if (!strcmp(k, "minix-in-dos")) {
		/* DOS p1 type 0x81 [2048,+8192) whose first sector is a second
		 * MBR (the kernel's Minix sub-partitions): absolute starts;
		 * a 0x83 entry takes no number, the last 0x81 runs past the
		 * DOS partition (dropped, number used). */
		int t[4] = { 0x81 };
		uint32_t s[4] = { 2048 }, n[4] = { 8192 };
		unsigned char b[512] = { 0 };

		mbr(t, s, n, 512);
		mbr_entry(b, 0, 0x81, 2100, 1000);
		mbr_entry(b, 1, 0x83, 3200, 100);
		mbr_entry(b, 2, 0x81, 4000, 2000);
		mbr_entry(b, 3, 0x81, 9000, 2000);
		write_sector(2048, 512, b);
	} else if (!strcmp(k, "mac")) {
		uint32_t s[3] = { 1, 64, 2112 }, n[3] = { 63, 2048, (uint32_t)nsect - 2112 };
		const char *const ty[3] = { "Apple_partition_map", "Apple_HFS", "Apple_Free" };

		mac_map(512, s, n, ty, 3);
	} else if (!strcmp(k, "mac-2k")) {
		/* 2048-byte blocks, as on CDs */
		uint32_t s[2] = { 1, 16 }, n[2] = { 15, 512 };
		const char *const ty[2] = { "Apple_partition_map", "Apple_HFS" };

		mac_map(2048, s, n, ty, 2);
	} else if (!strcmp(k, "dos-tiny")) {
		/* 1 primary, extended with 2 logicals, in 128 sectors */
		int t[4] = { 0x83, 0x05, 0, 0 };
		uint32_t s[4] = { 4, 40 }, n[4] = { 32, 80 };

		mbr(t, s, n, 512);
		ebr(40, 0, 2, 30, 40, 40, 512);
		ebr(40, 40, 2, 30, 0, 0, 512);
	} else if (!strcmp(k, "gpt-tiny")) {
		struct gpart p[3] = { { 10, 19 }, { 0, 0 }, { 20, 29 } };

		gpt_write(512, p, 3, 4, 1);
	} else if (!strcmp(k, "gpt-tiny-4k")) {
		struct gpart p[2] = { { 5, 6 }, { 7, 9 } };

		gpt_write(4096, p, 2, 32, 1);
	} else if (!strcmp(k, "bad-gpt-no-pmbr")) {
		struct gpart p[2] = { { 34, 1000 }, { 1001, 2000 } };

		gpt_write(512, p, 2, 128, 0);
	} else if (!strcmp(k, "bad-gpt-crc")) {
		/* primary entry array damaged: CRC mismatch, backup good */
		struct gpart p[2] = { { 34, 1000 }, { 1001, 2000 } };
		unsigned char x = 0x5a;

		gpt_write(512, p, 2, 128, 1);
		put(2 * 512 + 100, &x, 1);
	} else if (!strcmp(k, "bad-gpt-hdr-crc")) {
		/* primary header CRC wrong, backup good */
		struct gpart p[1] = { { 34, 1000 } };
		unsigned char x = 0x5a;

		gpt_write(512, p, 1, 128, 1);
		put(512 + 16, &x, 1);
	} else if (!strcmp(k, "bad-gpt-both")) {
		/* primary and backup entry arrays damaged: no GPT; the
		 * protective MBR is not a DOS table: nothing at all */
		struct gpart p[1] = { { 34, 1000 } };
		unsigned char x = 0x5a;

		gpt_write(512, p, 1, 128, 1);
		put(2 * 512 + 100, &x, 1);
		put((nsect - 33) * 512 + 100, &x, 1);
	} else if (!strcmp(k, "bad-gpt-huge-entries")) {
		/* primary claims 65536 entries (an 8 MiB array) with a valid
		 * header CRC: over the 1 MiB bound, primary invalid, backup */
		struct gpart p[2] = { { 34, 1000 }, { 1001, 2000 } };
		unsigned char h[4];

		gpt_write(512, p, 2, 128, 1);
		w32le(h, 65536);
		put(512 + 80, h, 4);
		gpt_fix_hcrc(1, 512);
	} else if (!strcmp(k, "bad-gpt-entries-past-end")) {
		/* primary's entry array moved to 10 LBAs before the end: it
		 * runs off the disk (header CRC valid): backup used */
		struct gpart p[1] = { { 34, 1000 } };
		unsigned char h[8];

		gpt_write(512, p, 1, 128, 1);
		w64le(h, nsect - 10);
		put(512 + 72, h, 8);
		gpt_fix_hcrc(1, 512);
	} else if (!strcmp(k, "bad-gpt-past-end")) {
		/* entry 2 ends past the last LBA, entry 3 has last < first */
		uint64_t last = nsect - 1;
		struct gpart p[3] = { { 34, 1000 }, { 1001, last + 10 }, { 500, 400 } };

		gpt_write(512, p, 3, 128, 1);
	} else if (!strcmp(k, "bad-dos-past-end")) {
		int t[4] = { 0x83, 0x83, 0x83, 0 };
		uint32_t s[4] = { 2048, 4096, (uint32_t)nsect - 100 };
		uint32_t n[4] = { 2048, (uint32_t)nsect, 200 };

		mbr(t, s, n, 512);
	} else if (!strcmp(k, "bad-dos-overlap")) {
		int t[4] = { 0x83, 0x83, 0, 0 };
		uint32_t s[4] = { 2048, 3072 }, n[4] = { 2048, 2048 };

		mbr(t, s, n, 512);
	} else if (!strcmp(k, "bad-dos-boot-flag")) {
		/* boot indicator 0x12: not a partition table (FAT-like) */
		int t[4] = { 0x83 };
		uint32_t s[4] = { 2048 }, n[4] = { 2048 };
		unsigned char x = 0x12;

		mbr(t, s, n, 512);
		put(0x1be, &x, 1);
	} else if (!strcmp(k, "bad-ebr-loop")) {
		/* EBR chain E1 -> E2 -> E3 -> E2 -> ... */
		int t[4] = { 0x83, 0x05 };
		uint32_t s[4] = { 2048, 4096 }, n[4] = { 2048, 12288 };

		mbr(t, s, n, 512);
		ebr(4096, 0, 2, 500, 1000, 1000, 512);
		ebr(4096, 1000, 2, 500, 2000, 1000, 512);
		ebr(4096, 2000, 2, 500, 1000, 1000, 512);
	} else if (!strcmp(k, "bad-ebr-self")) {
		/* EBR linking to itself: relative start 0 is no link */
		int t[4] = { 0x05 };
		uint32_t s[4] = { 2048 }, n[4] = { 4096 };

		mbr(t, s, n, 512);
		ebr(2048, 0, 2, 500, 0, 0, 512);
		{
			unsigned char b[512];

			get(2048 * 512, b, 512);
			b[0x1be + 16 + 4] = 0x05;
			w32le(b + 0x1be + 16 + 8, 0);
			w32le(b + 0x1be + 16 + 12, 100);
			put(2048 * 512, b, 512);
		}
	} else if (!strcmp(k, "bad-logical-outside")) {
		/* second logical runs past the extended partition; third EBR
		 * lies outside it */
		int t[4] = { 0x05 };
		uint32_t s[4] = { 2048 }, n[4] = { 4096 };

		mbr(t, s, n, 512);
		ebr(2048, 0, 2, 500, 1000, 1000, 512);
		ebr(2048, 1000, 2, 5000, 5000, 1000, 512);
	} else if (!strcmp(k, "bad-dos-130-logicals")) {
		int t[4] = { 0x05 };
		uint32_t s[4] = { 64 }, n[4] = { 130 * 32 };

		mbr(t, s, n, 512);
		ebr_chain(64, 130, 32, 30);
	} else if (!strcmp(k, "bad-dos-300-logicals")) {
		int t[4] = { 0x05 };
		uint32_t s[4] = { 64 }, n[4] = { 300 * 16 };

		mbr(t, s, n, 512);
		ebr_chain(64, 300, 16, 14);
	} else if (!strcmp(k, "bad-dos-4k-logicals")) {
		/* 4 KiB sectors: every LBA counts 8 DM sectors; extended
		 * partition maps one 4 KiB sector */
		unsigned char b[512] = { 0 };
		int t[4] = { 0x83, 0x05 };
		uint32_t s[4] = { 256, 512 }, n[4] = { 256, 1024 };

		mbr(t, s, n, 4096);
		mbr_entry(b, 0, 0x83, 1, 100);
		mbr_entry(b, 1, 0x05, 200, 200);
		put(512ull * 4096, b, 512);
		memset(b, 0, sizeof(b));
		mbr_entry(b, 0, 0x83, 1, 150);
		put(712ull * 4096, b, 512);
	} else {
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: mklabel KIND IMAGE [SECTORS]\n");
		return 2;
	}
	fd = open(argv[2], O_RDWR | O_CREAT, 0644);
	if (fd < 0)
		die(argv[2]);
	if (argc == 4 && ftruncate(fd, (off_t)strtoull(argv[3], NULL, 0) * 512))
		die("ftruncate");
	nsect = (uint64_t)lseek(fd, 0, SEEK_END) / 512;
	if (nsect < 64) {
		fprintf(stderr, "mklabel: %s: image too small\n", argv[2]);
		return 1;
	}
	if (kind(argv[1])) {
		fprintf(stderr, "mklabel: unknown kind %s\n", argv[1]);
		return 2;
	}
	if (close(fd))
		die("close");
	return 0;
}
