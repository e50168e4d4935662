/* The network part of the kernel command line, as the kernel
 * (Documentation/admin-guide/nfs/nfsroot.rst) and dracut.cmdline(7) write
 * it:
 *   ip=<client-IP>:[<peer>]:<gateway-IP>:<netmask>:<client_hostname>:
 *      <interface>:{none|off|dhcp|on|any|dhcp6|auto6|ibft}[:[<mtu>][:<mac>]]
 *      (or [:[<dns1>][:<dns2>]] after the method, as the kernel's form)
 *   ip=<interface>:{dhcp|on|any|dhcp6|auto6|...}[:[<mtu>][:<mac>]]
 *   ip=dhcp (or any method word alone: every interface)
 *   BOOTIF=01-52-54-00-12-34-56 (PXELINUX IPAPPEND 2: the boot NIC's MAC)
 * one ip= per interface.
 *
 * Pure functions over strings, host-tested and fuzzed (the command line
 * is anyone's who can edit a boot entry); the I/O is rtnl.c's and
 * src/mpinit/net.c's.  Static IPv4 is supported; DHCP is handed to
 * klibc's ipconfig by the init; IPv6 addresses are recognised and
 * refused with -EAFNOSUPPORT. */
#ifndef MPBOOT_NETCONF_H
#define MPBOOT_NETCONF_H

#include <stdint.h>

#define NET_MAX_IF 8
#define NET_IFNAME 16   /* IFNAMSIZ */
#define NET_HOSTNAME 65 /* HOST_NAME_MAX + 1 */

enum net_method {
	NET_STATIC, /* none/off with an address (or no method given) */
	NET_OFF,    /* none/off without an address: no configuration */
	NET_DHCP,   /* dhcp, on, any */
	NET_DHCP6,  /* dhcp6, auto6, either6, link6: not supported */
	NET_IBFT,   /* ibft: from the iSCSI Boot Firmware Table */
};

struct net_ifconf {
	char dev[NET_IFNAME];      /* "" = not named (by MAC, or every one) */
	char hostname[NET_HOSTNAME];
	uint8_t mac[6];
	uint8_t has_mac;
	uint8_t method;            /* enum net_method */
	uint8_t prefix;            /* netmask as a prefix length, 0..32 */
	uint32_t addr, gw;         /* IPv4, host byte order; gw 0 = none */
	unsigned int mtu;          /* 0 = leave as is */
};

struct net_conf {
	struct net_ifconf ifs[NET_MAX_IF];
	unsigned int n;
	uint8_t bootif[6];
	uint8_t has_bootif;
};

/* Parse one ip= value into *c.  0, or -EINVAL / -ERANGE / -ENAMETOOLONG /
 * -EAFNOSUPPORT (an IPv6 address) with *why saying what was wrong. */
int net_parse_ip(const char *val, struct net_ifconf *c, const char **why);

/* A MAC as 6 hex pairs joined by ':' or '-' (exactly 17 bytes); 0 or
 * -EINVAL. */
int net_parse_mac(const char *s, uint8_t mac[6]);

/* Dotted-quad IPv4 (four decimal 0..255, no leading junk) into host
 * order; 0 or -EINVAL. */
int net_parse_ipv4(const char *s, uint32_t *out);

/* Take one command-line parameter: ip= is added to c, BOOTIF= recorded.
 * 1 if it was one of those, 0 if not ours, <0 on a bad value (*why says
 * what) or -ENOSPC past NET_MAX_IF interfaces.  Two ip= naming the same
 * interface: the later one wins, as a later parameter does. */
int net_conf_add(struct net_conf *c, const char *key, const char *val,
		 const char **why);

#endif
