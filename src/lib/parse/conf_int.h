/* What multipath.conf's files share, and no one else: the lexer
 * (conf_tok.c) and the keyword table (conf_kw.c) of the parser (conf.c),
 * which the dump (conf_dump.c) writes values back from, and the merging
 * of settings blocks (conf_resolve.c). */
#ifndef MPBOOT_CONF_INT_H
#define MPBOOT_CONF_INT_H

#include <stddef.h>
#include <stdint.h>

#include "conf.h"
#include "conf_values.h"

/* The longest word a line may have (conf.c); a dump line holds one with
 * each quote doubled. */
#define MAX_TOKEN 4096

/* Split one line of len bytes (not NUL-terminated) into words, as
 * multipath-tools does: bare words, '{', '}', "quoted strings" (a doubled
 * "" is a quote), until '#' or '!' outside quotes.  The words go to buf
 * (max * (MAX_TOKEN + 1) bytes), tok[0..*ntok) point at them.
 * CONF_TOK_OK; CONF_TOK_MANY: more than max words, the first max kept;
 * otherwise the line is not used (*ntok = 0): CONF_TOK_QUOTE, a quote not
 * closed on the line; CONF_TOK_LONG, a word of *wlen bytes, longer than
 * MAX_TOKEN; CONF_TOK_NUL, a NUL byte in a word. */
enum { CONF_TOK_OK, CONF_TOK_MANY, CONF_TOK_QUOTE, CONF_TOK_LONG,
       CONF_TOK_NUL };
int conf_tokenize(const char *s, size_t len, char *buf, char **tok,
		  size_t max, size_t *ntok, size_t *wlen);

/* Where a keyword may be written. */
#define W_D 1u   /* defaults */
#define W_V 2u   /* devices { device } */
#define W_M 4u   /* multipaths { multipath } */
#define W_O 8u   /* overrides */
#define W_C 16u  /* defaults, stored in struct mp_conf (off is into it) */
#define W_P 32u  /* protocol subsection */
#define W_ALL (W_D | W_V | W_M | W_O)

/* Value kinds: enum mp_vk, and two that have no words. */
enum { K_COUNTED = MP_V_N, /* "N word1 .. wordN" */
       K_STR };            /* any text */

struct conf_kw {
	const char *name;
	uint8_t kind, where;
	uint16_t off;            /* into struct mp_set, or mp_conf for W_C */
};

#define SET(f) offsetof(struct mp_set, f)

extern const struct conf_kw conf_keywords[];
extern const size_t conf_nkeywords;

/* The keyword called name, or NULL. */
const struct conf_kw *conf_kw_find(const char *name);
/* Is name a multipath-tools keyword that changes nothing here? */
int conf_kw_ignored(const char *name);
/* v as keyword k's value: 0 with the code to store in *iv, or -EINVAL. */
int conf_kw_check(const struct conf_kw *k, const char *v, int *iv);
/* Store a checked value into base (a struct mp_set, or the mp_conf for
 * W_C): the code, or for the kinds kept as text s, a copy of v the
 * caller owns. */
void conf_kw_store(const struct conf_kw *k, void *base, int iv, const char *s);

/* Fill what d does not set from s (s has lower precedence). */
void conf_set_fill(struct mp_set *d, const struct mp_set *s);
/* How much of the built-in table is in effect (see mp_conf.hw_omit). */
size_t conf_hw_n(const struct mp_conf *c);

#endif
