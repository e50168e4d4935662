/* multipath: discover SCSI paths, derive WWIDs, coalesce, group, and
 * create or reload device-mapper multipath maps (the 2004 design's
 * `multipath`, for today's kernel).  The work is in src/lib: one
 * mp_sync() call (engine/sync.c) scans, plans and applies, and reports
 * each LU here; mp_map_view() (engine/view.c) reads a map for -l/-ll.
 * This file is argv and printing, with -f/-F and the wwids file ops.
 *
 * Exit: 0 success, 1 failure, 2 usage. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "conf_load.h"
#include "dm.h"
#include "dmudev.h"
#include "log.h"
#include "mpath.h"
#include "opt.h"
#include "plan.h"
#include "prio.h"
#include "scsi.h"
#include "str.h"
#include "sync.h"
#include "view.h"

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
	struct mp_map_view view; /* -l/-ll: the map shown */
	char *text;            /* MP_PARAMS_LEN bytes */
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

static void print_path_line(const struct mp_path *p, const char *dm_state,
			    const char *chk, int last_pg, int last_path, int w)
{
	char hbtl[48], dt[24];

	snprintf(hbtl, sizeof(hbtl), "%u:%u:%u:%llu", p->host, p->channel,
		 p->target, (unsigned long long)p->lun);
	snprintf(dt, sizeof(dt), "%u:%u", p->maj, p->min);
	printf("%s %s %s %s %-*s %s %s %s\n", last_pg ? " " : "|",
	       last_path ? "`-" : "|-", hbtl, p->dev, w, dt, dm_state, chk,
	       p->state);
}

static void print_head(const struct mp_table *t, const char *size,
		       const char *wp)
{
	printf("size=%s features='%u%s%s' hwhandler='%u%s%s%s%s' wp=%s\n", size,
	       t->nfeat, t->nfeat ? " " : "", t->features,
	       t->hwh[0] ? 1 + t->nhwh_args : 0, t->hwh[0] ? " " : "", t->hwh,
	       t->nhwh_args ? " " : "", t->hwh_args, wp);
}

