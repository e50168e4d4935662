/* Host tests of the multipath engine (src/lib/engine/plan.c, apply.c) against
 * the fake device-mapper kernel of fake_dm.c.
 *
 * Invariants checked: the planner is pure (plans come out, the kernel
 * sees no ioctl); an unchanged LU is kept, a changed one reloaded (LOAD +
 * SUSPEND, never REMOVE), a new one created; a map found by DM UUID keeps
 * its alias; a name taken by a foreign UUID is skipped; paths whose size
 * disagrees are dropped; unusable paths never reach a table; a map whose
 * paths are all gone is flushed only when unused and asked for; a path
 * gone between plan and load (its sysfs dev/block entry missing, its load
 * refused) is left out and the load retried, and with every path gone
 * the map is not left behind. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "dm.h"
#include "fake_dm.h"
#include "plan.h"
#include "unit.h"

static struct dm_ctx ctx;
static struct mp_path paths[8];
static struct mp_path *pp[8];
static struct mp_plan plan;

#define MAXP 16
static struct got {
	enum mp_act act;
	char name[MP_DM_NAME_LEN];
	char reason[64];
	char params[MP_PARAMS_LEN];
	unsigned int n, ndrop;
	int err;
} got[MAXP];
static unsigned int ngot;

static int collect(struct mp_plan *p, void *arg)
{
	struct got *g = &got[ngot < MAXP ? ngot++ : MAXP - 1];

	(void)arg;
	g->act = p->act;
	g->err = p->err;
	g->n = p->n;
	g->ndrop = p->ndrop;
	snprintf(g->name, sizeof(g->name), "%s", p->name);
	snprintf(g->reason, sizeof(g->reason), "%s", p->reason);
	snprintf(g->params, sizeof(g->params), "%s", p->params);
	return 0;
}

static int apply_cb(struct mp_plan *p, void *arg)
{
	dev_t dev;

	collect(p, arg);
	return mp_apply(&ctx, p, 0, &dev);
}

static void path(unsigned int i, const char *dev, unsigned int min,
		 const char *wwid, unsigned int host, const char *state)
{
	struct mp_path *p = &paths[i];

	memset(p, 0, sizeof(*p));
	snprintf(p->dev, sizeof(p->dev), "%s", dev);
	p->maj = 8;
	p->min = min;
	p->host = host;
	p->size = 2048;
	p->wwid = wwid; /* the callers' literals */
	p->serial = p->node = "";
	p->vendor = p->model = p->rev = "";
	p->dh = p->access_state = p->prio_name = "";
	p->state = state;
	pp[i] = p;
}

static void reset(void)
{
	fake_reset();
	ctx.fd = 3;
	ctx.dev_dir = NULL; /* no nodes */
	ctx.what = NULL;
	ngot = 0;
	memset(got, 0, sizeof(got));
}

static const struct mp_opts defaults = { .policy = MP_FAILOVER, .selector = "service-time" };

/* plan (and apply when app) with the live maps read from the fake */
static int run(const struct mp_opts *o, unsigned int n, int app)
{
	struct mp_lives l = { 0 };
	size_t k;
	int r;

	r = mp_live_load(&ctx, &l);
	if (r)
		return r;
	ngot = 0;
	calls[0] = '\0';
	k = mp_coalesce(pp, n);
	r = mp_plan_all(pp, k, o, &l, &plan, app ? apply_cb : collect, NULL);
	mp_live_free(&l);
	return r;
}

