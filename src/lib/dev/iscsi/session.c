#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "io.h"
#include "session.h"
#include "str.h"

/* open-iscsi's node defaults (cmds_max 128, queue_depth 32) */
#define CMDS_MAX 128
#define QUEUE_DEPTH 32

static int random_bytes(uint8_t *b, size_t n)
{
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC), r = 0;

	if (fd < 0)
		return -errno;
	if (read(fd, b, n) != (ssize_t)n)
		r = -EIO;
	close(fd);
	return r;
}

int iscsi_session_login(const struct iscsi_node *n, struct iscsi_sess *s)
{
	struct iscsi_login *l = &s->l;
	int r;

	l->why[0] = '\0';
	l->step = "connect";
	s->fd = -1;
	r = iscsi_tcp_connect(n->addr, n->port, n->timeout_ms, &s->fd);
	if (r)
		return r;
	l->step = "login";
	l->initiator = n->initiator;
	l->target = n->target;
	l->chap = n->chap;
	l->mutual = n->mutual;
	l->timeout_ms = n->timeout_ms;
	l->cid = 0;
	r = random_bytes(l->rnd, sizeof(l->rnd));
	/* the first login of this session draws its ISID; a re-login
	 * keeps it (and chooses TSIH: 0 reinstates the session, RFC 7143
	 * §6.3.5, the session's own continues it) */
	if (!r && !l->isid[0]) {
		r = random_bytes(l->isid, sizeof(l->isid));
		l->isid[0] = 0x80; /* T=10b random, A=0 */
		l->cmdsn = 1;
	}
	if (!r)
		r = iscsi_login_run(s->fd, l);
	if (!r && n->tpgt >= 0 && l->tpgt >= 0 && n->tpgt != l->tpgt) {
		snprintf(l->why, sizeof(l->why), "target portal group is %d, not %d",
			 (int)l->tpgt, (int)n->tpgt);
		r = -ENOENT;
	}
	if (r) {
		close(s->fd);
		s->fd = -1;
	}
	return r;
}

struct setp {
	uint8_t param;      /* enum iscsi_nl_param */
	uint8_t key;        /* enum iscsi_key, or one of the V_ below */
};

enum { V_XMIT = IK_COUNT, V_STATSN, V_TARGET, V_TPGT, V_ADDR, V_PORT,
       V_INITIATOR, V_IFACE, V_CHAP };
/* a fixed number (under 128) in the key byte: one test in value(), not
 * a case each */
#define V_NUM(v) (0x80 | (v))

/* What iscsid sets for iscsi_tcp (open-iscsi usr/initiator.c's
 * session and connection parameter tables), in its order but for the
 * recovery timeout, last. */
static const struct setp params[] = {
	{ ISCSI_P_MAX_RECV_DLENGTH, IK_MAX_RECV_DLEN },
	{ ISCSI_P_MAX_XMIT_DLENGTH, V_XMIT },
	{ ISCSI_P_HDRDGST_EN, IK_HDR_DGST },
	{ ISCSI_P_DATADGST_EN, IK_DATA_DGST },
	{ ISCSI_P_INITIAL_R2T_EN, IK_INITIAL_R2T },
	{ ISCSI_P_MAX_R2T, IK_MAX_R2T },
	{ ISCSI_P_IMM_DATA_EN, IK_IMM_DATA },
	{ ISCSI_P_FIRST_BURST, IK_FIRST_BURST },
	{ ISCSI_P_MAX_BURST, IK_MAX_BURST },
	{ ISCSI_P_PDU_INORDER_EN, IK_PDU_INORDER },
	{ ISCSI_P_DATASEQ_INORDER_EN, IK_SEQ_INORDER },
	{ ISCSI_P_ERL, IK_ERL },
	{ ISCSI_P_IFMARKER_EN, IK_IFMARKER },
	{ ISCSI_P_OFMARKER_EN, IK_OFMARKER },
	{ ISCSI_P_EXP_STATSN, V_STATSN },
	{ ISCSI_P_TARGET_NAME, V_TARGET },
	{ ISCSI_P_TPGT, V_TPGT },
	{ ISCSI_P_PERSISTENT_ADDRESS, V_ADDR },
	{ ISCSI_P_PERSISTENT_PORT, V_PORT },
	{ ISCSI_P_USERNAME, V_CHAP },
	{ ISCSI_P_USERNAME_IN, V_CHAP },
	{ ISCSI_P_PASSWORD, V_CHAP },
	{ ISCSI_P_PASSWORD_IN, V_CHAP },
	{ ISCSI_P_FAST_ABORT, V_NUM(1) },
	{ ISCSI_P_ABORT_TMO, V_NUM(15) },
	{ ISCSI_P_LU_RESET_TMO, V_NUM(30) },
	{ ISCSI_P_TGT_RESET_TMO, V_NUM(30) },
	{ ISCSI_P_PING_TMO, V_NUM(5) },
	{ ISCSI_P_RECV_TMO, V_NUM(5) },
	{ ISCSI_P_IFACE_NAME, V_IFACE },
	{ ISCSI_P_INITIATOR_NAME, V_INITIATOR },
	{ ISCSI_P_DEF_TIME2WAIT, IK_T2W },
	{ ISCSI_P_DEF_TIME2RETAIN, IK_T2R },
	/* last: not on a re-login, where the session keeps the value
	 * multipathd may have set since (fast_io_fail_tmo) */
	{ ISCSI_P_SESS_RECOVERY_TMO, V_NUM(120) },
};

