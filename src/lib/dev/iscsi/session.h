/* One iSCSI session of one portal, end to end: TCP connect, login, hand
 * the socket to the kernel's iscsi_tcp (nl.c), scan its SCSI host.  The
 * steps are separate calls so that a re-login of a live session reuses
 * them (src/iscsi/main.c, relogin(); docs/iscsi.md): stop the connection
 * with ISCSI_STOP_CONN_RECOVER, iscsi_session_login with the session's
 * ISID, TSIH 0 and the kernel's next CmdSN (iscsi_nl_cmd_pdus), then
 * iscsi_session_handoff with relogin=1; the kernel session and its SCSI
 * devices stay. */
#ifndef MPBOOT_ISCSI_SESSION_H
#define MPBOOT_ISCSI_SESSION_H

#include <stdint.h>

#include "login.h"
#include "nl.h"

struct iscsi_node {
	const char *initiator, *target; /* target NULL: discovery */
	const char *addr;               /* IP literal */
	uint16_t port;
	int32_t tpgt;                   /* -1: whatever the target says */
	const struct chap_secret *chap, *mutual;
	int timeout_ms;                 /* connect, then login, each */
};

struct iscsi_sess {
	struct iscsi_login l;           /* step and why of a failure */
	int fd;                         /* the logged-in socket, or -1 */
	uint32_t sid, cid, host;
};

/* Connect and log in; the first login (s->l.isid unset) draws a random
 * ISID (RFC 7143 §11.12.5, type 10b: two portals of one portal group
 * never share a session by accident) and starts CmdSN at 1.  0 or
 * -errno with s->l.step and s->l.why. */
int iscsi_session_login(const struct iscsi_node *n, struct iscsi_sess *s);

/* Give the logged-in connection to the kernel: a new session (relogin
 * 0; undone on failure) or the existing s->sid/s->cid; then the
 * parameters and START_CONN.  0 or -errno with s->l.step. */
int iscsi_session_handoff(struct iscsi_nl *nl, const struct iscsi_node *n,
			  struct iscsi_sess *s, int relogin);

/* Scan every channel, target and LUN of SCSI host h ("- - -"). */
int iscsi_scan_host(uint32_t h);

#endif
