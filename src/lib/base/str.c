#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "str.h"

int str_copy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (!size)
		return -ENAMETOOLONG;
	if (len >= size) {
		dst[0] = '\0';
		return -ENAMETOOLONG;
	}
	memcpy(dst, src, len + 1);
	return 0;
}

int str_udev_char(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z') || (c && strchr("#+-.:=@_", c));
}

void str_vis(char *s, const char *keep)
{
	for (; *s; s++)
		if (((unsigned char)*s < 0x20 && !strchr(keep, *s)) || *s == 0x7f)
			*s = '?';
}

int str_fmt(char *dst, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(dst, size, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -EINVAL;
	if ((size_t)n >= size) {
		if (size)
			dst[0] = '\0';
		return -ENAMETOOLONG;
	}
	return 0;
}

int str_to_u64(const char *s, uint64_t *out)
{
	uint64_t v = 0;

	if (!s || !*s)
		return -EINVAL;
	for (; *s; s++) {
		unsigned int d;

		if (*s < '0' || *s > '9')
			return -EINVAL;
		d = (unsigned int)(*s - '0');
		if (v > (UINT64_MAX - d) / 10)
			return -ERANGE;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

int str_word(const char **s, char *out, size_t size)
{
	const char *b = *s;
	size_t n;

	while (*b == ' ' || *b == '\t' || *b == '\n')
		b++;
	for (n = 0; b[n] && b[n] != ' ' && b[n] != '\t' && b[n] != '\n'; n++)
		;
	*s = b + n;
	out[0] = '\0';
	if (!n)
		return -ENOENT;
	if (n >= size)
		return -E2BIG;
	memcpy(out, b, n);
	out[n] = '\0';
	return 0;
}

int str_to_uint(const char *s, unsigned int max, unsigned int *out)
{
	uint64_t v;
	int r = str_to_u64(s, &v);

	if (r)
		return r;
	if (v > max)
		return -ERANGE;
	*out = (unsigned int)v;
	return 0;
}

int str_to_majmin(const char *s, unsigned int *maj, unsigned int *min)
{
	char buf[24];
	char *colon;

	if (str_copy(buf, s, sizeof(buf)))
		return -EINVAL;
	colon = strchr(buf, ':');
	if (!colon)
		return -EINVAL;
	*colon = '\0';
	if (str_to_uint(buf, 4095, maj) || str_to_uint(colon + 1, (1u << 20) - 1, min))
		return -EINVAL;
	return 0;
}

ssize_t str_read_at(int dirfd, const char *name, uint8_t *buf, size_t size,
		    int vpd)
{
	size_t got = 0;
	int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	while (got < size) {
		ssize_t n = read(fd, buf + got, size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = -errno;

			close(fd);
			return e;
		}
		got += (size_t)n;
		/* a VPD page: its length at bytes 2-3 (SPC-4 7.8.1) */
		if (!n || !vpd || (got >= 4 && got >= 4 + (size_t)(buf[2] << 8 | buf[3])))
			break;
	}
	close(fd);
	return (ssize_t)got;
}

int read_attr_at(int dirfd, const char *name, char *buf, size_t size)
{
	ssize_t n = str_read_at(dirfd, name, (uint8_t *)buf, size - 1, 0);

	if (n < 0) {
		buf[0] = '\0';
		return (int)n;
	}
	buf[n] = '\0';
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	return 0;
}

int read_attr(const char *path, char *buf, size_t size)
{
	return read_attr_at(AT_FDCWD, path, buf, size);
}

#define STR_BLK_SIZE 4096u

struct str_blk {
	struct str_blk *next;
	size_t used, size;
	char s[];
};

const char *str_pool_add(struct str_pool *p, const char *s)
{
	size_t len = strlen(s) + 1;
	unsigned int h = 5381;
	const char *c;
	struct str_blk *b = p->head;

	if (len == 1)
		return "";
	for (c = s; *c; c++)
		h = h * 33 + (unsigned char)*c;
	h %= STR_POOL_SEEN;
	if (p->seen[h] && !strcmp(p->seen[h], s))
		return p->seen[h];
	if (!b || b->size - b->used < len) {
		size_t size = len > STR_BLK_SIZE ? len : STR_BLK_SIZE;

		b = malloc(sizeof(*b) + size);
		if (!b)
			return NULL;
		b->next = p->head;
		b->used = 0;
		b->size = size;
		p->head = b;
	}
	c = memcpy(b->s + b->used, s, len);
	b->used += len;
	p->seen[h] = c;
	return c;
}

void str_pool_free(struct str_pool *p)
{
	while (p->head) {
		struct str_blk *b = p->head;

		p->head = b->next;
		free(b);
	}
	memset(p->seen, 0, sizeof(p->seen));
}

int read_attrf(char *buf, size_t size, const char *fmt, ...)
{
	char path[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(path, sizeof(path), fmt, ap);
	va_end(ap);
	if (n < 0)
		return -EINVAL;
	if ((size_t)n >= sizeof(path))
		return -ENAMETOOLONG;
	return read_attr(path, buf, size);
}

int str_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}
