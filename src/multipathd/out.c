/* Growable output buffer, see mpd.h. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mpd.h"
#include "str.h"

static void flush(struct obuf *o)
{
	size_t n = o->len, off = 0;
	ssize_t w;

	if (o->sent + n > o->limit)
		n = o->limit > o->sent ? o->limit - o->sent : 0;
	while (off < n && !o->err) {
		w = write(o->fd, o->b + off, n - off);
		if (w > 0)
			off += (size_t)w;
		else if (w < 0 && errno != EINTR)
			o->err = -EIO;
	}
	o->sent += n;
	o->len = 0;
}

size_t ob_pos(const struct obuf *o)
{
	return o->sent + o->len;
}

int ob_end(struct obuf *o)
{
	if (o->mode != OB_STREAM)
		return o->err;
	flush(o);
	while (!o->err && o->sent < o->limit) {
		size_t n = o->limit - o->sent;

		if (n > o->cap)
			n = o->cap;
		memset(o->b, ' ', n);
		if (o->sent + n == o->limit)
			o->b[n - 1] = '\n';
		o->len = n;
		flush(o);
	}
	return o->err;
}

void ob_add(struct obuf *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (o->err)
		return;
	if (o->mode == OB_COUNT) {
		va_start(ap, fmt);
		n = vsnprintf(NULL, 0, fmt, ap);
		va_end(ap);
		if (n < 0)
			o->err = -EINVAL;
		else
			o->len += (size_t)n;
		return;
	}
	if (o->mode == OB_STREAM && !o->b) {
		o->b = malloc(OB_CHUNK);
		if (!o->b) {
			o->err = -ENOMEM;
			return;
		}
		o->cap = OB_CHUNK;
	}
	for (;;) {
		size_t room = o->cap - o->len;

		va_start(ap, fmt);
		n = vsnprintf(o->b ? o->b + o->len : NULL, o->b ? room : 0, fmt, ap);
		va_end(ap);
		if (n < 0) {
			o->err = -EINVAL;
			return;
		}
		if (o->b && (size_t)n < room) {
			/* map names are untrusted: line ends and tabs only */
			str_vis(o->b + o->len, "\t\n");
			o->len += (size_t)n;
			return;
		}
		if (o->mode == OB_STREAM) {
			/* out with what is there; a piece longer than the
			 * whole buffer (replies are lines) is cut */
			if (!o->len) {
				o->len = o->cap - 1;
				flush(o);
				return;
			}
			flush(o);
			if (o->err)
				return;
			continue;
		}
		{
			size_t cap = o->cap ? o->cap * 2 : 4096;
			char *b;

			while (cap < o->len + (size_t)n + 1)
				cap *= 2;
			if (cap > MPD_MAX_REPLY || !(b = realloc(o->b, cap))) {
				o->err = -ENOMEM;
				return;
			}
			o->b = b;
			o->cap = cap;
		}
	}
}

void ob_free(struct obuf *o)
{
	free(o->b);
	o->b = NULL;
	o->len = o->cap = o->sent = 0;
	o->err = 0;
}
