/* The shared open-addressing index, see hidx.h: linear probing in a
 * power-of-two table kept at most half full, so a miss ends at an empty
 * slot within a few probes; each slot keeps its entry's hash, so growing
 * needs no callback and a probe compares keys only on equal hashes. */
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
	const struct hidx_slot *s;
	uint32_t k;

	for (k = hash; h->slot && (s = &h->slot[k & h->mask])->pos; k++)
		if (s->hash == hash && eq(arr, s->pos - 1, key))
			return (long)s->pos - 1;
	return -1;
}

/* place an entry (the table has room) */
static void put(struct hidx *h, uint32_t hash, uint32_t pos)
{
	uint32_t k = hash;

	while (h->slot[k & h->mask].pos)
		k++;
	h->slot[k & h->mask] = (struct hidx_slot){ pos, hash };
}

/* a table of size slots (a power of two), the entries re-placed */
static int resize(struct hidx *h, uint32_t size)
{
	struct hidx_slot *old = h->slot;
	uint32_t j, osize = old ? h->mask + 1 : 0;

	h->slot = calloc(size, sizeof(*h->slot));
	if (!h->slot) {
		h->slot = old;
		return -ENOMEM;
	}
	h->mask = size - 1;
	for (j = 0; j < osize; j++)
		if (old[j].pos)
			put(h, old[j].hash, old[j].pos);
	free(old);
	return 0;
}

int hidx_init(struct hidx *h, size_t n)
{
	uint32_t size = 64;

	while (size < 2 * n + 2)
		size *= 2;
	h->slot = NULL;
	h->n = 0;
	return resize(h, size);
}

int hidx_add(struct hidx *h, uint32_t hash, size_t i)
{
	if (2 * (h->n + 1) > (h->slot ? h->mask + 1 : 0) &&
	    resize(h, h->slot ? 2 * (h->mask + 1) : 64))
		return -ENOMEM;
	put(h, hash, (uint32_t)i + 1);
	h->n++;
	return 0;
}

void hidx_free(struct hidx *h)
{
	free(h->slot);
	h->slot = NULL;
	h->mask = h->n = 0;
}
