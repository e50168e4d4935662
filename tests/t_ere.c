/* The ERE matcher against glibc's regexec (REG_EXTENDED | REG_NOSUB), the
 * reference multipath-tools uses.  Invariants:
 *  - every pattern of the built-in hardware table and blacklist compiles,
 *    and on every string of a generated set (each pattern's own literal
 *    pieces, mutated, cut, with prefixes and suffixes, plus random strings
 *    over the pattern's alphabet) our answer equals regexec's;
 *  - random patterns from a small grammar that glibc accepts: we accept
 *    them too and agree on random subjects (anchors only outside groups,
 *    where glibc itself is wrong);
 *  - refused constructs are refused, and a pathological pattern finishes. */
#include <errno.h>
#include <regex.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "ere.h"
#include "unit.h"

static uint32_t seed = 12345;
static uint32_t rnd(void)
{
	seed = seed * 1103515245u + 12345u;
	return (seed >> 8) & 0xffffff;
}

static long compared, mismatches;

/* Compare one subject; report the first few mismatches. */
static int cmp1(const char *pat, const regex_t *re, const char *s)
{
	int want = regexec(re, s, 0, NULL, 0) == 0;
	int got = ere_match(pat, s);

	compared++;
	if (got != want) {
		if (mismatches++ < 10)
			printf("mismatch: /%s/ on \"%s\": ours %d, glibc %d\n", pat, s,
			       got, want);
		return 1;
	}
	return 0;
}

/* Subjects derived from a pattern: its alphabet, pieces and mutations. */
static void subjects(const char *pat, const regex_t *re)
{
	char alpha[128], s[64], lit[256];
	size_t na = 0, nl = 0, i, k;

	for (i = 0; pat[i]; i++) {
		unsigned char c = (unsigned char)pat[i];

		if (!strchr("()|[]^$*+?{}\\.", c) && nl < sizeof(lit) - 1)
			lit[nl++] = (char)c;
		if (na < sizeof(alpha) - 8 && !memchr(alpha, c, na))
			alpha[na++] = (char)c;
	}
	lit[nl] = '\0';
	memcpy(alpha + na, "aZ0 -_/", 7);
	na += 7;
	cmp1(pat, re, "");
	cmp1(pat, re, lit);
	for (i = 0; i <= nl; i++) {
		/* every prefix and suffix of the literal text */
		memcpy(s, lit, i < 63 ? i : 63);
		s[i < 63 ? i : 63] = '\0';
		cmp1(pat, re, s);
		cmp1(pat, re, lit + i);
	}
	for (k = 0; k < 3000; k++) {
		size_t len = rnd() % 20, j;

		if (k % 3 == 0 && nl) {
			/* the literal with a few edits */
			len = nl < 60 ? nl : 60;
			memcpy(s, lit, len);
			s[len] = '\0';
			for (j = 0; j < 1 + rnd() % 3 && len; j++)
				s[rnd() % len] = alpha[rnd() % na];
			if (rnd() % 2 && len < 60) {
				memmove(s + 1, s, len + 1);
				s[0] = alpha[rnd() % na];
			}
		} else {
			for (j = 0; j < len; j++)
				s[j] = alpha[rnd() % na];
			s[len] = '\0';
		}
		cmp1(pat, re, s);
	}
}

static void table_pattern(const char *pat, const char *name)
{
	regex_t re;

	if (!pat)
		return;
	if (pat[0] == '!')
		pat++;
	if (regcomp(&re, pat, REG_EXTENDED | REG_NOSUB)) {
		printf("glibc rejects %s pattern /%s/\n", name, pat);
		mismatches++;
		return;
	}
	if (ere_check(pat)) {
		printf("we reject %s pattern /%s/\n", name, pat);
		mismatches++;
	} else {
		subjects(pat, &re);
	}
	regfree(&re);
}

static void test_table(void)
{
	size_t i;
	long before = mismatches;

	for (i = 0; i < mp_hwtable_n; i++) {
		table_pattern(mp_hwb_vendor(&mp_hwtable[i]), "vendor");
		table_pattern(mp_hwb_product(&mp_hwtable[i]), "product");
		table_pattern(mp_hwb_bl(&mp_hwtable[i]), "product_blacklist");
	}
	for (i = 0; i < mp_builtin_blacklist_n; i++)
		table_pattern(mp_builtin_blacklist[i].a, "blacklist");
	/* shapes from published configs */
	table_pattern("^(ram|raw|loop|fd|md|dm-|sr|scd|st)[0-9]*", "config");
	table_pattern("^hd[a-z][[0-9]*]", "config");
	table_pattern("^cciss!c[0-9]d[0-9]*", "config");
	table_pattern("DCS9[59]*", "config");
	table_pattern("MSA[15]00", "config");
	table_pattern("^36005076[0-9a-f]{24}$", "config");
	table_pattern(".*", "config");
	table_pattern("(SCSI_IDENT_|ID_WWN)", "config");
	table_pattern("[[:alpha:]]+[[:digit:]]{2,3}", "config");
	table_pattern("a{0,3}b{2,}c?", "config");
	table_pattern("x|^y|z$", "config");
	table_pattern("[]a-]", "config");
	table_pattern("[^]x]", "config");
	table_pattern("a)", "config");
	EXPECT(mismatches == before, "table", "%ld mismatches of %ld", mismatches - before,
	       compared);
	printf("# %ld subjects compared with regexec\n", compared);
	UNIT_PASS("table");
}

