/* See opt.h: the two ways a tool's main() ends on its command line. */
#include <stdio.h>
#include <string.h>

#include "log.h"
#include "opt.h"

int usage_help(const char *text)
{
	fputs(text, stdout);
	return 0;
}

int usage_bad(const char *text, const struct opt *o, const char *unsup)
{
	if (o && o->bad && unsup && strchr(unsup, o->bad))
		log_msg("-%c: not supported", o->bad);
	else
		fwrite(text, 1, strcspn(text, "\n") + 1, stderr);
	return 2;
}
