/* Host tests of src/lib/engine/tmo.c: the transport timeouts written when a map
 * is loaded.
 *
 * Invariants (multipath-tools 0.9.4's sysfs_set_scsi_tmo and friends):
 * nothing is written when dev_loss_tmo and fast_io_fail_tmo are unset
 * (a dev_loss_tmo of 0 is unset); a set dev_loss_tmo is raised to
 * no_path_retry * polling_interval, and to 4294967295 (infinity) when
 * queueing or when that product overflows; a fast_io_fail_tmo not below
 * dev_loss_tmo is "off"; FC: when fast_io_fail_tmo is not below the
 * rport's current dev_loss_tmo, dev_loss_tmo is first raised to
 * fast_io_fail_tmo + 1 (and if that fails nothing else is written), then
 * fast_io_fail_tmo, then dev_loss_tmo, limited to 600 when there is no
 * fast_io_fail_tmo and no queueing; iSCSI: recovery_tmo from a
 * fast_io_fail_tmo above 0 only; SAS: I_T_nexus_loss_timeout from
 * dev_loss_tmo only.  On a made-up sysfs: each path's rport, session or
 * end device is found from its /sys/block link, protocol subsections
 * apply by transport, an rport two paths share is written once, a
 * refused write is one warning "DEV: OBJECT/ATTR VALUE: error" and the
 * next write still happens, paths of other transports are left alone. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "tmo.h"
#include "unit.h"

#define OFF MP_NUM_OFF
#define ZERO MP_NUM_ZERO
#define INF MP_NUM_INFINITY
#define Q MP_NPR_QUEUE

static const struct {
	int kind, dl, fio, npr, poll;
	unsigned long cur;
	const char *want;
	int temp;
} cases[] = {
	{ MP_TMO_FC, 0, 0, 0, 5, 60, "", 0 },
	/* built-in default fast_io_fail_tmo 5 */
	{ MP_TMO_FC, 0, 5, 0, 5, 60, "fast_io_fail_tmo=5", 0 },
	{ MP_TMO_FC, 0, 5, 0, 5, 5, "dev_loss_tmo=6 fast_io_fail_tmo=5", 1 },
	{ MP_TMO_FC, 150, 120, 0, 5, 90,
	  "dev_loss_tmo=121 fast_io_fail_tmo=120 dev_loss_tmo=150", 1 },
	{ MP_TMO_FC, 700, 600, 0, 5, 60,
	  "dev_loss_tmo=601 fast_io_fail_tmo=600 dev_loss_tmo=700", 1 },
	{ MP_TMO_FC, 90, 7, 0, 5, 60, "fast_io_fail_tmo=7 dev_loss_tmo=90", 0 },
	/* raised to no_path_retry * polling_interval */
	{ MP_TMO_FC, 20, 7, 12, 5, 60, "fast_io_fail_tmo=7 dev_loss_tmo=60", 0 },
	{ MP_TMO_FC, 20, 7, 12, 10, 60, "fast_io_fail_tmo=7 dev_loss_tmo=120", 0 },
	{ MP_TMO_FC, 200, 7, 12, 5, 60, "fast_io_fail_tmo=7 dev_loss_tmo=200", 0 },
	/* no_path_retry fail raises nothing */
	{ MP_TMO_FC, 10, 5, MP_NPR_FAIL, 5, 60, "fast_io_fail_tmo=5 dev_loss_tmo=10", 0 },
	/* fast_io_fail_tmo not below dev_loss_tmo: off */
	{ MP_TMO_FC, 30, 30, 0, 5, 60, "fast_io_fail_tmo=off dev_loss_tmo=30", 0 },
	{ MP_TMO_FC, 30, 45, 0, 5, 60, "fast_io_fail_tmo=off dev_loss_tmo=30", 0 },
	/* without fast_io_fail_tmo the kernel takes 600 at most */
	{ MP_TMO_FC, 900, OFF, 0, 5, 60, "fast_io_fail_tmo=off dev_loss_tmo=600", 0 },
	{ MP_TMO_FC, 900, 0, 0, 5, 60, "dev_loss_tmo=600", 0 },
	{ MP_TMO_FC, 900, ZERO, 0, 5, 60, "fast_io_fail_tmo=0 dev_loss_tmo=600", 0 },
	{ MP_TMO_FC, INF, OFF, 0, 5, 60, "fast_io_fail_tmo=off dev_loss_tmo=600", 0 },
	{ MP_TMO_FC, INF, 5, 0, 5, 60,
	  "fast_io_fail_tmo=5 dev_loss_tmo=4294967295", 0 },
	/* ... unless queueing: infinity, which the kernel will refuse */
	{ MP_TMO_FC, 30, OFF, Q, 5, 60,
	  "fast_io_fail_tmo=off dev_loss_tmo=4294967295", 0 },
	{ MP_TMO_FC, 30, 5, Q, 5, 60, "fast_io_fail_tmo=5 dev_loss_tmo=4294967295", 0 },
	/* no_path_retry * polling_interval past 32 bits: infinity */
	{ MP_TMO_FC, 10, 5, 1000000000, 5, 60,
	  "fast_io_fail_tmo=5 dev_loss_tmo=4294967295", 0 },
	/* 0 is "unset" for dev_loss_tmo, a value for fast_io_fail_tmo */
	{ MP_TMO_FC, ZERO, 5, 0, 5, 60, "fast_io_fail_tmo=5", 0 },
	{ MP_TMO_FC, 0, ZERO, 0, 5, 60, "fast_io_fail_tmo=0", 0 },
	{ MP_TMO_FC, 0, OFF, 0, 5, 60, "fast_io_fail_tmo=off", 0 },
	{ MP_TMO_ISCSI, 90, 7, 0, 5, 0, "recovery_tmo=7", 0 },
	{ MP_TMO_ISCSI, 0, 5, 0, 5, 0, "recovery_tmo=5", 0 },
	{ MP_TMO_ISCSI, 90, OFF, 0, 5, 0, "", 0 },
	{ MP_TMO_ISCSI, 90, ZERO, 0, 5, 0, "", 0 },
	{ MP_TMO_ISCSI, 10, 20, 0, 5, 0, "", 0 },
	{ MP_TMO_SAS, 90, 7, 0, 5, 0, "I_T_nexus_loss_timeout=90", 0 },
	{ MP_TMO_SAS, 0, 7, 0, 5, 0, "", 0 },
	{ MP_TMO_SAS, 20, 7, Q, 5, 0, "I_T_nexus_loss_timeout=4294967295", 0 },
	{ MP_TMO_SAS, 20, 7, 12, 5, 0, "I_T_nexus_loss_timeout=60", 0 },
	{ 0, 90, 7, 0, 5, 60, "", 0 },
};

