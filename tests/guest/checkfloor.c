/* checkfloor: the floor of multipathd's checker sweeps (issue 23), what
 * its tur checker does per path with nothing else around it.  First
 * sweep, for every /sys/block/sd*: read device/state and device/timeout,
 * find the sg node in device/scsi_generic, open it (kept open, as the
 * daemon keeps it) and write a TEST UNIT READY (SG v3 write/read); then
 * collect every answer through poll.  Second sweep: state read and TUR
 * again on the open nodes, answers collected the same way.  Prints
 *   checkfloor: paths=N opened=O first=S.mmm s (sent S.mmm) again=S.mmm s
 * For `make bench` (scripts/bench-mpd.sh): beside the daemon's first
 * sweep and its steady state.  Raise `ulimit -n` above the paths first. */
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <scsi/sg.h>

#include "clock.h"

static long long ms(void)
{
	return (long long)clock_ms();
}

static void attr(const char *dev, const char *a)
{
	char p[320], b[64];
	int fd;

	snprintf(p, sizeof(p), "/sys/block/%s/device/%s", dev, a);
	fd = open(p, O_RDONLY);
	if (fd >= 0) {
		if (read(fd, b, sizeof(b)) < 0)
			b[0] = 0;
		close(fd);
	}
}

static int open_sg(const char *dev)
{
	char p[320];
	struct dirent *e;
	DIR *d;
	int fd = -1;

	snprintf(p, sizeof(p), "/sys/block/%s/device/scsi_generic", dev);
	d = opendir(p);
	while (d && (e = readdir(d)))
		if (!strncmp(e->d_name, "sg", 2)) {
			snprintf(p, sizeof(p), "/dev/%s", e->d_name);
			fd = open(p, O_RDWR | O_NONBLOCK | O_CLOEXEC);
			break;
		}
	if (d)
		closedir(d);
	return fd;
}

static int tur(int fd)
{
	unsigned char cdb[6] = { 0 }, sense[32];
	struct sg_io_hdr h;

	memset(&h, 0, sizeof(h));
	h.interface_id = 'S';
	h.cmd_len = 6;
	h.cmdp = cdb;
	h.mx_sb_len = sizeof(sense);
	h.sbp = sense;
	h.dxfer_direction = SG_DXFER_NONE;
	h.timeout = 30000;
	return write(fd, &h, sizeof(h)) == (ssize_t)sizeof(h) ? 0 : -1;
}

/* every answer of the n nodes in p[].fd read (or 30 s gone) */
static void collect(struct pollfd *p, unsigned int n)
{
	struct sg_io_hdr h;
	unsigned int left = n, i;
	long long end = ms() + 30000;

	for (i = 0; i < n; i++)
		p[i].events = POLLIN;
	while (left && ms() < end && poll(p, n, 1000) > 0)
		for (i = 0; i < n; i++)
			if (p[i].fd >= 0 && p[i].revents && read(p[i].fd, &h, sizeof(h)) > 0) {
				p[i].fd = -p[i].fd - 2; /* answered: out of the poll */
				left--;
			}
	for (i = 0; i < n; i++)
		if (p[i].fd < -1)
			p[i].fd = -p[i].fd - 2;
}

int main(void)
{
	static char names[65536][16];
	static struct pollfd p[65536];
	DIR *d = opendir("/sys/block");
	struct dirent *e;
	unsigned int n = 0, i, opened = 0;
	long long t0, t1, t2, t3;

	while (d && (e = readdir(d)) && n < 65536)
		if (!strncmp(e->d_name, "sd", 2) && strlen(e->d_name) < 16)
			strcpy(names[n++], e->d_name);
	t0 = ms();
	for (i = 0; i < n; i++) {
		attr(names[i], "state");
		attr(names[i], "timeout");
		p[i].fd = open_sg(names[i]);
		if (p[i].fd >= 0 && !tur(p[i].fd))
			opened++;
	}
	t1 = ms();
	collect(p, n);
	t2 = ms();
	for (i = 0; i < n; i++) {
		attr(names[i], "state");
		if (p[i].fd >= 0)
			tur(p[i].fd);
	}
	collect(p, n);
	t3 = ms();
	printf("checkfloor: paths=%u opened=%u first=%lld.%03lld s (sent %lld.%03lld) again=%lld.%03lld s\n",
	       n, opened, (t2 - t0) / 1000, (t2 - t0) % 1000, (t1 - t0) / 1000, (t1 - t0) % 1000,
	       (t3 - t2) / 1000, (t3 - t2) % 1000);
	return 0;
}
