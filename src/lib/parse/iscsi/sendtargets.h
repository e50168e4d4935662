/* The answer to SendTargets=All (RFC 7143 §12.3, Appendix C): TargetName
 * keys, each followed by the TargetAddress keys of its portals
 * ("domainname[:port][,tpgt]", an IPv6 address in brackets).  Pure. */
#ifndef MPBOOT_ISCSI_SENDTARGETS_H
#define MPBOOT_ISCSI_SENDTARGETS_H

#include <stddef.h>
#include <stdint.h>

#define ISCSI_NAME_MAX 224      /* §4.2.7.1: 223 bytes and a NUL */
#define ISCSI_ADDR_MAX 64

struct iscsi_portal {
	char name[ISCSI_NAME_MAX];
	char addr[ISCSI_ADDR_MAX];  /* "" when the target named none: the
	                             * discovery portal serves it (§12.3) */
	uint16_t port;              /* 3260 unless given */
	int32_t tpgt;               /* -1 when not given */
};

/* Fill out[0..max) with one entry per (target, address); *n the count.
 * 0, -EINVAL for a malformed list, name or address, -E2BIG for more
 * than max entries. */
int iscsi_sendtargets_parse(const char *buf, size_t len,
			    struct iscsi_portal *out, unsigned int max,
			    unsigned int *n);

/* An iSCSI name as we accept it from the command line or a target
 * (iqn./eui./naa. and RFC 3722's characters, fits the buffer). */
int iscsi_name_ok(const char *s);

/* Split "host[:port][,tpgt]" into its parts; 0 or -EINVAL. */
int iscsi_addr_parse(const char *s, struct iscsi_portal *p);

#endif
