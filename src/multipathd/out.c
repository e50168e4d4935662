/* Growable output buffer, see mpd.h. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mpd.h"
#include "str.h"

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
	o->len = o->cap = 0;
	o->err = 0;
}

void mpd_checker_line(struct obuf *o, int set, enum mpd_checker c,
		      enum mpd_checker dflt, const unsigned int n[3])
{
	if (set)
		ob_add(o, "checker %s\n", mpd_checker_name(c));
	else
		ob_add(o, "checker per LU from the configuration (default %s): "
		       "tur %u directio %u readsector0 %u\n", mpd_checker_name(dflt),
		       n[CHECKER_TUR], n[CHECKER_DIRECTIO], n[CHECKER_READSECTOR0]);
}
