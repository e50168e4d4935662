/* multipath -l / -ll: the live multipath maps as topology, each read
 * through mp_map_view() (engine/view.c) and joined by devt to the scanned
 * paths; and the topology lines the create report shares. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "log.h"
#include "multipath.h"
#include "plan.h"
#include "str.h"
#include "view.h"

/* What one listing works over, and its scratch: static in mpt_list, as
 * main's context is, being too large for a stack. */
struct lister {
	struct dm_ctx *dm;
	struct scsi_scan *scan;
	int level, verbose;
	const char *filter;
	struct mp_map_view view;
	char text[MP_PARAMS_LEN];
	char *tur; /* by scanned path: 'r' ready, 'f' faulty, 0 not known */
};

void mpt_print_path_line(const struct mp_path *p, const char *dm_state,
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

void mpt_print_map(const char *action, const char *name, const char *wwid,
		   const char *dmdev, const struct mp_path *first,
		   const struct mp_table *t, uint64_t len, const char *wp)
{
	char size[24];
	int named = strcmp(name, wwid) != 0; /* "name (wwid)" */

	mp_fmt_size(len, size, sizeof(size));
	printf("%s%s%s%s%s%s %s %s,%s\n", action, action[0] ? ": " : "", name,
	       named ? " (" : "", named ? wwid : "", named ? ")" : "", dmdev,
	       first ? first->vendor : "##", first ? first->model : "##");
	printf("size=%s features='%u%s%s' hwhandler='%u%s%s%s%s' wp=%s\n", size,
	       t->nfeat, t->nfeat ? " " : "", t->features,
	       t->hwh[0] ? 1 + t->nhwh_args : 0, t->hwh[0] ? " " : "", t->hwh,
	       t->nhwh_args ? " " : "", t->hwh_args, wp);
}

void mpt_print_pg(int last_pg, const char *selector, int prio,
		  const char *status)
{
	printf("%s-+- policy='%s 0' prio=%d status=%s\n", last_pg ? "`" : "|",
	       selector, prio, status);
}

int mpt_dev_width(const struct mp_table *t)
{
	unsigned int k;
	int w = 0;

	for (k = 0; k < t->ndev; k++) {
		char dt[24];
		int n = snprintf(dt, sizeof(dt), "%u:%u", t->maj[k], t->min[k]);

		if (n > w)
			w = n;
	}
	return w;
}

int mpt_map_add(const char *name, dev_t dev, void *arg)
{
	struct mpt_maps *m = arg;

	(void)dev;
	if (m->n == m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 32;
		void *nn = realloc(m->names, cap * sizeof(*m->names));

		if (!nn)
			return -ENOMEM;
		m->names = nn;
		m->cap = cap;
	}
	return str_copy(m->names[m->n++], name, MP_DM_NAME_LEN);
}

int mpt_maps_read(struct dm_ctx *dm, struct mpt_maps *m)
{
	int r = dm_list(dm, mpt_map_add, m);

	if (r) {
		log_err(r, "%s:", dm->what ? dm->what : "listing maps");
		free(m->names);
		m->names = NULL;
	}
	return r != 0;
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

/* The scanned path of a table's device (the scan is sorted by devt). */
static struct mp_path *find_dev(const struct lister *l, unsigned int ma,
				unsigned int mi)
{
	struct mp_path key;

	key.maj = ma;
	key.min = mi;
	return bsearch(&key, l->scan->paths, l->scan->n, sizeof(key), devt_cmp);
}

/* -ll checks each path with a TEST UNIT READY; -l does not touch them. */
static const char *check_path(const struct lister *l, const struct mp_path *p)
{
	int fd, r;

	if (l->level < 2)
		return "undef";
	if (l->tur && l->tur[p - l->scan->paths])
		return l->tur[p - l->scan->paths] == 'r' ? "ready" : "faulty";
	fd = scsi_open_node(l->scan->devdir, p->dev);
	if (fd < 0)
		return "faulty";
	r = scsi_tur(fd);
	close(fd);
	return r ? "faulty" : "ready";
}

/* Does the device argument name this map: its name, its WWID, or one of
 * its paths? */
static int map_named(const struct lister *l, const char *name, const char *wwid)
{
	const struct mp_table *t = &l->view.t;
	unsigned int k;

	if (!l->filter || !strcmp(l->filter, name) || !strcmp(l->filter, wwid))
		return 1;
	for (k = 0; k < t->ndev; k++) {
		const struct mp_path *p = find_dev(l, t->maj[k], t->min[k]);

		if (p && mp_filter_match(l->filter, p, NULL))
			return 1;
	}
	return 0;
}

/* One path group: its line, then its paths' (a device no scan found is
 * shown as gone). */
static void show_group(const struct lister *l, unsigned int g, int w)
{
	const struct mp_map_view *v = &l->view;
	const struct mp_pg *pg = &v->t.pg[g];
	int last_pg = g + 1 == v->t.npg, sum = 0, np = 0;
	char st = v->st.npg == v->t.npg ? v->st.pg_state[g] : 0;
	unsigned int k;

	/* a group's priority: the mean of its paths' (-ll only) */
	for (k = 0; l->level >= 2 && k < pg->n; k++) {
		const struct mp_path *p = find_dev(l, v->t.maj[pg->first + k],
						   v->t.min[pg->first + k]);

		if (p && p->prio >= 0) {
			sum += p->prio;
			np++;
		}
	}
	mpt_print_pg(last_pg, pg->selector, np ? sum / np : 0,
		     st == 'F' ? "undef" : mp_state_name(st));
	for (k = 0; k < pg->n; k++) {
		unsigned int d = pg->first + k;
		const struct mp_path *p = find_dev(l, v->t.maj[d], v->t.min[d]);
		char ps = v->st.ndev ? v->st.path_state[d] : 0;
		const char *dms = ps == 'E' || ps == 'D' ? "undef" : mp_state_name(ps);

		if (p) {
			mpt_print_path_line(p, dms, check_path(l, p), last_pg,
					    k + 1 == pg->n, w);
		} else {
			printf("%s %s #:#:#:# - %u:%u %s faulty gone\n",
			       last_pg ? " " : "|", k + 1 == pg->n ? "`-" : "|-",
			       v->t.maj[d], v->t.min[d], dms);
		}
	}
}

static void show_map(struct lister *l, const char *name)
{
	struct mp_map_view *v = &l->view;
	const char *wwid;
	struct mp_path *first = NULL;
	char dmdev[24], shown[MP_DM_NAME_LEN];
	unsigned int g, k;
	int w;

	if (mp_map_view(l->dm, name, l->text, v) || !(wwid = mp_uuid_wwid(v->info.uuid)) ||
	    !map_named(l, name, wwid))
		return;
	w = mpt_dev_width(&v->t);
	for (k = 0; k < v->t.ndev && !first; k++)
		first = find_dev(l, v->t.maj[k], v->t.min[k]);
	if (first && !first->vendor[0])
		scsi_path_strings(l->scan->sysfs, first, &l->scan->pool);
	/* a map made elsewhere may hold control bytes in its name (ours
	 * cannot: mp_name_check); none reaches the terminal */
	str_copy(shown, name, sizeof(shown));
	str_vis(shown, "");
	if (l->verbose == 1) {
		printf("%s\n", shown);
		return;
	}
	snprintf(dmdev, sizeof(dmdev), "dm-%u", minor(v->info.dev));
	mpt_print_map("", shown, wwid, dmdev, first, &v->t, v->len,
		      (v->info.flags & 1u) ? "ro" : "rw"); /* DM_READONLY_FLAG */
	for (g = 0; g < v->t.npg; g++)
		show_group(l, g, w);
}

/* -ll: the real priorities, which need WWIDs (multipaths entries) and
 * the ALUA attributes; the scan sorted by devt for find_dev.  Each
 * path's TEST UNIT READY goes with its RTPG, all at once on one fd of
 * its sg node (one after the other, 512 paths took 512 of scsi_debug's
 * jiffy-late answers; an open each, 0.1-0.2 s at 512 paths under TCG);
 * a path not asked there is asked in check_path. */
static int scan_paths(struct lister *l, const struct mp_conf *conf)
{
	struct scsi_scan *s = l->scan;
	int r = scsi_scan_all(s, l->level >= 2 ? SCSI_SCAN_IDS | SCSI_SCAN_STRINGS |
			      SCSI_SCAN_ALUA | SCSI_SCAN_LIST : 0);
	size_t i;

	if (r) {
		log_err(r, "scanning /sys/block:");
		return 1;
	}
	qsort(s->paths, s->n, sizeof(*s->paths), devt_cmp);
	if (l->level >= 2) {
		struct mp_path **pp = calloc(s->n + 1, sizeof(*pp));

		for (i = 0; pp && i < s->n; i++)
			pp[i] = &s->paths[i];
		l->tur = calloc(s->n + 1, 1);
		/* every path its own RTPG, all at once: no order needed */
		if (pp)
			mp_paths_prio_known(pp, s->n, conf, s->devdir, NULL, NULL, l->tur);
		free(pp);
	}
	return 0;
}

int mpt_list(struct dm_ctx *dm, struct scsi_scan *scan,
	     const struct mp_conf *conf, int level, int verbose,
	     const char *filter)
{
	static struct lister lister;
	struct lister *l = &lister;
	struct mpt_maps m = { 0 };
	size_t i;
	int r;

	l->dm = dm;
	l->scan = scan;
	l->level = level;
	l->verbose = verbose;
	l->filter = filter;
	r = scan_paths(l, conf) || mpt_maps_read(dm, &m);
	if (!r && m.n)
		qsort(m.names, m.n, sizeof(*m.names), name_cmp);
	for (i = 0; !r && i < m.n; i++)
		show_map(l, m.names[i]);
	free(m.names);
	free(l->tur);
	l->tur = NULL;
	return r;
}
