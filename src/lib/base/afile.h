/* Files replaced whole and atomically (bindings, wwids, the pid file). */
#ifndef MPBOOT_AFILE_H
#define MPBOOT_AFILE_H

#include <stddef.h>

/* The lock of the writers of the files in path's directory, so that
 * they take turns: the file AFILE_LOCK_NAME there (created mode 0600; one
 * that is not a regular file owned by us and closed to group and others
 * is -EPERM), flock LOCK_EX tried AFILE_LOCK_TRIES + 1 times 10 ms apart,
 * then -EBUSY.  Closing the fd unlocks.  fd or -errno. */
#define AFILE_LOCK_NAME ".mpboot.lock"
#define AFILE_LOCK_TRIES 50
int afile_lock_dir(const char *path);
/* The end of writing tmp (its fd) to stand as path: after no error r,
 * fsync'd, closed and renamed over path; on any error closed and
 * removed.  0 or the first -errno. */
int afile_commit(int r, int fd, const char *tmp, const char *path);

/* Replace path by len bytes of buf, mode 0644: written to "path.tmp"
 * (a stale one unlinked, then created O_EXCL | O_NOFOLLOW: a link
 * planted there is removed, never followed), fsync'd, renamed over path
 * (a link planted at path is replaced, not followed), and, with a dfd
 * (from afile_lock_dir; -1: not), path's directory fsync'd.  Whatever moment it is cut at, path
 * holds the old text or the new one.  0 or -errno. */
int afile_replace(int dfd, const char *path, const char *buf, size_t len);

#endif
