/* klibc ships no <scsi/sg.h>; this is the SG_IO v3 interface of the Linux
 * sg driver (include/scsi/sg.h in the kernel's UAPI), only what mpboot
 * uses to send INQUIRY and TEST UNIT READY through a block device. */
#ifndef MPBOOT_COMPAT_SCSI_SG_H
#define MPBOOT_COMPAT_SCSI_SG_H

typedef struct sg_io_hdr {
	int interface_id;           /* 'S' */
	int dxfer_direction;        /* SG_DXFER_* */
	unsigned char cmd_len;
	unsigned char mx_sb_len;    /* max sense bytes to write */
	unsigned short iovec_count;
	unsigned int dxfer_len;
	void *dxferp;
	unsigned char *cmdp;
	void *sbp;                  /* sense buffer */
	unsigned int timeout;       /* milliseconds */
	unsigned int flags;
	int pack_id;
	void *usr_ptr;
	unsigned char status;
	unsigned char masked_status;
	unsigned char msg_status;
	unsigned char sb_len_wr;
	unsigned short host_status;
	unsigned short driver_status;
	int resid;
	unsigned int duration;
	unsigned int info;
} sg_io_hdr_t;

#define SG_DXFER_NONE (-1)
#define SG_DXFER_TO_DEV (-2)
#define SG_DXFER_FROM_DEV (-3)
#define SG_INFO_OK_MASK 0x1
#define SG_INFO_OK 0x0
#define SG_IO 0x2285

#endif
