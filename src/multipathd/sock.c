/* The control socket's name, both ends.  It is multipath-tools' abstract
 * name (MPD_SOCKET): no file, no directory to protect, but any local user
 * may bind it while no daemon holds it (issue 24).  So the daemon, when
 * the name is taken, asks the holder who it is and says whether it is an
 * impostor (not root) or another multipathd; and the client talks only to
 * a root server (SO_PEERCRED: the credentials of the process that
 * listened), with every wait bounded. */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include "conn.h"
#include "sock.h"

static socklen_t addr(struct sockaddr_un *sa)
{
	memset(sa, 0, sizeof(*sa));
	sa->sun_family = AF_UNIX;
	memcpy(sa->sun_path + 1, MPD_SOCKET, strlen(MPD_SOCKET));
	return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + strlen(MPD_SOCKET));
}

int mpd_sock_connect(struct ucred *cr, unsigned int ms)
{
	struct timeval tv = { (time_t)(ms / 1000), (suseconds_t)(ms % 1000) * 1000 };
	struct sockaddr_un sa;
	socklen_t sl = addr(&sa), cl = sizeof(*cr);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0), r;

	if (fd < 0)
		return -errno;
	/* SO_SNDTIMEO bounds the connect too, when the backlog is full */
	if (setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) ||
	    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) ||
	    connect(fd, (struct sockaddr *)&sa, sl) ||
	    getsockopt(fd, SOL_SOCKET, SO_PEERCRED, cr, &cl)) {
		r = errno == EINPROGRESS || errno == EAGAIN ? -ETIMEDOUT : -errno;
		close(fd);
		return r;
	}
	return fd;
}

int mpd_sock_listen(struct ucred *holder)
{
	struct sockaddr_un sa;
	socklen_t sl = addr(&sa);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0), r;

	if (fd < 0)
		return -errno;
	if (!bind(fd, (struct sockaddr *)&sa, sl) && !listen(fd, CONN_BACKLOG))
		return fd;
	r = -errno;
	close(fd);
	holder->uid = (uid_t)-1;
	holder->pid = 0;
	if (r == -EADDRINUSE) {
		fd = mpd_sock_connect(holder, 1000);
		if (fd >= 0)
			close(fd);
	}
	return r;
}
