/* Host tests of the login state machine (src/lib/dev/iscsi/login.c,
 * discovery.c, io.c) against scripted targets: a forked child on the
 * other end of a socketpair reads each request and writes the answer a
 * target would (or a broken one).
 *
 * Invariants: the initiator follows RFC 7143's stages (security, then
 * operational, then full feature) and keeps ITT, ISID and CmdSN across a
 * login; a C=1 response is answered with an empty request and its text
 * joined; a target's own offers are answered (NotUnderstood for unknown
 * keys) before it lets us transit; one-way and mutual CHAP compute and
 * check RFC 1994 responses; every refusal ends the login with its errno
 * and a message: 0201 -EACCES, a redirect -EXDEV naming the address, a
 * wrong mutual answer -EACCES, a response for another task -EPROTO, a
 * silent target -ETIMEDOUT within the deadline, a closed one
 * -ECONNRESET; SendTargets follows F=0 continuations with the target's
 * TTT and logs out; a re-login sends the session's ISID with TSIH 0 and
 * takes the target's new TSIH.  The child checks what it receives and exits
 * non-zero on anything unexpected. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "clock.h"
#include "iscsi/chap.h"
#include "iscsi/login.h"
#include "iscsi/pdu.h"
#include "unit.h"

struct req {
	uint8_t bhs[48];
	char data[8192];
	uint32_t dlen;
};

static int rd(int fd, void *b, size_t n)
{
	ssize_t g;

	while (n) {
		g = read(fd, b, n);
		if (g <= 0)
			return -1;
		b = (char *)b + g;
		n -= (size_t)g;
	}
	return 0;
}

static int get(int fd, struct req *q)
{
	uint8_t pad[4];

	if (rd(fd, q->bhs, 48))
		return -1;
	q->dlen = (uint32_t)q->bhs[5] << 16 | q->bhs[6] << 8 | q->bhs[7];
	if (q->dlen > sizeof(q->data) || rd(fd, q->data, q->dlen) ||
	    rd(fd, pad, ISCSI_PAD4(q->dlen) - q->dlen))
		return -1;
	return 0;
}

/* Does the request's text hold "k=v"? */
static int has(const struct req *q, const char *kv)
{
	size_t off = 0, n = strlen(kv) + 1;

	while (off + n <= q->dlen) {
		if (!memcmp(q->data + off, kv, n))
			return 1;
		off += strnlen(q->data + off, q->dlen - off) + 1;
	}
	return 0;
}

static const char *val(const struct req *q, const char *k)
{
	size_t off = 0, n = strlen(k);

	while (off < q->dlen) {
		if (!strncmp(q->data + off, k, n) && q->data[off + n] == '=')
			return q->data + off + n + 1;
		off += strnlen(q->data + off, q->dlen - off) + 1;
	}
	return NULL;
}

/* Answer q: opcode op, flags, the text (pairs joined by '\n' here,
 * NULs on the wire; a text ending in '~' stops mid-pair, without its
 * NUL, for a continuation), status, TSIH; ITT and ISID echoed. */
