/* The login phase of one connection (RFC 7143 §6.3, §11.12-13): security
 * stage (None or CHAP), operational stage, full feature phase; for a
 * Discovery session then SendTargets=All and a logout.  Works on a
 * connected socket; a re-login of an existing session is the same call
 * with the session's ISID and TSIH. */
#ifndef MPBOOT_ISCSI_LOGIN_H
#define MPBOOT_ISCSI_LOGIN_H

#include <stddef.h>
#include <stdint.h>

#include "iscsi/chap.h"
#include "iscsi/param.h"

#define ISCSI_ALIAS_MAX 256

struct iscsi_login {
	/* in */
	const char *initiator;
	const char *target;             /* NULL: a Discovery session */
	const struct chap_secret *chap; /* NULL: AuthMethod=None */
	const struct chap_secret *mutual; /* with chap: authenticate the target */
	uint8_t rnd[CHAP_MY_CHAL + 1];  /* our mutual challenge and id */
	uint8_t isid[6];
	uint16_t tsih;                  /* 0 for a new session (§11.12.6) */
	uint16_t cid;
	uint32_t cmdsn;
	int timeout_ms;                 /* the whole login */
	/* optional: every key=value sent ('>') and received ('<') */
	void (*trace)(void *arg, char dir, const char *key, const char *val);
	void *trace_arg;
	/* out */
	struct iscsi_neg neg;
	int32_t tpgt;                   /* the target's TargetPortalGroupTag, -1 */
	char alias[ISCSI_ALIAS_MAX];    /* TargetAlias, "" if none */
	uint32_t statsn;                /* of the last response */
	uint32_t exp_cmdsn, max_cmdsn;
	uint32_t itt;
	const char *step;               /* the step that failed */
	char why[192];                  /* what failed, printable */
};

/* 0, or -errno with l->step and l->why set: -EACCES authentication or
 * authorization failed, -ENOENT target not found or removed, -EXDEV a
 * redirection (why names the address), -EPROTO a target breaking the
 * protocol, -ECONNREFUSED another login status, -ETIMEDOUT, -ECONNRESET. */
int iscsi_login_run(int fd, struct iscsi_login *l);

/* After iscsi_login_run of a Discovery session: SendTargets=All, the
 * answer's text into buf[0..size) (*len), then a logout. 0 or -errno
 * with l->step and l->why. */
int iscsi_sendtargets(int fd, struct iscsi_login *l, char *buf, size_t size, size_t *len);

#endif
