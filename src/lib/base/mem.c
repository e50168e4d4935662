/* Large arrays in their own mappings, see mem.h. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* mremap */
#endif
#include <sys/mman.h>

#include "mem.h"

void *mem_grow(void *p, size_t old, size_t new)
{
	void *q;

	if (!new)
		return NULL;
	/* fresh anonymous pages read as zero; mremap keeps the old ones */
	q = p ? mremap(p, old, new, MREMAP_MAYMOVE)
	      : mmap(NULL, new, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return q == MAP_FAILED ? NULL : q;
}

void mem_free(void *p, size_t size)
{
	if (p && size)
		munmap(p, size);
}
