/* The kernel's iSCSI transport class over NETLINK_ISCSI: create a
 * session and its connection, bind the logged-in socket, set the
 * negotiated parameters, start it (what iscsid/iscsistart do for the
 * software transport iscsi_tcp).  0 or -errno everywhere; the kernel's
 * own error (iferror, retcode) is returned as such. */
#ifndef MPBOOT_ISCSI_NL_H
#define MPBOOT_ISCSI_NL_H

#include <stddef.h>
#include <stdint.h>

struct iscsi_nl {
	int fd;
	uint64_t handle;     /* /sys/class/iscsi_transport/tcp/handle */
	uint32_t seq;
};

/* The parameters we set (a subset of the kernel's enum iscsi_param,
 * include/scsi/iscsi_if.h, whose numbering is ABI). */
enum iscsi_nl_param {
	ISCSI_P_MAX_RECV_DLENGTH = 0,
	ISCSI_P_MAX_XMIT_DLENGTH = 1,
	ISCSI_P_HDRDGST_EN = 2,
	ISCSI_P_DATADGST_EN = 3,
	ISCSI_P_INITIAL_R2T_EN = 4,
	ISCSI_P_MAX_R2T = 5,
	ISCSI_P_IMM_DATA_EN = 6,
	ISCSI_P_FIRST_BURST = 7,
	ISCSI_P_MAX_BURST = 8,
	ISCSI_P_PDU_INORDER_EN = 9,
	ISCSI_P_DATASEQ_INORDER_EN = 10,
	ISCSI_P_ERL = 11,
	ISCSI_P_IFMARKER_EN = 12,
	ISCSI_P_OFMARKER_EN = 13,
	ISCSI_P_EXP_STATSN = 14,
	ISCSI_P_TARGET_NAME = 15,
	ISCSI_P_TPGT = 16,
	ISCSI_P_PERSISTENT_ADDRESS = 17,
	ISCSI_P_PERSISTENT_PORT = 18,
	ISCSI_P_SESS_RECOVERY_TMO = 19,
	ISCSI_P_CONN_PORT = 20,
	ISCSI_P_CONN_ADDRESS = 21,
	ISCSI_P_USERNAME = 22,
	ISCSI_P_USERNAME_IN = 23,
	ISCSI_P_PASSWORD = 24,
	ISCSI_P_PASSWORD_IN = 25,
	ISCSI_P_FAST_ABORT = 26,
	ISCSI_P_ABORT_TMO = 27,
	ISCSI_P_LU_RESET_TMO = 28,
	ISCSI_P_HOST_RESET_TMO = 29,
	ISCSI_P_PING_TMO = 30,
	ISCSI_P_RECV_TMO = 31,
	ISCSI_P_IFACE_NAME = 32,
	ISCSI_P_ISID = 33,
	ISCSI_P_INITIATOR_NAME = 34,
	ISCSI_P_TGT_RESET_TMO = 35,
	ISCSI_P_TARGET_ALIAS = 36,
	ISCSI_P_DEF_TIME2WAIT = 49,
	ISCSI_P_DEF_TIME2RETAIN = 50,
};

/* STOP_CONN flags (iscsi_if.h): a recovery keeps the session */
#define ISCSI_STOP_CONN_RECOVER 3

/* Open the netlink socket and read the transport's handle; -ENOENT when
 * iscsi_tcp is not loaded. */
int iscsi_nl_open(struct iscsi_nl *n, const char *transport);
void iscsi_nl_close(struct iscsi_nl *n);

int iscsi_nl_create_session(struct iscsi_nl *n, uint32_t cmdsn, uint16_t cmds_max,
			    uint16_t qdepth, uint32_t *sid, uint32_t *host);
int iscsi_nl_destroy_session(struct iscsi_nl *n, uint32_t sid);
int iscsi_nl_create_conn(struct iscsi_nl *n, uint32_t sid, uint32_t *cid);
int iscsi_nl_destroy_conn(struct iscsi_nl *n, uint32_t sid, uint32_t cid);
int iscsi_nl_bind_conn(struct iscsi_nl *n, uint32_t sid, uint32_t cid, int sockfd);
int iscsi_nl_set_param(struct iscsi_nl *n, uint32_t sid, uint32_t cid,
		       enum iscsi_nl_param p, const char *value);
int iscsi_nl_start_conn(struct iscsi_nl *n, uint32_t sid, uint32_t cid);
int iscsi_nl_stop_conn(struct iscsi_nl *n, uint32_t sid, uint32_t cid, uint32_t flag);

/* The SCSI command PDUs the kernel sent on connection sid/cid since it
 * was created (ISCSI_UEVENT_GET_STATS, struct iscsi_stats' scsicmd_pdus).
 * Each took one CmdSN of the session (libiscsi iscsi_prep_scsi_cmd_pdu:
 * cmdsn++ beside scsicmd_pdus_cnt++), so the session's next CmdSN is its
 * initial one plus this count. */
int iscsi_nl_cmd_pdus(struct iscsi_nl *n, uint32_t sid, uint32_t cid, uint32_t *cnt);

/* One message read from a socket of iscsi_nl_open used for nothing but
 * the kernel's events (requests on it would lose events to the reply
 * loop): 1 with the session's *sid for an ISCSI_KEVENT_CONN_ERROR, 0 for
 * any other, -EINVAL if short. */
int iscsi_nl_conn_error(const void *buf, size_t len, uint32_t *sid);

#endif
