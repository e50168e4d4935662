/* SCSI commands through the sg driver's asynchronous interface (SG v3:
 * write() the header, poll() for the answer, read() it), and one command
 * sent to many disks at once with a bound on how many are in flight.
 * `multipath` sends its REPORT TARGET PORT GROUPS (prio_io.c) and -ll's
 * TEST UNIT READYs this way, multipathd its checks and RTPGs
 * (multipathd/check.c).  0 or -errno; nothing is printed. */
#ifndef MPBOOT_SG_BATCH_H
#define MPBOOT_SG_BATCH_H

#include <stdint.h>
#include <scsi/sg.h>

#define SG_SENSE_LEN 32

/* The header of one command: data of len bytes (if any) from the device
 * into buf, sense into sense (SG_SENSE_LEN bytes). */
void sg_hdr(struct sg_io_hdr *h, const uint8_t *cdb, unsigned char cdb_len,
	    void *buf, unsigned int len, uint8_t *sense, unsigned int timeout_ms);
/* The sg node of disk dev ("sdX": /sys/block/sdX/device/generic names
 * it), opened for commands: fd or -errno (-ENOENT: the sg driver is not
 * loaded). */
int sg_open_disk(const char *dev);
/* h written to an sg fd; its answer is read by sg_recv. */
int sg_send(int fd, const struct sg_io_hdr *h);
/* The answer of the command in flight on fd into h: 0, -EAGAIN (not
 * there yet).  The driver copies data and sense to the addresses the
 * command was sent with, here, so one buffer serves many commands that
 * are read one at a time. */
int sg_recv(int fd, struct sg_io_hdr *h);
/* The answer judged: the data bytes received (len less the residue), or
 * -EIO for any SCSI status, host or driver error. */
int sg_result(const struct sg_io_hdr *h, unsigned int len);

/* One command (cdb, an answer of up to len bytes into buf) and/or a TEST
 * UNIT READY to every disk next() names, both on one fd of its sg node
 * (one open a disk for -ll's RTPG and TUR), at most max disks in flight
 * (each holds an fd), until each is answered: a device that does not
 * answer is the SCSI midlayer's to time out (30 s a command, as SG_IO's),
 * the batch waits no longer than the slowest command.  An id's two low
 * bits say which of the two it gets; done() is called once a command,
 * with the id's other bits and that command's bit. */
#define SG_BATCH_CMD 1
#define SG_BATCH_TUR 2
struct sg_batch {
	const uint8_t *cdb;
	unsigned char cdb_len;
	uint8_t *buf;
	unsigned int len;
	/* the next disk: an id >= 0 (SG_BATCH_CMD, SG_BATCH_TUR or both
	 * in its low bits) with *dev set, or -1: none until an answer comes
	 * (none at all when nothing is in flight) */
	long (*next)(void *arg, const char **dev);
	/* one command's answer (id: the disk's, its bit), in buf when
	 * r >= 0: sg_result, or -errno of the open (-ENOENT: no sg node),
	 * of the send (-EIO) or of poll */
	void (*done)(void *arg, long id, int r);
	void *arg;
};
int sg_batch_run(const struct sg_batch *b, unsigned int max);

#endif
