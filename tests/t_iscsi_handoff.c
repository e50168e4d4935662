/* Host tests of the hand-off of a logged-in connection to the kernel
 * (src/lib/dev/iscsi/session.c, iscsi_session_handoff), with the
 * NETLINK_ISCSI calls of nl.c replaced at link time (-Wl,--wrap): each
 * SET_PARAM is recorded instead of sent.
 *
 * Invariants: a CHAP session gives the kernel its user name and secret
 * (ISCSI_PARAM_USERNAME, PASSWORD), a mutual one also the target's
 * (USERNAME_IN, PASSWORD_IN), each exactly once and byte for byte, as
 * iscsistart does: an iscsid adopting the session later re-logs in with
 * what it reads back from sysfs.  A session without CHAP sets none of the
 * four.  A re-login sets them again and leaves recovery_tmo alone; a
 * first login sets it; the fixed timers keep their numbers.  A failing
 * SET_PARAM names the parameter's number in s->l.why, never its value. */
#include <errno.h>
#include <string.h>

#include "iscsi/chap.h"
#include "iscsi/session.h"
#include "unit.h"

#define NP 64
static char got[NP][64];     /* the value of each parameter set, "" if not */
static int times[NP];        /* how often each was set */
static int fail_param = -1;  /* this parameter's SET_PARAM fails */

int __wrap_iscsi_nl_create_session(struct iscsi_nl *n, uint32_t cmdsn, uint16_t cmds_max,
				   uint16_t qdepth, uint32_t *sid, uint32_t *host);
int __wrap_iscsi_nl_create_session(struct iscsi_nl *n, uint32_t cmdsn, uint16_t cmds_max,
				   uint16_t qdepth, uint32_t *sid, uint32_t *host)
{
	(void)n; (void)cmdsn; (void)cmds_max; (void)qdepth;
	*sid = 3;
	*host = 4;
	return 0;
}

int __wrap_iscsi_nl_create_conn(struct iscsi_nl *n, uint32_t sid, uint32_t *cid);
int __wrap_iscsi_nl_create_conn(struct iscsi_nl *n, uint32_t sid, uint32_t *cid)
{
	(void)n; (void)sid;
	*cid = 0;
	return 0;
}

int __wrap_iscsi_nl_bind_conn(struct iscsi_nl *n, uint32_t sid, uint32_t cid, int fd);
int __wrap_iscsi_nl_bind_conn(struct iscsi_nl *n, uint32_t sid, uint32_t cid, int fd)
{
	(void)n; (void)sid; (void)cid; (void)fd;
	return 0;
}

int __wrap_iscsi_nl_start_conn(struct iscsi_nl *n, uint32_t sid, uint32_t cid);
int __wrap_iscsi_nl_start_conn(struct iscsi_nl *n, uint32_t sid, uint32_t cid)
{
	(void)n; (void)sid; (void)cid;
	return 0;
}

int __wrap_iscsi_nl_destroy_conn(struct iscsi_nl *n, uint32_t sid, uint32_t cid);
int __wrap_iscsi_nl_destroy_conn(struct iscsi_nl *n, uint32_t sid, uint32_t cid)
{
	(void)n; (void)sid; (void)cid;
	return 0;
}

int __wrap_iscsi_nl_destroy_session(struct iscsi_nl *n, uint32_t sid);
int __wrap_iscsi_nl_destroy_session(struct iscsi_nl *n, uint32_t sid)
{
	(void)n; (void)sid;
	return 0;
}

int __wrap_iscsi_nl_set_param(struct iscsi_nl *n, uint32_t sid, uint32_t cid,
			      enum iscsi_nl_param p, const char *value);
int __wrap_iscsi_nl_set_param(struct iscsi_nl *n, uint32_t sid, uint32_t cid,
			      enum iscsi_nl_param p, const char *value)
{
	(void)n; (void)sid; (void)cid;
	if ((int)p == fail_param)
		return -EINVAL;
	if ((unsigned)p < NP) {
		snprintf(got[p], sizeof(got[p]), "%s", value);
		times[p]++;
	}
	return 0;
}

static const struct chap_secret ours = { "alice", "alicesecret12", 13 };
static const struct chap_secret theirs = { "target", "targetsecret9", 13 };

static int handoff(const struct chap_secret *c, const struct chap_secret *m, int relogin)
{
	struct iscsi_node n = { "iqn.2026-12.org.mpboot:initiator", "iqn.2026-12.org.mpboot:target",
				"10.10.0.1", 3260, -1, c, m, 1000 };
	struct iscsi_sess s;
	struct iscsi_nl nl = { -1, 0, 0 };

	memset(got, 0, sizeof(got));
	memset(times, 0, sizeof(times));
	memset(&s, 0, sizeof(s));
	s.fd = -1;
	s.sid = 3;
	return iscsi_session_handoff(&nl, &n, &s, relogin);
}

