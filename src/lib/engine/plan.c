/* The pure multipath planner, see plan.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf_path.h"
#include "plan.h"
#include "prio.h"
#include "prio_io.h"
#include "str.h"

static const char *const act_names[] = {
	[MP_KEEP] = "keep", [MP_CREATE] = "create", [MP_RELOAD] = "reload",
	[MP_FLUSH] = "flush", [MP_SKIP] = "skip", [MP_IGNORE] = "ignore",
};

const char *mp_act_name(enum mp_act a)
{
	return (unsigned int)a <= MP_IGNORE ? act_names[a] : "?";
}

size_t mp_blacklist_filter_at(struct mp_path **pp, size_t n, const struct mp_conf *c,
			      const char *sysfs, const char *udevdir,
			      void (*why)(const struct mp_path *p, const char *reason,
					  void *arg), void *arg)
{
	int proto = c && (mp_conf_wants_proto(c) & 1);
	size_t i, k = 0;

	/* no udev database (the initramfs): one access, not one open a path */
	if (access(udevdir, X_OK))
		udevdir = NULL;

	for (i = 0; i < n; i++) {
		const struct mp_path *q = pp[i];
		char props[1024];
		struct mp_bl_path b = { q->dev, q->vendor, q->model, q->wwid,
					proto ? mp_path_proto(sysfs, q->dev) : NULL,
					mp_path_props(udevdir, q, props, sizeof(props)) };
		const char *reason;

		if (mp_conf_bl_path(c, &b, &reason)) {
			if (why)
				why(pp[i], reason, arg);
			continue;
		}
		pp[k++] = pp[i];
	}
	return k;
}

size_t mp_blacklist_filter(struct mp_path **pp, size_t n, const struct mp_conf *c,
			   void (*why)(const struct mp_path *p, const char *reason,
				       void *arg), void *arg)
{
	return mp_blacklist_filter_at(pp, n, c, "/sys", "/run/udev/data", why, arg);
}

/* One pass of the prioritisers over pp (in LU order, mp_coalesce: one
 * RTPG serves an LU's paths); *at follows the path for known(). */
static void prio_pass(struct mp_path **pp, size_t n, const struct mp_conf *c,
		      const char *devdir, struct mp_rtpg_cache *rc, size_t *at)
{
	struct mp_eff e;
	size_t i;

	for (i = 0; i < n; i++) {
		const struct mp_path *q = i ? pp[i - 1] : NULL;

		/* the settings of the path before, if it is the same LU on
		 * the same kind of device: resolving matches the whole
		 * hardware table (2048 paths: 2048 x ~150 patterns) */
		if (!q || strcmp(q->wwid, pp[i]->wwid) || strcmp(q->vendor, pp[i]->vendor) ||
		    strcmp(q->model, pp[i]->model) || strcmp(q->rev, pp[i]->rev))
			mp_conf_resolve(c, pp[i]->vendor, pp[i]->model, pp[i]->rev,
					pp[i]->wwid, &e);
		*at = i;
		mp_path_prio(pp[i], &e, devdir, rc);
	}
}

/* Each path's RTPG answer, by its place in pp, for the second pass. */
struct prio_async {
	int *st;
	size_t at;
};

/* first pass: which paths' prioritisers ask the device */
static int want_rtpg(void *arg, const struct mp_path *p)
{
	struct prio_async *a = arg;

	(void)p;
	a->st[a->at] = MP_ALUA_ASK;
	return -1;
}

static int got_rtpg(void *arg, const struct mp_path *p)
{
	const struct prio_async *a = arg;
	int v = a->st[a->at];

	(void)p;
	return v < -1 ? MP_ALUA_ASK : v;
}

void mp_paths_prio_known(struct mp_path **pp, size_t n, const struct mp_conf *c,
			 const char *devdir, int (*known)(void *, const struct mp_path *),
			 void *arg, char *tur)
{
	struct prio_async a = { NULL, 0 };
	struct mp_rtpg_cache kc, *rc = known ? &kc : malloc(sizeof(*rc)); /* NULL: no sharing */
	size_t i;

	/* `multipath`: the paths' RTPGs all at once first (a path's command
	 * waits a jiffy on scsi_debug, and longer on a busy array), then the
	 * priorities from their answers; where that cannot be done, one
	 * command after the other as before */
	if (rc && !known && devdir && (a.st = malloc(n * sizeof(*a.st) + 1))) {
		for (i = 0; i < n; i++)
			a.st[i] = -3; /* no command wanted */
		rc->known = want_rtpg;
		rc->arg = &a;
		prio_pass(pp, n, c, NULL, rc, &a.at);
		mp_rtpg_all(pp, n, a.st, tur);
		known = got_rtpg;
		arg = &a;
	}
	if (rc) {
		rc->wwid = NULL;
		rc->known = known;
		rc->arg = arg;
	}
	prio_pass(pp, n, c, devdir, rc, &a.at);
	free(a.st);
	if (rc != &kc)
		free(rc);
}

