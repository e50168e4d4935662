/* multipath.conf parser and the settings in effect, see conf.h. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "ere.h"
#include "mpath.h"
#include "names.h"
#include "str.h"

/* 31 words of up to 4096 bytes: the token store (31 x 4097) stays under
 * 128 KiB, so allocators serve it from their pools instead of mapping and
 * unmapping it on every parse (that was most of a fuzz run's time). */
#define MAX_TOKENS 31
#define MAX_TOKEN 4096
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

/* Value types of keywords. */
enum { T_STR, T_SEL, T_PGP, T_BOOL, T_FB, T_NPR, T_UINT, T_DEVLOSS, T_FIO,
       T_FM, T_RRW, T_FLUSH, T_PRIO, T_CHK, T_COUNTED, T_IGN };

/* Where a keyword may be written. */
#define W_D 1u   /* defaults */
#define W_V 2u   /* devices { device } */
#define W_M 4u   /* multipaths { multipath } */
#define W_O 8u   /* overrides */
#define W_C 16u  /* defaults, stored in struct mp_conf (off is into it) */
#define W_P 32u  /* protocol subsection */
#define W_ALL (W_D | W_V | W_M | W_O)

struct kw {
	const char *name;
	uint8_t type, where;
	uint16_t off;
};

#define SET(f) offsetof(struct mp_set, f)
#define CONF(f) offsetof(struct mp_conf, f)

static const struct kw keywords[] = {
	{ "path_grouping_policy", T_PGP, W_ALL, SET(pgpolicy) },
	{ "path_selector", T_SEL, W_ALL, SET(selector) },
	{ "path_checker", T_CHK, W_D | W_V | W_O, SET(checker) },
	{ "checker", T_CHK, W_D | W_V | W_O, SET(checker) },
	{ "prio", T_PRIO, W_ALL, SET(prio) },
	{ "prio_args", T_STR, W_ALL, SET(prio_args) },
	{ "detect_prio", T_BOOL, W_D | W_V | W_O, SET(detect_prio) },
	{ "detect_checker", T_BOOL, W_D | W_V | W_O, SET(detect_checker) },
	{ "hardware_handler", T_COUNTED, W_D | W_V, SET(hwhandler) },
	{ "retain_attached_hw_handler", T_BOOL, W_D | W_V | W_O, SET(retain_hwh) },
	{ "failback", T_FB, W_ALL, SET(failback) },
	{ "no_path_retry", T_NPR, W_ALL, SET(no_path_retry) },
	{ "features", T_COUNTED, W_ALL, SET(features) },
	{ "rr_weight", T_RRW, W_ALL, SET(rr_weight) },
	{ "user_friendly_names", T_BOOL, W_ALL, SET(ufn) },
	{ "alias_prefix", T_STR, W_D | W_V | W_O, SET(alias_prefix) },
	{ "alias", T_STR, W_M, SET(alias) },
	{ "checker_timeout", T_UINT, W_D, SET(checker_timeout) },
	{ "flush_on_last_del", T_FLUSH, W_ALL, SET(flush_on_last_del) },
	{ "dev_loss_tmo", T_DEVLOSS, W_D | W_V | W_O | W_P, SET(dev_loss_tmo) },
	{ "fast_io_fail_tmo", T_FIO, W_D | W_V | W_O | W_P, SET(fast_io_fail_tmo) },
	{ "skip_kpartx", T_BOOL, W_ALL, SET(skip_kpartx) },
	{ "polling_interval", T_UINT, W_C, CONF(polling_interval) },
	{ "max_polling_interval", T_UINT, W_C, CONF(max_polling_interval) },
	{ "find_multipaths", T_FM, W_C, CONF(find_multipaths) },
	{ "bindings_file", T_STR, W_C, CONF(bindings_file) },
	{ "wwids_file", T_STR, W_C, CONF(wwids_file) },
	{ "queue_without_daemon", T_BOOL, W_C, CONF(queue_without_daemon) },
};

/* multipath-tools keywords that are valid but change nothing here (udev,
 * daemon tuning, persistent reservations, ...): accepted without a
 * warning so a distribution's config reads clean. */
