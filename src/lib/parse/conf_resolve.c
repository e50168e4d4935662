/* The settings in effect for a LU, and the blacklist, from a parsed
 * multipath.conf and the built-in tables (see conf.h). */
#include <string.h>

#include "conf_int.h"
#include "ere.h"

void conf_set_fill(struct mp_set *d, const struct mp_set *s)
{
#define F(f) if (!d->f) d->f = s->f
	F(selector); F(checker); F(prio); F(prio_args); F(hwhandler);
	F(features); F(alias_prefix); F(alias); F(pgpolicy); F(detect_prio);
	F(detect_checker); F(retain_hwh); F(ufn); F(flush_on_last_del);
	F(skip_kpartx); F(rr_weight); F(failback); F(no_path_retry);
	F(checker_timeout); F(dev_loss_tmo); F(fast_io_fail_tmo);
#undef F
}

/* Overwrite with what src sets (src has higher precedence). */
static void over(struct mp_set *d, const struct mp_set *s)
{
	struct mp_set t = *s;

	conf_set_fill(&t, d);
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

size_t conf_hw_n(const struct mp_conf *c)
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
	for (i = 0; i < conf_hw_n(c); i++)
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
		conf_set_fill(&e->s, s);
		if (k == 2)
			e->prio_explicit = e->s.prio != NULL;
	}
	e->prio_explicit |= e->s.prio != NULL;
	conf_set_fill(&e->s, &mp_builtin_defaults);
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
		for (i = 0; i < conf_hw_n(c); i++) {
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
