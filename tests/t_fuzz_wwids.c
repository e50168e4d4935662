/* Fuzz target over the wwids file parser (src/lib/parse/names.c): the input is
 * an /etc/multipath/wwids as any writer or a damaged disk left it.  See
 * fuzz_replay.h.
 * Invariants (abort on violation): parsing fails only with -ENOMEM;
 * every WWID kept is non-empty and free of '/', '#', CR, LF and NUL;
 * malformed lines counted are at most the lines there are; each WWID is
 * found again at or before its own index; the list written back as
 * "/wwid/" lines (the format mp_wwids_write uses) parses to the same
 * list with nothing malformed. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"
#include "fuzz_replay.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mp_names l = { 0 }, again = { 0 };
	unsigned int bad = 0, lines = 1;
	size_t i, n = 0;
	char *out, *p;
	int r, k;

	r = mp_wwids_parse(&l, (const char *)data, size, &bad);
	if (r == -ENOMEM)
		goto out;
	if (r)
		abort();
	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	if (bad > lines || l.n > lines)
		abort();
	for (i = 0; i < l.n; i++) {
		const char *w = l.e[i].a;

		if (!w[0] || w[strcspn(w, "/#\r\n")] || l.e[i].w)
			abort();
		k = mp_wwids_find(&l, w);
		if (k < 0 || (size_t)k > i)
			abort();
		n += strlen(w) + 3;
	}
	out = p = malloc(n + 1);
	if (!out)
		goto out;
	for (i = 0; i < l.n; i++)
		p += sprintf(p, "/%s/\n", l.e[i].a);
	if (mp_wwids_parse(&again, out, n, &bad) == 0) {
		if (bad || again.n != l.n)
			abort();
		for (i = 0; i < l.n; i++)
			if (strcmp(again.e[i].a, l.e[i].a))
				abort();
	}
	free(out);
out:
	mp_names_free(&again);
	mp_names_free(&l);
	return 0;
}

FUZZ_REPLAY_MAIN("fuzz_wwids", "tests/fuzz/wwids", 8)
