/* Large arrays in their own mappings. */
#ifndef MPBOOT_MEM_H
#define MPBOOT_MEM_H

#include <stddef.h>

/* The scan's path array and multipathd's per-path records are rebuilt on
 * every rescan, hundreds of kB at 2048 paths; from klibc's heap, the
 * rebuilt arrays land beside the old ones' holes and the daemon's peak
 * grew with each rescan (1020 -> 1088 kB over six).  A mapping of their
 * own goes back to the kernel whole when freed.  mem_grow: p (old bytes)
 * to new bytes, zero-filled past old, NULL on failure (p is then kept);
 * p NULL and old 0 for a new one. */
void *mem_grow(void *p, size_t old, size_t new);
void mem_free(void *p, size_t size);

#endif
