/* Result functions of §6.2.2 and §13: list (our first acceptable),
 * Minimum, Maximum, OR, AND, declarative.  A numeric answer must lie in
 * the key's range and on the right side of our offer (the responder
 * selects, §6.2.2); "Reject", "Irrelevant" and "NotUnderstood" (§6.2.1)
 * leave the RFC default. */
#include <errno.h>
#include <string.h>

#include "param.h"

enum kind { K_DGST, K_MIN, K_MAX, K_OR, K_AND, K_DECL };

struct key {
	const char *name;
	uint8_t kind;
	uint8_t discovery;  /* relevant in a Discovery session (§13) */
	uint32_t lo, hi;    /* §13 range */
	uint32_t dflt;      /* §13 default */
	uint32_t ours;      /* what we offer */
};

#define K(n, k, d, l, h, df, o) { n, k, d, l, h, df, o }
static const struct key keys[IK_COUNT] = {
	[IK_HDR_DGST] = K("HeaderDigest", K_DGST, 1, 0, 1, 0, 0),            /* §13.1 */
	[IK_DATA_DGST] = K("DataDigest", K_DGST, 1, 0, 1, 0, 0),
	[IK_MAX_CONNS] = K("MaxConnections", K_MIN, 0, 1, 65535, 1, 1),      /* §13.2 */
	[IK_MAX_BURST] = K("MaxBurstLength", K_MIN, 0, 512, 16777215, 262144, 16776192), /* §13.13 */
	[IK_FIRST_BURST] = K("FirstBurstLength", K_MIN, 0, 512, 16777215, 65536, 262144), /* §13.14 */
	[IK_T2R] = K("DefaultTime2Retain", K_MIN, 1, 0, 3600, 20, 0),        /* §13.16 */
	[IK_MAX_R2T] = K("MaxOutstandingR2T", K_MIN, 0, 1, 65535, 1, 1),     /* §13.17 */
	[IK_ERL] = K("ErrorRecoveryLevel", K_MIN, 1, 0, 2, 0, 0),            /* §13.20 */
	[IK_T2W] = K("DefaultTime2Wait", K_MAX, 1, 0, 3600, 2, 2),           /* §13.15 */
	[IK_INITIAL_R2T] = K("InitialR2T", K_OR, 0, 0, 1, 1, 0),             /* §13.10 */
	[IK_PDU_INORDER] = K("DataPDUInOrder", K_OR, 0, 0, 1, 1, 1),         /* §13.18 */
	[IK_SEQ_INORDER] = K("DataSequenceInOrder", K_OR, 0, 0, 1, 1, 1),    /* §13.19 */
	[IK_IMM_DATA] = K("ImmediateData", K_AND, 0, 0, 1, 1, 1),            /* §13.11 */
	/* RFC 3720's markers, obsolete in RFC 7143 (§13.25): offered No */
	[IK_IFMARKER] = K("IFMarker", K_AND, 1, 0, 1, 0, 0),
	[IK_OFMARKER] = K("OFMarker", K_AND, 1, 0, 1, 0, 0),
	[IK_MAX_RECV_DLEN] = K("MaxRecvDataSegmentLength", K_DECL, 1, 512, 16777215, 8192, 262144), /* §13.12 */
};

const char *iscsi_key_name(enum iscsi_key k)
{
	return k < IK_COUNT ? keys[k].name : "?";
}

void iscsi_neg_init(struct iscsi_neg *n, int discovery)
{
	unsigned int i;

	memset(n, 0, sizeof(*n));
	n->discovery = discovery;
	for (i = 0; i < IK_COUNT; i++) {
		n->want[i] = keys[i].ours;
		n->got[i] = keys[i].dflt;
	}
	n->max_xmit_dlen = keys[IK_MAX_RECV_DLEN].dflt;
	/* a discovery session reads one SendTargets answer; open-iscsi
	 * asks for 32768 there too */
	if (discovery)
		n->want[IK_MAX_RECV_DLEN] = 32768;
}

static int relevant(const struct iscsi_neg *n, unsigned int i)
{
	return !n->discovery || keys[i].discovery;
}

void iscsi_neg_offer(struct iscsi_neg *n, struct iscsi_text *out)
{
	const struct key *k;
	unsigned int i;
	uint32_t v;

	for (i = 0; i < IK_COUNT; i++) {
		if (!relevant(n, i))
			continue;
		k = &keys[i];
		v = n->want[i];
		n->offered |= 1u << i;
		switch (k->kind) {
		case K_DGST:
			iscsi_text_add(out, k->name, v ? "CRC32C,None" : "None");
			break;
		case K_OR:
		case K_AND:
			iscsi_text_add(out, k->name, v ? "Yes" : "No");
			/* §6.2.2: OR with Yes and AND with No are settled by
			 * the offer alone; the target need not answer */
			if ((k->kind == K_OR) == (v != 0)) {
				n->got[i] = v;
				n->settled |= 1u << i;
			}
			break;
		case K_DECL:
			iscsi_text_add_u(out, k->name, v);
			n->got[i] = v;
			n->settled |= 1u << i;
			break;
		default:
			iscsi_text_add_u(out, k->name, v);
		}
	}
}

static int lookup(const char *key)
{
	unsigned int i;

	for (i = 0; i < IK_COUNT; i++)
		if (!strcmp(keys[i].name, key))
			return (int)i;
	return -1;
}

