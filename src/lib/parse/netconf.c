/* See netconf.h. */
#include <errno.h>
#include <string.h>

#include "netconf.h"
#include "str.h"

#define NFIELDS 16 /* 7 named fields, MTU and a 6-field MAC; more is no ip= value */

static const struct {
	const char *word;
	uint8_t method;
} methods[] = {
	{ "none", NET_OFF },   { "off", NET_OFF },	{ "dhcp", NET_DHCP },
	{ "on", NET_DHCP },    { "any", NET_DHCP },	{ "dhcp6", NET_DHCP6 },
	{ "auto6", NET_DHCP6 }, { "either6", NET_DHCP6 }, { "link6", NET_DHCP6 },
	{ "ibft", NET_IBFT },
};

/* -1 if s (n bytes) is no method word */
static int method_of(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
		if (strlen(methods[i].word) == n && !memcmp(methods[i].word, s, n))
			return methods[i].method;
	return -1;
}

int net_parse_ipv4(const char *s, uint32_t *out)
{
	uint32_t a = 0;
	unsigned int part, digits, i;

	for (i = 0; i < 4; i++) {
		part = digits = 0;
		while (*s >= '0' && *s <= '9' && digits < 4) {
			part = part * 10 + (unsigned int)(*s++ - '0');
			digits++;
		}
		if (!digits || digits > 3 || part > 255)
			return -EINVAL;
		a = a << 8 | part;
		if (i < 3 && *s++ != '.')
			return -EINVAL;
	}
	if (*s)
		return -EINVAL;
	*out = a;
	return 0;
}

int net_parse_mac(const char *s, uint8_t mac[6])
{
	int i, h, l;

	if (strlen(s) != 17)
		return -EINVAL;
	for (i = 0; i < 6; i++, s += 3) {
		h = str_hexval(s[0]);
		l = str_hexval(s[1]);
		if (h < 0 || l < 0 || (i < 5 && s[2] != ':' && s[2] != '-'))
			return -EINVAL;
		mac[i] = (uint8_t)(h << 4 | l);
	}
	return 0;
}

/* Split v at ':' into f[] (pointers into buf, a copy), keeping a
 * bracketed IPv6 address "[..]" whole.  The number of fields, or -1. */
static int split(const char *v, char *buf, size_t size, char *f[NFIELDS])
{
	int n = 0, in_br = 0;
	char *p;

	if (strlen(v) >= size)
		return -1;
	strcpy(buf, v);
	f[n++] = buf;
	for (p = buf; *p; p++) {
		if (*p == '[')
			in_br = 1;
		else if (*p == ']')
			in_br = 0;
		else if (*p == ':' && !in_br) {
			if (n == NFIELDS)
				return -1;
			*p = '\0';
			f[n++] = p + 1;
		}
	}
	return n;
}

/* An address field: "" (0), dotted IPv4, or -EAFNOSUPPORT for IPv6. */
static int addr_field(const char *s, uint32_t *a, const char **why,
		      const char *what)
{
	*a = 0;
	if (!*s)
		return 0;
	if (*s == '[' || strchr(s, ':')) {
		*why = "IPv6 addresses are not supported yet";
		return -EAFNOSUPPORT;
	}
	if (net_parse_ipv4(s, a)) {
		*why = what;
		return -EINVAL;
	}
	return 0;
}

/* Netmask as dotted quad (contiguous) or prefix length; "" = the
 * address's class, as the kernel's ipconfig does. */
static int mask_field(const char *s, uint32_t addr, uint8_t *prefix)
{
	uint32_t m;
	unsigned int p = 0;

	if (!*s) {
		*prefix = addr < 0x80000000u ? 8 : addr < 0xc0000000u ? 16 : 24;
		return 0;
	}
	if (!strchr(s, '.')) {
		if (!*s || strlen(s) > 2 || s[strspn(s, "0123456789")])
			return -EINVAL;
		while (*s)
			p = p * 10 + (unsigned int)(*s++ - '0');
		if (p > 32)
			return -EINVAL;
		*prefix = (uint8_t)p;
		return 0;
	}
	if (net_parse_ipv4(s, &m))
		return -EINVAL;
	while (p < 32 && m & (0x80000000u >> p))
		p++;
	if (p < 32 && m << p) /* a one after the first zero */
		return -EINVAL;
	*prefix = (uint8_t)p;
	return 0;
}

/* An interface name as the kernel takes it (dev_valid_name). */
static int dev_field(const char *s, char *dev)
{
	size_t n = strlen(s), i;

	if (n >= NET_IFNAME || !strcmp(s, ".") || !strcmp(s, ".."))
		return -EINVAL;
	for (i = 0; i < n; i++)
		if (s[i] == '/' || (unsigned char)s[i] <= ' ' || s[i] == 0x7f)
			return -EINVAL;
	memcpy(dev, s, n + 1);
	return 0;
}

