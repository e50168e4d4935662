/* Host tests of src/lib/dev/scsi.c discovery against a fake sysfs tree.
 *
 * Invariants: only sd<letters> disks are listed; H:B:T:L comes from the
 * device link's last component; maj:min and size from the disk; the WWID
 * from device/vpd_pg83; a disk without a usable page is listed with an
 * empty WWID and the reason in err (never dropped silently, never given a
 * made-up WWID); dh_state "detached" means no handler; the serial and node
 * name are read only when asked for; an LU's vendor, model and revision
 * are read from its first path only, so all its paths show the same. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scsi.h"
#include "unit.h"

static char root[128];

static void put(const char *rel, const void *data, size_t len)
{
	unit_put_file(root, rel, data, len);
}

static void puts_attr(const char *rel, const char *text)
{
	put(rel, text, strlen(text));
}

static void mkdirs(const char *rel)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "mkdir -p '%s/%s'", root, rel);
	if (system(cmd))
		exit(1);
}

/* One disk: /block/NAME -> device link to devices/hostH/H:B:T:L. */
static void disk(const char *name, const char *hbtl, const char *devno,
		 const uint8_t *pg83, size_t len83, const char *dh)
{
	char rel[256], target[256], link[512];

	snprintf(rel, sizeof(rel), "devices/%s", hbtl);
	mkdirs(rel);
	snprintf(rel, sizeof(rel), "block/%s", name);
	mkdirs(rel);
	snprintf(rel, sizeof(rel), "block/%s/dev", name);
	puts_attr(rel, devno);
	snprintf(rel, sizeof(rel), "block/%s/size", name);
	puts_attr(rel, "131072\n");
	snprintf(target, sizeof(target), "../../devices/%s", hbtl);
	snprintf(link, sizeof(link), "%s/block/%s/device", root, name);
	if (symlink(target, link))
		exit(1);
	snprintf(rel, sizeof(rel), "devices/%s/vendor", hbtl);
	puts_attr(rel, "QEMU    \n");
	snprintf(rel, sizeof(rel), "devices/%s/model", hbtl);
	puts_attr(rel, "QEMU HARDDISK   \n");
	snprintf(rel, sizeof(rel), "devices/%s/rev", hbtl);
	puts_attr(rel, "2.5+\n");
	snprintf(rel, sizeof(rel), "devices/%s/state", hbtl);
	puts_attr(rel, "running\n");
	if (pg83) {
		snprintf(rel, sizeof(rel), "devices/%s/vpd_pg83", hbtl);
		put(rel, pg83, len83);
	}
	if (dh) {
		snprintf(rel, sizeof(rel), "devices/%s/dh_state", hbtl);
		puts_attr(rel, dh);
	}
}

static const uint8_t naa[] = { 0, 0x83, 0, 12, 1, 3, 0, 8,
			       0x50, 0x00, 0xc5, 0x00, 0x15, 0xea, 0x71, 0x00 };
static const uint8_t pg80[] = { 0, 0x80, 0, 10, 'M', 'P', 'B', 'O', 'O',
				'T', '-', 'L', 'U', '0' };

static int by_dev(const void *a, const void *b)
{
	return strcmp(((const struct mp_path *)a)->dev, ((const struct mp_path *)b)->dev);
}

static void make_tree(void)
{
	mkdirs("block");
	disk("sda", "host0/0:0:0:0", "8:0\n", naa, sizeof(naa), "detached\n");
	disk("sdb", "host1/1:0:2:17", "8:16\n", naa, sizeof(naa), "alua\n");
	/* sda's LU: its strings are read from whichever path came first */
	puts_attr("devices/host1/1:0:2:17/rev", "2.6\n");
	disk("sdc", "host2/2:0:0:1", "8:32\n", NULL, 0, NULL);
	disk("sdd", "host3/3:0:0:0", "8:48\n", naa, 3, NULL);
	mkdirs("block/sr0");
	mkdirs("block/sda1");
	mkdirs("block/dm-0");
	put("devices/host0/0:0:0:0/vpd_pg80", pg80, sizeof(pg80));
	mkdirs("devices/host0/fc_transport/target0:0:0");
	puts_attr("devices/host0/fc_transport/target0:0:0/node_name", "0x500a098188fe5ac9\n");
}