/* "N w1 .. wN" (features, hardware_handler) without the count. */
static const char *counted_words(const char *s, unsigned int *n)
{
	unsigned int v = 0;

	while (*s == ' ')
		s++;
	while (*s >= '0' && *s <= '9')
		v = v * 10 + (unsigned int)(*s++ - '0');
	while (*s == ' ')
		s++;
	*n = v;
	return s;
}

/* The hardware handler as multipath-tools 0.9.4 selects it (propsel.c,
 * select_hwhandler) and as the kernel then shows it: a handler the kernel
 * already attached to a path (dh_state) is kept, whatever the config says
 * (retain_attached_hw_handler: always so since Linux 4.3, where dm-mpath
 * puts the attached one in the table and drops the configured arguments
 * unless it is the same handler); else the configured one, but a
 * configured "1 alua" is dropped for a LU where a path does not report
 * TPGS.  Unlike multipath-tools we do not write "1 alua" for an
 * unconfigured LU whose paths all report TPGS: the kernel attaches
 * scsi_dh_alua to such a device itself when it can, so that only differs
 * where it cannot, and there the table load fails (EINVAL; measured with
 * qemu-tests/mp-scsi-debug, whose image has no scsi_dh_alua). */
static const char *pick_hwh(const struct mp_eff *e, struct mp_path *const *pp,
			    unsigned int n, const char **dh)
{
	unsigned int i, tpgs = n;

	*dh = NULL;
	for (i = 0; i < n; i++) {
		if (pp[i]->dh[0] && !*dh)
			*dh = pp[i]->dh;
		tpgs -= !pp[i]->tpgs;
	}
	return tpgs < n && !strcmp(e->s.hwhandler, "1 alua") ? "0" : e->s.hwhandler;
}

/* The configured features, no_path_retry, hardware handler and rr_weight
 * on top of the grouping mp_table_build made from pp[0..n). */
static int conf_table(struct mp_table *t, const struct mp_eff *e, int cli_queue,
		      struct mp_path *const *pp, unsigned int n)
{
	unsigned int i, k;
	const char *dh, *w = counted_words(e->s.features, &k);
	int npr = e->s.no_path_retry;

	if (strlen(w) >= sizeof(t->features))
		return -ENOSPC;
	strcpy(t->features, w);
	t->nfeat = k;
	t->queue_if_no_path = 0;
	if (strstr(t->features, "queue_if_no_path")) {
		t->queue_if_no_path = 1;
		/* one source of truth: the flag, re-added below if wanted */
		mp_table_set_queueing(t, 0);
		if (!npr)
			npr = MP_NPR_QUEUE; /* multipath-tools reads it so too */
	}
	if (cli_queue || npr == MP_NPR_QUEUE || npr > 0)
		mp_table_set_queueing(t, 1);
	w = counted_words(pick_hwh(e, pp, n, &dh), &k);
	t->hwh[0] = t->hwh_args[0] = '\0';
	t->nhwh_args = 0;
	if (k) {
		size_t l = strcspn(w, " ");

		if (!l || l >= sizeof(t->hwh))
			return -ENOSPC;
		memcpy(t->hwh, w, l);
		t->hwh[l] = '\0';
		w += l;
		while (*w == ' ')
			w++;
		if (strlen(w) >= sizeof(t->hwh_args))
			return -ENOSPC;
		strcpy(t->hwh_args, w);
		t->nhwh_args = k - 1;
	}
	if (dh && strcmp(dh, t->hwh)) {
		if (str_copy(t->hwh, dh, sizeof(t->hwh)))
			return -ENOSPC;
		t->hwh_args[0] = '\0';
		t->nhwh_args = 0;
	}
	/* rr_weight priorities: a path's repeat count is rr_min_io_rq (1)
	 * times its priority, as multipath-tools' assemble_map writes it */
	for (i = 0; e->s.rr_weight == MP_RRW_PRIO && i < t->ndev; i++)
		for (k = 0; k < n; k++)
			if (pp[k]->maj == t->maj[i] && pp[k]->min == t->min[i] &&
			    pp[k]->prio > 0)
				t->rr[i] = (unsigned int)pp[k]->prio;
	return 0;
}

