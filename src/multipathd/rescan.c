/* multipathd's rescan (moved out of daemon.c): the inputs to the engine's
 * mp_sync (configuration, options, the paths "del path" keeps out), what
 * it reports per LU (logged, counted, partition maps for a new map), and
 * the daemon's view rebuilt from the maps as they now are (which map and
 * group each path is in, each map's failback, no_path_retry, checker).
 * It sees struct mpd: a rescan replaces the daemon's records (scan, dp,
 * maps) and the settings the configuration gives the loop. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "clock.h"
#include "conf_load.h"
#include "log.h"
#include "mem.h"
#include "state.h"
#include "str.h"
#include "sync.h"
#include "view.h"

/* One LU's plan and what mp_sync did with it: logged and counted; a
 * new map gets its partition maps. */
static int report(void *arg, struct mp_plan *pl, const struct mp_sync_out *out)
{
	struct mpd *d = arg;

	if (out->act == MP_KEEP && !pl->pp && pl->live) {
		/* "no paths left": flushed unless in use */
		if (out->r)
			log_err(out->r, "%s: flush: %s:", pl->name, d->dm.what);
		else if (out->applied)
			log_msg("%s: flushed (no paths left)", pl->name);
		return 0;
	}
	if (out->act == MP_SKIP) {
		log_err(pl->err, "%s: %s:", pl->name, pl->reason);
		return 0;
	}
	if (out->act == MP_KEEP && !pl->rename_from[0])
		return 0;
	if (pl->bad_name)
		log_msg("%s: %s '%s' is not a valid map name, ignored", pl->wwid,
			pl->bad_from, pl->bad_name);
	if (out->gone)
		log_msg("%s: %u path(s) gone while loading", pl->name, out->gone);
	if (out->r) {
		log_err(out->r, "%s: %s: %s:", pl->name, mp_act_name(pl->act), d->dm.what);
		return 0;
	}
	if (pl->rename_from[0])
		log_msg("%s: renamed from %s", pl->name, pl->rename_from);
	if (d->verbose >= 2)
		log_msg("%s: %s (%s)", pl->name, mp_act_name(pl->act), pl->reason);
	d->reloads += pl->act == MP_RELOAD;
	d->creates += pl->act == MP_CREATE;
	if (pl->act == MP_CREATE && d->partitions)
		mpd_kpartx(d, pl->name);
	return 0;
}

/* The paths "del path" took out: kept out of the maps until "add path"
 * or a kernel "add" uevent for the name. */
int hidden_at(const struct hidden *h, const char *dev, size_t *at)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		if (!strcmp(h->dev[i], dev)) {
			if (at)
				*at = i;
			return 1;
		}
	return 0;
}

int hide(struct hidden *h, const char *dev)
{
	char (*nd)[MP_DEV_LEN];

	if (hidden_at(h, dev, NULL))
		return 0;
	if (h->n >= 4096)
		return -ENOSPC;
	nd = realloc(h->dev, (h->n + 1) * sizeof(*nd));
	if (!nd)
		return -ENOMEM;
	h->dev = nd;
	return str_copy(h->dev[h->n++], dev, sizeof(*nd));
}

void unhide(struct hidden *h, const char *dev)
{
	size_t at;

	if (hidden_at(h, dev, &at)) {
		memmove(&h->dev[at], &h->dev[at + 1], (h->n - at - 1) * sizeof(h->dev[0]));
		h->n--;
	}
}

/* A map's failback and its paths' checker: -b and -c, else what the
 * configuration says for the LU (as multipath-tools' multipathd: an
 * unknown checker is tur; detect_checker: tur for ALUA devices).  A path
 * whose checker changes gets its new node at its next check. */
static void per_lu(struct mpd *d, const struct mp_conf *c, struct dmap *m,
		   const struct mp_path *mp, const struct mp_table *t)
{
	struct mp_eff e;
	enum mpd_checker ck = d->checker;
	unsigned int k;

	m->failback = d->failback;
	if (!mp)
		return;
	mp_conf_resolve(c, mp->vendor, mp->model, mp->rev, mp->wwid, &e);
	if (!d->failback_set)
		m->failback = e.s.failback;
	/* the LU's no_path_retry, as its table was made from it (-n: one
	 * value for all); unset leaves queueing as the table has it, as
	 * multipath-tools' NO_PATH_RETRY_UNDEF does */
	if (!d->npr_set)
		npr_init(&m->npr, npr_of_conf(e.s.no_path_retry, t->queue_if_no_path),
			 t->queue_if_no_path);
	if (!d->checker_set &&
	    ((e.s.detect_checker == MP_YES && mp->tpgs > 0) ||
	     mpd_checker_parse(e.s.checker, &ck)))
		ck = CHECKER_TUR;
	for (k = 0; k < t->ndev; k++) {
		struct dpath *p = path_by_devt(d, t->maj[k], t->min[k]);

		if (p)
			p->ck_next = (uint8_t)ck; /* start_check switches */
	}
}

