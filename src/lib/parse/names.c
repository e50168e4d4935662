/* Bindings and wwids files: parsers and alias allocation, see names.h. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"
#include "str.h"

void mp_names_free(struct mp_names *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->e[i].a); /* w lives in the same block */
	free(l->e);
	hidx_free(&l->ia);
	memset(l, 0, sizeof(*l));
}

/* The index by alias (a wwids list: by WWID): a lookup per LU in a file
 * of one line per LU is quadratic otherwise. */
static int eq(const void *arr, size_t i, const void *key)
{
	return !strcmp(((const struct mp_name *)arr)[i].a, key);
}

/* Entry i indexed, unless its key is there already: a lookup gives the
 * first line of a key, as the files' readers always did. */
static int index_entry(struct mp_names *l, size_t i)
{
	const char *key = l->e[i].a;
	uint32_t k = hidx_str(key);

	return hidx_find(&l->ia, k, eq, l->e, key) >= 0 ? 0 : hidx_add(&l->ia, k, i);
}

/* One block per entry, "a\0w\0": a junk file of short lines must not
 * cost several allocations a line (names.h: the file size bound). */
static int add_n(struct mp_names *l, const char *a, size_t la, const char *w,
		 size_t lw)
{
	struct mp_name *e;
	char *s;

	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;

		e = realloc(l->e, cap * sizeof(*e));
		if (!e)
			return -ENOMEM;
		l->e = e;
		l->cap = cap;
	}
	s = malloc(la + lw + 2);
	if (!s)
		return -ENOMEM;
	e = &l->e[l->n];
	e->a = memcpy(s, a, la);
	s[la] = '\0';
	e->w = w ? memcpy(s + la + 1, w, lw) : NULL;
	s[la + 1 + lw] = '\0';
	if (index_entry(l, l->n)) {
		free(s);
		return -ENOMEM;
	}
	l->n++;
	return 0;
}

int mp_names_add(struct mp_names *l, const char *a, const char *w)
{
	return add_n(l, a, strlen(a), w, w ? strlen(w) : 0);
}

static int is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* Calls fn for each line with the comment ('#') and line end cut off. */
static int each_line(const char *buf, size_t len,
		     int (*fn)(const char *s, size_t n, void *arg), void *arg)
{
	size_t i = 0;

	while (i < len) {
		const char *s = buf + i;
		size_t n = 0, l;
		int r;

		while (i + n < len && buf[i + n] != '\n')
			n++;
		i += n + 1;
		for (l = 0; l < n && s[l] != '#' && s[l] != '\r' && s[l] != '\0'; l++)
			;
		r = fn(s, l, arg);
		if (r)
			return r;
	}
	return 0;
}

struct pa {
	struct mp_names *l;
	unsigned int bad;
};

static int binding_line(const char *s, size_t n, void *arg)
{
	struct pa *p = arg;
	size_t i = 0, a0, a1, w0, w1;

	while (i < n && is_space(s[i]))
		i++;
	if (i == n)
		return 0; /* blank */
	for (a0 = i; i < n && !is_space(s[i]); i++)
		;
	a1 = i;
	while (i < n && is_space(s[i]))
		i++;
	for (w0 = i; i < n && !is_space(s[i]); i++)
		;
	w1 = i;
	if (w0 == w1) {
		p->bad++;
		return 0;
	}
	return add_n(p->l, s + a0, a1 - a0, s + w0, w1 - w0);
}

int mp_bindings_parse(struct mp_names *l, const char *buf, size_t len,
		      unsigned int *bad)
{
	struct pa p = { l, 0 };
	int r = each_line(buf, len, binding_line, &p);

	if (bad)
		*bad = p.bad;
	return r;
}

static int wwid_line(const char *s, size_t n, void *arg)
{
	struct pa *p = arg;
	size_t i = 0, e;

	while (i < n && is_space(s[i]))
		i++;
	if (i == n)
		return 0;
	if (s[i] != '/') {
		p->bad++;
		return 0;
	}
	for (e = ++i; e < n && s[e] != '/'; e++)
		;
	if (e == n || e == i) {
		p->bad++;
		return 0;
	}
	return add_n(p->l, s + i, e - i, NULL, 0);
}

int mp_wwids_parse(struct mp_names *l, const char *buf, size_t len,
		   unsigned int *bad)
{
	struct pa p = { l, 0 };
	int r = each_line(buf, len, wwid_line, &p);

	if (bad)
		*bad = p.bad;
	return r;
}

