/* Files replaced whole and atomically (bindings, wwids, the pid file). */
#ifndef MPBOOT_AFILE_H
#define MPBOOT_AFILE_H

#include <stddef.h>

/* The directory of path, opened and locked (flock LOCK_EX) so that
 * writers of the files in it take turns; closing the fd unlocks.
 * fd or -errno. */
int afile_lock_dir(const char *path);
/* Replace path by len bytes of buf, mode 0644: written to "path.tmp"
 * (a stale one unlinked, then created O_EXCL | O_NOFOLLOW: a link
 * planted there is removed, never followed), fsync'd, renamed over path
 * (a link planted at path is replaced, not followed), and dfd (from
 * afile_lock_dir, or -1) fsync'd.  Whatever moment it is cut at, path
 * holds the old text or the new one.  0 or -errno. */
int afile_replace(int dfd, const char *path, const char *buf, size_t len);

#endif
