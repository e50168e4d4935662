/* A test-side iBFT writer (iBFT 1.03) for tests/t_ibft.c ("t_ibft --write
 * FILE": the table qemu-tests/iscsi-ibft.sh hands to qemu's -acpitable;
 * the kernel's iscsi_ibft shows it in /sys/firmware/ibft).  Offsets from
 * the spec's structure definitions, blocks 8-byte aligned, strings NUL-terminated
 * after the blocks, the ACPI checksum making the byte sum 0. */
#ifndef MPBOOT_IBFT_BUILD_H
#define MPBOOT_IBFT_BUILD_H

#include <stdint.h>
#include <string.h>

struct ib_nic {
	int valid;
	uint8_t ip[4], gw[4], prefix, origin, mac[6];
	int ipv6; /* write ip as fd00::1 instead */
};
struct ib_tgt {
	int valid;
	uint8_t ip[4];
	uint16_t port, lun;
	uint8_t chap; /* 0, 1, 2 */
	const char *name, *user, *pass, *ruser, *rpass;
};
struct ib_spec {
	const char *sig;      /* "iBFT" if NULL */
	const char *initiator;
	struct ib_nic nic[2];
	struct ib_tgt tgt[2];
};

#define IB_CTRL 48
#define IB_INI 72
#define IB_NIC0 152
#define IB_TGT0 256
#define IB_NIC1 312
#define IB_TGT1 416
#define IB_STR 472

static void ib_put16(uint8_t *p, unsigned int v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void ib_hdr(uint8_t *p, uint8_t id, unsigned int len, uint8_t index, int valid)
{
	p[0] = id;
	p[1] = 1;
	ib_put16(p + 2, len);
	p[4] = index;
	p[5] = valid ? 3 : 0; /* valid, firmware boot selected */
}

static void ib_ip(uint8_t *p, const uint8_t ip[4])
{
	if (!ip[0] && !ip[1] && !ip[2] && !ip[3])
		return; /* all zeros: none */
	p[10] = p[11] = 0xff;
	memcpy(p + 12, ip, 4);
}

/* a string at the end, its (length, offset) at p */
static unsigned int ib_str(uint8_t *b, unsigned int end, uint8_t *p, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (!s)
		return end;
	memcpy(b + end, s, n + 1);
	ib_put16(p, (unsigned int)n);
	ib_put16(p + 2, end);
	return end + (unsigned int)n + 1;
}

/* Write the table into b (4096 bytes, zeroed here); its length. */
static unsigned int ib_build(uint8_t *b, const struct ib_spec *s)
{
	static const unsigned int nic_off[2] = { IB_NIC0, IB_NIC1 }, tgt_off[2] = { IB_TGT0, IB_TGT1 };
	unsigned int end = IB_STR, i, sum = 0;

	memset(b, 0, 4096);
	memcpy(b, s->sig ? s->sig : "iBFT", 4);
	b[8] = 1;                       /* revision */
	memcpy(b + 10, "MPBOOT", 6);    /* OEM ID */
	memcpy(b + 16, "MPBTIBFT", 8);  /* OEM table ID */
	ib_hdr(b + IB_CTRL, 1, 18, 0, 1);
	ib_put16(b + IB_CTRL + 8, IB_INI);
	ib_hdr(b + IB_INI, 2, 74, 0, 1);
	end = ib_str(b, end, b + IB_INI + 70, s->initiator);
	for (i = 0; i < 2; i++) {
		const struct ib_nic *n = &s->nic[i];
		const struct ib_tgt *t = &s->tgt[i];
		uint8_t *p = b + nic_off[i];

		if (n->valid >= 0) {
			ib_put16(b + IB_CTRL + 10 + 4 * i, nic_off[i]);
			ib_hdr(p, 3, 102, (uint8_t)i, n->valid);
			if (n->ipv6) {
				p[6] = 0xfd;
				p[21] = 1;
			} else {
				ib_ip(p + 6, n->ip);
			}
			p[22] = n->prefix;
			p[23] = n->origin;
			ib_ip(p + 24, n->gw);
			memcpy(p + 90, n->mac, 6);
		}
		p = b + tgt_off[i];
		if (t->valid >= 0) {
			ib_put16(b + IB_CTRL + 12 + 4 * i, tgt_off[i]);
			ib_hdr(p, 4, 54, (uint8_t)i, t->valid);
			ib_ip(p + 6, t->ip);
			ib_put16(p + 22, t->port);
			p[24] = (uint8_t)(t->lun >> 8);
			p[25] = (uint8_t)t->lun;
			p[32] = t->chap;
			p[33] = (uint8_t)i;
			end = ib_str(b, end, p + 34, t->name);
			end = ib_str(b, end, p + 38, t->user);
			end = ib_str(b, end, p + 42, t->pass);
			end = ib_str(b, end, p + 46, t->ruser);
			end = ib_str(b, end, p + 50, t->rpass);
		}
	}
	end = (end + 15) & ~15u;
	b[4] = (uint8_t)end;
	b[5] = (uint8_t)(end >> 8);
	for (i = 0; i < end; i++)
		sum += b[i];
	b[9] = (uint8_t)(0x100 - (sum & 0xff));
	return end;
}

#endif
