/* The listings (show paths, maps, topology, maps json), a piece at a time
 * (conn.h: the client takes a chunk, the next is rendered from where the
 * last stopped).  Piece 0 is the head, 1..n the paths or maps, n + 1 the
 * tail.  Moved out of daemon.c, which only dispatches. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>

#include "conf_values.h"
#include "state.h"
#include "view.h"

const char *chk_name(const struct dpath *p)
{
	return p->pending && p->chk == CHK_UNDEF ? "pending" :
	       p->chk == CHK_UP ? "ready" : p->chk == CHK_DOWN ? "faulty" : "undef";
}

static void show_path(struct mpd *d, size_t i, struct obuf *o)
{
	struct mp_path *mp = &d->scan.paths[i];
	struct dpath *p = &d->dp[i];

	ob_add(o, "%u:%u:%u:%llu %s %u:%u 1 %s %s %s %s\n", mp->host,
	       mp->channel, mp->target, (unsigned long long)mp->lun, mp->dev,
	       mp->maj, mp->min, p->map < 0 ? "undef" : p->dm_failed ? "failed" : "active",
	       chk_name(p), mp->state, p->map < 0 ? "-" : d->maps[p->map].name);
}

/* Scratch for one map: its table, status and path view (13.5 + 2.5 kB;
 * holding every map's made "show maps" at 256 maps 4 MB). */
struct scratch {
	struct mp_map_view v;
	struct mpd_pview pv[MP_MAX_MAP_PATHS];
};

static void view_paths(struct mpd *d, struct scratch *s, struct mpd_mview *v)
{
	unsigned int k;

	for (k = 0; k < s->v.t.ndev; k++) {
		struct mpd_pview *p = &s->pv[k];
		struct dpath *dp = path_by_devt(d, s->v.t.maj[k], s->v.t.min[k]);

		p->maj = s->v.t.maj[k];
		p->min = s->v.t.min[k];
		p->dm_st = s->v.st.ndev ? s->v.st.path_state[k] : 0;
		p->chk_st = dp ? chk_name(dp) : "faulty";
		p->checker = dp ? mpd_checker_name(dp->ck_next) : NULL;
		p->prio = -1;
		if (!dp)
			continue;
		{
			struct mp_path *mp = &d->scan.paths[dp - d->dp];

			p->prio = mp->prio;
			p->dev = mp->dev;
			p->dev_st = mp->state;
			p->host = mp->host;
			p->channel = mp->channel;
			p->target = mp->target;
			p->lun = mp->lun;
			if (!v->vend[0] && !scsi_path_strings(d->scan.sysfs, mp, &d->scan.pool)) {
				v->vend = mp->vendor;
				v->prod = mp->model;
				v->rev = mp->rev;
			}
		}
	}
}

/* Map i; 0 if it came out (a map whose table cannot be read is left out). */
static int show_map(struct mpd *d, size_t i, int verb, size_t nv, struct scratch *s,
		    struct obuf *o)
{
	struct dmap *m = &d->maps[i];
	struct mpd_mview v;
	unsigned int k;
	char q[24];

	if (mp_map_view(&d->dm, m->name, d->plan.params /* scratch */, &s->v))
		return -1;
	memset(&v, 0, sizeof(v));
	memset(s->pv, 0, sizeof(s->pv));
	v.name = m->name;
	v.wwid = m->wwid;
	v.dm_minor = m->minor;
	v.ro = !!(s->v.info.flags & 1u);
	if (m->npr.mode > 0 && !m->npr.queueing)
		snprintf(q, sizeof(q), "off");
	else if (m->npr.mode > 0)
		snprintf(q, sizeof(q), "%u chk", m->npr.left);
	else
		snprintf(q, sizeof(q), "%s", s->v.t.queue_if_no_path ? "on" : "off");
	v.queueing = q;
	v.failback = mp_value_word(MP_V_FB, m->failback);
	if (!v.failback) /* seconds */
		v.failback = "timed";
	v.vend = v.prod = v.rev = "";
	v.t = &s->v.t;
	v.st = &s->v.st;
	v.p = s->pv;
	view_paths(d, s, &v);
	if (verb == MPD_SHOW_MAPS_JSON) {
		mpd_json_map(&v, (unsigned int)nv, o);
		return 0;
	}
	ob_add(o, "%s dm-%u %s %u %s\n", m->name, m->minor, m->wwid, s->v.t.ndev, q);
	for (k = 0; verb == MPD_SHOW_TOPOLOGY && k < s->v.t.ndev; k++)
		ob_add(o, "  %s %u:%u %s %s\n", s->pv[k].dev ? s->pv[k].dev : "#",
		       s->pv[k].maj, s->pv[k].min,
		       s->pv[k].dm_st == 'F' ? "failed" : "active", s->pv[k].chk_st);
	return 0;
}

int mpd_show(void *arg, int verb, size_t cur[2], struct obuf *o)
{
	struct mpd *d = arg;
	size_t n = verb == MPD_SHOW_PATHS ? d->scan.n : d->nmaps;
	struct scratch *s = NULL;

	while (cur[0] <= n + 1 && o->len < OB_CHUNK && !o->err) {
		size_t i = cur[0]++;

		if (i == 0 && verb == MPD_SHOW_PATHS)
			ob_add(o, "hcil    dev dev_t pri dm_st  chk_st dev_st  map\n");
		else if (i == 0 && verb == MPD_SHOW_MAPS_JSON)
			mpd_json_head(o, (unsigned int)n);
		else if (i == 0)
			ob_add(o, "name sysfs uuid paths queueing\n");
		else if (i == n + 1) {
			if (verb == MPD_SHOW_MAPS_JSON)
				mpd_json_tail(o);
		} else if (verb == MPD_SHOW_PATHS)
			show_path(d, i - 1, o);
		else if (!s && !(s = malloc(sizeof(*s))))
			o->err = -ENOMEM;
		else if (!show_map(d, i - 1, verb, cur[1], s, o))
			cur[1]++;
	}
	free(s);
	return cur[0] > n + 1;
}
