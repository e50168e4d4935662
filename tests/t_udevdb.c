/* Host tests of the udev database entries mpinit leaves at hand-over
 * (src/mpinit/udevdb.c).
 *
 * Invariants: a map's entry carries exactly what 55-dm.rules imports from
 * the database to accept a coldplug "add" (DM_UDEV_PRIMARY_SOURCE_FLAG=1,
 * DM_UDEV_RULES_VSN=2) and the map's name and UUID; a multipath map is
 * also ready for multipath-tools (MPATH_DEVICE_READY=1), a partition map is
 * not marked so; a member path is marked as multipath-tools marks one; a
 * name or UUID that would break the line format is refused; a short buffer
 * is an error, never a truncated entry. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../src/mpinit/udevdb.h"
#include "unit.h"

static void t_map(void)
{
	char b[1024];

	EXPECT_INT(udevdb_format(b, sizeof(b), UDEVDB_MAP, "35000c50015ea7100",
				 "mpath-35000c50015ea7100", 4020000), 0, "map");
	EXPECT_STR(b,
		   "I:4020000\n"
		   "E:DM_UDEV_PRIMARY_SOURCE_FLAG=1\n"
		   "E:DM_UDEV_RULES=1\n"
		   "E:DM_UDEV_RULES_VSN=2\n"
		   "E:DM_ACTIVATION=1\n"
		   "E:DM_NAME=35000c50015ea7100\n"
		   "E:DM_UUID=mpath-35000c50015ea7100\n"
		   "E:DM_SUSPENDED=0\n"
		   "E:MPATH_DEVICE_READY=1\n"
		   "E:SYSTEMD_READY=1\n"
		   "G:systemd\nQ:systemd\nV:1\n", "map");
	UNIT_PASS("map");
}

static void t_part(void)
{
	char b[1024];

	EXPECT_INT(udevdb_format(b, sizeof(b), UDEVDB_PART, "mpatha-part5",
				 "part5-mpath-3600a", 1), 0, "part");
	EXPECT(strstr(b, "E:DM_UDEV_PRIMARY_SOURCE_FLAG=1\n"), "part", "%s", b);
	EXPECT(strstr(b, "E:DM_NAME=mpatha-part5\nE:DM_UUID=part5-mpath-3600a\n"), "part", "%s", b);
	EXPECT(!strstr(b, "MPATH_DEVICE_READY"), "part", "partition marked as multipath map");
	UNIT_PASS("part");
}

static void t_member(void)
{
	char b[256];

	EXPECT_INT(udevdb_format(b, sizeof(b), UDEVDB_MEMBER, NULL, NULL, 7), 0, "member");
	EXPECT_STR(b, "I:7\nE:DM_MULTIPATH_DEVICE_PATH=1\nE:ID_FS_TYPE=mpath_member\n"
		      "E:SYSTEMD_READY=0\nG:systemd\nQ:systemd\nV:1\n", "member");
	UNIT_PASS("member");
}

static void t_hostile(void)
{
	char b[1024];

	/* a DM name may hold any byte but '/': a newline would forge lines */
	EXPECT_INT(udevdb_format(b, sizeof(b), UDEVDB_MAP, "x\nE:SYSTEMD_READY=0", "mpath-x", 1),
		   -EINVAL, "hostile-name");
	EXPECT_INT(udevdb_format(b, sizeof(b), UDEVDB_PART, "x", "part1-mpath-\x7f", 1),
		   -EINVAL, "hostile-name");
	EXPECT_INT(udevdb_format(b, sizeof(b), UDEVDB_MAP, "x\t", "mpath-x", 1), -EINVAL,
		   "hostile-name");
	UNIT_PASS("hostile-name");
	EXPECT_INT(udevdb_format(b, 64, UDEVDB_MAP, "x", "mpath-x", 1), -ENOSPC, "short-buffer");
	EXPECT_INT(udevdb_format(b, 16, UDEVDB_MEMBER, NULL, NULL, 1), -ENOSPC, "short-buffer");
	UNIT_PASS("short-buffer");
}

static int put_file(const char *root, const char *rel, const char *text)
{
	char p[256], *s;
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	mkdir(root, 0755);
	for (s = p + strlen(root) + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		mkdir(p, 0755);
		*s = '/';
	}
	f = fopen(p, "w");
	if (!f)
		return -1;
	fputs(text, f);
	return fclose(f);
}

/* #24.13: a map whose name holds a control character is skipped with a
 * line, and the step still succeeds for the others -- whichever order
 * readdir gives (the bad map alone, then with a good one). */
static void t_write_all_skips(void)
{
	char root[] = "/tmp/t_udevdb.XXXXXX", sys[64], data[64], p[128];
	struct stat st;

	EXPECT(mkdtemp(root), "skip-bad-map", "mkdtemp");
	snprintf(sys, sizeof(sys), "%s/sys", root);
	snprintf(data, sizeof(data), "%s/data", root);
	EXPECT(!put_file(sys, "block/dm-0/dm/uuid", "mpath-3600a\n") &&
	       !put_file(sys, "block/dm-0/dm/name", "esc\033[31m\n") &&
	       !put_file(sys, "block/dm-0/dev", "254:0\n"), "skip-bad-map", "setup");
	EXPECT(mkdir(data, 0755) == 0, "skip-bad-map", "mkdir");
	EXPECT_INT(udevdb_write_all(sys, data), 0, "skip-bad-map");
	EXPECT(!put_file(sys, "block/dm-1/dm/uuid", "mpath-3600b\n") &&
	       !put_file(sys, "block/dm-1/dm/name", "mpathb\n") &&
	       !put_file(sys, "block/dm-1/dev", "254:1\n") &&
	       !put_file(sys, "block/dm-1/slaves/.none", ""), "skip-bad-map", "setup");
	EXPECT_INT(udevdb_write_all(sys, data), 1, "skip-bad-map");
	snprintf(p, sizeof(p), "%s/b254:1", data);
	EXPECT(!stat(p, &st), "skip-bad-map", "no entry for the good map");
	snprintf(p, sizeof(p), "%s/b254:0", data);
	EXPECT(stat(p, &st), "skip-bad-map", "an entry for the bad map");
	snprintf(p, sizeof(p), "rm -rf %s", root);
	EXPECT(!system(p), "skip-bad-map", "cleanup");
	UNIT_PASS("skip-bad-map");
}

int main(void)
{
	unit_suite = "udevdb";
	t_map();
	t_part();
	t_member();
	t_hostile();
	t_write_all_skips();
	return UNIT_DONE();
}
