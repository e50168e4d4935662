/* multipath.conf parser, precedence, blacklist, bindings and wwids.
 * Invariants: the effective settings of real-world config shapes are the
 * ones multipath-tools documents (overrides > multipaths > devices(user) >
 * built-in hwtable > defaults > built-in defaults); every bad input gives
 * warnings with the right line and never stops the rest from applying;
 * the allocation of friendly names follows multipath-tools' rule; the -t
 * dump reads back to the same settings, every built-in entry field by
 * field. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
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
	/* multipaths over devices, overrides over multipaths */
	mp_conf_resolve(&c, "3PARdata", "VV", "", "W1", &e);
	EXPECT_INT(e.s.no_path_retry, MP_NPR_QUEUE, "precedence");
	EXPECT_INT(e.s.failback, 7, "precedence");
	/* hwtable over defaults */
	mp_conf_resolve(&c, "HP", "LOGICAL VOLUME", "", "W2", &e);
	EXPECT_INT(e.s.no_path_retry, 12, "precedence");
	/* defaults over built-in defaults */
	mp_conf_resolve(&c, "ACME", "X", "", "W2", &e);
	EXPECT_INT(e.s.no_path_retry, 5, "precedence");
	EXPECT_INT(e.s.pgpolicy - 1, MP_MULTIBUS, "precedence");
	EXPECT_STR(e.s.selector, "service-time 0", "precedence");
	/* LIO: generic + specific built-in entries */
	mp_conf_resolve(NULL, "LIO-ORG", "disk0", "4.0", "W", &e);
	EXPECT_STR(e.s.checker, "directio", "precedence");
	EXPECT_STR(e.s.prio, "alua", "precedence");
	EXPECT_INT(e.find_multipaths, MP_FM_OFF, "precedence");
	mp_conf_free(&c);
	UNIT_PASS("precedence");
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
		EXPECT(!strcmp(h->vendor, mp_hwtable[i].vendor) &&
		       !strcmp(h->product, mp_hwtable[i].product) &&
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

int main(void)
{
	unit_suite = "conf";
	test_distro();
	test_precedence();
	test_bad();
	test_garbage();
	test_many_devices();
	test_confd();
	test_dump();
	test_bindings();
	test_wwids();
	test_files();
	return UNIT_DONE();
}
