/* "show maps json" in multipath-tools' layout (libmultipath print.c,
 * PRINT_JSON_MAJOR_VERSION 0, MINOR 1): top-level version and map_count,
 * then maps[] with path_groups[] with paths[], three-space indent,
 * `"key" : value` pairs.  Installers parse this; names and values are
 * device strings, so every string is escaped. */
#include <stdio.h>
#include <string.h>

#include "mpd.h"

static void jstr(struct obuf *o, const char *s)
{
	ob_add(o, "\"");
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			ob_add(o, "\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			ob_add(o, "\\u%04x", c);
		else
			ob_add(o, "%c", c);
	}
	ob_add(o, "\"");
}

/* One object's members, in order: the keys packed in one string, each
 * after a type letter: 's' a string of vals (escaped), 'n' a number of
 * vals (written as it is), 'c' a constant string, the next word of the
 * list, 'z' the number 0; an empty word ends it.  Tables instead of one
 * call per member: 40 calls with 5 arguments were 1.7 kB of code.  The
 * last member has no comma when the object ends there (last). */
static void members(struct obuf *o, const char *ind, const char *l,
		    const char *const *vals, int last)
{
	while (*l) {
		char t = *l++;
		const char *v = t == 'z' ? "0" : NULL;

		ob_add(o, "%s\"%s\" : ", ind, l);
		l += strlen(l) + 1;
		if (t == 'c') {
			v = l;
			l += strlen(l) + 1;
		} else if (!v) {
			v = *vals++;
		}
		if (t == 's' || t == 'c')
			jstr(o, v);
		else
			ob_add(o, "%s", v);
		ob_add(o, "%s\n", last && !*l ? "" : ",");
	}
}

void mpd_json_head(struct obuf *o, unsigned int n)
{
	ob_add(o, "{\n   \"major_version\": 0,\n   \"minor_version\": 1,\n");
	ob_add(o, "   \"map_count\": %u,\n   \"maps\": [", n);
}

void mpd_json_tail(struct obuf *o)
{
	ob_add(o, "]\n}\n");
}

static const char map_keys[] =
	"sname\0" "suuid\0" "ssysfs\0" "sfailback\0" "squeueing\0" "npaths\0"
	"swrite_prot\0" "cdm_st\0" "active\0" "sfeatures\0" "shwhandler\0"
	"caction\0" "\0" "zpath_faults\0" "svend\0" "sprod\0" "srev\0"
	"zswitch_grp\0" "zmap_loads\0" "ztotal_q_time\0" "zq_timeouts\0";
static const char pg_keys[] =
	"sselector\0" "npri\0" "sdm_st\0" "cmarginal_st\0" "normal\0" "ngroup\0";
static const char path_keys[] =
	"sdev\0" "sdev_t\0" "sdm_st\0" "sdev_st\0" "schk_st\0" "schecker\0"
	"npri\0" "chost_wwnn\0" "[undef]\0" "ctarget_wwnn\0" "[undef]\0"
	"chost_wwpn\0" "[undef]\0" "ctarget_wwpn\0" "[undef]\0"
	"chost_adapter\0" "[undef]\0" "slun_hex\0" "cmarginal_st\0" "normal\0";

void mpd_json_map(const struct mpd_mview *v, unsigned int i, struct obuf *o)
{
	const struct mp_table *t = v->t;
	const char *I = "      ", *J = "         ", *K = "            ";
	unsigned int g, k, nok = 0;
	char sysfs[16], paths[16], feat[160], hwh[160], pri[16], ppri[16], a[48], b[24];

	for (k = 0; k < t->ndev; k++)
		nok += v->p[k].dev != NULL;
	snprintf(sysfs, sizeof(sysfs), "dm-%u", v->dm_minor);
	snprintf(paths, sizeof(paths), "%u", nok);
	snprintf(feat, sizeof(feat), "%u%s%s", t->nfeat, t->nfeat ? " " : "",
		 t->features);
	snprintf(hwh, sizeof(hwh), "%u%s%s%s%s", t->hwh[0] ? 1 + t->nhwh_args : 0,
		 t->hwh[0] ? " " : "", t->hwh, t->nhwh_args ? " " : "", t->hwh_args);
	{
		const char *mv[] = { v->name, v->wwid, sysfs, v->failback, v->queueing,
				     paths, v->ro ? "ro" : "rw", feat, hwh,
				     v->vend, v->prod, v->rev };

		ob_add(o, "%s{\n", i ? "," : "");
		members(o, I, map_keys, mv, 0);
	}
	ob_add(o, "%s\"path_groups\": [", I);
	for (g = 0; g < t->npg; g++) {
		const struct mp_pg *pg = &t->pg[g];
		const char *gv[] = { a, pri, mp_state_name(v->st && v->st->npg == t->npg ?
						   v->st->pg_state[g] : 0), b };
		int sum = 0, np = 0;

		/* a live table carries no priorities: the group's is its
		 * paths' mean, as multipath -ll prints it */
		for (k = 0; k < pg->n; k++)
			if (v->p[pg->first + k].prio >= 0) {
				sum += v->p[pg->first + k].prio;
				np++;
			}
		snprintf(a, sizeof(a), "%s 0", pg->selector);
		snprintf(pri, sizeof(pri), "%d", np ? sum / np : 0);
		snprintf(b, sizeof(b), "%u", g + 1);
		ob_add(o, "%s{\n", g ? "," : "");
		members(o, J, pg_keys, gv, 0);
		ob_add(o, "%s\"paths\": [", J);
		for (k = 0; k < pg->n; k++) {
			const struct mpd_pview *p = &v->p[pg->first + k];
			const char *pv[] = { p->dev ? p->dev : "#", a, mp_state_name(p->dm_st),
					     p->dev ? p->dev_st : "undef", p->chk_st,
					     p->checker ? p->checker : "undef", ppri, b };

			snprintf(a, sizeof(a), "%u:%u", p->maj, p->min);
			snprintf(ppri, sizeof(ppri), "%d", p->prio > 0 ? p->prio : 0);
			snprintf(b, sizeof(b), "0x%016llx", (unsigned long long)p->lun);
			ob_add(o, "%s{\n", k ? "," : "");
			members(o, K, path_keys, pv, 1);
			ob_add(o, "%s}", J);
		}
		ob_add(o, "]\n%s}", I);
	}
	ob_add(o, "]\n   }");
}

void mpd_json_maps(const struct mpd_mview *m, unsigned int n, struct obuf *o)
{
	unsigned int i;

	mpd_json_head(o, n);
	for (i = 0; i < n; i++)
		mpd_json_map(&m[i], i, o);
	mpd_json_tail(o);
}
