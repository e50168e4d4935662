/* Host tests of the netroot=iscsi: / rd.iscsi.* parser
 * (src/lib/parse/iscsiconf.c).
 * Invariants: dracut's form gives server, port (3260 by default), LUN,
 * interface and a target name that keeps its own ':'; credentials end at
 * the last '@' and have 2 or 4 fields; an IPv6 server is bracketed; a bad
 * field is an error whose reason never holds a secret. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "iscsiconf.h"
#include "unit.h"

static void show(const struct iscsi_boot_portal *p, char *out, size_t size)
{
	if (size < 1400)
		return;
	snprintf(out, size, "%s%s|%u|%u|%s|%s|%s:%s:%s:%s", p->ipv6 ? "6:" : "", p->server,
		 p->port, p->lun, p->netdev, p->target, p->user, p->pass, p->ruser, p->rpass);
}

static void ok(const char *name, const char *in, const char *want)
{
	struct iscsi_boot_portal p;
	const char *why;
	char got[1400];
	int r = iscsi_parse_netroot(in, &p, &why);

	EXPECT(r == 0, name, "netroot=%s: %d (%s)", in, r, why ? why : "?");
	show(&p, got, sizeof(got));
	EXPECT_STR(got, want, name);
	UNIT_PASS(name);
}

static void ko(const char *name, const char *in, int err, const char *why_want)
{
	struct iscsi_boot_portal p;
	const char *why = NULL;
	int r = iscsi_parse_netroot(in, &p, &why);

	EXPECT_INT(r, err, name);
	EXPECT(why && strstr(why, why_want), name, "why '%s', want '%s'",
	       why ? why : "(null)", why_want);
	/* the reason is a fixed text: no secret of the input in it */
	EXPECT(!strstr(why, "s3cret"), name, "why holds the secret");
	UNIT_PASS(name);
}

#define T "iqn.2026-12.org.mpboot:target"
static void conf_cases(void)
{
	struct iscsi_boot c;
	const char *why;

	memset(&c, 0, sizeof(c));
	EXPECT_INT(iscsi_conf_add(&c, "netroot", "iscsi:10.10.0.1::::" T, 1, &why), 1, "conf");
	EXPECT_INT(iscsi_conf_add(&c, "netroot", "iscsi:10.10.1.1::::" T, 1, &why), 1, "conf");
	EXPECT_INT(iscsi_conf_add(&c, "netroot", "nbd:10.0.0.1:2000", 1, &why), 0, "conf");
	EXPECT_INT(iscsi_conf_add(&c, "rd.iscsi.initiator", "iqn.2026-12.org.mpboot:ini", 1, &why),
		   1, "conf");
	EXPECT_INT(c.n, 2, "conf");
	EXPECT_STR(c.portals[1].server, "10.10.1.1", "conf");
	EXPECT_STR(c.initiator, "iqn.2026-12.org.mpboot:ini", "conf");
	EXPECT_INT(c.firmware, 0, "conf");
	UNIT_PASS("conf");
	EXPECT_INT(iscsi_conf_add(&c, "rd.iscsi.initiator", "bogus name", 1, &why), -EINVAL,
		   "bad-initiator");
	UNIT_PASS("bad-initiator");
	EXPECT_INT(iscsi_conf_add(&c, "rd.iscsi.ibft", "", 0, &why), 1, "ibft");
	EXPECT_INT(c.firmware, 1, "ibft");
	EXPECT_INT(iscsi_conf_add(&c, "rd.iscsi.firmware", "0", 1, &why), 1, "ibft");
	EXPECT_INT(c.firmware, 0, "ibft");
	UNIT_PASS("ibft");
	while (c.n < ISCSI_MAX_PORTALS)
		EXPECT_INT(iscsi_conf_add(&c, "netroot", "iscsi:10.10.1.1::::" T, 1, &why), 1,
			   "portals-full");
	EXPECT_INT(iscsi_conf_add(&c, "netroot", "iscsi:10.10.1.1::::" T, 1, &why), -ENOSPC,
		   "portals-full");
	UNIT_PASS("portals-full");
}

