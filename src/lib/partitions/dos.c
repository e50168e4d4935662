/* DOS/MBR partition table with extended partitions (EBR chain).
 *
 * Layout (sector 0, and every EBR): four 16-byte entries at 0x1BE
 *   +0 boot indicator (0x00 or 0x80)  +4 type  +8 first LBA (LE32)
 *   +12 number of sectors (LE32); bytes 510/511 = 0x55 0xAA.
 * LBAs count logical sectors, so on a 4 KiB-sector disk every value is
 * scaled by 8 to get 512-byte units.
 *
 * Numbering and mapping follow kpartx (dos.c of multipath-tools):
 * - primaries are 1..4 by slot; an empty slot (0 sectors) is skipped;
 * - an extended partition (types 0x05, 0x0F, 0x85) maps only 2 sectors
 *   (one sector if that is already 1 KiB or more) so a boot loader can be
 *   installed there;
 * - logicals are numbered from 5 in chain order; in each EBR only the
 *   first two entries count, every non-extended one takes a number even
 *   when empty, and the first extended one links to the next EBR,
 *   relative to the start of the outermost extended partition;
 * - a 0xEE entry means a GPT protective (or hybrid) MBR: not a DOS table.
 * Beyond kpartx (hostile input): the chain is bounded and loop-checked,
 * every EBR and logical must lie inside its extended partition, and every
 * boot indicator must be 0x00 or 0x80 (the kernel's test that keeps a FAT
 * boot sector from being read as a partition table).
 *
 * BSD, Solaris x86, UnixWare and Minix labels inside a primary of their type
 * (the kernel's msdos.c sub-partitions) are added after the logicals. */
#include <errno.h>

#include "pt.h"

#define MBR_TABLE 0x1be
#define EBR_MAX 256 /* EBRs visited per extended partition */

static const char L[] = "dos";

static int is_extended(unsigned int type)
{
	return type == 0x05 || type == 0x0f || type == 0x85;
}

static int minix_nested(const struct pt_dev *dev, struct pt_result *res,
			uint64_t base, uint64_t len, unsigned int *next);

static const struct {
	unsigned char type;
	int (*parse)(const struct pt_dev *, struct pt_result *, uint64_t,
		     uint64_t, unsigned int *);
} nested[] = {
	{ 0xa5, pt_freebsd_nested },  /* FreeBSD: offsets may be relative */
	{ 0xa6, pt_bsd_nested },      /* OpenBSD */
	{ 0xa9, pt_bsd_nested },      /* NetBSD */
	/* not BSDI (0xB7): the kernel does not look inside it, and a label
	 * read there would shift every later number off the kernel's */
	{ 0x82, pt_solaris_nested },  /* Solaris x86 (shared with Linux swap) */
	{ 0xbf, pt_solaris_nested },  /* Solaris 2 */
	{ 0x63, pt_unixware_nested }, /* UnixWare (SysV/386) */
	{ 0x81, minix_nested },       /* Minix */
};

static int has_signature(const unsigned char *b)
{
	return b[510] == 0x55 && b[511] == 0xaa;
}

/* Minix sub-partitions (the kernel's msdos.c, CONFIG_MINIX_SUBPARTITION,
 * on in distribution kernels; kpartx has none): the first sector of a
 * primary of type 0x81 may hold a second MBR whose first entry is of type
 * 0x81 too; then each of its four entries of type 0x81 is a slice (start
 * absolute, in logical sectors; an empty one still takes a number).  One
 * outside its DOS partition is dropped, its number used up. */
static int minix_nested(const struct pt_dev *dev, struct pt_result *res,
			uint64_t base, uint64_t len, unsigned int *next)
{
	unsigned char b[512];
	uint64_t mul = dev->ssz / 512;
	unsigned int i;
	int r = pt_read(dev, base * 512, sizeof(b), b);

	if (r)
		return r == -ENXIO ? 0 : r;
	if (!has_signature(b) || b[MBR_TABLE + 4] != 0x81)
		return 0;
	for (i = 0; i < 4; i++) {
		const unsigned char *p = b + MBR_TABLE + 16 * i;
		uint64_t st = le32(p + 8) * mul, sz = le32(p + 12) * mul;

		if (p[4] != 0x81)
			continue; /* pt_add refuses numbers past PT_MAX_NUM */
		if (sz && (st < base || st + sz > base + len))
			pt_warn(res, L, PT_W_OUTSIDE_PARENT, (*next)++, 0);
		else
			pt_add(dev, res, L, (*next)++, st, sz, PT_NESTED);
	}
	return 0;
}

/* The two slots of the EBR b read at sector here, in the extended
 * partition [xs, xend): a logical partition is added (numbered from
 * *next, the kernel's number from *knext), the first link to the next EBR
 * goes to *link.  1: numbers ran out (stop the walk), else 0. */
static int ebr_slots(const struct pt_dev *dev, struct pt_result *res,
		     const unsigned char *b, uint64_t here, uint64_t xs,
		     uint64_t xend, unsigned int *next, unsigned int *knext,
		     uint64_t *link)
{
	uint64_t mul = dev->ssz / 512;
	unsigned int e;

	for (e = 0; e < 2; e++) {
		const unsigned char *p = b + MBR_TABLE + 16 * e;
		uint64_t rs = le32(p + 8), n = le32(p + 12), s, end;
		unsigned int num;

		if (is_extended(p[4])) {
			if (rs && n && !*link)
				*link = xs + rs; /* cannot overflow: < 2^33 */
			continue;
		}
		/* the kernel numbers only entries that hold a
		 * partition; kpartx counts every non-link slot */
		if (n)
			(*knext)++;
		if (*next > PT_MAX_NUM) {
			pt_warn(res, L, PT_W_TOO_MANY, *next, 0);
			return 1;
		}
		num = (*next)++;
		if (!n)
			continue;
		s = here + rs; /* here < 2^33, rs < 2^32 */
		end = s + n;
		if (s < xs || end > xend) {
			pt_warn(res, L, PT_W_OUTSIDE_EXT, num, 0);
			continue;
		}
		if (pt_add(dev, res, L, num, s * mul, n * mul, PT_LOGICAL))
			pt_slice_of(res, num)->knum = *knext - 1;
	}
	return 0;
}

