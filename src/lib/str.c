#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
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

int read_attr(const char *path, char *buf, size_t size)
{
	ssize_t n;
	int fd;

	if (size < 2)
		return -EINVAL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	do
		n = read(fd, buf, size - 1);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		int e = -errno;

		close(fd);
		return e;
	}
	close(fd);
	buf[n] = '\0';
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	return 0;
}
