/* The iSCSI part of the kernel command line, in dracut's syntax
 * (dracut.cmdline(7), module 95iscsi), so one boot entry serves dracut,
 * initramfs-tools and mpboot alike:
 *   netroot=iscsi:[<user>:<pass>[:<ruser>:<rpass>]@][<server>]:[<proto>]:
 *           [<port>][:[<iface>]:[<netdev>]]:[<lun>]:<targetname>
 * one per portal (repeatable); <server> an IPv4 address or a bracketed
 * IPv6 one; <targetname> an iqn./eui./naa. name, which holds ':' itself.
 *   rd.iscsi.initiator=<iqn>       our initiator name
 *   rd.iscsi.firmware, rd.iscsi.ibft[=1]   take all from the iBFT
 *
 * Pure functions over strings, host-tested and fuzzed.  The CHAP secrets
 * parsed here never reach a message: *why names the field, not its
 * value. */
#ifndef MPBOOT_ISCSICONF_H
#define MPBOOT_ISCSICONF_H

#include <stdint.h>

#include "iscsi/sendtargets.h" /* ISCSI_NAME_MAX, iscsi_name_ok() */

#define ISCSI_SECRET_MAX 256 /* LIO's and open-iscsi's limit */
#define ISCSI_MAX_PORTALS 8

struct iscsi_boot_portal {
	char server[48];          /* IPv4 dotted, or IPv6 without brackets */
	char netdev[16];          /* "" = any interface */
	char target[ISCSI_NAME_MAX];
	char user[ISCSI_SECRET_MAX], pass[ISCSI_SECRET_MAX];
	char ruser[ISCSI_SECRET_MAX], rpass[ISCSI_SECRET_MAX];
	uint32_t lun;
	uint16_t port;            /* 3260 if not given */
	uint8_t ipv6;
};

struct iscsi_boot {
	struct iscsi_boot_portal portals[ISCSI_MAX_PORTALS];
	unsigned int n;
	char initiator[ISCSI_NAME_MAX];
	uint8_t firmware; /* rd.iscsi.firmware / rd.iscsi.ibft */
};

/* Parse one netroot= value (with its "iscsi:" prefix).  0, or -EINVAL /
 * -ENAMETOOLONG / -EPROTONOSUPPORT (netroot= of another kind), *why
 * saying which field. */
int iscsi_parse_netroot(const char *val, struct iscsi_boot_portal *p,
			const char **why);

/* Take one command-line parameter: netroot=iscsi:..., rd.iscsi.initiator=,
 * rd.iscsi.firmware, rd.iscsi.ibft[=0|1].  1 if it was one, 0 if not ours,
 * <0 with *why on a bad value (-ENOSPC past ISCSI_MAX_PORTALS). */
int iscsi_conf_add(struct iscsi_boot *c, const char *key, const char *val,
		   int has_val, const char **why);

#endif
