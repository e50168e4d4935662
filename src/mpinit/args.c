/* The init's parameter list: one "key=value" or "key" a line, as
 * `mpinit cmdline` prints the kernel command line (and the image's
 * defaults before it).  Read here for the net and iscsi phases, so
 * they see exactly what the init's shell saw. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "log.h"
#include "mpinit.h"

int args_read(const char *file, int (*fn)(void *ctx, const char *key, const char *val,
					  int has_val), void *ctx)
{
	static char line[8200];
	FILE *f = fopen(file, "re");
	char *eq;
	size_t n;
	int r = 0;

	if (!f) {
		r = -errno;
		log_err(r, "%s:", file);
		return r;
	}
	while (!r && fgets(line, sizeof(line), f)) {
		n = strlen(line);
		if (n && line[n - 1] == '\n')
			line[--n] = '\0';
		else if (!feof(f)) { /* longer than any command line: not ours */
			r = -E2BIG;
			log_msg("%s: a line longer than %zu bytes", file, sizeof(line) - 2);
			break;
		}
		eq = strchr(line, '=');
		if (eq)
			*eq = '\0';
		r = fn(ctx, line, eq ? eq + 1 : "", eq != NULL);
	}
	fclose(f);
	return r;
}
