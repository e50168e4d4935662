/* multipath.conf's parser: lines to words, sections, keywords (see
 * conf.h); the keywords and their values are conf_kw.c's table. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf_int.h"
#include "ere.h"
#include "mpath.h"
#include "names.h"

/* 31 words of up to MAX_TOKEN bytes: the token store (31 x 4097) stays
 * under 128 KiB, so allocators serve it from their pools instead of
 * mapping and unmapping it on every parse (that was most of a fuzz run's
 * time). */
#define MAX_TOKENS 31
#define MAX_DEPTH 4

enum sec { S_TOP, S_DEFAULTS, S_BLACKLIST, S_BLEXC, S_DEVICES, S_DEVICE,
	   S_MULTIPATHS, S_MULTIPATH, S_OVERRIDES, S_BLDEV, S_PROTO, S_SKIP };

static const char *const sec_names[] = {
	[S_TOP] = "", [S_DEFAULTS] = "defaults", [S_BLACKLIST] = "blacklist",
	[S_BLEXC] = "blacklist_exceptions", [S_DEVICES] = "devices",
	[S_DEVICE] = "device", [S_MULTIPATHS] = "multipaths",
	[S_MULTIPATH] = "multipath", [S_OVERRIDES] = "overrides",
	[S_BLDEV] = "device", [S_PROTO] = "protocol", [S_SKIP] = "",
};

void mp_conf_init(struct mp_conf *c, mp_conf_warn_fn warn, void *arg)
{
	memset(c, 0, sizeof(*c));
	c->warn = warn;
	c->warn_arg = arg;
}

void mp_conf_free(struct mp_conf *c)
{
	size_t i;

	for (i = 0; i < c->nstr; i++)
		free(c->str[i]);
	free(c->str);
	free(c->dev);
	free(c->mp);
	free(c->bl.e);
	free(c->ble.e);
	free(c->pc);
	memset(c, 0, sizeof(*c));
}

/* Parser state for one file. */
struct ps {
	struct mp_conf *c;
	const char *file;
	unsigned int line;
	int nomem;
	enum sec stack[MAX_DEPTH];
	unsigned int open_line[MAX_DEPTH];
	int depth;
	enum sec pending;         /* section keyword seen, '{' expected */
	size_t cur;               /* index of the device/multipath entry */
	int cur_bad;              /* entry has an error: drop it at '}' */
	int dev_bad;              /* cur_bad of the device around a protocol */
	struct mp_ble bldev;      /* blacklist device being built */
	char *tok[MAX_TOKENS];
	size_t ntok;
	char *buf;                /* token storage, MAX_TOKENS*(MAX_TOKEN+1) */
};