const char *mp_bindings_alias(const struct mp_names *l, const char *wwid)
{
	size_t i;

	/* not indexed: only user_friendly_names asks, once a new LU */
	for (i = 0; i < l->n; i++)
		if (l->e[i].w && !strcmp(l->e[i].w, wwid))
			return l->e[i].a;
	return NULL;
}

const char *mp_bindings_wwid(const struct mp_names *l, const char *alias)
{
	int i = mp_wwids_find(l, alias);

	return i < 0 ? NULL : l->e[i].w;
}

int mp_wwids_find(const struct mp_names *l, const char *wwid)
{
	return (int)hidx_find(&l->ia, hidx_str(wwid), eq, l->e, wwid);
}

int mp_wwids_del(struct mp_names *l, const char *wwid)
{
	int i = mp_wwids_find(l, wwid);

	if (i < 0)
		return -ENOENT;
	free(l->e[i].a); /* w lives in the same block */
	memmove(&l->e[i], &l->e[i + 1], (l->n - (size_t)i - 1) * sizeof(*l->e));
	l->n--;
	/* the positions moved: indexed anew (-w, once a run) */
	hidx_free(&l->ia);
	for (i = 0; i < (int)l->n; i++)
		if (index_entry(l, (size_t)i))
			return -ENOMEM;
	return 0;
}

int mp_name_check(const char *name)
{
	size_t i, n = strlen(name);

	if (n >= MP_NAME_SIZE)
		return -ENAMETOOLONG;
	/* ".x" also keeps clear of the hidden ".NAME.new" entries dm.c
	 * makes in /dev/mapper before renaming them over NAME */
	if (!n || name[0] == '.' || !strcmp(name, "control"))
		return -EINVAL;
	for (i = 0; i < n; i++)
		if (!str_udev_char((unsigned char)name[i]))
			return -EINVAL;
	return 0;
}

int mp_alias_format(const char *prefix, int id, char *buf, size_t size)
{
	char tail[16];
	size_t p = strlen(prefix), pos = sizeof(tail) - 1;

	if (id < 1)
		return -EINVAL;
	tail[pos] = '\0';
	/* bijective base 26: id 1..26 -> a..z, 27 -> aa */
	while (id > 0) {
		id--;
		tail[--pos] = (char)('a' + id % 26);
		id /= 26;
	}
	if (p + (sizeof(tail) - 1 - pos) + 1 > size)
		return -ENAMETOOLONG;
	memcpy(buf, prefix, p);
	memcpy(buf + p, tail + pos, sizeof(tail) - pos);
	return 0;
}

int mp_alias_id(const char *alias, const char *prefix)
{
	size_t p = strlen(prefix), l = strlen(alias), i;
	int n = 0;

	/* 7 letters at most ("aaaaaaaa" is past INT_MAX), and an id past
	 * INT_MAX ("mwlqkww" wrapped to 1) is no id, as multipath-tools */
	if (strncmp(alias, prefix, p) || l == p || l > p + 7)
		return -1;
	for (i = p; i < l; i++) {
		int d = alias[i] - 'a';

		if (d < 0 || d > 25 || n > (INT_MAX - 1 - d) / 26)
			return -1;
		n = n * 26 + d + 1;
	}
	return n;
}

int mp_bindings_new_alias(const struct mp_names *l, const char *prefix,
			  int (*taken)(const char *alias, void *arg), void *arg,
			  char *buf, size_t size)
{
	int id = 1, biggest = 1, smallest_bigger = INT_MAX;
	size_t i;

	/* One pass in file order, as multipath-tools does: "id" is the next
	 * expected id of an ordered file; an id seen above it might leave a
	 * hole below, which the pass cannot prove free, so then take the
	 * biggest + 1. */
	for (i = 0; i < l->n; i++) {
		int cur = mp_alias_id(l->e[i].a, prefix);

		if (cur < 0)
			continue;
		if (cur == id && id < INT_MAX)
			id++;
		if (cur > biggest)
			biggest = cur;
		if (cur > id && cur < smallest_bigger)
			smallest_bigger = cur;
	}
	if (id >= smallest_bigger) {
		if (biggest == INT_MAX)
			return -ENOSPC;
		id = biggest + 1;
	}
	for (;;) {
		int r = mp_alias_format(prefix, id, buf, size);

		if (r)
			return r;
		if (!taken || !taken(buf, arg))
			return 0;
		if (id == INT_MAX)
			return -ENOSPC;
		id++;
		/* ids from smallest_bigger up to biggest may be bound to
		 * other WWIDs (fuzz seed bindings/crash-taken-walks-into-bound) */
		if (id == smallest_bigger) {
			if (biggest == INT_MAX)
				return -ENOSPC;
			id = biggest + 1;
		}
	}
}
