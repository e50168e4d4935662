/* Prioritisers (src/lib/parse/prio.c).  Invariants: multipath-tools' values
 * (active/optimized 50, non-optimized 10, lba-dependent 5, standby 1,
 * else 0; +80 for a preferred port that is not optimized, or always with
 * exclusive_pref_bit); the target port group is read from VPD 0x83 and
 * its state from REPORT TARGET PORT GROUPS data byte by byte as SPC-4
 * lays them out; hostile lengths never read past the buffer;
 * detect_prio picks sysfs/alua for a TPGS LU only; scsi_dh_alua's
 * "active/optimized" without a preferred bit (its value before its
 * first RTPG) is doubted and confirmed by RTPG, and the RTPG's answer
 * wins when there is one; multipathd sees a sysfs priority move when
 * the text or the preferred bit changes, never for const/weightedpath. */
#include <errno.h>
#include <string.h>

#include "conf.h"
#include "prio.h"
#include "prio_io.h"
#include "sg_batch.h"
#include "unit.h"

static void t_values(void)
{
	EXPECT_INT(mp_prio_aas(0, 0, 0), 50, "values");
	EXPECT_INT(mp_prio_aas(1, 0, 0), 10, "values");
	EXPECT_INT(mp_prio_aas(2, 0, 0), 1, "values");
	EXPECT_INT(mp_prio_aas(3, 0, 0), 0, "values");
	EXPECT_INT(mp_prio_aas(4, 0, 0), 5, "values");
	EXPECT_INT(mp_prio_aas(0xe, 0, 0), 0, "values");
	EXPECT_INT(mp_prio_aas(0xf, 0, 0), 0, "values");
	EXPECT_INT(mp_prio_aas(0, 1, 0), 50, "values");
	EXPECT_INT(mp_prio_aas(0, 1, 1), 130, "values");
	EXPECT_INT(mp_prio_aas(1, 1, 0), 90, "values");
	EXPECT_INT(mp_prio_sysfs("active/optimized", 0, 0), 50, "values");
	EXPECT_INT(mp_prio_sysfs("active/non-optimized", 1, 0), 90, "values");
	EXPECT_INT(mp_prio_sysfs("standby", -1, 0), 1, "values");
	EXPECT_INT(mp_prio_sysfs("unavailable", 0, 0), 0, "values");
	EXPECT_INT(mp_prio_sysfs("transitioning", 0, 0), 0, "values");
	EXPECT_INT(mp_prio_sysfs("", 0, 0), MP_PRIO_UNDEF, "values");
	UNIT_PASS("values");
}

static void t_vpd_tpg(void)
{
	/* NAA designator, relative target port (type 4), target port
	 * group (type 5, association target port) = 0x0102 */
	static const uint8_t pg[] = {
		0x00, 0x83, 0x00, 0x1c,
		0x01, 0x03, 0x00, 0x08, 0x60, 0x01, 0x40, 0x50, 0x00, 0x00, 0x00, 0x01,
		0x01, 0x14, 0x00, 0x04, 0x00, 0x00, 0x00, 0x02,
		0x01, 0x15, 0x00, 0x04, 0x00, 0x00, 0x01, 0x02,
	};
	uint8_t bad[sizeof(pg)];

	EXPECT_INT(vpd_pg83_tpg(pg, sizeof(pg)), 0x102, "vpd-tpg");
	/* cut short: the group descriptor is not whole */
	EXPECT_INT(vpd_pg83_tpg(pg, sizeof(pg) - 1), -1, "vpd-tpg");
	memcpy(bad, pg, sizeof(pg));
	bad[3] = 0xff; /* page length past the buffer */
	EXPECT_INT(vpd_pg83_tpg(bad, sizeof(bad)), 0x102, "vpd-tpg");
	bad[27] = 0xff; /* descriptor length past the end */
	EXPECT_INT(vpd_pg83_tpg(bad, sizeof(bad)), -1, "vpd-tpg");
	bad[1] = 0x80; /* not page 0x83 */
	EXPECT_INT(vpd_pg83_tpg(bad, sizeof(bad)), -1, "vpd-tpg");
	UNIT_PASS("vpd-tpg");
}

