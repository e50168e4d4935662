/* iSCSI text key=value lists (RFC 7143 §6.1): the data segment of
 * Login and Text PDUs, "key=value" pairs each ended by a NUL.  Pure:
 * a reader over a received buffer and a bounded builder. */
#ifndef MPBOOT_ISCSI_TEXT_H
#define MPBOOT_ISCSI_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* §6.1: key names at most 63 bytes; values at most 255 bytes unless the
 * key says otherwise -- CHAP_C/CHAP_R (§12.1.3) may be 1024 bytes in
 * hex, so one bound for all values. */
#define ISCSI_KEY_MAX 63
#define ISCSI_VALUE_MAX 2100

/* The next pair of buf[0..len) from *off: 1 with the key copied into
 * key[] (NUL-terminated) and *val pointing at the value inside buf
 * (ended by its NUL there), 0 at the end, -EINVAL for a pair without
 * '=' or its NUL, an empty or over-long key, a key with characters
 * outside §6.1's set, an over-long value, or a control character.
 * Empty entries (a lone NUL, e.g. padding a sender counted) are skipped. */
int iscsi_text_next(const char *buf, size_t len, size_t *off,
		    char key[ISCSI_KEY_MAX + 1], const char **val);

/* A builder over caller memory; the first error sticks in err. */
struct iscsi_text {
	char *buf;
	size_t size, len;
	int err; /* 0, -E2BIG (full) or -EINVAL (bad key or value) */
};

void iscsi_text_init(struct iscsi_text *t, char *buf, size_t size);
void iscsi_text_add(struct iscsi_text *t, const char *key, const char *val);
void iscsi_text_add_u(struct iscsi_text *t, const char *key, uint32_t val);

/* Numbers of §6.1: decimal or 0x hex, within [min, max]; 0 or -EINVAL. */
int iscsi_text_num(const char *val, uint32_t min, uint32_t max, uint32_t *out);
/* "Yes" 1, "No" 0, else -EINVAL. */
int iscsi_text_bool(const char *val);

#endif
