/* Host tests of the open-iscsi node-record parser
 * (src/lib/parse/iscsinode.c), as iscsiadm writes records.
 * Invariants: target, address, port (3260 when absent), startup and CHAP
 * come out of a record whatever the order of its lines and the blanks
 * around '='; credentials only with authmethod CHAP, mutual only with
 * both halves; the netroot= line made of a record reads back as the same
 * portal, or is refused (a secret with ':' or a blank, a host name);
 * every reason names a field, never a value. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "iscsinode.h"
#include "unit.h"

#define T "iqn.2026-12.org.mpboot:lun0"
#define HEAD "# BEGIN RECORD 2.1.8\nnode.name = " T "\nnode.tpgt = 1\n"
#define TAIL "node.conn[0].startup = manual\n# END RECORD\n"

static void ok(const char *name, const char *rec, const char *want, int startup)
{
	struct iscsi_node n;
	const char *why;
	char line[1200];
	int r = iscsi_node_parse(rec, strlen(rec), &n, &why);

	EXPECT(r == 0, name, "parse: %d (%s)", r, why ? why : "?");
	EXPECT_INT(n.startup, startup, name);
	r = iscsi_node_netroot(&n, line, sizeof(line), &why);
	EXPECT(r == 0, name, "netroot: %d (%s)", r, why ? why : "?");
	EXPECT_STR(line, want, name);
	UNIT_PASS(name);
}

/* err_parse: the parser refuses; else the netroot= conversion does */
static void ko(const char *name, const char *rec, int err_parse, int err_line, const char *why_want)
{
	struct iscsi_node n;
	const char *why = NULL;
	char line[1200];
	int r = iscsi_node_parse(rec, strlen(rec), &n, &why);

	EXPECT_INT(r, err_parse, name);
	if (!r) {
		r = iscsi_node_netroot(&n, line, sizeof(line), &why);
		EXPECT_INT(r, err_line, name);
		EXPECT(!line[0], name, "a refused line is left in the buffer");
	}
	EXPECT(why && strstr(why, why_want), name, "why '%s', want '%s'", why ? why : "(null)",
	       why_want);
	EXPECT(!strstr(why, "s3cret"), name, "why holds the secret");
	UNIT_PASS(name);
}

