/* The value words of multipath.conf and the tools' options, see
 * conf_values.h. */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "conf.h"
#include "conf_values.h"
#include "mpath.h"
#include "str.h"

/* Every kind's words, in enum mp_vk order, each kind's list ended by an
 * empty word.  A word after "=" is another spelling of the one before it,
 * which is its name.  Packed: a pointer a word cost 8 bytes, and this is
 * in the 128 KiB budget.  The prio and checker lists are multipath-tools
 * 0.9.4's names (and rbd, a checker it had before); their order gives
 * MP_PRIO_* and MP_CHK_*. */
static const char words[] =
	/* MP_V_BOOL */ "no\0" "=0\0" "yes\0" "=1\0" "\0"
	/* MP_V_FLUSH */ "no\0" "=0\0" "=never\0" "=unused\0" "yes\0" "=1\0"
	"=always\0" "\0"
	/* MP_V_FM */ "off\0" "=no\0" "=0\0" "on\0" "=yes\0" "=1\0" "strict\0"
	"greedy\0" "smart\0" "\0"
	/* MP_V_RRW */ "uniform\0" "priorities\0" "\0"
	/* MP_V_PGP */ "failover\0" "multibus\0" "group_by_serial\0"
	"group_by_prio\0" "group_by_node_name\0" "\0"
	/* MP_V_FB */ "manual\0" "immediate\0" "followover\0" "\0"
	/* MP_V_NPR */ "fail\0" "=0\0" "queue\0" "\0"
	/* MP_V_UINT */ "\0"
	/* MP_V_DEVLOSS */ "infinity\0" "\0"
	/* MP_V_FIO */ "off\0" "\0"
	/* MP_V_SEL */ "service-time\0" "round-robin\0" "queue-length\0"
	"historical-service-time\0" "\0"
	/* MP_V_PRIO */ "const\0" "sysfs\0" "alua\0" "rdac\0" "emc\0" "hp_sw\0"
	"ontap\0" "hds\0" "weightedpath\0" "random\0" "datacore\0" "iet\0"
	"path_latency\0" "ana\0" "\0"
	/* MP_V_CHK */ "tur\0" "directio\0" "readsector0\0" "rdac\0"
	"emc_clariion\0" "hp_sw\0" "none\0" "cciss_tur\0" "rbd\0";

/* Numbers a kind takes besides its words. */
enum { N_NONE, N_POS /* 1.. */, N_ZERO /* 0.. */, N_ZERO_CODE /* 0 is MP_NUM_ZERO */ };
#define NUM_MAX 1000000000u

/* The code of a kind's first word; the next ones count on from it, away
 * from 0 (-1, -2, ... or 1, 2, ...), so that they are the MP_* codes. */
static const struct { int8_t first; uint8_t num; } kinds[MP_V_N] = {
	[MP_V_BOOL] = { MP_NO, N_NONE },
	[MP_V_FLUSH] = { MP_NO, N_NONE },
	[MP_V_FM] = { MP_FM_OFF, N_NONE },
	[MP_V_RRW] = { MP_RRW_UNIFORM, N_NONE },
	[MP_V_PGP] = { MP_FAILOVER + 1, N_NONE },
	[MP_V_FB] = { MP_FB_MANUAL, N_POS },
	[MP_V_NPR] = { MP_NPR_FAIL, N_POS },
	[MP_V_UINT] = { 1, N_POS },
	[MP_V_DEVLOSS] = { MP_NUM_INFINITY, N_ZERO },
	[MP_V_FIO] = { MP_NUM_OFF, N_ZERO_CODE },
	[MP_V_SEL] = { 1, N_NONE },
	[MP_V_PRIO] = { MP_PRIO_CONST, N_NONE },
	[MP_V_CHK] = { MP_CHK_TUR, N_NONE },
};

/* The next word of a kind's list after w (NULL: the first) and its code
 * in *code (start it at 0); NULL at the end of the list. */
static const char *next(enum mp_vk k, const char *w, int *code)
{
	unsigned int n = (unsigned int)k;

	if (!w)
		for (w = words; n; w++, n--) /* skip n lists, each ending in "" */
			while (*w)
				w += strlen(w) + 1;
	else
		w += strlen(w) + 1;
	if (!*w)
		return NULL;
	if (*w != '=') /* a new word: the codes count on from the first */
		*code = !*code ? kinds[k].first : *code + (kinds[k].first < 0 ? -1 : 1);
	return w;
}

int mp_value_parse(enum mp_vk k, const char *v, int *code)
{
	size_t len = k == MP_V_SEL ? strcspn(v, " \t") : strlen(v);
	const char *w = NULL;
	unsigned int n;
	int c = 0;

	while ((w = next(k, w, &c))) {
		const char *s = w + (*w == '=');

		if (strlen(s) == len && !memcmp(s, v, len)) {
			*code = c;
			return 0;
		}
	}
	if (kinds[k].num == N_NONE || str_to_uint(v, NUM_MAX, &n) ||
	    (!n && kinds[k].num == N_POS))
		return -EINVAL;
	*code = !n && kinds[k].num == N_ZERO_CODE ? MP_NUM_ZERO : (int)n;
	return 0;
}

const char *mp_value_word(enum mp_vk k, int code)
{
	const char *w = NULL;
	int c = 0;

	while ((w = next(k, w, &c)))
		if (c == code && *w != '=')
			return w;
	return NULL;
}

/* mpath.h's names of the policies and selectors, from the same words. */
const char *mp_policy_name(enum mp_policy p)
{
	const char *w = mp_value_word(MP_V_PGP, (int)p + 1);

	return w ? w : "?";
}

int mp_policy_parse(const char *s, enum mp_policy *p)
{
	int c;

	if (mp_value_parse(MP_V_PGP, s, &c))
		return -EINVAL;
	*p = (enum mp_policy)(c - 1);
	return 0;
}

/* The option takes the selector's name alone, as a table is made from
 * it with its own arguments. */
int mp_selector_ok(const char *s)
{
	int c;

	return !s[strcspn(s, " \t")] && !mp_value_parse(MP_V_SEL, s, &c);
}