static void render(const struct mp_tmo *t, char *out, size_t size)
{
	size_t o = 0;
	unsigned int i;

	out[0] = '\0';
	for (i = 0; i < t->n && o < size; i++) {
		if (t->w[i].v < 0)
			o += (size_t)snprintf(out + o, size - o, "%s%s=off", i ? " " : "",
					      t->w[i].attr);
		else
			o += (size_t)snprintf(out + o, size - o, "%s%s=%ld", i ? " " : "",
					      t->w[i].attr, t->w[i].v);
	}
}

static void test_plan(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mp_eff e;
		struct mp_tmo t;
		char got[160];

		memset(&e, 0, sizeof(e));
		e.s.dev_loss_tmo = cases[i].dl;
		e.s.fast_io_fail_tmo = cases[i].fio;
		e.s.no_path_retry = cases[i].npr;
		e.polling_interval = cases[i].poll;
		mp_tmo_plan(cases[i].kind, &e, cases[i].cur, &t);
		render(&t, got, sizeof(got));
		EXPECT(!strcmp(got, cases[i].want), "plan", "case %zu: '%s', want '%s'",
		       i, got, cases[i].want);
		EXPECT(t.temp == cases[i].temp, "plan", "case %zu: temp %d", i, t.temp);
	}
	UNIT_PASS("plan");
}

