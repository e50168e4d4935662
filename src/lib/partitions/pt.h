/* Internals shared by the label parsers: byte accessors, bounded reads,
 * checked slice insertion.  Not for tools. */
#ifndef MPBOOT_PT_H
#define MPBOOT_PT_H

#include <stddef.h>
#include <stdint.h>

#include "partitions.h"

/* A parser: > 0 label recognised, 0 not this label, -errno I/O error. */
struct pt_label {
	const char *name;
	int (*probe)(const struct pt_dev *dev, struct pt_result *res);
};

int pt_gpt(const struct pt_dev *dev, struct pt_result *res);
int pt_dos(const struct pt_dev *dev, struct pt_result *res);
int pt_bsd(const struct pt_dev *dev, struct pt_result *res);
int pt_solaris(const struct pt_dev *dev, struct pt_result *res);
int pt_unixware(const struct pt_dev *dev, struct pt_result *res);
int pt_mac(const struct pt_dev *dev, struct pt_result *res);
int pt_sun(const struct pt_dev *dev, struct pt_result *res);

/* Labels that also live inside a DOS primary partition (the Linux kernel's
 * msdos.c sub-partition types).  base/len: the DOS partition in 512-byte
 * sectors; *next: the next free partition number, advanced per slice. */
int pt_bsd_nested(const struct pt_dev *dev, struct pt_result *res,
		  uint64_t base, uint64_t len, unsigned int *next);
int pt_freebsd_nested(const struct pt_dev *dev, struct pt_result *res,
		      uint64_t base, uint64_t len, unsigned int *next);
int pt_solaris_nested(const struct pt_dev *dev, struct pt_result *res,
		      uint64_t base, uint64_t len, unsigned int *next);
int pt_unixware_nested(const struct pt_dev *dev, struct pt_result *res,
		       uint64_t base, uint64_t len, unsigned int *next);

static inline uint16_t le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static inline uint64_t le64(const unsigned char *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

static inline uint16_t be16(const unsigned char *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/* a * b and a + b, false on 64-bit overflow. */
static inline int mul_ok(uint64_t a, uint64_t b, uint64_t *r)
{
	return !__builtin_mul_overflow(a, b, r);
}

static inline int add_ok(uint64_t a, uint64_t b, uint64_t *r)
{
	return !__builtin_add_overflow(a, b, r);
}

/* CRC-32 as UEFI uses it (IEEE 802.3, reflected), in gpt.c. */
uint32_t pt_crc32(const void *p, size_t n);

/* Read len bytes at off: -ENXIO past the end of the device (never asks
 * the reader), else the reader's result. */
int pt_read(const struct pt_dev *dev, uint64_t off, size_t len, void *buf);

void pt_warn(struct pt_result *res, const char *label, unsigned int code,
	     unsigned int num, unsigned int num2);

/* Add slice num (512-byte sectors).  A zero size is an empty slot and is
 * silently skipped; a slice past the device end or overflowing is dropped
 * with a warning.  Returns 1 if added, 0 if not. */
/* The slice numbered num, or NULL. */
struct pt_slice *pt_slice_of(struct pt_result *res, unsigned int num);

int pt_add(const struct pt_dev *dev, struct pt_result *res, const char *label,
	   unsigned int num, uint64_t start, uint64_t size, unsigned int flags);

/* Drop (with a warning) every slice from index `from` that starts before
 * another one and ends inside it (kpartx's BSD/Sun rule: a slice either
 * contains another or is disjoint from it). */
void pt_drop_straddlers(struct pt_result *res, const char *label,
			unsigned int from);

#endif
