/* MD5 (RFC 1321), for CHAP (RFC 1994) only: klibc has none.  MD5 is
 * broken as a general hash; CHAP's use of it is what RFC 7143 §12.1.3
 * still requires (CHAP_A=5). */
#ifndef MPBOOT_MD5_H
#define MPBOOT_MD5_H

#include <stddef.h>
#include <stdint.h>

struct md5 {
	uint32_t s[4];
	uint64_t len;      /* bytes fed so far */
	uint8_t buf[64];   /* the partial block */
};

void md5_init(struct md5 *m);
void md5_update(struct md5 *m, const void *data, size_t len);
void md5_final(struct md5 *m, uint8_t out[16]);

#endif
