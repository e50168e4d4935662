/* Host tests of src/lib/parse/mpath.c: grouping policies, the table we load,
 * parsing the table and status the kernel prints back, and comparing.
 *
 * Invariants: every path of the LU is in exactly one group; failover makes
 * one group per path, multibus one group, group_by_* one group per key in
 * order of first appearance (group_by_prio: best priority first); the
 * table text is the current dm-multipath format; a table we build equals
 * the kernel's echo of it (different per-path argument counts and initial
 * group notwithstanding) and differs when anything that matters differs. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "mpath.h"
#include "unit.h"

static struct mp_path P[8];
static struct mp_path *PP[8];

static void mk(unsigned int n)
{
	unsigned int i;

	memset(P, 0, sizeof(P));
	for (i = 0; i < n; i++) {
		snprintf(P[i].dev, sizeof(P[i].dev), "sd%c", 'a' + i);
		P[i].maj = 8;
		P[i].min = 16 * (i + 1);
		P[i].host = i;
		P[i].prio = 1;
		P[i].wwid = "35000c50015ea7101";
		P[i].serial = P[i].node = "";
		P[i].vendor = P[i].model = P[i].rev = "";
		P[i].state = P[i].dh = P[i].access_state = P[i].prio_name = "";
		PP[i] = &P[i];
	}
}

static void expect_table(const char *name, unsigned int n, enum mp_policy pol,
			 const char *sel, int qinp, const char *want)
{
	struct mp_table t, back;
	char buf[1024];

	EXPECT_INT(mp_table_build(PP, n, pol, sel, qinp, &t), 0, name);
	EXPECT_INT(mp_table_format(&t, buf, sizeof(buf)), 0, name);
	EXPECT_STR(buf, want, name);
	/* what we load parses back to the same table */
	EXPECT_INT(mp_table_parse(buf, &back), 0, name);
	EXPECT(mp_table_equal(&t, &back), name, "round trip differs");
	UNIT_PASS(name);
}

static void t_policies(void)
{
	mk(2);
	expect_table("failover-2", 2, MP_FAILOVER, "service-time", 0,
		     "0 0 2 1 service-time 0 1 1 8:16 1 service-time 0 1 1 8:32 1");
	mk(1);
	expect_table("single-path", 1, MP_FAILOVER, "service-time", 0,
		     "0 0 1 1 service-time 0 1 1 8:16 1");
	mk(4);
	expect_table("multibus-4", 4, MP_MULTIBUS, "service-time", 0,
		     "0 0 1 1 service-time 0 4 1 8:16 1 8:32 1 8:48 1 8:64 1");
	expect_table("round-robin", 2, MP_MULTIBUS, "round-robin", 0,
		     "0 0 1 1 round-robin 0 2 1 8:16 1 8:32 1");
	expect_table("queue-length", 2, MP_FAILOVER, "queue-length", 0,
		     "0 0 2 1 queue-length 0 1 1 8:16 1 queue-length 0 1 1 8:32 1");
	expect_table("queue-if-no-path", 1, MP_FAILOVER, "service-time", 1,
		     "1 queue_if_no_path 0 1 1 service-time 0 1 1 8:16 1");
	P[1].dh = "alua";
	expect_table("hwhandler-alua", 2, MP_MULTIBUS, "service-time", 0,
		     "0 1 alua 1 1 service-time 0 2 1 8:16 1 8:32 1");

	mk(4);
	P[0].serial = "CTRL-A";
	P[1].serial = "CTRL-B";
	P[2].serial = "CTRL-A";
	P[3].serial = "CTRL-B";
	expect_table("group-by-serial", 4, MP_GROUP_BY_SERIAL, "service-time", 0,
		     "0 0 2 1 service-time 0 2 1 8:16 1 8:48 1"
		     " service-time 0 2 1 8:32 1 8:64 1");
	mk(3);
	expect_table("group-by-serial-empty", 3, MP_GROUP_BY_SERIAL,
		     "service-time", 0,
		     "0 0 1 1 service-time 0 3 1 8:16 1 8:32 1 8:48 1");
	mk(4);
	P[0].node = "iqn.2003-01.org.linux-iscsi.t1";
	P[1].node = "iqn.2003-01.org.linux-iscsi.t1";
	P[2].node = "0x500a098188fe5ac9";
	P[3].node = "iqn.2003-01.org.linux-iscsi.t1";
	expect_table("group-by-node-name", 4, MP_GROUP_BY_NODE_NAME,
		     "service-time", 0,
		     "0 0 2 1 service-time 0 3 1 8:16 1 8:32 1 8:64 1"
		     " service-time 0 1 1 8:48 1");
	mk(3);
	expect_table("group-by-prio-const", 3, MP_GROUP_BY_PRIO, "service-time", 0,
		     "0 0 1 1 service-time 0 3 1 8:16 1 8:32 1 8:48 1");
	P[0].prio = 10;
	P[1].prio = 50;
	P[2].prio = 10;
	expect_table("group-by-prio-order", 3, MP_GROUP_BY_PRIO, "service-time", 0,
		     "0 0 2 1 service-time 0 1 1 8:32 1 service-time 0 2 1 8:16 1 8:48 1");
	mk(4);
	P[0].prio = 1;
	P[1].prio = 2;
	P[2].prio = 3;
	P[3].prio = 2;
	expect_table("group-by-prio-three", 4, MP_GROUP_BY_PRIO, "round-robin", 0,
		     "0 0 3 1 round-robin 0 1 1 8:48 1 round-robin 0 2 1 8:32 1 8:64 1"
		     " round-robin 0 1 1 8:16 1");
}

