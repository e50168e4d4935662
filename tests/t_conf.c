/* multipath.conf parser, precedence, blacklist, bindings and wwids.
 * Invariants: the effective settings of real-world config shapes are the
 * ones multipath-tools 0.9.4 decides (propsel.c: multipaths > overrides >
 * devices(user) > built-in hwtable > defaults > built-in defaults; several
 * multipath entries of one WWID merged, the later winning per setting,
 * config.c merge_mptable); every bad input gives
 * warnings with the right line and never stops the rest from applying;
 * the allocation of friendly names follows multipath-tools' rule; the -t
 * dump reads back to the same settings, every built-in entry field by
 * field. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "conf_load.h"
#include "conf_path.h"
#include "plan.h"
#include "mpath.h"
#include "names.h"
#include "unit.h"

struct warns {
	unsigned int n;
	char last[256];
	unsigned int last_line;
};

static void on_warn(void *arg, const char *file, unsigned int line,
		    const char *msg)
{
	struct warns *w = arg;

	w->n++;
	w->last_line = line;
	snprintf(w->last, sizeof(w->last), "%s:%u: %s", file, line, msg);
}

static void parse(struct mp_conf *c, struct warns *w, const char *text)
{
	memset(w, 0, sizeof(*w));
	mp_conf_init(c, on_warn, w);
	if (mp_conf_parse(c, "test.conf", text, strlen(text)))
		abort();
}

static const char distro[] =
	"# Debian/RHEL shape, as written by mpathconf\n"
	"defaults {\n"
	"\tuser_friendly_names yes\n"
	"\tfind_multipaths yes\n"
	"\tpolling_interval 10\n"
	"\tpath_selector \"round-robin 0\"\n"
	"\tverbosity 2\n"
	"}\n"
	"blacklist {\n"
	"\tdevnode \"^(ram|raw|loop|fd|md|dm-|sr|scd|st)[0-9]*\"\n"
	"\twwid 36001405aaaaaaaaaaaaaaaaaaaaaaaaa\n"
	"\tdevice {\n\t\tvendor \"QEMU\"\n\t\tproduct \"QEMU HARDDISK\"\n\t}\n"
	"}\n"
	"blacklist_exceptions {\n"
	"\twwid \"3600a0b80.*\"\n"
	"}\n"
	"devices {\n"
	"\tdevice {\n"
	"\t\tvendor \"NETAPP\"\n"
	"\t\tproduct \"LUN\"\n"
	"\t\tpath_grouping_policy multibus\n"
	"\t\tfeatures \"3 queue_if_no_path pg_init_retries 50\"\n"
	"\t}\n"
	"\tdevice {\n"
	"\t\tvendor \"Linux\"\n"
	"\t\tproduct \"scsi_debug\"\n"
	"\t\tpath_grouping_policy group_by_prio\n"
	"\t\tprio alua\n"
	"\t\thardware_handler \"1 alua\"\n"
	"\t\tfailback immediate\n"
	"\t\tno_path_retry 12\n"
	"\t}\n"
	"}\n"
	"multipaths {\n"
	"\tmultipath {\n"
	"\t\twwid 3600a0b800011bc1e0000032a4e4b1234\n"
	"\t\talias oradata\n"
	"\t\tpath_grouping_policy failover\n"
	"\t}\n"
	"}\n";

static void test_distro(void)
{
	struct mp_conf c;
	struct warns w;
	struct mp_eff e;
	const char *why;

	parse(&c, &w, distro);
	EXPECT(w.n == 0, "distro", "warnings: %u, last %s", w.n, w.last);
	EXPECT_INT(c.ndev, 2, "distro");
	EXPECT_INT(c.nmp, 1, "distro");
	EXPECT_INT(c.polling_interval, 10, "distro");
	EXPECT_INT(c.find_multipaths, MP_FM_ON, "distro");

	/* user device entry over the built-in NETAPP entry, rest from it */
	mp_conf_resolve(&c, "NETAPP", "LUN", "8300", "3600a098000000000000000000000001", &e);
	EXPECT_INT(e.s.pgpolicy - 1, MP_MULTIBUS, "distro");
	EXPECT_STR(e.s.features, "3 queue_if_no_path pg_init_retries 50", "distro");
	EXPECT_STR(e.s.prio, "ontap", "distro");
	EXPECT_INT(e.s.no_path_retry, MP_NPR_QUEUE, "distro");
	EXPECT_INT(e.s.ufn, MP_NO, "distro"); /* the hwtable says no */
	EXPECT_STR(e.s.selector, "round-robin 0", "distro");

	/* multipaths entry over the devices entry */
	mp_conf_resolve(&c, "NETAPP", "LUN", "", "3600a0b800011bc1e0000032a4e4b1234", &e);
	EXPECT_INT(e.s.pgpolicy - 1, MP_FAILOVER, "distro");
	EXPECT_STR(e.s.alias, "oradata", "distro");

	/* an unknown array: defaults, then built-in defaults */
	mp_conf_resolve(&c, "Linux", "scsi_debug", "0191", "333333330000007d0", &e);
	EXPECT_INT(e.s.pgpolicy - 1, MP_GROUP_BY_PRIO, "distro");
	EXPECT_STR(e.s.hwhandler, "1 alua", "distro");
	EXPECT_INT(e.s.failback, MP_FB_IMMEDIATE, "distro");
	EXPECT_INT(e.s.no_path_retry, 12, "distro");
	EXPECT_INT(e.s.ufn, MP_YES, "distro");
	EXPECT_STR(e.s.checker, "tur", "distro");
	EXPECT(e.s.alias == NULL, "distro", "alias");

	EXPECT(mp_conf_blacklisted(&c, "loop0", NULL, NULL, "", &why), "distro", "loop0");
	EXPECT(mp_conf_blacklisted(&c, "sdb", "QEMU", "QEMU HARDDISK", "x", &why),
	       "distro", "qemu disk");
	EXPECT(mp_conf_blacklisted(&c, "sdb", "X", "Y",
				   "36001405aaaaaaaaaaaaaaaaaaaaaaaaa", &why),
	       "distro", "wwid");
	EXPECT(!mp_conf_blacklisted(&c, "sdb", "X", "Y", "3600a0b80aaa", &why),
	       "distro", "exception");
	EXPECT(mp_conf_blacklisted(&c, "vda", NULL, NULL, "", &why), "distro",
	       "built-in: vda");
	EXPECT(mp_conf_blacklisted(&c, "nbd0", NULL, NULL, "", &why), "distro",
	       "built-in: not sd/dasd/nvme");
	EXPECT(!mp_conf_blacklisted(&c, "sdaa", "X", "Y", "3", &why), "distro", "sdaa");
	EXPECT(mp_conf_blacklisted(&c, "sdc", "DGC", "LUNZ", "3", &why), "distro",
	       "hwtable product_blacklist");
	EXPECT(mp_conf_blacklisted(&c, "sdc", "IBM", "Universal Xport", "3", &why),
	       "distro", "hwtable product_blacklist");
	EXPECT(!mp_conf_blacklisted(&c, "sdc", "DGC", "RAID 5", "3", &why), "distro",
	       "DGC RAID");
	mp_conf_free(&c);
	UNIT_PASS("distro");
}