static void t_scan(void)
{
	static struct scsi_scan s;
	int r;

	s.sysfs = root;
	s.devdir = NULL; /* no SG_IO fallback on the host */
	r = scsi_scan_all(&s, SCSI_SCAN_IDS | SCSI_SCAN_SERIAL | SCSI_SCAN_NODE |
				      SCSI_SCAN_STRINGS);
	EXPECT_INT(r, 0, "scan-lists-sd-only");
	EXPECT_INT(s.n, 4, "scan-lists-sd-only");
	UNIT_PASS("scan-lists-sd-only");
	qsort(s.paths, s.n, sizeof(*s.paths), by_dev);

	EXPECT_STR(s.paths[0].wwid, "35000c50015ea7100", "sda-wwid");
	EXPECT_INT(s.paths[0].maj, 8, "sda-wwid");
	EXPECT_INT(s.paths[0].min, 0, "sda-wwid");
	EXPECT_INT(s.paths[0].size, 131072, "sda-wwid");
	UNIT_PASS("sda-wwid");
	EXPECT_STR(s.paths[0].vendor, "QEMU", "sda-strings");
	EXPECT_STR(s.paths[0].model, "QEMU HARDDISK", "sda-strings");
	EXPECT_STR(s.paths[0].state, "running", "sda-strings");
	UNIT_PASS("sda-strings");
	EXPECT_STR(s.paths[0].dh, "", "dh-detached");
	UNIT_PASS("dh-detached");
	EXPECT_STR(s.paths[0].serial, "MPBOOT-LU0", "serial-pg80");
	UNIT_PASS("serial-pg80");
	EXPECT_STR(s.paths[0].node, "0x500a098188fe5ac9", "fc-node-name");
	UNIT_PASS("fc-node-name");

	EXPECT_INT(s.paths[1].host, 1, "hbtl");
	EXPECT_INT(s.paths[1].channel, 0, "hbtl");
	EXPECT_INT(s.paths[1].target, 2, "hbtl");
	EXPECT_INT(s.paths[1].lun, 17, "hbtl");
	UNIT_PASS("hbtl");
	/* an LU's INQUIRY strings: read once, from its first path */
	EXPECT_STR(s.paths[1].rev, s.paths[0].rev, "lu-strings-once");
	EXPECT(!strcmp(s.paths[0].rev, "2.5+") || !strcmp(s.paths[0].rev, "2.6"),
	       "lu-strings-once", "rev %s", s.paths[0].rev);
	UNIT_PASS("lu-strings-once");
	EXPECT_STR(s.paths[1].dh, "alua", "dh-alua");
	UNIT_PASS("dh-alua");
	EXPECT_STR(s.paths[1].serial, "", "serial-missing");
	EXPECT_STR(s.paths[1].node, "", "serial-missing");
	UNIT_PASS("serial-missing");

	EXPECT_STR(s.paths[2].wwid, "", "no-vpd-no-wwid");
	EXPECT_INT(s.paths[2].err, -ENOENT, "no-vpd-no-wwid");
	UNIT_PASS("no-vpd-no-wwid");
	EXPECT_STR(s.paths[3].wwid, "", "short-vpd-no-wwid");
	EXPECT(s.paths[3].err < 0, "short-vpd-no-wwid", "err %d", s.paths[3].err);
	UNIT_PASS("short-vpd-no-wwid");
	scsi_scan_free(&s);
}