static void t_create_keep_reload(void)
{
	reset();
	path(0, "sdb", 16, "3600a", 1, "running");
	path(1, "sdc", 32, "3600b", 1, "running");
	path(2, "sdd", 48, "3600a", 2, "running");
	path(3, "sde", 64, "3600b", 2, "running");
	EXPECT_INT(run(&defaults, 4, 0), 0, "plan-pure");
	EXPECT_STR(calls, "", "plan-pure"); /* the planner itself touches nothing */
	EXPECT_INT(ngot, 2, "plan-pure");
	EXPECT_INT(got[0].act, MP_CREATE, "plan-pure");
	EXPECT_STR(got[0].name, "3600a", "plan-pure");
	EXPECT_STR(got[0].reason, "new LU", "plan-pure");
	EXPECT_STR(got[0].params, "0 0 2 1 service-time 0 1 1 8:16 1 "
		   "service-time 0 1 1 8:48 1", "plan-pure");
	EXPECT_STR(got[1].name, "3600b", "plan-pure");
	UNIT_PASS("plan-pure");

	EXPECT_INT(run(&defaults, 4, 1), 0, "create");
	EXPECT_STR(calls, "CREATE LOAD SUSPEND CREATE LOAD SUSPEND ", "create");
	EXPECT_STR(devs[0].uuid, "mpath-3600a", "create");
	EXPECT_STR(devs[0].active, "0 2048 multipath 0 0 2 1 service-time 0 1 1 "
		   "8:16 1 service-time 0 1 1 8:48 1\n", "create");
	UNIT_PASS("create");

	EXPECT_INT(run(&defaults, 4, 1), 0, "keep");
	EXPECT_STR(calls, "", "keep");
	EXPECT_INT(got[0].act, MP_KEEP, "keep");
	EXPECT_STR(got[0].reason, "unchanged", "keep");
	EXPECT_INT(got[1].act, MP_KEEP, "keep");
	UNIT_PASS("keep");

	{
		struct mp_opts o = defaults;

		o.force = 1;
		EXPECT_INT(run(&o, 4, 0), 0, "force");
		EXPECT_INT(got[0].act, MP_RELOAD, "force");
		EXPECT_STR(got[0].reason, "forced", "force");
		o.force = 0;
		o.queue_if_no_path = 1;
		EXPECT_INT(run(&o, 4, 0), 0, "features-differ");
		EXPECT_INT(got[0].act, MP_RELOAD, "features-differ");
		EXPECT_STR(got[0].reason, "table differs", "features-differ");
		EXPECT_STR(got[0].params, "1 queue_if_no_path 0 2 1 service-time 0 1 1 "
			   "8:16 1 service-time 0 1 1 8:48 1", "features-differ");
		/* multipathd adopts: queueing is the live map's business */
		o.keep_queueing = 1;
		EXPECT_INT(run(&o, 4, 0), 0, "adopt-keeps-queueing");
		EXPECT_INT(got[0].act, MP_KEEP, "adopt-keeps-queueing");
		EXPECT_INT(got[1].act, MP_KEEP, "adopt-keeps-queueing");
		UNIT_PASS("adopt-keeps-queueing");
		UNIT_PASS("force");
		UNIT_PASS("features-differ");
	}

	/* sdd goes offline: reload 3600a without it, keep 3600b */
	path(2, "sdd", 48, "3600a", 2, "offline");
	path(0, "sdb", 16, "3600a", 1, "running");
	path(1, "sdc", 32, "3600b", 1, "running");
	path(3, "sde", 64, "3600b", 2, "running");
	EXPECT_INT(run(&defaults, 4, 1), 0, "reload");
	EXPECT_STR(calls, "LOAD SUSPEND ", "reload");
	EXPECT_INT(got[0].act, MP_RELOAD, "reload");
	EXPECT_INT(got[0].n, 1, "reload");
	EXPECT_INT(got[1].act, MP_KEEP, "reload");
	EXPECT_STR(devs[0].active, "0 2048 multipath 0 0 1 1 service-time 0 1 1 "
		   "8:16 1\n", "reload");
	EXPECT(!(last_flags[DM_DEV_SUSPEND_CMD] & DM_SUSPEND_FLAG) &&
	       (last_flags[DM_DEV_SUSPEND_CMD] & DM_NOFLUSH_FLAG), "reload",
	       "resume without noflush");
	UNIT_PASS("reload");
}

static void t_alias_clash_size(void)
{
	struct dm_target t = { 0, 2048, "multipath",
			       "0 0 1 1 service-time 0 1 1 8:16 1" };
	struct dm_target lin = { 0, 2048, "linear", "8:16 0" };

	reset();
	EXPECT_INT(dm_create(&ctx, "mpatha", "mpath-3600a", &t, 1, 0, NULL), 0, "alias");
	EXPECT_INT(dm_create(&ctx, "3600b", "LVM-foreign", &lin, 1, 0, NULL), 0, "alias");
	path(0, "sdb", 16, "3600a", 1, "running");
	path(1, "sdc", 32, "3600b", 1, "running");
	EXPECT_INT(run(&defaults, 2, 0), 0, "alias");
	EXPECT_INT(got[0].act, MP_KEEP, "alias");
	EXPECT_STR(got[0].name, "mpatha", "alias");
	UNIT_PASS("alias");
	EXPECT_INT(got[1].act, MP_SKIP, "name-clash");
	EXPECT_INT(got[1].err, -EEXIST, "name-clash");
	UNIT_PASS("name-clash");

	/* a path of another size is not used, and goes last */
	path(0, "sdb", 16, "3600a", 1, "running");
	path(1, "sdc", 32, "3600a", 2, "running");
	path(2, "sdd", 48, "3600a", 3, "running");
	paths[1].size = 4096;
	EXPECT_INT(run(&defaults, 3, 0), 0, "size-drop");
	EXPECT_INT(got[0].n, 2, "size-drop");
	EXPECT_INT(got[0].ndrop, 1, "size-drop");
	EXPECT_STR(plan.pp[2]->dev, "sdc", "size-drop");
	EXPECT_STR(got[0].params, "0 0 2 1 service-time 0 1 1 8:16 1 "
		   "service-time 0 1 1 8:48 1", "size-drop");
	UNIT_PASS("size-drop");

	/* the live map has another size: reload */
	paths[1].size = paths[0].size = paths[2].size = 4096;
	EXPECT_INT(run(&defaults, 1, 0), 0, "size-differs");
	EXPECT_INT(got[0].act, MP_RELOAD, "size-differs");
	EXPECT_STR(got[0].reason, "size differs", "size-differs");
	UNIT_PASS("size-differs");
}

