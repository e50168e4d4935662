/* Coalescing, grouping and dm-multipath tables, see mpath.h. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mpath.h"
#include "str.h"

/* The policies' and selectors' names are words of conf_values.c. */

static int path_cmp(const void *a, const void *b)
{
	const struct mp_path *p = *(struct mp_path *const *)a;
	const struct mp_path *q = *(struct mp_path *const *)b;
	int r = strcmp(p->wwid, q->wwid);

	if (r)
		return r;
	if (p->host != q->host)
		return p->host < q->host ? -1 : 1;
	if (p->channel != q->channel)
		return p->channel < q->channel ? -1 : 1;
	if (p->target != q->target)
		return p->target < q->target ? -1 : 1;
	if (p->lun != q->lun)
		return p->lun < q->lun ? -1 : 1;
	return strcmp(p->dev, q->dev);
}

void mp_sort_paths(struct mp_path **paths, size_t n)
{
	qsort(paths, n, sizeof(*paths), path_cmp);
}

/* The key a policy groups by; NULL: every path on its own (failover). */
static const char *group_key(const struct mp_path *p, enum mp_policy pol)
{
	switch (pol) {
	case MP_MULTIBUS:
		return "";
	case MP_GROUP_BY_SERIAL:
		return p->serial;
	case MP_GROUP_BY_NODE_NAME:
		return p->node;
	default:
		return NULL;
	}
}

/* Every policy's groups, best first as multipath-tools' sort_pathgroups:
 * higher priority, then more usable paths; a stable insertion sort keeps
 * discovery order among equals. */
static void sort_groups(struct mp_table *t)
{
	struct mp_table tmp = *t;
	unsigned int order[MP_MAX_MAP_PATHS], i, j, k, d = 0;

	for (i = 0; i < t->npg; i++) {
		const struct mp_pg *g = &tmp.pg[i], *h;

		for (j = i; j > 0; j--) {
			h = &tmp.pg[order[j - 1]];
			if (h->prio > g->prio || (h->prio == g->prio && h->n >= g->n))
				break;
			order[j] = order[j - 1];
		}
		order[j] = i;
	}
	for (i = 0; i < t->npg; i++) {
		const struct mp_pg *src = &tmp.pg[order[i]];

		t->pg[i] = *src;
		t->pg[i].first = d;
		for (k = 0; k < src->n; k++, d++) {
			t->maj[d] = tmp.maj[src->first + k];
			t->min[d] = tmp.min[src->first + k];
		}
	}
}

/* The group of paths[i] (its first path) and every later path not yet
 * placed that groups with it under pol, in the given order, marked in
 * done.  A group's priority is the mean of its paths' (all usable here),
 * truncated, as multipath-tools' path_group_prio_update. */
static void add_group(struct mp_table *t, struct mp_path *const *paths,
		      unsigned int n, unsigned int i, enum mp_policy pol,
		      const char *selector, unsigned char *done)
{
	struct mp_pg *g = &t->pg[t->npg++];
	const char *key = group_key(paths[i], pol);
	unsigned int j;
	long sum = 0;

	str_copy(g->selector, selector, sizeof(g->selector));
	g->first = t->ndev;
	for (j = i; j < n; j++) {
		int same;

		if (done[j])
			continue;
		if (pol == MP_GROUP_BY_PRIO)
			same = paths[j]->prio == paths[i]->prio;
		else if (key)
			same = !strcmp(group_key(paths[j], pol), key);
		else
			same = j == i;
		if (!same)
			continue;
		done[j] = 1;
		sum += paths[j]->prio;
		t->maj[t->ndev] = paths[j]->maj;
		t->min[t->ndev] = paths[j]->min;
		t->ndev++;
		g->n++;
	}
	g->prio = (int)(sum / (long)g->n);
}

int mp_table_build(struct mp_path *const *paths, unsigned int n,
		   enum mp_policy pol, const char *selector, int queue_if_no_path,
		   struct mp_table *t)
{
	unsigned char done[MP_MAX_MAP_PATHS];
	unsigned int i;

