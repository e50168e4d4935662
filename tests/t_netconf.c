/* Host tests of the ip= / BOOTIF= parser (src/lib/parse/netconf.c).
 * Invariants: every form of nfsroot.rst and dracut.cmdline(7) gives the
 * interface, method, address/prefix, gateway, MTU and MAC it names; a
 * bad field is an error with a reason, never a half-filled result taken
 * as good; IPv6 is refused with -EAFNOSUPPORT, not misread. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "netconf.h"
#include "unit.h"

/* "dev|method|a.b.c.d/p|gw|mtu|mac|host" of a parse */
static void show(const struct net_ifconf *c, char *out, size_t size)
{
	snprintf(out, size, "%s|%u|%u.%u.%u.%u/%u|%u.%u.%u.%u|%u|%02x:%02x:%02x:%02x:%02x:%02x%s|%s",
		 c->dev, c->method, c->addr >> 24, c->addr >> 16 & 255, c->addr >> 8 & 255,
		 c->addr & 255, c->prefix, c->gw >> 24, c->gw >> 16 & 255, c->gw >> 8 & 255,
		 c->gw & 255, c->mtu, c->mac[0], c->mac[1], c->mac[2], c->mac[3], c->mac[4],
		 c->mac[5], c->has_mac ? "" : "-", c->hostname);
}

static void ok(const char *name, const char *in, const char *want)
{
	struct net_ifconf c;
	const char *why;
	char got[200];
	int r = net_parse_ip(in, &c, &why);

	EXPECT(r == 0, name, "ip=%s: %d (%s)", in, r, why ? why : "?");
	show(&c, got, sizeof(got));
	EXPECT_STR(got, want, name);
	UNIT_PASS(name);
}

static void ko(const char *name, const char *in, int err, const char *why_want)
{
	struct net_ifconf c;
	const char *why = NULL;
	int r = net_parse_ip(in, &c, &why);

	EXPECT_INT(r, err, name);
	EXPECT(why && strstr(why, why_want), name, "ip=%s: why '%s', want '%s'", in,
	       why ? why : "(null)", why_want);
	UNIT_PASS(name);
}

#define NOMAC "00:00:00:00:00:00-"
static void conf_cases(void)
{
	struct net_conf c;
	const char *why;
	int r, i;

	memset(&c, 0, sizeof(c));
	r = net_conf_add(&c, "ip", "10.10.0.2::10.10.0.254:255.255.255.0::eth0:none", &why);
	EXPECT_INT(r, 1, "conf-two");
	r = net_conf_add(&c, "ip", "10.10.1.2:::24::eth1:off", &why);
	EXPECT_INT(r, 1, "conf-two");
	r = net_conf_add(&c, "root", "/dev/sda", &why);
	EXPECT_INT(r, 0, "conf-two");
	EXPECT_INT(c.n, 2, "conf-two");
	EXPECT_STR(c.ifs[1].dev, "eth1", "conf-two");
	UNIT_PASS("conf-two");
	/* the same interface again: the later one wins */
	r = net_conf_add(&c, "ip", "10.10.1.3:::24::eth1:none", &why);
	EXPECT_INT(r, 1, "conf-same-dev-replaces");
	EXPECT_INT(c.n, 2, "conf-same-dev-replaces");
	EXPECT_INT(c.ifs[1].addr, 0x0a0a0103, "conf-same-dev-replaces");
	UNIT_PASS("conf-same-dev-replaces");
	/* unnamed, by MAC: two MACs are two interfaces, the same MAC one */
	memset(&c, 0, sizeof(c));
	EXPECT_INT(net_conf_add(&c, "ip", "10.10.0.2:::24:::none:52-54-00-10-00-02", &why), 1,
		   "conf-by-mac");
	EXPECT_INT(net_conf_add(&c, "ip", "::::::dhcp:52-54-00-10-01-02", &why), 1, "conf-by-mac");
	EXPECT_INT(c.n, 2, "conf-by-mac");
	EXPECT_INT(c.ifs[1].method, NET_DHCP, "conf-by-mac");
	EXPECT_INT(net_conf_add(&c, "ip", "10.10.1.9:::24:::none:52-54-00-10-01-02", &why), 1,
		   "conf-by-mac");
	EXPECT(c.n == 2 && c.ifs[1].addr == 0x0a0a0109, "conf-by-mac", "n %u", c.n);
	UNIT_PASS("conf-by-mac");
	r = net_conf_add(&c, "BOOTIF", "01-52-54-00-10-00-02", &why);
	EXPECT_INT(r, 1, "bootif");
	EXPECT(c.has_bootif && c.bootif[0] == 0x52 && c.bootif[5] == 0x02, "bootif", "mac");
	UNIT_PASS("bootif");
	r = net_conf_add(&c, "BOOTIF", "52-54-00-10-00-02", &why);
	EXPECT_INT(r, -EINVAL, "bootif-no-type");
	UNIT_PASS("bootif-no-type");
	memset(&c, 0, sizeof(c));
	for (i = 0; i < NET_MAX_IF; i++) {
		char v[64];

		snprintf(v, sizeof(v), "10.0.%d.2:::24::eth%d:none", i, i);
		EXPECT_INT(net_conf_add(&c, "ip", v, &why), 1, "conf-full");
	}
	EXPECT_INT(net_conf_add(&c, "ip", "10.0.9.2:::24::eth9:none", &why), -ENOSPC, "conf-full");
	UNIT_PASS("conf-full");
}

