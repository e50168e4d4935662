/* CHAP for iSCSI login (RFC 1994 §4.1, RFC 7143 §12.1.3): one-way (the
 * target authenticates us) and mutual (we authenticate the target too).
 * Pure: the caller supplies the random bytes of our challenge. */
#ifndef MPBOOT_ISCSI_CHAP_H
#define MPBOOT_ISCSI_CHAP_H

#include <stddef.h>
#include <stdint.h>

#include "text.h"

#define CHAP_MD5 5              /* CHAP_A: the only algorithm we offer */
#define CHAP_CHAL_MAX 1024      /* §12.1.3: a challenge's upper bound */
#define CHAP_MY_CHAL 16         /* the length of our own challenge */

struct chap_secret {
	const char *name;       /* CHAP_N */
	const char *secret;
	size_t len;
};

struct chap {
	int have_a, have_i;
	uint8_t id;                     /* target's CHAP_I */
	uint8_t chal[CHAP_CHAL_MAX];    /* target's CHAP_C */
	size_t chal_len;
	uint8_t my_id;                  /* mutual: our CHAP_I, CHAP_C */
	uint8_t my_chal[CHAP_MY_CHAL];
};

/* "0x" hex or "0b" base64 (§6.1) into out[max]: 0, -EINVAL, -E2BIG. */
int chap_decode(const char *val, uint8_t *out, size_t max, size_t *n);

/* One key of the target's challenge PDU: 1 taken (CHAP_A, CHAP_I,
 * CHAP_C), 0 not a CHAP key, -EPROTO for an algorithm other than MD5,
 * a bad identifier or challenge. */
int chap_take(struct chap *c, const char *key, const char *val);

/* Our answer: CHAP_N and CHAP_R; with peer (mutual) also our CHAP_I and
 * CHAP_C made from rnd[0..CHAP_MY_CHAL] (rnd[CHAP_MY_CHAL] is the id).
 * -EPROTO when the challenge is incomplete, -EACCES when the target's
 * challenge is our own (a reflection, §12.1.3). */
int chap_answer(struct chap *c, const struct chap_secret *me,
		const struct chap_secret *peer, const uint8_t *rnd,
		struct iscsi_text *out);

/* Mutual: the target's CHAP_N and CHAP_R, checked: 0, -EACCES. */
int chap_verify(const struct chap *c, const struct chap_secret *peer,
		const char *name, const char *resp);

/* MD5(id || secret || challenge), RFC 1994 §4.1. */
void chap_md5(uint8_t id, const char *secret, size_t slen, const uint8_t *chal,
	      size_t clen, uint8_t out[16]);

#endif
