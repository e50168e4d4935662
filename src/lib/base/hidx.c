/* The shared open-addressing index, see hidx.h: linear probing in a
 * power-of-two table kept at most half full, so a miss ends at an empty
 * slot within a few probes. */
#include <errno.h>
#include <stdlib.h>

#include "hidx.h"

uint32_t hidx_str(const char *s)
{
	uint32_t h = 2166136261u; /* FNV-1a */

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

uint32_t hidx_u32(uint32_t v)
{
	/* a multiplicative mix: majors and minors differ in few low bits */
	v ^= v >> 16;
	v *= 0x45d9f3bu;
	return v ^ (v >> 16);
}

long hidx_find(const struct hidx *h, uint32_t hash, hidx_eq eq,
	       const void *arr, const void *key)
{
	uint32_t k, s;

	if (!h->slot)
		return -1;
	for (k = hash & h->mask; (s = h->slot[k]); k = (k + 1) & h->mask)
		if (eq(arr, s - 1, key))
			return (long)s - 1;
	return -1;
}

/* place position i (the table has room) */
static void put(struct hidx *h, uint32_t hash, size_t i)
{
	uint32_t k = hash & h->mask;

	while (h->slot[k])
		k = (k + 1) & h->mask;
	h->slot[k] = (uint32_t)i + 1;
}

/* A table of size slots (a power of two), the entries re-placed. */
static int resize(struct hidx *h, uint32_t size,
		  uint32_t (*rehash)(const void *arr, size_t i), const void *arr)
{
	uint32_t j, *old = h->slot, osize = old ? h->mask + 1 : 0;

	h->slot = calloc(size, sizeof(*h->slot));
	if (!h->slot) {
		h->slot = old;
		return -ENOMEM;
	}
	h->mask = size - 1;
	for (j = 0; j < osize; j++)
		if (old[j])
			put(h, rehash(arr, old[j] - 1), old[j] - 1);
	free(old);
	return 0;
}

int hidx_init(struct hidx *h, size_t n)
{
	uint32_t size = 64;

	while (size < 2 * n + 2)
		size *= 2;
	h->n = 0;
	h->slot = NULL;
	return resize(h, size, NULL, NULL);
}

int hidx_add(struct hidx *h, uint32_t hash, size_t i,
	     uint32_t (*rehash)(const void *arr, size_t i), const void *arr)
{
	uint32_t size = h->slot ? h->mask + 1 : 0;

	/* no bigger table: a fuller one still finds everything, as long
	 * as one slot stays empty to end a miss */
	if (2 * (h->n + 1) > size &&
	    resize(h, size ? 2 * size : 64, rehash, arr) && h->n + 2 > size)
		return -ENOMEM;
	put(h, hash, i);
	h->n++;
	return 0;
}

void hidx_free(struct hidx *h)
{
	free(h->slot);
	h->slot = NULL;
	h->mask = h->n = 0;
}