static void t_rtpg(void)
{
	/* two groups: 1 active/optimized with 1 port, 2 standby preferred
	 * with 2 ports */
	static const uint8_t d[] = {
		0x00, 0x00, 0x00, 0x1c,
		0x00, 0x0f, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
		0x00, 0x00, 0x00, 0x01,
		0x82, 0x0f, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02,
		0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x03,
	};
	int st;

	EXPECT_INT(mp_rtpg_state(d, sizeof(d), 1), 0x00, "rtpg");
	st = mp_rtpg_state(d, sizeof(d), 2);
	EXPECT_INT(st, 0x82, "rtpg");
	EXPECT_INT(mp_prio_aas((unsigned int)st & 0xf, st & 0x80, 0), 81, "rtpg");
	EXPECT(mp_rtpg_state(d, sizeof(d), 3) < 0, "rtpg", "group 3");
	EXPECT(mp_rtpg_state(d, 20, 2) < 0, "rtpg", "truncated");
	EXPECT(mp_rtpg_state(d, 3, 1) < 0, "rtpg", "no header");
	UNIT_PASS("rtpg");
}

static void t_select(void)
{
	struct mp_eff e;
	struct mp_path p;

	memset(&p, 0, sizeof(p));
	p.wwid = p.state = p.dh = p.access_state = p.prio_name = "";
	mp_conf_resolve(NULL, "Linux", "scsi_debug", "", "w", &e);
	EXPECT_STR(mp_prio_select(&e, &p), "const", "select");
	p.tpgs = 1;
	EXPECT_STR(mp_prio_select(&e, &p), "alua", "select");
	p.access_state = "standby";
	EXPECT_STR(mp_prio_select(&e, &p), "sysfs", "select");
	mp_path_prio(&p, &e, "/nonexistent", NULL);
	EXPECT_INT(p.prio, 1, "select");
	e.s.detect_prio = MP_NO;
	EXPECT_STR(mp_prio_select(&e, &p), "const", "select");
	/* weightedpath */
	e.s.prio = "weightedpath";
	e.s.prio_args = "hbtl 1:0:0:.* 7 2:.:.:. 3";
	p.host = 2;
	mp_path_prio(&p, &e, "/nonexistent", NULL);
	EXPECT_INT(p.prio, 3, "select");
	e.s.prio_args = "devname ^sdb$ 9";
	strcpy(p.dev, "sdb");
	mp_path_prio(&p, &e, "/nonexistent", NULL);
	EXPECT_INT(p.prio, 9, "select");
	UNIT_PASS("select");
}

/* One RTPG answer serves the next paths of its LU, never another LU's. */
static void t_rtpg_cache(void)
{
	/* two port groups: 1 standby, 2 active/non-optimized + pref */
	static const uint8_t ans[] = { 0, 0, 0, 24,
		0x02, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1,
		0x81, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2 };
	struct mp_rtpg_cache c = { 0 };
	struct mp_eff e;
	struct mp_path p;

	memset(&p, 0, sizeof(p));
	p.wwid = p.state = p.dh = p.access_state = p.prio_name = "";
	mp_conf_resolve(NULL, "Linux", "scsi_debug", "", "w", &e);
	e.s.prio = "alua";
	e.s.detect_prio = MP_NO;
	memcpy(c.buf, ans, sizeof(ans));
	c.len = sizeof(ans);
	c.wwid = "3600a";
	p.wwid = "3600a";
	strcpy(p.dev, "sdq");
	p.tpg = 1;
	mp_path_prio(&p, &e, "/nonexistent", &c);
	EXPECT_INT(p.prio, 1, "rtpg-cache");
	EXPECT_STR(p.prio_name, "alua", "rtpg-cache");
	p.tpg = 2;
	mp_path_prio(&p, &e, "/nonexistent", &c);
	EXPECT_INT(p.prio, 90, "rtpg-cache");
	/* a group the answer lacks: the device is asked (none here) */
	p.tpg = 3;
	mp_path_prio(&p, &e, "/nonexistent", &c);
	EXPECT_INT(p.prio, MP_PRIO_UNDEF, "rtpg-cache");
	/* another LU: not from this answer */
	p.tpg = 2;
	p.wwid = "3600b";
	mp_path_prio(&p, &e, "/nonexistent", &c);
	EXPECT_INT(p.prio, MP_PRIO_UNDEF, "rtpg-cache");
	/* and a doubted sysfs state reads it too */
	p.wwid = "3600a";
	p.tpgs = 1;
	p.pref = 0;
	p.access_state = "active/optimized";
	e.s.prio = "sysfs";
	mp_path_prio(&p, &e, "/nonexistent", &c);
	EXPECT_INT(p.prio, 90, "rtpg-cache");
	UNIT_PASS("rtpg-cache");
}

