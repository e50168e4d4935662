/* multipathd: keep multipath maps right after boot.  One process, one
 * poll loop (daemon.c); this file is argv, the client mode and the
 * daemon's start.
 *
 *   multipathd [-d] [-v N] [-i secs] [-n queue|fail|N] [-b immediate|manual|N]
 *              [-p policy] [-c tur|directio|readsector0] [-P]
 *   multipathd [-k] COMMAND...    send a command to the running daemon
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

#include "daemon.h"
#include "log.h"
#include "mpd.h"
#include "sock.h"
#include "str.h"

/* Terse: every option, each in a few words; mpboot-multipathd(8) has the
 * rest (the text is in the size budget). */
static const char usage[] =
	"usage: multipathd [-d] [-v N] [-i secs] [-n queue|fail|N]\n"
	"                  [-b immediate|manual|followover|N] [-p policy]\n"
	"                  [-c tur|directio|readsector0] [-P]\n"
	"       multipathd [-k] COMMAND   e.g. show maps json, fail path sdb\n"
	"  -d foreground  -i polling_interval  -n no_path_retry  -b failback\n"
	"  -c checker  -p grouping policy  -P no partition maps\n"
	"Commands: show paths|maps|topology|daemon, show maps json,\n"
	"  reconfigure, add|del|fail|reinstate path sdX, shutdown\n";

/* Client: one command, multipath-tools' framing (a size_t length that
 * counts the NUL, then the bytes), the reply likewise. */
static int client(int argc, char **argv)
{
	struct timeval tv = { MPD_REPLY_MS / 1000, 0 };
	struct ucred cr;
	char cmd[256], *reply;
	size_t len = 0, rlen;
	int fd, i;

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
	if (mpd_write_all(fd, &len, sizeof(len)) || mpd_write_all(fd, cmd, len) ||
	    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) ||
	    mpd_read_all(fd, &rlen, sizeof(rlen)) || rlen > MPD_MAX_REPLY ||
	    !(reply = malloc(rlen + 1))) {
		log_msg("multipathd: no reply (within %u s)", MPD_REPLY_MS / 1000);
		close(fd);
		return 1;
	}
	if (mpd_read_all(fd, reply, rlen)) {
		log_msg("multipathd: short reply");
		free(reply);
		close(fd);
		return 1;
	}
	close(fd);
	reply[rlen] = '\0';
	fputs(reply, stdout);
	i = !strncmp(reply, "fail", 4) || !strncmp(reply, "error", 5);
	free(reply);
	return i;
}

int main(int argc, char **argv)
{
	static struct mpd d;
	int i, r;
	unsigned int n;

	log_init("multipathd");
	mpd_defaults(&d);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (a[0] != '-')
			return client(argc - i, argv + i);
		if (!strcmp(a, "-k"))
			return i + 1 < argc ? client(argc - i - 1, argv + i + 1) :
					      (fputs(usage, stderr), 2);
		if (!strcmp(a, "-h")) {
			fputs(usage, stdout);
			return 0;
		}
		if (!strcmp(a, "-P")) {
			d.partitions = 0;
			continue;
		}
		if (!strcmp(a, "-d")) {
			d.foreground = 1;
			continue;
		}
		if (i + 1 >= argc)
			goto bad;
		if (!strcmp(a, "-v")) {
			if (str_to_uint(argv[++i], 9, &n))
				goto bad;
			d.verbose = (int)n;
		} else if (!strcmp(a, "-i")) {
			if (str_to_uint(argv[++i], 3600, &n) || !n)
				goto bad;
			d.interval_ms = n * 1000u;
		} else if (!strcmp(a, "-n")) {
			if (npr_parse(argv[++i], &d.npr_mode))
				goto bad;
		} else if (!strcmp(a, "-c")) {
			if (mpd_checker_parse(argv[++i], &d.checker))
				goto bad;
			d.checker_set = 1;
		} else if (!strcmp(a, "-p")) {
			if (mp_policy_parse(argv[++i], &d.policy))
				goto bad;
			d.policy_set = 1;
		} else if (!strcmp(a, "-b")) {
			if (mpd_failback_parse(argv[++i], &d.failback))
				goto bad;
			d.failback_set = 1;
		} else {
			goto bad;
		}
	}
	if (geteuid() != 0) {
		log_msg("must run as root");
		return 1;
	}
	r = mpd_run(&d);
	return r ? 1 : 0;
bad:
	fputs(usage, stderr);
	return 2;
}
