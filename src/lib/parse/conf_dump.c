/* multipath -t: the configuration in effect in multipath-tools' layout,
 * every value written as the parser (conf_kw.c) reads it back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf_int.h"
#include "mpath.h"

struct dump {
	mp_conf_out_fn out;
	void *arg;
	char line[2 * MAX_TOKEN + 64]; /* a value of quotes, each doubled */
};

/* A quoted value doubles each quote in it, as multipath-tools'
 * append_strbuf_quoted, so that it reads back as it was. */
static void put(struct dump *d, const char *indent, const char *k,
		const char *v, int quote)
{
	size_t n = (size_t)snprintf(d->line, sizeof(d->line), "%s%s %s", indent, k,
				    quote ? "\"" : "");

	for (; *v && n < sizeof(d->line) - 3; v++) {
		d->line[n++] = *v;
		if (*v == '"' && quote)
			d->line[n++] = '"';
	}
	if (quote)
		d->line[n++] = '"';
	d->line[n++] = '\n';
	d->line[n] = '\0';
	d->out(d->arg, d->line);
}

static void put_int(struct dump *d, const char *indent, const char *k, int v)
{
	char n[16];

	snprintf(n, sizeof(n), "%d", v);
	put(d, indent, k, n, 0);
}

/* Every keyword of a settings block that is set, from the keyword table
 * (so -t shows all a config can say, and reads back the same). */
static void dump_set(struct dump *d, const struct mp_set *s, const char *in)
{
	size_t i;
	char n[16];

	if (s->alias)
		put(d, in, "alias", s->alias, 1);
	for (i = 0; i < conf_nkeywords; i++) {
		const struct conf_kw *k = &conf_keywords[i];
		const char *p = (const char *)s + k->off, *v;
		int iv, q = 1;

		if ((k->where & W_C) || k->off == SET(alias) || !strcmp(k->name, "checker"))
			continue;
		if (k->kind >= MP_V_SEL) {
			v = *(const char *const *)p;
			if (!v)
				continue;
		} else {
			iv = k->kind <= MP_V_PGP ? *(const int8_t *)p : *(const int *)p;
			if (!iv)
				continue;
			v = mp_value_word((enum mp_vk)k->kind, iv);
			/* words quoted, but policies and code -1 (failback
			 * manual, no_path_retry fail: MP_NUM_ZERO's code) as
			 * -t always wrote them; multipath-tools quotes these */
			q = v && k->kind != MP_V_PGP && iv != MP_NUM_ZERO;
			if (!v) /* a number; fast_io_fail_tmo 0 has a code */
				snprintf(n, sizeof(n), "%d", iv == MP_NUM_ZERO ? 0 : iv);
			v = v ? v : n;
		}
		put(d, in, k->name, v, q);
	}
}

/* The protocol subsections of device dev (-1: overrides), in = "\t" or
 * "\t\t" the indent of their owner's keywords. */
static void dump_pc(struct dump *d, const struct mp_conf *c, int dev,
		    const char *in)
{
	char in2[4];
	size_t i;

	snprintf(in2, sizeof(in2), "%s\t", in);
	for (i = 0; c && i < c->npc; i++) {
		if (c->pc[i].dev != dev)
			continue;
		put(d, in, "protocol", "{", 0);
		put(d, in2, "type", c->pc[i].type, 1);
		dump_set(d, &c->pc[i].s, in2);
		snprintf(d->line, sizeof(d->line), "%s}\n", in);
		d->out(d->arg, d->line);
	}
}

static void dump_hwe(struct dump *d, const struct mp_hwe *e,
		     const struct mp_conf *c, int dev)
{
	d->out(d->arg, "\tdevice {\n");
	put(d, "\t\t", "vendor", e->vendor, 1);
	put(d, "\t\t", "product", e->product, 1);
	if (e->revision)
		put(d, "\t\t", "revision", e->revision, 1);
	if (e->bl_product)
		put(d, "\t\t", "product_blacklist", e->bl_product, 1);
	dump_set(d, &e->s, "\t\t");
	dump_pc(d, c, dev, "\t\t");
	d->out(d->arg, "\t}\n");
}