struct taken_ctx {
	const struct mp_lives *live;
	const struct mp_conf *conf;
	const char *wwid;
};

/* Is this name used by a map of another LU, or an alias of the config,
 * or unfit for a map ("control", see mp_name_check)? */
static int name_taken(const char *name, void *arg)
{
	const struct taken_ctx *t = arg;
	size_t i;

	for (i = 0; t->live && i < t->live->n; i++)
		if (!strcmp(t->live->m[i].name, name))
			return 1;
	for (i = 0; t->conf && i < t->conf->nmp; i++)
		if (t->conf->mp[i].s.alias && !strcmp(t->conf->mp[i].s.alias, name) &&
		    strcmp(t->conf->mp[i].wwid, t->wwid))
			return 1;
	return mp_name_check(name) != 0;
}

/* The name this LU should have, in p->name (left at the WWID name when
 * none fits); 0, or 1 if it is a WWID name only because the bindings are
 * read-only (then a live map keeps the name it has), or -1 (no alias).
 * Every source of a name -- alias, binding, alias_prefix -- passes
 * mp_name_check; one that does not is left in p->bad_name, p->bad_from
 * says which source, and the LU keeps its WWID name (or live name). */
static int want_name(struct mp_plan *p, const struct mp_opts *o,
		     const struct mp_lives *live)
{
	static struct mp_names none; /* never written: in .bss */
	const struct mp_names *b = o->bindings ? o->bindings : &none;
	const char *a = p->eff.s.alias, *pre = p->eff.s.alias_prefix;
	char buf[MP_DM_NAME_LEN];

	p->bad_from = a ? "alias" : "binding";
	if (!a && p->eff.s.ufn == MP_YES && !(a = mp_bindings_alias(b, p->wwid))) {
		struct taken_ctx t = { live, o->conf, p->wwid };

		if (o->names_ro)
			return 1;
		/* multipath-tools' use_existing_alias: a live map named
		 * prefix + letters that no binding gives another WWID keeps
		 * its name, and the binding is recorded -- a missing line is
		 * never a reason to rename a live (root) map */
		p->bad_from = "alias_prefix";
		if (p->live && mp_alias_id(p->live->name, pre) > 0 &&
		    !mp_bindings_wwid(b, p->live->name))
			a = p->live->name;
		else if (mp_name_check(pre))
			a = pre; /* no name it makes would do */
		else if (!mp_bindings_new_alias(b, pre, name_taken, &t, buf,
						sizeof(buf)))
			a = buf;
		p->new_binding = 1;
	}
	if (!a || a == pre || mp_name_check(a)) {
		p->bad_name = a;
		p->new_binding = 0;
		return -1;
	}
	strcpy(p->name, a); /* mp_name_check: it fits */
	return 0;
}

/* find_multipaths: may this LU get a map? */
static const char *fm_refuses(const struct mp_plan *p, const struct mp_opts *o,
			      int live, unsigned int npaths)
{
	int known = live || (o->wwids && mp_wwids_find(o->wwids, p->wwid) >= 0);

	switch (p->eff.find_multipaths) {
	case MP_FM_STRICT:
		return known ? NULL : "find_multipaths strict: WWID not in the wwids file";
	case MP_FM_ON:
	case MP_FM_SMART:
		return known || npaths > 1 ? NULL :
		       "find_multipaths: one path and WWID not in the wwids file";
	default:
		return NULL;
	}
}

int mp_path_usable(const struct mp_path *p)
{
	/* blocked and quiesce are transient: the kernel holds I/O, it
	 * does not fail it */
	return p->wwid[0] &&
	       (!strcmp(p->state, "running") || !strcmp(p->state, "blocked") ||
		!strcmp(p->state, "quiesce"));
}

int mp_filter_match(const char *f, const struct mp_path *p, const char *name)
{
	unsigned int ma, mi;

	if (!f)
		return 1;
	if (!strncmp(f, "/dev/", 5))
		f += 5;
	if (!strcmp(f, p->dev) || !strcmp(f, p->wwid) || (name && !strcmp(f, name)))
		return 1;
	return !str_to_majmin(f, &ma, &mi) && ma == p->maj && mi == p->min;
}

size_t mp_coalesce(struct mp_path **pp, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (mp_path_usable(pp[i]))
			pp[k++] = pp[i];
	mp_sort_paths(pp, k);
	return k;
}