static void t_filter_unusable(void)
{
	struct mp_opts o = defaults;

	reset();
	path(0, "sdb", 16, "3600a", 1, "running");
	path(1, "sdc", 32, "3600b", 1, "running");
	path(2, "sdd", 48, "", 1, "running");      /* no WWID */
	path(3, "sde", 64, "3600c", 1, "offline");
	path(4, "sdf", 80, "3600d", 1, "blocked"); /* transient: usable */
	o.filter = "8:32";
	EXPECT_INT(run(&o, 5, 0), 0, "filter");
	EXPECT_INT(ngot, 1, "filter");
	EXPECT_STR(got[0].name, "3600b", "filter");
	UNIT_PASS("filter");
	o.filter = NULL;
	path(0, "sdb", 16, "3600a", 1, "running");
	path(1, "sdc", 32, "3600b", 1, "running");
	path(2, "sdd", 48, "", 1, "running");
	path(3, "sde", 64, "3600c", 1, "offline");
	path(4, "sdf", 80, "3600d", 1, "blocked");
	EXPECT_INT(run(&o, 5, 0), 0, "unusable");
	EXPECT_INT(ngot, 3, "unusable");
	EXPECT_STR(got[2].name, "3600d", "unusable");
	UNIT_PASS("unusable");
	EXPECT_INT(mp_filter_match("/dev/sdb", &paths[0], NULL), 1, "filter-forms");
	EXPECT_INT(mp_filter_match("8:16", &paths[0], NULL), 1, "filter-forms");
	EXPECT_INT(mp_filter_match("8:1x", &paths[0], NULL), 0, "filter-forms");
	EXPECT_INT(mp_filter_match("m", &paths[0], "m"), 1, "filter-forms");
	UNIT_PASS("filter-forms");
}

static void t_flush(void)
{
	struct dm_target t = { 0, 2048, "multipath",
			       "0 0 1 1 service-time 0 1 1 8:16 1" };
	struct mp_opts o = defaults;

	reset();
	EXPECT_INT(dm_create(&ctx, "gone", "mpath-gone", &t, 1, 0, NULL), 0, "flush");
	EXPECT_INT(dm_create(&ctx, "busy", "mpath-busy", &t, 1, 0, NULL), 0, "flush");
	EXPECT_INT(dm_create(&ctx, "other", "LVM-x", &t, 1, 0, NULL), 0, "flush");
	devs[1].open_count = 1;
	path(0, "sdb", 16, "3600a", 1, "running");
	EXPECT_INT(run(&o, 1, 0), 0, "no-flush-default");
	EXPECT_INT(ngot, 1, "no-flush-default");
	UNIT_PASS("no-flush-default");
	o.flush_orphans = 1;
	EXPECT_INT(run(&o, 1, 1), 0, "flush");
	EXPECT_INT(ngot, 3, "flush");
	EXPECT_INT(got[1].act, MP_KEEP, "flush");
	EXPECT_STR(got[1].name, "busy", "flush");
	EXPECT_INT(got[2].act, MP_FLUSH, "flush");
	EXPECT_STR(got[2].name, "gone", "flush");
	EXPECT(devs[1].used && !devs[0].used && devs[2].used, "flush",
	       "wrong maps removed");
	UNIT_PASS("flush");
}

static struct mp_conf conf;

static void load_conf(const char *text)
{
	mp_conf_free(&conf);
	mp_conf_init(&conf, NULL, NULL);
	if (mp_conf_parse(&conf, "t", text, strlen(text)) || conf.nwarn)
		abort();
}

/* The table's one LU of three paths under config text, with TPGS
 * tpgs[i] and attached handler dh[i] ("" none, as scsi.c reads a
 * dh_state of "detached"), priorities 10 50 1. */
static const char *hwh_table(const char *text, const int8_t *tpgs,
			     const char *const *dh, const char *vendor,
			     const char *product)
{
	static const int prio[3] = { 10, 50, 1 };
	struct mp_opts o = defaults;
	unsigned int i;

	reset();
	load_conf(text);
	o.conf = &conf;
	for (i = 0; i < 3; i++) {
		path(i, i ? i == 1 ? "sdc" : "sdd" : "sdb", 16 * (i + 1), "3600a",
		     i + 1, "running");
		paths[i].vendor = vendor;
		paths[i].model = product;
		paths[i].tpgs = tpgs[i];
		paths[i].prio = prio[i];
		paths[i].dh = dh[i];
	}
	if (run(&o, 3, 0) || got[0].act != MP_CREATE)
		return "?";
	return got[0].params;
}

