/* Host tests of the kernel command-line splitter (src/lib/parse/cmdline.c).
 * Invariant: parameters come out as kernel/params.c next_arg() hands
 * them to the kernel (quotes group blanks and are removed around the
 * value or the whole parameter; "--" ends the kernel's part). */
#include <errno.h>
#include <string.h>

#include "cmdline.h"
#include "unit.h"

/* Split s and join the parameters as "k=v|k|..." for comparison. */
static int split(const char *s, char *out, size_t size)
{
	char key[64], val[64];
	size_t pos = 0, o = 0;
	int r, hv;

	out[0] = '\0';
	while ((r = cmdline_next(s, strlen(s), &pos, key, sizeof(key), val,
				 sizeof(val), &hv))) {
		if (r < 0) {
			o += (size_t)snprintf(out + o, size - o, "%s!", o ? "|" : "");
			continue;
		}
		o += (size_t)snprintf(out + o, size - o, hv ? "%s%s=%s" : "%s%s%s",
				      o ? "|" : "", key, hv ? val : "");
	}
	return 0;
}

static void one(const char *name, const char *in, const char *want)
{
	char got[512];

	split(in, got, sizeof(got));
	EXPECT_STR(got, want, name);
	UNIT_PASS(name);
}

int main(void)
{
	unit_suite = "cmdline";
	one("plain", "root=/dev/sda1 ro quiet", "root=/dev/sda1|ro|quiet");
	one("blanks", "  \t a=1 \n\n b ", "a=1|b");
	one("quoted-value", "root=\"LABEL=my root\" ro", "root=LABEL=my root|ro");
	one("quoted-param", "\"mpath.policy=x y\" z", "mpath.policy=x y|z");
	one("quoted-word", "\"a b\" c", "a b|c");
	one("empty-value", "init= x=\"\"", "init=|x=");
	one("lone-quote", "x=\"", "x=");
	one("unterminated", "root=\"a b c", "root=a b c");
	one("equals-in-value", "a=b=c", "a=b=c");
	one("metachar", "p=$(reboot);`id`|*", "p=$(reboot);`id`|*");
	one("dashdash", "ro -- single x=1", "ro");
	one("quoted-dashdash", "\"--\" ro", "--|ro");
	one("nul-ends", "a=1\0b=2", "a=1");
	one("too-long", "k=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx ro",
	    "!|ro");
	one("leading-equals", "=x root==y", "=x|root==y");
	one("empty", "", "");
	return UNIT_DONE();
}
