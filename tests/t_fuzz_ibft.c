/* Fuzz target over the iBFT parser (src/lib/parse/ibft.c): the input is
 * a whole table, as firmware (or anyone able to add an ACPI table) wrote
 * it.  See fuzz_replay.h.  The seeds are tests/t_ibft.c's variants
 * ("t_ibft --write FILE N").
 * Invariants (abort on violation): 0 or -EINVAL / -EAFNOSUPPORT, with a
 * reason exactly when it failed; at most two NICs and two targets; every
 * string NUL-terminated inside its field; a target has a server, a port, a
 * valid name, credentials in pairs; a NIC has an address or DHCP and a
 * prefix <= 32. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_replay.h"
#include "ibft.h"

#define FIELD_OK(f) (strnlen((f), sizeof(f)) < sizeof(f))

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ibft t;
	const char *why;
	unsigned int i;
	int r = ibft_parse(data, size, &t, &why);

	if (r != 0 && r != -EINVAL && r != -EAFNOSUPPORT)
		abort();
	if ((r < 0) != (why != NULL))
		abort();
	if (r)
		return 0;
	if (t.nnic > IBFT_MAX || t.ntgt > IBFT_MAX || !FIELD_OK(t.initiator))
		abort();
	if (t.initiator[0] && !iscsi_name_ok(t.initiator))
		abort();
	for (i = 0; i < t.nnic; i++)
		if (t.nic[i].prefix > 32 || !t.nic[i].has_mac || t.nic[i].dev[0] ||
		    (t.nic[i].method != NET_STATIC && t.nic[i].method != NET_DHCP) ||
		    (!t.nic[i].addr && t.nic[i].method != NET_DHCP))
			abort();
	for (i = 0; i < t.ntgt; i++) {
		const struct iscsi_boot_portal *p = &t.tgt[i];

		if (!FIELD_OK(p->server) || !FIELD_OK(p->target) || !FIELD_OK(p->user) ||
		    !FIELD_OK(p->pass) || !FIELD_OK(p->ruser) || !FIELD_OK(p->rpass))
			abort();
		if (!p->server[0] || !p->port || !iscsi_name_ok(p->target) || p->lun > 16383)
			abort();
		if (!p->user[0] != !p->pass[0] || !p->ruser[0] != !p->rpass[0] ||
		    (p->ruser[0] && !p->user[0]))
			abort();
	}
	return 0;
}

FUZZ_REPLAY_MAIN("fuzz_ibft", "tests/fuzz/ibft", 10)
