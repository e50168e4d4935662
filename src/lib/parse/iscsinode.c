/* See iscsinode.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iscsinode.h"

#define LINE_MAX_LEN 1024 /* idbm's name (128) + value (256) with room */

/* The fields taken, by key; the CHAP ones land in scratch until
 * authmethod is known (it may come after them). */
enum { F_NAME, F_ADDR, F_PORT, F_STARTUP, F_METHOD, F_USER, F_PASS, F_RUSER, F_RPASS, F_N };
static const char *const keys[F_N] = {
	"node.name", "node.conn[0].address", "node.conn[0].port", "node.startup",
	"node.session.auth.authmethod", "node.session.auth.username",
	"node.session.auth.password", "node.session.auth.username_in",
	"node.session.auth.password_in",
};

static int bad(const char **why, const char *what, int err)
{
	*why = what;
	return err;
}

static const char *trim(const char *s, const char **end)
{
	while (s < *end && (*s == ' ' || *s == '\t'))
		s++;
	while (*end > s && ((*end)[-1] == ' ' || (*end)[-1] == '\t' || (*end)[-1] == '\r'))
		(*end)--;
	return s;
}

/* The record's lines: each "key = value" of keys[] into val (missing:
 * ""), every other key passed over.  0, or -errno and *why. */
static int read_keys(const char *buf, size_t len, char val[F_N][ISCSI_SECRET_MAX],
		     const char **why)
{
	const char *s = buf, *end = buf + len, *nl, *eq, *k, *ke, *v, *ve;
	size_t i;

	for (; s < end; s = nl + 1) {
		nl = memchr(s, '\n', (size_t)(end - s));
		if (!nl)
			nl = end;
		if (nl - s > LINE_MAX_LEN)
			return bad(why, "a line longer than 1024 bytes", -EINVAL);
		ke = nl;
		k = trim(s, &ke);
		if (k == ke || *k == '#')
			continue;
		eq = memchr(k, '=', (size_t)(ke - k));
		if (!eq)
			return bad(why, "a line without '='", -EINVAL);
		ve = ke;
		ke = eq;
		k = trim(k, &ke);
		v = trim(eq + 1, &ve);
		if (ve - v == 7 && !memcmp(v, "<empty>", 7))
			ve = v;
		for (i = 0; i < F_N; i++)
			if (strlen(keys[i]) == (size_t)(ke - k) && !memcmp(k, keys[i], (size_t)(ke - k)))
				break;
		if (i == F_N)
			continue; /* the many other settings: iscsid's, not the login's */
		if (ve - v >= ISCSI_SECRET_MAX || memchr(v, '\0', (size_t)(ve - v)))
			return bad(why, keys[i], -ENAMETOOLONG);
		memcpy(val[i], v, (size_t)(ve - v));
		val[i][ve - v] = '\0';
	}
	return 0;
}

/* The node from the values read: the portal checked (name, address,
 * port), startup, and the CHAP credentials only when authmethod is CHAP.
 * 0, or -errno and *why. */
static int fill_node(char val[F_N][ISCSI_SECRET_MAX], struct iscsi_node *n, const char **why)
{
	struct iscsi_boot_portal *p = &n->p;
	unsigned long port;
	char *e;

	if (!iscsi_name_ok(val[F_NAME]))
		return bad(why, "node.name is no iqn./eui./naa. name", -EINVAL);
	strcpy(p->target, val[F_NAME]); /* fits: iscsi_name_ok bounds it */
	if (!val[F_ADDR][0] || strlen(val[F_ADDR]) >= sizeof(p->server))
		return bad(why, "node.conn[0].address", -EINVAL);
	strcpy(p->server, val[F_ADDR]);
	p->ipv6 = strchr(p->server, ':') != NULL;
	port = val[F_PORT][0] ? strtoul(val[F_PORT], &e, 10) : 3260;
	if (!port || port > 65535 || (val[F_PORT][0] && (*e || val[F_PORT][0] == '-' ||
							 val[F_PORT][0] == '+')))
		return bad(why, "node.conn[0].port", -EINVAL);
	p->port = (uint16_t)port;
	if (!strcmp(val[F_STARTUP], "automatic"))
		n->startup = ISCSI_STARTUP_AUTOMATIC;
	else if (!strcmp(val[F_STARTUP], "onboot"))
		n->startup = ISCSI_STARTUP_ONBOOT;
	if (strcmp(val[F_METHOD], "CHAP"))
		return 0; /* None (or missing): no credentials, whatever is stored */
	if (!val[F_USER][0] || !val[F_PASS][0])
		return bad(why, "authmethod CHAP without username and password", -EINVAL);
	strcpy(p->user, val[F_USER]);
	strcpy(p->pass, val[F_PASS]);
	/* mutual CHAP only with both halves, as iscsid does */
	if (val[F_RUSER][0] && val[F_RPASS][0]) {
		strcpy(p->ruser, val[F_RUSER]);
		strcpy(p->rpass, val[F_RPASS]);
	}
	return 0;
}

int iscsi_node_parse(const char *buf, size_t len, struct iscsi_node *n, const char **why)
{
	char val[F_N][ISCSI_SECRET_MAX];
	int r;

	memset(n, 0, sizeof(*n));
	memset(val, 0, sizeof(val));
	*why = NULL;
	r = read_keys(buf, len, val, why);
	if (r)
		return r;
	return fill_node(val, n, why);
}

int iscsi_node_netroot(const struct iscsi_node *n, char *out, size_t size, const char **why)
{
	static struct iscsi_boot_portal back;
	const struct iscsi_boot_portal *p = &n->p;
	const char *bwhy;
	int r;

	*why = NULL;
	/* dracut's iscsi:[u:p[:ru:rp]@]SERVER:PROTO:PORT:LUN:TARGET, with
	 * PROTO and LUN empty (TCP, and root= picks what is mounted) */
	r = snprintf(out, size, "iscsi:%s%s%s%s%s%s%s%s%s%s%s::%u::%s", p->user, p->user[0] ? ":" : "",
		     p->pass, p->ruser[0] ? ":" : "", p->ruser, p->ruser[0] ? ":" : "", p->rpass,
		     p->user[0] ? "@" : "", p->ipv6 ? "[" : "", p->server,
		     p->ipv6 ? "]" : "", p->port, p->target);
	if (r < 0 || (size_t)r >= size)
		return bad(why, "netroot= too long", -ENAMETOOLONG);
	/* what the boot will make of it must be this very portal */
	if ((r = iscsi_parse_netroot(out, &back, &bwhy)) ||
	    strcmp(back.server, p->server) || back.port != p->port ||
	    strcmp(back.target, p->target) || strcmp(back.user, p->user) ||
	    strcmp(back.pass, p->pass) || strcmp(back.ruser, p->ruser) ||
	    strcmp(back.rpass, p->rpass)) {
		memset(&back, 0, sizeof(back));
		memset(out, 0, size);
		return bad(why, r ? bwhy : "a CHAP name or secret holds ':' or a blank", -EINVAL);
	}
	memset(&back, 0, sizeof(back));
	return 0;
}