static void test_precedence(void)
{
	struct mp_conf c;
	struct warns w;
	struct mp_eff e;

	parse(&c, &w,
	      "defaults {\n no_path_retry 5\n path_grouping_policy multibus\n"
	      " features \"1 queue_if_no_path\"\n}\n"
	      "devices {\n device {\n  vendor \"3PARdata\"\n  product \"VV\"\n"
	      "  no_path_retry 30\n }\n device {\n  vendor \"3PAR.*\"\n  product \".*\"\n"
	      "  no_path_retry 40\n }\n}\n"
	      "overrides {\n failback 7\n}\n"
	      "multipaths {\n multipath {\n  wwid W1\n  failback 3\n  no_path_retry queue\n }\n}\n");
	EXPECT(w.n == 0, "precedence", "%s", w.last);
	/* later user entry wins among the user's; built-in sets the rest */
	mp_conf_resolve(&c, "3PARdata", "VV", "", "W0", &e);
	EXPECT_INT(e.s.no_path_retry, 40, "precedence");
	EXPECT_INT(e.s.pgpolicy - 1, MP_GROUP_BY_PRIO, "precedence");
	EXPECT_STR(e.s.hwhandler, "1 alua", "precedence");
	EXPECT_INT(e.s.failback, 7, "precedence");  /* overrides */
	EXPECT_STR(e.s.features, "1 queue_if_no_path", "precedence"); /* defaults */
	EXPECT_INT(e.s.dev_loss_tmo, MP_NUM_INFINITY, "precedence");
	/* multipaths over devices, multipaths over overrides */
	mp_conf_resolve(&c, "3PARdata", "VV", "", "W1", &e);
	EXPECT_INT(e.s.no_path_retry, MP_NPR_QUEUE, "precedence");
	EXPECT_INT(e.s.failback, 3, "precedence");
	/* hwtable over defaults */
	mp_conf_resolve(&c, "HP", "LOGICAL VOLUME", "", "W2", &e);
	EXPECT_INT(e.s.no_path_retry, 12, "precedence");
	/* defaults over built-in defaults */
	mp_conf_resolve(&c, "ACME", "X", "", "W2", &e);
	EXPECT_INT(e.s.no_path_retry, 5, "precedence");
	EXPECT_INT(e.s.pgpolicy - 1, MP_MULTIBUS, "precedence");
	EXPECT_STR(e.s.selector, "service-time 0", "precedence");
	/* LIO as multipath-tools 0.9.4's table has it: alua, and the
	 * default checker (tur; detect_checker gives ALUA LUs tur anyway) */
	mp_conf_resolve(NULL, "LIO-ORG", "disk0", "4.0", "W", &e);
	EXPECT_STR(e.s.checker, "tur", "precedence");
	EXPECT_STR(e.s.prio, "alua", "precedence");
	EXPECT_INT(e.s.no_path_retry, 12, "precedence");
	/* 0.9.4: HITACHI OPEN- multibus with the defaults; HUAWEI XSG1 only */
	mp_conf_resolve(NULL, "HITACHI", "OPEN-V", "", "W", &e);
	EXPECT_INT(e.s.pgpolicy - 1, MP_MULTIBUS, "hwtable-094");
	EXPECT_INT(e.s.no_path_retry, 0, "hwtable-094"); /* unset */
	mp_conf_resolve(NULL, "HUAWEI", "Dorado5000", "", "W", &e);
	EXPECT_INT(e.s.pgpolicy - 1, MP_FAILOVER, "hwtable-094");
	mp_conf_resolve(NULL, "HPE", "MSA 2070 SAN", "", "W", &e);
	EXPECT_INT(e.s.pgpolicy - 1, MP_FAILOVER, "hwtable-094");
	mp_conf_resolve(NULL, "PURE", "FlashArray", "", "W", &e);
	EXPECT_INT(e.s.detect_prio, MP_YES, "hwtable-094");
	UNIT_PASS("hwtable-094");
	EXPECT_INT(e.find_multipaths, MP_FM_OFF, "precedence");
	mp_conf_free(&c);
	/* dev_loss_tmo 0 is unset at every level (multipath-tools): the
	 * overrides' 0 lets the device's 90 through; fast_io_fail_tmo 0 is
	 * a value */
	parse(&c, &w,
	      "devices {\n device {\n  vendor X\n  product Y\n  dev_loss_tmo 90\n"
	      "  fast_io_fail_tmo 9\n }\n}\n"
	      "overrides {\n dev_loss_tmo 0\n fast_io_fail_tmo 0\n}\n");
	EXPECT(w.n == 0, "precedence", "%s", w.last);
	mp_conf_resolve(&c, "X", "Y", "", "W0", &e);
	EXPECT_INT(e.s.dev_loss_tmo, 90, "precedence");
	EXPECT_INT(e.s.fast_io_fail_tmo, MP_NUM_ZERO, "precedence");
	mp_conf_free(&c);
	UNIT_PASS("precedence");
}

/* One setting written in all four sections with four values: each
 * level wins over the ones below it (multipath-tools' propsel.c, e.g.
 * select_pgfailback: mp_set_mpe, mp_set_ovr, mp_set_hwe, mp_set_conf);
 * prio_args go with the prio of their own section (select_prio). */
static void test_precedence_four(void)
{
	struct mp_conf c;
	struct warns w;
	struct mp_eff e;

	parse(&c, &w,
	      "defaults {\n failback 11\n no_path_retry 11\n"
	      " path_grouping_policy multibus\n path_selector \"round-robin 0\"\n"
	      " rr_weight priorities\n prio sysfs\n prio_args deflt\n}\n"
	      "devices {\n device {\n  vendor ACME\n  product X\n  failback 22\n"
	      "  no_path_retry 22\n  path_grouping_policy group_by_serial\n"
	      "  path_selector \"queue-length 0\"\n }\n}\n"
	      "overrides {\n failback 33\n no_path_retry 33\n"
	      " path_grouping_policy group_by_node_name\n prio weightedpath\n"
	      " prio_args \"hbtl .*\"\n}\n"
	      "multipaths {\n multipath {\n  wwid W\n  failback 44\n"
	      "  path_grouping_policy failover\n  prio alua\n }\n}\n");
	EXPECT(w.n == 0, "precedence-four", "%s", w.last);
	mp_conf_resolve(&c, "ACME", "X", "", "W", &e);
	EXPECT_INT(e.s.failback, 44, "precedence-four");          /* multipaths */
	EXPECT_INT(e.s.pgpolicy - 1, MP_FAILOVER, "precedence-four");
	EXPECT_INT(e.s.no_path_retry, 33, "precedence-four");     /* overrides */
	EXPECT_STR(e.s.selector, "queue-length 0", "precedence-four"); /* device */
	EXPECT_INT(e.s.rr_weight, MP_RRW_PRIO, "precedence-four"); /* defaults */
	EXPECT_STR(e.s.prio, "alua", "precedence-four");
	EXPECT_STR(e.s.prio_args, "", "precedence-four");
	/* another LU of the same array: overrides first */
	mp_conf_resolve(&c, "ACME", "X", "", "V", &e);
	EXPECT_INT(e.s.failback, 33, "precedence-four");
	EXPECT_INT(e.s.pgpolicy - 1, MP_GROUP_BY_NODE_NAME, "precedence-four");
	EXPECT_STR(e.s.prio, "weightedpath", "precedence-four");
	EXPECT_STR(e.s.prio_args, "hbtl .*", "precedence-four");
	mp_conf_free(&c);
	/* without overrides: the device, then the defaults, with its args */
	parse(&c, &w,
	      "defaults {\n failback 11\n path_selector \"round-robin 0\"\n"
	      " prio sysfs\n prio_args deflt\n}\n"
	      "devices {\n device {\n  vendor ACME\n  product X\n  failback 22\n"
	      "  prio_args dev\n }\n}\n");
	EXPECT(w.n == 0, "precedence-four", "%s", w.last);
	mp_conf_resolve(&c, "ACME", "X", "", "W", &e);
	EXPECT_INT(e.s.failback, 22, "precedence-four");
	EXPECT_STR(e.s.prio, "sysfs", "precedence-four");
	EXPECT_STR(e.s.prio_args, "deflt", "precedence-four");
	mp_conf_resolve(&c, "OTHER", "Y", "", "W", &e);
	EXPECT_INT(e.s.failback, 11, "precedence-four");
	EXPECT_STR(e.s.selector, "round-robin 0", "precedence-four");
	mp_conf_free(&c);
	UNIT_PASS("precedence-four");
}

/* Several multipath entries for one WWID, in one file or across conf.d
 * files: merged setting by setting, the later entry winning, the earlier
 * filling in the rest (multipath-tools' merge_mptable/merge_mpe); one
 * entry per WWID remains, the table sorted by WWID as its -t shows it. */