int main(void)
{
	unit_suite = "iscsiconf";
	ok("plain", "iscsi:10.10.0.1::::" T, "10.10.0.1|3260|0||" T "|:::");
	ok("port-lun", "iscsi:10.10.0.1:6:3261:1:" T, "10.10.0.1|3261|1||" T "|:::");
	ok("netdev", "iscsi:10.10.0.1::::eth1:0:" T, "10.10.0.1|3260|0|eth1|" T "|:::");
	ok("iface-netdev", "iscsi:10.10.0.1:::default:eth0:2:" T, "10.10.0.1|3260|2|eth0|" T "|:::");
	ok("chap", "iscsi:alice:s3cret@10.10.0.1::::" T, "10.10.0.1|3260|0||" T "|alice:s3cret::");
	ok("chap-mutual", "iscsi:alice:s3cret:tgt:r3v@10.10.0.1::3260::" T,
	   "10.10.0.1|3260|0||" T "|alice:s3cret:tgt:r3v");
	ok("ipv6", "iscsi:[fd00::1]::::" T, "6:fd00::1|3260|0||" T "|:::");
	ok("eui", "iscsi:10.0.0.1::::eui.02004567A425678D", "10.0.0.1|3260|0||eui.02004567A425678D|:::");
	ok("naa", "iscsi:10.0.0.1:::7:naa.52004567BA64678D", "10.0.0.1|3260|7||naa.52004567BA64678D|:::");
	ok("target-colons", "iscsi:10.0.0.1::::iqn.2001-04.com.example:storage:disk2:sys1",
	   "10.0.0.1|3260|0||iqn.2001-04.com.example:storage:disk2:sys1|:::");
	ko("other-kind", "nfs:10.0.0.1:/root", -EPROTONOSUPPORT, "not an iscsi");
	ko("no-server", "iscsi:::::" T, -EINVAL, "server");
	ko("hostname", "iscsi:san.example.com::::" T, -EINVAL, "IPv4");
	ko("bad-ipv4", "iscsi:10.0.0::::" T, -EINVAL, "IPv4");
	ko("bad-ipv6", "iscsi:[fd00::g]::::" T, -EINVAL, "IPv6");
	ko("unclosed-ipv6", "iscsi:[fd00::1::::" T, -EINVAL, "IPv6");
	ko("no-target", "iscsi:10.0.0.1::::", -EINVAL, "target name");
	ko("bad-target", "iscsi:10.0.0.1::::iqn.bad name", -EINVAL, "target name");
	ko("target-only", "iscsi:10.0.0.1:" T, -EINVAL, "<proto>:<port>:<lun>");
	ko("too-few", "iscsi:10.0.0.1:::" T, -EINVAL, "<proto>:<port>:<lun>");
	ko("too-many", "iscsi:10.0.0.1:::::::" T, -EINVAL, "too many fields");
	ko("bad-proto", "iscsi:10.0.0.1:17:::" T, -EINVAL, "protocol");
	ko("bad-port", "iscsi:10.0.0.1::65536::" T, -EINVAL, "port");
	ko("port-zero", "iscsi:10.0.0.1::0::" T, -EINVAL, "port");
	ko("bad-lun", "iscsi:10.0.0.1:::16384:" T, -EINVAL, "LUN");
	ko("lun-junk", "iscsi:10.0.0.1:::1x:" T, -EINVAL, "LUN");
	ko("chap-3", "iscsi:a:s3cret:b@10.0.0.1::::" T, -EINVAL, "CHAP");
	ko("chap-5", "iscsi:a:s3cret:b:c:d@10.0.0.1::::" T, -EINVAL, "more than 4");
	ko("chap-empty", "iscsi::s3cret@10.0.0.1::::" T, -EINVAL, "CHAP");
	ko("chap-ctl", "iscsi:a:s3c\tret@10.0.0.1::::" T, -EINVAL, "CHAP");
	ko("netdev-slash", "iscsi:10.0.0.1:::e/0:0:" T, -EINVAL, "interface");
	conf_cases();
	return UNIT_DONE();
}
