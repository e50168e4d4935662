/* multipath: discover SCSI paths, derive WWIDs, coalesce, group, and
 * create or reload device-mapper multipath maps (the 2004 design's
 * `multipath`, for today's kernel).  The work is in src/lib: one
 * mp_sync() call (engine/sync.c) scans, plans and applies, and reports
 * each LU here, where it is printed.  This file is argv, that report,
 * and the choice of action; the others are list.c (-l/-ll), flush.c
 * (-f/-F) and wwids.c (-a/-w/-W).
 *
 * Exit: 0 success, 1 failure, 2 usage. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "conf_load.h"
#include "dm.h"
#include "dmudev.h"
#include "log.h"
#include "mpath.h"
#include "multipath.h"
#include "opt.h"
#include "plan.h"
#include "prio.h"
#include "scsi.h"
#include "str.h"
#include "sync.h"

/* The synopsis only (tests/man.check compares its options with the
 * page); what each option does is in mpboot-multipath(8): the option
 * descriptions were 430 bytes of the size budget. */
static const char usage[] =
	"usage: multipath [-v N] [-C file] [-b file] [-B] [-i] [-d] [-r] [-q] [-p policy] [-s selector] [device]\n"
	"       multipath [-v N] -l | -ll | -f map | -F [device]\n"
	"       multipath -t | -a device | -w device | -W\n"
	"see mpboot-multipath(8)\n";

struct ctx {
	int verbose;
	int allow_queue;       /* -q, queue_without_daemon or a daemon runs */
	int show_conf, ro, ignore_wwids;
	char wwid_op;          /* 'a', 'w', 'W' or 0 */
	const char *conf_file, *bindings_file;
	struct mp_config cfg;
	int dry, list, flush_all;
	int failed, timing;
	unsigned int nplans;   /* LUs mp_sync reported */
	const char *flush;
	const char *filter;
	unsigned int scan_flags;
	struct dm_ctx dm;
	struct scsi_scan scan;
	struct mp_opts opts;
	struct mp_plan plan;
};

/* MPBOOT_TIMING=1: phase times on stderr, for the benchmark. */
static void phase(const struct ctx *c, const char *what)
{
	struct timeval tv;

	if (!c->timing)
		return;
	gettimeofday(&tv, NULL);
	log_msg("timing: %ld.%06ld %s", (long)tv.tv_sec, (long)tv.tv_usec, what);
}

/* Topology of a plan's wanted table (create/reload, -v2). */
static void print_wanted(struct ctx *c, const struct mp_plan *pl,
			 const char *dmdev)
{
	const struct mp_table *t = &pl->want;
	struct mp_path *const *pp = pl->pp;
	unsigned int g, i, k, n = pl->n;
	int w = mpt_dev_width(t);

	if (!pp[0]->vendor[0])
		scsi_path_strings(c->scan.sysfs, pp[0], &c->scan.pool);
	mpt_print_map(mp_act_name(pl->act), pl->name, pl->wwid, dmdev, pp[0], t,
		      pl->size, c->dry ? "undef" : "rw");
	for (g = 0; g < t->npg; g++) {
		const struct mp_pg *pg = &t->pg[g];
		int last_pg = g + 1 == t->npg;

		mpt_print_pg(last_pg, pg->selector, pg->prio, "undef");
		for (k = 0; k < pg->n; k++) {
			const struct mp_path *p = NULL;
			unsigned int d = pg->first + k;

			for (i = 0; i < n; i++)
				if (pp[i]->maj == t->maj[d] && pp[i]->min == t->min[d])
					p = pp[i];
			if (p)
				mpt_print_path_line(p, "undef", "ready", last_pg,
						    k + 1 == pg->n, w);
		}
	}
}

/* Does multipathd answer on its socket (multipath-tools' check)? */
static int daemon_running(void)
{
	struct sockaddr_un sa;
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0), r;
	static const char name[] = "/org/kernel/linux/storage/multipathd";

	if (fd < 0)
		return 0;
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	memcpy(sa.sun_path + 1, name, sizeof(name) - 1);
	r = connect(fd, (struct sockaddr *)&sa,
		    (socklen_t)(offsetof(struct sockaddr_un, sun_path) + sizeof(name)));
	close(fd);
	return r == 0;
}

