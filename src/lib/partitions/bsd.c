/* BSD disklabel (4.4BSD <sys/disklabel.h>, i386 byte order: little
 * endian), in the second 512-byte sector of the disk or of a DOS
 * partition of type 0xA5/0xA6/0xA9/0xB7.
 *   0 d_magic 0x82564557   132 d_magic2   138 d_npartitions (LE16)
 *   148 d_partitions[], 16 bytes each: 0 p_size  4 p_offset  12 p_fstype
 * Offsets are absolute 512-byte sectors (but see nested() for FreeBSD
 * inside a DOS partition).  A slot with p_fstype 0 (unused) takes no
 * number: slices are numbered consecutively, as kpartx does; at most 16
 * slots are read.  Standalone, a slice straddling another is dropped
 * (kpartx); nested, the kernel's rules apply (nested()). */
#include <errno.h>

#include "pt.h"

#define BSD_MAGIC 0x82564557u
#define BSD_MAXPART 16

static const char L[] = "bsd";

/* Read the label at sector `at`: number of slots, 0 if none, -errno. */
static int read_label(const struct pt_dev *dev, uint64_t at,
		      unsigned char *b)
{
	unsigned int n;
	int r;

	r = pt_read(dev, at * 512, 512, b);
	if (r)
		return r == -ENXIO ? 0 : r;
	if (le32(b) != BSD_MAGIC)
		return 0;
	n = le16(b + 138);
	return n > BSD_MAXPART ? BSD_MAXPART : (int)n;
}

int pt_bsd(const struct pt_dev *dev, struct pt_result *res)
{
	unsigned char b[512];
	unsigned int i, num = 1;
	int n = read_label(dev, 1, b);

	if (n <= 0)
		return n;
	for (i = 0; i < (unsigned int)n; i++) {
		const unsigned char *p = b + 148 + 16 * i;

		if (!p[12])
			continue;
		pt_add(dev, res, L, num++, le32(p + 4), le32(p), 0);
	}
	pt_drop_straddlers(res, L, 0);
	return 1;
}

/* Inside a DOS partition [base, base+len) the kernel's rules
 * (block/partitions/msdos.c parse_bsd) decide the numbers, so that
 * <map>-partN is the kernel's sdXN:
 * - FreeBSD (0xA5) labels whose slot 2 ('c') has offset 0 count offsets
 *   from the DOS partition's start (what FreeBSD >= 10 writes): the
 *   kernel adds base to every slice; NetBSD/OpenBSD offsets are absolute;
 * - unused slots, the slice equal to the whole DOS partition and slices
 *   not inside it take no number (the last with a warning naming the
 *   slot letter in num2, num 0);
 * - a slice of size 0 inside it takes a number and makes no partition. */
static int nested(const struct pt_dev *dev, struct pt_result *res,
		  uint64_t base, uint64_t len, unsigned int *next, int freebsd)
{
	unsigned char b[512];
	unsigned int i;
	uint64_t add;
	int n = read_label(dev, base + 1, b);

	if (n <= 0)
		return n;
	add = freebsd && le32(b + 148 + 16 * 2 + 4) == 0 ? base : 0;
	for (i = 0; i < (unsigned int)n; i++) {
		const unsigned char *p = b + 148 + 16 * i;
		uint64_t s = le32(p + 4) + add, sz = le32(p); /* < 2^34 */

		if (!p[12] || (s == base && sz == len))
			continue;
		if (s < base || s + sz > base + len) {
			pt_warn(res, L, PT_W_OUTSIDE_PARENT, 0, i + 1);
			continue;
		}
		if (*next > PT_MAX_NUM) {
			pt_warn(res, L, PT_W_TOO_MANY, *next, 0);
			break;
		}
		pt_add(dev, res, L, (*next)++, s, sz, PT_NESTED);
	}
	return 0;
}

int pt_bsd_nested(const struct pt_dev *dev, struct pt_result *res,
		  uint64_t base, uint64_t len, unsigned int *next)
{
	return nested(dev, res, base, len, next, 0);
}

int pt_freebsd_nested(const struct pt_dev *dev, struct pt_result *res,
		      uint64_t base, uint64_t len, unsigned int *next)
{
	return nested(dev, res, base, len, next, 1);
}