/* `multipath`'s RTPGs at once (mp_rtpg_all's next and done): a command
 * to each path that asks, in order, none to the others; each path's
 * state from its own answer, -1 when its group is missing or the
 * command failed; a path whose sg node could not be opened is left
 * asking (SG_IO later). */
static void t_rtpg_run(void)
{
	/* group 1 standby, group 2 active/non-optimized + pref */
	static const uint8_t both[] = { 0, 0, 0, 24,
		0x02, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1,
		0x81, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2 };
	static const int tpg[5] = { 1, 2, 3, 1, 2 };
	struct mp_path p[5], *pp[5];
	int st[5] = { MP_ALUA_ASK, MP_ALUA_ASK, MP_ALUA_ASK, -3, MP_ALUA_ASK };
	struct mp_rtpg_run u = { pp, st, 5, 0, both, NULL };
	const char *dev;
	int i;

	for (i = 0; i < 5; i++) {
		memset(&p[i], 0, sizeof(p[i]));
		p[i].tpg = tpg[i];
		p[i].dev[0] = (char)('a' + i);
		pp[i] = &p[i];
	}
	/* ids: the path's place, shifted over the command's bit */
#define ID(i, c) ((int)(i) << 2 | (c))
	EXPECT_INT((int)mp_rtpg_next(&u, &dev), ID(0, SG_BATCH_CMD), "rtpg-run");
	EXPECT_INT(dev[0], 'a', "rtpg-run");
	EXPECT_INT((int)mp_rtpg_next(&u, &dev), ID(1, SG_BATCH_CMD), "rtpg-run");
	EXPECT_INT((int)mp_rtpg_next(&u, &dev), ID(2, SG_BATCH_CMD), "rtpg-run");
	/* d asks nothing */
	EXPECT_INT((int)mp_rtpg_next(&u, &dev), ID(4, SG_BATCH_CMD), "rtpg-run");
	EXPECT_INT(dev[0], 'e', "rtpg-run");
	EXPECT_INT((int)mp_rtpg_next(&u, &dev), -1, "rtpg-run");
	/* answers in any order */
	mp_rtpg_done(&u, ID(1, SG_BATCH_CMD), (int)sizeof(both));
	mp_rtpg_done(&u, ID(0, SG_BATCH_CMD), (int)sizeof(both));
	mp_rtpg_done(&u, ID(2, SG_BATCH_CMD), (int)sizeof(both));
	mp_rtpg_done(&u, ID(4, SG_BATCH_CMD), -ENOENT);
	EXPECT_INT(st[0], 0x02, "rtpg-run");
	EXPECT_INT(st[1], 0x81, "rtpg-run");
	EXPECT_INT(st[2], -1, "rtpg-run"); /* group 3 not listed */
	EXPECT_INT(st[3], -3, "rtpg-run");
	EXPECT_INT(st[4], MP_ALUA_ASK, "rtpg-run");
	mp_rtpg_done(&u, ID(4, SG_BATCH_CMD), -EIO);
	EXPECT_INT(st[4], -1, "rtpg-run");
	/* an answer shorter than its header, or cut by the length */
	st[0] = MP_ALUA_ASK;
	mp_rtpg_done(&u, ID(0, SG_BATCH_CMD), 3);
	EXPECT_INT(st[0], -1, "rtpg-run");
	st[1] = MP_ALUA_ASK;
	mp_rtpg_done(&u, ID(1, SG_BATCH_CMD), 20);
	EXPECT_INT(st[1], -1, "rtpg-run");
	UNIT_PASS("rtpg-run");
}

/* -ll (mp_rtpg_all with tur): every path gets a TEST UNIT READY on the
 * fd of its RTPG, in one id with both bits, or alone where it asks no
 * RTPG; each answer lands in its own place, a TUR never in st. */