/* What the planner left out of an LU, and why. */
static void plan_warnings(const struct ctx *c, const struct mp_plan *pl)
{
	unsigned int i;

	if (pl->bad_name)
		log_msg("%s: %s '%s' is not a valid map name, ignored", pl->wwid,
			pl->bad_from, pl->bad_name);
	for (i = 0; i < pl->ndrop && c->verbose >= 2; i++)
		log_msg("%s: size %llu differs from %s's, not used",
			pl->pp[pl->n + i]->dev,
			(unsigned long long)pl->pp[pl->n + i]->size, pl->pp[0]->dev);
	if (pl->ntrunc)
		log_msg("%s: %u paths, only %u used", pl->wwid,
			pl->n + pl->ndrop + pl->ntrunc, MP_MAX_MAP_PATHS);
}

/* One LU's plan and what mp_sync did with it (nothing with -d). */
static int report(void *arg, struct mp_plan *pl, const struct mp_sync_out *out)
{
	struct ctx *c = arg;
	char dmdev[24] = "undef";

	c->nplans++;
	plan_warnings(c, pl);
	if (out->act == MP_SKIP) {
		if (pl->err == -EEXIST)
			log_msg("%s: a map of that name exists with UUID '%s', skipped",
				pl->name, pl->live ? pl->live->uuid : "");
		else
			log_err(pl->err, "%s: %s, skipped:", pl->name[0] ? pl->name :
				pl->wwid, pl->reason);
		c->failed = 1;
		return 0;
	}
	if (out->act == MP_IGNORE) {
		if (c->verbose >= 3)
			log_msg("%s: %s, ignored", pl->wwid, pl->reason);
		return 0;
	}
	if (out->act == MP_KEEP) {
		if (out->r) {
			log_err(out->r, "%s: rename to %s:", pl->rename_from, pl->name);
			c->failed = 1;
		} else if (pl->rename_from[0]) {
			if (c->verbose >= 1)
				printf("rename: %s -> %s\n", pl->rename_from, pl->name);
		} else if (c->verbose >= 3)
			log_msg("%s: %s", pl->name, pl->reason);
		return 0;
	}
	if (out->gone)
		log_msg("%s: %u path(s) gone, %s", pl->name, out->gone,
			out->r ? "none left" : "left out");
	if (out->r) {
		uint32_t v[3];

		if (dm_target_version(&c->dm, "multipath", v) == -ENOENT)
			log_msg("%s: kernel has no dm-multipath target "
				"(modprobe dm-multipath)", pl->name);
		else
			log_err(out->r, "%s: %s %s:", pl->name, mp_act_name(pl->act),
				c->dm.what);
		c->failed = 1;
		return 0;
	}
	if (out->applied || pl->live)
		snprintf(dmdev, sizeof(dmdev), "dm-%u",
			 minor(out->applied ? out->dev : pl->live->dev));
	if (c->verbose == 1)
		printf("%s\n", pl->name);
	else if (c->verbose >= 2)
		print_wanted(c, pl, dmdev);
	if (c->verbose >= 3)
		printf("table: 0 %llu multipath %s\n(%s)\n",
		       (unsigned long long)pl->size, pl->params, pl->reason);
	return 0;
}

static void print_path_list(struct ctx *c)
{
	size_t i;

	printf("===== paths list =====\n");
	for (i = 0; i < c->scan.n; i++) {
		const struct mp_path *p = &c->scan.paths[i];

		if (!p->wwid[0])
			continue;
		printf("%s (%u %u %u %llu) /dev/%s [%s %s]\n", p->wwid, p->host,
		       p->channel, p->target, (unsigned long long)p->lun, p->dev,
		       p->vendor, p->model);
	}
}

static void bl_why(const struct mp_path *p, const char *reason, void *arg)
{
	const struct ctx *c = arg;

	if (c->verbose >= 3)
		log_msg("%s: %s", p->dev, reason);
}

/* -v3: why a scanned path is not used */
static int scanned(void *arg, struct mp_path **pp, size_t *n)
{
	struct ctx *c = arg;
	size_t i;

	phase(c, "scanned");
	for (i = 0; i < *n && c->verbose >= 3; i++) {
		const struct mp_path *p = pp[i];

		if (!p->wwid[0])
			log_err(p->err, "%s: no usable WWID, skipped:", p->dev);
		else if (!mp_path_usable(p))
			log_msg("%s: state %s, not used", p->dev, p->state);
	}
	return 0;
}

/* -v3: the paths and the LUs they make */
static void grouped(void *arg, struct mp_path *const *pp, size_t n)
{
	struct ctx *c = arg;
	size_t i;

	phase(c, "sorted");
	if (c->verbose < 3)
		return;
	print_path_list(c);
	printf("===== coalesced multipaths =====\n");
	for (i = 0; i < n; i++) {
		const struct mp_path *p = pp[i];

		if (!i || strcmp(p->wwid, pp[i - 1]->wwid))
			printf("%s\n", p->wwid);
		printf("\\_(%u %u %u %llu) /dev/%s [%s %s]\n", p->host,
		       p->channel, p->target, (unsigned long long)p->lun,
		       p->dev, p->vendor, p->model);
	}
	printf("===== maps =====\n");
}