static void t_single(void)
{
	static struct str_pool pool;
	struct mp_path p;
	int r;

	/* Without the optional flags, nothing optional is read. */
	r = scsi_path_info(root, NULL, "sda", SCSI_SCAN_IDS, &p, &pool);
	EXPECT_INT(r, 0, "lazy-fields");
	EXPECT_STR(p.wwid, "35000c50015ea7100", "lazy-fields");
	EXPECT_STR(p.serial, "", "lazy-fields");
	EXPECT_STR(p.node, "", "lazy-fields");
	EXPECT_STR(p.vendor, "", "lazy-fields");
	EXPECT_INT(scsi_path_strings(root, &p, &pool), 0, "lazy-fields");
	EXPECT_STR(p.vendor, "QEMU", "lazy-fields");
	UNIT_PASS("lazy-fields");
	/* #24.13: the device's own strings carry no control byte out */
	puts_attr("devices/host0/0:0:0:0/model", "QE\033[2J\001MU\n");
	EXPECT_INT(scsi_path_strings(root, &p, &pool), 0, "strings-no-control");
	EXPECT_STR(p.model, "QE?[2J?MU", "strings-no-control");
	puts_attr("devices/host0/0:0:0:0/model", "QEMU HARDDISK   \n");
	UNIT_PASS("strings-no-control");
	r = scsi_path_info(root, NULL, "sda", 0, &p, &pool);
	EXPECT_INT(r, 0, "list-scan-no-ids");
	EXPECT_STR(p.wwid, "", "list-scan-no-ids");
	EXPECT_INT(p.host, 0, "list-scan-no-ids");
	UNIT_PASS("list-scan-no-ids");
	EXPECT_INT(scsi_path_info(root, NULL, "sdz", SCSI_SCAN_IDS, &p, &pool), -ENOENT,
		   "missing-disk");
	UNIT_PASS("missing-disk");
	/* -ll's scan: the WWID, no size, no handler (sdb has "alua") */
	r = scsi_path_info(root, NULL, "sdb", SCSI_SCAN_IDS | SCSI_SCAN_LIST, &p, &pool);
	EXPECT_INT(r, 0, "list-no-size-no-dh");
	EXPECT_STR(p.wwid, "35000c50015ea7100", "list-no-size-no-dh");
	EXPECT_INT(p.size, 0, "list-no-size-no-dh");
	EXPECT_STR(p.dh, "", "list-no-size-no-dh");
	EXPECT_INT(p.min, 16, "list-no-size-no-dh");
	UNIT_PASS("list-no-size-no-dh");
	str_pool_free(&pool);
}

/* scsi_dh_alua's two attributes: the kernel shows both or neither, so
 * preferred_path is read only after an access_state (a preferred_path
 * alone, which no kernel shows, is not looked at). */
static void t_alua_attrs(void)
{
	static struct str_pool pool;
	const unsigned int w = SCSI_SCAN_IDS | SCSI_SCAN_ALUA;
	struct mp_path p;

	puts_attr("devices/host0/0:0:0:0/preferred_path", "1\n");
	EXPECT_INT(scsi_path_info(root, NULL, "sda", w, &p, &pool), 0, "alua-attrs");
	EXPECT_STR(p.access_state, "", "alua-attrs");
	EXPECT_INT(p.pref, -1, "alua-attrs");
	puts_attr("devices/host0/0:0:0:0/access_state", "standby\n");
	EXPECT_INT(scsi_path_info(root, NULL, "sda", w, &p, &pool), 0, "alua-attrs");
	EXPECT_STR(p.access_state, "standby", "alua-attrs");
	EXPECT_INT(p.pref, 1, "alua-attrs");
	UNIT_PASS("alua-attrs");
	str_pool_free(&pool);
}

/* The scan's string pool: values stay where they were put while more
 * blocks are added, a recurring value is stored once, "" costs nothing,
 * a value longer than a block gets a block of its own. */
static void t_pool(void)
{
	static struct str_pool pool;
	const char *first, *s, *big_at;
	char buf[64], big[6000];
	unsigned int i;

	EXPECT_STR(str_pool_add(&pool, ""), "", "pool");
	EXPECT_INT(pool.head == NULL, 1, "pool-empty-costs-nothing");
	first = str_pool_add(&pool, "3600a098038303053453f463045736e41");
	EXPECT_INT(str_pool_add(&pool, "3600a098038303053453f463045736e41") == first, 1,
		   "pool-dedup");
	for (i = 0; i < 2000; i++) {
		snprintf(buf, sizeof(buf), "36001405%024u", i);
		s = str_pool_add(&pool, buf);
		EXPECT_INT(s != NULL && !strcmp(s, buf), 1, "pool-add");
	}
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	big_at = str_pool_add(&pool, big);
	EXPECT_INT(big_at && strlen(big_at) == sizeof(big) - 1, 1, "pool-big");
	EXPECT_STR(first, "3600a098038303053453f463045736e41", "pool-stable");
	str_pool_free(&pool);
	EXPECT_INT(pool.head == NULL, 1, "pool-free");
	UNIT_PASS("pool");
}

int main(void)
{
	char cmd[200];

	unit_suite = "scsi";
	snprintf(root, sizeof(root), "/tmp/mpboot-t_scsi.%d", (int)getpid());
	make_tree();
	t_scan();
	t_single();
	t_alua_attrs();
	t_pool();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd)) {
		/* best effort */
	}
	return UNIT_DONE();
}