static void test_mpe_merge(void)
{
	struct mp_conf c;
	struct warns w;
	struct mp_eff e;
	const char *b = "multipaths {\n multipath {\n  wwid W\n  failback 9\n }\n}\n";

	parse(&c, &w,
	      "multipaths {\n"
	      " multipath {\n  wwid W\n  prio rdac\n  alias first\n"
	      "  no_path_retry 5\n  path_grouping_policy group_by_prio\n }\n"
	      " multipath {\n  wwid V\n  alias vee\n }\n"
	      " multipath {\n  wwid W\n  no_path_retry 7\n }\n"
	      " multipath {\n  wwid W\n  alias second\n }\n"
	      "}\n");
	EXPECT_INT(w.n, 2, "mpe-merge");
	EXPECT_INT(w.last_line, 20, "mpe-merge"); /* the closing brace */
	EXPECT_INT(c.nmp, 2, "mpe-merge");
	EXPECT_STR(c.mp[0].wwid, "V", "mpe-merge");
	EXPECT_STR(c.mp[1].wwid, "W", "mpe-merge");
	mp_conf_resolve(&c, "ACME", "X", "", "W", &e);
	EXPECT_STR(e.s.prio, "rdac", "mpe-merge");
	EXPECT_INT(e.s.no_path_retry, 7, "mpe-merge");
	EXPECT_STR(e.s.alias, "second", "mpe-merge");
	EXPECT_INT(e.s.pgpolicy - 1, MP_GROUP_BY_PRIO, "mpe-merge");
	mp_conf_resolve(&c, "ACME", "X", "", "V", &e);
	EXPECT_STR(e.s.alias, "vee", "mpe-merge");
	/* a later file's entry merges the same way */
	mp_conf_parse(&c, "conf.d/a.conf", b, strlen(b));
	EXPECT_INT(c.nmp, 2, "mpe-merge");
	mp_conf_resolve(&c, "ACME", "X", "", "W", &e);
	EXPECT_INT(e.s.failback, 9, "mpe-merge");
	EXPECT_STR(e.s.prio, "rdac", "mpe-merge");
	EXPECT_STR(e.s.alias, "second", "mpe-merge");
	mp_conf_free(&c);
	UNIT_PASS("mpe-merge");
}

/* Bad input: each case gives at least one warning at the line named,
 * and what is right in it still applies. */
