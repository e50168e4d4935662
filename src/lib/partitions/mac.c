/* Apple Partition Map (Inside Macintosh: Devices, "SCSI Manager"), big
 * endian.  Block 0 is the Driver Descriptor: 0 sbSig "ER" (0x4552),
 * 2 sbBlkSize.  Blocks 1..pmMapBlkCnt of sbBlkSize bytes each hold one
 * entry: 0 pmSig "PM" (0x504D), 4 pmMapBlkCnt, 8 pmPyPartStart,
 * 12 pmPartBlkCnt.  Entry in block k is partition k; every entry is mapped,
 * including the map itself and free space, as kpartx and the kernel do.
 * The walk stops at the first block without "PM" or after PT_MAX_NUM. */
#include <errno.h>

#include "pt.h"

static const char L[] = "mac";

int pt_mac(const struct pt_dev *dev, struct pt_result *res)
{
	unsigned char b[16];
	unsigned int bs, blk, count;
	uint64_t mul;
	int r;

	r = pt_read(dev, 0, sizeof(b), b);
	if (r)
		return r;
	if (be16(b) != 0x4552)
		return 0;
	bs = be16(b + 2);
	/* Block sizes seen on real media: 512 (disks) to 2048 (CDs);
	 * anything not a power-of-two multiple of 512 is not a label. */
	if (bs < 512 || (bs & (bs - 1)))
		return 0;
	mul = bs / 512;
	r = pt_read(dev, bs, sizeof(b), b);
	if (r)
		return r == -ENXIO ? 0 : r;
	if (be16(b) != 0x504d)
		return 0;
	count = be32(b + 4);
	for (blk = 1; blk <= count; blk++) {
		if (blk > PT_MAX_NUM) {
			pt_warn(res, L, PT_W_TOO_MANY, blk, 0);
			break;
		}
		r = pt_read(dev, (uint64_t)blk * bs, sizeof(b), b);
		if (r == -ENXIO)
			break;
		if (r)
			return r;
		if (be16(b) != 0x504d)
			break;
		/* < 2^32 * 2^7: no overflow. */
		pt_add(dev, res, L, blk, be32(b + 8) * mul, be32(b + 12) * mul, 0);
	}
	return 1;
}
