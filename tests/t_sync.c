/* Host tests of the engine's one entry point, mp_sync (src/lib/engine/
 * sync.c), over a made-up sysfs tree (the scan is the real one) and the
 * fake device-mapper kernel of fake_dm.c (-Wl,--wrap=ioctl).
 *
 * Invariants checked, from the per-LU reports: a dry run plans every LU
 * and changes nothing (no CREATE, LOAD or RENAME reaches the kernel, no
 * file is written); a real run creates each new LU once and records its
 * WWID in the wwids file; a second run keeps every map untouched; a name
 * from the bindings renames a live map by DM rename (never remove and
 * create) and a newly allocated name is appended to the bindings file; a
 * path gone offline reloads its LU only; a name held by a foreign map is
 * a skip with -EEXIST; a read-only run writes no file; a map left
 * without paths is flushed only when unused; each LU is reported
 * exactly once. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf.h"
#include "dm.h"
#include "fake_dm.h"
#include "sync.h"
#include "unit.h"

static char root[] = "/tmp/t_sync.XXXXXX";
static char wwids[160], bindings[160];
static struct dm_ctx ctx;
static struct scsi_scan scan;
static struct mp_config cfg;
static struct mp_opts opts;
static struct mp_plan plan;

#define WA "35000c50015ea7100"
#define WB "35000c50015ea7200"
#define WC "35000c50015ea7300"

#define MAXR 8
static struct rep {
	enum mp_act act;
	char name[MP_DM_NAME_LEN], from[MP_DM_NAME_LEN], reason[32];
	unsigned int n;
	int err, r, applied;
} rep[MAXR];
static unsigned int nrep;

static int report(void *arg, struct mp_plan *pl, const struct mp_sync_out *out)
{
	struct rep *g = &rep[nrep < MAXR ? nrep++ : MAXR - 1];

	(void)arg;
	g->act = out->act;
	if (out->act != pl->act) /* only a retried change may end as a keep */
		g->act = (enum mp_act)-1;
	g->n = pl->n;
	g->err = pl->err;
	g->r = out->r;
	g->applied = out->applied;
	snprintf(g->name, sizeof(g->name), "%s", pl->name);
	snprintf(g->from, sizeof(g->from), "%s", pl->rename_from);
	snprintf(g->reason, sizeof(g->reason), "%s", pl->reason);
	return 0;
}

static int keep_all(void *arg, struct mp_path **pp, size_t *n)
{
	(void)arg;
	(void)pp;
	(void)n;
	return 0;
}

static void put(const char *rel, const void *data, size_t len)
{
	unit_put_file(root, rel, data, len);
}

static void sh(const char *fmt, const char *a, const char *b)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), fmt, a, b);
	if (system(cmd))
		exit(1);
}

/* One path: block/NAME (dev, size, device link) and its SCSI device with
 * an NAA designator whose seventh byte tells the LU apart. */
static void disk(const char *name, const char *hbtl, const char *devno, uint8_t lu)
{
	const uint8_t pg83[] = { 0, 0x83, 0, 12, 1, 3, 0, 8,
				 0x50, 0x00, 0xc5, 0x00, 0x15, 0xea, lu, 0x00 };
	char rel[256], link[512];

	sh("mkdir -p '%s/devices/%s'", root, hbtl);
	sh("mkdir -p '%s/block/%s'", root, name);
	snprintf(rel, sizeof(rel), "block/%s/dev", name);
	put(rel, devno, strlen(devno));
	snprintf(rel, sizeof(rel), "block/%s/size", name);
	put(rel, "2048\n", 5);
	snprintf(link, sizeof(link), "%s/block/%s/device", root, name);
	snprintf(rel, sizeof(rel), "../../devices/%s", hbtl);
	if (symlink(rel, link))
		exit(1);
	snprintf(rel, sizeof(rel), "devices/%s/state", hbtl);
	put(rel, "running\n", 8);
	snprintf(rel, sizeof(rel), "devices/%s/vpd_pg83", hbtl);
	put(rel, pg83, sizeof(pg83));
}

static void conf(const char *text)
{
	mp_conf_free(&cfg.conf);
	mp_conf_init(&cfg.conf, NULL, NULL);
	if (mp_conf_parse(&cfg.conf, "t", text, strlen(text)) || cfg.conf.nwarn)
		abort();
}

