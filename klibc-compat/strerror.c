/* strerror() with the texts packed in one string.  klibc's own indexes
 * an array of 134 pointers beside the texts: 1 072 bytes that a static
 * tool carries for nothing but the lookup.  Here the lookup walks the
 * NUL-separated list (a few hundred bytes scanned, only when a message
 * is printed).  The texts are the kernel's, generated into errlist.h by
 * scripts/errlist.sh from the headers klibc ships. */
#include <string.h>

#include "errlist.h"

char *strerror(int e)
{
	static char unk[] = "error 4294967295"; /* klibc's form */
	const char *s = mp_errlist;
	unsigned int n = (unsigned int)e;
	char *p = unk + sizeof(unk) - 1;

	if (n < MP_NERR) {
		while (n--)
			s += strlen(s) + 1;
		if (*s)
			return (char *)s;
		n = (unsigned int)e;
	}
	do
		*--p = (char)('0' + n % 10);
	while ((n /= 10) && p > unk + 6);
	memmove(unk + 6, p, (size_t)(unk + sizeof(unk) - p));
	return unk;
}