static void t_build_errors(void)
{
	static struct mp_table t;
	char small[16];

	mk(2);
	EXPECT_INT(mp_table_build(PP, 0, MP_FAILOVER, "service-time", 0, &t),
		   -EINVAL, "build-empty");
	UNIT_PASS("build-empty");
	EXPECT_INT(mp_table_build(PP, MP_MAX_MAP_PATHS + 1, MP_FAILOVER,
				  "service-time", 0, &t), -E2BIG, "build-too-many");
	UNIT_PASS("build-too-many");
	EXPECT_INT(mp_table_build(PP, 2, MP_POLICY_N, "service-time", 0, &t),
		   -EINVAL, "build-bad-policy");
	UNIT_PASS("build-bad-policy");
	EXPECT_INT(mp_table_build(PP, 2, MP_FAILOVER, "service-time", 0, &t), 0,
		   "format-enospc");
	EXPECT_INT(mp_table_format(&t, small, sizeof(small)), -ENOSPC,
		   "format-enospc");
	EXPECT_STR(small, "", "format-enospc");
	UNIT_PASS("format-enospc");
}

/* What the kernel prints for tables we load, and variations. */
static void t_parse_live(void)
{
	static struct mp_table want, live;

	mk(2);
	mp_table_build(PP, 2, MP_FAILOVER, "service-time", 0, &want);
	EXPECT_INT(mp_table_parse("0 0 2 1 service-time 0 1 2 8:16 1 1 "
				  "service-time 0 1 2 8:32 1 1 ", &live), 0,
		   "live-service-time");
	EXPECT(mp_table_equal(&want, &live), "live-service-time", "not equal");
	UNIT_PASS("live-service-time");

	EXPECT_INT(mp_table_parse("0 0 2 2 service-time 0 1 2 8:16 1 1 "
				  "service-time 0 1 2 8:32 1 1", &live), 0,
		   "live-initial-group-2");
	EXPECT(mp_table_equal(&want, &live), "live-initial-group-2", "not equal");
	UNIT_PASS("live-initial-group-2");

	EXPECT_INT(mp_table_parse("0 0 2 1 service-time 0 1 2 8:32 1 1 "
				  "service-time 0 1 2 8:16 1 1", &live), 0,
		   "live-order-differs");
	EXPECT(!mp_table_equal(&want, &live), "live-order-differs", "equal");
	UNIT_PASS("live-order-differs");

	EXPECT_INT(mp_table_parse("0 0 1 1 service-time 0 1 2 8:16 1 1", &live), 0,
		   "live-path-missing");
	EXPECT(!mp_table_equal(&want, &live), "live-path-missing", "equal");
	UNIT_PASS("live-path-missing");

	EXPECT_INT(mp_table_parse("0 0 2 1 round-robin 0 1 1 8:16 1000 "
				  "round-robin 0 1 1 8:32 1000", &live), 0,
		   "live-selector-differs");
	EXPECT_STR(live.pg[1].selector, "round-robin", "live-selector-differs");
	EXPECT(!mp_table_equal(&want, &live), "live-selector-differs", "equal");
	UNIT_PASS("live-selector-differs");

	EXPECT_INT(mp_table_parse("1 queue_if_no_path 0 2 1 service-time 0 1 2 "
				  "8:16 1 1 service-time 0 1 2 8:32 1 1", &live),
		   0, "live-features-differ");
	EXPECT_INT(live.queue_if_no_path, 1, "live-features-differ");
	EXPECT(!mp_table_equal(&want, &live), "live-features-differ", "equal");
	UNIT_PASS("live-features-differ");

	EXPECT_INT(mp_table_parse("3 queue_if_no_path pg_init_retries 50 1 alua 2 1 "
				  "service-time 0 1 2 8:16 1 1 service-time 0 1 2 "
				  "8:32 1 1", &live), 0, "live-hwh-and-features");
	EXPECT_STR(live.hwh, "alua", "live-hwh-and-features");
	EXPECT_INT(live.queue_if_no_path, 1, "live-hwh-and-features");
	EXPECT_INT(live.ndev, 2, "live-hwh-and-features");
	UNIT_PASS("live-hwh-and-features");

	EXPECT_INT(mp_table_parse("0 2 emc 1 1 1 round-robin 0 1 1 253:3 1", &live),
		   0, "live-hwh-args");
	EXPECT_STR(live.hwh, "emc", "live-hwh-args");
	EXPECT_INT(live.maj[0], 253, "live-hwh-args");
	EXPECT_INT(live.min[0], 3, "live-hwh-args");
	UNIT_PASS("live-hwh-args");

	EXPECT_INT(mp_table_parse("0 0 1 1 historical-service-time 2 a b 1 0 8:16",
				  &live), 0, "live-selector-args");
	EXPECT_INT(live.ndev, 1, "live-selector-args");
	UNIT_PASS("live-selector-args");

	EXPECT_INT(mp_table_parse("0 0 0 0", &live), 0, "live-no-groups");
	EXPECT_INT(live.npg, 0, "live-no-groups");
	UNIT_PASS("live-no-groups");
}

