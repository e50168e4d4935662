/* Host tests of src/lib/base/str.c: bounded copies never truncate silently,
 * number parsers reject junk and overflow. */
#include <errno.h>
#include <stdint.h>

#include "str.h"
#include "unit.h"

static void t_copy(void)
{
	char b[4];

	EXPECT_INT(str_copy(b, "abc", sizeof(b)), 0, "copy-fits");
	EXPECT_STR(b, "abc", "copy-fits");
	UNIT_PASS("copy-fits");
	EXPECT_INT(str_copy(b, "abcd", sizeof(b)), -ENAMETOOLONG, "copy-too-long");
	EXPECT_STR(b, "", "copy-too-long");
	UNIT_PASS("copy-too-long");
	EXPECT_INT(str_fmt(b, sizeof(b), "%d", 12345), -ENAMETOOLONG, "fmt-too-long");
	EXPECT_STR(b, "", "fmt-too-long");
	EXPECT_INT(str_fmt(b, sizeof(b), "%d", 123), 0, "fmt-fits");
	UNIT_PASS("fmt");
}

static void t_numbers(void)
{
	static const struct {
		const char *in;
		int ret;
		uint64_t val;
	} c[] = {
		{ "0", 0, 0 },
		{ "18446744073709551615", 0, UINT64_MAX },
		{ "18446744073709551616", -ERANGE, 0 },
		{ "", -EINVAL, 0 },
		{ "-1", -EINVAL, 0 },
		{ "12a", -EINVAL, 0 },
		{ " 1", -EINVAL, 0 },
	};
	unsigned int i, u, ma, mi;
	uint64_t v;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		v = 0;
		EXPECT_INT(str_to_u64(c[i].in, &v), c[i].ret, "u64");
		if (!c[i].ret)
			EXPECT(v == c[i].val, "u64", "%s parsed wrong", c[i].in);
	}
	UNIT_PASS("u64");
	EXPECT_INT(str_to_uint("4096", 4095, &u), -ERANGE, "uint-max");
	EXPECT_INT(str_to_uint("4095", 4095, &u), 0, "uint-max");
	UNIT_PASS("uint-max");
	EXPECT_INT(str_to_majmin("8:16", &ma, &mi), 0, "majmin");
	EXPECT_INT(ma, 8, "majmin");
	EXPECT_INT(mi, 16, "majmin");
	EXPECT_INT(str_to_majmin("254:1048575", &ma, &mi), 0, "majmin");
	EXPECT_INT(str_to_majmin("8:", &ma, &mi), -EINVAL, "majmin");
	EXPECT_INT(str_to_majmin("816", &ma, &mi), -EINVAL, "majmin");
	EXPECT_INT(str_to_majmin("4096:0", &ma, &mi), -EINVAL, "majmin");
	EXPECT_INT(str_to_majmin("8:16:1", &ma, &mi), -EINVAL, "majmin");
	UNIT_PASS("majmin");
}

static void t_word(void)
{
	const char *s = "  hbtl\t1:0:.* 7\n";
	char w[8];

	EXPECT_INT(str_word(&s, w, sizeof(w)), 0, "word");
	EXPECT_STR(w, "hbtl", "word");
	EXPECT_INT(str_word(&s, w, sizeof(w)), 0, "word");
	EXPECT_STR(w, "1:0:.*", "word");
	EXPECT_INT(str_word(&s, w, sizeof(w)), 0, "word");
	EXPECT_STR(w, "7", "word");
	EXPECT_INT(str_word(&s, w, sizeof(w)), -ENOENT, "word");
	EXPECT_INT(str_word(&s, w, sizeof(w)), -ENOENT, "word");
	/* too long: skipped whole, the next word is next */
	s = "12345678 ok";
	EXPECT_INT(str_word(&s, w, sizeof(w)), -E2BIG, "word");
	EXPECT_STR(w, "", "word");
	EXPECT_INT(str_word(&s, w, sizeof(w)), 0, "word");
	EXPECT_STR(w, "ok", "word");
	s = "1234567";
	EXPECT_INT(str_word(&s, w, sizeof(w)), 0, "word");
	EXPECT_STR(w, "1234567", "word");
	UNIT_PASS("word");
}

int main(void)
{
	unit_suite = "str";
	t_copy();
	t_numbers();
	t_word();
	return UNIT_DONE();
}