static int run_create(struct ctx *c)
{
	struct mp_sync_in in = {
		.dm = &c->dm, .scan = &c->scan, .opts = &c->opts, .cfg = &c->cfg,
		.dry = c->dry, .ro = c->ro, .tmo_keep = 1, .set_queueing = 1,
		.allow_queue = c->allow_queue, .prepare = scanned, .bl_why = bl_why,
		.grouped = grouped, .report = report, .arg = c,
	};
	enum mp_sync_stage stage;
	int r;

	/* serial and node name only for the policies that group by them;
	 * vendor strings (hardware table, blacklist) and ALUA always */
	if (c->opts.cli_policy ? c->opts.policy == MP_GROUP_BY_SERIAL :
	    mp_conf_uses_policy(&c->cfg.conf, MP_GROUP_BY_SERIAL))
		c->scan_flags |= SCSI_SCAN_SERIAL;
	if (c->opts.cli_policy ? c->opts.policy == MP_GROUP_BY_NODE_NAME :
	    mp_conf_uses_policy(&c->cfg.conf, MP_GROUP_BY_NODE_NAME))
		c->scan_flags |= SCSI_SCAN_NODE;
	in.scan_flags = c->scan_flags | SCSI_SCAN_STRINGS | SCSI_SCAN_ALUA;
	phase(c, "start");
	r = mp_sync(&in, &c->plan, &stage);
	if (r) {
		if (stage == MP_SYNC_SCAN)
			log_err(r, "scanning /sys/block:");
		else if (stage == MP_SYNC_LIVE)
			log_err(r, "%s:", c->dm.what ? c->dm.what : "listing maps");
		else if (stage == MP_SYNC_PLAN)
			log_err(r, "planning maps:");
		return 1;
	}
	phase(c, "maps done");
	/* a device argument that names nothing is a mistake, not a no-op */
	if (c->filter && !c->nplans) {
		log_msg("%s: no SCSI path, WWID or multipath map of that name", c->filter);
		return 1;
	}
	return c->failed ? 1 : 0;
}

/* multipath-tools 0.9.4's letters, with their meaning where mpboot has
 * one; -D (never delegate to multipathd) and -M (ignored there too) are
 * accepted as no-ops, and these are refused as not supported: */
#define MP_UNSUPPORTED "cuUTRe"

/* The options that set a flag, and the flag's place in the context: a
 * table, since a case each costs more code than an entry here. */
static const char flag_letters[] = "tBidrqF";
static const unsigned short flag_offs[] = {
	offsetof(struct ctx, show_conf), offsetof(struct ctx, ro),
	offsetof(struct ctx, ignore_wwids), offsetof(struct ctx, dry),
	offsetof(struct ctx, opts.force), offsetof(struct ctx, opts.queue_if_no_path),
	offsetof(struct ctx, flush_all),
};

/* The options that exclude each other: 0, or -1 (a usage error). */
static int args_agree(const struct ctx *c)
{
	if ((c->flush || c->flush_all) && (c->list || c->filter))
		return -1;
	if ((c->wwid_op == 'a' || c->wwid_op == 'w') != (c->filter != NULL) &&
	    c->wwid_op)
		return -1;
	if ((c->wwid_op || c->show_conf) && (c->flush || c->flush_all || c->list))
		return -1;
	return 0;
}

/* 0, 1 for -h, -1 for a usage error (o->bad: the letter, if one). */
static int parse_args(struct ctx *c, int argc, char **argv, struct opt *o)
{
	const char *f;
	unsigned int n;
	int k;

	while ((k = opt_next(o, argc, argv, "htBiawWC:b:drqlFv:p:s:f:DM:")) != -1) {
		if ((f = strchr(flag_letters, k))) {
			*(int *)((char *)c + flag_offs[f - flag_letters]) = 1;
			continue;
		}
		switch (k) {
		case 'h':
			return 1;
		case 'a':
		case 'w':
		case 'W':
			if (c->wwid_op)
				return -1;
			c->wwid_op = (char)k;
			break;
		case 'C':
			c->conf_file = o->arg;
			break;
		case 'b':
			c->bindings_file = o->arg;
			break;
		case 'l':
			c->list = c->list ? 2 : 1;
			break;
		case 'v':
			if (str_to_uint(o->arg, 9, &n))
				return -1;
			c->verbose = (int)n;
			break;
		case 'p':
			if (mp_policy_parse(o->arg, &c->opts.policy))
				return -1;
			c->opts.cli_policy = 1;
			break;
		case 's':
			if (!mp_selector_ok(o->arg))
				return -1;
			c->opts.selector = o->arg;
			c->opts.cli_selector = 1;
			break;
		case 'f':
			c->flush = o->arg;
			break;
		case 'D':
		case 'M':
			break;
		default:
			return -1;
		}
	}
	if (o->ind < argc)
		c->filter = c->opts.filter = argv[o->ind++];
	return o->ind < argc ? -1 : args_agree(c);
}

