/* sg_batch_run (src/lib/dev/sg_batch.c) against a made-up sg driver: the
 * system calls it makes are wrapped at link time (-Wl,--wrap=readlink,
 * open, write, read, poll, close; t_sgbatch_LDFLAGS in the Makefile).
 *
 * Invariants:
 *  - a disk asked for both commands (-ll's RTPG and TEST UNIT READY) has
 *    its sg node opened once, both commands written to that one fd, and
 *    the fd closed once, after its second answer;
 *  - each command is answered through done() exactly once, with its own
 *    id bit, whatever order the answers come in (the TUR before the RTPG
 *    here); the data length only for the command that carries data;
 *  - a disk without an sg node gets done(-ENOENT) for each command asked,
 *    with nothing opened;
 *  - no more disks in flight than max. */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "sg_batch.h"
#include "unit.h"

#define NDISK 5
#define FD0 100 /* the fake sg fds: FD0 + disk */

/* the fake driver: per fd the answers not read yet, by pack_id */
static struct {
	int open, closed, queued[2];
	struct sg_io_hdr sent[2];
} dev[NDISK];
static int nopens, maxflight;

ssize_t __real_readlink(const char *path, char *buf, size_t size);
int __real_open(const char *path, int flags, ...);
ssize_t __real_write(int fd, const void *buf, size_t n);
ssize_t __real_read(int fd, void *buf, size_t n);
int __real_poll(struct pollfd *fds, nfds_t n, int tmo);
int __real_close(int fd);

/* /sys/block/sdX/device/generic: disk e (sde) has no sg node */
ssize_t __wrap_readlink(const char *path, char *buf, size_t size)
{
	char d;

	if (strncmp(path, "/sys/block/sd", 13))
		return __real_readlink(path, buf, size);
	d = path[13];
	if (d == 'e') {
		errno = ENOENT;
		return -1;
	}
	return snprintf(buf, size, "../../scsi_generic/sg%c", d);
}

/* /dev/sgX: the fake fd FD0 + disk; how many disks hold an fd now */
int __wrap_open(const char *path, int flags, ...)
{
	int i, k, n = 0;

	if (strncmp(path, "/dev/sg", 7))
		return __real_open(path, flags, 0); /* nothing here creates */
	k = path[7] - 'a';
	dev[k].open++;
	nopens++;
	for (i = 0; i < NDISK; i++)
		n += dev[i].open > dev[i].closed;
	if (n > maxflight)
		maxflight = n;
	return FD0 + k;
}

ssize_t __wrap_write(int fd, const void *buf, size_t n)
{
	const struct sg_io_hdr *h = buf;
	int k = fd - FD0, c;

	if (k < 0 || k >= NDISK)
		return __real_write(fd, buf, n);
	c = h->pack_id == SG_BATCH_TUR;
	dev[k].sent[c] = *h;
	dev[k].queued[c]++;
	return (ssize_t)n;
}

/* the TUR's answer first when both wait; sdb is not ready; the RTPG
 * fills its buffer with 8 of its bytes */
ssize_t __wrap_read(int fd, void *buf, size_t n)
{
	struct sg_io_hdr *h = buf;
	int k = fd - FD0, c;

	if (k < 0 || k >= NDISK)
		return __real_read(fd, buf, n);
	c = dev[k].queued[1] ? 1 : dev[k].queued[0] ? 0 : -1;
	if (c < 0) {
		errno = EAGAIN;
		return -1;
	}
	dev[k].queued[c]--;
	*h = dev[k].sent[c];
	h->status = c == 1 && k == 1 ? 2 : 0; /* CHECK CONDITION */
	h->resid = c == 0 ? (int)h->dxfer_len - 8 : 0;
	if (c == 0)
		memset(h->dxferp, 'a' + k, 8);
	return (ssize_t)n;
}

