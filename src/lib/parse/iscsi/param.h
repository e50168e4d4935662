/* Operational parameter negotiation (RFC 7143 §6.2, keys of §13): our
 * offer, the target's answers checked against it, the target's own
 * offers answered.  Pure: keys and values in, text and results out. */
#ifndef MPBOOT_ISCSI_PARAM_H
#define MPBOOT_ISCSI_PARAM_H

#include <stdint.h>

#include "text.h"

/* Index of each negotiated value (the table in param.c is in this order). */
enum iscsi_key {
	IK_HDR_DGST,        /* list None,CRC32C: 1 = CRC32C */
	IK_DATA_DGST,
	IK_MAX_CONNS,       /* numbers, result the minimum */
	IK_MAX_BURST,
	IK_FIRST_BURST,
	IK_T2R,
	IK_MAX_R2T,
	IK_ERL,
	IK_T2W,             /* number, result the maximum */
	IK_INITIAL_R2T,     /* booleans, result the OR */
	IK_PDU_INORDER,
	IK_SEQ_INORDER,
	IK_IMM_DATA,        /* booleans, result the AND */
	IK_IFMARKER,
	IK_OFMARKER,
	IK_MAX_RECV_DLEN,   /* declarative: ours as offered, the target's
	                     * is our MaxXmitDataSegmentLength */
	IK_COUNT
};

struct iscsi_neg {
	uint32_t want[IK_COUNT];    /* our offer */
	uint32_t got[IK_COUNT];     /* the result; RFC defaults until known */
	uint32_t max_xmit_dlen;     /* the target's MaxRecvDataSegmentLength */
	uint32_t offered;           /* bit per key sent in our offer */
	uint32_t settled;           /* bit per key answered either way */
	int discovery;
	const char *bad;            /* the key of a -EPROTO */
};

/* Our defaults (open-iscsi's node defaults, so sessions look alike):
 * digests None, InitialR2T No, ImmediateData Yes, MaxRecvDataSegment-
 * Length 262144, MaxBurstLength 16776192, FirstBurstLength 262144,
 * DefaultTime2Wait 2, DefaultTime2Retain 0, ERL 0. */
void iscsi_neg_init(struct iscsi_neg *n, int discovery);

/* Append the offer: every key relevant to the session type. */
void iscsi_neg_offer(struct iscsi_neg *n, struct iscsi_text *out);

/* One key=value of a target's Login Response in the operational stage:
 * 1 if it is a negotiation key (answered into out when it was the
 * target's offer), 0 if it is none of ours (the caller's: TPGT, alias),
 * -EPROTO for an answer outside what we offered or the key's range
 * (n->bad names it). */
int iscsi_neg_take(struct iscsi_neg *n, const char *key, const char *val,
		   struct iscsi_text *out);

/* After the last response: -EPROTO when the results contradict each
 * other (FirstBurstLength over MaxBurstLength, §13.14). */
int iscsi_neg_done(struct iscsi_neg *n);

/* The key name of an index, for messages and SET_PARAM tables. */
const char *iscsi_key_name(enum iscsi_key k);

#endif
