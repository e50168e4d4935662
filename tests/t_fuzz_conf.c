/* Fuzz target over the configuration parsers: the input is read as a
 * multipath.conf, as a bindings file, as a wwids file, and its first line
 * as an ERE matched against the rest.  Built as every fuzz target is
 * (`make fuzz FUZZ_TARGETS=conf`, or `make fuzz-conf`; `make unit` replays
 * tests/fuzz/conf/ with ASan/UBSan; see fuzz_replay.h).
 * Invariants (abort on violation): parsing never fails but for -ENOMEM;
 * every resolved setting is set; entries kept have vendor and product
 * (devices) or a wwid (multipaths); the ERE answers 0/1 or refuses with
 * -EINVAL/-E2BIG; an allocated alias reads back to an id. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "ere.h"
#include "names.h"
#include "fuzz_replay.h"

static void count(void *arg, const char *file, unsigned int line, const char *msg)
{
	(void)file;
	(void)line;
	if (!msg[0])
		abort();
	++*(unsigned int *)arg;
}

static void sink(void *arg, const char *text)
{
	*(size_t *)arg += strlen(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	struct mp_conf c;
	struct mp_names l = { 0 };
	struct mp_eff e;
	unsigned int nw = 0, bad;
	size_t i, out = 0;
	char pat[65], *subj, alias[64];
	const char *why;
	int r;

	mp_conf_init(&c, count, &nw);
	/* The first 24 built-in entries (every kind of field, a product
	 * blacklist, ALUA and handler entries) keep the table's merging and
	 * dumping in play; all 150 made the constant table most of each run
	 * (about 1 000 runs/s instead of 3 000+).  t_conf checks them all. */
	c.hw_omit = mp_hwtable_n > 24 ? mp_hwtable_n - 24 : 0;
	if (mp_conf_parse(&c, "fuzz", buf, size))
		abort();
	for (i = 0; i < c.ndev; i++)
		if (!c.dev[i].vendor || !c.dev[i].product)
			abort();
	for (i = 0; i < c.nmp; i++)
		if (!c.mp[i].wwid)
			abort();
	mp_conf_resolve(&c, "LIO-ORG", "disk", "4.0", c.nmp ? c.mp[0].wwid : "w", &e);
	if (!e.s.selector || !e.s.checker || !e.s.prio || !e.s.features ||
	    !e.s.hwhandler || !e.s.alias_prefix || !e.s.pgpolicy || !e.s.failback)
		abort();
	mp_conf_blacklisted(&c, "sdb", "DGC", "LUNZ", "3600", &why);
	mp_conf_dump(&c, sink, &out);
	mp_conf_free(&c);

	if (mp_bindings_parse(&l, buf, size, &bad))
		abort();
	if (!mp_bindings_new_alias(&l, "mpath", NULL, NULL, alias, sizeof(alias)) &&
	    mp_alias_id(alias, "mpath") < 1)
		abort();
	mp_names_free(&l);
	if (mp_wwids_parse(&l, buf, size, &bad))
		abort();
	mp_names_free(&l);

	for (i = 0; i < size && i < 64 && buf[i] != '\n' && buf[i]; i++)
		pat[i] = buf[i];
	pat[i] = '\0';
	subj = malloc(size - i + 1);
	if (!subj)
		return 0;
	memcpy(subj, buf + i, size - i);
	subj[size - i] = '\0';
	r = ere_match(pat, subj);
	if (r != 0 && r != 1 && r != -EINVAL && r != -E2BIG)
		abort();
	free(subj);
	return 0;
}

FUZZ_REPLAY_MAIN("fuzz_conf", "tests/fuzz/conf", 8)
