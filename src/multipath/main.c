/* multipath: discover SCSI paths, derive WWIDs, coalesce, group, and
 * create or reload device-mapper multipath maps (the 2004 design's
 * `multipath`, for today's kernel).  The work is in src/lib (scsi.c:
 * discovery, vpd.c: WWIDs, mpath.c: groups and tables, dm.c: ioctls);
 * this file is argv, the create/reload decision and printing.
 *
 * Exit: 0 success, 1 failure, 2 usage. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "dm.h"
#include "dmudev.h"
#include "log.h"
#include "mpath.h"
#include "scsi.h"
#include "str.h"

static const char usage[] =
	"usage: multipath [-v N] [-d] [-r] [-p policy] [-s selector] [-q] [device]\n"
	"       multipath [-v N] -l | -ll [device]\n"
	"       multipath [-v N] -f map | -F\n"
	"Create or reload device-mapper multipath maps for the SCSI disks in\n"
	"/sys/block; map name = WWID, DM UUID = mpath-WWID.\n"
	"  -v N  0 silent, 1 map names, 2 topology of changed maps (default),\n"
	"        3 also the path list and the coalesced multipaths\n"
	"  -d    dry run: say what would be done, change nothing\n"
	"  -r    reload maps even when the table is unchanged\n"
	"  -p    failover (default) multibus group_by_serial group_by_prio\n"
	"        group_by_node_name\n"
	"  -s    path selector: service-time (default) round-robin queue-length\n"
	"  -q    add the queue_if_no_path feature\n"
	"  -l    show maps, -ll also test each path (TEST UNIT READY)\n"
	"  -f    remove an unused map, -F all unused multipath maps\n"
	"  device  /dev/sdX, sdX, MAJ:MIN, a WWID or a map name\n"
	"Exit: 0 ok, 1 failure, 2 usage.\n";

#define TABLE_TEXT 16384

/* A map that exists when the run starts. */
struct live_map {
	char name[MP_DM_NAME_LEN];
	char uuid[MP_DM_UUID_LEN];
};

static int live_uuid_cmp(const void *key, const void *m)
{
	return strcmp(key, ((const struct live_map *)m)->uuid);
}

static int live_sort_cmp(const void *a, const void *b)
{
	return strcmp(((const struct live_map *)a)->uuid,
		      ((const struct live_map *)b)->uuid);
}

