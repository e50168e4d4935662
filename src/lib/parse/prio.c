/* Prioritisers: the pure rules (no I/O), see prio.h; the device reads
 * are dev/prio_io.c. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ere.h"
#include "prio.h"
#include "str.h"

int vpd_pg83_tpg(const uint8_t *buf, size_t len)
{
	size_t off = 4, end;

	if (len < 4 || buf[1] != 0x83)
		return -1;
	end = 4 + ((size_t)buf[2] << 8 | buf[3]);
	if (end > len)
		end = len;
	while (off + 4 <= end) {
		unsigned int type = buf[off + 1] & 0x0f, assoc = (buf[off + 1] >> 4) & 3;
		size_t dl = buf[off + 3];

		if (off + 4 + dl > end)
			break;
		/* target port group: association 01b, 4 bytes, id in 2-3 */
		if (type == 5 && assoc == 1 && dl >= 4)
			return buf[off + 6] << 8 | buf[off + 7];
		off += 4 + dl;
	}
	return -1;
}

int mp_rtpg_state(const uint8_t *buf, size_t len, unsigned int tpg)
{
	size_t off = 4, end;

	if (len < 4)
		return -EINVAL;
	end = 4 + ((size_t)buf[0] << 24 | (size_t)buf[1] << 16 |
		   (size_t)buf[2] << 8 | buf[3]);
	if (end > len)
		end = len;
	/* descriptor: 8 bytes, then 4 per target port (byte 7: count) */
	while (off + 8 <= end) {
		unsigned int id = (unsigned int)buf[off + 2] << 8 | buf[off + 3];

		if (id == tpg)
			return buf[off] & 0x8f;
		off += 8 + 4 * (size_t)buf[off + 7];
	}
	return -ENOENT;
}

int mp_prio_aas(unsigned int aas, int pref, int exclusive_pref)
{
	static const signed char val[16] = {
		[0x0] = 50, [0x1] = 10, [0x2] = 1, [0x4] = 5,
	};
	int p = val[aas & 0x0f];

	if (pref && ((aas & 0x0f) != 0 || exclusive_pref))
		p += 80;
	return p;
}

int mp_prio_sysfs(const char *state, int pref, int exclusive_pref)
{
	static const struct { const char *s; unsigned char aas; } map[] = {
		{ "active/optimized", 0 }, { "active/non-optimized", 1 },
		{ "standby", 2 }, { "lba-dependent", 4 },
	};
	unsigned int i, aas = 3;

	if (!state[0])
		return MP_PRIO_UNDEF;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strncmp(state, map[i].s, strlen(map[i].s)))
			aas = map[i].aas;
	return mp_prio_aas(aas, pref > 0, exclusive_pref);
}

int mp_prio_args_has(const char *args, const char *w)
{
	size_t l = strlen(w);
	const char *p = args;

	while (args && (p = strstr(p, w))) {
		if ((p == args || p[-1] == ' ' || p[-1] == '\t') &&
		    (!p[l] || p[l] == ' ' || p[l] == '\t'))
			return 1;
		p += l;
	}
	return 0;
}

int mp_prio_weighted(const char *args, const struct mp_path *p)
{
	char kind[16], re[256], num[16], subj[64];
	const char *s = args, *what;

	if (!args || str_word(&s, kind, sizeof(kind)))
		return 0;
	if (!strcmp(kind, "hbtl")) {
		snprintf(subj, sizeof(subj), "%u:%u:%u:%llu", p->host, p->channel,
			 p->target, (unsigned long long)p->lun);
		what = subj;
	} else if (!strcmp(kind, "devname")) {
		what = p->dev;
	} else if (!strcmp(kind, "wwn")) {
		what = p->node;
	} else if (!strcmp(kind, "serial")) {
		what = p->serial;
	} else {
		return 0;
	}
	for (;;) {
		unsigned int v;
		int r = str_word(&s, re, sizeof(re)), rn = str_word(&s, num, sizeof(num));

		if (r == -ENOENT || rn == -ENOENT)
			break;
		/* a pair with a word too long for us never matches */
		if (!r && !rn && ere_match(re, what) == 1 && !str_to_uint(num, 1000000, &v))
			return (int)v;
	}
	return 0;
}

int mp_prio_sysfs_doubt(const char *state, int pref)
{
	return pref <= 0 && !strcmp(state, "active/optimized");
}

const char *mp_prio_select(const struct mp_eff *e, const struct mp_path *p)
{
	/* detect_prio: an ALUA LU gets an ALUA prioritiser */
	if (e->s.detect_prio == MP_YES && p->tpgs > 0)
		return p->access_state[0] ? "sysfs" : "alua";
	return e->s.prio;
}

int mp_prio_alua_moved(const struct mp_path *p, int st)
{
	return st >= 0 && mp_prio_aas((unsigned int)st & 0x0f, st & 0x80, 0) != p->prio &&
	       mp_prio_aas((unsigned int)st & 0x0f, st & 0x80, 1) != p->prio;
}
