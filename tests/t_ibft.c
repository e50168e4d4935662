/* Host tests of the iBFT parser (src/lib/parse/ibft.c) on tables written
 * by tests/ibft_build.h.
 * Invariants: the initiator name, each valid NIC (IPv4 address, prefix,
 * gateway, MAC, DHCP origin) and each valid target (address, port 3260
 * when 0, LUN, name, CHAP one-way and mutual) come out in table order;
 * blocks not flagged valid are left out; the three signatures the kernel
 * knows are taken, others refused; every offset or length outside the
 * table, a block of the wrong type, an IPv6 address, CHAP without its
 * secret is an error with a reason that holds no secret; no truncation
 * of a good table reads past it (ASan).
 *   t_ibft --write FILE [N]   writes variant N (default 0: the table of
 *                             qemu-tests/iscsi-ibft.sh) to FILE */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ibft.h"
#include "ibft_build.h"
#include "unit.h"

#define T "iqn.2026-12.org.mpboot:target"

/* The qemu scenario's: its two networks (the initiator guest's MACs
 * 52:54:00:10:0N:02), the target guest's portals, the CHAP of its
 * "# iscsi-auth: mutual alice alicesecret12 tgtuser tgtsecret1234". */
static struct ib_spec good(void)
{
	struct ib_spec s = {
		.initiator = "iqn.2026-12.org.mpboot:ibft-host",
		.nic = { { 1, { 10, 10, 0, 2 }, { 0 }, 24, 1, { 0x52, 0x54, 0, 0x10, 0, 2 }, 0 },
			 { 1, { 10, 10, 1, 2 }, { 10, 10, 1, 254 }, 24, 1, { 0x52, 0x54, 0, 0x10, 1, 2 }, 0 } },
		.tgt = { { 1, { 10, 10, 0, 1 }, 3260, 0, 2, T, "alice", "alicesecret12", "tgtuser",
			   "tgtsecret1234" },
			 { 1, { 10, 10, 1, 1 }, 0, 0, 1, T, "alice", "alicesecret12", NULL, NULL } },
	};
	return s;
}

/* variants for the fuzz seeds */
static struct ib_spec variant(int n)
{
	struct ib_spec s = good();

	switch (n) {
	case 1: s.sig = "IBFT"; s.tgt[1].valid = -1; s.nic[1].valid = -1; break;
	case 2: s.sig = "BIFT"; s.nic[0].origin = 3; memset(s.nic[0].ip, 0, 4); break;
	case 3: s.tgt[0].chap = 0; s.tgt[1].chap = 0; s.tgt[0].lun = 7; break;
	case 4: s.nic[0].valid = 0; s.tgt[0].valid = 0; break;
	case 5: s.nic[1].ipv6 = 1; break;
	case 6: s.initiator = NULL; break;
	case 7: s.tgt[1].name = "bad name"; break;
	case 8: s.tgt[0].pass = NULL; break;
	case 9: s.nic[0].prefix = 33; break;
	}
	return s;
}

static uint8_t buf[4096];

static int parse(const struct ib_spec *s, struct ibft *t, const char **why, unsigned int cut)
{
	unsigned int n = ib_build(buf, s);
	uint8_t *copy = malloc(n);
	int r;

	/* an exact-size copy: ASan sees any read past the table */
	memcpy(copy, buf, n);
	r = ibft_parse(copy, cut ? cut : n, t, why);
	free(copy);
	return r;
}

static void good_cases(void)
{
	struct ib_spec s = good();
	struct ibft t;
	const char *why;
	int r = parse(&s, &t, &why, 0);

	EXPECT(r == 0, "good", "%d %s", r, why ? why : "");
	EXPECT_STR(t.initiator, "iqn.2026-12.org.mpboot:ibft-host", "good");
	EXPECT_INT(t.nnic, 2, "good");
	EXPECT_INT(t.nic[0].addr, 0x0a0a0002, "good");
	EXPECT_INT(t.nic[0].prefix, 24, "good");
	EXPECT_INT(t.nic[0].gw, 0, "good");
	EXPECT_INT(t.nic[1].gw, 0x0a0a01fe, "good");
	EXPECT_INT(t.nic[1].mac[4], 1, "good");
	EXPECT_INT(t.nic[0].method, NET_STATIC, "good");
	EXPECT_INT(t.nic[0].has_mac, 1, "good");
	EXPECT_INT(t.ntgt, 2, "good");
	EXPECT_STR(t.tgt[0].server, "10.10.0.1", "good");
	EXPECT_INT(t.tgt[0].port, 3260, "good");
	EXPECT_INT(t.tgt[1].port, 3260, "good"); /* 0: the default */
	EXPECT_STR(t.tgt[0].target, T, "good");
	EXPECT_STR(t.tgt[0].user, "alice", "good");
	EXPECT_STR(t.tgt[0].pass, "alicesecret12", "good");
	EXPECT_STR(t.tgt[0].ruser, "tgtuser", "good");
	EXPECT_STR(t.tgt[0].rpass, "tgtsecret1234", "good");
	EXPECT_STR(t.tgt[1].user, "alice", "good");
	EXPECT_STR(t.tgt[1].ruser, "", "good");
	UNIT_PASS("good");

	s = variant(1);
	EXPECT_INT(parse(&s, &t, &why, 0), 0, "IBFT-one-pair");
	EXPECT(t.nnic == 1 && t.ntgt == 1, "IBFT-one-pair", "%u %u", t.nnic, t.ntgt);
	UNIT_PASS("IBFT-one-pair");
	s = variant(2);
	EXPECT_INT(parse(&s, &t, &why, 0), 0, "BIFT-dhcp");
	EXPECT(t.nic[0].method == NET_DHCP && !t.nic[0].addr, "BIFT-dhcp", "method %u",
	       t.nic[0].method);
	UNIT_PASS("BIFT-dhcp");
	s = variant(3);
	EXPECT_INT(parse(&s, &t, &why, 0), 0, "no-chap-lun");
	EXPECT(!t.tgt[0].user[0] && !t.tgt[0].pass[0] && t.tgt[0].lun == 7, "no-chap-lun", "lun %u",
	       t.tgt[0].lun);
	UNIT_PASS("no-chap-lun");
	s = variant(4);
	EXPECT_INT(parse(&s, &t, &why, 0), 0, "invalid-blocks-skipped");
	EXPECT(t.nnic == 1 && t.ntgt == 1 && !strcmp(t.tgt[0].server, "10.10.1.1"),
	       "invalid-blocks-skipped", "%u %u", t.nnic, t.ntgt);
	UNIT_PASS("invalid-blocks-skipped");
	s = variant(6);
	EXPECT_INT(parse(&s, &t, &why, 0), 0, "no-initiator");
	EXPECT_STR(t.initiator, "", "no-initiator");
	UNIT_PASS("no-initiator");
}

