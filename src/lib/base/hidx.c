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

int hidx_add(struct hidx *h, uint32_t hash, size_t i,
	     uint32_t (*rehash)(const void *arr, size_t i), const void *arr)
{
	uint32_t size = h->slot ? h->mask + 1 : 0, j, *t;

	if (2 * (h->n + 1) > size) {
		t = calloc(size ? 2 * size : 64, sizeof(*t));
		/* no bigger table: a fuller one still finds everything, as
		 * long as one slot stays empty to end a miss */
		if (!t && h->n + 2 > size)
			return -ENOMEM;
		if (t) {
			uint32_t *old = h->slot;

			h->slot = t;
			h->mask = (size ? 2 * size : 64) - 1;
			for (j = 0; j < size; j++)
				if (old[j])
					put(h, rehash(arr, old[j] - 1), old[j] - 1);
			free(old);
		}
	}
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
