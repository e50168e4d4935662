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

int iscsi_sendtargets_parse(const char *buf, size_t len,
			    struct iscsi_portal *out, unsigned int max,
			    unsigned int *n)
{
	char key[ISCSI_KEY_MAX + 1];
	const char *val, *name = NULL;
	unsigned int cnt = 0, named = 0; /* named: entries of this name */
	size_t off = 0;
	int r;

	while ((r = iscsi_text_next(buf, len, &off, key, &val)) > 0) {
		if (!strcmp(key, "TargetName")) {
			if (name && !named) { /* the previous one had no address */
				if (cnt == max)
					return -E2BIG;
				memset(&out[cnt], 0, sizeof(out[cnt]));
				strcpy(out[cnt].name, name);
				out[cnt].port = 3260;
				out[cnt++].tpgt = -1;
			}
			if (!iscsi_name_ok(val))
				return -EINVAL;
			name = val;
			named = 0;
		} else if (!strcmp(key, "TargetAddress")) {
			if (!name)
				return -EINVAL;
			if (cnt == max)
				return -E2BIG;
			memset(&out[cnt], 0, sizeof(out[cnt]));
			if (iscsi_addr_parse(val, &out[cnt]))
				return -EINVAL;
			strcpy(out[cnt++].name, name); /* iscsi_name_ok bounds it */
			named++;
		}
		/* TargetAlias and other keys: not ours to use */
	}
	if (r < 0)
		return r;
	if (name && !named) {
		if (cnt == max)
			return -E2BIG;
		memset(&out[cnt], 0, sizeof(out[cnt]));
		strcpy(out[cnt].name, name);
		out[cnt].port = 3260;
		out[cnt++].tpgt = -1;
	}
	*n = cnt;
	return 0;
}