static void put(int fd, const struct req *q, uint8_t op, uint8_t flags, const char *text,
		uint8_t cls, uint8_t det, uint16_t tsih)
{
	static uint32_t statsn = 0x1000;
	uint8_t b[48 + 4096 + 4];
	size_t n = text ? strlen(text) + 1 : 0, i;

	if (n && text[n - 2] == '~')
		n -= 2;

	memset(b, 0, sizeof(b));
	b[0] = op;
	b[1] = flags;
	b[5] = (uint8_t)(n >> 16);
	b[6] = (uint8_t)(n >> 8);
	b[7] = (uint8_t)n;
	memcpy(b + 8, q->bhs + 8, 6);
	b[14] = (uint8_t)(tsih >> 8);
	b[15] = (uint8_t)tsih;
	memcpy(b + 16, q->bhs + 16, 4);
	if (op == ISCSI_OP_TEXT_RSP) {
		memcpy(b + 8, q->bhs + 8, 8);
		b[20] = 0;
		b[21] = 0;
		b[22] = 0;
		b[23] = flags & ISCSI_FLAG_FINAL ? 0xff : 0x42;
		if (flags & ISCSI_FLAG_FINAL)
			memset(b + 20, 0xff, 4);
	}
	statsn++;
	b[24] = (uint8_t)(statsn >> 24);
	b[25] = (uint8_t)(statsn >> 16);
	b[26] = (uint8_t)(statsn >> 8);
	b[27] = (uint8_t)statsn;
	memcpy(b + 28, q->bhs + 24, 4); /* ExpCmdSN = CmdSN */
	b[36] = cls;
	b[37] = det;
	if (text)
		for (i = 0; i < n; i++)
			b[48 + i] = text[i] == '\n' ? 0 : (uint8_t)text[i];
	if (write(fd, b, 48 + ISCSI_PAD4(n)) < 0)
		exit(99);
}

#define LRSP ISCSI_OP_LOGIN_RSP
#define SEC_TO_OP ISCSI_LOGIN_FLAGS(1, ISCSI_STAGE_SEC, ISCSI_STAGE_OP)
#define OP_TO_FULL ISCSI_LOGIN_FLAGS(1, ISCSI_STAGE_OP, ISCSI_STAGE_FULL)
#define WANT(c) do { if (!(c)) exit(__LINE__); } while (0)

static const char op_answers[] =
	"DataDigest=None\nMaxConnections=1\nInitialR2T=Yes\n"
	"ImmediateData=Yes\nMaxRecvDataSegmentLength=65536\nMaxBurstLength=262144\n"
	"FirstBurstLength=65536\nDefaultTime2Wait=2\nDefaultTime2Retain=0\n"
	"MaxOutstandingR2T=1\nErrorRecoveryLevel=0\nIFMarker=No\nOFMarker=No";

/* The operational stage with one extra target offer, then full feature. */
static void op_stage(int fd, struct req *q)
{
	WANT(!get(fd, q) && q->bhs[1] == OP_TO_FULL && has(q, "MaxBurstLength=16776192"));
	put(fd, q, LRSP, ISCSI_LOGIN_FLAGS(0, ISCSI_STAGE_OP, 0),
	    "HeaderDigest=None\nX-com.example.key=1\nMaxRecvDataSegmentLength=65536", 0, 0, 0);
	WANT(!get(fd, q) && has(q, "X-com.example.key=NotUnderstood") && q->bhs[1] == OP_TO_FULL);
	put(fd, q, LRSP, OP_TO_FULL, op_answers, 0, 0, 0x1234);
}

static void t_none(int fd)
{
	struct req q;

	WANT(!get(fd, &q) && q.bhs[0] == 0x43 && q.bhs[1] == SEC_TO_OP &&
	     has(&q, "AuthMethod=None") && has(&q, "SessionType=Normal") &&
	     has(&q, "TargetName=iqn.2026-12.org.t:lu0") && q.bhs[8] == 0x80);
	/* the answer in two PDUs: C=1, then the rest after an empty request */
	put(fd, &q, LRSP, ISCSI_FLAG_CONT, "AuthMethod=None\nTargetAl~", 0, 0, 0);
	WANT(!get(fd, &q) && q.dlen == 0 && !(q.bhs[1] & ISCSI_FLAG_FINAL));
	put(fd, &q, LRSP, SEC_TO_OP, "ias=a b\nTargetPortalGroupTag=3", 0, 0, 0);
	op_stage(fd, &q);
}

static void chap_md5hex(uint8_t id, const char *sec, const uint8_t *c, size_t n, char *out)
{
	uint8_t d[16];
	unsigned int i;

	chap_md5(id, sec, strlen(sec), c, n, d);
	strcpy(out, "0x");
	for (i = 0; i < 16; i++)
		sprintf(out + 2 + 2 * i, "%02x", d[i]);
}

