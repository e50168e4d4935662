/* Solaris x86 VTOC (<sys/vtoc.h>, 32-bit little-endian layout as the
 * Linux kernel's msdos.c reads it), in the second 512-byte sector of the
 * disk or of a DOS partition of type 0x82/0xBF:
 *   12 v_sanity 0x600DDEEE   16 v_version (must be 1)   30 v_nparts
 *   72 v_slice[16], 12 bytes each: 0 tag  2 flag  4 start  8 size
 * Slice starts are relative to the DOS partition (0 when standalone).
 * Empty slices take no number (kpartx's numbering).  Only 8 slots are
 * read unless v_nparts says more (the kernel's rule).
 *
 * kpartx's own solaris.c declares these fields `unsigned long`, which
 * misplaces them on 64-bit hosts: Debian's kpartx finds no Solaris label
 * there.  This parser reads the real 32-bit layout. */
#include <errno.h>

#include "pt.h"

#define SOLARIS_SANE 0x600ddeeeu

static const char L[] = "solaris";

static int parse(const struct pt_dev *dev, struct pt_result *res,
		 uint64_t base, uint64_t len, unsigned int *next,
		 unsigned int flags)
{
	unsigned char b[512];
	unsigned int i, max;
	int r;

	r = pt_read(dev, (base + 1) * 512, sizeof(b), b);
	if (r)
		return r == -ENXIO ? 0 : r;
	if (le32(b + 12) != SOLARIS_SANE)
		return 0;
	if (le32(b + 16) != 1) {
		pt_warn(res, L, PT_W_BAD_VERSION, 0, 0);
		return 0;
	}
	max = le16(b + 30) > 8 ? 16 : 8;
	for (i = 0; i < max; i++) {
		const unsigned char *p = b + 72 + 12 * i;
		uint64_t s = le32(p + 4), sz = le32(p + 8);

		if (!sz)
			continue;
		if (*next > PT_MAX_NUM) {
			pt_warn(res, L, PT_W_TOO_MANY, *next, 0);
			break;
		}
		if (len && s + sz > len)
			pt_warn(res, L, PT_W_OUTSIDE_PARENT, (*next)++, 0);
		else
			pt_add(dev, res, L, (*next)++, base + s, sz, flags);
	}
	return 1;
}

int pt_solaris(const struct pt_dev *dev, struct pt_result *res)
{
	unsigned int next = 1;

	return parse(dev, res, 0, 0, &next, 0);
}

int pt_solaris_nested(const struct pt_dev *dev, struct pt_result *res,
		      uint64_t base, uint64_t len, unsigned int *next)
{
	int r = parse(dev, res, base, len, next, PT_NESTED);

	return r < 0 ? r : 0;
}