/* Random patterns over {a, b, ., [ab], [^a], (, ), |, *, +, ?, {m,n}, ^, $}. */
static void gen_pattern(char *p, size_t size, int depth)
{
	size_t n = 0, k, terms = 1 + rnd() % 4;

	for (k = 0; k < terms && n + 16 < size; k++) {
		uint32_t r = rnd() % 14;
		const char *atom = r < 4 ? "a" : r < 6 ? "b" : r < 7 ? "." :
				   r < 8 ? "[ab]" : r < 9 ? "[^a]" : r < 10 ? "^" :
				   r < 11 ? "$" : NULL;

		/* anchors only outside groups: glibc's regexec answers wrongly
		 * for an anchor inside a repeated group, e.g. it finds
		 * /(^b[^a]{1,2}){1,2}[^a]{0,2}$/ in "bccbbccc" (grep -E and
		 * Python's re do not) */
		if (depth && atom && (*atom == '^' || *atom == '$'))
			atom = "a";
		if (atom) {
			n += (size_t)snprintf(p + n, size - n, "%s", atom);
		} else if (depth < 3) {
			char sub[96];

			gen_pattern(sub, sizeof(sub), depth + 1);
			if (n + strlen(sub) + 3 >= size)
				break;
			n += (size_t)snprintf(p + n, size - n, "(%s)", sub);
		} else {
			n += (size_t)snprintf(p + n, size - n, "a");
		}
		r = rnd() % 10;
		if (r == 0) p[n++] = '*';
		else if (r == 1) p[n++] = '+';
		else if (r == 2) p[n++] = '?';
		else if (r == 3)
			n += (size_t)snprintf(p + n, size - n, "{%u,%u}", rnd() % 2,
					      2 + rnd() % 2);
		if (rnd() % 6 == 0 && k + 1 < terms)
			p[n++] = '|';
		p[n] = '\0';
	}
	p[n] = '\0';
}

static void test_random(void)
{
	long before = mismatches, pats = 0, ours_reject = 0;
	int i, k;

	for (i = 0; i < 3000; i++) {
		char pat[128], s[24];
		regex_t re;

		gen_pattern(pat, sizeof(pat), 0);
		if (regcomp(&re, pat, REG_EXTENDED | REG_NOSUB))
			continue;
		pats++;
		if (ere_check(pat)) {
			if (ours_reject++ < 5)
				printf("we reject /%s/ that glibc accepts\n", pat);
			regfree(&re);
			continue;
		}
		for (k = 0; k < 200; k++) {
			size_t len = rnd() % 10, j;

			for (j = 0; j < len; j++)
				s[j] = "abc"[rnd() % 3];
			s[len] = '\0';
			cmp1(pat, &re, s);
		}
		regfree(&re);
	}
	printf("# %ld random patterns, %ld subjects in all\n", pats, compared);
	EXPECT(ours_reject == 0, "random", "%ld patterns glibc accepts were refused",
	       ours_reject);
	EXPECT(mismatches == before, "random", "%ld mismatches", mismatches - before);
	UNIT_PASS("random");
}

static void test_refused(void)
{
	static const char *const bad[] = {
		"*a", "a|*", "(a", "[a", "[b-a]", "a{2,1}", "a{256}", "\\1",
		"(a)\\1", "\\w", "[[.a.]]", "[[:nope:]]", "a{", "a{x}", "\\",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		EXPECT(ere_check(bad[i]) < 0, "refused", "/%s/ accepted", bad[i]);
	/* too big a program: refused, not a crash */
	EXPECT(ere_check("(((a{255}){255}){255})") == -E2BIG, "refused", "blow-up");
	UNIT_PASS("refused");
}

static void test_pathological(void)
{
	char s[4096];

	/* exponential for a backtracker, linear here */
	memset(s, 'a', sizeof(s) - 2);
	s[sizeof(s) - 2] = 'b';
	s[sizeof(s) - 1] = '\0';
	EXPECT(ere_match("^(a|a)*(a|a)*(a|a)*c$", s) == 0, "pathological", "match");
	EXPECT(ere_match("(a*)*b", s) == 1, "pathological", "match b");
	UNIT_PASS("pathological");
}

int main(void)
{
	unit_suite = "ere";
	test_table();
	test_random();
	test_refused();
	test_pathological();
	return UNIT_DONE();
}
