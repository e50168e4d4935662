/* One open-iscsi node record: the file iscsiadm keeps per target, portal
 * and iface, /etc/iscsi/nodes/<target>/<address>,<port>,<tpgt>/<iface>:
 * "key = value" lines between "# BEGIN RECORD <version>" and
 * "# END RECORD" (open-iscsi's idbm; an empty value is left out, or shown
 * as "<empty>").  Only what a boot login needs is taken: node.name,
 * node.conn[0].address and .port, node.startup and the CHAP fields of
 * node.session.auth.
 *
 * mpboot-mkinitramfs turns the records of the host's root target(s) into
 * the image's netroot=iscsi: lines (src/iscsi_nodes/, a host tool), so the
 * boot reads them with the command line's own parser (iscsiconf.c).
 * Pure functions over a byte buffer, host-tested and fuzzed; *why names a
 * field, never a value (the record holds CHAP secrets). */
#ifndef MPBOOT_ISCSINODE_H
#define MPBOOT_ISCSINODE_H

#include <stddef.h>
#include <stdint.h>

#include "iscsiconf.h"

enum iscsi_startup {
	ISCSI_STARTUP_MANUAL,    /* also when node.startup is missing */
	ISCSI_STARTUP_AUTOMATIC,
	ISCSI_STARTUP_ONBOOT,
};

struct iscsi_node {
	struct iscsi_boot_portal p; /* target, server, port, CHAP */
	uint8_t startup;            /* enum iscsi_startup */
};

/* Parse one record of len bytes (no NUL needed).  0, or -EINVAL /
 * -ENAMETOOLONG with *why naming the field.  Unknown keys are skipped;
 * the CHAP names and secrets are kept only with authmethod CHAP, as
 * iscsid uses them. */
int iscsi_node_parse(const char *buf, size_t len, struct iscsi_node *n,
		     const char **why);

/* The record as the netroot=iscsi: value the boot understands
 * ("iscsi:[u:p[:ru:rp]@]SERVER::PORT::TARGET"), into out[size]; 0, or
 * -ENAMETOOLONG, or -EINVAL with *why when it would not read back as the
 * same portal (a secret holding ':' or a blank, a server that is no
 * address): what the boot would parse is checked here, at build time. */
int iscsi_node_netroot(const struct iscsi_node *n, char *out, size_t size,
		       const char **why);

#endif