static int run(int dry, int ro)
{
	struct mp_sync_in in = {
		.dm = &ctx, .scan = &scan, .scan_flags = SCSI_SCAN_STRINGS,
		.opts = &opts, .cfg = &cfg, .dry = dry, .ro = ro, .tmo_keep = 1,
		.prepare = keep_all, .report = report,
	};
	enum mp_sync_stage stage;

	scsi_scan_free(&scan);
	scan.sysfs = root;
	scan.devdir = NULL; /* no SG_IO on the host */
	nrep = 0;
	memset(rep, 0, sizeof(rep));
	calls[0] = '\0';
	return mp_sync(&in, &plan, &stage);
}

static int has_line(const char *file, const char *text)
{
	char line[256];
	FILE *f = fopen(file, "r");
	int found = 0;

	while (f && fgets(line, sizeof(line), f))
		found |= strstr(line, text) != NULL;
	if (f)
		fclose(f);
	return found;
}

static void t_create_keep(void)
{
	EXPECT_INT(run(1, 0), 0, "dry-run");
	EXPECT_INT(nrep, 2, "dry-run");
	EXPECT_INT(rep[0].act, MP_CREATE, "dry-run");
	EXPECT_STR(rep[0].name, WA, "dry-run");
	EXPECT_INT(rep[0].n, 2, "dry-run");
	EXPECT_INT(rep[0].applied, 0, "dry-run");
	EXPECT_INT(rep[1].act, MP_CREATE, "dry-run");
	EXPECT_STR(rep[1].name, WB, "dry-run");
	EXPECT(!strstr(calls, "CREATE") && !strstr(calls, "LOAD"), "dry-run",
	       "calls: %s", calls);
	EXPECT(access(cfg.wwids_file, F_OK), "dry-run", "wwids file written");
	UNIT_PASS("dry-run");

	EXPECT_INT(run(0, 0), 0, "create");
	EXPECT_INT(nrep, 2, "create");
	EXPECT_INT(rep[0].act, MP_CREATE, "create");
	EXPECT_INT(rep[0].r, 0, "create");
	EXPECT_INT(rep[0].applied, 1, "create");
	EXPECT_INT(rep[1].applied, 1, "create");
	EXPECT_STR(calls, "LIST CREATE LOAD SUSPEND CREATE LOAD SUSPEND ", "create");
	EXPECT_STR(devs[0].uuid, "mpath-" WA, "create");
	EXPECT(has_line(cfg.wwids_file, "/" WA "/") &&
	       has_line(cfg.wwids_file, "/" WB "/"), "create", "wwids not recorded");
	UNIT_PASS("create");

	EXPECT_INT(run(0, 0), 0, "keep");
	EXPECT_INT(nrep, 2, "keep");
	EXPECT_INT(rep[0].act, MP_KEEP, "keep");
	EXPECT_STR(rep[0].reason, "unchanged", "keep");
	EXPECT_INT(rep[0].applied, 0, "keep");
	EXPECT_INT(rep[1].act, MP_KEEP, "keep");
	EXPECT(!strstr(calls, "LOAD") && !strstr(calls, "RENAME"), "keep",
	       "calls: %s", calls);
	UNIT_PASS("keep");
}

/* user_friendly_names: WA bound to mpatha (rename), WB given a new name
 * (rename, and its binding appended) */
static void t_rename(void)
{
	conf("defaults {\n user_friendly_names yes\n}\n");
	mp_names_add(&cfg.bindings, "mpatha", WA);
	opts.conf = &cfg.conf;
	opts.bindings = &cfg.bindings;
	EXPECT_INT(run(0, 0), 0, "rename");
	EXPECT_INT(nrep, 2, "rename");
	EXPECT_INT(rep[0].act, MP_KEEP, "rename");
	EXPECT_STR(rep[0].name, "mpatha", "rename");
	EXPECT_STR(rep[0].from, WA, "rename");
	EXPECT_INT(rep[0].applied, 1, "rename");
	EXPECT_STR(rep[1].name, "mpathb", "rename");
	EXPECT_STR(rep[1].from, WB, "rename");
	EXPECT(strstr(calls, "RENAME") && !strstr(calls, "REMOVE") &&
	       !strstr(calls, "CREATE"), "rename", "calls: %s", calls);
	EXPECT_STR(devs[0].name, "mpatha", "rename");
	EXPECT(has_line(cfg.bindings_file, "mpathb " WB), "rename",
	       "binding not recorded");
	UNIT_PASS("rename");
}

