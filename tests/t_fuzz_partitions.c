/* Fuzz target over every partition parser; the input is a whole disk
 * image.  Built two ways:
 *   - `make fuzz`: clang -fsanitize=fuzzer,address,undefined with
 *     -DMPBOOT_LIBFUZZER, run for FUZZ_TIME seconds from the seeds;
 *   - `make unit`: gcc + ASan/UBSan with the main() below, which replays
 *     the saved corpus tests/fuzz/partitions/ (and $MPBOOT_FUZZ_DIR) so a
 *     crash once found stays fixed.
 * Invariants checked on every input (abort on violation): slices come in
 * ascending, unique numbers 1..PT_MAX_NUM, are non-empty and lie inside
 * the device; the reader is never asked for bytes past the end; warnings
 * are bounded. */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "partitions/partitions.h"

struct mem {
	const uint8_t *p;
	size_t n;
};

static int mem_read(void *ctx, uint64_t off, size_t len, void *buf)
{
	const struct mem *m = ctx;

	if (off > m->n || len > m->n - off)
		abort(); /* pt_read must have refused this */
	memcpy(buf, m->p + off, len);
	return 0;
}

static void check(const struct pt_dev *dev, const struct pt_result *res)
{
	unsigned int i;

	if (res->n > PT_MAX_NUM || res->nwarn > PT_MAX_WARN)
		abort();
	for (i = 0; i < res->n; i++) {
		const struct pt_slice *s = &res->slice[i];

		if (!s->size || s->num < 1 || s->num > PT_MAX_NUM)
			abort();
		if (i && s->num <= res->slice[i - 1].num)
			abort();
		if (s->start > dev->size / 512 ||
		    s->size > dev->size / 512 - s->start)
			abort();
	}
	for (i = 0; i < res->nwarn; i++)
		if (!pt_warn_text(res->warn[i].code))
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pt_result res;
	struct mem m = { data, size };
	struct pt_dev dev = { mem_read, &m, size, 512, 0 };
	unsigned int i;

	if (pt_probe(&dev, &res))
		abort(); /* the memory reader never fails */
	check(&dev, &res);
	dev.ssz = 4096;
	dev.flags = PT_FORCE_GPT;
	if (pt_probe(&dev, &res))
		abort();
	check(&dev, &res);
	/* Each label alone, so later labels see inputs earlier ones took. */
	dev.ssz = 512;
	for (i = 0; pt_label_names[i]; i++) {
		if (pt_probe_one(&dev, pt_label_names[i], &res))
			abort();
		check(&dev, &res);
	}
	return 0;
}

#ifndef MPBOOT_LIBFUZZER
#include "unit.h"

static int replay_file(const char *path)
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
	/* an exact-size heap copy: ASan sees any read past the image */
	LLVMFuzzerTestOneInput(buf, (size_t)n);
	free(buf);
	return 0;
}

static unsigned int replay_dir(const char *dir)
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
		unit_report(!replay_file(path), name, "cannot read %s", path);
		n++;
	}
	closedir(dp);
	return n;
}

int main(int argc, char **argv)
{
	const char *extra = getenv("MPBOOT_FUZZ_DIR");
	unsigned int n;
	int i;

	unit_suite = "fuzz_partitions";
	n = replay_dir("tests/fuzz/partitions");
	unit_report(n >= 8, "replay/seeds", "only %u seeds", n);
	if (extra)
		replay_dir(extra);
	for (i = 1; i < argc; i++)
		unit_report(!replay_file(argv[i]), argv[i], "cannot read");
	return UNIT_DONE();
}
#endif
