/* mpboot: the early-boot tools as one static ELF (busybox style), so
 * that all of them, daemon included, fit the 128 KiB budget: klibc's
 * startup, the DM layer, the SCSI and partition code are linked once.
 * The tool is chosen by the basename of argv[0] (build/bin/<tool> and
 * /sbin/<tool> are symlinks to mpboot), or by argv[1] when called as
 * "mpboot <tool> ...".  An "mpboot-" prefix is dropped: installed on a
 * booted system the tools are on the PATH as mpboot-multipath etc., so
 * that multipath-tools' own commands keep their names.  Each tool keeps
 * its own thin main, compiled as mpboot_<tool>_main (see the Makefile).
 *
 * Exit: the tool's, or 2 for an unknown tool or any option. */
#include <stdio.h>
#include <string.h>

#include "opt.h"

#define TOOL(t) int mpboot_##t##_main(int argc, char **argv);
#include "multi-tools.h"
#undef TOOL

static const struct {
	const char *name;
	int (*main)(int argc, char **argv);
} tools[] = {
#define TOOL(t) { #t, mpboot_##t##_main },
#include "multi-tools.h"
#undef TOOL
};

static const char *base(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? s + 1 : p;
}

int main(int argc, char **argv)
{
	const char *name = argc > 0 ? base(argv[0]) : "mpboot";
	struct opt o = OPT_INIT;
	unsigned int i;

	if (!strncmp(name, "mpboot-", 7))
		name += 7;
	if (!strcmp(name, "mpboot")) {
		/* "mpboot [--] TOOL ARGS...": no option of its own (-h too is
		 * the usage line); the tool gets its argv from TOOL on */
		if (opt_next(&o, argc, argv, "") != -1 || o.ind >= argc)
			goto usage;
		argv += o.ind;
		argc -= o.ind;
		name = base(argv[0]);
	}
	for (i = 0; i < sizeof(tools) / sizeof(tools[0]); i++)
		if (!strcmp(name, tools[i].name))
			return tools[i].main(argc, argv);
usage:
	fputs("usage: mpboot [--] TOOL [ARGS...], or call it as TOOL; tools:", stderr);
	for (i = 0; i < sizeof(tools) / sizeof(tools[0]); i++)
		fprintf(stderr, " %s", tools[i].name);
	fputc('\n', stderr);
	return 2;
}
