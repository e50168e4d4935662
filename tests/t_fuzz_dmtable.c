/* Fuzz target over the device-mapper multipath table and status parsers
 * (src/lib/parse/mpath.c mp_table_parse, mp_status_parse): the input is the
 * target parameters as the kernel prints them.  The kernel is trusted,
 * but the table it prints was loaded by someone else (another tool, an
 * administrator's dmsetup, a map with a handler we do not know), so the
 * text is arbitrary.  See fuzz_replay.h.
 * Invariants (abort on violation): 0 or -EINVAL; counts within
 * MP_MAX_MAP_PATHS, every group's paths inside the device list, strings
 * NUL-terminated in their arrays; a parsed table formats (mp_table_format)
 * to a text that parses back to an equal table, and formatting that again
 * gives the same text (what a reload decision relies on); queueing can be
 * switched off and on again without losing the other features. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_replay.h"
#include "mpath.h"

static char text1[1 << 16], text2[1 << 16];

static void check_table(const struct mp_table *t)
{
	unsigned int g, n = 0;

	if (t->npg > MP_MAX_MAP_PATHS || t->ndev > MP_MAX_MAP_PATHS)
		abort();
	if (strnlen(t->features, sizeof(t->features)) == sizeof(t->features) ||
	    strnlen(t->hwh, sizeof(t->hwh)) == sizeof(t->hwh) ||
	    strnlen(t->hwh_args, sizeof(t->hwh_args)) == sizeof(t->hwh_args))
		abort();
	for (g = 0; g < t->npg; g++) {
		const struct mp_pg *p = &t->pg[g];

		if (strnlen(p->selector, sizeof(p->selector)) == sizeof(p->selector) ||
		    !p->selector[0] || p->first != n || p->n > t->ndev - n)
			abort();
		n += p->n;
	}
	if (n != t->ndev)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct mp_table t, t2;
	static struct mp_status st;
	char *s;
	int r;

	s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';

	r = mp_table_parse(s, &t);
	if (r != 0 && r != -EINVAL)
		abort();
	if (!r) {
		check_table(&t);
		if (mp_table_format(&t, text1, sizeof(text1)))
			abort(); /* 64 KiB holds any table the parser accepts */
		if (mp_table_parse(text1, &t2) || !mp_table_equal(&t, &t2))
			abort();
		check_table(&t2);
		if (mp_table_format(&t2, text2, sizeof(text2)) || strcmp(text1, text2))
			abort();
		if (mp_table_set_queueing(&t2, 0) || t2.queue_if_no_path)
			abort();
		r = mp_table_set_queueing(&t2, 1);
		if ((r && r != -ENOSPC) || (!r && !t2.queue_if_no_path))
			abort();
	}

	r = mp_status_parse(s, &st);
	if (r != 0 && r != -EINVAL)
		abort();
	if (!r) {
		unsigned int i;

		if (st.npg > MP_MAX_MAP_PATHS || st.ndev > MP_MAX_MAP_PATHS)
			abort();
		for (i = 0; i < st.npg; i++)
			if (!strchr("AED", st.pg_state[i]) || !st.pg_state[i])
				abort();
		for (i = 0; i < st.ndev; i++)
			if (!strchr("AF", st.path_state[i]) || !st.path_state[i])
				abort();
	}
	free(s);
	return 0;
}

FUZZ_REPLAY_MAIN("fuzz_dmtable", "tests/fuzz/dmtable", 6)
