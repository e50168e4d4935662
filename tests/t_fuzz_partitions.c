/* Fuzz target over every partition parser; the input is a whole disk
 * image.  Built as a libFuzzer target and as a corpus replay (see
 * fuzz_replay.h).
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
#include "fuzz_replay.h"

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

FUZZ_REPLAY_MAIN("fuzz_partitions", "tests/fuzz/partitions", 8)
