/* The path checkers' I/O: one command per path in flight at most, never
 * waited for.
 *
 *   tur          TEST UNIT READY (SPC-4 6.47) written to the path's sg
 *                node (SG v3 write/read): the answer is read() when poll()
 *                says the node is readable.
 *   readsector0  READ(10) of LBA 0, one logical block (SBC-3 5.11), the
 *                same way: it also proves the medium answers reads.
 *   directio     an O_DIRECT read of the first block of /dev/sdX through
 *                Linux native AIO (io_submit); completions are signalled
 *                on one eventfd that sits in the poll loop, so no thread
 *                or child is needed and a hung path blocks nothing.
 *
 * The data read is never looked at: every path reads into one shared,
 * block-aligned scratch buffer (4 KiB for all paths, not per path).
 *
 * A path whose priority comes from REPORT TARGET PORT GROUPS (prio alua,
 * no scsi_dh_alua) gets that command after its TUR says up, sent the
 * same way (follow.c), so a device that stops answering it stalls
 * nothing either.  Its answer lands in one shared buffer as well: the sg
 * driver copies data and sense out at read(), and reads are one at a
 * time. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "prio.h"
#include "sg_batch.h"
#include "state.h"
#include "str.h"

#define BLK_MAX 4096u

/* The AIO context and its eventfd: when the first directio path needs
 * them (-c directio: at start, so a failure says so at once). */
static int aio_init(struct mpd *d)
{
	if (d->efd >= 0)
		return 0;
	d->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (d->efd < 0)
		return -errno;
	/* room for every path's read; more paths than this wait a turn */
	if (io_setup(CHK_AIO_MAX, &d->aio)) {
		int r = -errno;

		close(d->efd);
		d->efd = -1;
		return r;
	}
	return 0;
}