/* Gone paths' checker fds closed (a pending check dies with it; the
 * others were carried over), the old records unmapped, the index of
 * them dropped. */
static void drop_old(struct mpd *d, struct dpath *odp, size_t on)
{
	size_t i;

	for (i = 0; odp && i < on; i++)
		if (odp[i].fd >= 0) {
			close(odp[i].fd);
			d->sw.lent -= odp[i].fd_tmp;
		}
	mem_free(odp, DP_BYTES(on));
	hidx_free(&d->devt);
}

/* After the scan: the daemon's record of each path, what it knew of the
 * paths that stay (same devt) carried over, each LU's paths linked for
 * its RTPG answers; "del path"'s paths left out of every map.  The old
 * records are done with before the planning, the rescan's peak (2048
 * paths: 115 kB).  d->dp stays the old records if
 * this fails. */
static int rescan_prepare(void *arg, struct mp_path **pp, size_t *n)
{
	struct mpd *d = arg;
	struct dpath *odp = d->dp, *dp = mem_grow(NULL, 0, DP_BYTES(d->scan.n));
	struct hidx idx = { 0 };
	size_t i, np, on = d->ndp_old;
	long k;

	/* the index's room taken first: adding to it cannot fail */
	if (!dp || hidx_init(&idx, d->scan.n)) {
		mem_free(dp, DP_BYTES(d->scan.n));
		return -ENOMEM;
	}
	for (i = 0, np = 0; i < d->scan.n; i++) {
		struct dpath *p = &dp[i];
		struct mp_path *mp = &d->scan.paths[i];

		p->map = -1;
		p->fd = -1;
		p->backoff = 0;
		k = dp_find(&d->devt, odp, mp->maj, mp->min); /* what we knew */
		if (k >= 0) {
			*p = odp[k];
			odp[k].fd = -1;
			p->map = -1;
		}
		p->maj = mp->maj;
		p->min = mp->min;
		hidx_add(&idx, devt_hash(p->maj, p->min), i);
		if (!hidden_at(&d->hidden, mp->dev, NULL))
			pp[np++] = mp;
	}
	*n = np;
	dp_lu_link(dp, d->scan.paths, d->scan.n); /* the copied records' rings are the old scan's */
	drop_old(d, odp, on);
	d->devt = idx;
	d->dp = dp;
	return 0;
}

/* The daemon's view of the maps as they are now: which map each path is
 * in, its group, whether DM has failed it, each map's settings. */
static int build_maps(struct mpd *d, const struct mp_conf *conf)
{
	struct mp_lives lives = { 0 };
	struct mp_map_view *v = malloc(sizeof(*v));
	size_t i;
	int r = v ? mp_live_load(&d->dm, &lives) : -ENOMEM;

	if (r)
		goto out;
	free(d->maps);
	str_pool_free(&d->mpool);
	d->maps = calloc(lives.n + 1, sizeof(*d->maps));
	d->nmaps = 0;
	for (i = 0; d->maps && i < lives.n; i++) {
		const struct mp_live *l = &lives.m[i];
		struct mp_table *t = &v->t;
		unsigned int g, k;
		const struct mp_path *first = NULL;
		struct dmap *m;

		if (!mp_uuid_wwid(l->uuid) || !l->params || mp_table_parse(l->params, t))
			continue;
		m = &d->maps[d->nmaps];
		m->name = str_pool_add(&d->mpool, l->name);
		m->wwid = str_pool_add(&d->mpool, mp_uuid_wwid(l->uuid));
		if (!m->name || !m->wwid)
			continue; /* out of memory: not watched until the next rescan */
		m->minor = minor(l->dev);
		npr_init(&m->npr, d->npr_mode, t->queue_if_no_path);
		/* the table as listed; its status read now */
		mp_map_status(&d->dm, l->name, d->plan.params /* scratch */, v);
		for (g = 0; g < t->npg; g++)
			for (k = t->pg[g].first; k < t->pg[g].first + t->pg[g].n; k++) {
				struct dpath *p = path_by_devt(d, t->maj[k], t->min[k]);

				if (!p)
					continue;
				p->map = (int)d->nmaps;
				p->pg = g;
				p->dm_failed = v->st.ndev && v->st.path_state[k] == 'F';
				if (!first)
					first = &d->scan.paths[p - d->dp];
			}
		per_lu(d, conf, m, first, t);
		d->nmaps++;
	}
out:
	mp_live_free(&lives);
	free(v);
	return r;
}

