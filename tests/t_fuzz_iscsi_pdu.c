/* Fuzz target over what a target sends during a login: the input is a
 * 48-byte BHS and its data segment, read as the login code reads them
 * (src/lib/parse/iscsi/pdu.c, text.c, param.c, chap.c).  See fuzz_replay.h.
 * Invariants (abort on violation): the BHS parser returns 0, -EINVAL or
 * -EPROTO only; on success the opcode is one a target may send and the
 * length fits 24 bits; the text reader's keys are NUL-terminated,
 * at most 63 bytes, free of '=', and its values end inside the buffer;
 * negotiation returns 1, 0 or -EPROTO and every result stays inside the
 * key's range and on the right side of our offer; the answers it writes
 * are a well-formed list; CHAP takes return 1, 0 or -EPROTO. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_replay.h"
#include "iscsi/chap.h"
#include "iscsi/param.h"
#include "iscsi/pdu.h"
#include "iscsi/text.h"

static void check_list(const char *b, size_t len)
{
	char k[ISCSI_KEY_MAX + 1];
	const char *v;
	size_t off = 0;
	int r;

	while ((r = iscsi_text_next(b, len, &off, k, &v)) > 0)
		;
	if (r)
		abort();
}

/* A result is the target's answer on the right side of our offer, or
 * the RFC 7143 §13 default when it gave none (or Reject &c.). */
#define LE(k, dflt) (n->got[k] <= n->want[k] || n->got[k] == (dflt))
#define GE(k, dflt) (n->got[k] >= n->want[k] || n->got[k] == (dflt))

static void check_neg(const struct iscsi_neg *n)
{
	if (n->got[IK_HDR_DGST] > 1 || n->got[IK_DATA_DGST] > 1 ||
	    !LE(IK_MAX_BURST, 262144) || !LE(IK_FIRST_BURST, 65536) ||
	    !LE(IK_MAX_R2T, 1) || n->got[IK_ERL] != 0 || !LE(IK_T2R, 20) ||
	    !GE(IK_T2W, 2) || n->got[IK_T2W] > 3600 || n->got[IK_INITIAL_R2T] > 1 ||
	    n->got[IK_IMM_DATA] > 1 || n->got[IK_IFMARKER] || n->got[IK_OFMARKER] ||
	    n->got[IK_PDU_INORDER] != 1 || n->got[IK_SEQ_INORDER] != 1 ||
	    n->max_xmit_dlen < 512 || n->max_xmit_dlen > 16777215)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char k[ISCSI_KEY_MAX + 1], ans[1024], offer[2048];
	struct iscsi_text t, o;
	struct iscsi_pdu p;
	struct iscsi_neg n;
	struct chap c;
	const char *b = (const char *)data + ISCSI_BHS_LEN, *v;
	size_t len, off = 0;
	int r;

	r = iscsi_pdu_parse(data, size, &p);
	if (r != 0 && r != -EINVAL && r != -EPROTO)
		abort();
	if (r)
		return 0;
	if (p.dlen > ISCSI_DLEN_MAX || p.ahs_len)
		abort();
	if (p.op != ISCSI_OP_LOGIN_RSP && p.op != ISCSI_OP_TEXT_RSP && p.op != ISCSI_OP_NOP_IN &&
	    p.op != ISCSI_OP_LOGOUT_RSP && p.op != ISCSI_OP_ASYNC && p.op != ISCSI_OP_REJECT)
		abort();
	iscsi_login_status(p.status_class, p.status_detail);
	len = size - ISCSI_BHS_LEN;
	iscsi_neg_init(&n, p.flags & 1);
	iscsi_text_init(&o, offer, sizeof(offer));
	iscsi_neg_offer(&n, &o);
	iscsi_text_init(&t, ans, sizeof(ans));
	memset(&c, 0, sizeof(c));
	while ((r = iscsi_text_next(b, len, &off, k, &v)) > 0) {
		if (strlen(k) > ISCSI_KEY_MAX || !k[0] || strchr(k, '=') ||
		    v < b || v + strlen(v) >= b + len)
			abort();
		r = iscsi_neg_take(&n, k, v, &t);
		if (r != 1 && r != 0 && r != -EPROTO)
			abort();
		r = chap_take(&c, k, v);
		if (r != 1 && r != 0 && r != -EPROTO)
			abort();
	}
	if (r != 0 && r != -EINVAL)
		abort();
	r = iscsi_neg_done(&n);
	if (!r)
		check_neg(&n);
	if (t.len > sizeof(ans) || (t.err && t.err != -E2BIG))
		abort();
	check_list(ans, t.len);
	return 0;
}

FUZZ_REPLAY_MAIN("fuzz_iscsi_pdu", "tests/fuzz/iscsi_pdu", 4)
