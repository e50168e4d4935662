/* See opt.h.  Replaces klibc's getopt (351 bytes, globals) in every tool:
 * 222 bytes, one state struct per parse. */
#include <string.h>

#include "opt.h"

int opt_next(struct opt *o, int argc, char **argv, const char *spec)
{
	const char *a, *s;
	int c;

	o->arg = NULL;
	if (!o->next) {
		if (o->ind >= argc)
			return -1;
		a = argv[o->ind];
		if (a[0] != '-' || !a[1])
			return -1; /* an operand, or "-" (stdin by convention) */
		o->ind++;
		if (a[1] == '-' && !a[2])
			return -1;
		o->next = a + 1;
	}
	c = (unsigned char)*o->next++;
	s = c == ':' ? NULL : strchr(spec, c);
	if (s && s[1] == ':') {
		if (*o->next)
			o->arg = o->next;
		else if (s[2] != ':' && o->ind < argc)
			o->arg = argv[o->ind++];
		else if (s[2] != ':')
			s = NULL; /* a required argument is missing */
		o->next = "";
	}
	if (!*o->next)
		o->next = NULL;
	if (!s) {
		o->bad = c;
		return '?';
	}
	return c;
}