static void warn(struct ps *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void warn(struct ps *p, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	p->c->nwarn++;
	if (!p->c->warn)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	p->c->warn(p->c->warn_arg, p->file, p->line, msg);
}

static const char *keep(struct ps *p, const char *s)
{
	struct mp_conf *c = p->c;
	char *d;

	if (c->nstr == c->capstr) {
		size_t cap = c->capstr ? 2 * c->capstr : 64;
		char **n = realloc(c->str, cap * sizeof(*n));

		if (!n) {
			p->nomem = 1;
			return NULL;
		}
		c->str = n;
		c->capstr = cap;
	}
	d = strdup(s);
	if (!d) {
		p->nomem = 1;
		return NULL;
	}
	c->str[c->nstr++] = d;
	return d;
}

static void *grow(struct ps *p, void **arr, size_t *n, size_t *cap, size_t sz)
{
	char *a;

	if (*n == *cap) {
		size_t nc = *cap ? 2 * *cap : 16;

		a = realloc(*arr, nc * sz);
		if (!a) {
			p->nomem = 1;
			return NULL;
		}
		*arr = a;
		*cap = nc;
	}
	a = (char *)*arr + (*n)++ * sz;
	memset(a, 0, sz);
	return a;
}

/* Split one line into p->tok (conf_tok.c); what is wrong with it, said. */
static void tokenize(struct ps *p, const char *s, size_t len)
{
	size_t wl = 0;

	switch (conf_tokenize(s, len, p->buf, p->tok, MAX_TOKENS, &p->ntok, &wl)) {
	case CONF_TOK_MANY:
		warn(p, "too many words on one line, the rest ignored");
		break;
	case CONF_TOK_QUOTE: /* its value would be a guess */
		warn(p, "unterminated quoted string, line ignored");
		break;
	case CONF_TOK_LONG:
		warn(p, "word of %zu bytes too long, line ignored", wl);
		break;
	case CONF_TOK_NUL:
		warn(p, "NUL byte in a word, line ignored");
		break;
	}
}

/* Store value v of keyword k into set (or the conf for W_C). */
static void set_value(struct ps *p, const struct conf_kw *k, struct mp_set *set,
		      const char *v)
{
	int iv = 0;

	if (conf_kw_check(k, v, &iv)) {
		warn(p, k->kind == MP_V_SEL ? "%s: unknown path selector '%s', ignored" :
		     "%s: bad value '%s', ignored", k->name, v);
		return;
	}
	conf_kw_store(k, (k->where & W_C) ? (void *)p->c : (void *)set, iv,
		      k->kind >= MP_V_SEL ? keep(p, v) : NULL);
}

static enum sec cur_sec(const struct ps *p)
{
	return p->depth ? p->stack[p->depth - 1] : S_TOP;
}

/* A settings keyword inside defaults, device, multipath or overrides. */
static void settings_kw(struct ps *p, enum sec s, const char *name,
			const char *v)
{
	unsigned int where = s == S_DEFAULTS ? W_D | W_C : s == S_DEVICE ? W_V :
			     s == S_MULTIPATH ? W_M : s == S_PROTO ? W_P : W_O;
	const struct conf_kw *k = conf_kw_find(name);
	struct mp_set *set;

	if (!k) {
		if (!conf_kw_ignored(name))
			warn(p, "unknown keyword '%s' in %s, ignored", name,
			     sec_names[s]);
		return;
	}
	if (!(k->where & where)) {
		warn(p, "'%s' is not valid in %s, ignored", name, sec_names[s]);
		return;
	}
	if (!v) {
		warn(p, "%s: missing value", name);
		return;
	}
	set = s == S_DEFAULTS ? &p->c->defaults : s == S_OVERRIDES ?
	      &p->c->overrides : s == S_DEVICE ? &p->c->dev[p->cur].s :
	      s == S_PROTO ? &p->c->pc[p->c->npc - 1].s : &p->c->mp[p->cur].s;
	set_value(p, k, set, v);
}

static void pattern_kw(struct ps *p, const char **dst, const char *name,
		       const char *v)
{
	const char *re = v && v[0] == '!' ? v + 1 : v;

	if (!v) {
		warn(p, "%s: missing value", name);
		p->cur_bad = 1;
		return;
	}
	if (ere_check(re)) {
		warn(p, "%s: bad regular expression '%s'", name, v);
		p->cur_bad = 1;
		return;
	}
	*dst = keep(p, v);
}

static void add_ble(struct ps *p, struct mp_bl *bl, const struct mp_ble *e)
{
	struct mp_ble *n = grow(p, (void **)&bl->e, &bl->n, &bl->cap, sizeof(*n));

	if (n)
		*n = *e;
}

static void open_sec(struct ps *p, enum sec s)
{
	struct mp_conf *c = p->c;
	int bad = p->cur_bad;

	if (p->depth == MAX_DEPTH) {
		warn(p, "sections nested too deep");
		s = S_SKIP;
	}
	p->cur_bad = 0;
	if (s == S_DEVICE) {
		struct mp_hwe *e = grow(p, (void **)&c->dev, &c->ndev, &c->capdev,
					sizeof(*e));
		if (!e)
			s = S_SKIP;
		else {
			e->file = keep(p, p->file);
			e->line = p->line;
			p->cur = c->ndev - 1;
		}
	} else if (s == S_MULTIPATH) {
		struct mp_mpe *e = grow(p, (void **)&c->mp, &c->nmp, &c->capmp,
					sizeof(*e));
		if (!e)
			s = S_SKIP;
		else {
			e->line = p->line;
			p->cur = c->nmp - 1;
		}
	} else if (s == S_BLDEV) {
		memset(&p->bldev, 0, sizeof(p->bldev));
		p->bldev.kind = MP_BL_DEVICE;
		p->bldev.file = keep(p, p->file);
		p->bldev.line = p->line;
	} else if (s == S_OVERRIDES) {
		c->has_overrides = 1;
	} else if (s == S_PROTO) {
		struct mp_pce *e = grow(p, (void **)&c->pc, &c->npc, &c->cappc,
					sizeof(*e));

		p->dev_bad = bad;
		if (!e)
			s = S_SKIP;
		else
			e->dev = cur_sec(p) == S_DEVICE ? (int)p->cur : -1;
	}
	if (p->depth < MAX_DEPTH) {
		p->open_line[p->depth] = p->line;
		p->stack[p->depth++] = s;
	}
}


/* Several multipath entries for one WWID are one, as multipath-tools'
 * merge_mptable: per setting the later entry wins, the earlier fills in
 * what it leaves unset.  The table stays sorted by WWID, the order its
 * dump (multipath -t) has. */
static void mpe_merge(struct ps *p)
{
	struct mp_conf *c = p->c;
	size_t i, n = c->nmp - 1;
	struct mp_mpe e = c->mp[n];

	for (i = 0; i < n && strcmp(c->mp[i].wwid, e.wwid) < 0; i++)
		;
	if (i < n && !strcmp(c->mp[i].wwid, e.wwid)) {
		warn(p, "multipath entry for %s merged into the one at line %u",
		     e.wwid, c->mp[i].line);
		conf_set_fill(&e.s, &c->mp[i].s);
		c->nmp = n;
	} else {
		memmove(&c->mp[i + 1], &c->mp[i], (n - i) * sizeof(e));
	}
	c->mp[i] = e;
}

static void close_sec(struct ps *p)
{
	struct mp_conf *c = p->c;
	enum sec s = cur_sec(p);

	if (!p->depth) {
		warn(p, "'}' without an open section, ignored");
		return;
	}
	p->depth--;
	if (s == S_DEVICE) {
		struct mp_hwe *e = &c->dev[p->cur];

		if (!p->cur_bad && (!e->vendor || !e->product)) {
			warn(p, "device entry without vendor and product, ignored");
			p->cur_bad = 1;
		}
		if (p->cur_bad) {
			/* and its protocol subsections, the last ones */
			while (c->npc && c->pc[c->npc - 1].dev == (int)p->cur)
				c->npc--;
			c->ndev--;
		}
	} else if (s == S_PROTO) {
		if (!c->pc[c->npc - 1].type) {
			warn(p, "protocol section without type, ignored");
			c->npc--;
		}
		p->cur_bad = p->dev_bad;
		return;
	} else if (s == S_MULTIPATH) {
		if (!p->cur_bad && !c->mp[p->cur].wwid) {
			warn(p, "multipath entry without wwid, ignored");
			p->cur_bad = 1;
		}
		if (p->cur_bad)
			c->nmp--;
		else
			mpe_merge(p);
	} else if (s == S_BLDEV) {
		enum sec up = cur_sec(p);

		if (!p->bldev.a && !p->bldev.b)
			warn(p, "device entry without vendor or product, ignored");
		else if (!p->cur_bad)
			add_ble(p, up == S_BLEXC ? &c->ble : &c->bl, &p->bldev);
	}
	p->cur_bad = 0;
}

/* Keyword that opens a section here, or S_TOP if none. */
static enum sec sub_section(enum sec in, const char *name)
{
	if (in == S_TOP) {
		if (!strcmp(name, "defaults")) return S_DEFAULTS;
		if (!strcmp(name, "blacklist")) return S_BLACKLIST;
		if (!strcmp(name, "blacklist_exceptions")) return S_BLEXC;
		if (!strcmp(name, "devices")) return S_DEVICES;
		if (!strcmp(name, "multipaths")) return S_MULTIPATHS;
		if (!strcmp(name, "overrides")) return S_OVERRIDES;
		return S_SKIP;
	}
	if (in == S_DEVICES && !strcmp(name, "device")) return S_DEVICE;
	if (in == S_MULTIPATHS && !strcmp(name, "multipath")) return S_MULTIPATH;
	if ((in == S_BLACKLIST || in == S_BLEXC) && !strcmp(name, "device"))
		return S_BLDEV;
	if ((in == S_OVERRIDES || in == S_DEVICE) && !strcmp(name, "protocol"))
		return S_PROTO;
	return S_TOP;
}

/* A keyword of blacklist or blacklist_exceptions (s), but device. */
static void bl_kw(struct ps *p, enum sec s, const char *name, const char *v)
{
	static const char kinds[] = "devnode\0" "wwid\0" "device\0" "property\0"
				    "protocol\0";
	struct mp_ble e;
	const char *k = kinds;

	memset(&e, 0, sizeof(e));
	/* enum mp_bl_kind's order; device is a section, never a keyword */
	for (; *k && (strcmp(k, name) || e.kind == MP_BL_DEVICE); e.kind++)
		k += strlen(k) + 1;
	if (!*k) {
		warn(p, "unknown keyword '%s' in %s, ignored", name, sec_names[s]);
		return;
	}
	p->cur_bad = 0;
	pattern_kw(p, &e.a, name, v);
	if (p->cur_bad || !e.a)
		return;
	e.file = keep(p, p->file);
	e.line = p->line;
	add_ble(p, s == S_BLEXC ? &p->c->ble : &p->c->bl, &e);
}

/* A keyword of a device entry that is not a setting, or NULL. */
static const char **device_kw(struct mp_hwe *e, const char *name)
{
	return !strcmp(name, "vendor") ? &e->vendor :
	       !strcmp(name, "product") ? &e->product :
	       !strcmp(name, "revision") ? &e->revision :
	       !strcmp(name, "product_blacklist") ? &e->bl_product : NULL;
}

/* A keyword that names its entry: a protocol's type, a multipath's wwid
 * (dst); v is kept as it is. */
static void name_kw(struct ps *p, const char **dst, const char *name,
		    const char *v)
{
	if (!v)
		warn(p, "%s: missing value", name);
	else
		*dst = keep(p, v);
}

static void keyword(struct ps *p, const char *name, const char *v)
{
	struct mp_conf *c = p->c;
	enum sec s = cur_sec(p);
	const char **dst;

	switch (s) {
	case S_SKIP:
		return;
	case S_TOP:
		warn(p, "'%s' outside any section, ignored", name);
		return;
	case S_DEVICES:
	case S_MULTIPATHS:
		warn(p, "unknown keyword '%s' in %s, ignored", name, sec_names[s]);
		return;
	case S_BLACKLIST:
	case S_BLEXC:
		return bl_kw(p, s, name, v);
	case S_BLDEV:
		if (!strcmp(name, "vendor"))
			pattern_kw(p, &p->bldev.a, name, v);
		else if (!strcmp(name, "product"))
			pattern_kw(p, &p->bldev.b, name, v);
		else
			warn(p, "unknown keyword '%s' in blacklist device, ignored",
			     name);
		return;
	case S_DEVICE:
		if ((dst = device_kw(&c->dev[p->cur], name)))
			return pattern_kw(p, dst, name, v);
		break;
	case S_PROTO:
		if (!strcmp(name, "type"))
			return name_kw(p, &c->pc[c->npc - 1].type, name, v);
		break;
	case S_MULTIPATH:
		if (!strcmp(name, "wwid"))
			return name_kw(p, &c->mp[p->cur].wwid, name, v);
		if (!strcmp(name, "alias") && v && mp_name_check(v)) {
			warn(p, "alias '%s' is not a valid map name, ignored", v);
			return;
		}
		break;
	default:
		break;
	}
	settings_kw(p, s, name, v);
}

/* keyword [value] [extra...] at tok[i]: the index after it. */
static size_t kw_words(struct ps *p, size_t i)
{
	enum sec in = cur_sec(p);
	const char *v = NULL;
	size_t j = i + 1;

	if (j < p->ntok && strcmp(p->tok[j], "{") && strcmp(p->tok[j], "}"))
		v = p->tok[j++];
	if (j < p->ntok && strcmp(p->tok[j], "}") && in != S_SKIP)
		warn(p, "%s: extra words after the value ignored "
		     "(quote a value with spaces)", p->tok[i]);
	while (j < p->ntok && strcmp(p->tok[j], "}"))
		j++;
	keyword(p, p->tok[i], v);
	return j;
}

static void line(struct ps *p, const char *s, size_t len)
{
	size_t i = 0;

	tokenize(p, s, len);
	if (!p->ntok)
		return;
	if (p->pending != S_TOP) {
		enum sec want = p->pending;

		p->pending = S_TOP;
		if (!strcmp(p->tok[0], "{")) {
			open_sec(p, want);
			i = 1;
		} else {
			warn(p, "'{' expected after '%s'", sec_names[want]);
		}
	}
	while (i < p->ntok) {
		const char *t = p->tok[i];
		enum sec in = cur_sec(p), sub;
		int brace = i + 1 < p->ntok && !strcmp(p->tok[i + 1], "{");

		if (!strcmp(t, "}")) {
			close_sec(p);
			i++;
			continue;
		}
		if (!strcmp(t, "{")) {
			warn(p, "'{' without a section name, skipping its block");
			open_sec(p, S_SKIP);
			i++;
			continue;
		}
		sub = in == S_SKIP ? S_SKIP : sub_section(in, t);
		if (sub == S_TOP || (in == S_SKIP && !brace)) {
			i = kw_words(p, i);
			continue;
		}
		if (sub == S_SKIP && in != S_SKIP)
			warn(p, "unknown or unsupported section '%s', skipped", t);
		if (brace) {
			open_sec(p, sub);
			i += 2;
		} else if (i + 1 == p->ntok) {
			p->pending = sub;
			i++;
		} else {
			warn(p, "'{' expected after '%s'", t);
			return;
		}
	}
}

int mp_conf_parse(struct mp_conf *c, const char *file, const char *buf,
		  size_t len)
{
	struct ps p;
	size_t i = 0;

	memset(&p, 0, sizeof(p));
	p.c = c;
	p.file = file ? file : "?";
	p.buf = malloc(MAX_TOKENS * (MAX_TOKEN + 1));
	if (!p.buf)
		return -ENOMEM;
	while (i < len && !p.nomem) {
		const char *nl = memchr(buf + i, '\n', len - i);
		size_t l = nl ? (size_t)(nl - (buf + i)) : len - i;

		p.line++;
		line(&p, buf + i, l);
		i += l + 1;
	}
	if (p.pending != S_TOP)
		warn(&p, "'{' expected after '%s' at end of file",
		     sec_names[p.pending]);
	while (p.depth && !p.nomem) {
		unsigned int l = p.open_line[p.depth - 1];

		warn(&p, "section '%s' opened at line %u not closed",
		     sec_names[p.stack[p.depth - 1]], l);
		close_sec(&p);
	}
	free(p.buf);
	return p.nomem ? -ENOMEM : 0;
}

