/* The engine's one entry point (sync.h): the sequence both tools ran
 * each in its own copy, with their differences as inputs. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "sync.h"
#include "tmo.h"

struct run {
	const struct mp_sync_in *in;
	const struct mp_lives *lives;
};

void mp_opts_init(struct mp_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->policy = MP_FAILOVER;
	o->selector = "service-time";
	o->keep_queueing = 1;
}

/* A map whose LU has no path left is flushed when unused; partition
 * maps on it (UUID part<N>-<its uuid>) hold it open, so the unused ones
 * go first, as multipath-tools' flush_on_last_del does.  A partition map
 * in use (mounted) keeps all of it.  1 flushed, 0 kept, or -errno. */
static int flush_lost(struct dm_ctx *dm, const struct mp_lives *l,
		      const struct mp_plan *pl)
{
	size_t i;
	int r, pass;

	/* pass 0: is any partition map in use?  pass 1: remove them all */
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < l->n; i++) {
			const char *u = l->m[i].uuid, *dash = strchr(u, '-');

			if (strncmp(u, "part", 4) || !dash || strcmp(dash + 1, pl->uuid))
				continue;
			if (pass == 0 && l->m[i].open_count > 0)
				return 0;
			if (pass == 0)
				continue;
			r = dm_remove(dm, l->m[i].name);
			if (r) { /* one status for the LU: this one said here */
				log_err(r, "%s: remove: %s:", l->m[i].name, dm->what);
				return 0;
			}
		}
	}
	r = mp_flush_unused(dm, pl->name);
	/* in use, or gone since it was listed: nothing to do */
	return r == -EBUSY || r == -ENXIO ? 0 : r ? r : 1;
}

/* A map exists now: its WWID goes to the wwids file, a new friendly
 * name to the bindings file (never read-only or dry). */
static void remember(const struct mp_sync_in *in, const struct mp_plan *pl)
{
	if (!in->ro && !in->dry)
		mp_config_record(in->cfg, pl->name, pl->wwid, pl->new_binding);
	else if (pl->new_binding) /* later LUs must not get the same name */
		mp_names_add(&in->cfg->bindings, pl->name, pl->wwid);
}

/* multipath-tools' rule: without multipathd (and without -q or
 * queue_without_daemon) no map is left queueing, since nothing would ever
 * stop it; the table keeps the feature, a message switches it off.  With
 * one of them, a map the configuration wants queueing is switched on.
 * A refusal is said here: the LU's outcome is its map. */
static void set_queueing(const struct mp_sync_in *in, const struct mp_plan *pl)
{
	int want = pl->want_queue && in->allow_queue, r;

	if (!in->set_queueing || in->dry || want == pl->want.queue_if_no_path)
		return;
	r = dm_message(in->dm, pl->name, 0, want ? "queue_if_no_path" :
		       "fail_if_no_path");
	if (r)
		log_err(r, "%s: %s:", pl->name, in->dm->what);
}

/* An unchanged LU: a rename perhaps, the timeouts, a name recorded. */
static void keep(const struct run *u, struct mp_plan *pl, struct mp_sync_out *o)
{
	const struct mp_sync_in *in = u->in;
	int r;

	if (!pl->pp && pl->live) { /* no paths left: flush when unused */
		r = flush_lost(in->dm, u->lives, pl);
		o->r = r < 0 ? r : 0;
		o->applied = r > 0;
		return;
	}
	/* as multipath-tools sets them on every run (multipathd: when its
	 * configuration may be new) */
	if (!in->dry && in->tmo_keep)
		mp_tmo_apply(pl, in->opts->conf, in->scan->sysfs, in->opts->verbose);
	if (pl->rename_from[0] && !in->dry) {
		o->r = mp_apply(in->dm, pl, 0, &o->dev);
		if (o->r)
			return;
		o->applied = 1;
	}
	/* new_binding without a rename: a live name kept, its binding
	 * recorded */
	if (pl->rename_from[0] || pl->new_binding)
		remember(in, pl);
	set_queueing(in, pl);
}

/* One LU's plan carried out (nothing with dry), then reported. */
static int one_lu(struct mp_plan *pl, void *arg)
{
	const struct run *u = arg;
	const struct mp_sync_in *in = u->in;
	struct mp_sync_out o = { .act = pl->act };

	if (pl->act == MP_KEEP)
		keep(u, pl, &o);
	else if (pl->act != MP_SKIP && (pl->act != MP_IGNORE || in->apply_ignored)) {
		/* retried without the paths that vanished since the scan */
		if (!in->dry) {
			o.r = mp_apply_retry(in->dm, pl, in->opts, u->lives,
					     in->scan->sysfs, &o.gone, &o.dev);
			o.applied = !o.r;
			if (!o.r)
				set_queueing(in, pl);
		}
		if (!o.r)
			remember(in, pl);
	}
	return in->report(in->arg, pl, &o);
}

/* scan, then the hook's choice of paths */
static int scan(const struct mp_sync_in *in, struct mp_path ***ppp, size_t *n,
		enum mp_sync_stage *stage)
{
	struct mp_path **pp;
	size_t i;
	int r;

	*stage = MP_SYNC_SCAN;
	r = scsi_scan_all(in->scan, SCSI_SCAN_IDS | in->scan_flags);
	if (r)
		return r;
	*stage = MP_SYNC_PREPARE;
	pp = calloc(in->scan->n + 1, sizeof(*pp));
	if (!pp)
		return -ENOMEM;
	for (i = 0; i < in->scan->n; i++)
		pp[i] = &in->scan->paths[i];
	*n = in->scan->n;
	*ppp = pp;
	return in->prepare(in->arg, pp, n);
}

int mp_sync(const struct mp_sync_in *in, struct mp_plan *plan,
	    enum mp_sync_stage *stage)
{
	const struct mp_conf *conf = in->opts->conf;
	struct mp_lives lives = { 0 };
	struct run u = { in, &lives };
	struct mp_path **pp = NULL;
	size_t n = 0;
	int r;

	r = scan(in, &pp, &n, stage);
	if (r)
		goto out;
	n = mp_coalesce(pp, n);
	n = mp_blacklist_filter(pp, n, conf, in->bl_why, in->arg);
	if (in->known)
		in->prime(in->arg, pp, n);
	mp_paths_prio_known(pp, n, conf, in->known ? NULL : in->scan->devdir,
			    in->known, in->arg, NULL);
	if (in->grouped)
		in->grouped(in->arg, pp, n);
	*stage = MP_SYNC_LIVE;
	/* every map, listed once up front: names taken, maps to keep */
	if (n || in->opts->flush_orphans)
		r = mp_live_load(in->dm, &lives);
	if (!r) {
		*stage = MP_SYNC_PLAN;
		r = mp_plan_all(pp, n, in->opts, &lives, plan, one_lu, &u);
	}
	mp_live_free(&lives);
	if (!in->ro && !in->dry) /* the names recorded, once a run */
		mp_config_flush(in->cfg);
out:
	free(pp);
	return r;
}