static int live_uuid_cmp(const void *key, const void *m)
{
	return strcmp(key, ((const struct mp_live *)m)->uuid);
}

static int live_sort_cmp(const void *a, const void *b)
{
	return strcmp(((const struct mp_live *)a)->uuid,
		      ((const struct mp_live *)b)->uuid);
}

void mp_live_sort(struct mp_lives *l)
{
	if (l->n)
		qsort(l->m, l->n, sizeof(*l->m), live_sort_cmp);
}

const struct mp_live *mp_live_find(const struct mp_lives *l, const char *uuid)
{
	if (!l || !l->n)
		return NULL;
	return bsearch(uuid, l->m, l->n, sizeof(*l->m), live_uuid_cmp);
}

static void skip(struct mp_plan *p, int err, const char *why)
{
	p->act = MP_SKIP;
	p->err = err;
	p->reason = why;
}

/* Reset the plan for this LU and order its paths.  Paths of one LU must
 * agree on its size: the odd ones go last (stable, so the table keeps
 * discovery order) and are dropped; so are those past MP_MAX_MAP_PATHS. */
static unsigned int plan_reset(struct mp_path **pp, unsigned int n,
			       struct mp_plan *p)
{
	unsigned int i, k;

	p->act = MP_KEEP;
	p->reason = "";
	p->err = 0;
	p->wwid = pp[0]->wwid;
	p->pp = pp;
	p->live = NULL;
	p->name[0] = p->uuid[0] = p->params[0] = p->rename_from[0] = '\0';
	p->new_binding = 0;
	p->bad_name = NULL;
	p->ntrunc = n > MP_MAX_MAP_PATHS ? n - MP_MAX_MAP_PATHS : 0;
	n -= p->ntrunc;
	for (i = 1, k = 1; i < n; i++) {
		struct mp_path *q = pp[i];

		if (q->size != pp[0]->size)
			continue;
		memmove(pp + k + 1, pp + k, (i - k) * sizeof(*pp));
		pp[k++] = q;
	}
	p->n = k;
	p->ndrop = n - k;
	p->size = pp[0]->size;
	return n;
}

/* The wanted table and its text: policy and selector from the command
 * line when given there, else from the resolved config.  0, or -errno
 * with the plan already marked skipped. */
static int plan_want_table(struct mp_plan *p, const struct mp_opts *o)
{
	enum mp_policy pol = o->cli_policy ? o->policy :
			     (enum mp_policy)(p->eff.s.pgpolicy - 1);
	const char *sel = o->cli_selector ? o->selector : p->eff.s.selector;
	size_t l = strcspn(sel, " \t");
	int r;

	if (l >= sizeof(p->selector)) {
		skip(p, -EINVAL, "path selector name too long");
		return -EINVAL;
	}
	memcpy(p->selector, sel, l);
	p->selector[l] = '\0';
	r = mp_table_build(p->pp, p->n, pol, p->selector, 0, &p->want);
	if (!r)
		r = conf_table(&p->want, &p->eff, o->queue_if_no_path, p->pp, p->n);
	p->want_queue = p->want.queue_if_no_path;
	if (!r)
		r = mp_table_format(&p->want, p->params, sizeof(p->params));
	if (r)
		skip(p, r, "cannot build table");
	return r;
}

/* No live map has the LU's UUID: create one, unless its name is held by
 * a map of another UUID.  r is want_name()'s result. */
static void plan_new_map(struct mp_plan *p, const struct mp_lives *live, int r)
{
	size_t j;

	if (r > 0 && mp_map_name(p->wwid, p->name, sizeof(p->name)))
		return skip(p, -ENAMETOOLONG, "WWID too long for a map name");
	for (j = 0; live && j < live->n; j++)
		if (!strcmp(live->m[j].name, p->name)) {
			p->live = &live->m[j];
			return skip(p, -EEXIST,
				    "a map of that name exists with another UUID");
		}
	p->act = MP_CREATE;
	p->reason = "new LU";
}

/* The live map's table against the wanted one: reload when they differ
 * (or when forced), keep otherwise.  With keep_queueing the wanted table
 * first takes the live map's queue_if_no_path. */
