/* See ibft.h.  Layouts (little-endian, offsets from the start of each
 * structure; iBFT 1.03 section 3):
 *   table header  48 bytes: the ACPI header (signature, length u32 at 4)
 *                 and 12 reserved
 *   every block   id u8, version u8, length u16, index u8, flags u8
 *                 (bit 0: block valid)
 *   control (1)   at 48: initiator, nic0, target0, nic1, target1 offsets,
 *                 u16 each, at 8, 10, 12, 14, 16
 *   initiator (2) name length, offset at 70, 72
 *   NIC (3)       address [16] at 6, prefix at 22, origin at 23, gateway
 *                 [16] at 24, MAC [6] at 90
 *   target (4)    address [16] at 6, port at 22, LUN [8] at 24 (SAM),
 *                 CHAP type at 32 (1 CHAP, 2 mutual), then length,
 *                 offset pairs at 34 (name), 38, 42 (CHAP name, secret),
 *                 46, 50 (reverse CHAP name, secret)
 * Addresses are 16 bytes, IPv4 mapped (::ffff:a.b.c.d). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ibft.h"

static unsigned int le16(const uint8_t *p)
{
	return p[0] | (unsigned int)p[1] << 8;
}

static int bad(const char **why, const char *what, int err)
{
	*why = what;
	return err;
}

/* The block of type id and at least size bytes whose offset is at
 * control+at; NULL when absent (offset 0) or not valid.  -EINVAL in *err
 * when it lies outside the table or is of another type. */
static const uint8_t *block(const uint8_t *b, unsigned int tlen, unsigned int at,
			    unsigned int id, unsigned int size, int *err)
{
	unsigned int off = le16(b + 48 + at);
	const uint8_t *p = b + off;

	if (!off)
		return NULL;
	if (off + size > tlen || p[0] != id || le16(p + 2) < size) {
		*err = -EINVAL;
		return NULL;
	}
	return p[5] & 1 ? p : NULL;
}

/* The string at the (length, offset) pair p[0..4) into dst[size]. */
static int str(const uint8_t *b, unsigned int tlen, const uint8_t *p, char *dst, size_t size)
{
	unsigned int n = le16(p), off = le16(p + 2);

	if (n >= size || off + n > tlen || memchr(b + off, '\0', n))
		return -EINVAL;
	memcpy(dst, b + off, n);
	dst[n] = '\0';
	return 0;
}

/* A 16-byte address as IPv4 (0 for all zeros); -EAFNOSUPPORT for IPv6. */
static int ipv4(const uint8_t *a, uint32_t *out)
{
	static const uint8_t mapped[12] = { [10] = 0xff, [11] = 0xff };
	unsigned int i;

	*out = (uint32_t)a[12] << 24 | (uint32_t)a[13] << 16 | (uint32_t)a[14] << 8 | a[15];
	for (i = 0; i < 12 && !a[i]; i++)
		;
	if (i == 12 && !*out)
		return 0;
	return memcmp(a, mapped, 12) ? -EAFNOSUPPORT : 0;
}

int ibft_parse(const uint8_t *b, size_t len, struct ibft *t, const char **why)
{
	const uint8_t *p;
	unsigned int tlen, i;
	uint32_t a;
	int err = 0;

	memset(t, 0, sizeof(*t));
	*why = NULL;
	if (len < 66 || (memcmp(b, "iBFT", 4) && memcmp(b, "IBFT", 4) && memcmp(b, "BIFT", 4)))
		return bad(why, "not an iBFT", -EINVAL);
	tlen = le16(b + 4);
	/* the table's length, bounded by what was read (and 64 KiB: every
	 * offset in it is 16 bits) */
	if (b[6] || b[7] || tlen > len || tlen < 66 || b[48] != 1)
		return bad(why, "bad length or control block", -EINVAL);
	p = block(b, tlen, 8, 2, 74, &err);
	if ((p && str(b, tlen, p + 70, t->initiator, sizeof(t->initiator))) ||
	    (t->initiator[0] && !iscsi_name_ok(t->initiator)))
		return bad(why, "bad initiator name", -EINVAL);
	for (i = 0; i < IBFT_MAX && !err; i++) {
		struct net_ifconf *n = &t->nic[t->nnic];
		struct iscsi_boot_portal *g = &t->tgt[t->ntgt];

		if ((p = block(b, tlen, 10 + 4 * i, 3, 102, &err))) {
			if ((err = ipv4(p + 6, &n->addr)) || (err = ipv4(p + 24, &n->gw)))
				break;
			n->prefix = p[22];
			n->method = p[23] == 3 ? NET_DHCP : NET_STATIC;
			memcpy(n->mac, p + 90, 6);
			n->has_mac = 1;
			/* a prefix over 32, or neither an address nor DHCP */
			if (p[22] > 32 || (!n->addr && p[23] != 3))
				return bad(why, "bad NIC prefix or address", -EINVAL);
			t->nnic++;
		}
		if (err || !(p = block(b, tlen, 12 + 4 * i, 4, 54, &err)))
			continue;
		if ((err = ipv4(p + 6, &a)))
			break;
		snprintf(g->server, sizeof(g->server), "%u.%u.%u.%u", a >> 24, a >> 16 & 255,
			 a >> 8 & 255, a & 255);
		g->port = (uint16_t)(le16(p + 22) ? le16(p + 22) : 3260);
		g->lun = (p[24] & 0x3fu) << 8 | p[25]; /* SAM flat space */
		if (!a || str(b, tlen, p + 34, g->target, sizeof(g->target)) ||
		    !iscsi_name_ok(g->target))
			return bad(why, "bad target address or name", -EINVAL);
		/* CHAP type 1: name and secret at 38, 42; 2 (mutual): and
		 * the reverse ones at 46, 50 */
		if ((p[32] && (str(b, tlen, p + 38, g->user, ISCSI_SECRET_MAX) ||
			       str(b, tlen, p + 42, g->pass, ISCSI_SECRET_MAX) || !g->user[0] ||
			       !g->pass[0])) ||
		    (p[32] == 2 && (str(b, tlen, p + 46, g->ruser, ISCSI_SECRET_MAX) ||
				    str(b, tlen, p + 50, g->rpass, ISCSI_SECRET_MAX) ||
				    !g->ruser[0] || !g->rpass[0])))
			return bad(why, "bad CHAP name or secret", -EINVAL);
		t->ntgt++;
	}
	if (err == -EAFNOSUPPORT)
		return bad(why, "IPv6 is not supported", err);
	if (err)
		return bad(why, "a block outside the table or of the wrong type", err);
	return 0;
}
