/* Partition-table parsers: one file per label, tried in a fixed order.
 *
 * Every parser is a pure function of a struct pt_dev, which reads bytes
 * through a caller-supplied read_at() (a block device in kpartx, a memory
 * buffer in the host tests and the fuzzer).  Nothing here prints; problems
 * with the on-disk data come back as struct pt_warn entries in the result
 * and main() decides what to say.
 *
 * Units: struct pt_slice is in 512-byte sectors, the unit of a
 * device-mapper table, whatever the device's logical sector size is (512
 * or 4096).  On-disk LBAs of DOS, GPT and Mac labels are scaled by the
 * label's own block size; BSD, Sun, Solaris and UnixWare labels count
 * 512-byte sectors, as the Linux kernel and kpartx read them.
 *
 * Probe order (pt_labels[] in partitions.c, as kpartx's initpts()):
 *   gpt, dos, bsd, solaris, unixware, mac, sun.
 * GPT comes before DOS so that a protective MBR is never read as a DOS
 * table; the DOS parser also refuses an MBR holding a 0xEE entry.  The
 * first label that yields at least one slice wins. */
#ifndef MPBOOT_PARTITIONS_H
#define MPBOOT_PARTITIONS_H

#include <stddef.h>
#include <stdint.h>

/* Partition numbers are 1..PT_MAX_NUM (kpartx's MAXSLICES). */
#define PT_MAX_NUM 256
#define PT_MAX_WARN 32

struct pt_dev {
	/* Read len bytes at byte offset off into buf: 0 or -errno; a short
	 * read is an error.  Never called beyond size. */
	int (*read_at)(void *ctx, uint64_t off, size_t len, void *buf);
	void *ctx;
	uint64_t size;         /* device size in bytes */
	unsigned int ssz;      /* logical sector size: 512, 1024, 2048, 4096 */
	unsigned int flags;    /* PT_FORCE_GPT */
};

#define PT_FORCE_GPT 1u /* kpartx -g: accept a GPT without protective MBR */

/* Slice flags. */
#define PT_EXTENDED 1u  /* DOS extended partition: maps 2 sectors only */
#define PT_LOGICAL 2u   /* DOS logical partition from the EBR chain */
#define PT_NESTED 4u    /* BSD/Solaris/UnixWare label inside a DOS primary */

struct pt_slice {
	uint64_t start; /* 512-byte sectors from the start of the device */
	uint64_t size;  /* 512-byte sectors, never 0 */
	unsigned int num;   /* kpartx's number: the "-partN" of the map */
	unsigned int knum;  /* the kernel's number (PARTUUID "SSSSSSSS-NN" of
			       a DOS label, /sys/.../partition), 0 if none */
	unsigned int flags;
	uint8_t guid[16];   /* GPT unique partition GUID, as on disk */
};

enum pt_warn_code {
	PT_W_PAST_END = 1,   /* partition ends beyond the device: dropped */
	PT_W_OVERFLOW,       /* start/length overflow 64 bits: dropped */
	PT_W_OUTSIDE_EXT,    /* logical outside its extended partition: dropped */
	PT_W_OUTSIDE_PARENT, /* nested slice outside its DOS partition: dropped */
	PT_W_EBR_LOOP,       /* EBR chain revisits an EBR: chain stopped */
	PT_W_EBR_LIMIT,      /* EBR chain too long: chain stopped */
	PT_W_EBR_BAD,        /* EBR outside extended area / unreadable / no 55AA */
	PT_W_TOO_MANY,       /* more than PT_MAX_NUM partitions: rest ignored */
	PT_W_OVERLAP,        /* partition overlaps partition num2 (kept) */
	PT_W_PARTIAL_OVERLAP,/* BSD/Sun slice straddles another: dropped */
	PT_W_GPT_PRIMARY,    /* primary GPT header/entries invalid: backup used */
	PT_W_GPT_NO_PMBR,    /* valid GPT but no protective MBR: ignored (-g) */
	PT_W_GPT_FORCED,     /* valid GPT, no protective MBR, -g given: used */
	PT_W_GPT_BAD_RANGE,  /* GPT entry with last < first: dropped */
	PT_W_GPT_UNUSABLE,   /* GPT entry outside the usable LBA range (kept) */
	PT_W_BAD_CSUM,       /* Sun label checksum wrong: label ignored */
	PT_W_BAD_VERSION,    /* Solaris vtoc version != 1: label ignored */
	PT_W_LOST,           /* more warnings than PT_MAX_WARN (count only) */
};

struct pt_warn {
	const char *label;   /* parser that raised it */
	unsigned int code;   /* enum pt_warn_code */
	unsigned int num;    /* partition number, 0 if none */
	unsigned int num2;   /* other partition (overlaps); with num 0, the
				label slot 1.. of a slice that got no number
				(a nested BSD slice outside its DOS partition) */
};

struct pt_result {
	const char *label;   /* label that produced the slices, or NULL */
	const char *found;   /* first label recognised, even if every slice
				of it was dropped (the warnings say why) */
	uint32_t disk_sig;   /* DOS: MBR disk signature (offset 440) */
	unsigned int n;
	struct pt_slice slice[PT_MAX_NUM]; /* ascending num */
	unsigned int nwarn;
	unsigned int lost;   /* warnings beyond PT_MAX_WARN */
	struct pt_warn warn[PT_MAX_WARN];
};

/* Try every label in order.  0 with res->n == 0 when no table was found,
 * or -errno for an I/O error other than reading past the end. */
int pt_probe(const struct pt_dev *dev, struct pt_result *res);

/* Only the named label ("gpt", "dos", ...); -ENOENT for an unknown name. */
int pt_probe_one(const struct pt_dev *dev, const char *label,
		 struct pt_result *res);

const char *pt_warn_text(unsigned int code);

/* Names of the labels in probe order, NULL-terminated. */
extern const char *const pt_label_names[];

/* The PARTUUID the kernel gives slice s: the GPT unique partition GUID
 * in its usual text form, or "ssssssss-nn" (disk signature, kernel
 * number, block/partitions/msdos.c) for a DOS label.  0, or -ENOENT when
 * the kernel gives it none (nested labels, Sun, ...). */
int pt_partuuid(const struct pt_result *res, const struct pt_slice *s,
		char out[37]);

/* The slice whose PARTUUID is want (case-insensitive), or NULL. */
const struct pt_slice *pt_by_partuuid(const struct pt_result *res,
				      const char *want);

/* Format 16 bytes as a UUID string; gpt != 0 uses the GUID mixed-endian
 * layout (first three fields little-endian, UEFI 2.10 appendix A). */
void pt_uuid_str(const uint8_t b[16], int gpt, char out[37]);

#endif
