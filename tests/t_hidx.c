/* Host tests of the shared index (src/lib/base/hidx.c) and the lookups
 * built on it (issue 23).
 *
 * Invariants:
 * - every key added is found at its position, a key never added is not
 *   (-1), and an index without a table finds nothing;
 * - the work is linear: 16 384 keys added then each looked up (and as
 *   many misses) cost at most 4 key compares a lookup on average, with
 *   keys that share long prefixes (WWIDs, sdX names) and device numbers
 *   of consecutive minors -- a linear search would be 8 192;
 * - hidx_init(n) leaves room for n: n adds never re-allocate;
 * - a bindings list finds the FIRST line of an alias or a WWID, also
 *   past several table doublings, and after mp_wwids_del the positions
 *   that moved are found where they are now. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hidx.h"
#include "names.h"
#include "unit.h"

#define N 16384

static char keys[N][40];
static unsigned long compares;

static int eq_str(const void *arr, size_t i, const void *key)
{
	compares++;
	return !strcmp(((const char (*)[40])arr)[i], key);
}

static int eq_u32(const void *arr, size_t i, const void *key)
{
	compares++;
	return ((const uint32_t *)arr)[i] == *(const uint32_t *)key;
}

static void t_strings(void)
{
	struct hidx h = { 0 };
	char miss[40];
	size_t i;
	int ok = 1;

	EXPECT_INT(hidx_find(&h, 1, eq_str, keys, "x"), -1, "empty");
	for (i = 0; i < N; i++) {
		snprintf(keys[i], sizeof(keys[i]), "36001405aabbccdd%016zx", i * 7);
		ok &= !hidx_add(&h, hidx_str(keys[i]), i);
	}
	EXPECT(ok, "strings", "add");
	compares = 0;
	for (i = 0; i < N; i++) {
		snprintf(miss, sizeof(miss), "36001405aabbccdd%016zx", i * 7 + 1);
		ok &= hidx_find(&h, hidx_str(keys[i]), eq_str, keys, keys[i]) == (long)i;
		ok &= hidx_find(&h, hidx_str(miss), eq_str, keys, miss) == -1;
	}
	EXPECT(ok, "strings", "every key at its place, no miss found");
	EXPECT(compares <= 4ul * N, "strings-linear", "%lu compares for %d lookups",
	       compares, 2 * N);
	hidx_free(&h);
	UNIT_PASS("strings");
}

static void t_devt(void)
{
	static uint32_t dev[N];
	struct hidx h;
	struct hidx_slot *first;
	size_t i;
	int ok = 1;

	EXPECT(!hidx_init(&h, N), "devt", "init");
	first = h.slot;
	for (i = 0; i < N; i++) { /* sd minors: 16 a disk, majors 8, 65.. */
		dev[i] = (uint32_t)((8 + i / 256) << 20 | (i % 256) * 16);
		ok &= !hidx_add(&h, hidx_u32(dev[i]), i);
	}
	EXPECT(ok && h.slot == first, "devt", "room for n: no re-allocation");
	compares = 0;
	for (i = 0; i < N; i++) {
		uint32_t miss = dev[i] + 1;

		ok &= hidx_find(&h, hidx_u32(dev[i]), eq_u32, dev, &dev[i]) == (long)i;
		ok &= hidx_find(&h, hidx_u32(miss), eq_u32, dev, &miss) == -1;
	}
	EXPECT(ok, "devt", "found");
	EXPECT(compares <= 4ul * N, "devt-linear", "%lu compares", compares);
	hidx_free(&h);
	UNIT_PASS("devt");
}

static void t_names(void)
{
	struct mp_names l = { 0 };
	char a[32], w[32];
	int i, ok = 1;

	for (i = 0; i < 1000; i++) {
		snprintf(a, sizeof(a), "mpath%d", i);
		snprintf(w, sizeof(w), "3600%d", i);
		ok &= !mp_names_add(&l, a, w);
	}
	/* later lines of a known alias / WWID: the first one wins */
	ok &= !mp_names_add(&l, "mpath5", "3600other");
	ok &= !mp_names_add(&l, "mpathX", "36005");
	EXPECT(ok, "names", "add");
	EXPECT_STR(mp_bindings_wwid(&l, "mpath5"), "36005", "names-first-alias");
	EXPECT_STR(mp_bindings_alias(&l, "36005"), "mpath5", "names-first-wwid");
	EXPECT(mp_bindings_alias(&l, "3600other") && !strcmp(mp_bindings_alias(&l, "3600other"), "mpath5"),
	       "names", "a later line's own WWID");
	EXPECT(!mp_bindings_wwid(&l, "mpath1000"), "names", "miss");
	mp_names_free(&l);

	for (i = 0; i < 100; i++) {
		snprintf(w, sizeof(w), "W%d", i);
		ok &= !mp_names_add(&l, w, NULL);
	}
	EXPECT_INT(mp_wwids_del(&l, "W10"), 0, "wwids-del");
	EXPECT_INT(mp_wwids_find(&l, "W10"), -1, "wwids-del");
	EXPECT_INT(mp_wwids_find(&l, "W11"), 10, "wwids-del-moved");
	EXPECT_INT(mp_wwids_find(&l, "W99"), 98, "wwids-del-moved");
	EXPECT_INT(mp_wwids_find(&l, "W9"), 9, "wwids-del-kept");
	mp_names_free(&l);
	UNIT_PASS("names");
}

int main(void)
{
	unit_suite = "hidx";
	t_strings();
	t_devt();
	t_names();
	return UNIT_DONE();
}
