/* Loop devices for kpartx on a regular file (linux/loop.h):
 * LOOP_CTL_GET_FREE on /dev/loop-control gives a free index, LOOP_SET_FD
 * binds the file, LOOP_SET_STATUS64 records its path (what
 * /sys/block/loopN/loop/backing_file shows, which is how an already
 * attached file is found again) and LOOP_CLR_FD detaches it on -d. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <linux/loop.h>

#include "kpartx.h"
#include "str.h"

#define LOOP_MAJOR 7

/* /dev/loopN, made from sysfs' dev attribute if devtmpfs lacks it. */
static int loop_node(unsigned int n, char *path, size_t size, dev_t *dev)
{
	char buf[32];
	unsigned int ma, mi;
	struct stat st;
	int r;

	r = str_fmt(path, size, "/dev/loop%u", n);
	if (r)
		return r;
	if (!read_attrf(buf, sizeof(buf), "/sys/block/loop%u/dev", n) &&
	    !str_to_majmin(buf, &ma, &mi))
		*dev = makedev(ma, mi);
	else
		*dev = makedev(LOOP_MAJOR, n);
	if (!stat(path, &st) && S_ISBLK(st.st_mode))
		return 0;
	if (mknod(path, S_IFBLK | 0600, *dev) && errno != EEXIST)
		return -errno;
	return 0;
}

int loop_find(const char *file, char *path, size_t size, dev_t *dev)
{
	char back[PATH_MAX_KP];
	struct dirent *d;
	unsigned int n;
	DIR *dir;
	int r = -ENOENT;

	dir = opendir("/sys/block");
	if (!dir)
		return -errno;
	while ((d = readdir(dir))) {
		if (strncmp(d->d_name, "loop", 4) ||
		    str_to_uint(d->d_name + 4, 1u << 20, &n))
			continue;
		if (read_attrf(back, sizeof(back), "/sys/block/%s/loop/backing_file",
			       d->d_name) || strcmp(back, file))
			continue;
		r = loop_node(n, path, size, dev);
		break;
	}
	closedir(dir);
	return r;
}

/* Bind ffd to a free loop device: its fd, or -errno.  Another process
 * may take the free device between GET_FREE and SET_FD (EBUSY): ask
 * again, a bounded number of times. */
static int bind_free(int ctl, int ffd, int ro, char *path, size_t size,
		     dev_t *dev)
{
	int tries, lfd, r = -EBUSY;

	for (tries = 0; tries < 8; tries++) {
		int n = ioctl(ctl, LOOP_CTL_GET_FREE, NULL);

		if (n < 0)
			return -errno;
		r = loop_node((unsigned int)n, path, size, dev);
		if (r)
			return r;
		lfd = open(path, (ro ? O_RDONLY : O_RDWR) | O_CLOEXEC);
		if (lfd < 0)
			return -errno;
		if (!ioctl(lfd, LOOP_SET_FD, (void *)(long)ffd))
			return lfd;
		r = -errno;
		close(lfd);
		if (r != -EBUSY)
			break;
	}
	return r;
}

int loop_attach(const char *file, int ro, char *path, size_t size, dev_t *dev)
{
	struct loop_info64 info;
	int ctl, ffd, lfd, r = 0;

	ffd = open(file, (ro ? O_RDONLY : O_RDWR) | O_CLOEXEC);
	if (ffd < 0 && !ro && (errno == EROFS || errno == EACCES)) {
		ro = 1;
		ffd = open(file, O_RDONLY | O_CLOEXEC);
	}
	if (ffd < 0)
		return -errno;
	ctl = open("/dev/loop-control", O_RDWR | O_CLOEXEC);
	if (ctl < 0) {
		r = -errno;
		close(ffd);
		return r;
	}
	lfd = bind_free(ctl, ffd, ro, path, size, dev);
	close(ctl);
	close(ffd);
	if (lfd < 0)
		return lfd;
	/* Read-only follows from the mode of the SET_FD file descriptor. */
	memset(&info, 0, sizeof(info));
	/* backing_file comes from the file itself; the name is informative
	 * (losetup shows it) and may be cut at 63 bytes. */
	strncpy((char *)info.lo_file_name, file, LO_NAME_SIZE - 1);
	if (ioctl(lfd, LOOP_SET_STATUS64, &info)) {
		r = -errno;
		ioctl(lfd, LOOP_CLR_FD, NULL);
	}
	close(lfd);
	return r;
}

int loop_detach(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), r = 0;

	if (fd < 0)
		return -errno;
	if (ioctl(fd, LOOP_CLR_FD, NULL))
		r = -errno;
	close(fd);
	return r;
}
