/* SendTargets over a logged-in Discovery session (RFC 7143 §12.3):
 * one Text Request, the answer over as many Text Responses as the
 * target needs (§11.10.2: F=0 means "ask again with its TTT"), then a
 * Logout (§11.14) that closes the session. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "io.h"
#include "login.h"

#define TEXT_ROUNDS 64
#define NO_TTT 0xffffffffu

static int why(struct iscsi_login *l, int err, const char *what)
{
	snprintf(l->why, sizeof(l->why), "%s", what);
	return err;
}

/* The next PDU that is not a NOP-In (a target may ping an idle
 * discovery session; one that wants an answer gets none and drops us,
 * which costs nothing here). */
static int recv_rsp(int fd, struct iscsi_pdu *p, char *buf, size_t max, uint64_t deadline)
{
	unsigned int i;
	int r;

	/* a NOP-In's data lands in buf too, overwritten by the next PDU */
	for (i = 0; i < TEXT_ROUNDS; i++) {
		r = iscsi_recv(fd, p, buf, max, deadline);
		if (r || p->op != ISCSI_OP_NOP_IN)
			return r;
	}
	return -EPROTO;
}

static void logout(int fd, struct iscsi_login *l, uint64_t deadline)
{
	struct iscsi_pdu q, p;
	char junk[64];

	memset(&q, 0, sizeof(q));
	q.op = ISCSI_OP_LOGOUT;
	q.immediate = 1;
	q.flags = 0x80; /* §11.14.1: F, reason 0 = close the session */
	q.itt = ++l->itt;
	q.w20 = (uint32_t)l->cid << 16;
	q.sn1 = l->cmdsn;
	q.sn2 = l->statsn + 1;
	/* best effort: the answers are already ours */
	if (!iscsi_send(fd, &q, NULL, deadline))
		recv_rsp(fd, &p, junk, sizeof(junk), deadline);
}

int iscsi_sendtargets(int fd, struct iscsi_login *l, char *buf, size_t size, size_t *len)
{
	static const char ask[] = "SendTargets=All";
	uint64_t deadline = clock_ms() + (uint64_t)l->timeout_ms;
	struct iscsi_pdu q, p;
	size_t have = 0;
	unsigned int i;
	int r;

	l->step = "discovery";
	memset(&q, 0, sizeof(q));
	q.op = ISCSI_OP_TEXT;
	q.immediate = 1;
	q.flags = ISCSI_FLAG_FINAL;
	q.itt = ++l->itt;
	q.w20 = NO_TTT;
	q.sn1 = l->cmdsn;
	q.dlen = sizeof(ask); /* with its NUL */
	for (i = 0; i < TEXT_ROUNDS; i++) {
		q.sn2 = l->statsn + 1;
		r = iscsi_send(fd, &q, ask, deadline);
		if (!r)
			r = recv_rsp(fd, &p, buf + have, size - have, deadline);
		if (r == -EMSGSIZE)
			return why(l, r, "SendTargets answer too long");
		if (r)
			return why(l, r, r == -EPROTO ? "malformed PDU from the target" : "");
		if (p.op == ISCSI_OP_REJECT)
			return why(l, -EPROTO, "target rejected SendTargets");
		if (p.op != ISCSI_OP_TEXT_RSP || p.itt != q.itt)
			return why(l, -EPROTO, "unexpected PDU during discovery");
		l->statsn = p.sn1;
		have += p.dlen;
		if (p.flags & ISCSI_FLAG_FINAL) {
			*len = have;
			logout(fd, l, deadline);
			return 0;
		}
		/* more to come: an empty request with the target's TTT */
		q.w20 = p.w20;
		q.dlen = 0;
	}
	return why(l, -EPROTO, "endless SendTargets answer");
}
