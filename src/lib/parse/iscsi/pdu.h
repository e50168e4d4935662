/* iSCSI Basic Header Segments (RFC 7143 §11.2), the few PDUs a login,
 * a SendTargets discovery and a logout need: pure builders and a parser
 * over the 48 bytes, fields in host order.  No I/O here (see io.c). */
#ifndef MPBOOT_ISCSI_PDU_H
#define MPBOOT_ISCSI_PDU_H

#include <stddef.h>
#include <stdint.h>

#define ISCSI_BHS_LEN 48
/* RFC 7143 §11.2.1.5: DataSegmentLength is 24 bits */
#define ISCSI_DLEN_MAX 0xffffffu
#define ISCSI_PAD4(n) (((n) + 3u) & ~3u)

/* §11.2.1.2 opcodes, initiator's then target's */
enum {
	ISCSI_OP_NOP_OUT = 0x00,
	ISCSI_OP_LOGIN = 0x03,
	ISCSI_OP_TEXT = 0x04,
	ISCSI_OP_LOGOUT = 0x06,
	ISCSI_OP_NOP_IN = 0x20,
	ISCSI_OP_LOGIN_RSP = 0x23,
	ISCSI_OP_TEXT_RSP = 0x24,
	ISCSI_OP_LOGOUT_RSP = 0x26,
	ISCSI_OP_ASYNC = 0x32,
	ISCSI_OP_REJECT = 0x3f,
};

/* byte 1 of Login (§11.12.1-4) and Text (§11.10.1-2) PDUs */
#define ISCSI_FLAG_FINAL 0x80   /* Text F; Login T (transit) */
#define ISCSI_FLAG_CONT 0x40    /* C: the text goes on in the next PDU */
#define ISCSI_LOGIN_CSG(f) (((f) >> 2) & 3)
#define ISCSI_LOGIN_NSG(f) ((f) & 3)
#define ISCSI_LOGIN_FLAGS(t, csg, nsg) \
	((uint8_t)(((t) ? ISCSI_FLAG_FINAL : 0) | (csg) << 2 | (nsg)))
enum { ISCSI_STAGE_SEC = 0, ISCSI_STAGE_OP = 1, ISCSI_STAGE_FULL = 3 };

/* One BHS.  Bytes 8-15 are ISID+TSIH in Login PDUs and the LUN in the
 * others; bytes 20-47 change meaning per opcode, named after the login
 * PDUs with the others noted. */
struct iscsi_pdu {
	uint8_t op;          /* opcode, I bit apart */
	uint8_t immediate;   /* I bit (initiator PDUs) */
	uint8_t flags;       /* byte 1 */
	uint8_t b2, b3;      /* Login: Version-max, Version-min/active;
	                      * Logout Response: byte 2 = Response */
	uint8_t ahs_len;     /* TotalAHSLength, 4-byte words */
	uint32_t dlen;       /* DataSegmentLength */
	uint8_t isid[6];     /* Login only */
	uint16_t tsih;       /* Login only */
	uint64_t lun;        /* Text, NOP: bytes 8-15 */
	uint32_t itt;
	uint32_t w20;        /* Login: CID << 16; Text/NOP: TTT; Logout: CID << 16 */
	uint32_t sn1;        /* requests: CmdSN; responses: StatSN */
	uint32_t sn2;        /* requests: ExpStatSN; responses: ExpCmdSN */
	uint32_t max_cmdsn;  /* responses: MaxCmdSN */
	uint8_t status_class, status_detail; /* Login Response bytes 36-37 */
	uint16_t t2w, t2r;   /* Logout Response bytes 40-43 */
	uint8_t reason;      /* Reject: byte 2 */
};

/* Write p as a 48-byte BHS.  Only initiator opcodes; -EINVAL otherwise
 * or for a DataSegmentLength over 24 bits. */
int iscsi_pdu_build(const struct iscsi_pdu *p, uint8_t out[ISCSI_BHS_LEN]);

/* Read a BHS received from a target: 0, or -EPROTO for an opcode a
 * target may not send, an initiator-only bit set, or an AHS (none of
 * the PDUs we take carries one). */
int iscsi_pdu_parse(const uint8_t *buf, size_t len, struct iscsi_pdu *p);

/* "authentication failure" etc. for a Login Response's Status-Class and
 * Status-Detail (§11.13.5), never NULL. */
const char *iscsi_login_status(uint8_t cls, uint8_t detail);

#endif
