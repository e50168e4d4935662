/* Host tests of the partition-map side of kpartx (src/lib/engine/partmap.c)
 * against the fake device-mapper kernel of fake_dm.c: names, UUIDs and
 * tables as multipath-tools' kpartx makes them; a map of that name that
 * is ours is reloaded, never removed; one that is not ours is left alone
 * (-EEXIST); a map made under another delimiter is renamed, not remade;
 * the sweep removes only our unused maps and keeps the numbers asked. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/sysmacros.h>

#include "dm.h"
#include "fake_dm.h"
#include "partmap.h"
#include "unit.h"

static struct dm_ctx ctx;
static struct pm_parent par;
static struct pt_result keep;

static struct fdev *dev_named(const char *name)
{
	unsigned int i;

	for (i = 0; i < MAXDEV; i++)
		if (devs[i].used && !strcmp(devs[i].name, name))
			return &devs[i];
	return NULL;
}

static int add(unsigned int num, uint64_t start, uint64_t size, const char *delim)
{
	struct pt_slice s = { .start = start, .size = size, .num = num };
	char name[MP_DM_NAME_LEN], params[64];
	const char *what;

	return pm_add(&ctx, &par, delim, 0, &s, name, params, &what);
}

static void reset(void)
{
	struct dm_target t = { 0, 1 << 20, "multipath", "0 0 1 1 service-time 0 1 1 8:16 1" };
	dev_t dev;

	fake_reset();
	ctx.fd = 3;
	ctx.dev_dir = NULL;
	memset(&par, 0, sizeof(par));
	dm_create(&ctx, "mpatha", "mpath-3600a", &t, 1, 0, &dev);
	par.dev = dev;
	par.is_dm = 1;
	strcpy(par.name, "mpatha");
	strcpy(par.uuid, "mpath-3600a");
}

static void t_add(void)
{
	struct fdev *f;
	char want[96];

	reset();
	EXPECT_INT(add(1, 2048, 4096, "-part"), 0, "create");
	f = dev_named("mpatha-part1");
	EXPECT_INT(f != NULL, 1, "create-name");
	if (!f)
		return;
	EXPECT_STR(f->uuid, "part1-mpath-3600a", "create-uuid");
	snprintf(want, sizeof(want), "0 4096 linear %u:%u 2048\n", major(par.dev),
		 minor(par.dev));
	EXPECT_STR(f->active, want, "create-table");
	UNIT_PASS("create");

	/* the same slice again, moved: a reload of our map, no remove */
	calls[0] = '\0';
	EXPECT_INT(add(1, 4096, 4096, "-part"), 0, "reload");
	EXPECT_INT(strstr(calls, "REMOVE") == NULL && strstr(calls, "CREATE") == NULL, 1,
		   "reload-not-remade");
	snprintf(want, sizeof(want), "0 4096 linear %u:%u 4096\n", major(par.dev),
		 minor(par.dev));
	EXPECT_STR(f->active, want, "reload-table");
	UNIT_PASS("reload");
}

static void t_foreign(void)
{
	struct dm_target t = { 0, 8, "linear", "8:0 0" };
	struct fdev *f;
	dev_t dev;

	reset();
	dm_create(&ctx, "mpatha-part2", "LVM-somebody-else", &t, 1, 0, &dev);
	EXPECT_INT(add(2, 2048, 4096, "-part"), -EEXIST, "foreign-name-left-alone");
	f = dev_named("mpatha-part2");
	EXPECT_STR(f ? f->active : "", "0 8 linear 8:0 0\n", "foreign-table-unchanged");
	UNIT_PASS("foreign");
}