static const char ignored[] =
	"verbosity\0" "uid_attribute\0" "uid_attrs\0" "getuid_callout\0" "max_fds\0"
	"rr_min_io\0" "rr_min_io_rq\0" "pg_timeout\0" "log_checker_err\0"
	"reservation_key\0" "all_tg_pt\0" "deferred_remove\0"
	"partition_delimiter\0" "config_dir\0" "strict_timing\0" "retrigger_tries\0"
	"retrigger_delay\0" "missing_uev_wait_timeout\0" "uev_wait_timeout\0"
	"delay_watch_checks\0" "delay_wait_checks\0" "san_path_err_threshold\0"
	"san_path_err_forget_rate\0" "san_path_err_recovery_time\0"
	"marginal_path_double_failed_time\0" "marginal_path_err_sample_time\0"
	"marginal_path_err_rate_threshold\0" "marginal_path_err_recheck_gap_time\0"
	"marginal_pathgroups\0" "find_multipaths_timeout\0" "uxsock_timeout\0"
	"disable_changed_wwids\0" "remove_retries\0" "max_sectors_kb\0"
	"ghost_delay\0" "enable_foreign\0" "recheck_wwid\0" "auto_resize\0"
	"detect_pgpolicy\0" "detect_pgpolicy_use_tpg\0" "multipath_dir\0"
	"udev_dir\0" "mode\0" "uid\0" "gid\0" "prkeys_file\0" "force_sync\0"
	"eh_deadline\0" "vpd_vendor\0" "unpriv_sgio\0" "ignore_new_boot_devs\0"
	"hwtable_regex_match\0" "minio\0" "minio_rq\0" "io_err_stat\0"
	"user_friendly_names_prefix\0";

static const char prio_names[] =
	"const\0" "sysfs\0" "alua\0" "emc\0" "rdac\0" "hp_sw\0" "ontap\0" "hds\0"
	"weightedpath\0" "random\0" "datacore\0" "iet\0" "path_latency\0" "ana\0";

static const char checker_names[] =
	"tur\0" "directio\0" "readsector0\0" "emc_clariion\0" "hp_sw\0" "rdac\0"
	"cciss_tur\0" "none\0" "rbd\0";

static const char selector_names[] =
	"service-time\0" "round-robin\0" "queue-length\0"
	"historical-service-time\0";

static const char *const fm_names[MP_FM_N] = {
	[MP_FM_UNSET] = "", [MP_FM_OFF] = "off", [MP_FM_ON] = "on",
	[MP_FM_STRICT] = "strict", [MP_FM_GREEDY] = "greedy",
	[MP_FM_SMART] = "smart",
};

const char *mp_fm_name(int fm)
{
	return fm > 0 && fm < MP_FM_N ? fm_names[fm] : "?";
}

/* Is s[0..len) one of the words of l ("a\0b\0", ending in an empty
 * word)?  Packed strings: a pointer array cost 8 bytes a word. */
static int in_list(const char *l, const char *s, size_t len)
{
	for (; *l; l += strlen(l) + 1)
		if (strlen(l) == len && !memcmp(l, s, len))
			return 1;
	return 0;
}
#define IN(l, s, len) in_list(l, s, len)

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

/* Split one line into tokens: words, '{', '}', "quoted strings" (a
 * doubled "" is a quote), until '#' or '!' outside quotes. */
