/* multipath.conf's lines to words, see conf_int.h.  Pure: no I/O, no
 * printing (the parser turns what is wrong into its warnings). */
#include <string.h>

#include "conf_int.h"

/* One word at s[*i] into t (its first MAX_TOKEN bytes): a quoted string
 * (a doubled "" is a quote) or a bare word.  Its length, which may be more
 * than MAX_TOKEN; (size_t)-1 for a quote not closed on the line. */
static size_t word(const char *s, size_t len, size_t *i, char *t)
{
	size_t n = 0, j = *i;
	int q = s[j] == '"';

	for (j += q; j < len; j++) {
		if (q && s[j] == '"' && !(j + 1 < len && s[j + 1] == '"')) {
			*i = j + 1;
			return n;
		}
		if (!q && s[j] && strchr(" \t\r{}\"#!", s[j]))
			break;
		j += q && s[j] == '"'; /* "" */
		if (n < MAX_TOKEN)
			t[n] = s[j];
		n++;
	}
	*i = j;
	return q ? (size_t)-1 : n;
}

int conf_tokenize(const char *s, size_t len, char *buf, char **tok,
		  size_t max, size_t *ntok, size_t *wlen)
{
	size_t i = 0, used = 0;

	*ntok = 0;
	while (i < len) {
		char *t = buf + used;
		size_t n = 0;
		int r = CONF_TOK_OK;

		while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' ||
				   s[i] == '\v' || s[i] == '\f'))
			i++;
		if (i >= len || s[i] == '#' || s[i] == '!')
			break;
		if (*ntok == max)
			return CONF_TOK_MANY;
		if (s[i] == '{' || s[i] == '}')
			t[n++] = s[i++];
		else if ((n = word(s, len, &i, t)) == (size_t)-1)
			r = CONF_TOK_QUOTE;
		if (!r && n > MAX_TOKEN) {
			*wlen = n;
			r = CONF_TOK_LONG;
		}
		if (!r) {
			t[n] = '\0';
			if (memchr(t, '\0', n))
				r = CONF_TOK_NUL;
		}
		if (r) { /* the line is not used */
			*ntok = 0;
			return r;
		}
		tok[(*ntok)++] = t;
		used += n + 1;
	}
	return CONF_TOK_OK;
}
