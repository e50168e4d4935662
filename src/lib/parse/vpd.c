/* VPD page parsers, see vpd.h.
 *
 * Device Identification VPD page (SPC-4 7.8.6):
 *   byte 1      page code 0x83
 *   bytes 2-3   page length n-3 (big endian)
 *   bytes 4..n  designation descriptors, each:
 *     byte 0  protocol identifier (7:4), code set (3:0): 1 binary, 2 ASCII,
 *             3 UTF-8
 *     byte 1  PIV (7), association (5:4): 0 logical unit, 1 target port,
 *             2 target device, 3 reserved; designator type (3:0)
 *     byte 3  designator length L, designator in bytes 4..L+3
 *   NAA designators (7.8.6.6) carry the NAA field in the top nibble of the
 *   first byte: 2h IEEE Extended (8 bytes), 3h Locally Assigned (8),
 *   5h IEEE Registered (8), 6h IEEE Registered Extended (16).
 *   EUI-64 designators (7.8.6.5) are 8, 12 or 16 bytes.
 *   T10 vendor ID designators (7.8.6.4) start with the 8-byte vendor id.
 *   SCSI name strings (7.8.6.11) are UTF-8, start with "eui.", "naa." or
 *   "iqn.", NUL terminated and padded to a multiple of 4.
 *
 * Only logical-unit designators name the LU; port and device ones differ
 * between paths.  Among those, the highest rank wins and the first of
 * equal rank wins, as in multipath-tools.  The ranks (enum vpd_desig) are
 * multipath-tools' order with one change: NAA Locally Assigned ranks
 * with the other NAA types, above EUI-64, instead of below T10.  Debian's
 * multipath-tools takes the WWID from udev's ID_SERIAL (scsi_id, or
 * sg3_utils' rules), and both of those, like the kernel's
 * /sys/block/X/device/wwid, prefer any NAA designator over EUI-64 and T10;
 * scsi_debug reports a T10 and an NAA 3h designator and the booted system
 * names it 3333333300000xxxx, so this order is the one that interoperates.
 *
 * Formatting follows multipath-tools: type digit, then NAA/EUI-64 bytes in
 * lower-case hex (code set ignored: these are binary by definition); T10
 * text with each run of spaces turned into one '_' and trailing spaces
 * dropped; name strings with the prefix dropped, ending at the first NUL,
 * lower-cased for eui./naa.  The result is cut to size-1 characters (an
 * odd count for hex, so no half byte) when the caller's buffer is short.
 *
 * A text designator (T10, name) is used only if the WWID carries it
 * exactly (exact_len): every byte in udev's ID_SERIAL set (the WWID
 * becomes a map name and a DM UUID), spaces only in T10, nothing but NULs
 * after a NUL, hex digits after "eui."/"naa.", at most VPD_WWID_SIZE - 1
 * characters.  multipath-tools and udev cut at a NUL, turn other bytes
 * into '_' and truncate, so two LUs the kernel tells apart (its
 * device/wwid escapes such bytes) could share one WWID, i.e. one map over
 * two disks; such a designator is skipped and the next one used, else
 * there is no WWID (-EILSEQ).  What still maps to one WWID, as in
 * multipath-tools: T10 ids that differ only in how many spaces pad a field
 * (SPC-4 pads with spaces), in a '_' where the other has spaces, or in
 * trailing spaces/NULs. */
#include <errno.h>
#include <string.h>

#include "str.h"
#include "vpd.h"

#define DESIG_T10 0x1
#define DESIG_EUI64 0x2
#define DESIG_NAA 0x3
#define DESIG_NAME 0x8

static enum vpd_desig naa_rank(const uint8_t *d, unsigned int len)
{
	if (!len)
		return VPD_DESIG_NONE;
	switch (d[0] >> 4) {
	case 6:
		return len == 16 ? VPD_DESIG_NAA_REG_EXT : VPD_DESIG_NONE;
	case 5:
		return len == 8 ? VPD_DESIG_NAA_REG : VPD_DESIG_NONE;
	case 2:
		return len == 8 ? VPD_DESIG_NAA_EXT : VPD_DESIG_NONE;
	case 3:
		return len == 8 ? VPD_DESIG_NAA_LOCAL : VPD_DESIG_NONE;
	default:
		return VPD_DESIG_NONE; /* reserved NAA values */
	}
}

static int name_prefix(const uint8_t *d, unsigned int len)
{
	if (len < 4)
		return 0;
	if (!memcmp(d, "eui.", 4))
		return '2';
	if (!memcmp(d, "naa.", 4))
		return '3';
	if (!memcmp(d, "iqn.", 4))
		return '8';
	return 0;
}

/* The WWID length of a text designator d[i..len) (see the top), or 0 if
 * the WWID could not carry it exactly.  t10: spaces allowed (runs become
 * one '_'); hex: only hex digits (eui./naa. names, case folded). */
static size_t exact_len(const uint8_t *d, unsigned int len, unsigned int i,
			int t10, int hex)
{
	size_t o = 1;
	int gap = 0;

	for (; i < len && d[i]; i++) {
		if (t10 && d[i] == ' ') {
			gap = 1;
			continue;
		}
		if (!str_udev_char(d[i]) ||
		    (hex && !strchr("0123456789abcdefABCDEF", d[i])))
			return 0;
		o += 1 + (size_t)gap;
		gap = 0;
	}
	while (i < len)
		if (d[i++])
			return 0;
	return o < VPD_WWID_SIZE ? o : 0;
}

