/* The I/O half of the engine: read the live maps, carry out a plan.
 * See plan.h. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dmudev.h"
#include "partmap.h"
#include "plan.h"
#include "str.h"
#include "tmo.h"

#define LIVE_TEXT 16384

struct load_ctx {
	struct dm_ctx *dm;
	struct mp_lives *l;
	char *text;
};

static int load_one(const char *name, dev_t dev, void *arg)
{
	struct load_ctx *c = arg;
	struct mp_lives *l = c->l;
	struct dm_ref ref = { .name = name };
	struct dm_target t[2];
	struct dm_info info;
	struct mp_live *m;
	unsigned int n;
	int r;

	(void)dev;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 64;
		struct mp_live *nm = realloc(l->m, cap * sizeof(*nm));

		if (!nm)
			return -ENOMEM;
		l->m = nm;
		l->cap = cap;
	}
	/* TABLE_STATUS also gives what DEV_STATUS would: one ioctl a map */
	r = dm_table(c->dm, &ref, 0, &info, t, 2, &n, c->text, LIVE_TEXT);
	if (r == -ENXIO)
		return 0; /* removed meanwhile */
	if (r == -ENOSPC) {
		/* many targets or a huge table: not a map of ours */
		r = dm_info(c->dm, &ref, &info);
		n = 0;
		if (r == -ENXIO)
			return 0;
	}
	if (r)
		return r;
	m = &l->m[l->n];
	memset(m, 0, sizeof(*m));
	m->name = str_pool_add(&l->pool, info.name);
	m->uuid = str_pool_add(&l->pool, info.uuid);
	if (!m->name || !m->uuid)
		return -ENOMEM;
	m->dev = info.dev;
	m->open_count = info.open_count;
	m->flags = info.flags;
	if (n == 1 && !t[0].start && !strcmp(t[0].type, "multipath")) {
		m->len = t[0].len;
		m->params = str_pool_add(&l->pool, t[0].params);
		if (!m->params)
			return -ENOMEM;
	}
	l->n++;
	return 0;
}

int mp_live_load(struct dm_ctx *dm, struct mp_lives *l)
{
	struct load_ctx c = { dm, l, malloc(LIVE_TEXT) };
	int r;

	if (!c.text)
		return -ENOMEM;
	r = dm_list(dm, load_one, &c);
	free(c.text);
	if (!r)
		mp_live_sort(l);
	return r;
}

void mp_live_free(struct mp_lives *l)
{
	free(l->m);
	str_pool_free(&l->pool);
	l->m = NULL;
	l->n = l->cap = 0;
}

int mp_flush_unused(struct dm_ctx *dm, const char *name)
{
	struct dm_ref ref = { .name = name };
	struct dm_info info;
	int r;

	/* look again: it may have been opened since the plan */
	r = dm_info(dm, &ref, &info);
	if (r)
		return r;
	if (info.open_count > 0)
		return -EBUSY;
	return dm_remove(dm, name);
}

int mp_apply(struct dm_ctx *dm, const struct mp_plan *p, unsigned int dmflags,
	     dev_t *dev)
{
	struct dm_target t = { 0, p->size, "multipath", p->params };
	int r;

	*dev = p->live ? p->live->dev : 0;
	/* a new name for a live map: DM rename, never remove/create */
	if (p->rename_from[0] && p->live && (p->act == MP_KEEP || p->act == MP_RELOAD)) {
		/* its partition maps first, as multipath-tools: a failed one
		 * is logged, kpartx later finds it by UUID */
		pm_rename(dm, p->live->dev, p->live->uuid, p->rename_from, p->name);
		r = dm_rename(dm, p->rename_from, p->name);
		if (r)
			return r;
	}
	switch (p->act) {
	case MP_CREATE:
		return dm_create(dm, p->name, p->uuid, &t, 1, dmflags, dev);
	case MP_RELOAD:
		/* a live map is reloaded, never torn down under I/O; the
		 * flag tells multipath-tools' udev rules that the map's
		 * contents did not change (no new kpartx, no new blkid) */
		return dm_reload(dm, p->name, &t, 1,
				 dmflags | MP_DM_UDEV(MPATH_UDEV_RELOAD_FLAG));
	case MP_FLUSH:
		return mp_flush_unused(dm, p->name);
	default:
		return 0;
	}
}

/* Gone: the kernel has no block device of this dev_t any more. */
static int path_gone(const char *sysfs, const struct mp_path *pp)
{
	char p[96];

	return !str_fmt(p, sizeof(p), "%s/dev/block/%u:%u", sysfs, pp->maj, pp->min) &&
	       access(p, F_OK) && errno == ENOENT;
}

static int test_stopped;

int mp_apply_retry(struct dm_ctx *dm, struct mp_plan *p, const struct mp_opts *o,
		   const struct mp_lives *live, const char *sysfs,
		   unsigned int *gone, dev_t *dev)
{
	int r;

	/* the window qemu-tests/fault-path-vanish opens to make a path
	 * vanish in it, for multipath and multipathd alike: once, before
	 * the first load */
	if (!test_stopped && getenv("MPBOOT_TEST_STOP_BEFORE_LOAD")) {
		test_stopped = 1;
		raise(SIGSTOP);
	}
	r = mp_apply(dm, p, 0, dev);

	*gone = 0;
	/* a failed CREATE was removed again and a failed RELOAD left the
	 * live table: nothing half-built to undo, only try again */
	while (r && (p->act == MP_CREATE || p->act == MP_RELOAD)) {
		struct mp_path **pp = p->pp, *q;
		unsigned int n = p->n + p->ndrop + p->ntrunc, i, k = 0;

		/* the paths still there first, in their order */
		for (i = 0; i < n; i++)
			if (!path_gone(sysfs, pp[i])) {
				q = pp[i];
				pp[i] = pp[k];
				pp[k++] = q;
			}
		if (k == n)
			return r; /* not a vanished path */
		*gone += n - k;
		if (!k)
			return r;
		mp_plan_lu(pp, k, o, live, p);
		if (p->act == MP_KEEP)
			return 0;
		r = mp_apply(dm, p, 0, dev);
	}
	/* the map is in: its paths' transports get the configured
	 * timeouts, as multipath-tools' setup_map does */
	if (!r && p->act != MP_FLUSH)
		mp_tmo_apply(p, o->conf, sysfs, o->verbose);
	return r;
}
