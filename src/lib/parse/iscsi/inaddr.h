/* IPv4 and IPv6 address literals ("10.0.0.1", "fe80::1") to bytes.
 * Pure; ours rather than klibc's inet_pton, which pulls in sscanf
 * (about 2 KiB of the iSCSI budget). */
#ifndef MPBOOT_ISCSI_INADDR_H
#define MPBOOT_ISCSI_INADDR_H

#include <stdint.h>

/* *family AF_INET (4 bytes written) or AF_INET6 (16); 0 or -EINVAL.
 * Dotted quads with 1-3 digits a part; IPv6 groups of 1-4 hex digits, at
 * most one "::"; no zone ("%eth0") and no embedded IPv4 form. */
int iscsi_inaddr(const char *s, int *family, uint8_t out[16]);

#endif