static uint8_t hexb(const char *s)
{
	char b[3] = { s[0], s[1], 0 };

	return (uint8_t)strtoul(b, NULL, 16);
}

/* CHAP; mode 0 one-way, 1 mutual, 2 mutual with a wrong target answer,
 * 3 the target refuses our response. */
static void t_chap(int fd, int mode)
{
	static const uint8_t chal[16] = { 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 1, 2, 3, 4, 5, 6 };
	char want[40], text[200];
	uint8_t mc[16];
	const char *ci, *cc;
	unsigned int i;
	struct req q;

	WANT(!get(fd, &q) && has(&q, "AuthMethod=CHAP") && !(q.bhs[1] & ISCSI_FLAG_FINAL));
	put(fd, &q, LRSP, 0, "AuthMethod=CHAP\nTargetPortalGroupTag=1", 0, 0, 0);
	WANT(!get(fd, &q) && has(&q, "CHAP_A=5"));
	put(fd, &q, LRSP, 0, "CHAP_A=5\nCHAP_I=42\nCHAP_C=0x09080706050403020100010203040506", 0, 0, 0);
	WANT(!get(fd, &q) && q.bhs[1] == SEC_TO_OP && has(&q, "CHAP_N=user1"));
	chap_md5hex(42, "secret-of-user1", chal, 16, want);
	WANT(val(&q, "CHAP_R") && !strcmp(val(&q, "CHAP_R"), want));
	if (mode == 3) {
		put(fd, &q, LRSP, 0, NULL, 2, 1, 0);
		return;
	}
	ci = val(&q, "CHAP_I");
	cc = val(&q, "CHAP_C");
	if (!mode) {
		WANT(!ci && !cc);
		put(fd, &q, LRSP, SEC_TO_OP, NULL, 0, 0, 0);
	} else {
		WANT(ci && cc && strlen(cc) == 34);
		for (i = 0; i < 16; i++)
			mc[i] = hexb(cc + 2 + 2 * i);
		chap_md5hex((uint8_t)atoi(ci), mode == 1 ? "secret-of-tgt1" : "other", mc, 16, want);
		snprintf(text, sizeof(text), "CHAP_N=tgt1\nCHAP_R=%s", want);
		put(fd, &q, LRSP, SEC_TO_OP, text, 0, 0, 0);
		if (mode == 2)
			return;
	}
	op_stage(fd, &q);
}

static void t_status(int fd, int mode)
{
	struct req q;

	WANT(!get(fd, &q));
	switch (mode) {
	case 0: /* redirect */
		put(fd, &q, LRSP, 0, "TargetAddress=10.9.8.7:3260,2", 1, 1, 0);
		break;
	case 1: /* another task's answer */
		q.bhs[19] ^= 1;
		put(fd, &q, LRSP, SEC_TO_OP, "AuthMethod=None", 0, 0, 0);
		break;
	case 2: /* silence */
		sleep(2);
		break;
	case 3: /* hang up */
		break;
	case 4: /* a malformed answer */
		put(fd, &q, LRSP, SEC_TO_OP, "AuthMethod=None\nnoequals", 0, 0, 0);
		break;
	}
}

