/* mpinit iscsi: log in to every portal the command line names
 * (netroot=iscsi:..., rd.iscsi.initiator=; iscsiconf.c parses) with the
 * iscsi applet (src/iscsi/main.c), one process a portal, all at once: an
 * unreachable portal costs its timeout once, not once per portal.
 *
 * Without netroot= (and without rd.iscsi.firmware), the portals of
 * /etc/mpboot/iscsi: the host's node records, as mpboot-mkinitramfs wrote
 * them in the same one-a-line form, root-only.
 *
 * Secrets: the applet reads each CHAP secret from a file ("-w @FILE"),
 * written here mode 0600 under /run (tmpfs) and removed once the applet
 * has exited, so no secret is ever in an argv (/proc/PID/cmdline is
 * world-readable), on the console or in the kernel log.  Messages name
 * the portal by address, never by its netroot= text. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "iscsiconf.h"
#include "log.h"
#include "mpinit.h"
#include "str.h"

#define SECRET_DIR "/run/mpboot-iscsi"
/* mpboot-mkinitramfs: the host's node records as netroot= lines, 0600 */
#define NODES_FILE "/etc/mpboot/iscsi"
#define INITIATOR_FILE "/etc/iscsi/initiatorname.iscsi"

static int take_arg(void *ctx, const char *key, const char *val, int has_val)
{
	struct iscsi_boot *c = ctx;
	const char *why;
	int r = iscsi_conf_add(c, key, val, has_val, &why);

	/* the value may hold CHAP secrets: only the reason is shown */
	if (r < 0)
		log_msg("%s= (portal %u): %s, ignored", key, c->n + 1, why);
	return 0;
}

static int take_initiator(void *ctx, const char *key, const char *val, int has_val)
{
	if (!has_val || strcmp(key, "InitiatorName") || !iscsi_name_ok(val))
		return 0;
	strcpy(ctx, val);
	return 1;
}

/* The initiator name: rd.iscsi.initiator=, else the first valid
 * InitiatorName= line of the image's /etc/iscsi/initiatorname.iscsi
 * (mpboot-mkinitramfs copies the host's). */
static int initiator(struct iscsi_boot *c)
{
	if (!c->initiator[0] && !access(INITIATOR_FILE, F_OK))
		args_read(INITIATOR_FILE, take_initiator, c->initiator);
	if (c->initiator[0])
		return 0;
	log_msg("iscsi: no initiator name: give rd.iscsi.initiator=");
	return -ENOENT;
}

/* The secret s into a 0600 file; at[size] gets "@FILE", the applet's
 * argument for it. */
static int put_secret(char *at, size_t size, unsigned int i, const char *tag,
		      const char *s)
{
	int fd, r = 0;
	size_t n = strlen(s);

	if (str_fmt(at, size, "@" SECRET_DIR "/%u.%s", i, tag))
		return -ENAMETOOLONG;
	fd = open(at + 1, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return -errno;
	if (write(fd, s, n) != (ssize_t)n || write(fd, "\n", 1) != 1)
		r = -EIO;
	close(fd);
	return r;
}

/* Start the applet for portal i; its pid, or -errno. */
static pid_t login(const struct iscsi_boot *c, unsigned int i, const char *applet,
		   unsigned int timeout_s, char sec[2][64])
{
	const struct iscsi_boot_portal *p = &c->portals[i];
	char port[8], tmo[12];
	const char *argv[20];
	int k = 0, r;
	pid_t pid;

	snprintf(port, sizeof(port), "%u", p->port);
	snprintf(tmo, sizeof(tmo), "%u", timeout_s);
	argv[k++] = applet;
	argv[k++] = "-i", argv[k++] = c->initiator;
	argv[k++] = "-t", argv[k++] = p->target;
	argv[k++] = "-a", argv[k++] = p->server;
	argv[k++] = "-p", argv[k++] = port;
	argv[k++] = "-T", argv[k++] = tmo;
	if (p->user[0]) {
		if ((r = put_secret(sec[0], 64, i, "pass", p->pass)))
			return r;
		argv[k++] = "-u", argv[k++] = p->user;
		argv[k++] = "-w", argv[k++] = sec[0];
	}
	if (p->ruser[0]) {
		if ((r = put_secret(sec[1], 64, i, "rpass", p->rpass)))
			return r;
		argv[k++] = "-U", argv[k++] = p->ruser;
		argv[k++] = "-W", argv[k++] = sec[1];
	}
	argv[k] = NULL;
	pid = fork();
	if (pid == 0) {
		execv(applet, (char *const *)argv);
		log_err(errno, "iscsi %s:%u: exec %s:", p->server, p->port, applet);
		_exit(127);
	}
	return pid < 0 ? -errno : pid;
}

int iscsi_up(const char *args, const char *applet, unsigned int timeout_s)
{
	static struct iscsi_boot c;
	static char sec[ISCSI_MAX_PORTALS][2][64];
	pid_t pid[ISCSI_MAX_PORTALS];
	unsigned int i, j, ok = 0;
	int r, st;

	memset(&c, 0, sizeof(c));
	memset(sec, 0, sizeof(sec));
	if ((r = args_read(args, take_arg, &c)))
		return r;
	/* the command line's portals win; else the image's own */
	if (!c.n && !c.firmware && !access(NODES_FILE, F_OK) &&
	    (r = args_read(NODES_FILE, take_arg, &c)))
		return r;
	if (!c.n) {
		log_msg("iscsi: no netroot=iscsi: portal");
		return -ENOENT;
	}
	if ((r = initiator(&c)))
		return r;
	umask(077);
	if (mkdir(SECRET_DIR, 0700) && errno != EEXIST) {
		r = -errno;
		log_err(r, "iscsi: %s:", SECRET_DIR);
		return r;
	}
	for (i = 0; i < c.n; i++) {
		pid[i] = login(&c, i, applet, timeout_s, sec[i]);
		if (pid[i] < 0)
			log_err(pid[i], "iscsi %s:%u: start:", c.portals[i].server,
				c.portals[i].port);
	}
	for (i = 0; i < c.n; i++) {
		if (pid[i] < 0)
			continue;
		while ((r = (int)waitpid(pid[i], &st, 0)) < 0 && errno == EINTR)
			;
		if (r > 0 && WIFEXITED(st) && !WEXITSTATUS(st))
			ok++;
		for (j = 0; j < 2; j++)
			if (sec[i][j][0])
				unlink(sec[i][j] + 1);
	}
	/* what the secrets were, gone from this process too */
	memset(&c, 0, sizeof(c));
	log_msg("iscsi: %u of %u portal(s) logged in", ok, i);
	return ok == i ? 0 : ok ? -EAGAIN : -EHOSTUNREACH;
}
