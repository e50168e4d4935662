/* NETLINK_ISCSI is not UAPI: the message layout below is the kernel's
 * struct iscsi_uevent of include/scsi/iscsi_if.h (stable: iscsid of any
 * age talks to any kernel), reduced to the members we use and padded to
 * its size (56 bytes: 16 of header, the request union of 24, the reply
 * union of 16).  drivers/scsi/scsi_transport_iscsi.c, iscsi_if_rx():
 * every request is answered by a unicast copy of it with the reply
 * union filled, or with type ISCSI_KEVENT_IF_ERROR and iferror = -errno. */
#include <errno.h>
#include <stddef.h>
#include <linux/netlink.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "nl.h"
#include "str.h"

#ifndef NETLINK_ISCSI
#define NETLINK_ISCSI 8
#endif

enum {
	EV_CREATE_SESSION = 11,   /* UEVENT_BASE (10) + 1 */
	EV_DESTROY_SESSION = 12,
	EV_CREATE_CONN = 13,
	EV_DESTROY_CONN = 14,
	EV_BIND_CONN = 15,
	EV_SET_PARAM = 16,
	EV_START_CONN = 17,
	EV_STOP_CONN = 18,
	EV_GET_STATS = 20,
	KEV_CONN_ERROR = 102,     /* KEVENT_BASE (100) + 2 */
	KEV_IF_ERROR = 103,       /* KEVENT_BASE (100) + 3 */
};

struct uev {
	uint32_t type;
	uint32_t iferror;
	uint64_t handle;
	union {
		struct { uint32_t cmdsn; uint16_t cmds_max, qdepth; } c_session;
		struct { uint32_t sid; } d_session;
		struct { uint32_t sid, cid; } conn;  /* create, destroy, start */
		struct { uint32_t sid, cid; uint64_t eph; uint32_t leading; } bind;
		struct { uint32_t sid, cid, param, len; } set_param;
		struct { uint32_t sid, cid; uint64_t conn_handle; uint32_t flag; } stop;
		struct { uint32_t sid, cid; } stats;
	} u;
	union {
		int32_t retcode;
		struct { uint32_t sid, host; } c_session;
		struct { uint32_t sid, cid; } c_conn;
		struct { uint32_t sid, cid; uint64_t recv_handle; } pad;
		struct { uint32_t sid, cid, error; } connerror;
	} r;
} __attribute__((aligned(8)));

_Static_assert(sizeof(struct uev) == 56, "struct iscsi_uevent is 56 bytes");

#define NL_TIMEOUT_MS 10000
/* struct iscsi_stats up to scsicmd_pdus (octets 2x8, noptx_pdus 4) */
#define STATS_LEN 24
#define VALUE_MAX 256

int iscsi_nl_open(struct iscsi_nl *n, const char *transport)
{
	/* in iscsid's group (ISCSI_NL_GRP_ISCSID): the kernel multicasts
	 * each new session there and logs "Cannot notify userspace of
	 * session event" when nobody listens; its messages have type 0
	 * and call() skips them */
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK, .nl_groups = 1 };
	char path[96], v[32];
	uint64_t h;
	int r;

	n->fd = -1;
	n->seq = 0;
	if (str_fmt(path, sizeof(path), "/sys/class/iscsi_transport/%s/handle", transport))
		return -EINVAL;
	r = read_attr(path, v, sizeof(v));
	if (r)
		return r;
	if (str_to_u64(v, &h))
		return -EINVAL;
	n->handle = h;
	n->fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_ISCSI);
	if (n->fd < 0)
		return -errno;
	if (bind(n->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		r = -errno;
		iscsi_nl_close(n);
		return r;
	}
	return 0;
}

void iscsi_nl_close(struct iscsi_nl *n)
{
	if (n->fd >= 0)
		close(n->fd);
	n->fd = -1;
}

/* Send ev (and a value after it), wait for the kernel's copy into *ev.
 * GET_STATS is answered otherwise (iscsi_if_get_stats): by a multicast
 * of nlmsg_type 0 carrying a copy of the request, then the stats, which
 * are copied after *ev (STATS_LEN bytes: the caller has room). */
static int call(struct iscsi_nl *n, struct uev *ev, const char *val, size_t vlen)
{
	struct {
		struct nlmsghdr h;
		struct uev ev;
		char val[VALUE_MAX];
	} m;
	struct sockaddr_nl to = { .nl_family = AF_NETLINK };
	struct pollfd p = { .fd = n->fd, .events = POLLIN };
	const struct nlmsghdr *h;
	union {
		struct nlmsghdr h;
		char b[1024];
	} in;
	size_t want = sizeof(*ev) + (ev->type == EV_GET_STATS ? STATS_LEN : 0);
	uint32_t type;
	ssize_t g;
	int r;

	if (vlen > sizeof(m.val))
		return -E2BIG;
	memset(&m, 0, sizeof(m));
	ev->handle = n->handle;
	m.ev = *ev;
	if (vlen)
		memcpy(m.val, val, vlen);
	m.h.nlmsg_len = (uint32_t)NLMSG_LENGTH(sizeof(m.ev) + vlen);
	m.h.nlmsg_type = (uint16_t)ev->type;
	m.h.nlmsg_seq = ++n->seq;
	if (sendto(n->fd, &m, m.h.nlmsg_len, 0, (struct sockaddr *)&to, sizeof(to)) < 0)
		return -errno;
	for (;;) { /* the reply, skipping anything else (bounded by poll) */
		r = poll(&p, 1, NL_TIMEOUT_MS);
		if (r == 0)
			return -ETIMEDOUT;
		if (r < 0)
			return errno == EINTR ? -ETIMEDOUT : -errno;
		g = recv(n->fd, in.b, sizeof(in.b), 0);
		if (g < 0)
			return -errno;
		h = &in.h;
		memcpy(&type, NLMSG_DATA(h), sizeof(type));
		if ((size_t)g < NLMSG_LENGTH(sizeof(*ev)) || h->nlmsg_len > (size_t)g ||
		    (h->nlmsg_type != m.h.nlmsg_type && (h->nlmsg_type || type != ev->type)))
			continue;
		/* a refused GET_STATS is a plain IF_ERROR reply, no stats */
		if ((size_t)g < NLMSG_LENGTH(want))
			want = sizeof(*ev);
		memcpy(ev, NLMSG_DATA(h), want);
		if (ev->type == KEV_IF_ERROR)
			return (int32_t)ev->iferror < 0 ? (int32_t)ev->iferror : -EIO;
		return 0;
	}
}