static void out_stdout(void *arg, const char *text)
{
	(void)arg;
	fputs(text, stdout);
}

/* The configuration, and -b's bindings file in place of its own.  A
 * configuration with errors is warnings, never a failure. */
static int load_config(struct ctx *c)
{
	int r = mp_config_load(&c->cfg, c->conf_file, mp_conf_warn_log, NULL);

	if (r) {
		log_err(r, "reading the configuration:");
		return 1;
	}
	if (c->bindings_file) {
		mp_names_free(&c->cfg.bindings);
		c->cfg.bindings_file = c->bindings_file;
		r = mp_bindings_load(c->bindings_file, &c->cfg.bindings);
		if (r)
			log_msg("warning: %s: %s", c->bindings_file, mp_file_err(r));
	}
	return 0;
}

/* The engine's inputs that come from the configuration, the files and
 * the environment rather than from argv. */
static void set_opts(struct ctx *c)
{
	/* the initramfs (its init sets MPBOOT_KMSG) reads the image's
	 * bindings and wwids but never writes them */
	c->ro |= getenv("MPBOOT_KMSG") != NULL;
	c->opts.conf = &c->cfg.conf;
	c->opts.bindings = &c->cfg.bindings;
	c->opts.wwids = c->ignore_wwids ? NULL : &c->cfg.wwids;
	/* a bindings file that cannot be written (read-only root): no new
	 * name, the WWID instead, as multipath-tools */
	c->opts.names_ro = c->ro || !mp_file_writable(c->cfg.bindings_file);
	c->opts.verbose = c->verbose;
	c->allow_queue = c->opts.queue_if_no_path ||
			 c->cfg.conf.queue_without_daemon == MP_YES || daemon_running();
	c->timing = getenv("MPBOOT_TIMING") != NULL;
	if (getenv("MPBOOT_FORCE_SGIO"))
		c->scan_flags |= SCSI_SCAN_SGIO; /* tests: VPD via SG_IO only */
}

/* The action argv chose, over an open device-mapper control. */
static int run(struct ctx *c)
{
	int r, ret;

	if (geteuid() != 0) {
		log_msg("must run as root");
		return 1;
	}
	if (access("/sys/block", F_OK)) {
		log_msg("/sys/block missing: mount sysfs first");
		return 1;
	}
	r = dm_open(&c->dm);
	if (r) {
		log_err(r, "%s:", c->dm.what);
		return 1;
	}
	if (c->wwid_op)
		ret = mpt_wwids(c->wwid_op, c->filter, &c->dm, &c->scan, &c->cfg,
				c->verbose);
	else if (c->flush)
		ret = mpt_flush(&c->dm, c->flush, c->dry, c->verbose, 0);
	else if (c->flush_all)
		ret = mpt_flush_all(&c->dm, c->dry, c->verbose);
	else if (c->list)
		ret = mpt_list(&c->dm, &c->scan, &c->cfg.conf, c->list, c->verbose,
			       c->filter);
	else
		ret = run_create(c);
	fflush(stdout);
	/* With udev running: once for the whole run, wait until udev has
	 * made the links of every map touched (a warning, not a failure). */
	r = dm_udev_wait(&c->dm, DM_UDEV_TIMEOUT_MS);
	if (r)
		log_err(r, "warning: %s:", c->dm.what);
	dm_close(&c->dm);
	return ret;
}

int main(int argc, char **argv)
{
	static struct ctx c;
	struct opt o = OPT_INIT;
	int r;

	log_init(argv[0]);
	c.verbose = 2;
	mp_opts_init(&c.opts);
	c.dm.fd = -1;
	c.scan.sysfs = "/sys";
	c.scan.devdir = "/dev";
	r = parse_args(&c, argc, argv, &o);
	if (r)
		return r > 0 ? log_help(usage) : log_usage(usage, o.bad, MP_UNSUPPORTED);
	if (load_config(&c))
		return 1;
	if (c.show_conf)
		mp_conf_dump(&c.cfg.conf, out_stdout, NULL);
	else {
		set_opts(&c);
		r = run(&c);
	}
	mp_config_free(&c.cfg);
	scsi_scan_free(&c.scan);
	return r;
}