/* Invariants (multipath-tools 0.9.4 select_hwhandler, dm-mpath since
 * Linux 4.3): an attached handler is the table's, whatever the config
 * says, its arguments kept only if it is the configured one; else the
 * configured (device entry, built-in table), where "1 alua" is dropped
 * when a path does not report TPGS; nothing configured stays "0" even
 * with TPGS (the kernel attaches alua itself where it can, see plan.c). */
static void t_hwh(void)
{
	static const int8_t all[3] = { 1, 1, 1 }, some[3] = { 1, 0, 1 },
			    none[3] = { 0, 0, 0 };
	static const char *const no_dh[3] = { "", "", "" };
	static const char *const rdac[3] = { "", "rdac", "" };
	static const char *const emc[3] = { "emc", "emc", "emc" };
	static const char *const alua[3] = { "alua", "alua", "alua" };
	static const char *dev_alua = "devices {\ndevice {\nvendor X\nproduct Y\n"
		"hardware_handler \"1 alua\"\n}\n}\n";
	static const char *dev_emc = "devices {\ndevice {\nvendor X\nproduct Y\n"
		"hardware_handler \"2 emc 1\"\n}\n}\n";
	const char *t;

	t = hwh_table("", all, no_dh, "X", "Y");
	EXPECT(!strncmp(t, "0 0 3 1 ", 8), "hwh", "TPGS default: %s", t);
	t = hwh_table("", all, alua, "X", "Y");
	EXPECT(!strncmp(t, "0 1 alua 3 1 ", 13), "hwh", "attached alua: %s", t);
	t = hwh_table("", some, no_dh, "X", "Y");
	EXPECT(!strncmp(t, "0 0 3 1 ", 8), "hwh", "one path without TPGS: %s", t);
	t = hwh_table(dev_alua, all, no_dh, "X", "Y");
	EXPECT(!strncmp(t, "0 1 alua 3 1 ", 13), "hwh", "configured alua: %s", t);
	t = hwh_table(dev_alua, some, no_dh, "X", "Y");
	EXPECT(!strncmp(t, "0 0 3 1 ", 8), "hwh", "alua without TPGS: %s", t);
	t = hwh_table(dev_alua, all, rdac, "X", "Y");
	EXPECT(!strncmp(t, "0 1 rdac 3 1 ", 13), "hwh", "attached kept: %s", t);
	t = hwh_table(dev_emc, none, emc, "X", "Y");
	EXPECT(!strncmp(t, "0 2 emc 1 3 1 ", 14), "hwh", "same handler, args: %s", t);
	t = hwh_table(dev_emc, none, alua, "X", "Y");
	EXPECT(!strncmp(t, "0 1 alua 3 1 ", 13), "hwh", "other handler: %s", t);
	t = hwh_table("defaults {\nhardware_handler \"0\"\n}\n", all, no_dh, "X", "Y");
	EXPECT(!strncmp(t, "0 0 3 1 ", 8), "hwh", "explicit 0: %s", t);
	/* the built-in table: DGC -> "1 emc", NetApp E-Series -> "1 rdac" */
	t = hwh_table("", none, no_dh, "DGC", "RAID 5");
	EXPECT(strstr(t, " 1 emc ") != NULL, "hwh", "table emc: %s", t);
	t = hwh_table("", none, no_dh, "NETAPP", "INF-01-00");
	EXPECT(strstr(t, " 1 rdac ") != NULL, "hwh", "table rdac: %s", t);
	t = hwh_table("", none, alua, "NETAPP", "INF-01-00");
	EXPECT(strstr(t, " 1 alua ") != NULL, "hwh", "table, attached: %s", t);
	UNIT_PASS("hwh");
}

/* Invariants: rr_weight priorities makes each path's repeat count its
 * priority (0 or less stays 1), uniform keeps 1; a live table showing
 * 1 (the kernel's normalisation) is not "different". */