static void plan_compare_live(struct mp_plan *p, const struct mp_opts *o)
{
	struct mp_table *cur;
	int r;

	/* parse into a heap table: this runs once per LU */
	cur = malloc(sizeof(*cur));
	if (!cur)
		return skip(p, -ENOMEM, "out of memory");
	r = mp_table_parse(p->live->params, cur);
	if (!r && o->keep_queueing && !cur->queue_if_no_path != !p->want.queue_if_no_path &&
	    (mp_table_set_queueing(&p->want, cur->queue_if_no_path) ||
	     mp_table_format(&p->want, p->params, sizeof(p->params)))) {
		free(cur);
		return skip(p, -ENOSPC, "cannot build table");
	}
	if (r)
		p->reason = "live table not understood";
	else if (!mp_table_equal(&p->want, cur))
		p->reason = "table differs";
	else if (o->force)
		p->reason = "forced";
	else {
		p->act = MP_KEEP;
		p->reason = p->rename_from[0] ? "rename" : "unchanged";
	}
	free(cur);
}

void mp_plan_lu(struct mp_path **pp, unsigned int n, const struct mp_opts *o,
		const struct mp_lives *live, struct mp_plan *p)
{
	int r;

	n = plan_reset(pp, n, p);
	if (mp_map_name(p->wwid, p->name, sizeof(p->name)) ||
	    mp_map_uuid(p->wwid, p->uuid, sizeof(p->uuid)))
		return skip(p, -ENAMETOOLONG, "WWID too long for a map name");
	mp_conf_resolve(o->conf, pp[0]->vendor, pp[0]->model, pp[0]->rev, p->wwid,
			&p->eff);
	p->live = mp_live_find(live, p->uuid);
	p->reason = fm_refuses(p, o, p->live != NULL, n);
	if (p->reason) {
		p->act = MP_IGNORE;
		p->live = NULL;
		return;
	}
	if (plan_want_table(p, o))
		return;
	r = want_name(p, o, live);

	/* The LU's map may exist under another name (an alias given by
	 * the booted system's multipath-tools): it is found by DM UUID. */
	if (!p->live)
		return plan_new_map(p, live, r);
	/* a live map is renamed (DM rename, never remove/create) to its
	 * alias or binding; without one it keeps its name (a binding of
	 * its own name is still recorded: new_binding stays) */
	if (r || (strcmp(p->name, p->live->name) && name_taken(p->name,
	    &(struct taken_ctx){ live, NULL, p->wwid }))) {
		p->new_binding = 0;
		if (str_copy(p->name, p->live->name, sizeof(p->name)))
			return skip(p, -ENAMETOOLONG, "live map name");
	} else if (strcmp(p->name, p->live->name)) {
		str_copy(p->rename_from, p->live->name, sizeof(p->rename_from));
	}
	p->act = MP_RELOAD;
	if (!p->live->params)
		p->reason = "live map is not one multipath target";
	else if (p->live->len != p->size)
		p->reason = "size differs";
	else
		plan_compare_live(p, o);
}

int mp_plan_all(struct mp_path **pp, size_t n, const struct mp_opts *o,
		const struct mp_lives *live, struct mp_plan *p,
		mp_plan_cb cb, void *arg)
{
	unsigned char *seen = NULL;
	size_t i, j;
	int r = 0;

	if (o->flush_orphans && live && live->n) {
		seen = calloc(live->n, 1);
		if (!seen)
			return -ENOMEM;
	}
	for (i = 0; i < n; i = j) {
		int match = 0;

		for (j = i; j < n && !strcmp(pp[j]->wwid, pp[i]->wwid); j++)
			match |= mp_filter_match(o->filter, pp[j], NULL);
		if (!match)
			continue;
		mp_plan_lu(pp + i, (unsigned int)(j - i), o, live, p);
		if (seen && p->live)
			seen[p->live - live->m] = 1;
		r = cb(p, arg);
		if (r)
			goto out;
	}
	for (i = 0; seen && i < live->n; i++) {
		const struct mp_live *m = &live->m[i];

		if (seen[i] || !mp_uuid_wwid(m->uuid))
			continue;
		if (o->filter && strcmp(o->filter, m->name))
			continue;
		memset(p, 0, offsetof(struct mp_plan, want));
		p->live = m;
		p->wwid = mp_uuid_wwid(m->uuid);
		str_copy(p->name, m->name, sizeof(p->name));
		str_copy(p->uuid, m->uuid, sizeof(p->uuid));
		p->params[0] = '\0';
		if (m->open_count > 0) {
			p->act = MP_KEEP;
			p->reason = "no paths left, map in use";
		} else {
			p->act = MP_FLUSH;
			p->reason = "no paths left";
		}
		r = cb(p, arg);
		if (r)
			break;
	}
out:
	free(seen);
	return r;
}
