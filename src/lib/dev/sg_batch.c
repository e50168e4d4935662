/* SG v3 commands in flight on many disks at once, see sg_batch.h.  The
 * sg driver (drivers/scsi/sg.c) queues a command on write() of its
 * struct sg_io_hdr, makes the fd readable when it completes, and fills
 * the header's status fields on read(). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sg_batch.h"
#include "str.h"

void sg_hdr(struct sg_io_hdr *h, const uint8_t *cdb, unsigned char cdb_len,
	    void *buf, unsigned int len, uint8_t *sense, unsigned int timeout_ms)
{
	memset(h, 0, sizeof(*h));
	h->interface_id = 'S';
	h->dxfer_direction = len ? SG_DXFER_FROM_DEV : SG_DXFER_NONE;
	h->cmd_len = cdb_len;
	h->mx_sb_len = SG_SENSE_LEN;
	h->dxfer_len = len;
	h->dxferp = buf;
	h->cmdp = (unsigned char *)cdb; /* the kernel only reads it */
	h->sbp = sense;
	h->timeout = timeout_ms;
}

int sg_open_disk(const char *dev)
{
	char rel[96], link[160];
	const char *sg;
	ssize_t n;
	int fd;

	/* the link ends in scsi_generic/sgN */
	if (str_fmt(rel, sizeof(rel), "/sys/block/%s/device/generic", dev))
		return -ENAMETOOLONG;
	n = readlink(rel, link, sizeof(link) - 1);
	if (n < 0)
		return -errno;
	link[n] = '\0';
	sg = strrchr(link, '/');
	sg = sg ? sg + 1 : link;
	if (strncmp(sg, "sg", 2) || str_fmt(rel, sizeof(rel), "/dev/%s", sg))
		return -ENODEV;
	fd = open(rel, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

int sg_send(int fd, const struct sg_io_hdr *h)
{
	return write(fd, h, sizeof(*h)) == (ssize_t)sizeof(*h) ? 0 : -EIO;
}

int sg_recv(int fd, struct sg_io_hdr *h)
{
	return read(fd, h, sizeof(*h)) == (ssize_t)sizeof(*h) ? 0 : -EAGAIN;
}

int sg_result(const struct sg_io_hdr *h, unsigned int len)
{
	if (h->status || h->host_status || (h->driver_status & 0x0f) ||
	    h->resid < 0 || (unsigned int)h->resid > len)
		return -EIO;
	return (int)(len - (unsigned int)h->resid);
}

/* What a batch has in flight: fds to poll, the id of each. */
struct flight {
	struct pollfd *pfd;
	long *id;
	unsigned int m;
};

/* Each command of k's whose bit mask has ends with r (-errno). */
static void fail(const struct sg_batch *b, long k, long mask, int r)
{
	long c;

	for (c = SG_BATCH_CMD; c <= SG_BATCH_TUR; c++)
		if (k & mask & c)
			b->done(b->arg, (k & ~3L) | c, r);
}

/* Send to the disks next() names until max are in flight: on one fd
 * each, the commands its id's low bits ask for; the slot's id keeps the
 * bits of those not answered yet. */
static void fill(const struct sg_batch *b, struct flight *f, unsigned int max,
		 uint8_t *sense)
{
	static const uint8_t tur[6]; /* TEST UNIT READY */
	struct sg_io_hdr h[2];
	const char *dev;
	long k, c;

	sg_hdr(&h[0], b->cdb, b->cdb_len, b->buf, b->len, sense, 30000); /* SG_IO's */
	sg_hdr(&h[1], tur, sizeof(tur), NULL, 0, sense, 30000);
	h[0].pack_id = SG_BATCH_CMD; /* read() gives it back: whose answer */
	h[1].pack_id = SG_BATCH_TUR;
	while (f->m < max && (k = b->next(b->arg, &dev)) >= 0) {
		int fd = sg_open_disk(dev), r;

		for (c = SG_BATCH_CMD; c <= SG_BATCH_TUR; c++)
			if ((k & c) && (r = fd < 0 ? fd : sg_send(fd, &h[c - 1]))) {
				fail(b, k, c, r);
				k &= ~c;
			}
		if (!(k & 3)) {
			if (fd >= 0)
				close(fd);
			continue;
		}
		f->pfd[f->m] = (struct pollfd){ fd, POLLIN, 0 };
		f->id[f->m++] = k;
	}
}

/* Every answer poll() saw, one at a time (they share b->buf). */
static void collect(const struct sg_batch *b, struct flight *f)
{
	struct sg_io_hdr h;
	unsigned int i;

	for (i = f->m; i-- > 0;) {
		short ev = f->pfd[i].revents;
		int r = ev ? sg_recv(f->pfd[i].fd, &h) : -EAGAIN;
		long k = f->id[i], c = 3;

		/* an error or hang-up without an answer ends its commands */
		if (r && !(ev & (POLLERR | POLLHUP | POLLNVAL)))
			continue;
		if (r) {
			fail(b, k, c, -EIO);
		} else {
			c = h.pack_id == SG_BATCH_TUR ? SG_BATCH_TUR : SG_BATCH_CMD;
			b->done(b->arg, (k & ~3L) | c, sg_result(&h, c == SG_BATCH_CMD ? b->len : 0));
		}
		f->id[i] = k &= ~c;
		if (k & 3)
			continue; /* the other command's answer: a later poll() */
		close(f->pfd[i].fd);
		f->pfd[i] = f->pfd[--f->m];
		f->id[i] = f->id[f->m];
	}
}

int sg_batch_run(const struct sg_batch *b, unsigned int max)
{
	struct flight f = { calloc(max, sizeof(*f.pfd)), calloc(max, sizeof(*f.id)), 0 };
	uint8_t sense[SG_SENSE_LEN];
	int r = f.pfd && f.id ? 0 : -ENOMEM;

	while (!r) {
		fill(b, &f, max, sense);
		if (!f.m)
			break;
		if (poll(f.pfd, f.m, -1) < 0 && errno != EINTR)
			r = -errno;
		else
			collect(b, &f);
	}
	while (f.m) { /* poll failed: the driver drops the answers with the fds */
		close(f.pfd[--f.m].fd);
		fail(b, f.id[f.m], 3, r);
	}
	free(f.pfd);
	free(f.id);
	return r;
}