	if (!n || (unsigned int)pol >= MP_POLICY_N)
		return -EINVAL;
	if (n > MP_MAX_MAP_PATHS)
		return -E2BIG;
	memset(t, 0, sizeof(*t));
	memset(done, 0, sizeof(done));
	if (queue_if_no_path)
		mp_table_set_queueing(t, 1);
	/* A handler attached to one path is attached to the LU's device
	 * type on every path; the kernel keeps it (retain_attached_hw_handler)
	 * and shows it in the table, so name it to keep tables comparable. */
	for (i = 0; i < n; i++)
		if (paths[i]->dh[0]) {
			str_copy(t->hwh, paths[i]->dh, sizeof(t->hwh));
			break;
		}

	/* Groups in order of their first path: O(n * groups), n is one
	 * LU's paths. */
	for (i = 0; i < n; i++)
		if (!done[i])
			add_group(t, paths, n, i, pol, selector, done);
	sort_groups(t);
	return 0;
}

/* Bounded appender: remembers overflow instead of checking every call. */
struct out {
	char *buf;
	size_t size, len;
	int full;
};

static void out_add(struct out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void out_add(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (o->full)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->len, o->size - o->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= o->size - o->len) {
		o->full = 1;
		return;
	}
	o->len += (size_t)n;
}

int mp_table_format(const struct mp_table *t, char *buf, size_t size)
{
	struct out o = { buf, size, 0, 0 };
	unsigned int g, i;

	if (!size)
		return -ENOSPC;
	buf[0] = '\0';
	out_add(&o, "%u%s%s", t->nfeat, t->nfeat ? " " : "", t->features);
	if (t->hwh[0])
		out_add(&o, " %u %s%s%s", 1 + t->nhwh_args, t->hwh,
			t->nhwh_args ? " " : "", t->hwh_args);
	else
		out_add(&o, " 0");
	out_add(&o, " %u %u", t->npg, t->npg ? 1u : 0u);
	for (g = 0; g < t->npg; g++) {
		const struct mp_pg *p = &t->pg[g];

		out_add(&o, " %s 0 %u 1", p->selector, p->n);
		for (i = p->first; i < p->first + p->n; i++)
			out_add(&o, " %u:%u %u", t->maj[i], t->min[i],
				t->rr[i] ? t->rr[i] : 1);
	}
	if (o.full) {
		buf[0] = '\0';
		return -ENOSPC;
	}
	return 0;
}

/* Word scanner over a table/status line. */
struct words {
	const char *p;
};

static int next_word(struct words *w, char *out, size_t size)
{
	size_t n = 0;

	while (*w->p == ' ' || *w->p == '\t' || *w->p == '\n')
		w->p++;
	if (!*w->p)
		return -EINVAL;
	while (*w->p && *w->p != ' ' && *w->p != '\t' && *w->p != '\n') {
		if (n + 1 >= size)
			return -EINVAL;
		out[n++] = *w->p++;
	}
	out[n] = '\0';
	return 0;
}

static int next_uint(struct words *w, unsigned int max, unsigned int *v)
{
	char word[24];

	if (next_word(w, word, sizeof(word)))
		return -EINVAL;
	return str_to_uint(word, max, v) ? -EINVAL : 0;
}

static int skip_words(struct words *w, unsigned int n)
{
	char word[256];

	while (n--)
		if (next_word(w, word, sizeof(word)))
			return -EINVAL;
	return 0;
}

/* Append word to a space-separated list in buf[size]. */
static int words_add(char *buf, size_t size, const char *word)
{
	size_t l = strlen(buf), w = strlen(word);

	if (l + (l ? 1 : 0) + w + 1 > size)
		return -ENOSPC;
	if (l)
		buf[l++] = ' ';
	memcpy(buf + l, word, w + 1);
	return 0;
}

static int has_word(const char *list, const char *word)
{
	size_t w = strlen(word);
	const char *p = list;

	while ((p = strstr(p, word))) {
		if ((p == list || p[-1] == ' ') && (!p[w] || p[w] == ' '))
			return 1;
		p += w;
	}
	return 0;
}

