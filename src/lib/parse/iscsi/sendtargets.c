#include <errno.h>
#include <string.h>

#include "sendtargets.h"
#include "text.h"

int iscsi_name_ok(const char *s)
{
	size_t n = strlen(s), i;
	char c;

	if (n < 5 || n >= ISCSI_NAME_MAX)
		return 0;
	if (strncmp(s, "iqn.", 4) && strncmp(s, "eui.", 4) && strncmp(s, "naa.", 4))
		return 0;
	/* RFC 3722 after stringprep is lower case; upper case ASCII is
	 * accepted (names compare case-insensitively), nothing a shell, a
	 * sysfs path or a console would read differently */
	for (i = 0; i < n; i++) {
		c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '-' || c == ':'))
			return 0;
	}
	return 1;
}

static int host_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '.' || c == '-' || c == ':';
}

static int num16(const char *s, size_t n, uint32_t *out)
{
	char b[6];

	if (n == 0 || n >= sizeof(b))
		return -EINVAL;
	memcpy(b, s, n);
	b[n] = '\0';
	return iscsi_text_num(b, 0, 65535, out);
}

int iscsi_addr_parse(const char *s, struct iscsi_portal *p)
{
	const char *h = s, *he, *rest, *comma;
	uint32_t v;
	size_t i;

	p->port = 3260;
	p->tpgt = -1;
	if (*s == '[') { /* IPv6: [addr] */
		h = s + 1;
		he = strchr(h, ']');
		if (!he)
			return -EINVAL;
		rest = he + 1;
	} else {
		he = h + strcspn(h, ":,");
		rest = he;
	}
	if (he == h || (size_t)(he - h) >= ISCSI_ADDR_MAX)
		return -EINVAL;
	for (i = 0; h + i < he; i++)
		if (!host_char(h[i]) || (h[i] == ':' && *s != '['))
			return -EINVAL;
	memcpy(p->addr, h, (size_t)(he - h));
	p->addr[he - h] = '\0';
	comma = strchr(rest, ',');
	if (*rest == ':') {
		if (num16(rest + 1, (comma ? (size_t)(comma - rest) : strlen(rest)) - 1, &v) || !v)
			return -EINVAL;
		p->port = (uint16_t)v;
	} else if (*rest && *rest != ',') {
		return -EINVAL;
	}
	if (comma) {
		if (num16(comma + 1, strlen(comma + 1), &v))
			return -EINVAL;
		p->tpgt = (int32_t)v;
	}
	return 0;
}

/* A new entry for target name: -E2BIG when the table is full. */
static struct iscsi_portal *entry(struct iscsi_portal *out, unsigned int max,
				  unsigned int *cnt, const char *name)
{
	struct iscsi_portal *p;

	if (*cnt == max)
		return NULL;
	p = &out[(*cnt)++];
	memset(p, 0, sizeof(*p));
	strcpy(p->name, name); /* iscsi_name_ok bounded it */
	p->port = 3260;
	p->tpgt = -1;
	return p;
}

int iscsi_sendtargets_parse(const char *buf, size_t len,
			    struct iscsi_portal *out, unsigned int max,
			    unsigned int *n)
{
	char key[ISCSI_KEY_MAX + 1];
	const char *val, *name = NULL;
	unsigned int cnt = 0, named = 0; /* named: addresses of this name */
	struct iscsi_portal *p;
	size_t off = 0;
	int r;

	while ((r = iscsi_text_next(buf, len, &off, key, &val)) > 0) {
		if (!strcmp(key, "TargetName")) {
			/* the previous name without an address: the portal
			 * asked serves it (RFC 7143 §12.3) */
			if (name && !named && !entry(out, max, &cnt, name))
				return -E2BIG;
			if (!iscsi_name_ok(val))
				return -EINVAL;
			name = val;
			named = 0;
		} else if (!strcmp(key, "TargetAddress")) {
			if (!name)
				return -EINVAL;
			p = entry(out, max, &cnt, name);
			if (!p)
				return -E2BIG;
			if (iscsi_addr_parse(val, p))
				return -EINVAL;
			named++;
		}
		/* TargetAlias and other keys: not ours to use */
	}
	if (r < 0)
		return r;
	if (name && !named && !entry(out, max, &cnt, name))
		return -E2BIG;
	*n = cnt;
	return 0;
}