/* Topology of a plan's wanted table (create/reload, -v2). */
static void print_wanted(struct ctx *c, const struct mp_plan *pl,
			 const char *dmdev)
{
	const struct mp_table *t = &pl->want;
	struct mp_path *const *pp = pl->pp;
	unsigned int g, i, k, n = pl->n;
	const char *action = mp_act_name(pl->act);
	char size[24], dt[24];
	int w = 0;

	for (i = 0; i < n; i++) {
		int l = snprintf(dt, sizeof(dt), "%u:%u", pp[i]->maj, pp[i]->min);

		if (l > w)
			w = l;
	}
	if (!pp[0]->vendor[0])
		scsi_path_strings(c->scan.sysfs, pp[0], &c->scan.pool);
	mp_fmt_size(pl->size, size, sizeof(size));
	{
		int named = strcmp(pl->name, pl->wwid) != 0; /* "name (wwid)" */

		printf("%s: %s%s%s%s %s %s,%s\n", action, pl->name, named ? " (" : "",
		       named ? pl->wwid : "", named ? ")" : "", dmdev,
		       pp[0]->vendor, pp[0]->model);
	}
	print_head(t, size, c->dry ? "undef" : "rw");
	for (g = 0; g < t->npg; g++) {
		const struct mp_pg *pg = &t->pg[g];
		int last_pg = g + 1 == t->npg;

		printf("%s-+- policy='%s 0' prio=%d status=undef\n",
		       last_pg ? "`" : "|", pg->selector, pg->prio);
		for (k = 0; k < pg->n; k++) {
			const struct mp_path *p = NULL;
			unsigned int d = pg->first + k;

			for (i = 0; i < n; i++)
				if (pp[i]->maj == t->maj[d] && pp[i]->min == t->min[d])
					p = pp[i];
			if (p)
				print_path_line(p, "undef", "ready", last_pg,
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

/* ---- -l / -ll ---- */

struct maplist {
	char (*names)[MP_DM_NAME_LEN];
	size_t n, cap;
};

static int collect_map(const char *name, dev_t dev, void *arg)
{
	struct maplist *l = arg;

	(void)dev;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 32;
		void *nn = realloc(l->names, cap * sizeof(*l->names));

		if (!nn)
			return -ENOMEM;
		l->names = nn;
		l->cap = cap;
	}
	return str_copy(l->names[l->n++], name, MP_DM_NAME_LEN);
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

static int devt_cmp(const void *a, const void *b)
{
	const struct mp_path *p = a, *q = b;

	if (p->maj != q->maj)
		return p->maj < q->maj ? -1 : 1;
	return p->min < q->min ? -1 : p->min > q->min;
}

static struct mp_path *find_dev(struct ctx *c, unsigned int ma, unsigned int mi)
{
	struct mp_path key;

	key.maj = ma;
	key.min = mi;
	return bsearch(&key, c->scan.paths, c->scan.n, sizeof(key), devt_cmp);
}

static const char *check_path(struct ctx *c, const struct mp_path *p)
{
	char node[64];
	int fd, r;

	if (c->list < 2)
		return "undef";
	if (str_fmt(node, sizeof(node), "/dev/%s", p->dev))
		return "faulty";
	fd = open(node, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return "faulty";
	r = scsi_tur(fd);
	close(fd);
	return r ? "faulty" : "ready";
}

static void show_map(struct ctx *c, const char *name)
{
	struct mp_map_view *v = &c->view;
	const char *wwid;
	struct mp_path *first = NULL;
	char size[24], shown[MP_DM_NAME_LEN];
	unsigned int g, k;
	int w = 0;

	if (mp_map_view(&c->dm, name, c->text, v) || !(wwid = mp_uuid_wwid(v->info.uuid)))
		return;
	if (c->filter) {
		int match = !strcmp(c->filter, name) || !strcmp(c->filter, wwid);

		for (k = 0; k < v->t.ndev && !match; k++) {
			const struct mp_path *p = find_dev(c, v->t.maj[k], v->t.min[k]);

			match = p && mp_filter_match(c->filter, p, NULL);
		}
		if (!match)
			return;
	}
	for (k = 0; k < v->t.ndev; k++) {
		char dt[24];
		int l = snprintf(dt, sizeof(dt), "%u:%u", v->t.maj[k], v->t.min[k]);
		struct mp_path *p = find_dev(c, v->t.maj[k], v->t.min[k]);

		if (l > w)
			w = l;
		if (p && !first)
			first = p;
	}
	if (first && !first->vendor[0])
		scsi_path_strings(c->scan.sysfs, first, &c->scan.pool);
	/* a map made elsewhere may hold control bytes in its name (ours
	 * cannot: mp_name_check); none reaches the terminal */
	str_copy(shown, name, sizeof(shown));
	str_vis(shown, "");
	name = shown;
	if (c->verbose == 1) {
		printf("%s\n", name);
		return;
	}
	mp_fmt_size(v->len, size, sizeof(size));
	{
		int named = strcmp(name, wwid) != 0; /* "name (wwid)" */

		printf("%s%s%s%s dm-%u %s,%s\n", name, named ? " (" : "",
		       named ? wwid : "", named ? ")" : "", minor(v->info.dev),
		       first ? first->vendor : "##", first ? first->model : "##");
	}
	print_head(&v->t, size, (v->info.flags & 1u) ? "ro" : "rw"); /* DM_READONLY_FLAG */
	for (g = 0; g < v->t.npg; g++) {
		const struct mp_pg *pg = &v->t.pg[g];
		int last_pg = g + 1 == v->t.npg, sum = 0, np = 0;
		char st = v->st.npg == v->t.npg ? v->st.pg_state[g] : 0;

		/* a group's priority: the mean of its paths' (-ll only) */
		for (k = 0; c->list >= 2 && k < pg->n; k++) {
			const struct mp_path *p = find_dev(c, v->t.maj[pg->first + k],
							   v->t.min[pg->first + k]);

			if (p && p->prio >= 0) {
				sum += p->prio;
				np++;
			}
		}
		printf("%s-+- policy='%s 0' prio=%d status=%s\n", last_pg ? "`" : "|",
		       pg->selector, np ? sum / np : 0,
		       st == 'F' ? "undef" : mp_state_name(st));
		for (k = 0; k < pg->n; k++) {
			unsigned int d = pg->first + k;
			const struct mp_path *p = find_dev(c, v->t.maj[d], v->t.min[d]);
			char ps = v->st.ndev ? v->st.path_state[d] : 0;
			const char *dms = ps == 'E' || ps == 'D' ? "undef" : mp_state_name(ps);

			if (p) {
				print_path_line(p, dms, check_path(c, p), last_pg,
						k + 1 == pg->n, w);
			} else {
				printf("%s %s #:#:#:# - %u:%u %s faulty gone\n",
				       last_pg ? " " : "|", k + 1 == pg->n ? "`-" : "|-",
				       v->t.maj[d], v->t.min[d], dms);
			}
		}
	}
}

static int run_list(struct ctx *c)
{
	struct maplist l = { 0 };
	size_t i;
	int r;

	/* -ll: the real priorities, which need WWIDs (multipaths entries)
	 * and the ALUA attributes */
	r = scsi_scan_all(&c->scan, c->list >= 2 ? SCSI_SCAN_IDS | SCSI_SCAN_STRINGS |
			  SCSI_SCAN_ALUA : 0);
	if (r) {
		log_err(r, "scanning /sys/block:");
		return 1;
	}
	qsort(c->scan.paths, c->scan.n, sizeof(*c->scan.paths), devt_cmp);
	if (c->list >= 2) {
		struct mp_path **pp = calloc(c->scan.n + 1, sizeof(*pp));

		for (i = 0; pp && i < c->scan.n; i++)
			pp[i] = &c->scan.paths[i];
		if (pp)
			mp_paths_prio_known(pp, c->scan.n, &c->cfg.conf, c->scan.devdir,
					    NULL, NULL);
		free(pp);
	}
	r = dm_list(&c->dm, collect_map, &l);
	if (r) {
		log_err(r, "%s:", c->dm.what ? c->dm.what : "listing maps");
		free(l.names);
		return 1;
	}
	if (l.n)
		qsort(l.names, l.n, sizeof(*l.names), name_cmp);
	for (i = 0; i < l.n; i++)
		show_map(c, l.names[i]);
	free(l.names);
	return 0;
}

/* ---- -f / -F ---- */

static int flush_one(struct ctx *c, const char *name, int quiet_foreign)
{
	struct dm_ref ref = { .name = name };
	struct dm_info info;
	int r = dm_info(&c->dm, &ref, &info);

	if (r) {
		log_err(r, "%s: no such map:", name);
		return 1;
	}
	if (!mp_uuid_wwid(info.uuid)) {
		if (!quiet_foreign)
			log_msg("%s: not a multipath map", name);
		return quiet_foreign ? 0 : 1;
	}
	if (info.open_count > 0) {
		log_msg("%s: map in use (open count %d), not removed", name,
			info.open_count);
		return 1;
	}
	if (c->dry) {
		if (c->verbose >= 1)
			printf("remove: %s\n", name);
		return 0;
	}
	r = dm_remove(&c->dm, name);
	if (r) {
		log_err(r, "%s: %s:", name, c->dm.what);
		return 1;
	}
	if (c->verbose >= 2)
		printf("remove: %s\n", name);
	return 0;
}

static int run_flush_all(struct ctx *c)
{
	struct maplist l = { 0 };
	size_t i;
	int r, ret = 0;

	r = dm_list(&c->dm, collect_map, &l);
	if (r) {
		log_err(r, "%s:", c->dm.what ? c->dm.what : "listing maps");
		free(l.names);
		return 1;
	}
	for (i = 0; i < l.n; i++)
		ret |= flush_one(c, l.names[i], 1);
	free(l.names);
	return ret;
}

/* multipath-tools 0.9.4's letters, with their meaning where mpboot has
 * one; -D (never delegate to multipathd) and -M (ignored there too) are
 * accepted as no-ops, and these are refused as not supported: */
#define MP_UNSUPPORTED "cuUTRe"

/* 0, 1 for -h, -1 for a usage error (o->bad: the letter, if one).  One
 * case per option letter, hence its length. */
static int parse_args(struct ctx *c, int argc, char **argv, struct opt *o)
{
	unsigned int n;
	int k;

	while ((k = opt_next(o, argc, argv, "htBiawWC:b:drqlFv:p:s:f:DM:")) != -1) {
		switch (k) {
		case 'h':
			return 1;
		case 't':
			c->show_conf = 1;
			break;
		case 'B':
			c->ro = 1;
			break;
		case 'i':
			c->ignore_wwids = 1;
			break;
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
		case 'd':
			c->dry = 1;
			break;
		case 'r':
			c->opts.force = 1;
			break;
		case 'q':
			c->opts.queue_if_no_path = 1;
			break;
		case 'l':
			c->list = c->list ? 2 : 1;
			break;
		case 'F':
			c->flush_all = 1;
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
	if (o->ind < argc)
		return -1;
	if ((c->flush || c->flush_all) && (c->list || c->filter))
		return -1;
	if ((c->wwid_op == 'a' || c->wwid_op == 'w') != (c->filter != NULL) &&
	    c->wwid_op)
		return -1;
	if ((c->wwid_op || c->show_conf) && (c->flush || c->flush_all || c->list))
		return -1;
	return 0;
}

static void out_stdout(void *arg, const char *text)
{
	(void)arg;
	fputs(text, stdout);
}

/* -a / -w / -W: the wwids file. */
static int run_wwids(struct ctx *c)
{
	const char *wwid = c->filter;
	size_t i;
	int r;

	if (c->wwid_op == 'W') {
		struct maplist ml = { 0 };
		struct mp_names nl = { 0 };

		r = dm_list(&c->dm, collect_map, &ml);
		for (i = 0; !r && i < ml.n; i++) {
			struct dm_ref ref = { .name = ml.names[i] };
			struct dm_info info;
			const char *w;

			if (!dm_info(&c->dm, &ref, &info) && (w = mp_uuid_wwid(info.uuid)))
				r = mp_names_add(&nl, w, NULL);
		}
		free(ml.names);
		if (!r) {
			mp_mkdir_parent(c->cfg.wwids_file);
			r = mp_wwids_write(c->cfg.wwids_file, &nl);
		}
		mp_names_free(&nl);
		if (r) {
			log_err(r, "%s:", c->cfg.wwids_file);
			return 1;
		}
		if (c->verbose >= 1)
			printf("successfully reset wwids\n");
		return 0;
	}
	/* a device argument names a path: its WWID; else it is one */
	r = scsi_scan_all(&c->scan, SCSI_SCAN_IDS);
	for (i = 0; !r && i < c->scan.n; i++)
		if (c->scan.paths[i].wwid[0] &&
		    mp_filter_match(c->filter, &c->scan.paths[i], NULL)) {
			wwid = c->scan.paths[i].wwid;
			break;
		}
	/* "/dev/null" naming no path is no WWID either: never write it */
	if (wwid == c->filter && strchr(wwid, '/')) {
		log_msg("%s: not a multipath path", wwid);
		return 1;
	}
	if (c->wwid_op == 'a') {
		mp_mkdir_parent(c->cfg.wwids_file);
		r = mp_wwids_add(c->cfg.wwids_file, wwid);
		if (r < 0) {
			log_err(r, "%s:", c->cfg.wwids_file);
			return 1;
		}
		if (c->verbose >= 1)
			printf("wwid '%s' added\n", wwid);
		return 0;
	}
	if (mp_wwids_del(&c->cfg.wwids, wwid)) {
		if (c->verbose >= 1)
			printf("wwid '%s' not in %s\n", wwid, c->cfg.wwids_file);
		return 0;
	}
	r = mp_wwids_write(c->cfg.wwids_file, &c->cfg.wwids);
	if (r) {
		log_err(r, "%s:", c->cfg.wwids_file);
		return 1;
	}
	if (c->verbose >= 1)
		printf("wwid '%s' removed\n", wwid);
	return 0;
}

int main(int argc, char **argv)
{
	static struct ctx c;
	struct opt o = OPT_INIT;
	int r, ret;

	log_init(argv[0]);
	c.verbose = 2;
	mp_opts_init(&c.opts);
	c.dm.fd = -1;
	c.scan.sysfs = "/sys";
	c.scan.devdir = "/dev";
	r = parse_args(&c, argc, argv, &o);
	if (r)
		return r > 0 ? log_help(usage) : log_usage(usage, o.bad, MP_UNSUPPORTED);
	/* a configuration with errors is warnings, never a failure */
	r = mp_config_load(&c.cfg, c.conf_file, mp_conf_warn_log, NULL);
	if (r) {
		log_err(r, "reading the configuration:");
		return 1;
	}
	if (c.bindings_file) {
		mp_names_free(&c.cfg.bindings);
		c.cfg.bindings_file = c.bindings_file;
		r = mp_bindings_load(c.bindings_file, &c.cfg.bindings);
		if (r)
			log_msg("warning: %s: %s", c.bindings_file, mp_file_err(r));
	}
	if (c.show_conf) {
		mp_conf_dump(&c.cfg.conf, out_stdout, NULL);
		mp_config_free(&c.cfg);
		return 0;
	}
	/* the initramfs (its init sets MPBOOT_KMSG) reads the image's
	 * bindings and wwids but never writes them */
	c.ro |= getenv("MPBOOT_KMSG") != NULL;
	c.opts.conf = &c.cfg.conf;
	c.opts.bindings = &c.cfg.bindings;
	c.opts.wwids = c.ignore_wwids ? NULL : &c.cfg.wwids;
	/* a bindings file that cannot be written (read-only root): no new
	 * name, the WWID instead, as multipath-tools */
	c.opts.names_ro = c.ro || !mp_file_writable(c.cfg.bindings_file);
	c.opts.verbose = c.verbose;
	c.allow_queue = c.opts.queue_if_no_path ||
			c.cfg.conf.queue_without_daemon == MP_YES || daemon_running();
	c.timing = getenv("MPBOOT_TIMING") != NULL;
	if (getenv("MPBOOT_FORCE_SGIO"))
		c.scan_flags |= SCSI_SCAN_SGIO; /* tests: VPD via SG_IO only */
	if (geteuid() != 0) {
		log_msg("must run as root");
		return 1;
	}
	if (access("/sys/block", F_OK)) {
		log_msg("/sys/block missing: mount sysfs first");
		return 1;
	}
	r = dm_open(&c.dm);
	if (r) {
		log_err(r, "%s:", c.dm.what);
		return 1;
	}
	c.text = malloc(MP_PARAMS_LEN);
	if (!c.text) {
		dm_close(&c.dm);
		return 1;
	}
	if (c.wwid_op)
		ret = run_wwids(&c);
	else if (c.flush)
		ret = flush_one(&c, c.flush, 0);
	else if (c.flush_all)
		ret = run_flush_all(&c);
	else if (c.list)
		ret = run_list(&c);
	else
		ret = run_create(&c);
	fflush(stdout);
	/* With udev running: once for the whole run, wait until udev has
	 * made the links of every map touched (a warning, not a failure). */
	r = dm_udev_wait(&c.dm, DM_UDEV_TIMEOUT_MS);
	if (r)
		log_err(r, "warning: %s:", c.dm.what);
	free(c.text);
	mp_config_free(&c.cfg);
	scsi_scan_free(&c.scan);
	dm_close(&c.dm);
	return ret;
}