static void t_parse_bad(void)
{
	static const char *const bad[] = {
		"",
		"x",
		"0",
		"0 0",
		"0 0 1",
		"0 0 1 1 service-time 0 1 1",
		"0 0 1 1 service-time 0 1 1 8-16 1",
		"0 0 1 1 service-time 0 1 1 8: 1",
		"0 0 1 1 service-time 0 1 1 99999:1 1",
		"0 0 1 1 service-time 0 2 1 8:16 1",
		"0 0 1 1 service-time 0 1 1 8:16 1 junk",
		"2 queue_if_no_path",
		"0 0 999 1",
		"0 1",
		"0 0 1 1 this-selector-name-is-far-far-far-too-long 0 1 1 8:16 1",
		"-1 0 1 1 service-time 0 1 1 8:16 1",
	};
	static struct mp_table t;
	unsigned int i;
	char name[32];

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(name, sizeof(name), "parse-bad-%u", i);
		EXPECT_INT(mp_table_parse(bad[i], &t), -EINVAL, name);
		UNIT_PASS(name);
	}
}

static void t_status(void)
{
	static struct mp_status st;

	EXPECT_INT(mp_status_parse("2 0 0 0 2 1 A 0 1 2 8:16 A 0 0 1 "
				   "E 0 1 2 8:32 F 3 0 1 ", &st), 0, "status-two");
	EXPECT_INT(st.npg, 2, "status-two");
	EXPECT_INT(st.pg_state[0], 'A', "status-two");
	EXPECT_INT(st.pg_state[1], 'E', "status-two");
	EXPECT_INT(st.ndev, 2, "status-two");
	EXPECT_INT(st.path_state[0], 'A', "status-two");
	EXPECT_INT(st.path_state[1], 'F', "status-two");
	EXPECT_INT(st.min[1], 32, "status-two");
	UNIT_PASS("status-two");

	EXPECT_INT(mp_status_parse("2 0 0 0 1 1 A 0 3 1 8:16 A 0 0 8:32 A 0 0 "
				   "8:48 F 1 0", &st), 0, "status-round-robin");
	EXPECT_INT(st.ndev, 3, "status-round-robin");
	EXPECT_INT(st.path_state[2], 'F', "status-round-robin");
	UNIT_PASS("status-round-robin");

	EXPECT_INT(mp_status_parse("2 0 0 0 1 1 X 0 1 2 8:16 A 0 0 1", &st),
		   -EINVAL, "status-bad-pg-state");
	UNIT_PASS("status-bad-pg-state");
	EXPECT_INT(mp_status_parse("2 0 0 0 1 1 A 0 1 2 8:16 Q 0 0 1", &st),
		   -EINVAL, "status-bad-path-state");
	UNIT_PASS("status-bad-path-state");
	EXPECT_INT(mp_status_parse("2 0 0 0 1 1 A 0 1 2 8:16 A 0", &st),
		   -EINVAL, "status-truncated");
	UNIT_PASS("status-truncated");
}

