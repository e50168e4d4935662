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

static void kv(struct obuf *o, const char *ind, const char *k, const char *v,
	       int last)
{
	ob_add(o, "%s\"%s\" : ", ind, k);
	jstr(o, v);
	ob_add(o, "%s\n", last ? "" : ",");
}

static void kn(struct obuf *o, const char *ind, const char *k, long long v)
{
	ob_add(o, "%s\"%s\" : %lld,\n", ind, k, v);
}

static const char *st_name(char c)
{
	return c == 'A' ? "active" : c == 'F' ? "failed" : c == 'E' ? "enabled" :
	       c == 'D' ? "disabled" : "undef";
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

void mpd_json_map(const struct mpd_mview *v, unsigned int i, struct obuf *o)
{
	unsigned int g, k;
	char buf[160];

	{
		const struct mp_table *t = v->t;
		const char *I = "      ";
		unsigned int nok = 0;

		for (k = 0; k < t->ndev; k++)
			nok += v->p[k].dev != NULL;
		ob_add(o, "%s{\n", i ? "," : "");
		kv(o, I, "name", v->name, 0);
		kv(o, I, "uuid", v->wwid, 0);
		snprintf(buf, sizeof(buf), "dm-%u", v->dm_minor);
		kv(o, I, "sysfs", buf, 0);
		kv(o, I, "failback", v->failback, 0);
		kv(o, I, "queueing", v->queueing, 0);
		kn(o, I, "paths", nok);
		kv(o, I, "write_prot", v->ro ? "ro" : "rw", 0);
		kv(o, I, "dm_st", "active", 0);
		snprintf(buf, sizeof(buf), "%u%s%s", t->nfeat, t->nfeat ? " " : "",
			 t->features);
		kv(o, I, "features", buf, 0);
		snprintf(buf, sizeof(buf), "%u%s%s%s%s", t->hwh[0] ? 1 + t->nhwh_args : 0,
			 t->hwh[0] ? " " : "", t->hwh, t->nhwh_args ? " " : "",
			 t->hwh_args);
		kv(o, I, "hwhandler", buf, 0);
		kv(o, I, "action", "", 0);
		kn(o, I, "path_faults", 0);
		kv(o, I, "vend", v->vend, 0);
		kv(o, I, "prod", v->prod, 0);
		kv(o, I, "rev", v->rev, 0);
		kn(o, I, "switch_grp", 0);
		kn(o, I, "map_loads", 0);
		kn(o, I, "total_q_time", 0);
		kn(o, I, "q_timeouts", 0);
		ob_add(o, "%s\"path_groups\": [", I);
		for (g = 0; g < t->npg; g++) {
			const struct mp_pg *pg = &t->pg[g];
			const char *J = "         ";

			int sum = 0, np = 0;

			/* a live table has no priorities: the paths' mean */
			for (k = 0; k < pg->n; k++)
				if (v->p[pg->first + k].prio >= 0) {
					sum += v->p[pg->first + k].prio;
					np++;
				}
			ob_add(o, "%s{\n", g ? "," : "");
			snprintf(buf, sizeof(buf), "%s 0", pg->selector);
			kv(o, J, "selector", buf, 0);
			kn(o, J, "pri", np ? sum / np : 0);
			kv(o, J, "dm_st", st_name(v->st && v->st->npg == t->npg ?
						v->st->pg_state[g] : 0), 0);
			kv(o, J, "marginal_st", "normal", 0);
			ob_add(o, "%s\"group\" : %u,\n", J, g + 1);
			ob_add(o, "%s\"paths\": [", J);
			for (k = 0; k < pg->n; k++) {
				const struct mpd_pview *p = &v->p[pg->first + k];
				const char *K = "            ";

				ob_add(o, "%s{\n", k ? "," : "");
				kv(o, K, "dev", p->dev ? p->dev : "#", 0);
				snprintf(buf, sizeof(buf), "%u:%u", p->maj, p->min);
				kv(o, K, "dev_t", buf, 0);
				kv(o, K, "dm_st", st_name(p->dm_st), 0);
				kv(o, K, "dev_st", p->dev ? p->dev_st : "undef", 0);
				kv(o, K, "chk_st", p->chk_st, 0);
				kv(o, K, "checker", p->checker ? p->checker : "undef", 0);
				kn(o, K, "pri", p->prio > 0 ? p->prio : 0);
				kv(o, K, "host_wwnn", "[undef]", 0);
				kv(o, K, "target_wwnn", "[undef]", 0);
				kv(o, K, "host_wwpn", "[undef]", 0);
				kv(o, K, "target_wwpn", "[undef]", 0);
				kv(o, K, "host_adapter", "[undef]", 0);
				snprintf(buf, sizeof(buf), "0x%016llx",
					 (unsigned long long)p->lun);
				kv(o, K, "lun_hex", buf, 0);
				kv(o, K, "marginal_st", "normal", 1);
				ob_add(o, "%s}", J);
			}
			ob_add(o, "]\n%s}", I);
		}
		ob_add(o, "]\n   }");
	}
}

void mpd_json_maps(const struct mpd_mview *m, unsigned int n, struct obuf *o)
{
	unsigned int i;

	mpd_json_head(o, n);
	for (i = 0; i < n; i++)
		mpd_json_map(&m[i], i, o);
	mpd_json_tail(o);
}
