/* scanfloor [-r]: the floor of a multipath scan (issue 23), the reads
 * multipath makes per path with nothing else around them: for every
 * /sys/block/sd*, relative to one /sys/block fd, the attributes the scan
 * reads (size, dev, the device link, state, vendor, model, rev,
 * dh_state, inquiry, access_state, preferred_path, vpd_pg83), and with
 * -r one REPORT TARGET PORT GROUPS through SG_IO on /dev/sdX (what the
 * alua prioritiser sends for a path of an LU without a kernel handler).
 * Prints "scanfloor: paths=N" and exits.  For `make bench`: beside ours,
 * what no implementation that reads the same facts can beat. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <scsi/sg.h>

static const char *const attr[] = {
	"size", "dev", "device/state", "device/vendor", "device/model",
	"device/rev", "device/dh_state", "device/inquiry",
	"device/access_state", "device/preferred_path", "device/vpd_pg83",
};

static void rtpg(const char *dev)
{
	unsigned char cdb[12] = { 0xa3, 0x0a, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0 };
	unsigned char buf[1024], sense[32];
	struct sg_io_hdr io;
	char node[300];
	int fd;

	snprintf(node, sizeof(node), "/dev/%s", dev);
	fd = open(node, O_RDONLY | O_NONBLOCK);
	if (fd < 0)
		return;
	memset(&io, 0, sizeof(io));
	io.interface_id = 'S';
	io.dxfer_direction = SG_DXFER_FROM_DEV;
	io.cmd_len = sizeof(cdb);
	io.mx_sb_len = sizeof(sense);
	io.dxfer_len = sizeof(buf);
	io.dxferp = buf;
	io.cmdp = cdb;
	io.sbp = sense;
	io.timeout = 30000;
	ioctl(fd, SG_IO, &io);
	close(fd);
}

int main(int argc, char **argv)
{
	int blk = open("/sys/block", O_RDONLY | O_DIRECTORY), r = argc > 1 && !strcmp(argv[1], "-r");
	DIR *d = opendir("/sys/block");
	struct dirent *e;
	char rel[320], buf[4096];
	unsigned int i, n = 0;

	if (blk < 0 || !d)
		return 1;
	while ((e = readdir(d))) {
		if (strncmp(e->d_name, "sd", 2))
			continue;
		for (i = 0; i < sizeof(attr) / sizeof(attr[0]); i++) {
			int fd;

			snprintf(rel, sizeof(rel), "%s/%s", e->d_name, attr[i]);
			fd = openat(blk, rel, O_RDONLY);
			if (fd < 0)
				continue;
			if (read(fd, buf, sizeof(buf)) < 0)
				buf[0] = 0;
			close(fd);
		}
		snprintf(rel, sizeof(rel), "%s/device", e->d_name);
		if (readlinkat(blk, rel, buf, sizeof(buf)) < 0)
			buf[0] = 0;
		if (r)
			rtpg(e->d_name);
		n++;
	}
	printf("scanfloor: paths=%u\n", n);
	return 0;
}