static void t_names(void)
{
	char name[128], uuid[129];
	char longw[200];

	EXPECT_INT(mp_policy_parse("group_by_node_name", &(enum mp_policy){ 0 }), 0,
		   "policy-names");
	{
		enum mp_policy p;
		unsigned int i;

		for (i = 0; i < MP_POLICY_N; i++) {
			EXPECT_INT(mp_policy_parse(mp_policy_name((enum mp_policy)i), &p),
				   0, "policy-names");
			EXPECT_INT(p, i, "policy-names");
		}
		EXPECT_INT(mp_policy_parse("round-robin", &p), -EINVAL, "policy-names");
	}
	UNIT_PASS("policy-names");
	EXPECT(mp_selector_ok("service-time") && mp_selector_ok("round-robin") &&
	       mp_selector_ok("queue-length") && !mp_selector_ok("random"),
	       "selectors", "selector table");
	UNIT_PASS("selectors");

	EXPECT_INT(mp_map_name("35000c50015ea7101", name, sizeof(name)), 0, "map-name");
	EXPECT_STR(name, "35000c50015ea7101", "map-name");
	EXPECT_INT(mp_map_uuid("35000c50015ea7101", uuid, sizeof(uuid)), 0, "map-name");
	EXPECT_STR(uuid, "mpath-35000c50015ea7101", "map-name");
	UNIT_PASS("map-name");
	EXPECT_INT(mp_map_name("8a/b c\x01", name, sizeof(name)), 0, "map-name-sanitised");
	EXPECT_STR(name, "8a_b_c_", "map-name-sanitised");
	UNIT_PASS("map-name-sanitised");
	EXPECT_INT(mp_map_name("", name, sizeof(name)), -EINVAL, "map-name-empty");
	UNIT_PASS("map-name-empty");
	memset(longw, 'a', 127);
	longw[127] = '\0';
	EXPECT_INT(mp_map_name(longw, name, sizeof(name)), 0, "map-name-127");
	EXPECT_INT(mp_map_uuid(longw, uuid, sizeof(uuid)), -ENAMETOOLONG,
		   "map-name-127");
	UNIT_PASS("map-name-127");
}

static void t_sort(void)
{
	mk(4);
	P[0].wwid = "3b";
	P[1].wwid = "3a";
	P[2].wwid = "3b";
	P[3].wwid = "3a";
	P[0].host = 5;
	P[2].host = 1;
	P[1].host = 2;
	P[3].host = 2;
	P[3].lun = 0;
	P[1].lun = 1;
	mp_sort_paths(PP, 4);
	EXPECT(PP[0] == &P[3] && PP[1] == &P[1] && PP[2] == &P[2] && PP[3] == &P[0],
	       "sort-paths", "order %s %s %s %s", PP[0]->dev, PP[1]->dev,
	       PP[2]->dev, PP[3]->dev);
	UNIT_PASS("sort-paths");
}

static void t_size(void)
{
	static const struct {
		uint64_t sectors;
		const char *want;
	} cases[] = {
		{ 0, "0.0K" },
		{ 1, "0.0K" },
		{ 3, "1.0K" },
		{ 2, "1.0K" },
		{ 2047, "1023K" },
		{ 2621440, "1.2G" },   /* 1.25 exactly: ties to even */
		{ 22020096, "10G" },   /* 10.5: ties to even */
		{ 23068672, "11G" },
		{ 2048, "1.0M" },
		{ 16384, "8.0M" },
		{ 20480, "10M" },
		{ 131072, "64M" },
		{ 2097152, "1.0G" },
		{ 3145728, "1.5G" },
		{ 20971520, "10G" },
		{ 2147483648ull, "1.0T" },
		{ 2199023255552ull, "1.0P" },
		{ 2251799813685248ull, "1024P" },
		{ 0xffffffffffffffffull, "8388608P" },
	};
	char buf[32];
	unsigned int i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		mp_fmt_size(cases[i].sectors, buf, sizeof(buf));
		EXPECT_STR(buf, cases[i].want, "size-format");
	}
	UNIT_PASS("size-format");
}

int main(void)
{
	unit_suite = "group";
	t_policies();
	t_build_errors();
	t_parse_live();
	t_parse_bad();
	t_status();
	t_names();
	t_sort();
	t_size();
	return UNIT_DONE();
}
