/* The iSCSI Boot Firmware Table (iBFT, IBM/Microsoft "iSCSI Boot
 * Firmware Table (iBFT) as Defined in ACPI 3.0b Specification", version
 * 1.03): what the firmware (a NIC option ROM, iPXE, UEFI) logged in with,
 * for rd.iscsi.firmware / rd.iscsi.ibft / ip=ibft.  The raw table as the
 * kernel shows it in /sys/firmware/acpi/tables/iBFT (signature "iBFT",
 * "IBFT" or Broadcom's "BIFT", as drivers/firmware/iscsi_ibft.c looks
 * them up).
 *
 * Pure function over a byte buffer, host-tested and fuzzed: every offset
 * and length is the firmware's and is checked against the table's length;
 * *why names a structure or field, never a CHAP value. */
#ifndef MPBOOT_IBFT_H
#define MPBOOT_IBFT_H

#include <stddef.h>
#include <stdint.h>

#include "iscsiconf.h"
#include "netconf.h"

#define IBFT_MAX 2 /* the control structure names two NICs, two targets */

struct ibft {
	char initiator[ISCSI_NAME_MAX]; /* "" if the table has none */
	/* as ip= would give them: NET_STATIC (addr, prefix, gw) or NET_DHCP
	 * (origin 3), by MAC (has_mac), no interface name */
	struct net_ifconf nic[IBFT_MAX];
	struct iscsi_boot_portal tgt[IBFT_MAX];
	unsigned int nnic, ntgt;        /* valid blocks, in table order */
};

/* Parse the table b[0..len).  0, or -EINVAL / -EAFNOSUPPORT (an IPv6
 * address) with *why.  Blocks not flagged valid are left out. */
int ibft_parse(const uint8_t *b, size_t len, struct ibft *t, const char **why);

#endif
