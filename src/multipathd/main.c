/* multipathd: keep multipath maps right after boot.  One process, one
 * poll loop (daemon.c); this file is argv, the client mode and the
 * daemon's start.
 *
 *   multipathd [-d] [-s] [-w] [-P] [-v N] [-i secs] [-n queue|fail|N]
 *              [-b immediate|manual|N] [-p policy] [-c tur|directio|readsector0]
 *   multipathd [-k] COMMAND... | -kCOMMAND   send a command to the running daemon
 *
 * Exit: 0 ok, 1 failure, 2 usage. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "conf_values.h"
#include "state.h"
#include "log.h"
#include "mpd.h"
#include "opt.h"
#include "sock.h"
#include "state.h"
#include "str.h"

/* The synopsis only; the options and commands are described in
 * mpboot-multipathd(8) (here they were 320 bytes of the size budget). */
static const char usage[] =
	"usage: multipathd [-d] [-s] [-w] [-P] [-v N] [-i secs] [-n npr] [-b failback] [-p policy] [-c checker]\n"
	"       multipathd [-k] COMMAND | -kCOMMAND   e.g. show maps json, fail path sdb\n"
	"see mpboot-multipathd(8)\n";

/* Client: one command, multipath-tools' framing (a size_t length that
 * counts the NUL, then the bytes), the reply likewise. */
static int client(int argc, char **argv)
{
	struct timeval tv = { MPD_REPLY_MS / 1000, 0 };
	struct ucred cr;
	char cmd[256], buf[OB_CHUNK + 1];
	size_t len = 0, rlen, n;
	int fd, i, bad = -1;

	cmd[0] = '\0';
	for (i = 0; i < argc; i++) {
		if (str_fmt(cmd + len, sizeof(cmd) - len, "%s%s", i ? " " : "", argv[i])) {
			log_msg("command too long");
			return 2;
		}
		len += strlen(cmd + len);
	}
	fd = mpd_sock_connect(&cr, MPD_CONNECT_MS);
	if (fd < 0) {
		log_err(fd, "cannot reach multipathd:");
		return 1;
	}
	/* anyone may hold the name while no daemon runs (sock.c) */
	if (cr.uid != 0) {
		log_msg("the control socket is held by uid %u (pid %d), not root: "
			"not multipathd", (unsigned int)cr.uid, (int)cr.pid);
		close(fd);
		return 1;
	}
	len++;
	if (mpd_io_all(fd, &len, sizeof(len), 1) || mpd_io_all(fd, cmd, len, 1) ||
	    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) ||
	    mpd_io_all(fd, &rlen, sizeof(rlen), 0)) {
		log_msg("no reply (within %u s)", MPD_REPLY_MS / 1000);
		close(fd);
		return 1;
	}
	/* passed on a chunk at a time, however long: a "show maps json" of
	 * 16 384 paths is about 13 MB, and the client's memory stays 4 KiB */
	for (; rlen; rlen -= n) {
		n = rlen < OB_CHUNK ? rlen : OB_CHUNK;
		if (mpd_io_all(fd, buf, n, 0)) {
			log_msg("short reply");
			close(fd);
			return 1;
		}
		buf[n] = '\0'; /* fputs stops at the framing's NUL */
		if (bad < 0)
			bad = !strncmp(buf, "fail", 4) || !strncmp(buf, "error", 5);
		fputs(buf, stdout);
	}
	close(fd);
	return bad > 0;
}

/* multipath-tools 0.9.4's letters: -s (no timestamps: ours never has
 * them) and -w (no dmevents polling: ours follows uevents) are no-ops;
 * -B is refused; its -n (no argument, deprecated there) is ours with one. */
#define MPD_UNSUPPORTED "B"

/* The daemon's options into d: 0 to start the daemon, 1 for -h, 2 for a
 * command to send (argv from o->ind on), 3 for -k with none, -1 for a
 * usage error. */
static int parse_opts(struct mpd *d, struct opt *o, int argc, char **argv)
{
	unsigned int n;
	int k;

	while ((k = opt_next(o, argc, argv, "hdPswk::v:i:n:c:p:b:")) != -1) {
		switch (k) {
		case 'h':
			return 1;
		case 'd':
			d->foreground = 1;
			break;
		case 'P':
			d->partitions = 0;
			break;
		case 's':
		case 'w':
			break;
		case 'k':
			/* -kCMD: that command; -k CMD...: the operands */
			if (o->arg)
				argv[--o->ind] = (char *)o->arg;
			return o->ind < argc ? 2 : 3;
		case 'v':
			if (str_to_uint(o->arg, 9, &n))
				return -1;
			d->verbose = (int)n;
			break;
		case 'i':
			if (str_to_uint(o->arg, 3600, &n) || !n)
				return -1;
			d->interval_ms = n * 1000u;
			d->interval_set = (int)n;
			break;
		case 'n':
			if (npr_parse(o->arg, &d->npr_mode))
				return -1;
			d->npr_set = 1;
			break;
		case 'c':
			if (mpd_checker_parse(o->arg, &d->checker))
				return -1;
			d->checker_set = 1;
			break;
		case 'p':
			if (mp_policy_parse(o->arg, &d->policy))
				return -1;
			d->policy_set = 1;
			break;
		case 'b':
			if (mp_value_parse(MP_V_FB, o->arg, &d->failback))
				return -1;
			d->failback_set = 1;
			break;
		default:
			return -1;
		}
	}
	return o->ind < argc ? 2 : 0;
}

int main(int argc, char **argv)
{
	static struct mpd d;
	struct opt o = OPT_INIT;
	int r;

	log_init("multipathd");
	mpd_defaults(&d);
	r = parse_opts(&d, &o, argc, argv);
	if (r == 1)
		return log_help(usage);
	if (r == 2) /* operands: a command for the running daemon */
		return client(argc - o.ind, argv + o.ind);
	if (r == 3) {
		log_msg("-k without a command (interactive mode): not supported");
		return 2;
	}
	if (r)
		return log_usage(usage, o.bad, MPD_UNSUPPORTED);
	if (geteuid() != 0) {
		log_msg("must run as root");
		return 1;
	}
	r = mpd_run(&d);
	return r ? 1 : 0;
}
