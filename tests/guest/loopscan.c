/* loopscan: bind a file or block device range to a loop device with the
 * kernel's partition scan on (LO_FLAGS_PARTSCAN), read-only, so the
 * kernel's own partition parser runs on it; for the kpartx/kernel parity
 * scenario.  busybox losetup has no --sizelimit and no sector size.
 *   loopscan [-b SECTOR] [-o OFFSET] [-s SIZE] FILE   prints /dev/loopN
 *   loopscan -d DEV                                  detaches it */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/loop.h>

static int usage(void)
{
	fputs("usage: loopscan [-b SECTOR] [-o OFFSET] [-s SIZE] FILE | loopscan -d DEV\n",
	      stderr);
	return 2;
}

int main(int argc, char **argv)
{
	struct loop_config cfg;
	char path[32], *end;
	int ctl, fd, lfd, n, i;

	if (argc == 3 && !strcmp(argv[1], "-d")) {
		lfd = open(argv[2], O_RDONLY);
		if (lfd < 0 || ioctl(lfd, LOOP_CLR_FD, NULL)) {
			perror(argv[2]);
			return 1;
		}
		return 0;
	}
	memset(&cfg, 0, sizeof(cfg));
	cfg.block_size = 512;
	for (i = 1; i + 1 < argc && argv[i][0] == '-'; i += 2) {
		unsigned long long v = strtoull(argv[i + 1], &end, 0);

		if (*end || !argv[i + 1][0])
			return usage();
		if (!strcmp(argv[i], "-b"))
			cfg.block_size = (unsigned int)v;
		else if (!strcmp(argv[i], "-o"))
			cfg.info.lo_offset = v;
		else if (!strcmp(argv[i], "-s"))
			cfg.info.lo_sizelimit = v;
		else
			return usage();
	}
	if (i != argc - 1)
		return usage();
	fd = open(argv[i], O_RDONLY);
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
	lfd = open(path, O_RDONLY);
	if (lfd < 0) {
		perror(path);
		return 1;
	}
	cfg.fd = (unsigned int)fd;
	cfg.info.lo_flags = LO_FLAGS_PARTSCAN | LO_FLAGS_READ_ONLY;
	if (ioctl(lfd, LOOP_CONFIGURE, &cfg)) {
		perror("LOOP_CONFIGURE");
		return 1;
	}
	printf("%s\n", path);
	return 0;
}
