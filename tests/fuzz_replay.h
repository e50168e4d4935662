/* The replay half of every fuzz target (tests/t_fuzz_*.c), after
 * libblkid's fuzz.c: the same LLVMFuzzerTestOneInput is
 *   - built by `make fuzz` with clang -fsanitize=fuzzer,address,undefined
 *     and -DMPBOOT_LIBFUZZER (libFuzzer supplies main), and
 *   - built by `make unit` with gcc + ASan/UBSan and the main() below,
 *     which replays the committed seeds tests/fuzz/<name>/ (plus
 *     $MPBOOT_FUZZ_DIR and any files named on the command line), so a
 *     crash once found stays fixed.
 * Each input is handed over as an exact-size heap copy: ASan sees any
 * read past its end.  A target checks its invariants with abort(). */
#ifndef MPBOOT_FUZZ_REPLAY_H
#define MPBOOT_FUZZ_REPLAY_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#ifndef MPBOOT_LIBFUZZER
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "unit.h"

static int fuzz_replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long n;

	if (!f)
		return -errno;
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
		fclose(f);
		return -EIO;
	}
	buf = malloc(n ? (size_t)n : 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		fclose(f);
		return -EIO;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, (size_t)n);
	free(buf);
	return 0;
}

static unsigned int fuzz_replay_dir(const char *dir)
{
	char path[1024], name[300];
	struct dirent *d;
	unsigned int n = 0;
	DIR *dp = opendir(dir);

	if (!dp)
		return 0;
	while ((d = readdir(dp))) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, d->d_name);
		snprintf(name, sizeof(name), "replay/%.280s", d->d_name);
		unit_report(!fuzz_replay_file(path), name, "cannot read %s", path);
		n++;
	}
	closedir(dp);
	return n;
}

/* suite: the unit suite name; dir: the committed seeds, of which there
 * must be at least min_seeds (a lost corpus is a failure, not a pass). */
static int fuzz_replay_main(const char *suite, const char *dir,
			    unsigned int min_seeds, int argc, char **argv)
{
	const char *extra = getenv("MPBOOT_FUZZ_DIR");
	unsigned int n;
	int i;

	unit_suite = suite;
	n = fuzz_replay_dir(dir);
	unit_report(n >= min_seeds, "replay/seeds", "only %u seeds in %s", n, dir);
	if (extra)
		fuzz_replay_dir(extra);
	for (i = 1; i < argc; i++)
		unit_report(!fuzz_replay_file(argv[i]), argv[i], "cannot read");
	return UNIT_DONE();
}

#define FUZZ_REPLAY_MAIN(suite, dir, min_seeds)                            \
	int main(int argc, char **argv)                                      \
	{                                                                    \
		return fuzz_replay_main(suite, dir, min_seeds, argc, argv);  \
	}
#else
#define FUZZ_REPLAY_MAIN(suite, dir, min_seeds)
#endif

#endif
