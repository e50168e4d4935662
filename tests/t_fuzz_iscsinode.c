/* Fuzz target over the open-iscsi node-record parser
 * (src/lib/parse/iscsinode.c) and its netroot= conversion: the input is
 * one record file (a host's /etc/iscsi/nodes is root's, but a record may
 * come from anywhere: a copied tree, a damaged disk).  See fuzz_replay.h.
 * Invariants (abort on violation): 0 or -EINVAL / -ENAMETOOLONG, with a
 * reason exactly when it failed; every field NUL-terminated inside
 * itself; a parsed record has a valid target name, a server and a port,
 * credentials in pairs; a netroot= line made of it parses back to the
 * same portal, and a refused one leaves an empty buffer. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_replay.h"
#include "iscsinode.h"

#define FIELD_OK(f) (strnlen((f), sizeof(f)) < sizeof(f))

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct iscsi_node n;
	static struct iscsi_boot_portal back;
	static char line[1200];
	const struct iscsi_boot_portal *p = &n.p;
	const char *why, *why2;
	int r;

	r = iscsi_node_parse((const char *)data, size, &n, &why);
	if (r != 0 && r != -EINVAL && r != -ENAMETOOLONG)
		abort();
	if ((r < 0) != (why != NULL))
		abort();
	if (r)
		return 0;
	if (!FIELD_OK(p->server) || !FIELD_OK(p->target) || !FIELD_OK(p->user) ||
	    !FIELD_OK(p->pass) || !FIELD_OK(p->ruser) || !FIELD_OK(p->rpass))
		abort();
	if (!iscsi_name_ok(p->target) || !p->server[0] || !p->port || n.startup > ISCSI_STARTUP_ONBOOT)
		abort();
	if (!p->user[0] != !p->pass[0] || !p->ruser[0] != !p->rpass[0] ||
	    (p->ruser[0] && !p->user[0]))
		abort();
	r = iscsi_node_netroot(&n, line, sizeof(line), &why);
	if (r != 0 && r != -EINVAL && r != -ENAMETOOLONG)
		abort();
	if ((r < 0) != (why != NULL) || (r && line[0]))
		abort();
	if (r)
		return 0;
	if (iscsi_parse_netroot(line, &back, &why2) || strcmp(back.server, p->server) ||
	    back.port != p->port || strcmp(back.target, p->target) || strcmp(back.pass, p->pass) ||
	    strcmp(back.rpass, p->rpass))
		abort();
	return 0;
}

FUZZ_REPLAY_MAIN("fuzz_iscsinode", "tests/fuzz/iscsinode", 10)