/* ---- a made-up sysfs ---- */

static char root[64];

static int sh(const char *fmt, const char *a)
{
	char cmd[1024];

	snprintf(cmd, sizeof(cmd), fmt, a, a, a, a, a, a);
	return system(cmd);
}

static void put(const char *rel, const char *val)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	f = fopen(path, "w");
	if (!f || fputs(val, f) < 0 || fclose(f)) {
		perror(path);
		exit(1);
	}
}

static const char *get(const char *rel)
{
	static char buf[64];
	char path[256];
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	f = fopen(path, "r");
	if (!f)
		return "(none)";
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	return buf;
}

/* A disk DEV at DEVPATH (under devices/), its /sys/block link. */
static void disk(const char *dev, const char *devpath)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "mkdir -p %s/devices/%s/block/%s && "
		 "ln -s ../devices/%s/block/%s %s/block/%s", root, devpath, dev,
		 devpath, dev, root, dev);
	if (system(cmd))
		exit(1);
}

/* A transport object: devices/OBJDIR/CLASS/NAME, class/CLASS/NAME. */
static void object(const char *objdir, const char *cls, const char *name)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "mkdir -p %s/devices/%s/%s/%s %s/class/%s && "
		 "ln -s ../../devices/%s/%s/%s %s/class/%s/%s", root, objdir, cls, name,
		 root, cls, objdir, cls, name, root, cls, name);
	if (system(cmd))
		exit(1);
}

/* Run mp_tmo_apply with stderr captured into err. */
static void apply(const struct mp_plan *p, const struct mp_conf *c, int verbose,
		  char *err, size_t size)
{
	char path[128];
	int fd, saved = dup(2);
	ssize_t n;

	snprintf(path, sizeof(path), "%s/stderr", root);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || saved < 0)
		exit(1);
	fflush(stderr);
	dup2(fd, 2);
	mp_tmo_apply(p, c, root, verbose);
	dup2(saved, 2);
	close(saved);
	n = pread(fd, err, size - 1, 0);
	err[n > 0 ? n : 0] = '\0';
	close(fd);
}

static int count(const char *s, const char *sub)
{
	int n = 0;

	while ((s = strstr(s, sub))) {
		n++;
		s++;
	}
	return n;
}

#define RP0 "devices/pci0/host0/rport-0:0-1/fc_remote_ports/rport-0:0-1/"
#define RP1 "devices/pci0/host1/rport-1:0-0/fc_remote_ports/rport-1:0-0/"
#define SES "devices/platform/host2/session3/iscsi_session/session3/"
#define SAS "devices/pci1/host3/port-3:0/end_device-3:0/sas_end_device/end_device-3:0/"
#define SAS2 "devices/pci1/host5/port-5:0/end_device-5:0/sas_end_device/end_device-5:0/"

