/* vsnprintf() for the static tools, from which klibc builds snprintf,
 * printf, fprintf and vfprintf too (they are linked after libmpboot.a,
 * so they call this one; tests/klibc-compat.check proves klibc's own
 * vsnprintf.o is no longer in build/bin/mpboot).  klibc's is ~2.5 KB:
 * a state machine with one va_arg per rank and conversion, and a
 * separate integer formatter.  Here one padding path serves numbers,
 * strings and %c alike, and an integer is read once per argument width
 * whatever its conversion (then masked to its bits and, for %d, its
 * sign taken from the top bit).
 *
 * Same output as klibc's for everything the tree uses (audit of every
 * format in src/: %s %d %u %lu %llu %ld %lld %zu %c %% %02x %04x %08x
 * %016llx %06ld %.*s %-*s % d) and for the rest of C's integer and
 * string conversions: flags "-+ #0", width and precision with '*',
 * length h hh l ll z t j L q, conversions d i u o x X p P c s %.  Where
 * klibc differs from C, this follows klibc (precision 0 still prints
 * a 0; '0' pads strings too; '+' and ' ' apply to unsigned numbers).
 * Left out on purpose: %n (writes through an argument; nothing here
 * uses it) and the ' flag (klibc's digit grouping with '_'); both, and
 * any other unknown conversion, print the character itself and consume
 * no argument, as klibc does for unknown conversions.
 * tests/klibc/vsnprintf.c is the corpus, compared with klibc's output. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum { F_MINUS = 1, F_PLUS = 2, F_SPACE = 4, F_HASH = 8, F_ZERO = 16 };

struct sink {
	char *b;
	size_t n, o; /* size of b; characters produced so far */
};

/* c, k times (none if k <= 0); counted even past the end of b, since
 * the return value is the length the whole output would have had. */
static void put(struct sink *w, char c, int k)
{
	for (; k > 0; k--, w->o++)
		if (w->o < w->n)
			w->b[w->o] = c;
}

int vsnprintf(char *buf, size_t n, const char *fmt, va_list ap)
{
	static const char flagch[] = "-+ #0", digits[] = "0123456789abcdef";
	struct sink w = { buf, n, 0 };
	char tmp[24], ch, sign, *q;
	const char *s;
	unsigned int flags;
	int width, prec, rank, base, len, zeros, hex, upper;
	uintmax_t v;
	int bits;

	while ((ch = *fmt++)) {
		if (ch != '%') {
			put(&w, ch, 1);
			continue;
		}
		for (flags = 0; *fmt; fmt++) {
			for (s = flagch; *s && *s != *fmt; s++)
				;
			if (!*s)
				break;
			flags |= 1u << (s - flagch);
		}
		/* Width then precision: digits, or '*' from the arguments
		 * (a negative width means '-', a negative precision none). */
		for (width = 0;; fmt++) {
			if (*fmt >= '0' && *fmt <= '9') {
				width = width * 10 + (*fmt - '0');
			} else if (*fmt == '*') {
				width = va_arg(ap, int);
				if (width < 0) {
					width = -width;
					flags |= F_MINUS;
				}
			} else {
				break;
			}
		}
		prec = -1;
		if (*fmt == '.')
			for (prec = 0, fmt++;; fmt++) {
				if (*fmt >= '0' && *fmt <= '9') {
					prec = prec * 10 + (*fmt - '0');
				} else if (*fmt == '*') {
					prec = va_arg(ap, int);
					if (prec < 0)
						prec = -1;
				} else {
					break;
				}
			}
		/* Rank: -2 char, -1 short, 0 int, 1 long, 2 long long. */
		for (rank = 0;; fmt++) {
			if (*fmt == 'h')
				rank--;
			else if (*fmt == 'l')
				rank++;
			else if (*fmt == 'z' || *fmt == 't')
				rank = 1;
			else if (*fmt == 'j')
				rank = 2;
			else if (*fmt == 'L' || *fmt == 'q')
				rank += 2;
			else
				break;
		}
		rank = rank < -2 ? -2 : rank > 2 ? 2 : rank;
		if (!(ch = *fmt))
			break; /* a lone '%' at the end prints nothing */
		fmt++;

		sign = 0;
		hex = 0;
		zeros = 0;
		upper = ch == 'X' || ch == 'P';
		base = 10;
		switch (ch) {
		case 'c':
			tmp[0] = (char)va_arg(ap, int);
			s = tmp;
			len = 1;
			if (prec == 0)
				len = 0;
			goto pad;
		case 's':
			s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			/* never reads past the precision: %.*s of a buffer
			 * that has no NUL is fine */
			for (len = 0; (prec < 0 || len < prec) && s[len]; len++)
				;
			goto pad;
		case 'p':
		case 'P':
			v = (uintptr_t)va_arg(ap, void *);
			base = 16;
			prec = (int)sizeof(void *) * 2;
			flags |= F_HASH;
			goto number;
		case 'd':
		case 'i':
		case 'o':
		case 'u':
		case 'x':
		case 'X':
			/* one read per argument width (long is long long on
			 * LP64, so the middle branch is compiled out there) */
			if (rank == 2 || (rank == 1 && sizeof(long) == sizeof(long long)))
				v = va_arg(ap, unsigned long long);
			else if (rank == 1)
				v = va_arg(ap, unsigned long);
			else
				v = va_arg(ap, unsigned int);
			/* bits of the argument, after any hh/h truncation */
			bits = rank <= -2 ? 8 : rank == -1 ? 16 :
			       rank == 0 ? (int)sizeof(int) * 8 :
			       rank == 1 ? (int)sizeof(long) * 8 : 64;
			v &= UINTMAX_MAX >> (64 - bits);
			if (ch == 'd' || ch == 'i') {
				if (v >> (bits - 1)) { /* negative */
					sign = '-';
					v = (UINTMAX_MAX >> (64 - bits)) - v + 1;
				}
			} else if (ch == 'o') {
				base = 8;
			} else if (ch != 'u') {
				base = 16;
			}
			goto number;
		default: /* '%' and anything unknown: the character alone */
			put(&w, ch, 1);
			continue;
		}
number:
		q = tmp + sizeof(tmp);
		for (; v; v /= (unsigned int)base) {
			ch = digits[v % (unsigned int)base];
			*--q = upper && ch > '9' ? (char)(ch - 32) : ch;
		}
		s = q;
		len = (int)(tmp + sizeof(tmp) - q);
		if ((flags & F_HASH) && base == 8 && prec < len + 1)
			prec = len + 1;
		/* klibc prints "0" for a zero even with precision 0 */
		zeros = len < prec ? prec - len : !len;
		if (!sign)
			sign = flags & F_PLUS ? '+' : flags & F_SPACE ? ' ' : 0;
		hex = (flags & F_HASH) && base == 16;
pad:
		/* [spaces] [sign] [0x] [zero padding] [zeros] body [spaces] */
		width -= len + zeros + !!sign + 2 * hex;
		if (!(flags & (F_MINUS | F_ZERO)))
			put(&w, ' ', width);
		put(&w, sign, !!sign);
		put(&w, '0', hex);
		put(&w, upper ? 'X' : 'x', hex);
		if ((flags & (F_MINUS | F_ZERO)) == F_ZERO)
			put(&w, '0', width);
		put(&w, '0', zeros);
		while (len-- > 0)
			put(&w, *s++, 1);
		if (flags & F_MINUS)
			put(&w, ' ', width);
	}
	if (w.o < n)
		buf[w.o] = '\0';
	else if (n)
		buf[n - 1] = '\0';
	return (int)w.o;
}