static void t_rename(void)
{
	struct fdev *f;
	unsigned int n = 0, i;

	reset();
	EXPECT_INT(add(1, 2048, 4096, "p"), 0, "rename-setup");
	EXPECT_INT(dev_named("mpathap1") != NULL, 1, "rename-setup");
	calls[0] = '\0';
	EXPECT_INT(add(1, 2048, 4096, "-part"), 0, "rename");
	f = dev_named("mpatha-part1");
	EXPECT_INT(f != NULL && dev_named("mpathap1") == NULL, 1, "rename-name");
	EXPECT_INT(strstr(calls, "RENAME") != NULL && strstr(calls, "REMOVE") == NULL, 1,
		   "rename-not-remade");
	for (i = 0; i < MAXDEV; i++)
		n += devs[i].used;
	EXPECT_INT(n, 2, "rename-one-map");
	UNIT_PASS("rename");
}

/* mpatha with partition maps 1..n, partition busy held open (mounted),
 * and a map that is none of them named other. */
static struct fdev *parts(unsigned int n, unsigned int busy, const char *other)
{
	struct dm_target t = { 0, 8, "linear", "8:0 0" };
	char name[32];
	struct fdev *f;
	unsigned int i;
	dev_t dev;

	reset();
	for (i = 1; i <= n; i++)
		add(i, 2048 + 8192 * (i - 1), 4096, "-part");
	dm_create(&ctx, other, "LVM-x", &t, 1, 0, &dev);
	snprintf(name, sizeof(name), "mpatha-part%u", busy);
	f = dev_named(name);
	f->open_count = 1;
	return f;
}

static void t_sweep(void)
{
	struct fdev *busy = parts(3, 3, "other");

	memset(&keep, 0, sizeof(keep));
	keep.n = 1;
	keep.slice[0].num = 1;
	EXPECT_INT(pm_sweep(&ctx, &par, &keep, NULL, NULL), -EBUSY, "sweep-busy-reported");
	EXPECT_INT(dev_named("mpatha-part1") != NULL, 1, "sweep-keeps-asked");
	EXPECT_INT(dev_named("mpatha-part2") == NULL, 1, "sweep-removes-ours");
	EXPECT_INT(dev_named("mpatha-part3") != NULL, 1, "sweep-keeps-in-use");
	EXPECT_INT(dev_named("other") != NULL && dev_named("mpatha") != NULL, 1,
		   "sweep-leaves-others");
	busy->open_count = 0;
	EXPECT_INT(pm_sweep(&ctx, &par, NULL, NULL, NULL), 0, "sweep-all");
	EXPECT_INT(!dev_named("mpatha-part1") && !dev_named("mpatha-part3") &&
		   dev_named("mpatha"), 1, "sweep-all");
	UNIT_PASS("sweep");
}

/* The map is renamed: its partition maps follow (one RENAME each, in
 * use or not, UUID kept); a map with its name as a prefix that is not
 * one of its partitions stays as it is. */
static void t_parent_rename(void)
{
	parts(2, 2, "mpatha-lv");
	calls[0] = '\0';
	EXPECT_INT(pm_rename(&ctx, par.dev, par.uuid, "mpatha", "mpathc"), 0, "prename");
	EXPECT_INT(dev_named("mpathc-part1") && dev_named("mpathc-part2") &&
		   !dev_named("mpatha-part1") && !dev_named("mpatha-part2"), 1,
		   "prename-parts-follow");
	EXPECT_STR(dev_named("mpathc-part2") ? dev_named("mpathc-part2")->uuid : "",
		   "part2-mpath-3600a", "prename-uuid-kept");
	EXPECT_INT(dev_named("mpatha-lv") != NULL && dev_named("mpatha") != NULL, 1,
		   "prename-others-stay");
	EXPECT_INT(strstr(calls, "REMOVE") == NULL && strstr(calls, "CREATE") == NULL, 1,
		   "prename-not-remade");
	UNIT_PASS("parent-rename");
}

int main(void)
{
	unit_suite = "partmap";
	t_add();
	t_foreign();
	t_rename();
	t_sweep();
	t_parent_rename();
	return UNIT_DONE();
}