static void tokenize(struct ps *p, const char *s, size_t len)
{
	size_t i = 0, used = 0;

	p->ntok = 0;
	while (i < len) {
		char *t;
		size_t n = 0;

		while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' ||
				   s[i] == '\v' || s[i] == '\f'))
			i++;
		if (i >= len || s[i] == '#' || s[i] == '!')
			break;
		if (p->ntok == MAX_TOKENS) {
			warn(p, "too many words on one line, the rest ignored");
			break;
		}
		t = p->buf + used;
		if (s[i] == '{' || s[i] == '}') {
			t[n++] = s[i++];
		} else if (s[i] == '"') {
			int closed = 0;

			for (i++; i < len; i++) {
				if (s[i] == '"') {
					if (i + 1 < len && s[i + 1] == '"') {
						i++;
					} else {
						i++;
						closed = 1;
						break;
					}
				}
				if (n < MAX_TOKEN)
					t[n] = s[i];
				n++;
			}
			if (!closed) { /* its value would be a guess */
				warn(p, "unterminated quoted string, line ignored");
				p->ntok = 0;
				return;
			}
		} else {
			while (i < len && s[i] != ' ' && s[i] != '\t' && s[i] != '\r' &&
			       s[i] != '{' && s[i] != '}' && s[i] != '"' &&
			       s[i] != '#' && s[i] != '!') {
				if (n < MAX_TOKEN)
					t[n] = s[i];
				n++;
				i++;
			}
		}
		if (n > MAX_TOKEN) {
			warn(p, "word of %zu bytes too long, line ignored", n);
			p->ntok = 0;
			return;
		}
		t[n] = '\0';
		if (memchr(t, '\0', n)) {
			warn(p, "NUL byte in a word, line ignored");
			p->ntok = 0;
			return;
		}
		p->tok[p->ntok++] = t;
		used += n + 1;
	}
}

static int parse_uint(const char *v, int *out)
{
	unsigned int n;

	if (str_to_uint(v, 1000000000u, &n))
		return -EINVAL;
	*out = (int)n;
	return 0;
}

int mp_failback_parse(const char *v, unsigned int max, int *fb)
{
	unsigned int n;

	if (!strcmp(v, "manual"))
		*fb = MP_FB_MANUAL;
	else if (!strcmp(v, "immediate"))
		*fb = MP_FB_IMMEDIATE;
	else if (!strcmp(v, "followover"))
		*fb = MP_FB_FOLLOWOVER;
	else if (!str_to_uint(v, max, &n) && n)
		*fb = (int)n;
	else
		return -EINVAL;
	return 0;
}

static int yes_no(const char *v)
{
	if (!strcmp(v, "yes") || !strcmp(v, "1"))
		return MP_YES;
	if (!strcmp(v, "no") || !strcmp(v, "0"))
		return MP_NO;
	return 0;
}

/* "N word1 .. wordN": the count must match. */
static int counted_ok(const char *v)
{
	unsigned int n, words = 0;
	const char *s = v;
	char num[12];
	size_t l = strcspn(v, " \t");

	if (!l || l >= sizeof(num))
		return 0;
	memcpy(num, v, l);
	num[l] = '\0';
	if (str_to_uint(num, 1000, &n))
		return 0;
	s += l;
	while (*s) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			break;
		words++;
		s += strcspn(s, " \t");
	}
	return words == n;
}