static void c_mutual(void)
{
	EXPECT_INT(handoff(&ours, &theirs, 0), 0, "mutual");
	EXPECT_STR(got[ISCSI_P_USERNAME], "alice", "mutual");
	EXPECT_STR(got[ISCSI_P_PASSWORD], "alicesecret12", "mutual");
	EXPECT_STR(got[ISCSI_P_USERNAME_IN], "target", "mutual");
	EXPECT_STR(got[ISCSI_P_PASSWORD_IN], "targetsecret9", "mutual");
	EXPECT(times[ISCSI_P_USERNAME] == 1 && times[ISCSI_P_PASSWORD] == 1 &&
	       times[ISCSI_P_USERNAME_IN] == 1 && times[ISCSI_P_PASSWORD_IN] == 1,
	       "mutual", "each set once");
	EXPECT_STR(got[ISCSI_P_SESS_RECOVERY_TMO], "120", "mutual");
	/* the fixed timers, as docs/iscsi.md gives them */
	EXPECT_STR(got[ISCSI_P_FAST_ABORT], "1", "mutual");
	EXPECT_STR(got[ISCSI_P_ABORT_TMO], "15", "mutual");
	EXPECT_STR(got[ISCSI_P_LU_RESET_TMO], "30", "mutual");
	EXPECT_STR(got[ISCSI_P_TGT_RESET_TMO], "30", "mutual");
	EXPECT_STR(got[ISCSI_P_PING_TMO], "5", "mutual");
	EXPECT_STR(got[ISCSI_P_RECV_TMO], "5", "mutual");
	EXPECT_STR(got[ISCSI_P_IFACE_NAME], "default", "mutual");
	UNIT_PASS("mutual");
}

static void c_oneway(void)
{
	EXPECT_INT(handoff(&ours, NULL, 0), 0, "one-way");
	EXPECT_STR(got[ISCSI_P_USERNAME], "alice", "one-way");
	EXPECT_STR(got[ISCSI_P_PASSWORD], "alicesecret12", "one-way");
	EXPECT_INT(times[ISCSI_P_USERNAME_IN] + times[ISCSI_P_PASSWORD_IN], 0, "one-way");
	UNIT_PASS("one-way");
}

static void c_none(void)
{
	EXPECT_INT(handoff(NULL, NULL, 0), 0, "no-chap");
	EXPECT_INT(times[ISCSI_P_USERNAME] + times[ISCSI_P_PASSWORD] +
		   times[ISCSI_P_USERNAME_IN] + times[ISCSI_P_PASSWORD_IN], 0, "no-chap");
	EXPECT_STR(got[ISCSI_P_TARGET_NAME], "iqn.2026-12.org.mpboot:target", "no-chap");
	UNIT_PASS("no-chap");
}

static void c_relogin(void)
{
	EXPECT_INT(handoff(&ours, &theirs, 1), 0, "relogin");
	EXPECT_STR(got[ISCSI_P_PASSWORD], "alicesecret12", "relogin");
	EXPECT_STR(got[ISCSI_P_PASSWORD_IN], "targetsecret9", "relogin");
	EXPECT_INT(times[ISCSI_P_SESS_RECOVERY_TMO], 0, "relogin");
	UNIT_PASS("relogin");
}

/* the reason of a refused secret names the parameter, not the value */
static void c_refused(void)
{
	struct iscsi_node n = { "iqn.2026-12.org.mpboot:initiator", "iqn.2026-12.org.mpboot:target",
				"10.10.0.1", 3260, -1, &ours, NULL, 1000 };
	struct iscsi_sess s;
	struct iscsi_nl nl = { -1, 0, 0 };

	memset(&s, 0, sizeof(s));
	s.fd = -1;
	fail_param = ISCSI_P_PASSWORD;
	EXPECT_INT(iscsi_session_handoff(&nl, &n, &s, 0), -EINVAL, "refused");
	fail_param = -1;
	EXPECT_STR(s.l.why, "SET_PARAM 24", "refused");
	EXPECT(!strstr(s.l.why, "alicesecret12"), "refused", "secret in why");
	UNIT_PASS("refused");
}

int main(void)
{
	unit_suite = "iscsi_handoff";
	c_mutual();
	c_oneway();
	c_none();
	c_relogin();
	c_refused();
	return UNIT_DONE();
}