static void t_discovery(int fd)
{
	struct req q;

	WANT(!get(fd, &q) && has(&q, "SessionType=Discovery") && !val(&q, "TargetName"));
	put(fd, &q, LRSP, SEC_TO_OP, "AuthMethod=None", 0, 0, 0);
	WANT(!get(fd, &q) && has(&q, "MaxRecvDataSegmentLength=32768") &&
	     !val(&q, "InitialR2T"));
	put(fd, &q, LRSP, OP_TO_FULL, "HeaderDigest=None\nDataDigest=None", 0, 0, 1);
	WANT(!get(fd, &q) && q.bhs[0] == 0x44 && q.bhs[1] == ISCSI_FLAG_FINAL &&
	     has(&q, "SendTargets=All"));
	put(fd, &q, ISCSI_OP_TEXT_RSP, ISCSI_FLAG_CONT, "TargetName=iqn.2026-12.org.t:lu0\nTarget~", 0, 0, 0);
	/* the continuation carries the target's TTT */
	WANT(!get(fd, &q) && q.dlen == 0 && q.bhs[23] == 0x42);
	put(fd, &q, ISCSI_OP_TEXT_RSP, ISCSI_FLAG_FINAL, "Address=10.0.0.1:3260,1", 0, 0, 0);
	WANT(!get(fd, &q) && q.bhs[0] == 0x46 && q.bhs[1] == 0x80);
	put(fd, &q, ISCSI_OP_LOGOUT_RSP, 0x80, NULL, 0, 0, 0);
}

static uint64_t login_ms; /* how long the last login took */

/* Run target script fn(fd, mode) in a child; the login in the parent. */
static int run(void (*fn)(int, int), int mode, struct iscsi_login *l, char *st, size_t *stlen)
{
	int sv[2], r, status;
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		return -1000;
	pid = fork();
	if (pid == 0) {
		close(sv[0]);
		fn(sv[1], mode);
		_exit(0);
	}
	close(sv[1]);
	login_ms = clock_ms();
	r = iscsi_login_run(sv[0], l);
	login_ms = clock_ms() - login_ms;
	if (!r && st)
		r = iscsi_sendtargets(sv[0], l, st, 4096, stlen);
	close(sv[0]);
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		return -2000 - (WIFEXITED(status) ? WEXITSTATUS(status) : 0);
	return r;
}

/* A re-login after a connection loss (src/iscsi/main.c, relogin()): the
 * session's ISID, TSIH 0 (reinstatement), CID 0, CmdSN 1; the target
 * gives a new TSIH (mode 0), or, asked with the old TSIH, another one
 * (mode 1: refused by the initiator, which is why a re-login sends 0). */
static void t_relogin(int fd, int mode)
{
	static const uint8_t isid[6] = { 0x80, 0x11, 0x22, 0x33, 0x44, 0x55 };
	struct req q;

	WANT(!get(fd, &q) && q.bhs[1] == SEC_TO_OP && !memcmp(q.bhs + 8, isid, 6) &&
	     !q.bhs[20] && !q.bhs[21] && q.bhs[24] == 0 && q.bhs[27] == 1 &&
	     q.bhs[14] == (mode ? 0x12 : 0) && q.bhs[15] == (mode ? 0x34 : 0));
	put(fd, &q, LRSP, SEC_TO_OP, "AuthMethod=None", 0, 0, 0);
	WANT(!get(fd, &q) && q.bhs[1] == OP_TO_FULL);
	put(fd, &q, LRSP, OP_TO_FULL, op_answers, 0, 0, 0x5678);
}

static void none(int fd, int mode) { (void)mode; t_none(fd); }
static void disc(int fd, int mode) { (void)mode; t_discovery(fd); }

static void setup(struct iscsi_login *l, const char *target)
{
	static const uint8_t isid[6] = { 0x80, 0x11, 0x22, 0x33, 0x44, 0x55 };

	memset(l, 0, sizeof(*l));
	l->initiator = "iqn.2026-12.org.t:init";
	l->target = target;
	memcpy(l->isid, isid, 6);
	l->cmdsn = 1;
	l->timeout_ms = 1000;
	memset(l->rnd, 0x33, sizeof(l->rnd));
}

static struct chap_secret me = { "user1", "secret-of-user1", 15 };
static struct chap_secret tgt = { "tgt1", "secret-of-tgt1", 14 };

