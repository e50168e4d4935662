/* See cmdline.h. */
#include <errno.h>
#include <string.h>

#include "cmdline.h"

/* The kernel's isspace() on the command line: ASCII white space, and
 * NUL (a /proc/cmdline read ends in one; the kernel stops there). */
static int is_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Copy n bytes of src to dst[size] as a string; -ENAMETOOLONG if not. */
static int put(char *dst, size_t size, const char *src, size_t n)
{
	if (!size)
		return -ENAMETOOLONG;
	if (n >= size) {
		dst[0] = '\0';
		return -ENAMETOOLONG;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
	return 0;
}

int cmdline_next(const char *s, size_t len, size_t *pos, char *key,
		 size_t ksize, char *val, size_t vsize, int *has_val)
{
	size_t i = *pos, start, end, eq = 0, vs, ve;
	int in_quote = 0, quoted = 0, r;

	*has_val = 0;
	if (ksize)
		key[0] = '\0';
	if (vsize)
		val[0] = '\0';
	while (i < len && s[i] && is_space(s[i]))
		i++;
	if (i >= len || !s[i]) {
		*pos = i;
		return 0;
	}
	if (s[i] == '"') {
		i++;
		in_quote = quoted = 1;
	}
	start = i;
	/* the parameter ends at white space outside quotes; quotes toggle */
	for (; i < len && s[i]; i++) {
		if (is_space(s[i]) && !in_quote)
			break;
		/* the kernel's quirk, kept: '=' as the first character is
		 * not a separator ("=x" is a bare word) */
		if (!eq && i > start && s[i] == '=')
			eq = i;
		if (s[i] == '"')
			in_quote = !in_quote;
	}
	end = i;
	*pos = i;
	if (!eq && end - start == 2 && !memcmp(s + start, "--", 2) && !quoted)
		return 0; /* the rest is init's */
	if (!eq) {
		/* a bare word; a closing quote of a quoted one is dropped */
		ve = end;
		if (quoted && ve > start && s[ve - 1] == '"')
			ve--;
		return put(key, ksize, s + start, ve - start) ? -ENAMETOOLONG : 1;
	}
	r = put(key, ksize, s + start, eq - start);
	vs = eq + 1;
	ve = end;
	/* the value's own quotes, or the closing one of a quoted parameter */
	if (vs < ve && s[vs] == '"') {
		vs++;
		if (ve > vs && s[ve - 1] == '"')
			ve--;
	} else if (quoted && ve > vs && s[ve - 1] == '"') {
		ve--;
	}
	*has_val = 1;
	if (put(val, vsize, s + vs, ve - vs) || r)
		return -ENAMETOOLONG;
	return 1;
}