/* Rank of one logical-unit designator d[0..len) of the given type; NONE
 * for designators that are malformed or would give an empty WWID, -1 for
 * text the WWID cannot carry exactly. */
static int desig_rank(unsigned int type, const uint8_t *d, unsigned int len)
{
	int pre = name_prefix(d, len);
	size_t n;

	switch (type) {
	case DESIG_NAA:
		return naa_rank(d, len);
	case DESIG_EUI64:
		return len == 8 || len == 12 || len == 16 ? VPD_DESIG_EUI64
							  : VPD_DESIG_NONE;
	case DESIG_NAME:
		if (!pre)
			return VPD_DESIG_NONE;
		n = exact_len(d, len, 4, 0, pre != '8');
		return n > 1 ? VPD_DESIG_NAME : n ? VPD_DESIG_NONE : -1;
	case DESIG_T10:
		if (len < 8)
			return VPD_DESIG_NONE;
		n = exact_len(d, len, 0, 1, 0);
		return n > 1 ? VPD_DESIG_T10 : n ? VPD_DESIG_NONE : -1;
	default:
		return VPD_DESIG_NONE;
	}
}

static void fmt_hex(char digit, const uint8_t *d, unsigned int len,
		    char *out, size_t size)
{
	static const char hex[] = "0123456789abcdef";
	size_t n = 1 + 2 * (size_t)len, i;

	if (n >= size)
		n = 2 * (size / 2) - 1; /* whole bytes only */
	out[0] = digit;
	for (i = 1; i < n; i++) {
		uint8_t b = d[(i - 1) / 2];

		out[i] = hex[(i & 1) ? b >> 4 : b & 0xf];
	}
	out[n] = '\0';
}

/* A text designator exact_len accepted: type digit, then the text from
 * d[i], runs of spaces as one '_' (T10 only has them), eui./naa. names
 * lower-cased. */
static void fmt_text(char digit, const uint8_t *d, unsigned int len,
		     unsigned int i, char *out, size_t size)
{
	size_t o = 1;
	int gap = 0;

	out[0] = digit;
	for (; i < len && d[i] && o < size - 1; i++) {
		uint8_t c = d[i];

		if (c == ' ') {
			gap = 1;
			continue;
		}
		if (gap) {
			out[o++] = '_';
			gap = 0;
			if (o >= size - 1)
				break;
		}
		if (digit < '4' && digit > '1' && c >= 'A' && c <= 'Z')
			c = (uint8_t)(c - 'A' + 'a');
		out[o++] = (char)c;
	}
	out[o] = '\0';
}

int vpd_pg83_wwid(const uint8_t *buf, size_t len, char *out, size_t size,
		  enum vpd_desig *kind)
{
	const uint8_t *best = NULL;
	int best_rank = VPD_DESIG_NONE, inexact = 0;
	size_t end, off;
	unsigned int dlen;

	if (kind)
		*kind = VPD_DESIG_NONE;
	if (size < 2)
		return -EINVAL;
	out[0] = '\0';
	if (len < 4 || buf[1] != 0x83)
		return -EINVAL;
	end = 4 + (size_t)vpd_be16(buf + 2);
	if (end > len)
		end = len; /* page longer than what we could read */

	for (off = 4; off + 4 <= end; off += 4 + (size_t)dlen) {
		const uint8_t *d = buf + off;
		int r;

		dlen = d[3];
		/* A designator running past the page ends the walk: what
		 * follows cannot be trusted, what preceded it can. */
		if (off + 4 + dlen > end)
			break;
		if ((d[1] & 0x30) != 0)
			continue; /* port, device or reserved association */
		r = desig_rank(d[1] & 0xf, d + 4, dlen);
		inexact |= r < 0;
		if (r > best_rank) {
			best_rank = r;
			best = d;
		}
	}
	if (!best)
		return inexact ? -EILSEQ : -ENODATA;

	dlen = best[3];
	switch (best[1] & 0xf) {
	case DESIG_NAA:
		fmt_hex('3', best + 4, dlen, out, size);
		break;
	case DESIG_EUI64:
		fmt_hex('2', best + 4, dlen, out, size);
		break;
	case DESIG_NAME:
		fmt_text((char)name_prefix(best + 4, dlen), best + 4, dlen, 4,
			 out, size);
		break;
	default:
		fmt_text('1', best + 4, dlen, 0, out, size);
		break;
	}
	if (kind)
		*kind = (enum vpd_desig)best_rank;
	return 0;
}

int vpd_pg80_serial(const uint8_t *buf, size_t len, char *out, size_t size)
{
	size_t end, b, e, o = 0;

	if (size < 1)
		return -EINVAL;
	out[0] = '\0';
	if (len < 4 || buf[1] != 0x80)
		return -EINVAL;
	end = 4 + (size_t)vpd_be16(buf + 2);
	if (end > len)
		end = len;
	/* The serial is ASCII, right-aligned and blank-padded (SPC-4 7.8.15);
	 * a NUL ends it early. */
	e = 4;
	while (e < end && buf[e])
		e++;
	b = 4;
	while (b < e && buf[b] == ' ')
		b++;
	while (e > b && buf[e - 1] == ' ')
		e--;
	for (; b < e && o < size - 1; b++)
		out[o++] = buf[b] > 0x20 && buf[b] < 0x7f ? (char)buf[b] : '_';
	out[o] = '\0';
	return o ? 0 : -ENODATA;
}
