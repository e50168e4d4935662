/* Host tests of the tools' option parser (src/lib/opt.c).
 * Invariants: what POSIX getopt accepts is accepted the same way
 * (clusters, attached or detached arguments, an argument that starts with
 * '-', "--", a lone "-" and the first operand end the options); an unknown
 * letter or a missing argument is '?' with the letter in bad; "x::" takes
 * only an attached argument; the parser never reads past argv[argc]. */
#include <stdio.h>
#include <string.h>

#include "opt.h"
#include "unit.h"

/* Parse the '|'-separated words of line with spec and describe it:
 * "d v=3 ?x #2" -- each option (=argument), '?' with the bad letter, and
 * after "#" the index of the first operand. */
static void trace(const char *spec, const char *line, char *out, size_t size)
{
	char buf[256], *argv[16], *p;
	struct opt o = OPT_INIT;
	int argc = 0, c;
	size_t n = 0;

	snprintf(buf, sizeof(buf), "%s", line);
	argv[argc++] = "tool";
	for (p = strtok(buf, "|"); p && argc < 15; p = strtok(NULL, "|"))
		argv[argc++] = p;
	argv[argc] = NULL;
	out[0] = '\0';
	while ((c = opt_next(&o, argc, argv, spec)) != -1 && n < size - 32) {
		if (c == '?')
			n += (size_t)snprintf(out + n, size - n, "?%c ", o.bad);
		else if (o.arg)
			n += (size_t)snprintf(out + n, size - n, "%c=%s ", c, o.arg);
		else
			n += (size_t)snprintf(out + n, size - n, "%c ", c);
	}
	snprintf(out + n, size - n, "#%d", o.ind);
}

static void one(const char *name, const char *spec, const char *line,
		const char *want)
{
	char got[256];

	trace(spec, line, got, sizeof(got));
	EXPECT_STR(got, want, name);
	UNIT_PASS(name);
}

int main(void)
{
	static const char mp[] = "hv:C:b:Bdlp:";

	unit_suite = "opt";
	one("none", mp, "", "#1");
	one("flag", mp, "-d", "d #2");
	one("attached", mp, "-v3", "v=3 #2");
	one("detached", mp, "-v|3", "v=3 #3");
	one("cluster", mp, "-dv3", "d v=3 #2");
	one("cluster-detached", mp, "-Bdv|3|sda", "B d v=3 #3");
	one("ll", mp, "-ll", "l l #2");
	one("dash-arg-attached", mp, "-p-part", "p=-part #2");
	one("dash-arg-detached", mp, "-p|-part", "p=-part #3");
	one("dashdash-arg", mp, "-p|--", "p=-- #3");
	one("dashdash-ends", mp, "-d|--|-v3", "d #3");
	one("dashdash-only", mp, "--", "#2");
	one("lone-dash", mp, "-|-d", "#1");
	one("operand-ends", mp, "-d|sda|-v3", "d #2");
	one("missing-arg", mp, "-v", "?v #2");
	one("missing-arg-cluster", mp, "-dv", "d ?v #2");
	one("unknown", mp, "-x|sda", "?x #2");
	one("unknown-in-cluster", mp, "-dxl", "d ?x l #2");
	one("colon-not-a-letter", mp, "-:", "?: #2");
	one("dashdash-long", mp, "--help", "?- h ?e l ?p #2");
	one("k-attached", "dk::v:", "-kshow maps", "k=show maps #2");
	one("k-alone", "dk::v:", "-k|show|maps", "k #2");
	one("k-cluster", "dk::v:", "-dkshow", "d k=show #2");
	one("k-after-arg", "dk::v:", "-v3|-k", "v=3 k #3");
	return UNIT_DONE();
}
