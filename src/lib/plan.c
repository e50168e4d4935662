/* The pure multipath planner, see plan.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"
#include "str.h"

static const char *const act_names[] = {
	[MP_KEEP] = "keep", [MP_CREATE] = "create", [MP_RELOAD] = "reload",
	[MP_FLUSH] = "flush", [MP_SKIP] = "skip",
};

const char *mp_act_name(enum mp_act a)
{
	return (unsigned int)a <= MP_SKIP ? act_names[a] : "?";
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

void mp_plan_lu(struct mp_path **pp, unsigned int n, const struct mp_opts *o,
		const struct mp_lives *live, struct mp_plan *p)
{
	struct mp_table *cur;
	unsigned int i, k;
	size_t j;
	int r;

	p->act = MP_KEEP;
	p->reason = "";
	p->err = 0;
	p->wwid = pp[0]->wwid;
	p->pp = pp;
	p->live = NULL;
	p->name[0] = p->uuid[0] = p->params[0] = '\0';
	p->ntrunc = n > MP_MAX_MAP_PATHS ? n - MP_MAX_MAP_PATHS : 0;
	n -= p->ntrunc;

	/* paths of one LU must agree on its size: the odd ones go last
	 * (stable, so the table keeps discovery order) */
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

	if (mp_map_name(p->wwid, p->name, sizeof(p->name)) ||
	    mp_map_uuid(p->wwid, p->uuid, sizeof(p->uuid)))
		return skip(p, -ENAMETOOLONG, "WWID too long for a map name");
	r = mp_table_build(pp, p->n, o->policy, o->selector, o->queue_if_no_path,
			   &p->want);
	if (!r)
		r = mp_table_format(&p->want, p->params, sizeof(p->params));
	if (r)
		return skip(p, r, "cannot build table");

	/* The LU's map may exist under another name (an alias given by
	 * the booted system's multipath-tools): it is found by DM UUID. */
	p->live = mp_live_find(live, p->uuid);
	if (!p->live) {
		for (j = 0; live && j < live->n; j++)
			if (!strcmp(live->m[j].name, p->name)) {
				p->live = &live->m[j];
				return skip(p, -EEXIST,
					    "a map of that name exists with another UUID");
			}
		p->act = MP_CREATE;
		p->reason = "new LU";
		return;
	}
	if (str_copy(p->name, p->live->name, sizeof(p->name)))
		return skip(p, -ENAMETOOLONG, "live map name");
	p->act = MP_RELOAD;
	if (!p->live->params) {
		p->reason = "live map is not one multipath target";
		return;
	}
	if (p->live->len != p->size) {
		p->reason = "size differs";
		return;
	}
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
		p->reason = "unchanged";
	}
	free(cur);
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