static void c_none(void)
{
	struct iscsi_login l;

	setup(&l, "iqn.2026-12.org.t:lu0");
	EXPECT_INT(run(none, 0, &l, NULL, NULL), 0, "none");
	EXPECT_INT(l.tsih, 0x1234, "none");
	EXPECT_INT(l.tpgt, 3, "none");
	EXPECT_STR(l.alias, "a b", "none");
	EXPECT(l.neg.got[IK_INITIAL_R2T] == 1 && l.neg.max_xmit_dlen == 65536 &&
	       l.neg.got[IK_FIRST_BURST] == 65536, "none", "results");
	UNIT_PASS("none");
}

static void c_relogin(void)
{
	struct iscsi_login l;

	setup(&l, "iqn.2026-12.org.t:lu0");
	EXPECT_INT(run(none, 0, &l, NULL, NULL), 0, "relogin");
	l.tsih = 0;
	l.cmdsn = 1;
	EXPECT_INT(run(t_relogin, 0, &l, NULL, NULL), 0, "relogin");
	EXPECT_INT(l.tsih, 0x5678, "relogin");
	EXPECT(l.isid[0] == 0x80 && l.isid[5] == 0x55, "relogin", "ISID kept");
	l.tsih = 0x1234;
	EXPECT_INT(run(t_relogin, 1, &l, NULL, NULL), -EPROTO, "relogin-old-tsih");
	UNIT_PASS("relogin");
}

/* CHAP script mode, with mutual, expected result, text in why, name */
static void c_chap(int mode, int mutual, int want, const char *why, const char *name)
{
	struct iscsi_login l;

	setup(&l, "iqn.2026-12.org.t:lu0");
	l.chap = &me;
	l.mutual = mutual ? &tgt : NULL;
	EXPECT(run(t_chap, mode, &l, NULL, NULL) == want, name, "%s: %s", l.step, l.why);
	EXPECT(!why || (strstr(l.why, why) && !strcmp(l.step, "CHAP")), name, "%s: %s", l.step, l.why);
	UNIT_PASS(name);
}

static void c_status(int mode, int want, const char *why, const char *name)
{
	struct iscsi_login l;

	setup(&l, "iqn.2026-12.org.t:lu0");
	l.timeout_ms = 300;
	EXPECT_INT(run(t_status, mode, &l, NULL, NULL), want, name);
	EXPECT(!why || strstr(l.why, why), name, "%s", l.why);
	/* the silent target costs the deadline, not the child's 2 s */
	EXPECT(login_ms < 1000, name, "took %llu ms", (unsigned long long)login_ms);
	UNIT_PASS(name);
}

static void c_discovery(void)
{
	struct iscsi_login l;
	char st[4096];
	size_t stlen = 0;

	setup(&l, NULL);
	EXPECT_INT(run(disc, 0, &l, st, &stlen), 0, "discovery");
	EXPECT(stlen == 63 && !memcmp(st, "TargetName=iqn.2026-12.org.t:lu0\0"
				       "TargetAddress=10.0.0.1:3260,1\0", 63), "discovery",
	       "text %zu", stlen);
	UNIT_PASS("discovery");
}

int main(void)
{
	unit_suite = "iscsi_login";
	signal(SIGPIPE, SIG_IGN);
	c_none();
	c_chap(0, 0, 0, NULL, "chap");
	c_chap(1, 1, 0, NULL, "chap-mutual");
	c_chap(2, 1, -EACCES, "mutual CHAP", "chap-mutual-wrong");
	c_chap(3, 0, -EACCES, "wrong user name or secret", "chap-refused");
	c_status(0, -EXDEV, "10.9.8.7:3260,2", "redirect");
	c_status(1, -EPROTO, "another task", "other-task");
	c_status(2, -ETIMEDOUT, NULL, "silent");
	c_status(3, -ECONNRESET, NULL, "hang-up");
	c_status(4, -EINVAL, "malformed", "malformed");
	c_discovery();
	c_relogin();
	return UNIT_DONE();
}
