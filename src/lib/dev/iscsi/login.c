#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "io.h"
#include "login.h"
#include "iscsi/pdu.h"

#define REQ_MAX 4096      /* our requests: keys we write, a CHAP answer */
#define RSP_MAX 16384     /* a response with all its continuations */
#define ROUNDS 16         /* exchanges per stage, against a looping target */

/* The buffers of one login, one frame on the caller's stack. */
struct buf {
	char req[REQ_MAX];
	char rsp[RSP_MAX];
	size_t rlen;
	struct iscsi_pdu p;  /* the last response's BHS */
};

static int fail(struct iscsi_login *l, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int fail(struct iscsi_login *l, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(l->why, sizeof(l->why), fmt, ap);
	va_end(ap);
	return err;
}

/* The value of key in the response text, or NULL. */
static const char *find(const struct buf *b, const char *key)
{
	char k[ISCSI_KEY_MAX + 1];
	const char *v;
	size_t off = 0;

	while (iscsi_text_next(b->rsp, b->rlen, &off, k, &v) > 0)
		if (!strcmp(k, key))
			return v;
	return NULL;
}

/* A non-zero Status-Class (§11.13.5) as an error. */
static int status(struct iscsi_login *l, const struct buf *b)
{
	uint8_t c = b->p.status_class, d = b->p.status_detail;
	const char *to;

	if (c == 1) {
		to = find(b, "TargetAddress");
		return fail(l, -EXDEV, "%s to %.64s", iscsi_login_status(c, d), to ? to : "?");
	}
	return fail(l, c == 2 && (d == 1 || d == 2) ? -EACCES :
		       c == 2 && (d == 3 || d == 4) ? -ENOENT : -ECONNREFUSED,
		    "login status %02x%02x: %s", c, d, iscsi_login_status(c, d));
}

static void trace(const struct iscsi_login *l, char dir, const char *t, size_t len)
{
	char k[ISCSI_KEY_MAX + 1];
	const char *v;
	size_t off = 0;

	if (l->trace)
		while (iscsi_text_next(t, len, &off, k, &v) > 0)
			l->trace(l->trace_arg, dir, k, v);
}

/* Send one Login Request and read the whole response, following its
 * continuations (§11.13.3: C=1 is answered with an empty request). */
static int exchange(int fd, struct iscsi_login *l, struct buf *b, uint8_t flags,
		    size_t dlen, uint64_t deadline)
{
	struct iscsi_pdu q;
	unsigned int i;
	int r;

	memset(&q, 0, sizeof(q));
	q.op = ISCSI_OP_LOGIN;
	q.flags = flags;
	memcpy(q.isid, l->isid, sizeof(q.isid));
	q.tsih = l->tsih;
	q.itt = l->itt;
	q.w20 = (uint32_t)l->cid << 16;
	q.sn1 = l->cmdsn;
	q.dlen = (uint32_t)dlen;
	b->rlen = 0;
	for (i = 0; i < ROUNDS; i++) {
		q.sn2 = l->statsn + 1;
		trace(l, '>', b->req, q.dlen);
		r = iscsi_send(fd, &q, b->req, deadline);
		if (!r)
			r = iscsi_recv(fd, &b->p, b->rsp + b->rlen, RSP_MAX - b->rlen, deadline);
		if (r == -EPROTO)
			return fail(l, r, "malformed PDU from the target");
		if (r)
			return fail(l, r, "%s", r == -EMSGSIZE ? "response too long" : "");
		trace(l, '<', b->rsp + b->rlen, b->p.dlen);
		if (b->p.op != ISCSI_OP_LOGIN_RSP)
			return fail(l, -EPROTO, "unexpected PDU (opcode 0x%02x) during login", b->p.op);
		b->rlen += b->p.dlen;
		/* a refusal first: its other fields need not be filled in */
		if (b->p.status_class)
			return status(l, b);
		if (b->p.itt != l->itt || memcmp(b->p.isid, l->isid, 6) || b->p.b3 != 0)
			return fail(l, -EPROTO, "login response for another task or version");
		l->statsn = b->p.sn1;
		l->exp_cmdsn = b->p.sn2;
		l->max_cmdsn = b->p.max_cmdsn;
		if (!(b->p.flags & ISCSI_FLAG_CONT))
			return 0;
		q.flags = flags & (uint8_t)~ISCSI_FLAG_FINAL;
		q.dlen = 0;
	}
	return fail(l, -EPROTO, "endless response");
}

/* Declarations of the target any stage may carry: 1 taken, 0 not one,
 * -EPROTO malformed. */
static int declared(struct iscsi_login *l, const char *k, const char *v)
{
	uint32_t t;

	if (!strcmp(k, "TargetPortalGroupTag")) {
		if (iscsi_text_num(v, 0, 65535, &t))
			return fail(l, -EPROTO, "bad TargetPortalGroupTag");
		l->tpgt = (int32_t)t;
		return 1;
	}
	if (!strcmp(k, "TargetAlias")) {
		if (strlen(v) >= sizeof(l->alias))
			return fail(l, -EPROTO, "TargetAlias too long");
		strcpy(l->alias, v);
		return 1;
	}
	return 0;
}

/* Walk the response: declarations, then fn for the rest. */
static int walk(struct iscsi_login *l, struct buf *b,
		int (*fn)(struct iscsi_login *, const char *, const char *, void *), void *arg)
{
	char k[ISCSI_KEY_MAX + 1];
	const char *v;
	size_t off = 0;
	int r;

	while ((r = iscsi_text_next(b->rsp, b->rlen, &off, k, &v)) > 0) {
		r = declared(l, k, v);
		if (!r && fn)
			r = fn(l, k, v, arg);
		if (r < 0)
			return r;
	}
	return r ? fail(l, r, "malformed key=value text") : 0;
}

static int take_chap(struct iscsi_login *l, const char *k, const char *v, void *c)
{
	int r = chap_take(c, k, v);

	return r < 0 ? fail(l, r, "bad %s from the target", k) : 0;
}

/* Transit when the target agrees (T=1 with the asked NSG); with T=0,
 * ask again with an empty request. */
static int transit(int fd, struct iscsi_login *l, struct buf *b, uint8_t flags,
		   uint64_t deadline)
{
	unsigned int i;
	int r;

	for (i = 0; !(b->p.flags & ISCSI_FLAG_FINAL); i++) {
		if (i == ROUNDS)
			return fail(l, -EPROTO, "target never leaves the stage");
		r = exchange(fd, l, b, flags, 0, deadline);
		if (r)
			return r;
	}
	if (ISCSI_LOGIN_NSG(b->p.flags) != ISCSI_LOGIN_NSG(flags))
		return fail(l, -EPROTO, "target went to stage %u", ISCSI_LOGIN_NSG(b->p.flags));
	return 0;
}

static int chap(int fd, struct iscsi_login *l, struct buf *b, uint64_t deadline)
{
	struct chap c;
	struct iscsi_text t;
	uint8_t go = ISCSI_LOGIN_FLAGS(1, ISCSI_STAGE_SEC, ISCSI_STAGE_OP);
	int r;

	l->step = "CHAP";
	memset(&c, 0, sizeof(c));
	iscsi_text_init(&t, b->req, sizeof(b->req));
	iscsi_text_add_u(&t, "CHAP_A", CHAP_MD5);
	r = exchange(fd, l, b, ISCSI_LOGIN_FLAGS(0, 0, 0), t.len, deadline);
	if (!r)
		r = walk(l, b, take_chap, &c);
	if (r)
		return r;
	iscsi_text_init(&t, b->req, sizeof(b->req));
	r = chap_answer(&c, l->chap, l->mutual, l->rnd, &t);
	if (r == -EPROTO)
		return fail(l, r, "target sent no complete MD5 challenge");
	if (r)
		return fail(l, r, "target reflected our own challenge");
	if (t.err)
		return fail(l, t.err, "CHAP name too long");
	r = exchange(fd, l, b, go, t.len, deadline);
	if (r == -EACCES)
		return fail(l, r, "target refused our CHAP response (wrong user name or secret)");
	if (!r)
		r = walk(l, b, NULL, NULL);
	if (r)
		return r;
	if (l->mutual && chap_verify(&c, l->mutual, find(b, "CHAP_N"), find(b, "CHAP_R")))
		return fail(l, -EACCES, "target failed mutual CHAP (wrong target user name or secret)");
	return transit(fd, l, b, go, deadline);
}

static int security(int fd, struct iscsi_login *l, struct buf *b, uint64_t deadline)
{
	const char *want = l->chap ? "CHAP" : "None", *m;
	uint8_t flags = l->chap ? ISCSI_LOGIN_FLAGS(0, 0, 0) :
				  ISCSI_LOGIN_FLAGS(1, ISCSI_STAGE_SEC, ISCSI_STAGE_OP);
	struct iscsi_text t;
	int r;

	l->step = "login";
	iscsi_text_init(&t, b->req, sizeof(b->req));
	iscsi_text_add(&t, "InitiatorName", l->initiator);
	iscsi_text_add(&t, "SessionType", l->target ? "Normal" : "Discovery");
	if (l->target)
		iscsi_text_add(&t, "TargetName", l->target);
	/* only what was configured: offering None beside CHAP would let
	 * anyone on the path downgrade us */
	iscsi_text_add(&t, "AuthMethod", want);
	if (t.err)
		return fail(l, t.err, "names too long");
	r = exchange(fd, l, b, flags, t.len, deadline);
	if (r == -ECONNREFUSED && l->target && b->p.status_class == 3 && b->p.status_detail == 1)
		/* Linux's LIO answers a target name it does not have so */
		return fail(l, -ENOENT, "login status 0301: service unavailable "
			    "(no such target name on this portal?)");
	if (!r)
		r = walk(l, b, NULL, NULL);
	if (r)
		return r;
	m = find(b, "AuthMethod");
	if (m ? strcmp(m, want) : l->chap != NULL)
		return fail(l, -EACCES, "target answered AuthMethod=%.32s to %s", m ? m : "", want);
	if (l->chap)
		return chap(fd, l, b, deadline);
	return transit(fd, l, b, flags, deadline);
}

static int take_op(struct iscsi_login *l, const char *k, const char *v, void *out)
{
	int r = iscsi_neg_take(&l->neg, k, v, out);

	if (r < 0)
		return fail(l, r, "target answered %s=%.64s", k, v);
	if (!r) /* §6.2.1: a key we do not know */
		iscsi_text_add(out, k, "NotUnderstood");
	return 0;
}

static int operational(int fd, struct iscsi_login *l, struct buf *b, uint64_t deadline)
{
	uint8_t go = ISCSI_LOGIN_FLAGS(1, ISCSI_STAGE_OP, ISCSI_STAGE_FULL);
	struct iscsi_text t;
	char *next = b->req;
	unsigned int i;
	int r;

	l->step = "login (operational)";
	iscsi_text_init(&t, b->req, sizeof(b->req));
	iscsi_neg_offer(&l->neg, &t);
	for (i = 0; i < ROUNDS; i++) {
		if (t.err)
			return fail(l, t.err, "answer too long");
		if (next != b->req)
			memcpy(b->req, next, t.len);
		r = exchange(fd, l, b, go, t.len, deadline);
		if (r)
			return r;
		/* our answers to the target's offers: built in req's second
		 * half (the offer is far shorter), moved to the front */
		next = b->req + REQ_MAX / 2;
		iscsi_text_init(&t, next, REQ_MAX / 2);
		r = walk(l, b, take_op, &t);
		if (r)
			return r;
		if (b->p.flags & ISCSI_FLAG_FINAL) {
			if (ISCSI_LOGIN_NSG(b->p.flags) != ISCSI_STAGE_FULL)
				return fail(l, -EPROTO, "target went to stage %u",
					    ISCSI_LOGIN_NSG(b->p.flags));
			if (iscsi_neg_done(&l->neg))
				return fail(l, -EPROTO, "target answered %s too large", l->neg.bad);
			/* §11.13.4: the final response carries the TSIH; on a
			 * re-login the same one */
			if (!b->p.tsih || (l->tsih && b->p.tsih != l->tsih))
				return fail(l, -EPROTO, "bad TSIH %u", b->p.tsih);
			l->tsih = b->p.tsih;
			return 0;
		}
	}
	return fail(l, -EPROTO, "negotiation does not end");
}

int iscsi_login_run(int fd, struct iscsi_login *l)
{
	struct buf b;
	uint64_t deadline = clock_ms() + (uint64_t)l->timeout_ms;
	int r;

	l->statsn = 0;
	l->tpgt = -1;
	l->alias[0] = '\0';
	l->why[0] = '\0';
	iscsi_neg_init(&l->neg, !l->target);
	r = security(fd, l, &b, deadline);
	if (!r)
		r = operational(fd, l, &b, deadline);
	if (r && !l->why[0])
		fail(l, r, "%s", "");
	return r;
}
