/* Atomic whole-file replacement, see afile.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "afile.h"
#include "str.h"

int afile_lock_dir(const char *path)
{
	char dir[4096];
	char *slash;
	int fd;

	if (str_copy(dir, path, sizeof(dir)))
		return -ENAMETOOLONG;
	slash = strrchr(dir, '/');
	if (slash)
		slash[slash == dir] = '\0'; /* "/x" -> "/" */
	fd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (flock(fd, LOCK_EX)) {
		int r = -errno;

		close(fd);
		return r;
	}
	return fd;
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
	if (!r && fsync(fd))
		r = -errno;
	if (close(fd) && !r)
		r = -errno;
	if (!r && rename(tmp, path))
		r = -errno;
	if (r)
		unlink(tmp);
	else if (dfd >= 0)
		fsync(dfd);
	return r;
}