/* The value of one row as text; NULL: not to be set. */
static const char *value(const struct iscsi_node *n, const struct iscsi_sess *s,
			 const struct setp *p, char *b, size_t size)
{
	const struct chap_secret *c;
	uint32_t v;

	if (p->key & 0x80) {
		snprintf(b, size, "%u", p->key & 0x7fu);
		return b;
	}
	switch (p->key) {
	case V_XMIT: v = s->l.neg.max_xmit_dlen; break;
	case V_STATSN: v = s->l.statsn + 1; break;
	case V_TARGET: return n->target;
	case V_TPGT: v = (uint32_t)(s->l.tpgt < 0 ? 1 : s->l.tpgt); break;
	case V_ADDR: return n->addr;
	case V_PORT: v = n->port; break;
	case V_INITIATOR: return n->initiator;
	case V_IFACE: return "default";
	/* CHAP names and secrets, as iscsistart and iscsid give them: an
	 * iscsid that adopts the session later (usr/iscsid.c sync_session)
	 * re-logs in with what it reads back from the session's sysfs, and
	 * the kernel shows the four only to CAP_SYS_ADMIN */
	case V_CHAP:
		/* iscsi_if.h: USERNAME, USERNAME_IN, PASSWORD, PASSWORD_IN */
		c = p->param & 1 ? n->mutual : n->chap;
		return !c ? NULL : p->param < ISCSI_P_PASSWORD ? c->name : c->secret;
	default: v = s->l.neg.got[p->key];
	}
	snprintf(b, size, "%u", v);
	return b;
}

static int set_params(struct iscsi_nl *nl, const struct iscsi_node *n, struct iscsi_sess *s,
		      int relogin)
{
	char b[16];
	const char *v;
	unsigned int i;
	int r;

	for (i = 0; i < sizeof(params) / sizeof(params[0]) - (relogin != 0); i++) {
		v = value(n, s, &params[i], b, sizeof(b));
		if (!v)
			continue;
		r = iscsi_nl_set_param(nl, s->sid, s->cid, params[i].param, v);
		/* a kernel without a parameter (-ENOSYS from libiscsi)
		 * runs the session all the same, as for iscsid */
		if (r && r != -ENOSYS) {
			snprintf(s->l.why, sizeof(s->l.why), "SET_PARAM %u", params[i].param);
			return r;
		}
	}
	return 0;
}

int iscsi_session_handoff(struct iscsi_nl *nl, const struct iscsi_node *n,
			  struct iscsi_sess *s, int relogin)
{
	int r;

	s->l.why[0] = '\0';
	s->l.step = "kernel session";
	if (!relogin) {
		r = iscsi_nl_create_session(nl, s->l.exp_cmdsn, CMDS_MAX, QUEUE_DEPTH,
					    &s->sid, &s->host);
		if (r)
			return r;
		s->cid = 0;
		r = iscsi_nl_create_conn(nl, s->sid, &s->cid);
		if (r) {
			iscsi_nl_destroy_session(nl, s->sid);
			return r;
		}
	}
	s->l.step = "kernel connection";
	r = iscsi_nl_bind_conn(nl, s->sid, s->cid, s->fd);
	if (!r)
		r = set_params(nl, n, s, relogin);
	if (!r)
		r = iscsi_nl_start_conn(nl, s->sid, s->cid);
	if (r && !relogin) {
		iscsi_nl_destroy_conn(nl, s->sid, s->cid);
		iscsi_nl_destroy_session(nl, s->sid);
	}
	return r;
}

int iscsi_scan_host(uint32_t h)
{
	char path[64];
	int fd, r = 0;

	if (str_fmt(path, sizeof(path), "/sys/class/scsi_host/host%u/scan", h))
		return -EINVAL;
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, "- - -", 5) != 5)
		r = -errno;
	close(fd);
	return r;
}
