/* The few rtnetlink requests (rtnetlink(7)) an initramfs needs to put an
 * interface on a network: link up with an MTU (RTM_NEWLINK), an IPv4
 * address (RTM_NEWADDR), a default route (RTM_NEWROUTE).  Each request is
 * acknowledged (NLM_F_ACK) and its error returned: 0 or -errno.  Already
 * there (-EEXIST) counts as done: the init's phases may run twice. */
#ifndef MPBOOT_RTNL_H
#define MPBOOT_RTNL_H

#include <stdint.h>

/* A NETLINK_ROUTE socket, or -errno. */
int rtnl_open(void);

/* Set the MTU (0: leave it) and bring the link up. */
int rtnl_link_up(int fd, int ifindex, unsigned int mtu);

/* addr/prefix (host byte order) on ifindex, with its broadcast. */
int rtnl_addr_add(int fd, int ifindex, uint32_t addr, unsigned int prefix);

/* The default route through gw (host byte order) on ifindex. */
int rtnl_route_add(int fd, int ifindex, uint32_t gw);

#endif
