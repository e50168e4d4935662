#include <arpa/inet.h> /* klibc: struct sockaddr_in6 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "clock.h"
#include "iscsi/inaddr.h"
#include "io.h"

/* Wait for ev on fd until deadline: 0, -ETIMEDOUT, -errno. */
static int wait_fd(int fd, short ev, uint64_t deadline)
{
	struct pollfd p = { .fd = fd, .events = ev };
	uint64_t now;
	int r;

	for (;;) {
		now = clock_ms();
		if (now >= deadline)
			return -ETIMEDOUT;
		r = poll(&p, 1, (int)(deadline - now > 60000 ? 60000 : deadline - now));
		if (r > 0)
			return 0;
		if (r < 0 && errno != EINTR)
			return -errno;
	}
}

int iscsi_tcp_connect(const char *addr, uint16_t port, int timeout_ms, int *fdp)
{
	union {
		struct sockaddr sa;
		struct sockaddr_in in;
		struct sockaddr_in6 in6;
	} sa;
	socklen_t len = sizeof(sa.in), el = sizeof(int);
	int fd, r, on = 1, err = 0, family;
	uint8_t a[16];

	memset(&sa, 0, sizeof(sa));
	if (iscsi_inaddr(addr, &family, a))
		return -EINVAL;
	if (family == AF_INET) {
		sa.in.sin_family = AF_INET;
		sa.in.sin_port = htons(port);
		memcpy(&sa.in.sin_addr, a, 4);
	} else {
		sa.in6.sin6_family = AF_INET6;
		sa.in6.sin6_port = htons(port);
		memcpy(&sa.in6.sin6_addr, a, 16);
		len = sizeof(sa.in6);
	}
	fd = socket(sa.sa.sa_family, SOCK_STREAM, 0);
	if (fd < 0)
		return -errno;
	/* non-blocking for the connect only: a dead portal then costs the
	 * deadline, not the kernel's SYN retries (about two minutes) */
	if (fcntl(fd, F_SETFL, O_NONBLOCK) < 0)
		goto fail;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
	if (connect(fd, &sa.sa, len) < 0) {
		if (errno != EINPROGRESS)
			goto fail;
		r = wait_fd(fd, POLLOUT, clock_ms() + (uint64_t)timeout_ms);
		if (r) {
			close(fd);
			return r;
		}
		if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &el) < 0)
			goto fail;
		if (err) {
			close(fd);
			return -err;
		}
	}
	/* blocking again, as iscsi_tcp gets it after the login */
	if (fcntl(fd, F_SETFL, 0) < 0)
		goto fail;
	*fdp = fd;
	return 0;
fail:
	r = -errno;
	close(fd);
	return r;
}

static int send_all(int fd, const uint8_t *b, size_t n, uint64_t deadline)
{
	ssize_t w;
	int r;

	while (n) {
		r = wait_fd(fd, POLLOUT, deadline);
		if (r)
			return r;
		w = send(fd, b, n, MSG_DONTWAIT | MSG_NOSIGNAL);
		if (w < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			return -errno;
		}
		b += w;
		n -= (size_t)w;
	}
	return 0;
}

static int recv_all(int fd, uint8_t *b, size_t n, uint64_t deadline)
{
	ssize_t g;
	int r;

	while (n) {
		r = wait_fd(fd, POLLIN, deadline);
		if (r)
			return r;
		g = recv(fd, b, n, MSG_DONTWAIT);
		if (g == 0)
			return -ECONNRESET;
		if (g < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			return -errno;
		}
		b += g;
		n -= (size_t)g;
	}
	return 0;
}

int iscsi_send(int fd, const struct iscsi_pdu *p, const void *data, uint64_t deadline)
{
	static const uint8_t zero[4];
	uint8_t bhs[ISCSI_BHS_LEN];
	int r = iscsi_pdu_build(p, bhs);

	if (!r)
		r = send_all(fd, bhs, sizeof(bhs), deadline);
	if (!r && p->dlen)
		r = send_all(fd, data, p->dlen, deadline);
	if (!r && (p->dlen & 3)) /* §11.2.3: data padded to 4 bytes */
		r = send_all(fd, zero, 4 - (p->dlen & 3), deadline);
	return r;
}

int iscsi_recv(int fd, struct iscsi_pdu *p, void *data, size_t max, uint64_t deadline)
{
	uint8_t bhs[ISCSI_BHS_LEN], pad[4];
	int r = recv_all(fd, bhs, sizeof(bhs), deadline);

	if (!r)
		r = iscsi_pdu_parse(bhs, sizeof(bhs), p);
	if (r)
		return r;
	if (p->dlen > max)
		return -EMSGSIZE;
	r = recv_all(fd, data, p->dlen, deadline);
	if (!r && (p->dlen & 3))
		r = recv_all(fd, pad, 4 - (p->dlen & 3), deadline);
	return r;
}
