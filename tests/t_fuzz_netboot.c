/* Fuzz target over the network-boot command-line parsers: ip= and
 * BOOTIF= (src/lib/parse/netconf.c) and netroot=iscsi: / rd.iscsi.*
 * (src/lib/parse/iscsiconf.c).  The input is one parameter value; its first
 * byte picks the parameter.  See fuzz_replay.h.
 * Invariants (abort on violation): each call returns 0/1 or a negative
 * errno of the documented set, with a reason exactly when it failed;
 * every string out is NUL-terminated inside its field; a parsed address
 * has a prefix <= 32 and a static one is non-zero; a parsed portal has a
 * port, a target name iscsi_name_ok accepts, credentials in pairs. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_replay.h"
#include "iscsiconf.h"
#include "netconf.h"

#define FIELD_OK(f) (strnlen((f), sizeof(f)) < sizeof(f))

static void net(const char *v, int bootif)
{
	static struct net_conf c;
	const char *why;
	int r;

	memset(&c, 0, sizeof(c));
	r = net_conf_add(&c, bootif ? "BOOTIF" : "ip", v, &why);
	if (r != 1 && r != -EINVAL && r != -ERANGE && r != -ENAMETOOLONG &&
	    r != -EAFNOSUPPORT)
		abort();
	if ((r < 0) != (why != NULL))
		abort();
	if (r != 1 || bootif)
		return;
	if (c.n != 1 || !FIELD_OK(c.ifs[0].dev) || !FIELD_OK(c.ifs[0].hostname) ||
	    c.ifs[0].prefix > 32 || c.ifs[0].method > NET_IBFT)
		abort();
	if (c.ifs[0].method == NET_STATIC && !c.ifs[0].addr)
		abort();
	if (c.ifs[0].mtu && (c.ifs[0].mtu < 68 || c.ifs[0].mtu > 65535))
		abort();
}

static void iscsi(const char *v, const char *key)
{
	static struct iscsi_boot c;
	const struct iscsi_boot_portal *p = &c.portals[0];
	const char *why;
	int r;

	memset(&c, 0, sizeof(c));
	r = iscsi_conf_add(&c, key, v, 1, &why);
	if (r != 0 && r != 1 && r != -EINVAL && r != -ENAMETOOLONG)
		abort();
	if ((r < 0) != (why != NULL))
		abort();
	if (r != 1 || strcmp(key, "netroot"))
		return;
	if (c.n != 1 || !FIELD_OK(p->server) || !FIELD_OK(p->netdev) ||
	    !FIELD_OK(p->target) || !FIELD_OK(p->user) || !FIELD_OK(p->pass) ||
	    !FIELD_OK(p->ruser) || !FIELD_OK(p->rpass))
		abort();
	if (!p->port || !iscsi_name_ok(p->target) || p->lun > 16383 || !p->server[0])
		abort();
	if (!p->user[0] != !p->pass[0] || !p->ruser[0] != !p->rpass[0] ||
	    (p->ruser[0] && !p->user[0]))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;

	if (!size)
		return 0;
	s = malloc(size);
	if (!s)
		return 0;
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	switch (data[0] % 4) {
	case 0: net(s, 0); break;
	case 1: net(s, 1); break;
	case 2: iscsi(s, "netroot"); break;
	default: iscsi(s, "rd.iscsi.initiator"); break;
	}
	free(s);
	return 0;
}

FUZZ_REPLAY_MAIN("fuzz_netboot", "tests/fuzz/netboot", 10)
