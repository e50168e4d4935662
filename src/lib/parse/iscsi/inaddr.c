#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "inaddr.h"
#include "str.h"

static int v4(const char *s, uint8_t out[4])
{
	unsigned int i, v, d;

	for (i = 0; i < 4; i++) {
		for (v = 0, d = 0; *s >= '0' && *s <= '9' && d < 4; s++, d++)
			v = v * 10 + (unsigned int)(*s - '0');
		if (!d || d > 3 || v > 255 || *s != (i < 3 ? '.' : '\0'))
			return -EINVAL;
		out[i] = (uint8_t)v;
		s++;
	}
	return 0;
}

static int v6(const char *s, uint8_t out[16])
{
	uint16_t g[8];
	int n = 0, gap = -1, d, h, i;
	unsigned int v;

	if (*s == ':') { /* only as the start of a leading "::" */
		if (s[1] != ':')
			return -EINVAL;
		gap = 0;
		s += 2;
	}
	while (*s) {
		for (v = 0, d = 0; (h = str_hexval(*s)) >= 0 && d < 5; s++, d++)
			v = v << 4 | (unsigned int)h;
		if (!d || d > 4 || n == 8)
			return -EINVAL;
		g[n++] = (uint16_t)v;
		if (!*s)
			break;
		if (*s++ != ':' || !*s) /* a lone ':' ends nothing */
			return -EINVAL;
		if (*s == ':') {
			if (gap >= 0)
				return -EINVAL;
			gap = n;
			s++;
		}
	}
	if (gap < 0 ? n != 8 : n > 7)
		return -EINVAL;
	memset(out, 0, 16);
	for (i = 0; i < n; i++) {
		d = i < gap || gap < 0 ? i : i + 8 - n;
		out[2 * d] = (uint8_t)(g[i] >> 8);
		out[2 * d + 1] = (uint8_t)g[i];
	}
	return 0;
}

int iscsi_inaddr(const char *s, int *family, uint8_t out[16])
{
	if (strchr(s, ':')) {
		*family = AF_INET6;
		return v6(s, out);
	}
	*family = AF_INET;
	return v4(s, out);
}