/* Store value v of keyword k into set (or the conf for W_C). */
static void set_value(struct ps *p, const struct kw *k, struct mp_set *set,
		      const char *v)
{
	char *base = (k->where & W_C) ? (char *)p->c : (char *)set;
	int iv = 0, ok = 1;
	size_t l;

	switch (k->type) {
	case T_STR:
		*(const char **)(base + k->off) = keep(p, v);
		return;
	case T_SEL:
		l = strcspn(v, " \t");
		if (!IN(selector_names, v, l)) {
			warn(p, "%s: unknown path selector '%s', ignored", k->name, v);
			return;
		}
		*(const char **)(base + k->off) = keep(p, v);
		return;
	case T_PRIO:
		ok = IN(prio_names, v, strlen(v));
		break;
	case T_CHK:
		ok = IN(checker_names, v, strlen(v));
		break;
	case T_COUNTED:
		ok = counted_ok(v);
		break;
	case T_PGP: {
		enum mp_policy pol;

		ok = !mp_policy_parse(v, &pol);
		iv = (int)pol + 1;
		break;
	}
	case T_BOOL:
		iv = yes_no(v);
		ok = iv != 0;
		break;
	case T_FLUSH:
		iv = yes_no(v);
		if (!strcmp(v, "always"))
			iv = MP_YES;
		else if (!strcmp(v, "never") || !strcmp(v, "unused"))
			iv = MP_NO;
		ok = iv != 0;
		break;
	case T_FB:
		ok = !mp_failback_parse(v, 1000000000u, &iv);
		break;
	case T_NPR:
		if (!strcmp(v, "fail") || !strcmp(v, "0"))
			iv = MP_NPR_FAIL;
		else if (!strcmp(v, "queue"))
			iv = MP_NPR_QUEUE;
		else
			ok = !parse_uint(v, &iv) && iv > 0;
		break;
	case T_UINT:
		ok = !parse_uint(v, &iv) && iv > 0;
		break;
	case T_DEVLOSS:
	case T_FIO:
		if (k->type == T_DEVLOSS && !strcmp(v, "infinity"))
			iv = MP_NUM_INFINITY;
		else if (k->type == T_FIO && !strcmp(v, "off"))
			iv = MP_NUM_OFF;
		else if (!(ok = !parse_uint(v, &iv)))
			break;
		else if (!iv && k->type == T_FIO)
			iv = MP_NUM_ZERO; /* dev_loss_tmo 0 is "unset" in
					     multipath-tools, at every level */
		break;
	case T_FM:
		if (!strcmp(v, "yes") || !strcmp(v, "on") || !strcmp(v, "1"))
			iv = MP_FM_ON;
		else if (!strcmp(v, "no") || !strcmp(v, "off") || !strcmp(v, "0"))
			iv = MP_FM_OFF;
		else if (!strcmp(v, "strict"))
			iv = MP_FM_STRICT;
		else if (!strcmp(v, "greedy"))
			iv = MP_FM_GREEDY;
		else if (!strcmp(v, "smart"))
			iv = MP_FM_SMART;
		else
			ok = 0;
		break;
	case T_RRW:
		if (!strcmp(v, "uniform"))
			iv = MP_RRW_UNIFORM;
		else if (!strcmp(v, "priorities"))
			iv = MP_RRW_PRIO;
		else
			ok = 0;
		break;
	default:
		return;
	}
	if (!ok) {
		warn(p, "%s: bad value '%s', ignored", k->name, v);
		return;
	}
	switch (k->type) {
	case T_PRIO: case T_CHK: case T_COUNTED:
		*(const char **)(base + k->off) = keep(p, v);
		break;
	case T_PGP: case T_BOOL: case T_FLUSH: case T_FM: case T_RRW:
		*(int8_t *)(base + k->off) = (int8_t)iv;
		break;
	default:
		*(int *)(base + k->off) = iv;
	}
}

