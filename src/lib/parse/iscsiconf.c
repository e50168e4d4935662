/* See iscsiconf.h. */
#include <errno.h>
#include <string.h>

#include "iscsiconf.h"

static int bad(const char **why, const char *what, int err)
{
	*why = what;
	return err;
}

/* Copy s[0..n) into dst[size]; -ENAMETOOLONG if it does not fit. */
static int take(char *dst, size_t size, const char *s, size_t n)
{
	if (n >= size)
		return -ENAMETOOLONG;
	memcpy(dst, s, n);
	dst[n] = '\0';
	return 0;
}

/* A decimal number s[0..n) <= max; "" is def.  0 or -EINVAL. */
static int num(const char *s, size_t n, uint32_t max, uint32_t def, uint32_t *out)
{
	uint64_t v = 0;
	size_t i;

	if (!n) {
		*out = def;
		return 0;
	}
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9' || i >= 10)
			return -EINVAL;
		v = v * 10 + (unsigned int)(s[i] - '0');
	}
	if (v > max)
		return -EINVAL;
	*out = (uint32_t)v;
	return 0;
}

/* CHAP names and secrets: printable, no blank (dracut splits at ':' and
 * '@', so neither can be inside). */
static int secret(char *dst, const char *s, size_t n, int need)
{
	size_t i;

	if (need && !n)
		return -EINVAL;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] <= ' ' || (unsigned char)s[i] >= 0x7f)
			return -EINVAL;
	return take(dst, ISCSI_SECRET_MAX, s, n);
}

/* "user:pass" or "user:pass:ruser:rpass", s[0..n) */
static int auth(struct iscsi_boot_portal *p, const char *s, size_t n, const char **why)
{
	const char *f[4], *end = s + n, *c;
	size_t len[4];
	int k = 0;

	for (f[0] = s, c = s; ; c++) {
		if (c == end || *c == ':') {
			if (k == 4)
				return bad(why, "CHAP credentials: more than 4 fields", -EINVAL);
			len[k] = (size_t)(c - f[k]);
			k++;
			if (c == end)
				break;
			if (k < 4)
				f[k] = c + 1;
		}
	}
	if (k != 2 && k != 4)
		return bad(why, "CHAP credentials are user:password[:reverse_user:reverse_password]", -EINVAL);
	if (secret(p->user, f[0], len[0], 1) || secret(p->pass, f[1], len[1], 1))
		return bad(why, "bad or too long CHAP user name or secret", -EINVAL);
	if (k == 4 && (secret(p->ruser, f[2], len[2], 1) || secret(p->rpass, f[3], len[3], 1)))
		return bad(why, "bad or too long reverse CHAP user name or secret", -EINVAL);
	return 0;
}

/* The server: "[v6]" or up to the next ':'; *s moved past its ':'. */
static int server(struct iscsi_boot_portal *p, const char **s, const char **why)
{
	const char *v = *s, *e, *c;
	unsigned int dots = 0;

	if (*v == '[') {
		e = strchr(v, ']');
		if (!e || e[1] != ':' || e == v + 1 ||
		    v + 1 + strspn(v + 1, "0123456789abcdefABCDEF:.") != e ||
		    take(p->server, sizeof(p->server), v + 1, (size_t)(e - v - 1)))
			return bad(why, "bad bracketed IPv6 server", -EINVAL);
		p->ipv6 = 1;
		*s = e + 2;
		return 0;
	}
	e = strchr(v, ':');
	/* an IPv4 address: the initramfs has no name service */
	if (!e || e == v || v + strspn(v, "0123456789.") != e || e - v > 15)
		return bad(why, "the server must be an IPv4 or [IPv6] address", -EINVAL);
	for (c = v; c < e; c++)
		dots += *c == '.';
	if (dots != 3)
		return bad(why, "the server must be an IPv4 or [IPv6] address", -EINVAL);
	*s = e + 1;
	return take(p->server, sizeof(p->server), v, (size_t)(e - v));
}

/* Where the target name starts in s: at the first ":iqn.", ":eui." or
 * ":naa." (the name holds ':' itself), else after the last ':'. */