static void t_reload(void)
{
	put("devices/host2/2:0:0:1/state", "offline\n", 8);
	EXPECT_INT(run(0, 0), 0, "reload");
	EXPECT_INT(nrep, 2, "reload");
	EXPECT_INT(rep[0].act, MP_KEEP, "reload");
	EXPECT_INT(rep[1].act, MP_RELOAD, "reload");
	EXPECT_INT(rep[1].n, 1, "reload");
	EXPECT_INT(rep[1].applied, 1, "reload");
	/* two live maps listed (one TABLE_STATUS each), one reloaded */
	EXPECT_STR(calls, "LIST TSTATUS TSTATUS LOAD SUSPEND ", "reload");
	UNIT_PASS("reload");
}

/* multipathd's flush_orphans: a map left without paths is kept while
 * open, then removed */
static void t_flush(void)
{
	unsigned int i, b = MAXDEV;

	put("devices/host2/2:0:0:1/state", "offline\n", 8);
	put("devices/host1/1:0:0:1/state", "offline\n", 8);
	opts.flush_orphans = 1;
	for (i = 0; i < MAXDEV; i++)
		if (devs[i].used && !strcmp(devs[i].name, "mpathb"))
			b = i;
	EXPECT(b < MAXDEV, "flush", "no mpathb");
	devs[b].open_count = 1;
	EXPECT_INT(run(0, 1), 0, "flush");
	EXPECT_INT(nrep, 3, "flush"); /* sdb's, sdf's LU, then the orphan */
	EXPECT_INT(rep[2].act, MP_KEEP, "flush");
	EXPECT_STR(rep[2].name, "mpathb", "flush");
	EXPECT_INT(rep[2].applied, 0, "flush");
	EXPECT(!strstr(calls, "REMOVE"), "flush", "calls: %s", calls);
	devs[b].open_count = 0;
	EXPECT_INT(run(0, 1), 0, "flush");
	EXPECT_INT(rep[2].act, MP_FLUSH, "flush");
	EXPECT_INT(rep[2].applied, 1, "flush");
	EXPECT(strstr(calls, "REMOVE") && !devs[b].used, "flush", "calls: %s", calls);
	opts.flush_orphans = 0;
	UNIT_PASS("flush");
}

/* a third LU bound to a name a foreign map holds; read-only: no file */
static void t_skip_ro(void)
{
	struct dm_target lin = { 0, 2048, "linear", "8:16 0" };
	struct stat before, after;

	disk("sdf", "host1/1:0:0:2", "8:80\n", 0x73);
	mp_names_add(&cfg.bindings, "mpathc", WC);
	EXPECT_INT(dm_create(&ctx, "mpathc", "LVM-foreign", &lin, 1, 0, NULL), 0, "skip");
	EXPECT_INT(stat(cfg.wwids_file, &before), 0, "skip");
	EXPECT_INT(run(0, 1), 0, "skip");
	EXPECT_INT(nrep, 3, "skip");
	EXPECT_INT(rep[2].act, MP_SKIP, "skip");
	EXPECT_INT(rep[2].err, -EEXIST, "skip");
	EXPECT_INT(rep[2].applied, 0, "skip");
	EXPECT_INT(stat(cfg.wwids_file, &after), 0, "skip");
	EXPECT_INT(after.st_size, before.st_size, "skip");
	UNIT_PASS("skip");
}

int main(void)
{
	unit_suite = "sync";
	if (!mkdtemp(root))
		return 1;
	disk("sdb", "host1/1:0:0:0", "8:16\n", 0x71);
	disk("sdc", "host1/1:0:0:1", "8:32\n", 0x72);
	disk("sdd", "host2/2:0:0:0", "8:48\n", 0x71);
	disk("sde", "host2/2:0:0:1", "8:64\n", 0x72);
	snprintf(wwids, sizeof(wwids), "%s/etc/wwids", root);
	snprintf(bindings, sizeof(bindings), "%s/etc/bindings", root);
	cfg.wwids_file = wwids;
	cfg.bindings_file = bindings;
	conf("");
	mp_opts_init(&opts);
	opts.conf = &cfg.conf;
	fake_reset();
	ctx.fd = 3;
	ctx.dev_dir = NULL;
	t_create_keep();
	t_rename();
	t_reload();
	t_skip_ro();
	t_flush();
	scsi_scan_free(&scan);
	mp_config_free(&cfg);
	sh("rm -rf '%s'%s", root, "");
	return UNIT_DONE();
}
