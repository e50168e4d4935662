/* One small open-addressing index for every lookup by key that runs per
 * path or per LU (issue 23: at 16 384 paths a linear search per path is
 * 268 M compares): by device number, WWID, map name or alias.  The
 * index holds no keys, only positions in the caller's array and their
 * hashes (8 bytes a slot, two slots an entry at most), so the array stays
 * the one copy of the data; the caller hashes its key and says how to
 * compare. */
#ifndef MPBOOT_HIDX_H
#define MPBOOT_HIDX_H

#include <stddef.h>
#include <stdint.h>

struct hidx {
	struct hidx_slot { uint32_t pos, hash; } *slot; /* pos 0: empty */
	uint32_t mask;  /* slots - 1; the table is a power of two */
	uint32_t n;     /* entries added */
};

/* Does entry i of the caller's array have this key? */
typedef int (*hidx_eq)(const void *arr, size_t i, const void *key);

/* Hashes of a string and of a number (a device number: MKDEV-packed). */
uint32_t hidx_str(const char *s);
uint32_t hidx_u32(uint32_t v);
/* The position of the entry equal to key, or -1 (also without a table). */
long hidx_find(const struct hidx *h, uint32_t hash, hidx_eq eq,
	       const void *arr, const void *key);
/* An empty index with room for n entries: hidx_add then cannot fail
 * for the first n.  0 or -ENOMEM. */
int hidx_init(struct hidx *h, size_t n);
/* Index position i under hash (the caller finds first if its keys must
 * stay unique).  The table doubles when half full.  0 or -ENOMEM
 * (nothing added; what was added is still found). */
int hidx_add(struct hidx *h, uint32_t hash, size_t i);
void hidx_free(struct hidx *h);

#endif