static void ko(const char *name, const struct ib_spec *s, int err, const char *want, unsigned int cut)
{
	struct ibft t;
	const char *why = NULL;

	EXPECT_INT(parse(s, &t, &why, cut), err, name);
	EXPECT(why && strstr(why, want), name, "why '%s', want '%s'", why ? why : "", want);
	EXPECT(!strstr(why, "secret1"), name, "why holds a secret");
	UNIT_PASS(name);
}

static void bad_cases(void)
{
	struct ib_spec s;
	struct ibft t;
	const char *why;
	unsigned int n, cut, fails = 0;

	s = variant(5);
	ko("ipv6", &s, -EAFNOSUPPORT, "IPv6", 0);
	s = variant(7);
	ko("bad-target-name", &s, -EINVAL, "name", 0);
	s = variant(8);
	ko("chap-no-secret", &s, -EINVAL, "CHAP", 0);
	s = variant(9);
	ko("prefix-33", &s, -EINVAL, "prefix", 0);
	s = good();
	s.sig = "XBFT";
	ko("signature", &s, -EINVAL, "not an iBFT", 0);
	s = good();
	s.nic[0].origin = 1;
	memset(s.nic[0].ip, 0, 4);
	ko("nic-no-address", &s, -EINVAL, "address", 0);
	s = good();
	s.tgt[0].ruser = NULL;
	ko("mutual-no-reverse", &s, -EINVAL, "CHAP", 0);

	/* hand-broken tables: an offset past the end, a wrong block type, a
	 * string past the end, a length beyond what was read */
	s = good();
	n = ib_build(buf, &s);
	ib_put16(buf + IB_CTRL + 12, n - 10);
	EXPECT(ibft_parse(buf, n, &t, &why) == -EINVAL && strstr(why, "outside"), "offset-past-end",
	       "%s", why ? why : "accepted");
	UNIT_PASS("offset-past-end");
	n = ib_build(buf, &s);
	buf[IB_NIC0] = 4;
	EXPECT(ibft_parse(buf, n, &t, &why) == -EINVAL, "wrong-block-type", "accepted");
	UNIT_PASS("wrong-block-type");
	n = ib_build(buf, &s);
	ib_put16(buf + IB_TGT0 + 36, n - 2);
	EXPECT(ibft_parse(buf, n, &t, &why) == -EINVAL, "string-past-end", "accepted");
	UNIT_PASS("string-past-end");
	n = ib_build(buf, &s);
	EXPECT(ibft_parse(buf, n - 1, &t, &why) == -EINVAL && strstr(why, "length"), "short-read",
	       "%s", why ? why : "accepted");
	buf[6] = 1; /* a length over 64 KiB */
	EXPECT(ibft_parse(buf, n, &t, &why) == -EINVAL, "short-read", "64 KiB length accepted");
	UNIT_PASS("short-read");
	/* every truncation, with the length field matching it: an error or
	 * a table whose blocks all lie inside, never a read past it */
	n = ib_build(buf, &s);
	for (cut = 0; cut < n; cut++) {
		uint8_t *c = malloc(cut ? cut : 1);

		memcpy(c, buf, cut);
		if (cut > 5) {
			c[4] = (uint8_t)cut;
			c[5] = (uint8_t)(cut >> 8);
		}
		if (ibft_parse(c, cut, &t, &why) == 0 && cut < IB_STR)
			fails++;
		free(c);
	}
	EXPECT_INT(fails, 0, "truncations");
	UNIT_PASS("truncations");
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "--write")) {
		struct ib_spec s = variant(argc > 3 ? atoi(argv[3]) : 0);
		unsigned int n = ib_build(buf, &s);
		FILE *f = fopen(argv[2], "wb");

		if (!f || fwrite(buf, 1, n, f) != n || fclose(f)) {
			perror(argv[2]);
			return 1;
		}
		return 0;
	}
	good_cases();
	bad_cases();
	return UNIT_DONE();
}
