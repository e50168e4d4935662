/* UnixWare (SCO SVR4/386) disklabel, 512-byte sector 29 of the disk or of
 * a DOS partition of type 0x63, little endian:
 *   4 d_magic 0xCA5E600D   156 vtoc v_magic 0x600DDEEE
 *   216 v_slice[16], 12 bytes each: 0 s_label  2 s_flags  4 start  8 size
 * Slice 0 is the whole disk and is skipped; a slice with s_label 0 is
 * unused and takes no number (kpartx's numbering).  Starts are absolute
 * 512-byte sectors (the kernel's reading); nested slices outside their
 * DOS partition are dropped. */
#include <errno.h>

#include "pt.h"

#define UW_MAGIC 0xca5e600du
#define UW_MAGIC2 0x600ddeeeu
#define UW_SECTOR 29

static const char L[] = "unixware";

static int parse(const struct pt_dev *dev, struct pt_result *res,
		 uint64_t base, uint64_t len, unsigned int *next,
		 unsigned int flags)
{
	unsigned char b[512];
	unsigned int i;
	int r;

	r = pt_read(dev, (base + UW_SECTOR) * 512, sizeof(b), b);
	if (r)
		return r == -ENXIO ? 0 : r;
	if (le32(b + 4) != UW_MAGIC || le32(b + 156) != UW_MAGIC2)
		return 0;
	for (i = 1; i < 16; i++) {
		const unsigned char *p = b + 216 + 12 * i;
		uint64_t s = le32(p + 4), sz = le32(p + 8);

		if (!le16(p))
			continue;
		if (*next > PT_MAX_NUM) {
			pt_warn(res, L, PT_W_TOO_MANY, *next, 0);
			break;
		}
		if (len && (s < base || s + sz > base + len))
			pt_warn(res, L, PT_W_OUTSIDE_PARENT, (*next)++, 0);
		else
			pt_add(dev, res, L, (*next)++, s, sz, flags);
	}
	return 1;
}

int pt_unixware(const struct pt_dev *dev, struct pt_result *res)
{
	unsigned int next = 1;

	return parse(dev, res, 0, 0, &next, 0);
}

int pt_unixware_nested(const struct pt_dev *dev, struct pt_result *res,
		       uint64_t base, uint64_t len, unsigned int *next)
{
	int r = parse(dev, res, base, len, next, PT_NESTED);

	return r < 0 ? r : 0;
}
