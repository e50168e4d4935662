#include <errno.h>
#include <string.h>

#include "text.h"

/* §6.1: key names are made of letters, digits, '.', '-', '+', '@', '_' */
static int key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' ||
	       c == '@' || c == '_';
}

static int check_key(const char *k, size_t n)
{
	size_t i;

	if (n == 0 || n > ISCSI_KEY_MAX)
		return -EINVAL;
	for (i = 0; i < n; i++)
		if (!key_char(k[i]))
			return -EINVAL;
	return 0;
}

/* Values are UTF-8 text (§6.1); no control characters, so that a value
 * we print can never carry an escape sequence or a line break. */
static int check_value(const char *v, size_t n)
{
	size_t i;

	if (n > ISCSI_VALUE_MAX)
		return -EINVAL;
	for (i = 0; i < n; i++)
		if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f)
			return -EINVAL;
	return 0;
}

int iscsi_text_next(const char *buf, size_t len, size_t *off,
		    char key[ISCSI_KEY_MAX + 1], const char **val)
{
	size_t i = *off, end;
	const char *eq, *nul;

	while (i < len && buf[i] == '\0')
		i++;
	if (i >= len) {
		*off = len;
		return 0;
	}
	nul = memchr(buf + i, '\0', len - i);
	if (!nul)
		return -EINVAL;
	end = (size_t)(nul - buf);
	eq = memchr(buf + i, '=', end - i);
	if (!eq || check_key(buf + i, (size_t)(eq - buf) - i) ||
	    check_value(eq + 1, (size_t)(nul - eq) - 1))
		return -EINVAL;
	memcpy(key, buf + i, (size_t)(eq - buf) - i);
	key[(size_t)(eq - buf) - i] = '\0';
	*val = eq + 1;
	*off = end + 1;
	return 1;
}

void iscsi_text_init(struct iscsi_text *t, char *buf, size_t size)
{
	t->buf = buf;
	t->size = size;
	t->len = 0;
	t->err = 0;
}

void iscsi_text_add(struct iscsi_text *t, const char *key, const char *val)
{
	size_t k = strlen(key), v = strlen(val);

	if (t->err)
		return;
	if (check_key(key, k) || check_value(val, v)) {
		t->err = -EINVAL;
		return;
	}
	if (t->size - t->len < k + v + 2) {
		t->err = -E2BIG;
		return;
	}
	memcpy(t->buf + t->len, key, k);
	t->buf[t->len + k] = '=';
	memcpy(t->buf + t->len + k + 1, val, v);
	t->buf[t->len + k + 1 + v] = '\0';
	t->len += k + v + 2;
}

void iscsi_text_add_u(struct iscsi_text *t, const char *key, uint32_t val)
{
	char s[11], *p = s + sizeof(s);

	*--p = '\0';
	do
		*--p = (char)('0' + val % 10);
	while ((val /= 10));
	iscsi_text_add(t, key, p);
}

static int digit(char c, unsigned int base)
{
	unsigned int d;

	if (c >= '0' && c <= '9')
		d = (unsigned int)(c - '0');
	else if (c >= 'a' && c <= 'f')
		d = (unsigned int)(c - 'a' + 10);
	else if (c >= 'A' && c <= 'F')
		d = (unsigned int)(c - 'A' + 10);
	else
		return -1;
	return d < base ? (int)d : -1;
}

int iscsi_text_num(const char *s, uint32_t min, uint32_t max, uint32_t *out)
{
	unsigned int base = 10;
	uint64_t v = 0;
	int d;

	if ((s[0] == '0') && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!*s)
		return -EINVAL;
	for (; *s; s++) {
		d = digit(*s, base);
		if (d < 0)
			return -EINVAL;
		v = v * base + (unsigned int)d;
		if (v > max)
			return -EINVAL;
	}
	if (v < min)
		return -EINVAL;
	*out = (uint32_t)v;
	return 0;
}

int iscsi_text_bool(const char *v)
{
	if (!strcmp(v, "Yes"))
		return 1;
	if (!strcmp(v, "No"))
		return 0;
	return -EINVAL;
}