static int host_field(const char *s, char *host)
{
	size_t n = strlen(s);

	if (n >= NET_HOSTNAME ||
	    s[strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")])
		return -EINVAL;
	memcpy(host, s, n + 1);
	return 0;
}

/* *why = what, and the error: one line for each bad-field return */
static int bad(const char **why, const char *what, int err)
{
	*why = what;
	return err;
}

/* The fields after the method: [<mtu>][:<mac>] (dracut) or
 * [<dns1>][:<dns2>] (the kernel's; name servers are not used here).  A
 * MAC holds ':' itself: its six fields are joined back. */
static int tail_fields(char **f, int n, struct net_ifconf *c, const char **why)
{
	uint32_t dns;
	unsigned int mtu = 0;
	const char *m;
	int i, r;

	if (n == 6 || n == 7) { /* [<mtu>:]<6 MAC bytes> */
		for (i = n - 5; i < n; i++)
			f[i][-1] = ':';
		if (net_parse_mac(f[n - 6], c->mac))
			return bad(why, "bad MAC address", -EINVAL);
		c->has_mac = 1;
		if (n == 6)
			return 0;
		n = 1;
	}
	if (n > 2)
		return bad(why, "too many fields", -EINVAL);
	/* a MAC written with '-' is one field */
	if (n >= 1 && !net_parse_mac(f[n - 1], c->mac)) {
		c->has_mac = 1;
		n--;
	}
	if (n == 2 && (r = addr_field(f[1], &dns, why, "bad name server")))
		return r;
	if (n <= 0 || !*(m = f[0]) || !net_parse_ipv4(m, &dns))
		return 0; /* nothing, or dns1 */
	if (strlen(m) > 6 || m[strspn(m, "0123456789")])
		return bad(why, "bad MTU", -EINVAL);
	while (*m)
		mtu = mtu * 10 + (unsigned int)(*m++ - '0');
	if (mtu < 68 || mtu > 65535) /* IPv4's minimum; the largest link MTU */
		return bad(why, "MTU out of range (68..65535)", -ERANGE);
	c->mtu = mtu;
	return 0;
}

/* ip=<interface>:<method>[:...] */
static int short_form(char **f, int n, int m, struct net_ifconf *c,
		      const char **why)
{
	if (dev_field(f[0], c->dev))
		return bad(why, "bad interface name", -EINVAL);
	c->method = (uint8_t)m;
	if (m == NET_OFF) /* "eth0:off": nothing to set up there */
		return 0;
	return tail_fields(f + 2, n - 2, c, why);
}

static int full_form(char **f, int n, struct net_ifconf *c, const char **why)
{
	uint32_t peer;
	int r, m = -1;

	if ((r = addr_field(f[0], &c->addr, why, "bad client address")) ||
	    (n > 1 && (r = addr_field(f[1], &peer, why, "bad peer address"))) ||
	    (n > 2 && (r = addr_field(f[2], &c->gw, why, "bad gateway address"))))
		return r;
	if (c->addr && mask_field(n > 3 ? f[3] : "", c->addr, &c->prefix))
		return bad(why, "bad netmask", -EINVAL);
	if (n > 4 && host_field(f[4], c->hostname))
		return bad(why, "bad hostname", -EINVAL);
	if (n > 5 && dev_field(f[5], c->dev))
		return bad(why, "bad interface name", -EINVAL);
	if (n > 6 && *f[6] && (m = method_of(f[6], strlen(f[6]))) < 0)
		return bad(why, "unknown autoconfiguration method", -EINVAL);
	/* no method: static with an address, else the kernel's "any" */
	if (m < 0)
		m = c->addr ? NET_STATIC : NET_DHCP;
	if (m == NET_OFF && c->addr)
		m = NET_STATIC;
	/* a netmask or gateway for no address is a typo, not "off" */
	if (!c->addr && (c->gw || (n > 3 && *f[3])))
		return bad(why, "no client address", -EINVAL);
	c->method = (uint8_t)m;
	if (m == NET_STATIC && !c->addr)
		return bad(why, "no client address", -EINVAL);
	return tail_fields(f + 7, n - 7, c, why);
}

int net_parse_ip(const char *val, struct net_ifconf *c, const char **why)
{
	char buf[256], *f[NFIELDS] = { NULL };
	int n, m;

	memset(c, 0, sizeof(*c));
	*why = NULL;
	n = split(val, buf, sizeof(buf), f);
	if (n < 0)
		return bad(why, "too long or too many fields", -ENAMETOOLONG);
	m = method_of(f[0], strlen(f[0]));
	if (n == 1 && !strchr(f[0], '.')) { /* ip=dhcp: every interface */
		if (m < 0)
			return bad(why, "unknown autoconfiguration method", -EINVAL);
		c->method = (uint8_t)m;
		return 0;
	}
	/* the full form's second field is an address or empty, never a
	 * method word */
	if (n > 1 && (m = method_of(f[1], strlen(f[1]))) >= 0)
		return short_form(f, n, m, c, why);
	return full_form(f, n, c, why);
}

int net_conf_add(struct net_conf *c, const char *key, const char *val,
		 const char **why)
{
	struct net_ifconf ic;
	unsigned int i;
	int r;

	*why = NULL;
	if (!strcmp(key, "BOOTIF")) {
		/* the ARP hardware type (01 = Ethernet), then the MAC */
		if (strncmp(val, "01-", 3) || net_parse_mac(val + 3, c->bootif))
			return bad(why, "BOOTIF= is not 01-xx-xx-xx-xx-xx-xx", -EINVAL);
		c->has_bootif = 1;
		return 1;
	}
	if (strcmp(key, "ip"))
		return 0;
	r = net_parse_ip(val, &ic, why);
	if (r)
		return r;
	/* the same interface: the same name, or unnamed with the same MAC
	 * (or none): two ip= by MAC are two interfaces */
	for (i = 0; i < c->n; i++)
		if (!strcmp(c->ifs[i].dev, ic.dev) &&
		    (ic.dev[0] || (c->ifs[i].has_mac == ic.has_mac &&
				   !memcmp(c->ifs[i].mac, ic.mac, 6))))
			break;
	if (i == NET_MAX_IF)
		return bad(why, "more than 8 interfaces", -ENOSPC);
	c->ifs[i] = ic;
	if (i == c->n)
		c->n++;
	return 1;
}