int main(void)
{
	char big[2000];

	ok("plain", HEAD "node.startup = manual\nnode.session.auth.authmethod = None\n"
	   "node.conn[0].address = 10.10.0.1\nnode.conn[0].port = 3260\n" TAIL,
	   "iscsi:10.10.0.1::3260::" T, ISCSI_STARTUP_MANUAL);
	ok("no-port-no-startup", HEAD "node.conn[0].address = 10.10.1.1\n" TAIL,
	   "iscsi:10.10.1.1::3260::" T, ISCSI_STARTUP_MANUAL);
	ok("automatic", HEAD "node.startup = automatic\nnode.conn[0].address = 10.0.0.9\n"
	   "node.conn[0].port = 3261\n", "iscsi:10.0.0.9::3261::" T, ISCSI_STARTUP_AUTOMATIC);
	ok("onboot-crlf-blanks", "node.startup=onboot\r\n  node.name\t=  " T "  \r\n"
	   "node.conn[0].address =10.0.0.9\r\n", "iscsi:10.0.0.9::3260::" T, ISCSI_STARTUP_ONBOOT);
	/* authmethod after the names: the order of lines does not matter */
	ok("chap", HEAD "node.session.auth.username = alice\nnode.session.auth.password = s3cret\n"
	   "node.session.auth.authmethod = CHAP\nnode.conn[0].address = 10.10.0.1\n" TAIL,
	   "iscsi:alice:s3cret@10.10.0.1::3260::" T, ISCSI_STARTUP_MANUAL);
	ok("mutual", HEAD "node.session.auth.authmethod = CHAP\nnode.session.auth.username = alice\n"
	   "node.session.auth.password = s3cret\nnode.session.auth.username_in = tgt\n"
	   "node.session.auth.password_in = r3v\nnode.conn[0].address = 10.10.0.1\n" TAIL,
	   "iscsi:alice:s3cret:tgt:r3v@10.10.0.1::3260::" T, ISCSI_STARTUP_MANUAL);
	ok("mutual-half", HEAD "node.session.auth.authmethod = CHAP\nnode.session.auth.username = alice\n"
	   "node.session.auth.password = s3cret\nnode.session.auth.username_in = tgt\n"
	   "node.session.auth.password_in = <empty>\nnode.conn[0].address = 10.10.0.1\n" TAIL,
	   "iscsi:alice:s3cret@10.10.0.1::3260::" T, ISCSI_STARTUP_MANUAL);
	ok("none-ignores-names", HEAD "node.session.auth.authmethod = None\n"
	   "node.session.auth.username = alice\nnode.session.auth.password = s3cret\n"
	   "node.conn[0].address = 10.10.0.1\n" TAIL, "iscsi:10.10.0.1::3260::" T, ISCSI_STARTUP_MANUAL);
	ok("ipv6", HEAD "node.conn[0].address = fd00::1\n" TAIL, "iscsi:[fd00::1]::3260::" T,
	   ISCSI_STARTUP_MANUAL);
	ok("later-wins", HEAD "node.conn[0].address = 10.0.0.1\nnode.conn[0].address = 10.0.0.2\n",
	   "iscsi:10.0.0.2::3260::" T, ISCSI_STARTUP_MANUAL);
	ok("no-newline-at-end", HEAD "node.conn[0].address = 10.0.0.1", "iscsi:10.0.0.1::3260::" T,
	   ISCSI_STARTUP_MANUAL);

	ko("empty", "", -EINVAL, 0, "node.name");
	ko("no-name", "node.conn[0].address = 10.0.0.1\n", -EINVAL, 0, "node.name");
	ko("bad-name", "node.name = iqn.bad name\nnode.conn[0].address = 10.0.0.1\n", -EINVAL, 0,
	   "node.name");
	ko("no-address", HEAD TAIL, -EINVAL, 0, "node.conn[0].address");
	ko("no-equals", HEAD "node.conn[0].address 10.0.0.1\n", -EINVAL, 0, "'='");
	ko("port-junk", HEAD "node.conn[0].address = 10.0.0.1\nnode.conn[0].port = 32x\n", -EINVAL, 0,
	   "port");
	ko("port-big", HEAD "node.conn[0].address = 10.0.0.1\nnode.conn[0].port = 65536\n", -EINVAL, 0,
	   "port");
	ko("port-neg", HEAD "node.conn[0].address = 10.0.0.1\nnode.conn[0].port = -1\n", -EINVAL, 0,
	   "port");
	ko("chap-no-secret", HEAD "node.session.auth.authmethod = CHAP\n"
	   "node.session.auth.username = alice\nnode.conn[0].address = 10.0.0.1\n", -EINVAL, 0,
	   "authmethod CHAP");
	memset(big, 'x', sizeof(big));
	memcpy(big, "node.session.auth.password = ", 29);
	big[sizeof(big) - 1] = '\0';
	ko("long-line", big, -EINVAL, 0, "longer than");
	big[300] = '\0';
	ko("long-secret", big, -ENAMETOOLONG, 0, "node.session.auth.password");
	/* the record is fine, the line would not read back the same */
	ko("secret-colon", HEAD "node.session.auth.authmethod = CHAP\n"
	   "node.session.auth.username = alice\nnode.session.auth.password = s3cret:x\n"
	   "node.conn[0].address = 10.0.0.1\n", 0, -EINVAL, "CHAP");
	ko("secret-blank", HEAD "node.session.auth.authmethod = CHAP\n"
	   "node.session.auth.username = alice\nnode.session.auth.password = s3cret x\n"
	   "node.conn[0].address = 10.0.0.1\n", 0, -EINVAL, "CHAP");
	ko("hostname", HEAD "node.conn[0].address = san.example.com\n", 0, -EINVAL, "address");
	return UNIT_DONE();
}