int iscsi_nl_create_session(struct iscsi_nl *n, uint32_t cmdsn, uint16_t cmds_max,
			    uint16_t qdepth, uint32_t *sid, uint32_t *host)
{
	struct uev ev = { .type = EV_CREATE_SESSION };
	int r;

	ev.u.c_session.cmdsn = cmdsn;
	ev.u.c_session.cmds_max = cmds_max;
	ev.u.c_session.qdepth = qdepth;
	r = call(n, &ev, NULL, 0);
	if (r)
		return r;
	*sid = ev.r.c_session.sid;
	*host = ev.r.c_session.host;
	return 0;
}

static int conn_op(struct iscsi_nl *n, uint32_t type, uint32_t sid, uint32_t cid)
{
	struct uev ev = { .type = type };
	int r;

	ev.u.conn.sid = sid;
	ev.u.conn.cid = cid;
	r = call(n, &ev, NULL, 0);
	/* start_conn answers in retcode (iscsi_if_recv_msg) */
	return r ? r : type == EV_START_CONN && ev.r.retcode ? ev.r.retcode : 0;
}

int iscsi_nl_destroy_session(struct iscsi_nl *n, uint32_t sid)
{
	struct uev ev = { .type = EV_DESTROY_SESSION };

	ev.u.d_session.sid = sid;
	return call(n, &ev, NULL, 0);
}

int iscsi_nl_create_conn(struct iscsi_nl *n, uint32_t sid, uint32_t *cid)
{
	struct uev ev = { .type = EV_CREATE_CONN };
	int r;

	ev.u.conn.sid = sid;
	ev.u.conn.cid = *cid;
	r = call(n, &ev, NULL, 0);
	if (!r)
		*cid = ev.r.c_conn.cid;
	return r;
}

int iscsi_nl_destroy_conn(struct iscsi_nl *n, uint32_t sid, uint32_t cid)
{
	return conn_op(n, EV_DESTROY_CONN, sid, cid);
}

int iscsi_nl_start_conn(struct iscsi_nl *n, uint32_t sid, uint32_t cid)
{
	return conn_op(n, EV_START_CONN, sid, cid);
}

int iscsi_nl_bind_conn(struct iscsi_nl *n, uint32_t sid, uint32_t cid, int sockfd)
{
	struct uev ev = { .type = EV_BIND_CONN };
	int r;

	/* iscsi_sw_tcp_conn_bind(): the handle is a file descriptor of
	 * the caller, looked up with sockfd_lookup() */
	ev.u.bind.sid = sid;
	ev.u.bind.cid = cid;
	ev.u.bind.eph = (uint64_t)sockfd;
	ev.u.bind.leading = 1;
	r = call(n, &ev, NULL, 0);
	return r ? r : ev.r.retcode;
}

int iscsi_nl_set_param(struct iscsi_nl *n, uint32_t sid, uint32_t cid,
		       enum iscsi_nl_param p, const char *value)
{
	struct uev ev = { .type = EV_SET_PARAM };
	size_t len = strlen(value) + 1;
	int r;

	/* iscsi_set_param(): the value is a NUL-terminated string whose
	 * length, NUL included, is set_param.len */
	ev.u.set_param.sid = sid;
	ev.u.set_param.cid = cid;
	ev.u.set_param.param = p;
	ev.u.set_param.len = (uint32_t)len;
	r = call(n, &ev, value, len);
	return r ? r : ev.r.retcode;
}

int iscsi_nl_stop_conn(struct iscsi_nl *n, uint32_t sid, uint32_t cid, uint32_t flag)
{
	struct uev ev = { .type = EV_STOP_CONN };

	ev.u.stop.sid = sid;
	ev.u.stop.cid = cid;
	ev.u.stop.flag = flag;
	return call(n, &ev, NULL, 0);
}

int iscsi_nl_cmd_pdus(struct iscsi_nl *n, uint32_t sid, uint32_t cid, uint32_t *cnt)
{
	struct {
		struct uev ev;
		uint32_t st[STATS_LEN / 4];
	} q = { .ev = { .type = EV_GET_STATS } };
	int r;

	q.ev.u.stats.sid = sid;
	q.ev.u.stats.cid = cid;
	r = call(n, &q.ev, NULL, 0);
	*cnt = q.st[5]; /* scsicmd_pdus */
	return r;
}

int iscsi_nl_conn_error(const void *buf, size_t len, uint32_t *sid)
{
	const char *ev = NLMSG_DATA((const struct nlmsghdr *)buf);
	uint32_t type;

	if (len < NLMSG_LENGTH(sizeof(struct uev)))
		return -EINVAL;
	/* fields copied out: buf need not be aligned for struct uev */
	memcpy(&type, ev + offsetof(struct uev, type), 4);
	memcpy(sid, ev + offsetof(struct uev, r.connerror.sid), 4);
	return type == KEV_CONN_ERROR;
}