static void t_rr_weight(void)
{
	static const int8_t none[3] = { 0, 0, 0 };
	static const char *const no_dh[3] = { "", "", "" };
	const char *t;
	struct dm_target tg = { 0, 2048, "multipath", NULL };

	t = hwh_table("defaults {\nrr_weight priorities\npath_grouping_policy multibus\n}\n",
		      none, no_dh, "X", "Y");
	EXPECT_STR(t, "0 0 1 1 service-time 0 3 1 8:16 10 8:32 50 8:48 1", "rr-weight");
	t = hwh_table("defaults {\nrr_weight uniform\npath_grouping_policy multibus\n}\n",
		      none, no_dh, "X", "Y");
	EXPECT_STR(t, "0 0 1 1 service-time 0 3 1 8:16 1 8:32 1 8:48 1", "rr-weight");
	paths[1].prio = 0;
	load_conf("devices {\ndevice {\nvendor X\nproduct Y\nrr_weight priorities\n"
		  "path_grouping_policy group_by_prio\n}\n}\n");
	{
		struct mp_opts o = defaults;

		o.conf = &conf;
		EXPECT_INT(run(&o, 3, 0), 0, "rr-weight");
		EXPECT_STR(got[0].params, "0 0 3 1 service-time 0 1 1 8:16 10 "
			   "service-time 0 1 1 8:48 1 service-time 0 1 1 8:32 1",
			   "rr-weight");
		/* the kernel's table: every repeat count 1 */
		tg.params = "0 0 3 1 service-time 0 1 1 8:16 1 service-time 0 1 1 "
			    "8:48 1 service-time 0 1 1 8:32 1";
		EXPECT_INT(dm_create(&ctx, "3600a", "mpath-3600a", &tg, 1, 0, NULL), 0,
			   "rr-weight");
		EXPECT_INT(run(&o, 3, 0), 0, "rr-weight");
		EXPECT_INT(got[0].act, MP_KEEP, "rr-weight");
	}
	UNIT_PASS("rr-weight");
}

static void t_live_not_multipath(void)
{
	struct dm_target two[2] = { { 0, 1024, "multipath", "0 0 0 0" },
				    { 1024, 1024, "linear", "8:16 0" } };

	reset();
	EXPECT_INT(dm_create(&ctx, "3600a", "mpath-3600a", two, 2, 0, NULL), 0, "live-odd");
	path(0, "sdb", 16, "3600a", 1, "running");
	EXPECT_INT(run(&defaults, 1, 0), 0, "live-odd");
	EXPECT_INT(got[0].act, MP_RELOAD, "live-odd");
	EXPECT_STR(got[0].reason, "live map is not one multipath target", "live-odd");
	UNIT_PASS("live-odd");
}

/* The configuration in the plan: policy by real priority, handler,
 * features and no_path_retry from a device entry. */
static void t_conf_table(void)
{
	struct mp_opts o = defaults;
	unsigned int i;

	reset();
	load_conf("devices {\n device {\n vendor \"Linux\"\n product \"scsi_debug\"\n"
		  " path_grouping_policy group_by_prio\n hardware_handler \"1 alua\"\n"
		  " features \"2 pg_init_retries 50\"\n no_path_retry 12\n }\n}\n");
	o.conf = &conf;
	path(0, "sdb", 16, "3600a", 1, "running");
	path(1, "sdc", 32, "3600a", 2, "running");
	path(2, "sdd", 48, "3600a", 3, "running");
	paths[0].prio = 10;
	paths[1].prio = 50;
	paths[2].prio = 1;
	for (i = 0; i < 3; i++) {
		paths[i].vendor = "Linux";
		paths[i].model = "scsi_debug";
		paths[i].tpgs = 1; /* "1 alua" needs every path to report TPGS */
	}
	EXPECT_INT(run(&o, 3, 0), 0, "conf-table");
	EXPECT_INT(got[0].act, MP_CREATE, "conf-table");
	EXPECT_STR(got[0].params, "3 pg_init_retries 50 queue_if_no_path 1 alua 3 1 "
		   "service-time 0 1 1 8:32 1 service-time 0 1 1 8:16 1 "
		   "service-time 0 1 1 8:48 1", "conf-table");
	/* -p on the command line overrides the configuration */
	o.cli_policy = 1;
	o.policy = MP_MULTIBUS;
	EXPECT_INT(run(&o, 3, 0), 0, "conf-table");
	EXPECT_STR(got[0].params, "3 pg_init_retries 50 queue_if_no_path 1 alua 1 1 "
		   "service-time 0 3 1 8:16 1 8:32 1 8:48 1", "conf-table");
	/* no_path_retry fail wins over queue_if_no_path in features */
	load_conf("defaults {\n features \"1 queue_if_no_path\"\n no_path_retry fail\n}\n");
	o = defaults;
	o.conf = &conf;
	EXPECT_INT(run(&o, 1, 0), 0, "conf-table");
	EXPECT_STR(got[0].params, "0 0 1 1 service-time 0 1 1 8:16 1", "conf-table");
	UNIT_PASS("conf-table");
}

/* Names: alias > binding > new binding (not when read-only) > WWID; a
 * live map gets its new name by DM rename. */