struct ctx {
	int verbose;
	int dry, force, list, qinp, flush_all;
	int failed, timing;
	enum mp_policy policy;
	const char *selector;
	const char *flush;
	const char *filter;
	unsigned int scan_flags;
	struct dm_ctx dm;
	struct scsi_scan scan;
	struct mp_path **pp;   /* usable paths, sorted by WWID */
	size_t npp;
	struct mp_table want, live;
	/* maps listed once up front (a whole-system run): one DM_DEV_STATUS
	 * per existing map instead of two failing lookups per new one */
	struct live_map *maps;
	size_t nmaps, capmaps;
	int prelisted;
	struct mp_status st;
	char *text;            /* TABLE_TEXT bytes */
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

static int path_usable(const struct mp_path *p)
{
	return !strcmp(p->state, "running") || !strcmp(p->state, "blocked") ||
	       !strcmp(p->state, "quiesce");
}

/* Does the user's device argument name this path or LU? */
static int filter_match(const char *f, const struct mp_path *p, const char *name)
{
	unsigned int ma, mi;
	char tmp[24];
	char *colon;

	if (!f)
		return 1;
	if (!strncmp(f, "/dev/", 5))
		f += 5;
	if (!strcmp(f, p->dev) || !strcmp(f, p->wwid) || (name && !strcmp(f, name)))
		return 1;
	if (!str_copy(tmp, f, sizeof(tmp)) && (colon = strchr(tmp, ':'))) {
		*colon = '\0';
		if (!str_to_uint(tmp, 0xfff, &ma) &&
		    !str_to_uint(colon + 1, 0xfffff, &mi) && ma == p->maj &&
		    mi == p->min)
			return 1;
	}
	return 0;
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

/* Topology of the wanted table t for paths pp (create/reload, -v2). */
static void print_wanted(struct ctx *c, const char *action, const char *name,
			 const char *wwid, const char *dmdev, struct mp_path **pp,
			 unsigned int n)
{
	const struct mp_table *t = &c->want;
	char size[24], dt[24];
	unsigned int g, i, k;
	int w = 0;

	for (i = 0; i < n; i++) {
		int l = snprintf(dt, sizeof(dt), "%u:%u", pp[i]->maj, pp[i]->min);

		if (l > w)
			w = l;
	}
	if (!pp[0]->vendor[0])
		scsi_path_strings(c->scan.sysfs, pp[0]);
	mp_fmt_size(pp[0]->size, size, sizeof(size));
	if (strcmp(name, wwid))
		printf("%s: %s (%s) %s %s,%s\n", action, name, wwid, dmdev,
		       pp[0]->vendor, pp[0]->model);
	else
		printf("%s: %s %s %s,%s\n", action, name, dmdev, pp[0]->vendor,
		       pp[0]->model);
	printf("size=%s features='%s' hwhandler='%s%s' wp=%s\n", size,
	       t->queue_if_no_path ? "1 queue_if_no_path" : "0",
	       t->hwh[0] ? "1 " : "0", t->hwh, c->dry ? "undef" : "rw");
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

/* Split "start len type params\n" of a one-target map. */
static int split_target(char *text, uint64_t *len, const char **type,
			const char **params)
{
	char *f[3], *s = text, *nl;
	unsigned int i;

	nl = strchr(text, '\n');
	if (!nl || nl[1])
		return -EINVAL; /* not exactly one target */
	*nl = '\0';
	for (i = 0; i < 3; i++) {
		f[i] = s;
		s = strchr(s, ' ');
		if (!s) {
			if (i < 2)
				return -EINVAL;
			s = f[i] + strlen(f[i]);
		} else {
			*s++ = '\0';
		}
	}
	if (strcmp(f[0], "0") || str_to_u64(f[1], len))
		return -EINVAL;
	*type = f[2];
	*params = s;
	return 0;
}

/* The LU's map may exist under another name (an alias given by the
 * booted system's multipath-tools): it is found by DM UUID.  0 and
 * info->name set: it exists; -ENXIO: free to create; -EEXIST: the name is
 * taken by a map with another UUID (info->uuid). */
static int lookup_map(struct ctx *c, const char *name, const char *uuid,
		      struct dm_info *info)
{
	struct dm_ref ref = { .uuid = uuid };
	size_t i;
	int r;

	if (c->prelisted) {
		const struct live_map *m = bsearch(uuid, c->maps, c->nmaps,
						   sizeof(*c->maps), live_uuid_cmp);

		memset(info, 0, sizeof(*info));
		if (m)
			return str_copy(info->name, m->name, sizeof(info->name));
		for (i = 0; i < c->nmaps; i++)
			if (!strcmp(c->maps[i].name, name)) {
				str_copy(info->uuid, c->maps[i].uuid, sizeof(info->uuid));
				return -EEXIST;
			}
		return -ENXIO;
	}
	r = dm_info(&c->dm, &ref, info);
	if (r != -ENXIO)
		return r;
	ref.uuid = NULL;
	ref.name = name;
	r = dm_info(&c->dm, &ref, info);
	return r ? r : -EEXIST;
}

static int collect_live(const char *name, dev_t dev, void *arg)
{
	struct ctx *c = arg;
	struct dm_ref ref = { .name = name };
	struct dm_info info;
	int r;

	(void)dev;
	if (c->nmaps == c->capmaps) {
		size_t cap = c->capmaps ? 2 * c->capmaps : 64;
		struct live_map *m = realloc(c->maps, cap * sizeof(*m));

		if (!m)
			return -ENOMEM;
		c->maps = m;
		c->capmaps = cap;
	}
	r = dm_info(&c->dm, &ref, &info);
	if (r == -ENXIO)
		return 0; /* removed meanwhile */
	if (r)
		return r;
	str_copy(c->maps[c->nmaps].name, info.name, MP_DM_NAME_LEN);
	str_copy(c->maps[c->nmaps].uuid, info.uuid, MP_DM_UUID_LEN);
	c->nmaps++;
	return 0;
}

/* Create or reload the map of one LU: pp[0..n) share a WWID. */
static void do_lu(struct ctx *c, struct mp_path **pp, unsigned int n)
{
	char name[MP_DM_NAME_LEN], uuid[MP_DM_UUID_LEN], dmdev[24];
	const char *wwid = pp[0]->wwid, *type, *params, *action;
	struct dm_ref ref = { 0 };
	struct dm_info info;
	struct dm_target tgt;
	uint64_t live_len;
	unsigned int i, k;
	int r, exists;

	/* paths of one LU must agree on its size; drop the odd ones */
	for (i = 1, k = 1; i < n; i++) {
		if (pp[i]->size != pp[0]->size) {
			if (c->verbose >= 2)
				log_msg("%s: size %llu differs from %s's, not used",
					pp[i]->dev, (unsigned long long)pp[i]->size,
					pp[0]->dev);
			continue;
		}
		pp[k++] = pp[i];
	}
	n = k;
	if (mp_map_name(wwid, name, sizeof(name)) ||
	    mp_map_uuid(wwid, uuid, sizeof(uuid))) {
		log_msg("%s: WWID too long for a map name, skipped", wwid);
		c->failed = 1;
		return;
	}
	r = mp_table_build(pp, n, c->policy, c->selector, c->qinp, &c->want);
	if (!r)
		r = mp_table_format(&c->want, c->text, TABLE_TEXT);
	if (r) {
		log_err(r, "%s: cannot build table:", name);
		c->failed = 1;
		return;
	}

	r = lookup_map(c, name, uuid, &info);
	if (r == -EEXIST) {
		log_msg("%s: a map of that name exists with UUID '%s', skipped",
			name, info.uuid);
		c->failed = 1;
		return;
	}
	if (r && r != -ENXIO) {
		log_err(r, "%s: %s:", name, c->dm.what);
		c->failed = 1;
		return;
	}
	exists = !r;
	action = "create";
	snprintf(dmdev, sizeof(dmdev), "undef");
	if (exists) {
		char *live = malloc(TABLE_TEXT);

		if (!live) {
			c->failed = 1;
			return;
		}
		str_copy(name, info.name, sizeof(name));
		ref.uuid = NULL;
		ref.name = name;
		action = "reload";
		r = dm_table(&c->dm, &ref, 0, &info, live, TABLE_TEXT);
		if (!r && !split_target(live, &live_len, &type, &params) &&
		    !strcmp(type, "multipath") && live_len == pp[0]->size &&
		    !mp_table_parse(params, &c->live) &&
		    mp_table_equal(&c->want, &c->live))
			action = c->force ? "reload" : NULL;
		free(live);
		snprintf(dmdev, sizeof(dmdev), "dm-%u", minor(info.dev));
		if (!action) {
			if (c->verbose >= 3)
				log_msg("%s: unchanged", name);
			return;
		}
	}

	if (!c->dry) {
		dev_t dev = 0;

		tgt.start = 0;
		tgt.len = pp[0]->size;
		tgt.type = "multipath";
		tgt.params = c->text;
		/* A reload tells multipath-tools' udev rules that the map's
		 * contents did not change (no new kpartx, no new blkid). */
		if (exists)
			r = dm_reload(&c->dm, name, &tgt, 1,
				      MP_DM_UDEV(MPATH_UDEV_RELOAD_FLAG));
		else
			r = dm_create(&c->dm, name, uuid, &tgt, 1, 0, &dev);
		if (r) {
			uint32_t v[3];

			if (dm_target_version(&c->dm, "multipath", v) == -ENOENT)
				log_msg("%s: kernel has no dm-multipath target "
					"(modprobe dm-multipath)", name);
			else
				log_err(r, "%s: %s %s:", name, action, c->dm.what);
			c->failed = 1;
			return;
		}
		if (!exists)
			snprintf(dmdev, sizeof(dmdev), "dm-%u", minor(dev));
	}
	if (c->verbose == 1)
		printf("%s\n", name);
	else if (c->verbose >= 2)
		print_wanted(c, action, name, wwid, dmdev, pp, n);
	if (c->verbose >= 3)
		printf("table: 0 %llu multipath %s\n",
		       (unsigned long long)pp[0]->size, c->text);
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

static int run_create(struct ctx *c)
{
	size_t i, j;
	int r;

	/* read only what this policy and verbosity will use */
	if (c->policy == MP_GROUP_BY_SERIAL)
		c->scan_flags |= SCSI_SCAN_SERIAL;
	if (c->policy == MP_GROUP_BY_NODE_NAME)
		c->scan_flags |= SCSI_SCAN_NODE;
	if (c->verbose >= 3)
		c->scan_flags |= SCSI_SCAN_STRINGS;
	phase(c, "start");
	r = scsi_scan_all(&c->scan, SCSI_SCAN_IDS | c->scan_flags);
	phase(c, "scanned");
	if (r) {
		log_err(r, "scanning /sys/block:");
		return 1;
	}
	c->pp = calloc(c->scan.n + 1, sizeof(*c->pp));
	if (!c->pp)
		return 1;
	for (i = 0; i < c->scan.n; i++) {
		struct mp_path *p = &c->scan.paths[i];

		if (!p->wwid[0]) {
			if (c->verbose >= 3)
				log_err(p->err, "%s: no usable WWID, skipped:", p->dev);
			continue;
		}
		if (!path_usable(p)) {
			if (c->verbose >= 3)
				log_msg("%s: state %s, not used", p->dev, p->state);
			continue;
		}
		c->pp[c->npp++] = p;
	}
	mp_sort_paths(c->pp, c->npp);
	phase(c, "sorted");
	if (c->verbose >= 3) {
		print_path_list(c);
		printf("===== coalesced multipaths =====\n");
		for (i = 0; i < c->npp; i++) {
			const struct mp_path *p = c->pp[i];

			if (!i || strcmp(p->wwid, c->pp[i - 1]->wwid))
				printf("%s\n", p->wwid);
			printf("\\_(%u %u %u %llu) /dev/%s [%s %s]\n", p->host,
			       p->channel, p->target, (unsigned long long)p->lun,
			       p->dev, p->vendor, p->model);
		}
		printf("===== maps =====\n");
	}
	if (!c->filter && c->npp) {
		r = dm_list(&c->dm, collect_live, c);
		if (r) {
			log_err(r, "%s:", c->dm.what ? c->dm.what : "listing maps");
			return 1;
		}
		if (c->nmaps)
			qsort(c->maps, c->nmaps, sizeof(*c->maps), live_sort_cmp);
		c->prelisted = 1;
	}
	for (i = 0; i < c->npp; i = j) {
		int match = 0;

		for (j = i; j < c->npp && !strcmp(c->pp[j]->wwid, c->pp[i]->wwid); j++)
			match |= filter_match(c->filter, c->pp[j], NULL);
		if (!match)
			continue;
		if (j - i > MP_MAX_MAP_PATHS) {
			log_msg("%s: %lu paths, only %u used", c->pp[i]->wwid,
				(unsigned long)(j - i), MP_MAX_MAP_PATHS);
			do_lu(c, c->pp + i, MP_MAX_MAP_PATHS);
		} else {
			do_lu(c, c->pp + i, (unsigned int)(j - i));
		}
	}
	phase(c, "maps done");
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
	struct dm_ref ref = { .name = name };
	struct dm_info info;
	const char *type, *params, *wwid;
	struct mp_path *first = NULL;
	char size[24];
	uint64_t len;
	unsigned int g, k;
	int w = 0;

	if (dm_info(&c->dm, &ref, &info) || strncmp(info.uuid, "mpath-", 6))
		return;
	wwid = info.uuid + 6;
	if (dm_table(&c->dm, &ref, 0, &info, c->text, TABLE_TEXT) ||
	    split_target(c->text, &len, &type, &params) ||
	    strcmp(type, "multipath") || mp_table_parse(params, &c->live))
		return;
	if (dm_table(&c->dm, &ref, 1, &info, c->text, TABLE_TEXT) ||
	    split_target(c->text, &len, &type, &params) ||
	    mp_status_parse(params, &c->st) || c->st.ndev != c->live.ndev)
		memset(&c->st, 0, sizeof(c->st));
	if (c->filter) {
		int match = !strcmp(c->filter, name) || !strcmp(c->filter, wwid);

		for (k = 0; k < c->live.ndev && !match; k++) {
			const struct mp_path *p = find_dev(c, c->live.maj[k], c->live.min[k]);

			match = p && filter_match(c->filter, p, NULL);
		}
		if (!match)
			return;
	}
	for (k = 0; k < c->live.ndev; k++) {
		char dt[24];
		int l = snprintf(dt, sizeof(dt), "%u:%u", c->live.maj[k], c->live.min[k]);
		struct mp_path *p = find_dev(c, c->live.maj[k], c->live.min[k]);

		if (l > w)
			w = l;
		if (p && !first)
			first = p;
	}
	if (first && !first->vendor[0])
		scsi_path_strings(c->scan.sysfs, first);
	if (c->verbose == 1) {
		printf("%s\n", name);
		return;
	}
	mp_fmt_size(len, size, sizeof(size));
	if (strcmp(name, wwid))
		printf("%s (%s) dm-%u %s,%s\n", name, wwid, minor(info.dev),
		       first ? first->vendor : "##", first ? first->model : "##");
	else
		printf("%s dm-%u %s,%s\n", name, minor(info.dev),
		       first ? first->vendor : "##", first ? first->model : "##");
	printf("size=%s features='%s' hwhandler='%s%s' wp=%s\n", size,
	       c->live.queue_if_no_path ? "1 queue_if_no_path" : "0",
	       c->live.hwh[0] ? "1 " : "0", c->live.hwh,
	       (info.flags & 1u) ? "ro" : "rw"); /* DM_READONLY_FLAG */
	for (g = 0; g < c->live.npg; g++) {
		const struct mp_pg *pg = &c->live.pg[g];
		int last_pg = g + 1 == c->live.npg;
		char st = c->st.npg == c->live.npg ? c->st.pg_state[g] : 0;

		printf("%s-+- policy='%s 0' prio=%d status=%s\n", last_pg ? "`" : "|",
		       pg->selector, c->list >= 2 ? 1 : 0,
		       st == 'A' ? "active" : st == 'E' ? "enabled" :
		       st == 'D' ? "disabled" : "undef");
		for (k = 0; k < pg->n; k++) {
			unsigned int d = pg->first + k;
			const struct mp_path *p = find_dev(c, c->live.maj[d], c->live.min[d]);
			char ps = c->st.ndev ? c->st.path_state[d] : 0;
			const char *dms = ps == 'A' ? "active" : ps == 'F' ? "failed" : "undef";

			if (p) {
				print_path_line(p, dms, check_path(c, p), last_pg,
						k + 1 == pg->n, w);
			} else {
				printf("%s %s #:#:#:# - %u:%u %s faulty gone\n",
				       last_pg ? " " : "|", k + 1 == pg->n ? "`-" : "|-",
				       c->live.maj[d], c->live.min[d], dms);
			}
		}
	}
}

static int run_list(struct ctx *c)
{
	struct maplist l = { 0 };
	size_t i;
	int r;

	r = scsi_scan_all(&c->scan, 0);
	if (r) {
		log_err(r, "scanning /sys/block:");
		return 1;
	}
	qsort(c->scan.paths, c->scan.n, sizeof(*c->scan.paths), devt_cmp);
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
	if (strncmp(info.uuid, "mpath-", 6)) {
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

static int parse_args(struct ctx *c, int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (a[0] != '-' || !a[1]) {
			if (c->filter)
				return -1;
			c->filter = a;
			continue;
		}
		if (!strcmp(a, "-h"))
			return 1;
		if (!strcmp(a, "-d")) {
			c->dry = 1;
		} else if (!strcmp(a, "-r")) {
			c->force = 1;
		} else if (!strcmp(a, "-q")) {
			c->qinp = 1;
		} else if (!strcmp(a, "-l")) {
			c->list = c->list ? 2 : 1;
		} else if (!strcmp(a, "-ll")) {
			c->list = 2;
		} else if (!strcmp(a, "-F")) {
			c->flush_all = 1;
		} else if (!strncmp(a, "-v", 2)) {
			const char *v = a[2] ? a + 2 : (++i < argc ? argv[i] : NULL);
			unsigned int n;

			if (!v || str_to_uint(v, 9, &n))
				return -1;
			c->verbose = (int)n;
		} else if (!strcmp(a, "-p") || !strcmp(a, "-s") || !strcmp(a, "-f")) {
			if (++i >= argc)
				return -1;
			if (a[1] == 'p' && mp_policy_parse(argv[i], &c->policy))
				return -1;
			if (a[1] == 's') {
				if (!mp_selector_ok(argv[i]))
					return -1;
				c->selector = argv[i];
			}
			if (a[1] == 'f')
				c->flush = argv[i];
		} else {
			return -1;
		}
	}
	if ((c->flush || c->flush_all) && (c->list || c->filter))
		return -1;
	return 0;
}

int main(int argc, char **argv)
{
	static struct ctx c;
	int r, ret;

	log_init(argv[0]);
	c.verbose = 2;
	c.policy = MP_FAILOVER;
	c.selector = "service-time";
	c.dm.fd = -1;
	c.scan.sysfs = "/sys";
	c.scan.devdir = "/dev";
	r = parse_args(&c, argc, argv);
	if (r) {
		fputs(usage, r > 0 ? stdout : stderr);
		return r > 0 ? 0 : 2;
	}
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
	c.text = malloc(TABLE_TEXT);
	if (!c.text) {
		dm_close(&c.dm);
		return 1;
	}
	if (c.flush)
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
	free(c.pp);
	free(c.maps);
	scsi_scan_free(&c.scan);
	dm_close(&c.dm);
	return ret;
}
