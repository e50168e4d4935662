/* strerror() with the texts packed in one string.  klibc's own indexes
 * an array of 134 pointers beside the texts: 1 072 bytes that a static
 * tool carries for nothing but the lookup.  Here the lookup walks the
 * NUL-separated list (a few hundred bytes scanned, only when a message
 * is printed), and the texts' repeated words are one byte each, expanded
 * from mp_errwords into a static buffer (POSIX lets strerror's answer be
 * overwritten by the next call; every caller prints it at once).  The
 * texts are the kernel's, generated into errlist.h by scripts/errlist.sh
 * from the headers klibc ships. */
#include <stdio.h>
#include <string.h>

#include "errlist.h"

/* the n-th of a list of NUL-separated strings */
static const char *nth(const char *s, unsigned int n)
{
	while (n--)
		s += strlen(s) + 1;
	return s;
}

char *strerror(int e)
{
	/* MP_ERRLEN: the longest text expanded; 17: klibc's "error N" */
	static char buf[MP_ERRLEN > 17 ? MP_ERRLEN : 17];
	unsigned int n = (unsigned int)e;
	const char *s = n < MP_NERR ? nth(mp_errlist, n) : "", *w;
	char *p = buf;

	if (!*s) {
		snprintf(buf, sizeof(buf), "error %u", n);
		return buf;
	}
	for (; *s; s++) {
		if ((unsigned char)*s < 0x80) {
			*p++ = *s;
			continue;
		}
		for (w = nth(mp_errwords, (unsigned char)*s - 0x80u); *w; w++)
			*p++ = *w;
	}
	*p = '\0';
	return buf;
}
