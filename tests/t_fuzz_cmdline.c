/* Fuzz target over the kernel command-line splitter (src/lib/parse/cmdline.c):
 * the input is a command line as a boot loader passes it.  See
 * fuzz_replay.h.
 * Invariants (abort on violation): every call returns 1, 0 or
 * -ENAMETOOLONG and moves the position forward (so the loop ends within
 * len + 1 calls) without passing len; key and value are NUL-terminated
 * inside their buffers; a name holds '=' only as its first character
 * (the kernel's rule: that one is no separator); 0 is returned only at the end of the input, at a NUL or
 * at a bare "--". */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "fuzz_replay.h"

static void run(const char *s, size_t len, size_t ksize, size_t vsize)
{
	char key[64], val[64];
	size_t pos = 0, calls = 0, before;
	int r, hv;

	for (;;) {
		before = pos;
		r = cmdline_next(s, len, &pos, key, ksize, val, vsize, &hv);
		if (pos > len || ++calls > len + 2)
			abort();
		if (r == 0)
			break;
		if (pos <= before || (r != 1 && r != -ENAMETOOLONG))
			abort();
		if (strnlen(key, ksize) == ksize || strnlen(val, vsize) == vsize)
			abort();
		if (r == 1 && key[0] && strchr(key + 1, '='))
			abort();
		if (r == 1 && !hv && val[0])
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size ? size : 1);

	if (!s)
		return 0;
	memcpy(s, data, size);
	run(s, size, 64, 64);
	run(s, size, 4, 8); /* most parameters do not fit: skipped, not cut */
	free(s);
	return 0;
}

FUZZ_REPLAY_MAIN("fuzz_cmdline", "tests/fuzz/cmdline", 6)