static void t_conf_names(void)
{
	struct mp_opts o = defaults;
	struct mp_names b = { 0 };
	struct dm_target t = { 0, 2048, "multipath",
			       "0 0 1 1 service-time 0 1 1 8:16 1" };

	reset();
	load_conf("defaults {\n user_friendly_names yes\n}\n"
		  "multipaths {\n multipath {\n wwid 3600c\n alias oradata\n }\n}\n");
	mp_names_add(&b, "mpatha", "3600x");
	mp_names_add(&b, "mpathb", "3600b");
	o.conf = &conf;
	o.bindings = &b;
	EXPECT_INT(dm_create(&ctx, "3600c", "mpath-3600c", &t, 1, 0, NULL), 0, "names");
	path(0, "sdb", 16, "3600a", 1, "running");
	path(1, "sdc", 32, "3600b", 1, "running");
	path(2, "sdd", 48, "3600c", 1, "running");
	EXPECT_INT(run(&o, 3, 0), 0, "names");
	EXPECT_STR(got[0].name, "mpathc", "names");   /* new binding */
	EXPECT_STR(got[1].name, "mpathb", "names");   /* bound */
	EXPECT_STR(got[2].name, "oradata", "names");  /* alias */
	EXPECT_INT(got[2].act, MP_RELOAD, "names");  /* live 3600c: rename */
	EXPECT_INT(plan.new_binding, 0, "names");
	o.names_ro = 1;
	EXPECT_INT(run(&o, 3, 0), 0, "names");
	EXPECT_STR(got[0].name, "3600a", "names");    /* initramfs: no new name */
	EXPECT_STR(got[1].name, "mpathb", "names");
	/* applied: the live map is renamed, not recreated */
	EXPECT_INT(run(&o, 3, 1), 0, "names");
	EXPECT(strstr(calls, "RENAME"), "names", "calls: %s", calls);
	EXPECT(!strstr(calls, "REMOVE"), "names", "calls: %s", calls);
	mp_names_free(&b);
	UNIT_PASS("names");
}

/* #24.11-13: a bindings line or alias_prefix that makes no valid map
 * name is ignored (p->bad_name says which) and the LU is created under
 * its WWID name -- never a create with an empty or bad name; the applied
 * creates all succeed.  A generated name that is reserved ("control")
 * is skipped like a taken one. */
static void t_bad_names(void)
{
	static const char *const bad[] = {
		"../../tmp/pwn", "a/b", "control", "esc\033[31m", ".hidden",
		"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
	};
	struct mp_opts o = defaults;
	struct mp_names b = { 0 };
	char w[8][16];
	unsigned int i, n = sizeof(bad) / sizeof(*bad);

	reset();
	load_conf("defaults {\n user_friendly_names yes\n}\n");
	o.conf = &conf;
	o.bindings = &b;
	for (i = 0; i < n; i++) {
		snprintf(w[i], sizeof(w[i]), "3600%u", i);
		mp_names_add(&b, bad[i], w[i]);
		path(i, "sdb", 16 + 16 * i, w[i], 1, "running");
	}
	EXPECT_INT(run(&o, n, 1), 0, "bad-names");
	for (i = 0; i < n; i++) {
		EXPECT(got[i].act == MP_CREATE && !got[i].err, "bad-names",
		       "%s: act %d err %d", w[i], got[i].act, got[i].err);
		EXPECT_STR(got[i].name, w[i], "bad-names");
	}
	EXPECT(plan.bad_name && !strcmp(plan.bad_from, "binding"), "bad-names",
	       "not reported");
	for (i = 0; i < MAXDEV; i++)
		EXPECT(!devs[i].used || !mp_name_check(devs[i].name), "bad-names",
		       "map %s made", devs[i].name);
	mp_names_free(&b);
	UNIT_PASS("bad-names");

	/* a bad alias_prefix: WWID name, reported */
	reset();
	load_conf("defaults {\n user_friendly_names yes\n alias_prefix \"a/b\"\n}\n");
	path(0, "sdb", 16, "3600a", 1, "running");
	EXPECT_INT(run(&o, 1, 1), 0, "bad-prefix");
	EXPECT(got[0].act == MP_CREATE && !strcmp(got[0].name, "3600a"), "bad-prefix",
	       "%d %s", got[0].act, got[0].name);
	EXPECT(plan.bad_name && !strcmp(plan.bad_from, "alias_prefix"), "bad-prefix",
	       "not reported");
	UNIT_PASS("bad-prefix");

	/* "contro" + 12 is "control": skipped, the LU gets id 13 */
	reset();
	load_conf("defaults {\n user_friendly_names yes\n alias_prefix contro\n}\n");
	for (i = 1; i <= 11; i++) {
		char a[16];

		snprintf(a, sizeof(a), "contro%c", 'a' + i - 1);
		mp_names_add(&b, a, "3600x");
	}
	EXPECT_INT(run(&o, 1, 0), 0, "reserved-skip");
	EXPECT_STR(got[0].name, "controm", "reserved-skip");
	EXPECT_INT(plan.new_binding, 1, "reserved-skip");
	mp_names_free(&b);
	UNIT_PASS("reserved-skip");
}

/* #20.6: a live map whose name is prefix + letters and that no binding
 * gives another WWID keeps its name; the binding is to be recorded
 * (new_binding), never a rename.  Bound elsewhere, or not of the
 * prefix's form (a WWID name), it gets a name of its own as in
 * multipath-tools' use_existing_alias. */
