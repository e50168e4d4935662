/* Fuzz target over the bindings file parser and the alias allocation
 * (src/lib/parse/names.c): the input is an /etc/multipath/bindings as a user,
 * an old multipath-tools or a damaged disk left it.  See fuzz_replay.h.
 * Invariants (abort on violation): parsing fails only with -ENOMEM;
 * every entry kept has a non-empty alias and WWID free of blanks, '#',
 * CR, LF and NUL; malformed lines counted are at most the lines there
 * are; each entry is found again by its alias and by its WWID; the list
 * written back as "alias wwid" lines parses to the same list; a new
 * alias (with and without names taken by other maps) has the prefix,
 * reads back to its id, formats back to itself, and is neither bound
 * in the file nor one the taken() callback refused. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"
#include "fuzz_replay.h"

static int clean(const char *s)
{
	return s && s[0] && !s[strcspn(s, " \t#\r\n")];
}

/* every third id taken by "another map" */
static int taken(const char *alias, void *arg)
{
	int id = mp_alias_id(alias, "mpath");

	(void)arg;
	return id > 0 && id % 3 == 0;
}

static void new_alias(const struct mp_names *l, int use_taken)
{
	char buf[64], back[64];
	int id, r;

	r = mp_bindings_new_alias(l, "mpath", use_taken ? taken : NULL, NULL, buf, sizeof(buf));
	if (r == -ENOSPC)
		return;
	if (r)
		abort();
	id = mp_alias_id(buf, "mpath");
	if (id < 1 || strncmp(buf, "mpath", 5))
		abort();
	if (mp_alias_format("mpath", id, back, sizeof(back)) || strcmp(back, buf))
		abort();
	if (mp_bindings_wwid(l, buf) || (use_taken && taken(buf, NULL)))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mp_names l = { 0 }, again = { 0 };
	unsigned int bad = 0, lines = 1;
	size_t i, n = 0;
	char *out, *p;
	int r;

	r = mp_bindings_parse(&l, (const char *)data, size, &bad);
	if (r == -ENOMEM)
		goto out;
	if (r)
		abort();
	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	if (bad > lines || l.n > lines)
		abort();
	for (i = 0; i < l.n; i++) {
		if (!clean(l.e[i].a) || !clean(l.e[i].w))
			abort();
		/* lookups are linear: checking every entry would make a long
		 * input quadratic and the campaign crawl; the first 64 do */
		if (i < 64 && (!mp_bindings_alias(&l, l.e[i].w) ||
			       !mp_bindings_wwid(&l, l.e[i].a)))
			abort();
		n += strlen(l.e[i].a) + strlen(l.e[i].w) + 2;
	}
	out = p = malloc(n + 1);
	if (!out)
		goto out;
	for (i = 0; i < l.n; i++)
		p += sprintf(p, "%s %s\n", l.e[i].a, l.e[i].w);
	if (mp_bindings_parse(&again, out, n, &bad) == 0) {
		if (bad || again.n != l.n)
			abort();
		for (i = 0; i < l.n; i++)
			if (strcmp(again.e[i].a, l.e[i].a) || strcmp(again.e[i].w, l.e[i].w))
				abort();
	}
	free(out);
	new_alias(&l, 0);
	new_alias(&l, 1);
out:
	mp_names_free(&again);
	mp_names_free(&l);
	return 0;
}

FUZZ_REPLAY_MAIN("fuzz_bindings", "tests/fuzz/bindings", 8)