static int str_same(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* Entry j of what a blacklist dump shows: the built-in entries, the
 * user's, then (hw) the hardware table's product blacklists; 0 past the
 * end, -1 for a table entry without one. */
static int bl_get(const struct mp_ble *b, size_t nb, const struct mp_bl *bl,
		  int hw, size_t j, struct mp_ble *e)
{
	if (j < nb) {
		*e = b[j];
		return 1;
	}
	j -= nb;
	if (j < bl->n) {
		*e = bl->e[j];
		return 1;
	}
	j -= bl->n;
	if (!hw || j >= mp_hwtable_n)
		return 0;
	e->kind = MP_BL_DEVICE;
	e->a = mp_hwb_vendor(&mp_hwtable[j]);
	e->b = mp_hwb_bl(&mp_hwtable[j]);
	return e->b ? 1 : -1;
}

/* multipath-tools' layout: by kind, in this order.  An entry shown
 * already is not shown again (the hardware table names some twice, and a
 * re-read dump has the built-in ones as the user's): a blacklist is a
 * set, and the dump of a re-read dump is then the same text. */
static void dump_bl(struct dump *d, const char *name, const struct mp_ble *b,
		    size_t nb, const struct mp_bl *bl)
{
	static const char *const kinds[] = {
		[MP_BL_DEVNODE] = "devnode", [MP_BL_WWID] = "wwid",
		[MP_BL_DEVICE] = "device", [MP_BL_PROPERTY] = "property",
		[MP_BL_PROTOCOL] = "protocol",
	};
	static const uint8_t order[5] = { MP_BL_DEVNODE, MP_BL_WWID,
		MP_BL_PROPERTY, MP_BL_PROTOCOL, MP_BL_DEVICE };
	int hw = b == mp_builtin_blacklist;
	struct mp_ble e, f;
	size_t i, j, k;
	int r;

	snprintf(d->line, sizeof(d->line), "%s {\n", name);
	d->out(d->arg, d->line);
	for (k = 0; k < 5; k++)
		for (j = 0; (r = bl_get(b, nb, bl, hw, j, &e)); j++) {
			if (r < 0 || e.kind != order[k])
				continue;
			for (i = 0; i < j; i++)
				if (bl_get(b, nb, bl, hw, i, &f) > 0 && f.kind == e.kind &&
				    str_same(f.a, e.a) && str_same(f.b, e.b))
					break;
			if (i < j)
				continue;
			if (e.kind != MP_BL_DEVICE) {
				put(d, "\t", kinds[e.kind], e.a, 1);
				continue;
			}
			d->out(d->arg, "\tdevice {\n");
			if (e.a)
				put(d, "\t\t", "vendor", e.a, 1);
			if (e.b)
				put(d, "\t\t", "product", e.b, 1);
			d->out(d->arg, "\t}\n");
		}
	d->out(d->arg, "}\n");
}

/* Is the user's device entry i a copy of built-in entry i (a re-read
 * dump starts with them)?  Leaving out such a leading run changes no
 * setting: the same entries were applied just before, in the same order. */
static int hwe_copy(const struct mp_conf *c, size_t i)
{
	const struct mp_hwe *u = &c->dev[i];
	struct mp_set a = u->s, b;
	const char **x = (const char **)(void *)&a, **y = (const char **)(void *)&b;
	size_t k;

	_Static_assert(offsetof(struct mp_set, alias) == 7 * sizeof(char *) &&
		       offsetof(struct mp_set, pgpolicy) == 8 * sizeof(char *),
		       "mp_set starts with its 8 strings");

	if (i >= conf_hw_n(c) || u->revision || !str_same(u->vendor, mp_hwb_vendor(&mp_hwtable[i])) ||
	    !str_same(u->product, mp_hwb_product(&mp_hwtable[i])) ||
	    !str_same(u->bl_product, mp_hwb_bl(&mp_hwtable[i])))
		return 0;
	for (k = 0; k < c->npc; k++)
		if (c->pc[k].dev == (int)i)
			return 0;
	mp_hwb_set(&mp_hwtable[i], &b);
	/* the strings (the first 8 members), then the numbers: no padding
	 * up to the last one */
	for (k = 0; k < 8; k++) {
		if (!str_same(x[k], y[k]))
			return 0;
		x[k] = y[k] = NULL;
	}
	return !memcmp(&a, &b, offsetof(struct mp_set, fast_io_fail_tmo) + sizeof(int));
}

void mp_conf_dump(const struct mp_conf *c, mp_conf_out_fn out, void *arg)
{
	struct dump *d = malloc(sizeof(*d));
	struct mp_set def = c->defaults;
	struct mp_eff e;
	size_t i, k;

	if (!d)
		return;
	d->out = out;
	d->arg = arg;
	mp_conf_resolve(c, NULL, NULL, NULL, NULL, &e);
	conf_set_fill(&def, &mp_builtin_defaults);
	d->out(d->arg, "defaults {\n");
	put_int(d, "\t", "polling_interval", e.polling_interval);
	put_int(d, "\t", "max_polling_interval", e.max_polling_interval);
	put(d, "\t", "find_multipaths", mp_value_word(MP_V_FM, e.find_multipaths), 1);
	put(d, "\t", "bindings_file", c->bindings_file ? c->bindings_file :
	    "/etc/multipath/bindings", 1);
	put(d, "\t", "wwids_file", c->wwids_file ? c->wwids_file :
	    "/etc/multipath/wwids", 1);
	if (c->queue_without_daemon)
		put(d, "\t", "queue_without_daemon",
		    mp_value_word(MP_V_BOOL, c->queue_without_daemon), 1);
	dump_set(d, &def, "\t");
	d->out(d->arg, "}\n");
	dump_bl(d, "blacklist", mp_builtin_blacklist, mp_builtin_blacklist_n, &c->bl);
	dump_bl(d, "blacklist_exceptions", mp_builtin_blexc, 1, &c->ble);
	d->out(d->arg, "devices {\n");
	for (i = 0; i < conf_hw_n(c); i++)
	{
		struct mp_hwe h = { .vendor = mp_hwb_vendor(&mp_hwtable[i]),
				    .product = mp_hwb_product(&mp_hwtable[i]),
				    .bl_product = mp_hwb_bl(&mp_hwtable[i]) };

		mp_hwb_set(&mp_hwtable[i], &h.s);
		dump_hwe(d, &h, NULL, 0);
	}
	for (k = 0; k < c->ndev && hwe_copy(c, k); k++)
		;
	for (i = k; i < c->ndev; i++)
		dump_hwe(d, &c->dev[i], c, (int)i);
	d->out(d->arg, "}\noverrides {\n");
	dump_set(d, &c->overrides, "\t");
	dump_pc(d, c, -1, "\t");
	d->out(d->arg, "}\nmultipaths {\n");
	for (i = 0; i < c->nmp; i++) {
		d->out(d->arg, "\tmultipath {\n");
		put(d, "\t\t", "wwid", c->mp[i].wwid, 1);
		dump_set(d, &c->mp[i].s, "\t\t");
		d->out(d->arg, "\t}\n");
	}
	d->out(d->arg, "}\n");
	free(d);
}