static void t_live_name_kept(void)
{
	struct dm_target t = { 0, 2048, "multipath",
			       "0 0 1 1 service-time 0 1 1 8:16 1" };
	struct mp_opts o = defaults;
	struct mp_names b = { 0 };

	reset();
	load_conf("defaults {\n user_friendly_names yes\n}\n");
	o.conf = &conf;
	o.bindings = &b;
	EXPECT_INT(dm_create(&ctx, "mpathz", "mpath-3600a", &t, 1, 0, NULL), 0, "live-name");
	path(0, "sdb", 16, "3600a", 1, "running");
	EXPECT_INT(run(&o, 1, 1), 0, "live-name");
	EXPECT_INT(got[0].act, MP_KEEP, "live-name");
	EXPECT_STR(got[0].name, "mpathz", "live-name");
	EXPECT_INT(plan.new_binding, 1, "live-name");
	EXPECT(!strstr(calls, "RENAME"), "live-name", "calls: %s", calls);
	/* the same with alias_prefix MPATH: "MPATHz" is kept */
	reset();
	load_conf("defaults {\n user_friendly_names yes\n alias_prefix MPATH\n}\n");
	EXPECT_INT(dm_create(&ctx, "MPATHz", "mpath-3600a", &t, 1, 0, NULL), 0, "live-name");
	EXPECT_INT(run(&o, 1, 0), 0, "live-name");
	EXPECT_STR(got[0].name, "MPATHz", "live-name");
	EXPECT_INT(plan.new_binding, 1, "live-name");
	UNIT_PASS("live-name");

	/* "mpathz" bound to another WWID: a name of its own, by rename */
	reset();
	load_conf("defaults {\n user_friendly_names yes\n}\n");
	mp_names_add(&b, "mpathz", "3600other");
	EXPECT_INT(dm_create(&ctx, "mpathz", "mpath-3600a", &t, 1, 0, NULL), 0, "live-name-bound");
	EXPECT_INT(run(&o, 1, 0), 0, "live-name-bound");
	EXPECT_STR(got[0].name, "mpatha", "live-name-bound");
	EXPECT_INT(plan.new_binding, 1, "live-name-bound");
	EXPECT_STR(plan.rename_from, "mpathz", "live-name-bound");
	mp_names_free(&b);
	UNIT_PASS("live-name-bound");

	/* bindings read-only (initramfs): no binding to record, name kept */
	reset();
	o.names_ro = 1;
	EXPECT_INT(dm_create(&ctx, "mpathz", "mpath-3600a", &t, 1, 0, NULL), 0, "live-name-ro");
	EXPECT_INT(run(&o, 1, 0), 0, "live-name-ro");
	EXPECT_STR(got[0].name, "mpathz", "live-name-ro");
	EXPECT_INT(plan.new_binding, 0, "live-name-ro");
	UNIT_PASS("live-name-ro");
}

static void t_conf_find_multipaths(void)
{
	struct mp_opts o = defaults;
	struct mp_names w = { 0 };

	reset();
	mp_names_add(&w, "3600a", NULL);
	o.conf = &conf;
	o.wwids = &w;
	path(0, "sdb", 16, "3600a", 1, "running");
	path(1, "sdc", 32, "3600b", 1, "running");
	path(2, "sdd", 48, "3600b", 2, "running");
	path(3, "sde", 64, "3600c", 1, "running");
	load_conf("defaults {\n find_multipaths strict\n}\n");
	EXPECT_INT(run(&o, 4, 0), 0, "find_multipaths");
	EXPECT_INT(got[0].act, MP_CREATE, "find_multipaths");
	EXPECT_INT(got[1].act, MP_IGNORE, "find_multipaths");
	EXPECT_INT(got[2].act, MP_IGNORE, "find_multipaths");
	load_conf("defaults {\n find_multipaths yes\n}\n");
	EXPECT_INT(run(&o, 4, 0), 0, "find_multipaths");
	EXPECT_INT(got[0].act, MP_CREATE, "find_multipaths"); /* known */
	EXPECT_INT(got[1].act, MP_CREATE, "find_multipaths"); /* two paths */
	EXPECT_INT(got[2].act, MP_IGNORE, "find_multipaths"); /* one, unknown */
	load_conf("defaults {\n find_multipaths no\n}\n");
	EXPECT_INT(run(&o, 4, 0), 0, "find_multipaths");
	EXPECT_INT(got[2].act, MP_CREATE, "find_multipaths");
	mp_names_free(&w);
	UNIT_PASS("find_multipaths");
}

/* A sysfs with dev/block/8:MIN for the given minors. */
static void fake_sysfs(const char *root, const unsigned int *min, unsigned int n)
{
	char p[128];
	unsigned int i;

	snprintf(p, sizeof(p), "rm -rf %s; mkdir -p %s/dev/block", root, root);
	if (system(p))
		return;
	for (i = 0; i < n; i++) {
		snprintf(p, sizeof(p), "%s/dev/block/8:%u", root, min[i]);
		mkdir(p, 0755);
	}
}

