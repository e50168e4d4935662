/* udev synchronisation of device-mapper maps; see dmudev.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/sem.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/stat.h>

#include "dm.h"
#include "dmudev.h"
#include "str.h"

#ifndef MPBOOT_KLIBC
/* glibc wants the caller to define the semctl argument union. */
union semun {
	int val;
	void *p;
};
static int sem_set(int id, int cmd, int val)
{
	union semun u = { .val = val };

	return semctl(id, 0, cmd, u);
}
#else
static int sem_set(int id, int cmd, int val)
{
	return semctl(id, 0, cmd, val);
}
#endif

uint32_t dm_udev_event_nr(uint16_t flags, uint32_t cookie)
{
	return ((uint32_t)flags << DM_UDEV_FLAGS_SHIFT) | (cookie & 0xffffu);
}

/* Does a udevd listen on root/run/udev/control?  The socket file outlives
 * udevd (a rescue shell, an installer whose udev was stopped, an initramfs
 * that ran udev and stopped it), and a tool that took it for a live udevd
 * waited DM_UDEV_TIMEOUT_MS for cookies nobody completes.  A connect
 * tells: refused (or not a socket) when nobody listens; a connection
 * queued, or a full backlog (EAGAIN, non-blocking), when udevd is there.
 * udevd closes a connection that sends nothing. */
static int udevd_listens(const char *root)
{
	struct sockaddr_un sa;
	int fd, r;

	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	if (str_fmt(sa.sun_path, sizeof(sa.sun_path), "%s/run/udev/control", root))
		return 0;
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return 0;
	r = connect(fd, (struct sockaddr *)&sa, sizeof(sa));
	r = !r || errno == EAGAIN || errno == EINPROGRESS;
	close(fd);
	return r;
}

int dm_udev_detect(const char *root)
{
	static const char *const rules[] = {
		"/etc/udev/rules.d/95-dm-notify.rules",
		"/lib/udev/rules.d/95-dm-notify.rules",
		"/usr/lib/udev/rules.d/95-dm-notify.rules",
	};
	char path[256];
	const char *e = getenv("DM_DISABLE_UDEV");
	size_t i;

	if (e && *e)
		return 0;
	if (!udevd_listens(root))
		return 0;
	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		if (!str_fmt(path, sizeof(path), "%s%s", root, rules[i]) &&
		    !access(path, F_OK))
			return 1;
	return 0;
}

/* A new semaphore with a random key DM_COOKIE_MAGIC << 16 | base, value 1
 * (the run's own count, dropped when it starts waiting). */
static int cookie_create(struct dm_ctx *ctx)
{
	unsigned int tries;
	uint16_t base = 0;
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);

	for (tries = 0; tries < 64; tries++) {
		uint32_t key;
		int id;

		if (fd < 0 || read(fd, &base, sizeof(base)) != sizeof(base))
			base = (uint16_t)(getpid() * 2654435761u + tries * 40503u +
					  (unsigned int)time(NULL));
		if (!base)
			continue;
		key = (uint32_t)DM_COOKIE_MAGIC << 16 | base;
		id = semget((key_t)key, 1, 0600 | IPC_CREAT | IPC_EXCL);
		if (id < 0) {
			if (errno == EEXIST)
				continue;
			break;
		}
		if (sem_set(id, SETVAL, 1) < 0) {
			sem_set(id, IPC_RMID, 0);
			break;
		}
		if (fd >= 0)
			close(fd);
		ctx->semid = id;
		ctx->cookie = key;
		return 0;
	}
	if (fd >= 0)
		close(fd);
	return -1;
}

uint32_t dm_udev_get(struct dm_ctx *ctx)
{
	struct sembuf inc = { 0, 1, 0 };

	if (!ctx->udev)
		return 0;
	if (!ctx->cookie && cookie_create(ctx)) {
		ctx->udev = 0; /* no semaphores: go on unsynchronised */
		return 0;
	}
	if (semtimedop(ctx->semid, &inc, 1, NULL) < 0)
		return 0;
	return ctx->cookie;
}

void dm_udev_put(struct dm_ctx *ctx)
{
	struct sembuf dec = { 0, -1, IPC_NOWAIT };

	if (ctx->cookie)
		semtimedop(ctx->semid, &dec, 1, NULL);
}

int dm_udev_wait(struct dm_ctx *ctx, unsigned int timeout_ms)
{
	struct sembuf zero = { 0, 0, 0 };
	struct timespec ts;
	unsigned int intr = 0;
	int r = 0;

	if (!ctx->cookie)
		return 0;
	dm_udev_put(ctx); /* the run's own count */
	ts.tv_sec = timeout_ms / 1000;
	ts.tv_nsec = (long)(timeout_ms % 1000) * 1000000L;
	while (semtimedop(ctx->semid, &zero, 1, &ts) < 0) {
		if (errno == EINTR && ++intr < 100)
			continue; /* a signal: wait again (bounded) */
		if (errno == EAGAIN) {
			ctx->what = "udev did not process every event in time";
			r = -ETIMEDOUT;
		} else if (errno != EIDRM) {
			ctx->what = "wait for udev";
			r = -errno;
		}
		break;
	}
	sem_set(ctx->semid, IPC_RMID, 0);
	ctx->cookie = 0;
	ctx->semid = -1;
	return r;
}
