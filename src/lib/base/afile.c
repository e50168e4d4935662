/* Atomic whole-file replacement, see afile.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "afile.h"
#include "str.h"

/* The directory of path (in dir), "." for a bare name. */
static int dir_of(const char *path, char *dir, size_t size)
{
	char *slash;

	if (str_copy(dir, path, size))
		return -ENAMETOOLONG;
	slash = strrchr(dir, '/');
	if (slash)
		slash[slash == dir] = '\0'; /* "/x" -> "/" */
	else
		strcpy(dir, ".");
	return 0;
}

/* Not the directory itself: anyone may open /etc/multipath and flock it
 * for ever (issue 24), and a blocking lock then froze multipath and the
 * daemon.  A file only its owner (root) may open cannot be locked by
 * anyone else; and the lock is tried without waiting, for a bounded time,
 * so that even a stuck root writer costs AFILE_LOCK_TRIES x 10 ms. */
int afile_lock_dir(const char *path)
{
	const struct timespec step = { 0, 10 * 1000 * 1000 };
	char dir[4096], lock[4096 + sizeof(AFILE_LOCK_NAME)];
	struct stat st;
	int fd, r, i;

	r = dir_of(path, dir, sizeof(dir));
	if (r || (r = str_fmt(lock, sizeof(lock), "%s/" AFILE_LOCK_NAME, dir)))
		return r;
	fd = open(lock, O_RDONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	/* one that others may open is no lock */
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_uid != geteuid() ||
	    (st.st_mode & 077)) {
		close(fd);
		return -EPERM;
	}
	for (i = 0; flock(fd, LOCK_EX | LOCK_NB); i++) {
		r = errno == EWOULDBLOCK ? -EBUSY : -errno;
		if ((r != -EBUSY && r != -EINTR) || i >= AFILE_LOCK_TRIES) {
			close(fd);
			return r;
		}
		nanosleep(&step, NULL);
	}
	return fd;
}

int afile_commit(int r, int fd, const char *tmp, const char *path)
{
	if (!r && fsync(fd))
		r = -errno;
	if (close(fd) && !r)
		r = -errno;
	if (!r && rename(tmp, path))
		r = -errno;
	if (r)
		unlink(tmp);
	return r;
}

int afile_replace(int dfd, const char *path, const char *buf, size_t len)
{
	char tmp[4096];
	ssize_t w;
	int fd, r = 0;

	if (str_fmt(tmp, sizeof(tmp), "%s.tmp", path))
		return -ENAMETOOLONG;
	unlink(tmp);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	/* one write: a regular file takes it whole or is full (a short
	 * count is ENOSPC/EFBIG, which a second write would only report) */
	w = write(fd, buf, len);
	if (w != (ssize_t)len)
		r = w < 0 ? -errno : -ENOSPC;
	r = afile_commit(r, fd, tmp, path);
	if (!r && dfd >= 0 && !dir_of(path, tmp, sizeof(tmp)) &&
		 (fd = open(tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		fsync(fd); /* the rename made durable */
		close(fd);
	}
	return r;
}