/* Walk the EBR chain of the extended partition [xs, xs + xn) (logical
 * sectors).  *next is the next logical number.  Returns 0, -errno for an
 * I/O error, or 1 when the partition-number space is exhausted. */
static int walk_ebrs(const struct pt_dev *dev, struct pt_result *res,
		     uint64_t xs, uint64_t xn, unsigned int *next,
		     unsigned int *knext)
{
	uint64_t visited[EBR_MAX];
	unsigned char b[512];
	uint64_t xend, here = xs;
	unsigned int nvisited = 0, i;
	int r;

	if (!add_ok(xs, xn, &xend))
		return 0;
	for (;;) {
		uint64_t link = 0, off;

		for (i = 0; i < nvisited; i++)
			if (visited[i] == here) {
				pt_warn(res, L, PT_W_EBR_LOOP, *next, 0);
				return 0;
			}
		if (nvisited == EBR_MAX) {
			pt_warn(res, L, PT_W_EBR_LIMIT, *next, 0);
			return 0;
		}
		visited[nvisited++] = here;
		if (here < xs || here >= xend || !mul_ok(here, dev->ssz, &off)) {
			pt_warn(res, L, PT_W_EBR_BAD, *next, 0);
			return 0;
		}
		r = pt_read(dev, off, sizeof(b), b);
		if (r == -ENXIO || (!r && !has_signature(b))) {
			pt_warn(res, L, PT_W_EBR_BAD, *next, 0);
			return 0;
		}
		if (r)
			return r;
		if (ebr_slots(dev, res, b, here, xs, xend, next, knext, &link))
			return 1;
		if (!link)
			return 0;
		here = link;
	}
}

/* A DOS MBR's four slots: boot flag 0x00 or 0x80 (another byte is a
 * boot sector, not a table), and no 0xee slot (a protective MBR: GPT's). */
static int slots_plain(const unsigned char *b)
{
	unsigned int i;

	for (i = 0; i < 4; i++) {
		const unsigned char *p = b + MBR_TABLE + 16 * i;

		if (p[0] != 0x00 && p[0] != 0x80)
			return 0;
		if (p[4] == 0xee)
			return 0;
	}
	return 1;
}

/* Primary slot i (1-based number i + 1) holds the extended partition
 * [s, s + n): its 1 KiB stub, then its logicals.  walk_ebrs's result. */
static int extended_slot(const struct pt_dev *dev, struct pt_result *res,
			 unsigned int i, uint64_t s, uint64_t n,
			 unsigned int *next, unsigned int *knext)
{
	uint64_t mul = dev->ssz / 512;

	/* 1 KiB for a boot loader: 2 sectors, or one big sector;
	 * never more than the extended partition (the kernel's
	 * min(size, max(sector, 2))). */
	if (!pt_add(dev, res, L, i + 1, s * mul,
		    mul == 1 && n == 1 ? 1 : mul == 1 ? 2 : mul,
		    PT_EXTENDED))
		return 0;
	pt_slice_of(res, i + 1)->knum = i + 1;
	return walk_ebrs(dev, res, s, n, next, knext);
}

int pt_dos(const struct pt_dev *dev, struct pt_result *res)
{
	unsigned char b[512];
	uint64_t mul = dev->ssz / 512;
	unsigned int i, j, next = 5, knext = 5;
	int r;

	r = pt_read(dev, 0, sizeof(b), b);
	if (r)
		return r;
	if (!has_signature(b))
		return 0;
	res->disk_sig = le32(b + 440); /* MBR: 440 disk signature */
	if (!slots_plain(b))
		return 0;
	for (i = 0; i < 4; i++) {
		const unsigned char *p = b + MBR_TABLE + 16 * i;
		uint64_t s = le32(p + 8), n = le32(p + 12);

		if (!n)
			continue;
		if (!is_extended(p[4])) {
			if (pt_add(dev, res, L, i + 1, s * mul, n * mul, 0))
				pt_slice_of(res, i + 1)->knum = i + 1;
			continue;
		}
		r = extended_slot(dev, res, i, s, n, &next, &knext);
		if (r < 0)
			return r;
		if (r > 0)
			break;
	}
	for (i = 0; i < 4; i++) {
		const unsigned char *p = b + MBR_TABLE + 16 * i;
		uint64_t s = le32(p + 8), n = le32(p + 12);

		if (!n)
			continue;
		for (j = 0; j < sizeof(nested) / sizeof(nested[0]); j++) {
			unsigned int first = next, k;

			if (nested[j].type != p[4])
				continue;
			r = nested[j].parse(dev, res, s * mul, n * mul, &next);
			if (r < 0)
				return r;
			/* Nested labels number as the kernel does, from
			 * where each numbering left the logicals. */
			for (k = first; k < next; k++) {
				struct pt_slice *sl = pt_slice_of(res, k);

				if (sl)
					sl->knum = knext + (k - first);
			}
			knext += next - first;
		}
	}
	return 1;
}