int chk_init(struct mpd *d)
{
	/* one page: aligned for O_DIRECT on any logical block size */
	d->blk = mmap(NULL, BLK_MAX, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (d->blk == MAP_FAILED) {
		d->blk = NULL;
		return -ENOMEM;
	}
	return d->checker_set && d->checker == CHECKER_DIRECTIO ? aio_init(d) : 0;
}

/* The path's fd for its checker, its timeout and block size. */
int chk_open(struct mpd *d, struct dpath *p, const char *dev)
{
	char a[128], t[16];
	unsigned int n;
	int r;

	/* once: a path out of fds opens again for every check */
	if (p->timeout_ms)
		goto open;
	if (read_attrf(t, sizeof(t), "/sys/block/%s/device/timeout", dev) ||
	    str_to_uint(t, 3600, &n) || !n)
		n = 30;
	if (d->ck_timeout)
		n = d->ck_timeout; /* multipath.conf's checker_timeout */
	p->timeout_ms = n * 1000u;
	/* only the read checkers read a block: tur does not ask (a read
	 * less a path on the first sweep) */
	if (p->checker == CHECKER_TUR ||
	    read_attrf(t, sizeof(t), "/sys/block/%s/queue/logical_block_size", dev) ||
	    str_to_uint(t, BLK_MAX, &n) || n < 512)
		n = 512;
	p->blksz = (uint16_t)n;
open:
	if (p->checker != CHECKER_DIRECTIO) {
		r = sg_open_disk(dev); /* -ENOENT: no sg driver (modprobe sg) */
		p->fd = r < 0 ? -1 : r;
		return r < 0 ? r : 0;
	}
	if (str_fmt(a, sizeof(a), "/dev/%s", dev))
		return -ENAMETOOLONG;
	r = aio_init(d);
	if (r)
		return r;
	p->fd = open(a, O_RDONLY | O_DIRECT | O_CLOEXEC);
	return p->fd < 0 ? -errno : 0;
}

void chk_release(struct mpd *d, struct dpath *p)
{
	if (p->fd_tmp && !p->pending && p->fd >= 0) {
		close(p->fd);
		p->fd = -1;
		p->fd_tmp = 0;
		d->sw.lent--;
	}
}

/* The header and CDB are copied by write(); only the sense buffer is
 * written later (by the read() that collects the answer), and reads are
 * one at a time, so one buffer in d serves every path and stays put when
 * a rescan moves the path records. */
/* One SG v3 command on p's sg node, its answer collected by read()
 * later; data (if any) of len bytes into buf, FROM the device. */
static int sg_write(struct mpd *d, const struct dpath *p, unsigned char *cdb,
		    unsigned char cdb_len, void *buf, unsigned int len)
{
	struct sg_io_hdr h;

	sg_hdr(&h, cdb, cdb_len, buf, len, d->sense, p->timeout_ms);
	return sg_send(p->fd, &h);
}

static int sg_check(struct mpd *d, struct dpath *p)
{
	unsigned char cdb[10] = { 0 }; /* TEST UNIT READY: 6 bytes, all zero */

	if (p->checker != CHECKER_READSECTOR0)
		return sg_write(d, p, cdb, 6, NULL, 0);
	cdb[0] = 0x28; /* READ(10), LBA 0 */
	cdb[8] = 1;    /* one block */
	return sg_write(d, p, cdb, 10, d->blk, p->blksz);
}

/* io_submit copies the iocb. */
static int aio_send(struct mpd *d, struct dpath *p)
{
	struct iocb io, *cb = &io;

	memset(cb, 0, sizeof(*cb));
	/* the path's index in it: its completion is found at once */
	cb->aio_data = p->aio_id = DP_AIO_ID(++d->aio_seq, p - d->dp);
	cb->aio_lio_opcode = IOCB_CMD_PREAD;
	cb->aio_fildes = (uint32_t)p->fd;
	cb->aio_buf = (uint64_t)(uintptr_t)d->blk;
	cb->aio_nbytes = p->blksz;
	cb->aio_offset = 0;
	cb->aio_flags = IOCB_FLAG_RESFD;
	cb->aio_resfd = (uint32_t)d->efd;
	return io_submit(d->aio, 1, &cb) == 1 ? 0 : -EIO;
}

int chk_rtpg_send(struct mpd *d, struct dpath *p)
{
	unsigned char cdb[12];

	scsi_rtpg_cdb(cdb, sizeof(d->rtpg));
	return sg_write(d, p, cdb, sizeof(cdb), d->rtpg, sizeof(d->rtpg));
}

int chk_rtpg_read(struct mpd *d, struct dpath *p)
{
	struct sg_io_hdr h;
	int r;

	if (sg_recv(p->fd, &h))
		return -EAGAIN;
	r = sg_result(&h, sizeof(d->rtpg));
	return r < 4 ? -EIO : (int)scsi_rtpg_len(d->rtpg, (size_t)r);
}


int chk_send(struct mpd *d, struct dpath *p)
{
	return p->checker == CHECKER_DIRECTIO ? aio_send(d, p) : sg_check(d, p);
}

enum chk chk_sg_answer(struct mpd *d, struct dpath *p)
{
	struct sg_io_hdr h;

	if (sg_recv(p->fd, &h))
		return CHK_UNDEF;
	if (!h.host_status && !(h.driver_status & 0x0f) && !h.status)
		return CHK_UP;
	/* CHECK CONDITION with UNIT ATTENTION: it answers, it is up */
	if (h.status == 2 && h.sb_len_wr > 2 && (d->sense[2] & 0x0f) == 6)
		return CHK_UP;
	return CHK_DOWN;
}

int chk_aio_reap(struct mpd *d, struct io_event *ev, unsigned int max)
{
	struct timespec zero = { 0, 0 };
	uint64_t n;
	int r;

	if (read(d->efd, &n, sizeof(n)) < 0 && errno != EAGAIN)
		return -errno;
	r = io_getevents(d->aio, 0, (long)max, ev, &zero);
	return r < 0 ? -errno : r;
}
