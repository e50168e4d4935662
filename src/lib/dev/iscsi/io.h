/* The TCP side of a login: connect with a deadline, one PDU out, one PDU
 * in, every wait bounded by a deadline on clock_ms(). */
#ifndef MPBOOT_ISCSI_IO_H
#define MPBOOT_ISCSI_IO_H

#include <stddef.h>
#include <stdint.h>

#include "iscsi/pdu.h"

/* A connected TCP socket to addr (IPv4 or IPv6 literal) and port in *fd:
 * 0, -EINVAL for an address that is no IP literal, -ETIMEDOUT, or the
 * connect's -errno (-ECONNREFUSED, -ENETUNREACH...). */
int iscsi_tcp_connect(const char *addr, uint16_t port, int timeout_ms, int *fd);

/* Send p with data[0..p->dlen) and its padding; 0 or -errno. */
int iscsi_send(int fd, const struct iscsi_pdu *p, const void *data, uint64_t deadline);

/* Receive one PDU, its data (at most max bytes, -EMSGSIZE beyond) into
 * data; 0, -ETIMEDOUT, -ECONNRESET on EOF, -EPROTO for a bad BHS. */
int iscsi_recv(int fd, struct iscsi_pdu *p, void *data, size_t max, uint64_t deadline);

#endif