int mp_table_set_queueing(struct mp_table *t, int on)
{
	char out[MP_FEAT_LEN] = "", word[MP_FEAT_LEN];
	const char *p = t->features;
	unsigned int n = 0;

	if (!on == !t->queue_if_no_path)
		return 0;
	if (on) {
		if (words_add(t->features, sizeof(t->features), "queue_if_no_path"))
			return -ENOSPC;
		t->nfeat++;
		t->queue_if_no_path = 1;
		return 0;
	}
	/* drop every "queue_if_no_path" word, keep the rest in order */
	while (*p) {
		size_t l;

		while (*p == ' ')
			p++;
		l = strcspn(p, " ");
		if (!l)
			break;
		memcpy(word, p, l);
		word[l] = '\0';
		p += l;
		if (strcmp(word, "queue_if_no_path")) {
			words_add(out, sizeof(out), word); /* shorter: fits */
			n++;
		}
	}
	memcpy(t->features, out, sizeof(out));
	t->nfeat = n;
	t->queue_if_no_path = 0;
	return 0;
}

/* Features and hardware handler head, common to table and status. */
static int parse_head(struct words *w, struct mp_table *t, int status)
{
	char word[64];
	unsigned int n, i;

	if (next_uint(w, 64, &n))
		return -EINVAL;
	t->nfeat = n;
	for (i = 0; i < n; i++) {
		if (next_word(w, word, sizeof(word)) ||
		    words_add(t->features, sizeof(t->features), word))
			return -EINVAL;
	}
	t->queue_if_no_path = has_word(t->features, "queue_if_no_path");
	if (next_uint(w, 64, &n))
		return -EINVAL;
	if (n) {
		if (next_word(w, word, sizeof(word)))
			return -EINVAL;
		if (!status && str_copy(t->hwh, word, sizeof(t->hwh)))
			return -EINVAL;
		t->nhwh_args = n - 1;
		for (i = 1; i < n; i++)
			if (next_word(w, word, sizeof(word)) ||
			    words_add(t->hwh_args, sizeof(t->hwh_args), word))
				return -EINVAL;
	}
	return 0;
}

int mp_table_parse(const char *params, struct mp_table *t)
{
	struct words w = { params };
	unsigned int g, i, n, nargs, npaths, initial;
	char word[64];

	memset(t, 0, sizeof(*t));
	if (parse_head(&w, t, 0))
		return -EINVAL;
	if (next_uint(&w, MP_MAX_MAP_PATHS, &t->npg) ||
	    next_uint(&w, MP_MAX_MAP_PATHS, &initial))
		return -EINVAL;
	for (g = 0; g < t->npg; g++) {
		struct mp_pg *p = &t->pg[g];

		if (next_word(&w, word, sizeof(word)) ||
		    str_copy(p->selector, word, sizeof(p->selector)) ||
		    next_uint(&w, 64, &n) || skip_words(&w, n) ||
		    next_uint(&w, MP_MAX_MAP_PATHS, &npaths) ||
		    next_uint(&w, 64, &nargs))
			return -EINVAL;
		if (t->ndev + npaths > MP_MAX_MAP_PATHS)
			return -EINVAL;
		p->first = t->ndev;
		p->n = npaths;
		for (i = 0; i < npaths; i++, t->ndev++)
			if (next_word(&w, word, sizeof(word)) ||
			    str_to_majmin(word, &t->maj[t->ndev], &t->min[t->ndev]) ||
			    skip_words(&w, nargs))
				return -EINVAL;
	}
	if (!next_word(&w, word, sizeof(word)))
		return -EINVAL; /* trailing junk: not a table we understand */
	return 0;
}

int mp_table_equal(const struct mp_table *a, const struct mp_table *b)
{
	unsigned int g, i;

	if (a->nfeat != b->nfeat || strcmp(a->features, b->features) ||
	    strcmp(a->hwh, b->hwh) || a->nhwh_args != b->nhwh_args ||
	    strcmp(a->hwh_args, b->hwh_args) || a->npg != b->npg ||
	    a->ndev != b->ndev)
		return 0;
	for (g = 0; g < a->npg; g++)
		if (strcmp(a->pg[g].selector, b->pg[g].selector) ||
		    a->pg[g].n != b->pg[g].n || a->pg[g].first != b->pg[g].first)
			return 0;
	for (i = 0; i < a->ndev; i++)
		if (a->maj[i] != b->maj[i] || a->min[i] != b->min[i])
			return 0;
	return 1;
}

