/* Sun (SPARC) disk label, sector 0, big endian (the kernel's sun.c and
 * util-linux's sun.h describe the same 512 bytes):
 *   436 nhead (BE16)   438 nsect (BE16)
 *   444 8 x { start cylinder BE32, number of sectors BE32 }
 *   508 magic 0xDABE   510 checksum: XOR of all 256 BE16 words is 0.
 * Slice i is partition i + 1, starting at cylinder * nhead * nsect
 * (512-byte sectors).  A slice straddling another is dropped; slices
 * inside another (everything is inside 'c', the whole disk) are kept, as
 * kpartx does. */
#include "pt.h"

#define SUN_MAGIC 0xdabe

static const char L[] = "sun";

int pt_sun(const struct pt_dev *dev, struct pt_result *res)
{
	unsigned char b[512];
	uint64_t cyl;
	unsigned int i, csum = 0;
	int r;

	r = pt_read(dev, 0, sizeof(b), b);
	if (r)
		return r;
	if (be16(b + 508) != SUN_MAGIC)
		return 0;
	for (i = 0; i < 512; i += 2)
		csum ^= be16(b + i);
	if (csum) {
		pt_warn(res, L, PT_W_BAD_CSUM, 0, 0);
		return 0;
	}
	cyl = (uint64_t)be16(b + 436) * be16(b + 438);
	for (i = 0; i < 8; i++) {
		const unsigned char *p = b + 444 + 8 * i;

		/* < 2^32 * 2^32: fits in 64 bits. */
		pt_add(dev, res, L, i + 1, be32(p) * cyl, be32(p + 4), 0);
	}
	pt_drop_straddlers(res, L, 0);
	return 1;
}
