/* loop4k: bind an image file to a loop device with 4096-byte logical
 * sectors (LOOP_CONFIGURE, block_size 4096), for kpartx's 4 KiB-sector
 * qemu checks; busybox losetup cannot set the sector size.
 *   loop4k FILE      prints the loop device
 *   loop4k -d DEV    detaches it */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/loop.h>

int main(int argc, char **argv)
{
	struct loop_config cfg;
	char path[32];
	int ctl, fd, lfd, n;

	if (argc == 3 && !strcmp(argv[1], "-d")) {
		lfd = open(argv[2], O_RDONLY);
		if (lfd < 0 || ioctl(lfd, LOOP_CLR_FD, NULL)) {
			perror(argv[2]);
			return 1;
		}
		return 0;
	}
	if (argc != 2) {
		fputs("usage: loop4k FILE | loop4k -d DEV\n", stderr);
		return 2;
	}
	fd = open(argv[1], O_RDWR);
	ctl = open("/dev/loop-control", O_RDWR);
	if (fd < 0 || ctl < 0) {
		perror("open");
		return 1;
	}
	n = ioctl(ctl, LOOP_CTL_GET_FREE, NULL);
	if (n < 0) {
		perror("LOOP_CTL_GET_FREE");
		return 1;
	}
	snprintf(path, sizeof(path), "/dev/loop%d", n);
	lfd = open(path, O_RDWR);
	if (lfd < 0) {
		perror(path);
		return 1;
	}
	memset(&cfg, 0, sizeof(cfg));
	cfg.fd = (unsigned int)fd;
	cfg.block_size = 4096;
	if (ioctl(lfd, LOOP_CONFIGURE, &cfg)) {
		perror("LOOP_CONFIGURE");
		return 1;
	}
	printf("%s\n", path);
	return 0;
}