static const char *target_start(const char *s)
{
	static const char *const pre[] = { ":iqn.", ":eui.", ":naa." };
	const char *best = NULL, *t;
	size_t i;

	for (i = 0; i < 3; i++) {
		t = strstr(s, pre[i]);
		if (t && (!best || t < best))
			best = t;
	}
	if (!best)
		best = strrchr(s, ':');
	return best ? best + 1 : NULL;
}

int iscsi_parse_netroot(const char *val, struct iscsi_boot_portal *p, const char **why)
{
	const char *s, *at, *t, *f[5];
	size_t len[5];
	uint32_t v;
	int k = 0, r;

	memset(p, 0, sizeof(*p));
	*why = NULL;
	if (strncmp(val, "iscsi:", 6))
		return bad(why, "not an iscsi: netroot", -EPROTONOSUPPORT);
	s = val + 6;
	/* credentials end at the last '@': no server or name holds one */
	at = strrchr(s, '@');
	if (at) {
		if ((r = auth(p, s, (size_t)(at - s), why)))
			return r;
		s = at + 1;
	}
	if ((r = server(p, &s, why)))
		return r;
	t = target_start(s - 1);
	if (!t || !iscsi_name_ok(t))
		return bad(why, "no valid target name (iqn., eui. or naa.)", -EINVAL);
	if (strlen(t) >= sizeof(p->target))
		return bad(why, "target name too long", -ENAMETOOLONG);
	strcpy(p->target, t);
	if (t <= s)
		return bad(why, "expected <proto>:<port>:<lun> before the target name", -EINVAL);
	/* between: proto:port:lun or proto:port[:iface]:netdev:lun */
	for (f[0] = s; ; s++) {
		if (s == t - 1 || *s == ':') {
			if (k == 5)
				return bad(why, "too many fields before the target name", -EINVAL);
			len[k] = (size_t)(s - f[k]);
			k++;
			if (s == t - 1)
				break;
			if (k < 5)
				f[k] = s + 1;
		}
	}
	if (k < 3)
		return bad(why, "expected <proto>:<port>:<lun> before the target name", -EINVAL);
	/* proto: "" or 6 (TCP) */
	if (len[0] && (len[0] != 1 || f[0][0] != '6'))
		return bad(why, "protocol must be empty or 6 (TCP)", -EINVAL);
	if (num(f[1], len[1], 65535, 3260, &v) || !v)
		return bad(why, "bad port", -EINVAL);
	p->port = (uint16_t)v;
	/* the iSCSI interface name (k == 5) is open-iscsi's: ignored */
	if (k >= 4 && take(p->netdev, sizeof(p->netdev), f[k - 2], len[k - 2]))
		return bad(why, "interface name too long", -ENAMETOOLONG);
	if (k >= 4 && strchr(p->netdev, '/'))
		return bad(why, "bad interface name", -EINVAL);
	/* LUN: SAM's single-level flat space (16383) is what boots from */
	if (num(f[k - 1], len[k - 1], 16383, 0, &p->lun))
		return bad(why, "bad LUN", -EINVAL);
	return 0;
}

int iscsi_conf_add(struct iscsi_boot *c, const char *key, const char *val,
		   int has_val, const char **why)
{
	int r;

	*why = NULL;
	if (!strcmp(key, "netroot")) {
		if (strncmp(val, "iscsi:", 6))
			return 0; /* nbd:, nfs:...: not ours */
		if (c->n == ISCSI_MAX_PORTALS)
			return bad(why, "more than 8 netroot=iscsi: portals", -ENOSPC);
		r = iscsi_parse_netroot(val, &c->portals[c->n], why);
		if (r)
			return r;
		c->n++;
		return 1;
	}
	if (!strcmp(key, "rd.iscsi.initiator")) {
		if (!iscsi_name_ok(val))
			return bad(why, "rd.iscsi.initiator= is no iqn./eui./naa. name", -EINVAL);
		strcpy(c->initiator, val);
		return 1;
	}
	if (!strcmp(key, "rd.iscsi.firmware") || !strcmp(key, "rd.iscsi.ibft")) {
		c->firmware = !has_val || strcmp(val, "0");
		return 1;
	}
	return 0;
}