int main(void)
{
	unit_suite = "netconf";
	ok("full-static", "10.10.0.2::10.10.0.254:255.255.255.0:host1:eth0:none",
	   "eth0|0|10.10.0.2/24|10.10.0.254|0|" NOMAC "|host1");
	ok("full-off", "10.10.1.2:10.10.1.1::255.255.0.0::eth1:off",
	   "eth1|0|10.10.1.2/16|0.0.0.0|0|" NOMAC "|");
	ok("prefix-mask", "192.168.7.9:::20::ens3:none", "ens3|0|192.168.7.9/20|0.0.0.0|0|" NOMAC "|");
	ok("class-mask", "10.1.2.3::::::", "|0|10.1.2.3/8|0.0.0.0|0|" NOMAC "|");
	ok("class-c", "192.168.1.5", "|0|192.168.1.5/24|0.0.0.0|0|" NOMAC "|");
	ok("mtu-mac", "10.10.0.2:::24::eth0:none:9000:52:54:00:10:00:02",
	   "eth0|0|10.10.0.2/24|0.0.0.0|9000|52:54:00:10:00:02|");
	ok("mac-no-mtu", "10.10.0.2:::24::eth0:none::52-54-00-10-00-0A",
	   "eth0|0|10.10.0.2/24|0.0.0.0|0|52:54:00:10:00:0a|");
	ok("mac-only", "10.10.0.2:::24:::none:52:54:00:10:00:02",
	   "|0|10.10.0.2/24|0.0.0.0|0|52:54:00:10:00:02|");
	ok("kernel-dns", "10.10.0.2:::24::eth0:off:10.0.0.53:10.0.0.54",
	   "eth0|0|10.10.0.2/24|0.0.0.0|0|" NOMAC "|");
	ok("full-dhcp", ":::::eth0:dhcp", "eth0|2|0.0.0.0/0|0.0.0.0|0|" NOMAC "|");
	ok("no-method-no-addr", "::::::", "|2|0.0.0.0/0|0.0.0.0|0|" NOMAC "|");
	ok("short-dhcp", "eth0:dhcp", "eth0|2|0.0.0.0/0|0.0.0.0|0|" NOMAC "|");
	ok("short-vlan", "eth0.100:on:1500", "eth0.100|2|0.0.0.0/0|0.0.0.0|1500|" NOMAC "|");
	ok("short-mac", "eth1:any::52:54:00:10:01:02", "eth1|2|0.0.0.0/0|0.0.0.0|0|52:54:00:10:01:02|");
	ok("short-dhcp6", "eth0:dhcp6", "eth0|3|0.0.0.0/0|0.0.0.0|0|" NOMAC "|");
	ok("word-dhcp", "dhcp", "|2|0.0.0.0/0|0.0.0.0|0|" NOMAC "|");
	ok("word-ibft", "ibft", "|4|0.0.0.0/0|0.0.0.0|0|" NOMAC "|");
	ok("word-off", "off", "|1|0.0.0.0/0|0.0.0.0|0|" NOMAC "|");
	ko("bad-word", "dhcpx", -EINVAL, "method");
	ko("bad-addr", "10.10.0.256:::24::eth0:none", -EINVAL, "client address");
	ko("bad-addr-junk", "10.10.0.1x:::24::eth0:none", -EINVAL, "client address");
	ko("bad-gw", "10.10.0.2::10.10.0:24::eth0:none", -EINVAL, "gateway");
	ko("bad-mask-holes", "10.10.0.2:::255.0.255.0::eth0:none", -EINVAL, "netmask");
	ko("bad-prefix", "10.10.0.2:::33::eth0:none", -EINVAL, "netmask");
	ko("bad-method", "10.10.0.2:::24::eth0:static", -EINVAL, "method");
	ko("static-no-addr", ":::24::eth0:none", -EINVAL, "no client address");
	ko("bad-dev-slash", "10.10.0.2:::24::eth/0:none", -EINVAL, "interface");
	ko("bad-dev-long", "10.10.0.2:::24::abcdefghijklmnop:none", -EINVAL, "interface");
	ko("bad-dev-dotdot", "..:dhcp", -EINVAL, "interface");
	ko("bad-host", "10.10.0.2:::24:a b:eth0:none", -EINVAL, "hostname");
	ko("bad-mtu", "10.10.0.2:::24::eth0:none:9k", -EINVAL, "MTU");
	ko("mtu-range", "10.10.0.2:::24::eth0:none:67", -ERANGE, "MTU");
	ko("bad-mac", "10.10.0.2:::24::eth0:none:1500:52:54:00:10:00:zz", -EINVAL, "MAC");
	ko("too-many", "10.10.0.2:::24::eth0:none:1500:1:2", -EINVAL, "too many");
	ko("ipv6-client", "[fd00::2]::[fd00::1]:64::eth0:none", -EAFNOSUPPORT, "IPv6");
	ko("ipv6-gw", "10.10.0.2::[fd00::1]:24::eth0:none", -EAFNOSUPPORT, "IPv6");
	ko("fields", "1:2:3:4:5:6:7:8:9:10:11:12:13:14:15:16:17", -ENAMETOOLONG, "too many fields");
	ko("mac-dash-bad", "10.10.0.2:::24::eth0:none:1500:52-54-00-10-00", -EINVAL, "name server");
	conf_cases();
	return UNIT_DONE();
}
