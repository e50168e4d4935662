/* klibc-compat/strerror.c against klibc's own strerror: the same text
 * for every errno, negative and unknown numbers included
 * (tests/klibc-compat.check builds this twice and compares). */
#include <stdio.h>
#include <string.h>
int main(void)
{
	int e;
	for (e = -2; e < 300; e++)
		printf("%d %s\n", e, strerror(e));
	printf("%d %s\n", 2147483647, strerror(2147483647));
	return 0;
}