static int retry_cb(struct mp_plan *p, void *arg)
{
	struct mp_lives *l = arg;
	unsigned int gone;
	dev_t dev;
	int r = mp_apply_retry(&ctx, p, &defaults, l, "/tmp/t_plan.sys", &gone, &dev);

	collect(p, NULL);
	got[ngot - 1].ndrop = gone; /* how many were left out */
	got[ngot - 1].err = r;
	return 0;
}

static int run_retry(unsigned int n)
{
	struct mp_lives l = { 0 };
	int r = mp_live_load(&ctx, &l);

	if (r)
		return r;
	ngot = 0;
	calls[0] = '\0';
	r = mp_plan_all(pp, mp_coalesce(pp, n), &defaults, &l, &plan, retry_cb, &l);
	mp_live_free(&l);
	return r;
}

static void t_path_gone(void)
{
	static const unsigned int ab[] = { 16, 48 }, abc[] = { 16, 32, 48 };

	/* create: sdc (8:32) vanished after the scan */
	reset();
	path(0, "sdb", 16, "3600a", 1, "running");
	path(1, "sdc", 32, "3600a", 2, "running");
	path(2, "sdd", 48, "3600a", 3, "running");
	fake_sysfs("/tmp/t_plan.sys", ab, 2);
	snprintf(gone_dev, sizeof(gone_dev), " 8:32 ");
	EXPECT_INT(run_retry(3), 0, "gone-create");
	EXPECT_INT(got[0].err, 0, "gone-create");
	EXPECT_INT(got[0].ndrop, 1, "gone-create");
	EXPECT_STR(calls, "CREATE LOAD REMOVE CREATE LOAD SUSPEND ", "gone-create");
	EXPECT_STR(devs[0].active, "0 2048 multipath 0 0 2 1 service-time 0 1 1 "
		   "8:16 1 service-time 0 1 1 8:48 1\n", "gone-create");
	UNIT_PASS("gone-create");

	/* reload: the live map has sdb, sdd; sdc comes back for the plan,
	 * vanishes before the load: the live table stays, nothing else */
	path(0, "sdb", 16, "3600a", 1, "running");
	path(1, "sdc", 32, "3600a", 2, "running");
	path(2, "sdd", 48, "3600a", 3, "running");
	EXPECT_INT(run_retry(3), 0, "gone-reload");
	EXPECT_INT(got[0].err, 0, "gone-reload");
	EXPECT_INT(got[0].ndrop, 1, "gone-reload");
	EXPECT_INT(got[0].act, MP_KEEP, "gone-reload");
	EXPECT_STR(calls, "LOAD ", "gone-reload");
	EXPECT(!devs[0].has_inactive, "gone-reload", "inactive table left");
	UNIT_PASS("gone-reload");

	/* a load refused for another reason: no retry, the error stays */
	gone_dev[0] = '\0';
	fake_sysfs("/tmp/t_plan.sys", abc, 3);
	fail_cmd = DM_TABLE_LOAD_CMD;
	fail_errno = EINVAL;
	EXPECT_INT(run_retry(3), 0, "gone-not-a-path");
	EXPECT_INT(got[0].err, -EINVAL, "gone-not-a-path");
	EXPECT_INT(got[0].ndrop, 0, "gone-not-a-path");
	EXPECT_STR(calls, "LOAD ", "gone-not-a-path");
	UNIT_PASS("gone-not-a-path");

	/* every path gone: the create is undone, no map left */
	reset();
	path(0, "sdb", 16, "3600a", 1, "running");
	path(1, "sdc", 32, "3600a", 2, "running");
	fake_sysfs("/tmp/t_plan.sys", abc, 0);
	snprintf(gone_dev, sizeof(gone_dev), " 8:");
	EXPECT_INT(run_retry(2), 0, "gone-all");
	EXPECT_INT(got[0].err, -ENXIO, "gone-all");
	EXPECT_INT(got[0].ndrop, 2, "gone-all");
	EXPECT_STR(calls, "CREATE LOAD REMOVE ", "gone-all");
	EXPECT(!devs[0].used, "gone-all", "map left behind");
	UNIT_PASS("gone-all");
	if (system("rm -rf /tmp/t_plan.sys"))
		return;
}

int main(void)
{
	unit_suite = "plan";
	t_conf_table();
	t_conf_names();
	t_bad_names();
	t_live_name_kept();
	t_conf_find_multipaths();
	t_hwh();
	t_rr_weight();
	mp_conf_free(&conf);
	t_create_keep_reload();
	t_alias_clash_size();
	t_filter_unusable();
	t_flush();
	t_live_not_multipath();
	t_path_gone();
	return UNIT_DONE();
}