/* The daemon's rescan's inputs to mp_sync: the boot's policy, queueing
 * by its own no_path_retry, names only where they can be written, never
 * from the initramfs, no SG_IO (stored ALUA states), timeouts on kept
 * maps only when the configuration may be new. */
static void rescan_opts(struct mpd *d, struct mp_config *cfg, struct mp_opts *o)
{
	mp_opts_init(o);
	o->flush_orphans = 1;
	o->policy = d->policy;
	o->cli_policy = d->policy_set; /* the boot's mpath.policy= wins */
	o->queue_if_no_path = d->npr_mode != NPR_FAIL;
	o->conf = &cfg->conf;
	o->bindings = &cfg->bindings;
	o->wwids = &cfg->wwids;
	o->names_ro = d->initramfs || !mp_file_writable(cfg->bindings_file);
	o->verbose = d->verbose;
}

/* What the configuration sets for the loop itself. */
static void loop_conf(struct mpd *d, const struct mp_conf *c)
{
	d->ck_timeout = c->defaults.checker_timeout > 0 ?
			(unsigned int)c->defaults.checker_timeout : 0;
	/* multipath-tools' polling_interval, unless -i said otherwise, and
	 * max_polling_interval */
	mpd_intervals(d->interval_set ? (unsigned int)d->interval_set :
		      (unsigned int)c->polling_interval,
		      (unsigned int)c->max_polling_interval, &d->interval_ms, &d->max_wait_ms);
	/* show daemon's "default": the defaults' checker, as per_lu reads it */
	if (!c->defaults.checker || mpd_checker_parse(c->defaults.checker, &d->ck_default))
		d->ck_default = CHECKER_TUR;
}

/* Rescan sysfs, bring the maps in line (mp_sync), rebuild the daemon's
 * view.  Checker state of paths that stay (same devt) is kept.  The old
 * scan is freed before the new one is made: two scans at once were the
 * daemon's peak memory (2048 paths: +600 kB); the devts in dpath are all
 * the carrying over needs.  If the scan fails, no path is watched until
 * the retry a second later; the maps stay as they are. */
int mpd_reconfigure(struct mpd *d)
{
	struct dpath *odp = d->dp;
	struct mp_opts o;
	struct mp_config cfg;
	struct mp_sync_in in = {
		.dm = &d->dm, .scan = &d->scan, .opts = &o, .cfg = &cfg,
		.scan_flags = SCSI_SCAN_STRINGS | SCSI_SCAN_ALUA,
		.ro = d->initramfs, .tmo_keep = d->tmo_all, .apply_ignored = 1,
		.prepare = rescan_prepare, .prime = mpd_prio_prime,
		.known = mpd_prio_known, .report = report, .arg = d,
	};
	enum mp_sync_stage stage = MP_SYNC_SCAN;
	int r;

	/* d->dp: the old records until rescan_prepare replaces them */
	d->ndp_old = d->scan.n;
	scsi_scan_free(&d->scan);
	/* the same configuration as multipath (re-read on every
	 * reconfigure, as multipath-tools does) */
	r = mp_config_load(&cfg, NULL, mp_conf_warn_log, NULL);
	loop_conf(d, &cfg.conf);
	rescan_opts(d, &cfg, &o);
	if (!r)
		r = mp_sync(&in, &d->plan, &stage);
	if (d->dp == odp) { /* no new records */
		drop_old(d, odp, d->ndp_old);
		d->dp = NULL;
	}
	if (r && stage <= MP_SYNC_PREPARE) {
		log_err(r, stage == MP_SYNC_SCAN ? "scanning /sys/block (again in 1 s):" :
			"rescan (again in 1 s):");
		/* nothing known: no checks, no no_path_retry counting on
		 * maps whose paths are not looked at */
		mem_free(d->dp, DP_BYTES(d->scan.n));
		scsi_scan_free(&d->scan);
		hidx_free(&d->devt);
		d->dp = NULL;
		d->nmaps = 0;
		d->rescan_at = d->rescan_first = clock_ms() + 1000;
		goto out;
	}
	if (!r)
		d->tmo_all = 0;
	if (!r)
		r = build_maps(d, &cfg.conf);
	if (r)
		log_err(r, "maps: %s:", d->dm.what ? d->dm.what : "");
out:
	mp_config_free(&cfg);
	ps_sync(d); /* dp, maps and the interval are new */
	return r;
}
