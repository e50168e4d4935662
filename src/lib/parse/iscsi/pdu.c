/* BHS layouts of RFC 7143: Login Request §11.12, Login Response §11.13,
 * Text Request §11.10, Text Response §11.11, Logout Request §11.14,
 * Logout Response §11.15, NOP-Out §11.18, NOP-In §11.19, Reject §11.17.
 * Every field big-endian (§11.1), read byte by byte. */
#include <errno.h>
#include <string.h>

#include "pdu.h"

static void put32(uint8_t *b, uint32_t v)
{
	b[0] = (uint8_t)(v >> 24);
	b[1] = (uint8_t)(v >> 16);
	b[2] = (uint8_t)(v >> 8);
	b[3] = (uint8_t)v;
}

static uint32_t get32(const uint8_t *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static int is_login(uint8_t op)
{
	return op == ISCSI_OP_LOGIN || op == ISCSI_OP_LOGIN_RSP;
}

int iscsi_pdu_build(const struct iscsi_pdu *p, uint8_t b[ISCSI_BHS_LEN])
{
	unsigned int i;

	switch (p->op) {
	case ISCSI_OP_NOP_OUT:
	case ISCSI_OP_LOGIN:
	case ISCSI_OP_TEXT:
	case ISCSI_OP_LOGOUT:
		break;
	default:
		return -EINVAL;
	}
	if (p->dlen > ISCSI_DLEN_MAX)
		return -EINVAL;
	memset(b, 0, ISCSI_BHS_LEN);
	/* §11.12.1: a Login Request always has the I bit */
	b[0] = (uint8_t)(p->op | (p->immediate || p->op == ISCSI_OP_LOGIN ? 0x40 : 0));
	b[1] = p->flags;
	b[2] = p->b2;
	b[3] = p->b3;
	put32(b + 4, p->dlen); /* byte 4, TotalAHSLength, stays 0 */
	if (is_login(p->op)) {
		memcpy(b + 8, p->isid, 6);
		b[14] = (uint8_t)(p->tsih >> 8);
		b[15] = (uint8_t)p->tsih;
	} else {
		for (i = 0; i < 8; i++)
			b[8 + i] = (uint8_t)(p->lun >> (56 - 8 * i));
	}
	put32(b + 16, p->itt);
	put32(b + 20, p->w20);
	put32(b + 24, p->sn1);
	put32(b + 28, p->sn2);
	return 0;
}

int iscsi_pdu_parse(const uint8_t *b, size_t len, struct iscsi_pdu *p)
{
	unsigned int i;

	if (len < ISCSI_BHS_LEN)
		return -EINVAL;
	memset(p, 0, sizeof(*p));
	/* §11.2.1.1: byte 0 bit 7 is reserved, bit 6 (I) only from initiators */
	if (b[0] & 0xc0)
		return -EPROTO;
	p->op = b[0] & 0x3f;
	switch (p->op) {
	case ISCSI_OP_NOP_IN:
	case ISCSI_OP_LOGIN_RSP:
	case ISCSI_OP_TEXT_RSP:
	case ISCSI_OP_LOGOUT_RSP:
	case ISCSI_OP_ASYNC:
	case ISCSI_OP_REJECT:
		break;
	default:
		return -EPROTO;
	}
	p->flags = b[1];
	p->b2 = b[2];
	p->b3 = b[3];
	p->reason = b[2];
	p->ahs_len = b[4];
	if (p->ahs_len)
		return -EPROTO;
	p->dlen = get32(b + 4) & ISCSI_DLEN_MAX;
	if (is_login(p->op)) {
		memcpy(p->isid, b + 8, 6);
		p->tsih = (uint16_t)(b[14] << 8 | b[15]);
	} else {
		for (i = 0; i < 8; i++)
			p->lun = p->lun << 8 | b[8 + i];
	}
	p->itt = get32(b + 16);
	p->w20 = get32(b + 20);
	p->sn1 = get32(b + 24);
	p->sn2 = get32(b + 28);
	p->max_cmdsn = get32(b + 32);
	p->status_class = b[36];
	p->status_detail = b[37];
	p->t2w = (uint16_t)(b[40] << 8 | b[41]);
	p->t2r = (uint16_t)(b[42] << 8 | b[43]);
	return 0;
}

/* §11.13.5, as class << 8 | detail */
static const struct {
	uint16_t code;
	const char *what;
} login_status[] = {
	{ 0x0101, "target moved temporarily" },
	{ 0x0102, "target moved permanently" },
	{ 0x0200, "initiator error" },
	{ 0x0201, "authentication failure" },
	{ 0x0202, "authorization failure" },
	{ 0x0203, "target not found" },
	{ 0x0204, "target removed" },
	{ 0x0205, "unsupported version" },
	{ 0x0206, "too many connections" },
	{ 0x0207, "missing parameter" },
	{ 0x0208, "cannot include in session" },
	{ 0x0209, "session type not supported" },
	{ 0x020a, "session does not exist" },
	{ 0x020b, "invalid request during login" },
	{ 0x0300, "target error" },
	{ 0x0301, "service unavailable" },
	{ 0x0302, "out of resources" },
};

const char *iscsi_login_status(uint8_t cls, uint8_t detail)
{
	unsigned int i, code = (unsigned int)cls << 8 | detail;

	for (i = 0; i < sizeof(login_status) / sizeof(login_status[0]); i++)
		if (login_status[i].code == code)
			return login_status[i].what;
	switch (cls) {
	case 0:
		return "success";
	case 1:
		return "redirection";
	case 2:
		return "initiator error";
	case 3:
		return "target error";
	}
	return "unknown status";
}
