/* kpartx internals: loop devices for image files (loop.c). */
#ifndef MPBOOT_KPARTX_H
#define MPBOOT_KPARTX_H

#include <stddef.h>
#include <sys/types.h>

#define PATH_MAX_KP 1024

/* Loop device whose backing file is `file` (an absolute, resolved path):
 * its node in path and its dev_t.  -ENOENT when none. */
int loop_find(const char *file, char *path, size_t size, dev_t *dev);
/* Bind file to a free loop device (read-only with ro, or when the file
 * cannot be written). */
int loop_attach(const char *file, int ro, char *path, size_t size, dev_t *dev);
int loop_detach(const char *path);

#endif
