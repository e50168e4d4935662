/* See rtnl.h.  Messages are packed by hand into one aligned buffer: a
 * header, the family's struct, then route attributes (rtnetlink(7)). */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <sys/socket.h>
#include <sys/time.h>

#include "rtnl.h"

struct req {
	struct nlmsghdr h;
	char body[256];
} __attribute__((aligned(NLMSG_ALIGNTO)));

int rtnl_open(void)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	/* the kernel answers at once; a bound keeps PID 1 from waiting on
	 * a lost answer for ever */
	struct timeval tv = { .tv_sec = 5 };
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);

	if (fd < 0)
		return -errno;
	if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) ||
	    bind(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		int e = errno;

		close(fd);
		return -e;
	}
	return fd;
}

static void attr(struct req *r, unsigned short type, const void *data,
		 unsigned short len)
{
	struct rtattr *a = (struct rtattr *)((char *)r + NLMSG_ALIGN(r->h.nlmsg_len));

	a->rta_type = type;
	a->rta_len = (unsigned short)RTA_LENGTH(len);
	memcpy(RTA_DATA(a), data, len);
	r->h.nlmsg_len = NLMSG_ALIGN(r->h.nlmsg_len) + RTA_ALIGN(a->rta_len);
}

/* Send r and read its acknowledgement: 0 or the kernel's -errno. */
static int talk(int fd, struct req *r)
{
	static uint32_t seq;
	union {
		struct nlmsghdr h;
		char buf[1024];
	} ack;
	struct nlmsghdr *h;
	ssize_t n;

	r->h.nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	r->h.nlmsg_seq = ++seq;
	if (send(fd, r, r->h.nlmsg_len, 0) < 0)
		return -errno;
	for (;;) {
		n = recv(fd, &ack, sizeof(ack), 0);
		if (n < 0)
			return errno == EAGAIN ? -ETIMEDOUT : -errno;
		for (h = &ack.h; NLMSG_OK(h, (unsigned int)n); h = NLMSG_NEXT(h, n)) {
			const struct nlmsgerr *e = NLMSG_DATA(h);

			if (h->nlmsg_seq != r->h.nlmsg_seq || h->nlmsg_type != NLMSG_ERROR)
				continue;
			if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*e)))
				return -EPROTO;
			return e->error == -EEXIST ? 0 : e->error;
		}
	}
}

int rtnl_link_up(int fd, int ifindex, unsigned int mtu)
{
	struct req r;
	struct ifinfomsg *i = NLMSG_DATA(&r.h);

	memset(&r, 0, sizeof(r));
	r.h.nlmsg_len = NLMSG_LENGTH(sizeof(*i));
	r.h.nlmsg_type = RTM_NEWLINK;
	i->ifi_family = AF_UNSPEC;
	i->ifi_index = ifindex;
	i->ifi_flags = IFF_UP;
	i->ifi_change = IFF_UP;
	if (mtu) {
		uint32_t m = mtu;

		attr(&r, IFLA_MTU, &m, sizeof(m));
	}
	return talk(fd, &r);
}

int rtnl_addr_add(int fd, int ifindex, uint32_t addr, unsigned int prefix)
{
	struct req r;
	struct ifaddrmsg *a = NLMSG_DATA(&r.h);
	uint32_t local = htonl(addr);
	uint32_t bcast = htonl(prefix >= 31 ? addr : addr | (0xffffffffu >> prefix));

	memset(&r, 0, sizeof(r));
	r.h.nlmsg_len = NLMSG_LENGTH(sizeof(*a));
	r.h.nlmsg_type = RTM_NEWADDR;
	r.h.nlmsg_flags = NLM_F_CREATE | NLM_F_EXCL;
	a->ifa_family = AF_INET;
	a->ifa_prefixlen = (unsigned char)prefix;
	a->ifa_scope = RT_SCOPE_UNIVERSE;
	a->ifa_index = (unsigned int)ifindex;
	attr(&r, IFA_LOCAL, &local, 4);
	attr(&r, IFA_ADDRESS, &local, 4);
	if (prefix < 31)
		attr(&r, IFA_BROADCAST, &bcast, 4);
	return talk(fd, &r);
}

int rtnl_route_add(int fd, int ifindex, uint32_t gw)
{
	struct req r;
	struct rtmsg *m = NLMSG_DATA(&r.h);
	uint32_t g = htonl(gw), oif = (uint32_t)ifindex;

	memset(&r, 0, sizeof(r));
	r.h.nlmsg_len = NLMSG_LENGTH(sizeof(*m));
	r.h.nlmsg_type = RTM_NEWROUTE;
	r.h.nlmsg_flags = NLM_F_CREATE | NLM_F_EXCL;
	m->rtm_family = AF_INET;
	m->rtm_table = RT_TABLE_MAIN;
	m->rtm_protocol = RTPROT_BOOT;
	m->rtm_scope = RT_SCOPE_UNIVERSE;
	m->rtm_type = RTN_UNICAST;
	attr(&r, RTA_GATEWAY, &g, 4);
	attr(&r, RTA_OIF, &oif, 4);
	return talk(fd, &r);
}