int __wrap_poll(struct pollfd *fds, nfds_t n, int tmo)
{
	nfds_t i;
	int r = 0;

	(void)tmo;
	for (i = 0; i < n; i++) {
		int k = fds[i].fd - FD0;

		fds[i].revents = k >= 0 && k < NDISK &&
				 (dev[k].queued[0] || dev[k].queued[1]) ? POLLIN : 0;
		r += fds[i].revents != 0;
	}
	return r;
}

int __wrap_close(int fd)
{
	int k = fd - FD0;

	if (k < 0 || k >= NDISK)
		return __real_close(fd);
	dev[k].closed++;
	return 0;
}

/* the caller's side: which commands each disk gets, what came back */
struct run {
	long ask[NDISK];
	int next;
	int got[NDISK][2], r[NDISK][2];
	char data[NDISK];
	uint8_t buf[64];
};

static long next(void *arg, const char **name)
{
	static char names[NDISK][4];
	struct run *u = arg;

	while (u->next < NDISK && !u->ask[u->next])
		u->next++;
	if (u->next >= NDISK)
		return -1;
	snprintf(names[u->next], sizeof(names[0]), "sd%c", 'a' + u->next);
	*name = names[u->next];
	u->next++;
	return (long)(u->next - 1) << 2 | u->ask[u->next - 1];
}

static void done(void *arg, long id, int r)
{
	struct run *u = arg;
	int k = (int)(id >> 2), c = (id & 3) == SG_BATCH_TUR;

	u->got[k][c]++;
	u->r[k][c] = r;
	if (!c && r > 0)
		u->data[k] = (char)u->buf[0];
}

static void t_two_commands(void)
{
	static const uint8_t cdb[12] = { 0xa3, 0x0a };
	static const long ask[NDISK] = { SG_BATCH_CMD | SG_BATCH_TUR,
					 SG_BATCH_CMD | SG_BATCH_TUR, SG_BATCH_TUR,
					 SG_BATCH_CMD, SG_BATCH_CMD | SG_BATCH_TUR };
	static struct run u;
	struct sg_batch b = { cdb, sizeof(cdb), u.buf, sizeof(u.buf), next, done, &u };
	int k;

	memcpy(u.ask, ask, sizeof(ask));

	EXPECT_INT(sg_batch_run(&b, 2), 0, "two-commands");
	EXPECT_INT(nopens, 4, "two-commands"); /* sde has no sg node */
	for (k = 0; k < 4; k++) {
		EXPECT_INT(dev[k].open, 1, "two-commands");
		EXPECT_INT(dev[k].closed, 1, "two-commands");
		EXPECT_INT(dev[k].queued[0] + dev[k].queued[1], 0, "two-commands");
	}
	EXPECT(maxflight == 2, "two-commands", "%d disks in flight, want 2", maxflight);
	UNIT_PASS("two-commands");

	/* every command answered once, with its own result */
	for (k = 0; k < NDISK; k++) {
		EXPECT_INT(u.got[k][0], (u.ask[k] & SG_BATCH_CMD) != 0, "answers");
		EXPECT_INT(u.got[k][1], (u.ask[k] & SG_BATCH_TUR) != 0, "answers");
	}
	EXPECT_INT(u.r[0][0], 8, "answers");
	EXPECT_INT(u.data[0], 'a', "answers");
	EXPECT_INT(u.r[0][1], 0, "answers");
	EXPECT_INT(u.r[1][1], -EIO, "answers"); /* sdb not ready */
	EXPECT_INT(u.r[1][0], 8, "answers");
	EXPECT_INT(u.r[2][1], 0, "answers");
	EXPECT_INT(u.data[3], 'd', "answers");
	EXPECT_INT(u.r[4][0], -ENOENT, "answers");
	EXPECT_INT(u.r[4][1], -ENOENT, "answers");
	UNIT_PASS("answers");
}

int main(void)
{
	unit_suite = "sgbatch";
	t_two_commands();
	return UNIT_DONE();
}
