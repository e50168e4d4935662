/* Fuzz target over the other text a target or a configuration hands us:
 * a SendTargets answer (src/lib/parse/iscsi/sendtargets.c), a portal address,
 * and a CHAP challenge answered and a mutual response verified
 * (chap.c, md5.c).  The first byte picks the parser and the size of the
 * output table.  See fuzz_replay.h.
 * Invariants (abort on violation): SendTargets returns 0, -EINVAL or
 * -E2BIG, never more entries than the table, each entry with a valid
 * iSCSI name, a NUL-terminated address free of ',' and a non-zero port;
 * the address parsers return 0 or -EINVAL (a literal: family IPv4 or
 * IPv6, and only from strings of address characters); CHAP answers are a
 * well-formed list and verification of fuzzed input returns 0 only for
 * the response we computed ourselves. */
#include <errno.h>
#include <sys/socket.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_replay.h"
#include "iscsi/chap.h"
#include "iscsi/inaddr.h"
#include "iscsi/sendtargets.h"
#include "iscsi/text.h"

#define MAXP 8

static void sendtargets(const char *b, size_t len, unsigned int max)
{
	static struct iscsi_portal p[MAXP + 1];
	unsigned int n = 12345, i;
	int r;

	memset(&p[max], 0x5a, sizeof(p[max])); /* a guard entry */
	r = iscsi_sendtargets_parse(b, len, p, max, &n);
	if (r != 0 && r != -EINVAL && r != -E2BIG)
		abort();
	if (((const unsigned char *)&p[max])[0] != 0x5a)
		abort();
	if (r)
		return;
	if (n > max)
		abort();
	for (i = 0; i < n; i++)
		if (!iscsi_name_ok(p[i].name) || strnlen(p[i].addr, ISCSI_ADDR_MAX) == ISCSI_ADDR_MAX ||
		    strchr(p[i].addr, ',') || !p[i].port || p[i].tpgt > 65535)
			abort();
}

static void chap(const char *b, size_t len)
{
	static const struct chap_secret me = { "u", "secret-one", 10 }, peer = { "t", "secret-two", 10 };
	static const uint8_t rnd[CHAP_MY_CHAL + 1] = { 1, 2, 3 };
	char k[ISCSI_KEY_MAX + 1], out[4096];
	struct iscsi_text t;
	struct chap c;
	const char *v, *name = NULL, *resp = NULL;
	size_t off = 0;
	int r;

	memset(&c, 0, sizeof(c));
	while (iscsi_text_next(b, len, &off, k, &v) > 0) {
		r = chap_take(&c, k, v);
		if (r != 0 && r != 1 && r != -EPROTO)
			abort();
		if (!strcmp(k, "CHAP_N"))
			name = v;
		if (!strcmp(k, "CHAP_R"))
			resp = v;
	}
	iscsi_text_init(&t, out, sizeof(out));
	r = chap_answer(&c, &me, &peer, rnd, &t);
	if (r != 0 && r != -EPROTO && r != -EACCES)
		abort();
	if (r)
		return;
	off = 0;
	while ((r = iscsi_text_next(out, t.len, &off, k, &v)) > 0)
		;
	if (r || t.err)
		abort();
	r = chap_verify(&c, &peer, name, resp);
	if (r != 0 && r != -EACCES)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct iscsi_portal p;
	uint8_t a[16];
	int fam = 0;
	char *s;

	if (size < 1)
		return 0;
	switch (data[0] & 3) {
	case 0:
	case 1:
		sendtargets((const char *)data + 1, size - 1, (data[0] >> 2) % MAXP + 1);
		break;
	case 2:
		s = malloc(size);
		memcpy(s, data + 1, size - 1);
		s[size - 1] = '\0';
		if (iscsi_addr_parse(s, &p) == 0 &&
		    (strnlen(p.addr, ISCSI_ADDR_MAX) == ISCSI_ADDR_MAX || !p.port || !p.addr[0]))
			abort();
		switch (iscsi_inaddr(s, &fam, a)) {
		case 0:
			if ((fam != AF_INET && fam != AF_INET6) ||
			    strspn(s, "0123456789abcdefABCDEF.:") != strlen(s))
				abort();
			break;
		case -EINVAL:
			break;
		default:
			abort();
		}
		free(s);
		break;
	default:
		chap((const char *)data + 1, size - 1);
	}
	return 0;
}

FUZZ_REPLAY_MAIN("fuzz_iscsi_text", "tests/fuzz/iscsi_text", 4)
