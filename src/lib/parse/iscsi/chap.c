#include <errno.h>
#include <string.h>

#include "chap.h"
#include "md5.h"
#include "str.h"

static int b64val(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

static int hex_decode(const char *s, uint8_t *out, size_t max, size_t *n)
{
	size_t len = strlen(s), i = 0, o = 0;
	int h, l;

	/* §6.1: an odd number of digits has an implied leading zero */
	if (len & 1) {
		h = 0;
		l = str_hexval(s[0]);
		i = 1;
		goto one;
	}
	while (i < len) {
		h = str_hexval(s[i]);
		l = str_hexval(s[i + 1]);
		i += 2;
one:
		if (h < 0 || l < 0)
			return -EINVAL;
		if (o == max)
			return -E2BIG;
		out[o++] = (uint8_t)(h << 4 | l);
	}
	*n = o;
	return o ? 0 : -EINVAL;
}

static int b64_decode(const char *s, uint8_t *out, size_t max, size_t *n)
{
	uint32_t acc = 0;
	size_t o = 0, pad = 0, bits = 0;
	int v;

	for (; *s; s++) {
		if (*s == '=') {
			pad++;
			continue;
		}
		v = b64val(*s);
		if (v < 0 || pad) /* nothing after the padding */
			return -EINVAL;
		acc = (acc << 6 | (uint32_t)v) & 0xffffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (o == max)
				return -E2BIG;
			out[o++] = (uint8_t)(acc >> bits);
		}
	}
	if (pad > 2 || !o)
		return -EINVAL;
	*n = o;
	return 0;
}

int chap_decode(const char *val, uint8_t *out, size_t max, size_t *n)
{
	if (val[0] == '0' && (val[1] == 'x' || val[1] == 'X'))
		return hex_decode(val + 2, out, max, n);
	if (val[0] == '0' && (val[1] == 'b' || val[1] == 'B'))
		return b64_decode(val + 2, out, max, n);
	return -EINVAL;
}

void chap_md5(uint8_t id, const char *secret, size_t slen, const uint8_t *chal,
	      size_t clen, uint8_t out[16])
{
	struct md5 m;

	md5_init(&m);
	md5_update(&m, &id, 1);
	md5_update(&m, secret, slen);
	md5_update(&m, chal, clen);
	md5_final(&m, out);
}

int chap_take(struct chap *c, const char *key, const char *val)
{
	uint32_t v;

	if (!strcmp(key, "CHAP_A")) {
		if (iscsi_text_num(val, 0, 255, &v) || v != CHAP_MD5)
			return -EPROTO;
		c->have_a = 1;
	} else if (!strcmp(key, "CHAP_I")) {
		if (iscsi_text_num(val, 0, 255, &v))
			return -EPROTO;
		c->id = (uint8_t)v;
		c->have_i = 1;
	} else if (!strcmp(key, "CHAP_C")) {
		if (chap_decode(val, c->chal, sizeof(c->chal), &c->chal_len))
			return -EPROTO;
	} else {
		return 0;
	}
	return 1;
}

static void hex_encode(const uint8_t *in, size_t n, char *out)
{
	static const char hx[] = "0123456789abcdef";
	size_t i;

	*out++ = '0';
	*out++ = 'x';
	for (i = 0; i < n; i++) {
		*out++ = hx[in[i] >> 4];
		*out++ = hx[in[i] & 15];
	}
	*out = '\0';
}

int chap_answer(struct chap *c, const struct chap_secret *me,
		const struct chap_secret *peer, const uint8_t *rnd,
		struct iscsi_text *out)
{
	char hex[2 + 2 * CHAP_MY_CHAL + 1];
	uint8_t r[16];

	if (!c->have_a || !c->have_i || !c->chal_len)
		return -EPROTO;
	chap_md5(c->id, me->secret, me->len, c->chal, c->chal_len, r);
	iscsi_text_add(out, "CHAP_N", me->name);
	hex_encode(r, sizeof(r), hex);
	iscsi_text_add(out, "CHAP_R", hex);
	if (!peer)
		return 0;
	memcpy(c->my_chal, rnd, CHAP_MY_CHAL);
	c->my_id = rnd[CHAP_MY_CHAL];
	/* a target that hands us our own challenge would have us compute
	 * the answer it must give (a reflection attack) */
	if (c->chal_len == CHAP_MY_CHAL && !memcmp(c->chal, c->my_chal, CHAP_MY_CHAL))
		return -EACCES;
	iscsi_text_add_u(out, "CHAP_I", c->my_id);
	hex_encode(c->my_chal, CHAP_MY_CHAL, hex);
	iscsi_text_add(out, "CHAP_C", hex);
	return 0;
}

int chap_verify(const struct chap *c, const struct chap_secret *peer,
		const char *name, const char *resp)
{
	uint8_t want[16], got[16];
	size_t n;

	if (!name || !resp || strcmp(name, peer->name))
		return -EACCES;
	if (chap_decode(resp, got, sizeof(got), &n) || n != sizeof(got))
		return -EACCES;
	chap_md5(c->my_id, peer->secret, peer->len, c->my_chal, CHAP_MY_CHAL, want);
	return memcmp(want, got, sizeof(got)) ? -EACCES : 0;
}