static void t_rtpg_tur(void)
{
	static const uint8_t one[] = { 0, 0, 0, 8, 0x01, 0, 0, 1, 0, 0, 0, 0 };
	struct mp_path p[3], *pp[3];
	int st[3] = { MP_ALUA_ASK, -3, MP_ALUA_ASK };
	char tur[3] = { 'x', 'x', 'x' };
	struct mp_rtpg_run u = { pp, st, 3, 0, one, tur };
	const char *dev;
	int i;

	for (i = 0; i < 3; i++) {
		memset(&p[i], 0, sizeof(p[i]));
		p[i].tpg = 1;
		p[i].dev[0] = (char)('a' + i);
		pp[i] = &p[i];
	}
	EXPECT_INT((int)mp_rtpg_next(&u, &dev), ID(0, SG_BATCH_CMD | SG_BATCH_TUR), "rtpg-tur");
	EXPECT_INT((int)mp_rtpg_next(&u, &dev), ID(1, SG_BATCH_TUR), "rtpg-tur");
	EXPECT_INT(dev[0], 'b', "rtpg-tur");
	EXPECT_INT((int)mp_rtpg_next(&u, &dev), ID(2, SG_BATCH_CMD | SG_BATCH_TUR), "rtpg-tur");
	EXPECT_INT((int)mp_rtpg_next(&u, &dev), -1, "rtpg-tur");
	mp_rtpg_done(&u, ID(0, SG_BATCH_TUR), 0);
	mp_rtpg_done(&u, ID(1, SG_BATCH_TUR), -EIO);
	mp_rtpg_done(&u, ID(2, SG_BATCH_TUR), -ENOENT); /* no sg node */
	mp_rtpg_done(&u, ID(0, SG_BATCH_CMD), (int)sizeof(one));
	EXPECT_INT(tur[0], 'r', "rtpg-tur");
	EXPECT_INT(tur[1], 'f', "rtpg-tur");
	EXPECT_INT(tur[2], 0, "rtpg-tur");
	EXPECT_INT(st[0], 0x01, "rtpg-tur");
	EXPECT_INT(st[1], -3, "rtpg-tur");
	EXPECT_INT(st[2], MP_ALUA_ASK, "rtpg-tur");
	UNIT_PASS("rtpg-tur");
}

static void t_doubt_moved(void)
{
	struct mp_eff e;
	struct mp_path p;

	EXPECT_INT(mp_prio_sysfs_doubt("active/optimized", 0), 1, "doubt");
	EXPECT_INT(mp_prio_sysfs_doubt("active/optimized", -1), 1, "doubt");
	EXPECT_INT(mp_prio_sysfs_doubt("active/optimized", 1), 0, "doubt");
	EXPECT_INT(mp_prio_sysfs_doubt("standby", 0), 0, "doubt");
	EXPECT_INT(mp_prio_sysfs_doubt("active/non-optimized", 0), 0, "doubt");
	EXPECT_INT(mp_prio_sysfs_doubt("", 0), 0, "doubt");

	memset(&p, 0, sizeof(p));
	p.wwid = p.state = p.dh = p.access_state = p.prio_name = "";
	mp_conf_resolve(NULL, "Linux", "scsi_debug", "", "w", &e);
	p.tpgs = 1;
	p.tpg = 1;
	p.pref = 0;
	strcpy(p.dev, "sdq");
	p.access_state = "active/optimized";
	/* no device to ask: the kernel's text stands */
	mp_path_prio(&p, &e, "/nonexistent", NULL);
	EXPECT_STR(p.prio_name, "sysfs", "moved");
	EXPECT_INT(p.prio, 50, "moved");
	EXPECT_INT(mp_prio_moved(&p, "active/optimized", 0, "/nonexistent"), 0, "moved");
	EXPECT_INT(mp_prio_moved(&p, "standby", 0, "/nonexistent"), 1, "moved");
	EXPECT_INT(mp_prio_moved(&p, "active/optimized", 1, "/nonexistent"), 1, "moved");
	EXPECT_INT(mp_prio_moved(&p, "", -1, "/nonexistent"), 1, "moved");
	p.prio_name = "const";
	EXPECT_INT(mp_prio_moved(&p, "standby", 0, "/nonexistent"), 0, "moved");
	p.prio_name = "weightedpath";
	EXPECT_INT(mp_prio_moved(&p, "standby", 0, "/nonexistent"), 0, "moved");
	/* alua with no device to ask: no news is no move */
	p.prio_name = "alua";
	EXPECT_INT(mp_prio_moved(&p, "standby", 0, "/nonexistent"), 0, "moved");
	UNIT_PASS("doubt-moved");
}

int main(void)
{
	unit_suite = "prio";
	t_values();
	t_vpd_tpg();
	t_rtpg();
	t_select();
	t_doubt_moved();
	t_rtpg_cache();
	t_rtpg_run();
	t_rtpg_tur();
	return UNIT_DONE();
}