static void test_bad(void)
{
	static const struct {
		const char *text;
		unsigned int line;  /* of the first... last warning */
	} cases[] = {
		{ "defaults {\n  frobnicate 3\n  polling_interval 7\n}\n", 2 },
		{ "defaults {\n  polling_interval seven\n  polling_interval 7\n}\n", 2 },
		{ "defaults {\n  polling_interval 7\n", 2 },        /* unterminated: at EOF */
		{ "}\ndefaults {\n polling_interval 7\n}\n", 1 },   /* stray brace */
		{ "defaults {\n polling_interval 7\n}\n}\n", 4 },
		{ "frob {\n a b\n}\ndefaults {\n polling_interval 7\n}\n", 1 },
		{ "defaults\n{\n polling_interval 7\n alias x\n}\n", 4 },
		{ "defaults {\n polling_interval 7\n path_selector \"random 0\"\n}\n", 3 },
		{ "defaults {\n polling_interval 7\n features \"2 queue_if_no_path\"\n}\n", 3 },
		{ "defaults {\n polling_interval 7\n prio \"bogus\"\n}\n", 3 },
		{ "devices {\n device {\n  vendor \"(\"\n  product x\n }\n}\n"
		  "defaults {\n polling_interval 7\n}\n", 3 },
		{ "devices {\n device {\n  product x\n }\n}\ndefaults { polling_interval 7 }\n", 4 },
		{ "defaults {\n polling_interval 7\n user_friendly_names \"yes\n}\n", 3 },
		{ "defaults {\n polling_interval 7 extra words\n}\n", 2 },
		{ "polling_interval 3\ndefaults {\n polling_interval 7\n}\n", 1 },
		{ "multipaths {\n multipath {\n  alias a/b\n  wwid x\n }\n}\n"
		  "defaults {\n polling_interval 7\n}\n", 3 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mp_conf c;
		struct warns w;

		parse(&c, &w, cases[i].text);
		EXPECT(w.n >= 1, "bad", "case %zu: no warning", i);
		EXPECT(w.last_line == cases[i].line, "bad", "case %zu: warning at %u: %s",
		       i, w.last_line, w.last);
		EXPECT(c.polling_interval == 7, "bad", "case %zu: rest not applied (%d)",
		       i, c.polling_interval);
		EXPECT(!strncmp(w.last, "test.conf:", 10), "bad", "case %zu: %s", i, w.last);
		mp_conf_free(&c);
	}
	UNIT_PASS("bad");
}

/* #24 minor and #24.11-13: an unterminated quote is an error for its
 * line (the value is not used); an alias that is no valid map name
 * (control, a control character, a leading '.') is ignored, one warning. */
static void test_bad_values(void)
{
	static const char *const alias[] = {
		"control", "\"esc\033[31m\"", ".x", "\"a b\"", "\"\"",
	};
	struct mp_conf c;
	struct warns w;
	char text[256];
	size_t i;

	parse(&c, &w, "defaults {\n polling_interval \"9\n}\n");
	EXPECT(w.n == 1 && w.last_line == 2, "bad-values", "%u: %s", w.n, w.last);
	EXPECT(c.polling_interval != 9, "bad-values", "unterminated value used");
	mp_conf_free(&c);
	for (i = 0; i < sizeof(alias) / sizeof(*alias); i++) {
		snprintf(text, sizeof(text), "multipaths {\n multipath {\n  wwid 3600a\n"
			 "  alias %s\n }\n}\n", alias[i]);
		parse(&c, &w, text);
		EXPECT(w.n == 1 && w.last_line == 4, "bad-values", "alias %zu: %u %s",
		       i, w.n, w.last);
		EXPECT(c.nmp == 1 && !c.mp[0].s.alias, "bad-values", "alias %zu used", i);
		mp_conf_free(&c);
	}
	UNIT_PASS("bad-values");
}

static void test_garbage(void)
{
	struct mp_conf c;
	struct warns w;
	char *buf;
	size_t i, n = 1 << 20;
	unsigned int s = 7;

	/* binary garbage */
	buf = malloc(n);
	for (i = 0; i < n; i++) {
		s = s * 1103515245u + 12345u;
		buf[i] = (char)(s >> 16);
	}
	memset(&w, 0, sizeof(w));
	mp_conf_init(&c, on_warn, &w);
	EXPECT(mp_conf_parse(&c, "garbage", buf, n) == 0, "garbage", "error");
	EXPECT(w.n > 0, "garbage", "no warning");
	mp_conf_free(&c);
	/* one huge line */
	memset(buf, 'x', n);
	memcpy(buf, "defaults {\n polling_interval ", 30);
	memcpy(buf + n - 3, "\n}\n", 3);
	memset(&w, 0, sizeof(w));
	mp_conf_init(&c, on_warn, &w);
	EXPECT(mp_conf_parse(&c, "huge", buf, n) == 0, "garbage", "huge");
	EXPECT(w.n >= 1 && w.last_line == 2, "garbage", "huge: %s", w.last);
	mp_conf_free(&c);
	free(buf);
	UNIT_PASS("garbage");
}

static void test_many_devices(void)
{
	struct mp_conf c;
	struct warns w;
	struct mp_eff e;
	size_t cap = 10000 * 96 + 64, len = 0, i;
	char *buf = malloc(cap);

	len += (size_t)snprintf(buf + len, cap - len, "devices {\n");
	for (i = 0; i < 10000; i++)
		len += (size_t)snprintf(buf + len, cap - len,
					"device {\nvendor \"V%zu\"\nproduct \"P\"\n"
					"no_path_retry %zu\n}\n", i, i + 1);
	len += (size_t)snprintf(buf + len, cap - len, "}\n");
	parse(&c, &w, "");
	EXPECT(mp_conf_parse(&c, "big", buf, len) == 0, "many", "parse");
	EXPECT_INT(c.ndev, 10000, "many");
	EXPECT_INT(w.n, 0, "many");
	mp_conf_resolve(&c, "V9999", "P", "", "w", &e);
	EXPECT_INT(e.s.no_path_retry, 10000, "many");
	mp_conf_free(&c);
	free(buf);
	UNIT_PASS("many");
}

static void test_confd(void)
{
	struct mp_conf c;
	struct warns w;
	struct mp_eff e;
	const char *b = "defaults {\n no_path_retry 9\n}\n";

	/* a later file (conf.d) overrides an earlier one */
	parse(&c, &w, "defaults {\n no_path_retry 4\n user_friendly_names yes\n}\n");
	mp_conf_parse(&c, "conf.d/a.conf", b, strlen(b));
	mp_conf_resolve(&c, "X", "Y", "", "w", &e);
	EXPECT_INT(e.s.no_path_retry, 9, "confd");
	EXPECT_INT(e.s.ufn, MP_YES, "confd");
	mp_conf_free(&c);
	UNIT_PASS("confd");
}

struct out { char *buf; size_t len, cap; };
static void out_fn(void *arg, const char *text)
{
	struct out *o = arg;
	size_t l = strlen(text);

	if (o->len + l + 1 > o->cap) {
		o->cap = 2 * (o->len + l + 1);
		o->buf = realloc(o->buf, o->cap);
	}
	memcpy(o->buf + o->len, text, l + 1);
	o->len += l;
}

static void test_dump(void)
{
	struct mp_conf c, c2;
	struct warns w;
	struct out o = { 0 };
	struct mp_eff e1, e2;

	parse(&c, &w, distro);
	mp_conf_dump(&c, out_fn, &o);
	EXPECT(strstr(o.buf, "\tfind_multipaths \"on\"\n"), "dump", "fm");
	EXPECT(strstr(o.buf, "\t\tvendor \"3PARdata\"\n\t\tproduct \"VV\"\n"), "dump", "hw");
	EXPECT(strstr(o.buf, "\t\talias \"oradata\"\n"), "dump", "alias");
	/* the dump reads back to the same effective settings */
	parse(&c2, &w, o.buf);
	EXPECT(w.n == 0, "dump", "re-read warns: %s", w.last);
	mp_conf_resolve(&c, "NETAPP", "LUN", "", "3600a0b800011bc1e0000032a4e4b1234", &e1);
	mp_conf_resolve(&c2, "NETAPP", "LUN", "", "3600a0b800011bc1e0000032a4e4b1234", &e2);
	EXPECT_INT(e1.s.pgpolicy, e2.s.pgpolicy, "dump");
	EXPECT_STR(e1.s.features, e2.s.features, "dump");
	EXPECT_STR(e1.s.alias, e2.s.alias, "dump");
	EXPECT_INT(e1.s.no_path_retry, e2.s.no_path_retry, "dump");
	/* every built-in entry reads back field for field (the dump lists
	 * them first, in order, as device entries) */
	EXPECT(c2.ndev == mp_hwtable_n + c.ndev, "dump", "%zu entries", c2.ndev);
	for (size_t i = 0; i < mp_hwtable_n; i++) {
		const struct mp_hwe *h = &c2.dev[i];
		struct mp_set want;

		mp_hwb_set(&mp_hwtable[i], &want);
		EXPECT(!strcmp(h->vendor, mp_hwb_vendor(&mp_hwtable[i])) &&
		       !strcmp(h->product, mp_hwb_product(&mp_hwtable[i])) &&
		       !h->bl_product == !mp_hwtable[i].bl, "dump",
		       "entry %zu: %s %s", i, h->vendor, h->product);
		EXPECT(h->s.pgpolicy == want.pgpolicy && h->s.failback == want.failback &&
		       h->s.no_path_retry == want.no_path_retry &&
		       h->s.fast_io_fail_tmo == want.fast_io_fail_tmo &&
		       h->s.dev_loss_tmo == want.dev_loss_tmo &&
		       h->s.detect_prio == want.detect_prio &&
		       h->s.detect_checker == want.detect_checker && h->s.ufn == want.ufn &&
		       h->s.flush_on_last_del == want.flush_on_last_del &&
		       h->s.rr_weight == want.rr_weight &&
		       !h->s.prio == !want.prio && (!want.prio || !strcmp(h->s.prio, want.prio)) &&
		       !h->s.checker == !want.checker &&
		       (!want.checker || !strcmp(h->s.checker, want.checker)) &&
		       !h->s.hwhandler == !want.hwhandler &&
		       (!want.hwhandler || !strcmp(h->s.hwhandler, want.hwhandler)) &&
		       !h->s.features == !want.features &&
		       !h->s.selector == !want.selector, "dump", "entry %zu (%s %s) differs",
		       i, h->vendor, h->product);
	}
	mp_conf_free(&c);
	mp_conf_free(&c2);
	free(o.buf);
	UNIT_PASS("dump");
}

/* Every keyword in every section that takes it, with quotes inside
 * values: multipath -t doubles a quote as multipath-tools does, and its
 * dump reads back to the same settings and dumps again to the same text. */
static const char every[] =
	"defaults {\n polling_interval 7\n max_polling_interval 21\n"
	" find_multipaths strict\n bindings_file \"/etc/b\"\"s\"\n"
	" wwids_file /etc/w\n queue_without_daemon yes\n"
	" path_grouping_policy group_by_node_name\n path_selector \"queue-length 0\"\n"
	" path_checker directio\n prio weightedpath\n prio_args \"hbtl \"\"1:.*\"\"\"\n"
	" detect_prio no\n detect_checker no\n hardware_handler \"1 alua\"\n"
	" retain_attached_hw_handler no\n failback 15\n no_path_retry 3\n"
	" features \"1 queue_if_no_path\"\n rr_weight priorities\n"
	" user_friendly_names yes\n alias_prefix \"mpx\"\n checker_timeout 20\n"
	" flush_on_last_del yes\n dev_loss_tmo 120\n fast_io_fail_tmo off\n"
	" skip_kpartx yes\n}\n"
	"blacklist {\n devnode \"^hd[a-z]\"\n wwid \"36\"\"q\"\n property \"ID_X\"\n"
	" protocol \"scsi:fcp\"\n device {\n  vendor \"ACME\"\n  product \"Q\"\"uote\"\n }\n}\n"
	"blacklist_exceptions {\n devnode \"^sd\"\n wwid \"3600\"\n property \"ID_Y\"\n"
	" protocol \"scsi:iscsi\"\n device {\n  vendor \"ACME\"\n  product \"OK\"\n }\n}\n"
	"devices {\n device {\n  vendor \"AC\"\"ME\"\n  product \"ba\"\"r\"\n"
	"  revision \"1\"\"0\"\n  product_blacklist \"LUN\"\"Z\"\n"
	"  path_grouping_policy group_by_serial\n path_selector \"round-robin 0\"\n"
	"  checker tur\n prio alua\n  prio_args exclusive_pref_bit\n  detect_prio yes\n"
	"  detect_checker yes\n  hardware_handler \"1 emc\"\n"
	"  retain_attached_hw_handler yes\n  failback manual\n  no_path_retry queue\n"
	"  features \"2 pg_init_retries 50\"\n  rr_weight uniform\n"
	"  user_friendly_names no\n  alias_prefix dev\n  flush_on_last_del no\n"
	"  dev_loss_tmo infinity\n  fast_io_fail_tmo 5\n  skip_kpartx no\n"
	"  protocol {\n   type \"scsi:fcp\"\n   dev_loss_tmo 60\n   fast_io_fail_tmo 0\n  }\n"
	" }\n}\n"
	"overrides {\n path_grouping_policy multibus\n path_selector \"service-time 0\"\n"
	" path_checker rdac\n prio const\n prio_args \"o\"\"v\"\n detect_prio yes\n"
	" detect_checker yes\n retain_attached_hw_handler yes\n failback followover\n"
	" no_path_retry fail\n features \"0\"\n rr_weight uniform\n"
	" user_friendly_names no\n alias_prefix \"op\"\n flush_on_last_del no\n"
	" dev_loss_tmo 30\n fast_io_fail_tmo 4\n skip_kpartx no\n"
	" protocol {\n  type \"scsi:iscsi\"\n  fast_io_fail_tmo 2\n }\n}\n"
	"multipaths {\n multipath {\n  wwid \"3600\"\"b\"\n  alias \"a-b\"\n"
	"  path_grouping_policy failover\n  path_selector \"round-robin 0\"\n"
	"  prio rdac\n  prio_args \"m\"\"p\"\n  failback immediate\n"
	"  no_path_retry 9\n  features \"1 queue_if_no_path\"\n  rr_weight priorities\n"
	"  user_friendly_names yes\n  flush_on_last_del yes\n  skip_kpartx yes\n }\n"
	" multipath {\n  wwid 3500\n  alias first\n }\n}\n";

static int set_equal(const struct mp_set *a, const struct mp_set *b)
{
#define S(f) ((!a->f && !b->f) || (a->f && b->f && !strcmp(a->f, b->f)))
#define I(f) (a->f == b->f)
	return S(selector) && S(checker) && S(prio) && S(prio_args) &&
	       S(hwhandler) && S(features) && S(alias_prefix) && S(alias) &&
	       I(pgpolicy) && I(detect_prio) && I(detect_checker) &&
	       I(retain_hwh) && I(ufn) && I(flush_on_last_del) && I(skip_kpartx) &&
	       I(rr_weight) && I(failback) && I(no_path_retry) &&
	       I(checker_timeout) && I(dev_loss_tmo) && I(fast_io_fail_tmo);
#undef S
#undef I
}

static void dump_to(const struct mp_conf *c, struct out *o)
{
	memset(o, 0, sizeof(*o));
	mp_conf_dump(c, out_fn, o);
}

static void test_dump_round_trip(void)
{
	static const char *const lu[][5] = {
		{ "AC\"ME", "ba\"r", "1\"0", "3600\"b", "scsi:fcp" },
		{ "AC\"ME", "ba\"r", "2", "3500", "scsi:iscsi" },
		{ "NETAPP", "LUN", "", "3600b", "scsi:fcp" },
		{ "LIO-ORG", "disk", "4.0", "x", "scsi:iscsi" },
		{ "ACME", "Q\"uote", "", "36\"q", "scsi:sas" },
	};
	struct mp_conf c, c2;
	struct warns w;
	struct out o, o2;
	size_t i;

	parse(&c, &w, every);
	EXPECT(w.n == 0, "dump-round-trip", "%s", w.last);
	dump_to(&c, &o);
	EXPECT(strstr(o.buf, "\t\tproduct \"ba\"\"r\"\n"), "dump-round-trip",
	       "quote not doubled");
	EXPECT(strstr(o.buf, "\t\talias \"a-b\"\n"), "dump-round-trip", "alias");
	parse(&c2, &w, o.buf);
	EXPECT(w.n == 0, "dump-round-trip", "re-read warns: %s", w.last);
	dump_to(&c2, &o2);
	EXPECT_STR(o2.buf, o.buf, "dump-round-trip");
	EXPECT(c2.queue_without_daemon == c.queue_without_daemon &&
	       c2.find_multipaths == c.find_multipaths &&
	       c2.polling_interval == c.polling_interval &&
	       c2.max_polling_interval == c.max_polling_interval &&
	       !strcmp(c2.bindings_file, c.bindings_file) &&
	       !strcmp(c2.wwids_file, c.wwids_file), "dump-round-trip", "globals");
	for (i = 0; i < sizeof(lu) / sizeof(lu[0]); i++) {
		struct mp_eff e1, e2;
		const char *why;

		mp_conf_resolve(&c, lu[i][0], lu[i][1], lu[i][2], lu[i][3], &e1);
		mp_conf_resolve_proto(&c, lu[i][0], lu[i][1], lu[i][2], lu[i][4], &e1);
		mp_conf_resolve(&c2, lu[i][0], lu[i][1], lu[i][2], lu[i][3], &e2);
		mp_conf_resolve_proto(&c2, lu[i][0], lu[i][1], lu[i][2], lu[i][4], &e2);
		EXPECT(set_equal(&e1.s, &e2.s) && e1.hwe == e2.hwe &&
		       e1.prio_explicit == e2.prio_explicit &&
		       e1.find_multipaths == e2.find_multipaths, "dump-round-trip",
		       "LU %zu resolves differently", i);
		EXPECT(mp_conf_blacklisted(&c, "sdb", lu[i][0], lu[i][1], lu[i][3], &why) ==
		       mp_conf_blacklisted(&c2, "sdb", lu[i][0], lu[i][1], lu[i][3], &why),
		       "dump-round-trip", "LU %zu blacklisted differently", i);
	}
	/* every built-in entry, resolved by its own vendor and product
	 * (its EREs match themselves or not alike on both sides) */
	for (i = 0; i < mp_hwtable_n; i++) {
		struct mp_eff e1, e2;

		mp_conf_resolve(&c, mp_hwb_vendor(&mp_hwtable[i]), mp_hwb_product(&mp_hwtable[i]), "", "w", &e1);
		mp_conf_resolve(&c2, mp_hwb_vendor(&mp_hwtable[i]), mp_hwb_product(&mp_hwtable[i]), "", "w", &e2);
		EXPECT(set_equal(&e1.s, &e2.s), "dump-round-trip", "built-in %zu (%s %s)",
		       i, mp_hwb_vendor(&mp_hwtable[i]), mp_hwb_product(&mp_hwtable[i]));
	}
	mp_conf_free(&c);
	mp_conf_free(&c2);
	free(o.buf);
	free(o2.buf);
	UNIT_PASS("dump-round-trip");
}

static int taken_c(const char *alias, void *arg)
{
	(void)arg;
	return !strcmp(alias, "mpathc");
}

static void test_bindings(void)
{
	static const char file[] =
		"# Multipath bindings, Version : 1.0\n"
		"mpatha 3600a0b800011bc1e0000032a4e4b0001\n"
		"mpathb 3600a0b800011bc1e0000032a4e4b0002 # comment\n"
		"malformed\n"
		"\n"
		"mpathd 3600a0b800011bc1e0000032a4e4b0004\r\n"
		"oradata 3600a0b800011bc1e0000032a4e4b0009\n";
	struct mp_names l = { 0 };
	unsigned int bad;
	char a[64];

	EXPECT(!mp_bindings_parse(&l, file, sizeof(file) - 1, &bad), "bindings", "parse");
	EXPECT_INT(l.n, 4, "bindings");
	EXPECT_INT(bad, 1, "bindings");
	EXPECT_STR(mp_bindings_alias(&l, "3600a0b800011bc1e0000032a4e4b0004"), "mpathd",
		   "bindings");
	EXPECT_STR(mp_bindings_wwid(&l, "mpathb"), "3600a0b800011bc1e0000032a4e4b0002",
		   "bindings");
	/* a, b, then d above the expected c: c is the hole */
	EXPECT(!mp_bindings_new_alias(&l, "mpath", NULL, NULL, a, sizeof(a)), "bindings", "new");
	EXPECT_STR(a, "mpathc", "bindings");
	mp_names_free(&l);
	/* b before a: the single pass cannot prove a hole, biggest + 1 */
	mp_names_add(&l, "mpathb", "2");
	mp_names_add(&l, "mpatha", "1");
	EXPECT(!mp_bindings_new_alias(&l, "mpath", NULL, NULL, a, sizeof(a)), "bindings", "c");
	EXPECT_STR(a, "mpathc", "bindings");
	mp_names_free(&l);
	/* c before a: b is found */
	mp_names_add(&l, "mpathc", "3");
	mp_names_add(&l, "mpatha", "1");
	EXPECT(!mp_bindings_new_alias(&l, "mpath", NULL, NULL, a, sizeof(a)), "bindings", "b");
	EXPECT_STR(a, "mpathb", "bindings");
	mp_names_free(&l);
	/* ordered file: next one; a taken name is skipped */
	mp_names_add(&l, "mpatha", "1");
	mp_names_add(&l, "mpathb", "2");
	EXPECT(!mp_bindings_new_alias(&l, "mpath", NULL, NULL, a, sizeof(a)), "bindings", "c");
	EXPECT_STR(a, "mpathc", "bindings");
	EXPECT(!mp_bindings_new_alias(&l, "mpath", taken_c, NULL, a, sizeof(a)), "bindings", "d");
	EXPECT_STR(a, "mpathd", "bindings");
	mp_names_free(&l);
	/* the letters */
	EXPECT(!mp_alias_format("mpath", 26, a, sizeof(a)), "bindings", "z");
	EXPECT_STR(a, "mpathz", "bindings");
	EXPECT(!mp_alias_format("mpath", 27, a, sizeof(a)), "bindings", "aa");
	EXPECT_STR(a, "mpathaa", "bindings");
	EXPECT(!mp_alias_format("mpath", 702, a, sizeof(a)), "bindings", "zz");
	EXPECT_STR(a, "mpathzz", "bindings");
	EXPECT(!mp_alias_format("mpath", 703, a, sizeof(a)), "bindings", "aaa");
	EXPECT_STR(a, "mpathaaa", "bindings");
	EXPECT_INT(mp_alias_id("mpathaaa", "mpath"), 703, "bindings");
	EXPECT_INT(mp_alias_id("mpathz", "mpath"), 26, "bindings");
	EXPECT_INT(mp_alias_id("mpath", "mpath"), -1, "bindings");
	EXPECT_INT(mp_alias_id("mpathA", "mpath"), -1, "bindings");
	EXPECT_INT(mp_alias_id("mpathaaaaaaaa", "mpath"), -1, "bindings");
	EXPECT_INT(mp_alias_id("oradata", "mpath"), -1, "bindings");
	UNIT_PASS("bindings");
}

static void test_wwids(void)
{
	static const char file[] =
		"# Multipath wwids, Version : 1.0\n"
		"# Valid WWIDs:\n"
		"/3600a0b800011bc1e0000032a4e4b0001/\n"
		"/333333330000007d0/\n"
		"bogus\n"
		"//\n";
	struct mp_names l = { 0 };
	unsigned int bad;

	EXPECT(!mp_wwids_parse(&l, file, sizeof(file) - 1, &bad), "wwids", "parse");
	EXPECT_INT(l.n, 2, "wwids");
	EXPECT_INT(bad, 2, "wwids");
	EXPECT_INT(mp_wwids_find(&l, "333333330000007d0"), 1, "wwids");
	EXPECT_INT(mp_wwids_find(&l, "33333333"), -1, "wwids");
	mp_names_free(&l);
	UNIT_PASS("wwids");
}

static void test_files(void)
{
	char dir[] = "/tmp/t_conf.XXXXXX", path[128], *buf;
	struct mp_names l = { 0 };
	size_t len;

	EXPECT(mkdtemp(dir), "files", "mkdtemp");
	snprintf(path, sizeof(path), "%s/bindings", dir);
	EXPECT(!mp_bindings_append(path, "mpatha", "W1"), "files", "append");
	EXPECT(!mp_bindings_append(path, "mpathb", "W2"), "files", "append");
	EXPECT(!mp_read_file(path, &buf, &len), "files", "read");
	EXPECT(!strcmp(buf, MP_BINDINGS_HEADER "mpatha W1\nmpathb W2\n"), "files",
	       "content: %s", buf);
	free(buf);
	snprintf(path, sizeof(path), "%s/wwids", dir);
	EXPECT_INT(mp_wwids_add(path, "W1"), 1, "files");
	EXPECT_INT(mp_wwids_add(path, "W1"), 0, "files");
	EXPECT_INT(mp_wwids_add(path, "W2"), 1, "files");
	EXPECT(!mp_wwids_load(path, &l) && l.n == 2, "files", "load");
	free(l.e[0].a);
	l.e[0] = l.e[1];
	l.n = 1;
	EXPECT(!mp_wwids_write(path, &l), "files", "write");
	mp_names_free(&l);
	EXPECT(!mp_read_file(path, &buf, &len), "files", "read");
	EXPECT(!strcmp(buf, MP_WWIDS_HEADER "/W2/\n"), "files", "content: %s", buf);
	free(buf);
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	EXPECT(!system(path), "files", "cleanup");
	UNIT_PASS("files");
}

/* A map made: a new name goes to the bindings file (its directory made
 * if missing) and to the list, the WWID to the wwids file once; a path
 * under a regular file cannot be made, so it is not writable. */
static void test_record(void)
{
	char dir[] = "/tmp/t_conf.XXXXXX", b[128], w[128], bad[160], *buf;
	struct mp_config m;
	size_t len;

	EXPECT(mkdtemp(dir), "record", "mkdtemp");
	memset(&m, 0, sizeof(m));
	snprintf(b, sizeof(b), "%s/multipath/bindings", dir);
	snprintf(w, sizeof(w), "%s/multipath/wwids", dir);
	m.bindings_file = b;
	m.wwids_file = w;
	EXPECT(mp_file_writable(b), "record", "%s not writable", b);
	mp_config_record(&m, "mpatha", "W1", 1);
	mp_config_record(&m, "W2", "W2", 0);
	mp_config_record(&m, "mpatha", "W1", 0); /* a reload: nothing new */
	mp_config_flush(&m);
	EXPECT(!mp_read_file(b, &buf, &len), "record", "read bindings");
	EXPECT(!strcmp(buf, MP_BINDINGS_HEADER "mpatha W1\n"), "record", "bindings: %s", buf);
	free(buf);
	EXPECT(!mp_read_file(w, &buf, &len), "record", "read wwids");
	EXPECT(!strcmp(buf, MP_WWIDS_HEADER "/W1/\n/W2/\n"), "record", "wwids: %s", buf);
	free(buf);
	EXPECT(m.bindings.n == 1 && !strcmp(mp_bindings_alias(&m.bindings, "W1"), "mpatha"),
	       "record", "bindings list: %zu", m.bindings.n);
	EXPECT_INT(m.wwids.n, 2, "record");
	EXPECT(mp_file_writable(b), "record", "existing file");
	snprintf(bad, sizeof(bad), "%s/x/y", b);
	EXPECT(!mp_file_writable(bad), "record", "%s under a file", bad);
	mp_names_free(&m.bindings);
	mp_names_free(&m.wwids);
	snprintf(bad, sizeof(bad), "rm -rf %s", dir);
	EXPECT(!system(bad), "record", "cleanup");
	UNIT_PASS("record");
}

/* Protocol subsections: parsed in overrides and device entries, only
 * dev_loss_tmo / fast_io_fail_tmo (eh_deadline accepted), a type is
 * mandatory; precedence overrides' protocol > overrides > devices'
 * protocol (the last matching device first) > devices > defaults; the
 * -t dump shows them where they were and reads back the same. */
static void test_protocol(void)
{
	static const char text[] =
		"defaults {\n fast_io_fail_tmo 3\n dev_loss_tmo 30\n}\n"
		"devices {\n"
		" device {\n  vendor X\n  product Y\n  fast_io_fail_tmo 7\n"
		"  protocol {\n   type scsi:iscsi\n   dev_loss_tmo 70\n   eh_deadline 5\n  }\n"
		" }\n"
		" device {\n  vendor X\n  product Y\n  dev_loss_tmo 80\n }\n"
		" device {\n  vendor X\n  product \"[\"\n"
		"  protocol {\n   type scsi:fcp\n   dev_loss_tmo 99\n  }\n }\n"
		"}\n"
		"overrides {\n fast_io_fail_tmo 8\n"
		" protocol {\n  type \"scsi:fcp\"\n  fast_io_fail_tmo 10\n  prio alua\n }\n"
		" protocol {\n  type \"scsi:fcp\"\n  fast_io_fail_tmo 11\n }\n"
		" protocol {\n  fast_io_fail_tmo 12\n }\n"
		"}\n";
	struct mp_conf c, c2;
	struct warns w;
	struct mp_eff e;
	struct out o = { 0 };

	parse(&c, &w, text);
	/* prio in protocol, the bad device entry (its protocol dropped with
	 * it, although the subsection itself was fine), the missing type */
	EXPECT_INT(w.n, 3, "protocol");
	EXPECT(strstr(w.last, "protocol section without type"), "protocol", "%s", w.last);
	EXPECT_INT(c.ndev, 2, "protocol");
	EXPECT_INT(c.npc, 3, "protocol");
	EXPECT_INT(mp_conf_wants_proto(&c), 2, "protocol");
	mp_conf_resolve(&c, "X", "Y", "", "w", &e);
	EXPECT_INT(e.s.fast_io_fail_tmo, 8, "protocol");
	EXPECT_INT(e.s.dev_loss_tmo, 80, "protocol");
	/* overrides' protocol beats overrides; later subsection first */
	mp_conf_resolve_proto(&c, "X", "Y", "", "scsi:fcp", &e);
	EXPECT_INT(e.s.fast_io_fail_tmo, 11, "protocol");
	EXPECT_INT(e.s.dev_loss_tmo, 80, "protocol");
	/* a device's protocol beats every device's own value */
	mp_conf_resolve(&c, "X", "Y", "", "w", &e);
	mp_conf_resolve_proto(&c, "X", "Y", "", "scsi:iscsi", &e);
	EXPECT_INT(e.s.dev_loss_tmo, 70, "protocol");
	EXPECT_INT(e.s.fast_io_fail_tmo, 8, "protocol");
	/* not for another vendor, nor another protocol */
	mp_conf_resolve(&c, "A", "B", "", "w", &e);
	mp_conf_resolve_proto(&c, "A", "B", "", "scsi:iscsi", &e);
	EXPECT_INT(e.s.dev_loss_tmo, 30, "protocol");
	mp_conf_resolve(&c, "X", "Y", "", "w", &e);
	mp_conf_resolve_proto(&c, "X", "Y", "", "scsi:sas", &e);
	EXPECT_INT(e.s.dev_loss_tmo, 80, "protocol");
	/* overrides' own value beats a device's protocol section */
	mp_conf_free(&c);
	parse(&c, &w, "overrides {\n dev_loss_tmo 60\n}\n"
		  "devices {\n device {\n  vendor X\n  product Y\n"
		  "  protocol {\n   type scsi:iscsi\n   dev_loss_tmo 70\n  }\n }\n}\n");
	mp_conf_resolve(&c, "X", "Y", "", "w", &e);
	mp_conf_resolve_proto(&c, "X", "Y", "", "scsi:iscsi", &e);
	EXPECT_INT(e.s.dev_loss_tmo, 60, "protocol");
	mp_conf_free(&c);
	/* the dump */
	parse(&c, &w, text);
	mp_conf_dump(&c, out_fn, &o);
	EXPECT(strstr(o.buf, "overrides {\n\tfast_io_fail_tmo 8\n\tprotocol {\n"
		       "\t\ttype \"scsi:fcp\"\n\t\tfast_io_fail_tmo 10\n\t}\n"
		       "\tprotocol {\n\t\ttype \"scsi:fcp\"\n\t\tfast_io_fail_tmo 11\n\t}\n}\n"),
	       "protocol", "overrides: %s", strstr(o.buf, "overrides"));
	EXPECT(strstr(o.buf, "\t\tfast_io_fail_tmo 7\n\t\tprotocol {\n"
		       "\t\t\ttype \"scsi:iscsi\"\n\t\t\tdev_loss_tmo 70\n\t\t}\n\t}\n"),
	       "protocol", "device");
	parse(&c2, &w, o.buf);
	EXPECT_INT(w.n, 0, "protocol");
	EXPECT_INT(c2.npc, 3, "protocol");
	mp_conf_resolve(&c2, "X", "Y", "", "w", &e);
	mp_conf_resolve_proto(&c2, "X", "Y", "", "scsi:iscsi", &e);
	EXPECT_INT(e.s.dev_loss_tmo, 70, "protocol");
	mp_conf_free(&c);
	mp_conf_free(&c2);
	free(o.buf);
	UNIT_PASS("protocol");
}

/* The blacklist on protocol and udev properties, in multipath-tools'
 * order (property, devnode, device, protocol, wwid), exceptions first;
 * the built-in property exception (SCSI_IDENT_|ID_WWN); a path without
 * ID_SERIAL is never refused for a missing property. */
static void test_bl_path(void)
{
	static const char wwn[] = "ID_SERIAL\0ID_WWN\0";
	static const char ident[] = "ID_SERIAL\0SCSI_IDENT_LUN_T10\0";
	static const char serial[] = "ID_SERIAL\0ID_VENDOR\0";
	static const char noserial[] = "ID_VENDOR\0";
	struct mp_bl_path p = { "sdb", "X", "Y", "3600", NULL, NULL };
	struct mp_conf c;
	struct warns w;
	const char *why = "";

	EXPECT(!mp_conf_bl_path(NULL, &p, &why), "bl-path", "nothing known");
	p.props = wwn;
	EXPECT(!mp_conf_bl_path(NULL, &p, &why), "bl-path", "wwn");
	p.props = ident;
	EXPECT(!mp_conf_bl_path(NULL, &p, &why), "bl-path", "ident");
	p.props = serial;
	EXPECT(mp_conf_bl_path(NULL, &p, &why), "bl-path", "serial only");
	EXPECT_STR(why, "udev property missing", "bl-path");
	p.props = noserial;
	EXPECT(!mp_conf_bl_path(NULL, &p, &why), "bl-path", "no uid attribute");
	p.props = "";
	EXPECT(!mp_conf_bl_path(NULL, &p, &why), "bl-path", "no properties");

	parse(&c, &w, "blacklist {\n property ID_VENDOR\n protocol \"scsi:(fcp|sas)\"\n"
		  " devnode ^sdz\n}\n"
		  "blacklist_exceptions {\n property ^ID_SERIAL$\n protocol scsi:sas\n}\n");
	EXPECT_INT(w.n, 0, "bl-path");
	EXPECT_INT(mp_conf_wants_proto(&c), 1, "bl-path");
	/* the first property that hits decides: ID_SERIAL is excepted */
	p.props = serial;
	EXPECT(!mp_conf_bl_path(&c, &p, &why), "bl-path", "excepted first");
	p.props = "ID_VENDOR\0ID_SERIAL\0";
	EXPECT(mp_conf_bl_path(&c, &p, &why), "bl-path", "blacklisted first");
	EXPECT_STR(why, "udev property blacklisted", "bl-path");
	/* property comes before devnode */
	p.dev = "sdz";
	EXPECT(mp_conf_bl_path(&c, &p, &why), "bl-path", "order");
	EXPECT_STR(why, "udev property blacklisted", "bl-path");
	p.props = wwn;
	EXPECT(mp_conf_bl_path(&c, &p, &why), "bl-path", "devnode");
	EXPECT_STR(why, "devnode blacklisted", "bl-path");
	p.dev = "sdb";
	p.proto = "scsi:fcp";
	EXPECT(mp_conf_bl_path(&c, &p, &why), "bl-path", "fcp");
	EXPECT_STR(why, "protocol blacklisted", "bl-path");
	p.proto = "scsi:sas";
	EXPECT(!mp_conf_bl_path(&c, &p, &why), "bl-path", "sas excepted");
	p.proto = "scsi:iscsi";
	EXPECT(!mp_conf_bl_path(&c, &p, &why), "bl-path", "iscsi");
	{
		/* -t: by kind (devnode, wwid, property, protocol, device), the
		 * built-in exception first, as multipath-tools 0.9.4 prints */
		struct out o = { 0 };

		mp_conf_dump(&c, out_fn, &o);
		EXPECT(strstr(o.buf, "\tdevnode \"^sdz\"\n\tproperty \"ID_VENDOR\"\n"
			       "\tprotocol \"scsi:(fcp|sas)\"\n\tdevice {\n"), "bl-path",
		       "dump: %s", o.buf);
		EXPECT(strstr(o.buf, "blacklist_exceptions {\n\tproperty \"(SCSI_IDENT_|ID_WWN)\"\n"
			       "\tproperty \"^ID_SERIAL$\"\n\tprotocol \"scsi:sas\"\n}\n"),
		       "bl-path", "dump exceptions");
		free(o.buf);
	}
	mp_conf_free(&c);
	UNIT_PASS("bl-path");
}

/* The transport from the sysfs link, multipath-tools' names and order;
 * udev database property names; properties derived from the WWID where
 * there is no database (the initramfs); the I/O side on a made-up tree. */
static void test_path_props(void)
{
	static const struct { const char *link; int sas; const char *want; } t[] = {
		{ "../devices/pci0000:00/0000:00:05.0/host2/rport-2:0-1/target2:0:0/"
		  "2:0:0:0/block/sdb", 0, "scsi:fcp" },
		{ "../devices/platform/host3/session1/target3:0:0/3:0:0:0/block/sdc",
		  0, "scsi:iscsi" },
		{ "../devices/pci0000:00/0000:00:1f.0/host0/port-0:0/end_device-0:0/"
		  "target0:0:0/0:0:0:0/block/sda", 1, "scsi:sas" },
		{ "../devices/pci0000:00/0000:00:1f.0/host0/port-0:0/end_device-0:0/"
		  "target0:0:0/0:0:0:0/block/sda", 0, "scsi:unspec" },
		{ "../devices/pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0/host6/"
		  "target6:0:0/6:0:0:0/block/sdd", 0, "scsi:usb" },
		{ "../devices/pci0000:00/0000:00:1f.2/ata1/host0/target0:0:0/"
		  "0:0:0:0/block/sda", 0, "scsi:ata" },
		{ "../devices/pseudo_0/adapter0/host2/target2:0:0/2:0:0:0/block/sde",
		  0, "scsi:unspec" },
		{ "../devices/pci0000:00/0000:00:04.0/virtio1/host1/target1:0:0/"
		  "1:0:0:0/block/sdf", 0, "scsi:unspec" },
		{ "../devices/platform/hostdata/sessionx/target3:0:0/3:0:0:0/block/sdg",
		  0, "scsi:unspec" },
	};
	static const struct { const char *wwid; const char *want; size_t len; } d[] = {
		{ "36001405aaaa", "ID_SERIAL\0ID_WWN\0SCSI_IDENT_LUN_NAA_REGEXT\0", 42 },
		{ "35000c50015ea71ac", "ID_SERIAL\0ID_WWN\0SCSI_IDENT_LUN_NAA_REG\0", 39 },
		{ "333333330000007d0", "ID_SERIAL\0ID_WWN\0SCSI_IDENT_LUN_NAA_LOCAL\0", 41 },
		{ "1ATA     QEMU", "ID_SERIAL\0SCSI_IDENT_LUN_T10\0", 29 },
		{ "2001122334455", "ID_SERIAL\0SCSI_IDENT_LUN_EUI64\0", 31 },
		{ "8iqn.2003-01.x", "ID_SERIAL\0SCSI_IDENT_LUN_NAME\0", 30 },
		{ "", "", 1 },
	};
	static const char db[] = "S:disk/by-id/x\nE:ID_SERIAL=abc\nE:=x\nE:NOVALUE\n"
				 "I:123\nE:SCSI_IDENT_SERIAL=q=r\nE:DM_X=1";
	char out[128], dir[] = "/tmp/t_conf_p.XXXXXX", path[256];
	struct mp_path p;
	FILE *f;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		EXPECT_STR(mp_scsi_proto(t[i].link, t[i].sas), t[i].want, "path-props");
	EXPECT_INT(mp_udev_props(db, sizeof(db) - 1, out, sizeof(out)), 33, "path-props");
	EXPECT(!memcmp(out, "ID_SERIAL\0SCSI_IDENT_SERIAL\0DM_X\0\0", 34), "path-props",
	       "udev db");
	/* what does not fit is left out, the list stays terminated */
	EXPECT_INT(mp_udev_props(db, sizeof(db) - 1, out, 12), 10, "path-props");
	EXPECT(!memcmp(out, "ID_SERIAL\0\0", 11), "path-props", "small");
	memset(&p, 0, sizeof(p));
	p.maj = 8;
	p.min = 16;
	for (i = 0; i < sizeof(d) / sizeof(d[0]); i++) {
		p.wwid = d[i].wwid;
		mp_path_props(i & 1 ? NULL : "/nonexistent", &p, out, sizeof(out));
		EXPECT(!memcmp(out, d[i].want, d[i].len), "path-props", "derived %s",
		       d[i].wwid);
	}
	/* a made-up /sys and /run/udev/data */
	EXPECT(mkdtemp(dir), "path-props", "mkdtemp");
	snprintf(path, sizeof(path), "%s/b8:16", dir);
	f = fopen(path, "w");
	EXPECT(f && fputs("E:ID_VENDOR=X\n", f) >= 0 && !fclose(f), "path-props", "db");
	p.wwid = "3600";
	mp_path_props(dir, &p, out, sizeof(out));
	EXPECT(!memcmp(out, "ID_VENDOR\0\0", 11), "path-props", "udev wins");
	snprintf(path, sizeof(path), "mkdir -p %s/block %s/devices/h/rport-1:0-0/"
		 "target1:0:0/1:0:0:0", dir, dir);
	EXPECT(!system(path), "path-props", "mkdir");
	snprintf(path, sizeof(path), "ln -s ../devices/h/rport-1:0-0/target1:0:0/"
		 "1:0:0:0 %s/block/sdb", dir);
	EXPECT(!system(path), "path-props", "ln");
	EXPECT_STR(mp_path_proto(dir, "sdb"), "scsi:fcp", "path-props");
	EXPECT_STR(mp_path_proto(dir, "sdx"), "undef", "path-props");
	{
		/* the filter: transport from sysfs, properties from the db */
		struct mp_conf c;
		struct warns w;
		struct mp_path q = p, *pp[2] = { &p, &q };

		snprintf(p.dev, sizeof(p.dev), "sdb");
		p.vendor = p.model = "X";
		q.min = 32;
		snprintf(q.dev, sizeof(q.dev), "sdc");
		parse(&c, &w, "blacklist {\n protocol scsi:fcp\n}\n");
		/* sdb: FC; sdc: no link, "undef", no db file: derived */
		EXPECT_INT(mp_blacklist_filter_at(pp, 2, &c, dir, dir, NULL, NULL), 1,
			   "path-props");
		EXPECT(pp[0] == &q, "path-props", "sdc kept");
		mp_conf_free(&c);
		parse(&c, &w, "blacklist {\n property ID_VENDOR\n}\n");
		pp[0] = &p;
		pp[1] = &q;
		/* sdb's db says ID_VENDOR: refused; sdc derived: kept */
		EXPECT_INT(mp_blacklist_filter_at(pp, 2, &c, dir, dir, NULL, NULL), 1,
			   "path-props");
		EXPECT(pp[0] == &q, "path-props", "sdc kept (property)");
		mp_conf_free(&c);
	}
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	EXPECT(!system(path), "path-props", "cleanup");
	UNIT_PASS("path-props");
}

int main(void)
{
	unit_suite = "conf";
	test_distro();
	test_precedence();
	test_precedence_four();
	test_mpe_merge();
	test_bad();
	test_bad_values();
	test_garbage();
	test_many_devices();
	test_confd();
	test_dump();
	test_dump_round_trip();
	test_protocol();
	test_bl_path();
	test_path_props();
	test_bindings();
	test_wwids();
	test_files();
	test_record();
	return UNIT_DONE();
}