static const struct kw *find_kw(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++)
		if (!strcmp(keywords[i].name, name))
			return &keywords[i];
	return NULL;
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
	const struct kw *k = find_kw(name);
	struct mp_set *set;

	if (!k) {
		if (!IN(ignored, name, strlen(name)))
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

/* Fill what dst does not set from src (src has lower precedence). */
static void fill(struct mp_set *d, const struct mp_set *s)
{
#define F(f) if (!d->f) d->f = s->f
	F(selector); F(checker); F(prio); F(prio_args); F(hwhandler);
	F(features); F(alias_prefix); F(alias); F(pgpolicy); F(detect_prio);
	F(detect_checker); F(retain_hwh); F(ufn); F(flush_on_last_del);
	F(skip_kpartx); F(rr_weight); F(failback); F(no_path_retry);
	F(checker_timeout); F(dev_loss_tmo); F(fast_io_fail_tmo);
#undef F
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
		fill(&e.s, &c->mp[i].s);
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

static void keyword(struct ps *p, const char *name, const char *v)
{
	struct mp_conf *c = p->c;
	enum sec s = cur_sec(p);
	struct mp_ble e;

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
		memset(&e, 0, sizeof(e));
		if (!strcmp(name, "devnode"))
			e.kind = MP_BL_DEVNODE;
		else if (!strcmp(name, "wwid"))
			e.kind = MP_BL_WWID;
		else if (!strcmp(name, "property"))
			e.kind = MP_BL_PROPERTY;
		else if (!strcmp(name, "protocol"))
			e.kind = MP_BL_PROTOCOL;
		else {
			warn(p, "unknown keyword '%s' in %s, ignored", name,
			     sec_names[s]);
			return;
		}
		p->cur_bad = 0;
		pattern_kw(p, &e.a, name, v);
		if (p->cur_bad || !e.a)
			return;
		e.file = keep(p, p->file);
		e.line = p->line;
		add_ble(p, s == S_BLEXC ? &c->ble : &c->bl, &e);
		return;
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
		if (!strcmp(name, "vendor"))
			return pattern_kw(p, &c->dev[p->cur].vendor, name, v);
		if (!strcmp(name, "product"))
			return pattern_kw(p, &c->dev[p->cur].product, name, v);
		if (!strcmp(name, "revision"))
			return pattern_kw(p, &c->dev[p->cur].revision, name, v);
		if (!strcmp(name, "product_blacklist"))
			return pattern_kw(p, &c->dev[p->cur].bl_product, name, v);
		break;
	case S_PROTO:
		if (!strcmp(name, "type")) {
			if (!v)
				warn(p, "type: missing value");
			else
				c->pc[c->npc - 1].type = keep(p, v);
			return;
		}
		break;
	case S_MULTIPATH:
		if (!strcmp(name, "wwid")) {
			if (!v)
				warn(p, "wwid: missing value");
			else
				c->mp[p->cur].wwid = keep(p, v);
			return;
		}
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
		if (sub != S_TOP && (in != S_SKIP || (i + 1 < p->ntok &&
						      !strcmp(p->tok[i + 1], "{")))) {
			if (sub == S_SKIP && in != S_SKIP)
				warn(p, "unknown or unsupported section '%s', skipped", t);
			if (i + 1 < p->ntok && !strcmp(p->tok[i + 1], "{")) {
				open_sec(p, sub);
				i += 2;
			} else if (i + 1 == p->ntok) {
				p->pending = sub;
				i++;
			} else {
				warn(p, "'{' expected after '%s'", t);
				return;
			}
			continue;
		}
		/* keyword [value] [extra...] */
		{
			const char *v = NULL;
			size_t j = i + 1;

			if (j < p->ntok && strcmp(p->tok[j], "{") && strcmp(p->tok[j], "}"))
				v = p->tok[j++];
			if (j < p->ntok && strcmp(p->tok[j], "}") && in != S_SKIP)
				warn(p, "%s: extra words after the value ignored "
				     "(quote a value with spaces)", t);
			while (j < p->ntok && strcmp(p->tok[j], "}"))
				j++;
			keyword(p, t, v);
			i = j;
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

/* ---- the settings in effect ---- */

/* Overwrite with what src sets (src has higher precedence). */
static void over(struct mp_set *d, const struct mp_set *s)
{
	struct mp_set t = *s;

	fill(&t, d);
	*d = t;
}

static int re_or_empty(const char *re, const char *s)
{
	return !re || ere_match(re, s ? s : "") == 1;
}

static int hwe_match(const struct mp_hwe *e, const char *v, const char *p,
		     const char *r)
{
	return re_or_empty(e->vendor, v) && re_or_empty(e->product, p) &&
	       re_or_empty(e->revision, r);
}

const struct mp_mpe *mp_conf_mpe(const struct mp_conf *c, const char *wwid)
{
	size_t i;

	/* one entry per WWID (mpe_merge) */
	for (i = c ? c->nmp : 0; wwid && i-- > 0;)
		if (!strcmp(c->mp[i].wwid, wwid))
			return &c->mp[i];
	return NULL;
}

/* How much of the built-in table is in effect (see hw_omit). */
static size_t hw_n(const struct mp_conf *c)
{
	return c && c->hw_omit < mp_hwtable_n ? mp_hwtable_n - c->hw_omit :
	       c ? 0 : mp_hwtable_n;
}

void mp_conf_resolve(const struct mp_conf *c, const char *vendor,
		     const char *product, const char *rev, const char *wwid,
		     struct mp_eff *e)
{
	struct mp_set hw;
	const struct mp_mpe *m = mp_conf_mpe(c, wwid);
	const struct mp_set *src[4] = { m ? &m->s : NULL, c ? &c->overrides : NULL,
					&hw, c ? &c->defaults : NULL };
	size_t i, k;

	memset(e, 0, sizeof(*e));
	memset(&hw, 0, sizeof(hw));
	for (i = 0; i < hw_n(c); i++)
		if (re_or_empty(mp_hwb_vendor(&mp_hwtable[i]), vendor) &&
		    re_or_empty(mp_hwb_product(&mp_hwtable[i]), product)) {
			struct mp_set s;

			mp_hwb_set(&mp_hwtable[i], &s);
			over(&hw, &s);
			e->hwe = &mp_hwtable[i];
		}
	for (i = 0; c && i < c->ndev; i++)
		if (hwe_match(&c->dev[i], vendor, product, rev))
			over(&hw, &c->dev[i].s);
	/* multipath-tools' propsel: multipaths > overrides > devices (the
	 * user's over built-in ones) > defaults > built-in defaults.  prio_args
	 * come with the prio of the same section (its set_prio), except that
	 * device entries give each one as the first that sets it. */
	for (k = 0; k < 4; k++) {
		const struct mp_set *s = src[k];

		if (!s)
			continue;
		if (!e->s.prio && s->prio) {
			e->s.prio = s->prio;
			e->s.prio_args = s->prio_args ? s->prio_args : "";
		}
		fill(&e->s, s);
		if (k == 2)
			e->prio_explicit = e->s.prio != NULL;
	}
	e->prio_explicit |= e->s.prio != NULL;
	fill(&e->s, &mp_builtin_defaults);
	/* the alias is only ever a multipaths entry's */
	e->s.alias = m ? m->s.alias : NULL;
	e->find_multipaths = c && c->find_multipaths ? c->find_multipaths :
			     MP_FM_OFF;
	e->polling_interval = c && c->polling_interval ? c->polling_interval : 5;
	e->max_polling_interval = c && c->max_polling_interval ?
				  c->max_polling_interval : 4 * e->polling_interval;
	if (!e->s.checker_timeout)
		e->s.checker_timeout = 0; /* 0: the device's own timeout */
}

int mp_conf_wants_proto(const struct mp_conf *c)
{
	const struct mp_bl *l[2] = { &c->bl, &c->ble };
	size_t i, k;
	int r = c->npc ? 2 : 0;

	for (k = 0; k < 2; k++)
		for (i = 0; i < l[k]->n; i++)
			if (l[k]->e[i].kind == MP_BL_PROTOCOL)
				r |= 1;
	return r;
}

/* The last protocol subsection of owner dev (-1 overrides) for proto
 * that sets the int field at off, or NULL. */
static const int *pc_field(const struct mp_conf *c, int dev, const char *proto,
			   size_t off)
{
	size_t i;

	for (i = c->npc; i-- > 0;) {
		const struct mp_pce *e = &c->pc[i];
		const int *v = (const int *)((const char *)&e->s + off);

		if (e->dev == dev && *v && !strcmp(e->type, proto))
			return v;
	}
	return NULL;
}

void mp_conf_resolve_proto(const struct mp_conf *c, const char *vendor,
			   const char *product, const char *rev,
			   const char *proto, struct mp_eff *e)
{
	static const size_t offs[2] = { SET(dev_loss_tmo), SET(fast_io_fail_tmo) };
	size_t k, i;

	for (k = 0; c && proto && k < 2; k++) {
		const int *v = pc_field(c, -1, proto, offs[k]);

		/* overrides' own value beats the devices' protocol sections */
		if (!v && *(const int *)((const char *)&c->overrides + offs[k]))
			continue;
		for (i = c->ndev; !v && i-- > 0;)
			if (hwe_match(&c->dev[i], vendor, product, rev))
				v = pc_field(c, (int)i, proto, offs[k]);
		if (v)
			*(int *)((char *)&e->s + offs[k]) = *v;
	}
}

/* One blacklist pattern; a leading '!' inverts it. */
static int ble_re(const char *re, const char *s)
{
	int inv = re[0] == '!';

	return (ere_match(re + inv, s) == 1) != inv;
}

/* Does any entry of kind k in bl (built-ins b[0..nb) first) match? */
static int bl_hit(const struct mp_ble *b, size_t nb, const struct mp_bl *bl,
		  int k, const char *s, const char *s2)
{
	size_t i;

	for (i = 0; i < nb + (bl ? bl->n : 0); i++) {
		const struct mp_ble *e = i < nb ? &b[i] : &bl->e[i - nb];

		if (e->kind != k)
			continue;
		if (k == MP_BL_DEVICE) {
			if ((!e->a || ble_re(e->a, s)) && (!e->b || ble_re(e->b, s2)))
				return 1;
		} else if (ble_re(e->a, s)) {
			return 1;
		}
	}
	return 0;
}

/* multipath-tools' filter_property: the first property that matches an
 * exception or a blacklist entry decides; none matching, a device that
 * has the uid_attribute (ID_SERIAL) is refused if exceptions exist. */
static const char *prop_refuses(const struct mp_bl *bl, const struct mp_bl *ex,
				const char *props)
{
	int uid = 0;

	for (; props && *props; props += strlen(props) + 1) {
		if (bl_hit(mp_builtin_blexc, 1, ex, MP_BL_PROPERTY, props, NULL))
			return NULL;
		if (bl_hit(NULL, 0, bl, MP_BL_PROPERTY, props, NULL))
			return "udev property blacklisted";
		uid |= !strcmp(props, "ID_SERIAL");
	}
	/* the built-in exception always exists */
	return uid ? "udev property missing" : NULL;
}

int mp_conf_blacklisted(const struct mp_conf *c, const char *devnode,
			const char *vendor, const char *product,
			const char *wwid, const char **why)
{
	struct mp_bl_path p = { devnode, vendor, product, wwid, NULL, NULL };

	return mp_conf_bl_path(c, &p, why);
}

int mp_conf_bl_path(const struct mp_conf *c, const struct mp_bl_path *p,
		    const char **why)
{
	const struct mp_bl *bl = c ? &c->bl : NULL, *ex = c ? &c->ble : NULL;
	const char *devnode = p->dev, *vendor = p->vendor, *product = p->product;
	const char *wwid = p->wwid;
	size_t i;

	*why = prop_refuses(bl, ex, p->props);
	if (*why)
		return 1;
	/* each kind on its own: an exception only undoes its own kind */
	if (devnode && !bl_hit(NULL, 0, ex, MP_BL_DEVNODE, devnode, NULL) &&
	    bl_hit(mp_builtin_blacklist, mp_builtin_blacklist_n, bl,
		   MP_BL_DEVNODE, devnode, NULL)) {
		*why = "devnode blacklisted";
		return 1;
	}
	if (vendor && product &&
	    !bl_hit(NULL, 0, ex, MP_BL_DEVICE, vendor, product)) {
		if (bl_hit(NULL, 0, bl, MP_BL_DEVICE, vendor, product)) {
			*why = "vendor/product blacklisted";
			return 1;
		}
		for (i = 0; i < hw_n(c); i++) {
			const struct mp_hwb *e = &mp_hwtable[i];

			if (e->bl && re_or_empty(mp_hwb_vendor(e), vendor) &&
			    ere_match(mp_hwb_bl(e), product) == 1) {
				*why = "product blacklisted by the hardware table";
				return 1;
			}
		}
		for (i = 0; c && i < c->ndev; i++) {
			const struct mp_hwe *e = &c->dev[i];

			if (e->bl_product && re_or_empty(e->vendor, vendor) &&
			    ere_match(e->bl_product, product) == 1) {
				*why = "product blacklisted by a device entry";
				return 1;
			}
		}
	}
	if (p->proto && !bl_hit(NULL, 0, ex, MP_BL_PROTOCOL, p->proto, NULL) &&
	    bl_hit(NULL, 0, bl, MP_BL_PROTOCOL, p->proto, NULL)) {
		*why = "protocol blacklisted";
		return 1;
	}
	if (wwid && wwid[0] && !bl_hit(NULL, 0, ex, MP_BL_WWID, wwid, NULL) &&
	    bl_hit(NULL, 0, bl, MP_BL_WWID, wwid, NULL)) {
		*why = "wwid blacklisted";
		return 1;
	}
	return 0;
}

/* ---- multipath -t ---- */

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
	static const char *const yn[] = { "", "no", "yes" };
	static const char *const rrw[] = { "", "uniform", "priorities" };
	size_t i;
	char n[16];

	if (s->alias)
		put(d, in, "alias", s->alias, 1);
	for (i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++) {
		const struct kw *k = &keywords[i];
		const char *p = (const char *)s + k->off, *v = n;
		int iv = 0, q = 0;

		if ((k->where & W_C) || k->off == SET(alias) || !strcmp(k->name, "checker"))
			continue;
		switch (k->type) {
		case T_PGP: case T_BOOL: case T_FLUSH: case T_RRW:
			iv = *(const int8_t *)p;
			if (!iv)
				continue;
			v = k->type == T_PGP ? mp_policy_name(iv - 1) :
			    k->type == T_RRW ? rrw[iv & 3] : yn[iv & 3];
			q = k->type != T_PGP;
			break;
		case T_FB: case T_NPR: case T_UINT: case T_DEVLOSS: case T_FIO:
			iv = *(const int *)p;
			if (!iv)
				continue;
			snprintf(n, sizeof(n), "%d", iv);
			/* the negative codes overlap between types */
			if (k->type == T_FB && iv < 0)
				v = iv == MP_FB_MANUAL ? "manual" : iv == MP_FB_IMMEDIATE ?
				    "immediate" : "followover";
			else if (k->type == T_NPR && iv < 0)
				v = iv == MP_NPR_FAIL ? "fail" : "queue";
			else if (iv == MP_NUM_ZERO)
				v = "0";
			else if (iv == MP_NUM_OFF)
				v = "off";
			else if (iv == MP_NUM_INFINITY)
				v = "infinity";
			q = iv < 0 && iv != MP_NUM_ZERO;
			break;
		default:
			v = *(const char *const *)p;
			if (!v)
				continue;
			q = 1;
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

	if (i >= hw_n(c) || u->revision || !str_same(u->vendor, mp_hwb_vendor(&mp_hwtable[i])) ||
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
	fill(&def, &mp_builtin_defaults);
	d->out(d->arg, "defaults {\n");
	put_int(d, "\t", "polling_interval", e.polling_interval);
	put_int(d, "\t", "max_polling_interval", e.max_polling_interval);
	put(d, "\t", "find_multipaths", mp_fm_name(e.find_multipaths), 1);
	put(d, "\t", "bindings_file", c->bindings_file ? c->bindings_file :
	    "/etc/multipath/bindings", 1);
	put(d, "\t", "wwids_file", c->wwids_file ? c->wwids_file :
	    "/etc/multipath/wwids", 1);
	if (c->queue_without_daemon)
		put(d, "\t", "queue_without_daemon",
		    c->queue_without_daemon == MP_YES ? "yes" : "no", 1);
	dump_set(d, &def, "\t");
	d->out(d->arg, "}\n");
	dump_bl(d, "blacklist", mp_builtin_blacklist, mp_builtin_blacklist_n, &c->bl);
	dump_bl(d, "blacklist_exceptions", mp_builtin_blexc, 1, &c->ble);
	d->out(d->arg, "devices {\n");
	for (i = 0; i < hw_n(c); i++)
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

int mp_conf_uses_policy(const struct mp_conf *c, int policy)
{
	int8_t v = (int8_t)(policy + 1);
	size_t i;

	for (i = 0; i < mp_hwtable_n; i++)
		if (mp_hwtable[i].pgpolicy == v)
			return 1;
	if (!c)
		return 0;
	if (c->defaults.pgpolicy == v || c->overrides.pgpolicy == v)
		return 1;
	for (i = 0; i < c->ndev; i++)
		if (c->dev[i].s.pgpolicy == v)
			return 1;
	for (i = 0; i < c->nmp; i++)
		if (c->mp[i].s.pgpolicy == v)
			return 1;
	return 0;
}