/* The value of v (a target's word) as a number of key i; -EINVAL. */
static int value_of(unsigned int i, const char *v, uint32_t *out)
{
	int b;

	switch (keys[i].kind) {
	case K_DGST:
		if (!strcmp(v, "None"))
			*out = 0;
		else if (!strcmp(v, "CRC32C"))
			*out = 1;
		else
			return -EINVAL;
		return 0;
	case K_OR:
	case K_AND:
		b = iscsi_text_bool(v);
		if (b < 0)
			return b;
		*out = (uint32_t)b;
		return 0;
	}
	return iscsi_text_num(v, keys[i].lo, keys[i].hi, out);
}

/* The target answers our offer of key i with value a. */
static int answer(struct iscsi_neg *n, unsigned int i, uint32_t a)
{
	const struct key *k = &keys[i];
	uint32_t w = n->want[i];
	int ok;

	switch (k->kind) {
	case K_DGST:
		ok = a <= w; /* CRC32C only when we listed it */
		break;
	case K_MIN:
		ok = a <= w;
		break;
	case K_MAX:
		ok = a >= w;
		break;
	case K_OR:
		ok = !w || a;
		break;
	default: /* K_AND */
		ok = w || !a;
	}
	if (!ok)
		return -EPROTO;
	n->got[i] = a;
	return 0;
}

/* The target offers key i with value a: our answer, §6.2.2's function. */
static uint32_t respond(const struct iscsi_neg *n, unsigned int i, uint32_t a)
{
	uint32_t w = n->want[i];

	switch (keys[i].kind) {
	case K_DGST: /* a list: only None is sure to be in it */
	case K_MIN:
	case K_AND:
		return a < w ? a : w;
	case K_MAX:
	case K_OR:
		return a > w ? a : w;
	}
	return a;
}

static void say(struct iscsi_text *out, unsigned int i, uint32_t v)
{
	switch (keys[i].kind) {
	case K_DGST:
		iscsi_text_add(out, keys[i].name, v ? "CRC32C" : "None");
		break;
	case K_OR:
	case K_AND:
		iscsi_text_add(out, keys[i].name, v ? "Yes" : "No");
		break;
	default:
		iscsi_text_add_u(out, keys[i].name, v);
	}
}

static int special(const char *v)
{
	return !strcmp(v, "Reject") || !strcmp(v, "Irrelevant") ||
	       !strcmp(v, "NotUnderstood");
}

/* A target's offer of a digest list: CRC32C if listed and wanted. */
static int dgst_list(const struct iscsi_neg *n, unsigned int i, const char *v, uint32_t *out)
{
	int none = 0, crc = 0;
	const char *p = v, *c;
	size_t l;

	for (;;) {
		c = strchr(p, ',');
		l = c ? (size_t)(c - p) : strlen(p);
		if (l == 4 && !memcmp(p, "None", 4))
			none = 1;
		else if (l == 6 && !memcmp(p, "CRC32C", 6))
			crc = 1;
		if (!c)
			break;
		p = c + 1;
	}
	if (crc && n->want[i])
		*out = 1;
	else if (none)
		*out = 0;
	else
		return -EPROTO;
	return 0;
}

int iscsi_neg_take(struct iscsi_neg *n, const char *key, const char *val,
		   struct iscsi_text *out)
{
	int i = lookup(key), r;
	uint32_t a;

	if (i < 0)
		return 0;
	n->bad = keys[i].name;
	if (i == IK_MAX_RECV_DLEN) { /* the target's own declaration */
		if (iscsi_text_num(val, keys[i].lo, keys[i].hi, &n->max_xmit_dlen))
			return -EPROTO;
		n->bad = NULL;
		return 1;
	}
	if (n->offered & (1u << i)) {
		if (special(val)) {
			n->got[i] = keys[i].dflt;
		} else if (value_of((unsigned int)i, val, &a) ||
			   answer(n, (unsigned int)i, a)) {
			return -EPROTO;
		}
		n->offered &= ~(1u << i);
		n->settled |= 1u << i;
		n->bad = NULL;
		return 1;
	}
	if (n->settled & (1u << i) && !(n->offered & (1u << i)) &&
	    keys[i].kind != K_DECL) {
		/* §6.2: a key negotiated once may not be offered again,
		 * unless it is one the offer alone settled (see above) */
		if (!((keys[i].kind == K_OR) == (n->want[i] != 0) &&
		      (keys[i].kind == K_OR || keys[i].kind == K_AND)))
			return -EPROTO;
	}
	if (!relevant(n, (unsigned int)i)) {
		iscsi_text_add(out, key, "Irrelevant");
	} else {
		if (keys[i].kind == K_DGST)
			r = dgst_list(n, (unsigned int)i, val, &a);
		else
			r = value_of((unsigned int)i, val, &a) ? -EPROTO : 0;
		if (r)
			return r;
		a = respond(n, (unsigned int)i, a);
		n->got[i] = a;
		say(out, (unsigned int)i, a);
	}
	n->settled |= 1u << i;
	n->bad = NULL;
	return 1;
}

int iscsi_neg_done(struct iscsi_neg *n)
{
	if (!n->discovery && n->got[IK_FIRST_BURST] > n->got[IK_MAX_BURST]) {
		n->bad = keys[IK_FIRST_BURST].name;
		return -EPROTO;
	}
	return 0;
}
