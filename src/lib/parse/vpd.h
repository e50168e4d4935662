/* SCSI Vital Product Data parsers: the WWID of a logical unit from the
 * Device Identification page (0x83) and the Unit Serial Number page (0x80).
 *
 * Pure functions over a byte buffer (the raw page as the kernel exposes it
 * in /sys/block/X/device/vpd_pg83, or as INQUIRY EVPD returns it), so they
 * are host-tested and fuzzable.  The device is hostile: every length comes
 * from the buffer and is checked against the buffer.
 *
 * The WWID string is what the booted system's multipath-tools will compute
 * for the same LU, so that it adopts our maps:
 *   '3' + NAA designator in lower-case hex
 *   '2' + EUI-64 designator in lower-case hex
 *   '1' + T10 vendor id, runs of spaces as one '_'
 *   '8' + SCSI name string ("iqn." prefix dropped; "eui."/"naa." names
 *         become '2'/'3' + lower-case)
 * See vpd.c for the selection order and the reasons for it. */
#ifndef MPBOOT_VPD_H
#define MPBOOT_VPD_H

#include <stddef.h>
#include <stdint.h>

/* multipath-tools' WWID_SIZE: a WWID has at most 127 characters. */
#define VPD_WWID_SIZE 128

/* Designator types (SPC-4 table 459) and the rank we give them. */
enum vpd_desig {
	VPD_DESIG_NONE = 0,
	VPD_DESIG_T10,           /* type 1 */
	VPD_DESIG_NAME,          /* type 8, SCSI name string */
	VPD_DESIG_EUI64,         /* type 2 */
	VPD_DESIG_NAA_LOCAL,     /* type 3, NAA 3h */
	VPD_DESIG_NAA_EXT,       /* type 3, NAA 2h */
	VPD_DESIG_NAA_REG,       /* type 3, NAA 5h */
	VPD_DESIG_NAA_REG_EXT,   /* type 3, NAA 6h */
};

/* Derive the WWID from a Device Identification VPD page.
 * buf/len: the bytes read (len may be shorter or longer than the page's
 * own length field says; only the overlap is used).  out[size] receives a
 * NUL-terminated WWID (size >= 2; VPD_WWID_SIZE gives multipath-tools'
 * truncation).  *kind (may be NULL) tells which designator was used.
 * 0, -EINVAL (not a page 0x83 / shorter than its header),
 * -ENODATA (no usable logical-unit designator), -EILSEQ (none usable,
 * and a text designator was skipped because the WWID could not carry it
 * exactly: see vpd.c). */
int vpd_pg83_wwid(const uint8_t *buf, size_t len, char *out, size_t size,
		  enum vpd_desig *kind);

/* Unit serial number from page 0x80, leading/trailing blanks stripped,
 * non-printable bytes shown as '_'.  0, -EINVAL, -ENODATA (empty). */
int vpd_pg80_serial(const uint8_t *buf, size_t len, char *out, size_t size);

/* Big-endian accessor shared by the SCSI code. */
static inline unsigned int vpd_be16(const uint8_t *p)
{
	return (unsigned int)p[0] << 8 | p[1];
}

#endif
