/* klibc-compat/vsnprintf.c against klibc's own vsnprintf
 * (tests/klibc-compat.check builds this twice and compares the output).
 * Invariants: for every format shape the tree uses, and for every
 * combination of flags, width, precision, length and integer/string
 * conversion, the text, the return value and the truncation into
 * small buffers (0, 1, 5 bytes) are the same; an unknown conversion
 * prints itself and does not crash. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static void show(const char *what, int r, const char *b)
{
	printf("[%s] %d <%s>\n", what, r, b);
}

/* Every buffer size that matters: none, only the NUL, a cut, enough. */
#define T(...)                                                            \
	do {                                                                  \
		char b[256];                                                      \
		int r;                                                            \
		memset(b, '#', sizeof(b));                                        \
		r = snprintf(NULL, 0, __VA_ARGS__);                               \
		printf("%d|", r);                                                 \
		r = snprintf(b, 1, __VA_ARGS__);                                  \
		printf("%d<%s>|", r, b);                                          \
		r = snprintf(b, 5, __VA_ARGS__);                                  \
		printf("%d<%s>|%c|", r, b, b[5]);                                 \
		r = snprintf(b, sizeof(b), __VA_ARGS__);                          \
		show(#__VA_ARGS__, r, b);                                         \
	} while (0)

static const long long ivals[] = {
	0, 1, -1, 7, 42, -42, 255, 256, 65535, 65536, INT_MAX, INT_MIN,
	(long long)UINT_MAX, LLONG_MAX, LLONG_MIN, 0x123456789abcLL,
};

int main(void)
{
	static const char *flags[] = { "", "-", "+", " ", "#", "0", "-0", "+ ", "#0", "-+#0 " };
	static const char *widths[] = { "", "1", "6", "25", "*" };
	static const char *precs[] = { "", ".", ".0", ".1", ".4", ".30", ".*" };
	static const char *ranks[] = { "", "hh", "h", "l", "ll", "z", "t", "j", "L", "q", "hhh", "lll" };
	static const char convs[] = "diuoxX";
	char f[64], b[256];
	unsigned int a, i, j, k, l, c;
	int r;

	/* the shapes of src/ (grep of every format string) */
	T("%s %d %u %lu %llu", "sda", -5, 7u, 123456789UL, 18446744073709551615ULL);
	T("%ld.%06ld %s", 12L, 3456L, "timing");
	T("%c%c%%%c", 'a', 'b', 'c');
	T("%02x:%04x:%08x:%016llx", 0xau, 0xbeefu, 0xdeadbeefu, 0x0123456789abcdefULL);
	T("%zu %zu", (size_t)0, (size_t)-1);
	T("%lld %lld", -9223372036854775807LL - 1, 9223372036854775807LL);
	T("%s/class/%s/%.*s/", "/sys", "fc_host", 3, "host12");
	T("%-*s|%-*s|%*s|", 10, "ab", 2, "abcdef", 7, "xy");
	T("%.*s", 4, "ab\0cdef");
	T("%s", (char *)NULL);
	T("%.3s|%10.2s|%-10.5s|%010s", "abcdef", "abcdef", "abcdef", "abc");
	T("%c|%5c|%-5c|%.0c|%05c", 'x', 'y', 'z', 'w', 'v');
	T("%p %p %P", (void *)0, (void *)0x1234, (void *)0xabcdef);
	T("%5p|%-20p|%+p", (void *)1, (void *)2, (void *)3);
	/* unknown conversions, dangling and odd sequences (not %n nor the
	 * ' flag: ours leaves them out, see klibc-compat/vsnprintf.c) */
	T("%y%k%w|%5-d|%.5.d|%", 1, 2, 3);
	T("%*d|%-*d|%.*d|%*.*d", -6, 42, -6, 42, -3, 42, 8, 5, -42);
	T("%5*d|%*5d", 3, 9, 1, 9);
	T("100%% done %s", "now");
	T("%s", "");
	T("plain text without conversions");

	/* every combination of the grammar, integer conversions */
	for (a = 0; a < sizeof(ivals) / sizeof(ivals[0]); a++)
		for (c = 0; c < sizeof(convs) - 1; c++)
			for (l = 0; l < sizeof(ranks) / sizeof(ranks[0]); l++)
				for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
					for (j = 0; j < sizeof(widths) / sizeof(widths[0]); j++)
						for (k = 0; k < sizeof(precs) / sizeof(precs[0]); k++) {
							long long v = ivals[a];
							int star = (j == 4) + (k == 6);

							if ((i + j + k + l) % 7 && a % 3)
								continue; /* a fair sample */
							snprintf(f, sizeof(f), "%%%s%s%s%s%c", flags[i],
								 widths[j], precs[k], ranks[l], convs[c]);
							if (l == 3 || l == 4 || l == 5 || l == 6 || l == 7 ||
							    l == 8 || l == 9 || l == 11) {
								if (star == 2)
									r = snprintf(b, sizeof(b), f, 9, 3, v);
								else if (star)
									r = snprintf(b, sizeof(b), f, 9, v);
								else
									r = snprintf(b, sizeof(b), f, v);
							} else {
								if (star == 2)
									r = snprintf(b, sizeof(b), f, 9, 3, (int)v);
								else if (star)
									r = snprintf(b, sizeof(b), f, 9, (int)v);
								else
									r = snprintf(b, sizeof(b), f, (int)v);
							}
							printf("%s %lld: %d <%s>\n", f, v, r, b);
						}
	/* and strings */
	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		for (j = 0; j < sizeof(widths) / sizeof(widths[0]); j++)
			for (k = 0; k < sizeof(precs) / sizeof(precs[0]); k++) {
				int star = (j == 4) + (k == 6);

				snprintf(f, sizeof(f), "<%%%s%s%ss>", flags[i], widths[j], precs[k]);
				if (star == 2)
					r = snprintf(b, sizeof(b), f, 12, 2, "multipath");
				else if (star)
					r = snprintf(b, sizeof(b), f, 12, "multipath");
				else
					r = snprintf(b, sizeof(b), f, "multipath");
				printf("%s: %d %s\n", f, r, b);
			}
	/* fprintf, through klibc's vfprintf */
	fprintf(stdout, "fprintf %s %d %llu %-4s|\n", "x", -1, 1ULL << 63, "ab");
	return 0;
}