static void test_sysfs(void)
{
	static const char *const devs[] = { "sda", "sdb", "sdc", "sdd", "sde", "sdf",
					    "sdg" };
	struct mp_path paths[7], *pp[7];
	struct mp_plan *p = calloc(1, sizeof(*p));
	struct mp_conf c;
	char err[2048];
	static const char conf[] =
		"defaults {\n dev_loss_tmo 90\n fast_io_fail_tmo 7\n}\n"
		"overrides {\n protocol {\n  type scsi:iscsi\n  fast_io_fail_tmo 11\n"
		" }\n protocol {\n  type scsi:sas\n  dev_loss_tmo 33\n }\n}\n";
	size_t i;

	snprintf(root, sizeof(root), "/tmp/t_tmo.XXXXXX");
	EXPECT(p && mkdtemp(root), "sysfs", "mkdtemp");
	EXPECT(!sh("mkdir -p %s/block %s/class", root), "sysfs", "mkdir");
	/* sda, sdb: two LUNs through one rport; sdc: another rport */
	disk("sda", "pci0/host0/rport-0:0-1/target0:0:0/0:0:0:1");
	disk("sdb", "pci0/host0/rport-0:0-1/target0:0:0/0:0:0:2");
	disk("sdc", "pci0/host1/rport-1:0-0/target1:0:0/1:0:0:1");
	disk("sdd", "platform/host2/session3/target2:0:0/2:0:0:1");
	disk("sde", "pci1/host3/port-3:0/end_device-3:0/target3:0:0/3:0:0:1");
	disk("sdf", "pci1/virtio0/host4/target4:0:0/4:0:0:1");
	/* sde is SAS as mpt3sas shows it (its SCSI device has a
	 * sas_address); sdg under an end device as mptsas shows it (none):
	 * scsi:unspec to multipath-tools, nothing written */
	EXPECT(!sh("ln -s ../.. %s/devices/pci1/host3/port-3:0/end_device-3:0/target3:0:0/"
		   "3:0:0:1/block/sde/device && echo 0x5000c50015ea7101 > %s/devices/pci1/"
		   "host3/port-3:0/end_device-3:0/target3:0:0/3:0:0:1/sas_address", root),
	       "sysfs", "sas_address");
	disk("sdg", "pci1/host5/port-5:0/end_device-5:0/target5:0:0/5:0:0:1");
	object("pci0/host0/rport-0:0-1", "fc_remote_ports", "rport-0:0-1");
	object("pci0/host1/rport-1:0-0", "fc_remote_ports", "rport-1:0-0");
	object("platform/host2/session3", "iscsi_session", "session3");
	object("pci1/host3/port-3:0/end_device-3:0", "sas_end_device", "end_device-3:0");
	object("pci1/host5/port-5:0/end_device-5:0", "sas_end_device", "end_device-5:0");
	put(RP0 "dev_loss_tmo", "60\n");
	put(RP0 "fast_io_fail_tmo", "off\n");
	put(RP1 "dev_loss_tmo", "60\n");
	put(RP1 "fast_io_fail_tmo", "off\n");
	put(SES "recovery_tmo", "120\n");
	put(SAS "I_T_nexus_loss_timeout", "2000\n");
	put(SAS2 "I_T_nexus_loss_timeout", "2000\n");
	memset(paths, 0, sizeof(paths));
	for (i = 0; i < 7; i++) {
		snprintf(paths[i].dev, sizeof(paths[i].dev), "%s", devs[i]);
		paths[i].vendor = paths[i].model = paths[i].rev = "X";
		pp[i] = &paths[i];
	}
	mp_conf_init(&c, NULL, NULL);
	EXPECT(!mp_conf_parse(&c, "t.conf", conf, sizeof(conf) - 1), "sysfs", "parse");
	p->pp = pp;
	p->n = 7;
	mp_conf_resolve(&c, "X", "X", "X", "", &p->eff);

	apply(p, &c, 3, err, sizeof(err));
	EXPECT_STR(get(RP0 "dev_loss_tmo"), "90", "sysfs");
	EXPECT_STR(get(RP0 "fast_io_fail_tmo"), "7", "sysfs");
	EXPECT_STR(get(RP1 "dev_loss_tmo"), "90", "sysfs");
	EXPECT_STR(get(RP1 "fast_io_fail_tmo"), "7", "sysfs");
	/* the protocol subsections: iSCSI 11, SAS 33 */
	EXPECT_STR(get(SES "recovery_tmo"), "11", "sysfs");
	EXPECT_STR(get(SAS "I_T_nexus_loss_timeout"), "33", "sysfs");
	EXPECT_STR(get(SAS2 "I_T_nexus_loss_timeout"), "2000\n", "sysfs");
	/* -v3: every write said; sdb's rport is sda's: written once */
	EXPECT(strstr(err, "sda: rport-0:0-1/fast_io_fail_tmo 7\n") &&
	       strstr(err, "sda: rport-0:0-1/dev_loss_tmo 90\n") &&
	       strstr(err, "sdc: rport-1:0-0/dev_loss_tmo 90\n") &&
	       strstr(err, "sdd: session3/recovery_tmo 11\n") &&
	       strstr(err, "sde: end_device-3:0/I_T_nexus_loss_timeout 33\n"),
	       "sysfs", "log: %s", err);
	EXPECT_INT(count(err, "rport-0:0-1/"), 2, "sysfs");
	EXPECT(!strstr(err, "sdb") && !strstr(err, "sdf") && !strstr(err, "sdg"), "sysfs",
	       "log: %s", err);
	/* quiet by default */
	apply(p, &c, 0, err, sizeof(err));
	EXPECT_STR(err, "", "sysfs");
	UNIT_PASS("sysfs");

	/* FC order: fast_io_fail_tmo 120 only fits under a dev_loss_tmo the
	 * plan raises first; the file ends with the last write */
	mp_conf_free(&c);
	mp_conf_init(&c, NULL, NULL);
	{
		static const char c2[] = "defaults {\n dev_loss_tmo 150\n"
					 " fast_io_fail_tmo 120\n}\n";

		EXPECT(!mp_conf_parse(&c, "t.conf", c2, sizeof(c2) - 1), "order", "parse");
	}
	mp_conf_resolve(&c, "X", "X", "X", "", &p->eff);
	p->n = 1;
	apply(p, &c, 3, err, sizeof(err));
	EXPECT(strstr(err, "sda: rport-0:0-1/dev_loss_tmo 121\n"), "order", "%s", err);
	EXPECT(strstr(err, "dev_loss_tmo 121") < strstr(err, "fast_io_fail_tmo 120") &&
	       strstr(err, "fast_io_fail_tmo 120") < strstr(err, "dev_loss_tmo 150"),
	       "order", "%s", err);
	EXPECT_STR(get(RP0 "dev_loss_tmo"), "150", "order");
	EXPECT_STR(get(RP0 "fast_io_fail_tmo"), "120", "order");
	UNIT_PASS("order");

	/* refused: fast_io_fail_tmo cannot be written (here a directory):
	 * one warning naming path and attribute, dev_loss_tmo still goes */
	EXPECT(!sh("rm %s/" RP0 "fast_io_fail_tmo && mkdir %s/" RP0 "fast_io_fail_tmo",
		   root), "refused", "mkdir");
	put(RP0 "dev_loss_tmo", "200\n");
	apply(p, &c, 0, err, sizeof(err));
	EXPECT(strstr(err, "sda: rport-0:0-1/fast_io_fail_tmo 120: ") &&
	       count(err, "\n") == 1, "refused", "%s", err);
	EXPECT_STR(get(RP0 "dev_loss_tmo"), "150", "refused");
	/* the raise refused: nothing else written (a dev_loss_tmo that
	 * reads 40 and takes no write, even from root) */
	EXPECT(!sh("rmdir %s/" RP0 "fast_io_fail_tmo && rm %s/" RP0 "dev_loss_tmo && "
		   "ln -s /proc/sys/kernel/cap_last_cap %s/" RP0 "dev_loss_tmo", root),
	       "refused", "ln");
	put(RP0 "fast_io_fail_tmo", "off\n");
	apply(p, &c, 0, err, sizeof(err));
	EXPECT(strstr(err, "sda: rport-0:0-1/dev_loss_tmo 121: ") &&
	       count(err, "\n") == 1, "refused", "%s", err);
	EXPECT_STR(get(RP0 "fast_io_fail_tmo"), "off\n", "refused");
	/* no rport attribute to read: a warning, nothing written */
	EXPECT(!sh("rm %s/" RP0 "dev_loss_tmo", root), "refused", "rm");
	apply(p, &c, 0, err, sizeof(err));
	EXPECT(strstr(err, "sda: ") && strstr(err, "rport-0:0-1/dev_loss_tmo: ") &&
	       count(err, "\n") == 1, "refused", "%s", err);
	EXPECT_STR(get(RP0 "fast_io_fail_tmo"), "off\n", "refused");
	UNIT_PASS("refused");

	mp_conf_free(&c);
	free(p);
	EXPECT(!sh("rm -rf %s", root), "cleanup", "rm");
}

int main(void)
{
	unit_suite = "tmo";
	test_plan();
	test_sysfs();
	return UNIT_DONE();
}