int mp_status_parse(const char *params, struct mp_status *st)
{
	struct words w = { params };
	struct mp_table head;
	unsigned int g, i, n, npaths, nargs, cur;
	char word[64];

	memset(st, 0, sizeof(*st));
	memset(&head, 0, sizeof(head));
	if (parse_head(&w, &head, 1) ||
	    next_uint(&w, MP_MAX_MAP_PATHS, &st->npg) ||
	    next_uint(&w, MP_MAX_MAP_PATHS, &cur))
		return -EINVAL;
	for (g = 0; g < st->npg; g++) {
		if (next_word(&w, word, sizeof(word)) || strlen(word) != 1 ||
		    !strchr("AED", word[0]))
			return -EINVAL;
		st->pg_state[g] = word[0];
		if (next_uint(&w, 64, &n) || skip_words(&w, n) ||
		    next_uint(&w, MP_MAX_MAP_PATHS, &npaths) ||
		    next_uint(&w, 64, &nargs) ||
		    st->ndev + npaths > MP_MAX_MAP_PATHS)
			return -EINVAL;
		for (i = 0; i < npaths; i++, st->ndev++) {
			if (next_word(&w, word, sizeof(word)) ||
			    str_to_majmin(word, &st->maj[st->ndev], &st->min[st->ndev]) ||
			    next_word(&w, word, sizeof(word)) || strlen(word) != 1 ||
			    !strchr("AF", word[0]))
				return -EINVAL;
			st->path_state[st->ndev] = word[0];
			/* fail count, then the selector's per-path fields */
			if (skip_words(&w, 1 + nargs))
				return -EINVAL;
		}
	}
	return 0;
}

const char *mp_uuid_wwid(const char *uuid)
{
	size_t l = sizeof(MP_UUID_PREFIX) - 1;

	return strncmp(uuid, MP_UUID_PREFIX, l) || !uuid[l] ? NULL : uuid + l;
}

int mp_is_sd_disk(const char *name)
{
	const char *c;

	if (strncmp(name, "sd", 2) || !name[2])
		return 0;
	for (c = name + 2; *c; c++)
		if (*c < 'a' || *c > 'z')
			return 0;
	return 1;
}

int mp_map_name(const char *wwid, char *name, size_t size)
{
	size_t i, n = strlen(wwid);

	if (!n)
		return -EINVAL;
	if (n >= size)
		return -ENAMETOOLONG;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)wwid[i];

		name[i] = c <= ' ' || c >= 0x7f || c == '/' ? '_' : (char)c;
	}
	name[n] = '\0';
	if (!strcmp(name, ".") || !strcmp(name, ".."))
		name[0] = '_';
	return 0;
}

int mp_map_uuid(const char *wwid, char *uuid, size_t size)
{
	if (!wwid[0])
		return -EINVAL;
	return str_fmt(uuid, size, MP_UUID_PREFIX "%s", wwid);
}

/* q = round(n / d) with ties to even, as printf's %.0f does. */
static uint64_t div_round_even(uint64_t n, uint64_t d)
{
	uint64_t q = n / d, r = n % d;

	if (r > d - r || (r == d - r && (q & 1)))
		q++;
	return q;
}

void mp_fmt_size(uint64_t sectors, char *buf, size_t size)
{
	static const char units[] = "KMGTP";
	uint64_t kib = sectors >> 1, den = 1; /* multipath-tools starts at KiB */
	unsigned int u = 0;

	while (u < 4 && kib / den >= 1024) {
		den *= 1024;
		u++;
	}
	if (kib / den < 10) {
		/* kib < 10 * den here, so kib * 10 cannot overflow */
		uint64_t tenths = div_round_even(kib * 10, den);

		snprintf(buf, size, "%llu.%llu%c", (unsigned long long)(tenths / 10),
			 (unsigned long long)(tenths % 10), units[u]);
	} else {
		snprintf(buf, size, "%llu%c",
			 (unsigned long long)div_round_even(kib, den), units[u]);
	}
}

const char *mp_state_name(char c)
{
	return c == 'A' ? "active" : c == 'F' ? "failed" : c == 'E' ? "enabled" :
	       c == 'D' ? "disabled" : "undef";
}

int mp_path_wwid_eq(const void *arr, size_t i, const void *key)
{
	return !strcmp(((const struct mp_path *)arr)[i].wwid, key);
}
