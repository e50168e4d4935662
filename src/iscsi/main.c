/* iscsi: log in to one iSCSI target portal and hand the session to the
 * kernel (iscsi_tcp), as open-iscsi's iscsistart; or list a portal's
 * targets (SendTargets discovery).  The command line is stable (the init
 * phase and man/iscsi.8 use it):
 *
 *   iscsi -i INITIATOR -t TARGET -a ADDRESS [-p PORT] [-g TPGT]
 *         [-u USER -w SECRET [-U TUSER -W TSECRET]] [-T SECONDS] [-n] [-v]
 *   iscsi -d -i INITIATOR -a ADDRESS [-p PORT] [-u USER -w SECRET ...]
 *
 * A SECRET "@FILE" is read from FILE (first line); secret arguments are
 * wiped from the process's command line at once, and no secret is ever
 * printed, logged or given to the kernel.
 * A login leaves its record, /run/mpboot/iscsi/SID (mode 0600: it holds
 * the secrets): the arguments of the re-login after a connection loss,
 * which multipathd runs (issue 19; docs/iscsi.md).
 * Output: login: "ADDRESS:PORT,TPGT TARGET session SID host HOST";
 * discovery: one "ADDRESS:PORT,TPGT TARGET" line per portal (iscsiadm's
 * format).  Exit 0; 1 when the portal fails (one line on stderr naming
 * the portal and the step); 2 for bad usage. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "afile.h"
#include "iscsi/sendtargets.h"
#include "iscsi/session.h"
#include "log.h"
#include "opt.h"
#include "str.h"

static const char usage[] =
	"usage: iscsi -i INITIATOR -t TARGET -a ADDRESS [-p PORT] [-g TPGT]\n"
	"             [-u USER -w SECRET [-U TUSER -W TSECRET]] [-T SECONDS] [-n] [-v]\n"
	"       iscsi -d -i INITIATOR -a ADDRESS [-p PORT] [-u USER -w SECRET]\n"
	"Log in to an iSCSI target and give the session to the kernel (-n: no\n"
	"LUN scan; -v: show the login's keys), or list the targets of a portal\n"
	"(-d).  SECRET @FILE: read it from FILE.\n";

#define SECRET_MAX 256
#define DISC_MAX 65536
#define PORTALS_MAX 256
#define REC_DIR "/run/mpboot/iscsi"

struct opts {
	struct iscsi_node n;
	struct chap_secret chap, mutual;
	char sec[2][SECRET_MAX];
	int discover, noscan, verbose;
	unsigned int sid;               /* -r SID: a re-login, 0: none */
	uint64_t isid;                  /* -I (from the record) */
	const char *why; /* a usage error's own line, after the usage */
};

/* -v: the login's keys on stderr; CHAP's challenge and response
 * masked (with the challenge, a response allows guessing the secret
 * offline) */
static void trace(void *arg, char dir, const char *k, const char *v)
{
	(void)arg;
	if (!strcmp(k, "CHAP_R") || !strcmp(k, "CHAP_C"))
		v = "...";
	fprintf(stderr, "iscsi: %c %s=%s\n", dir, k, v);
}

/* Take a secret out of argv (wiping it there) or from @FILE. */
static int secret(char *arg, char *out, struct chap_secret *c)
{
	ssize_t g;
	int fd;

	if (arg[0] == '@') {
		fd = open(arg + 1, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return -errno;
		g = read(fd, out, SECRET_MAX);
		close(fd);
		if (g < 0)
			return -EIO;
		if (g == SECRET_MAX)
			return -E2BIG;
		out[g] = '\0';
		out[strcspn(out, "\r\n")] = '\0';
	} else {
		if (str_copy(out, arg, SECRET_MAX))
			return -E2BIG;
		memset(arg, 0, strlen(arg));
	}
	c->secret = out;
	c->len = strlen(out);
	return c->len ? 0 : -EINVAL;
}

/* The options together: what is required, names that are iSCSI names,
 * CHAP names with their secrets, mutual CHAP only on top of CHAP and with
 * a secret of its own.  0, or -EINVAL (o->why when there is more to say). */
static int check_opts(struct opts *o)
{
	if (!o->n.initiator || !o->n.addr ||
	    !o->discover == !o->n.target || !iscsi_name_ok(o->n.initiator) ||
	    (o->n.target && !iscsi_name_ok(o->n.target)) ||
	    !o->chap.name != !o->chap.secret || !o->mutual.name != !o->mutual.secret ||
	    (o->mutual.name && !o->chap.name))
		return -EINVAL;
	if (o->chap.name)
		o->n.chap = &o->chap;
	if (o->mutual.name)
		o->n.mutual = &o->mutual;
	/* RFC 7143 §12.1.3: each direction its own secret */
	if (o->mutual.name && o->mutual.len == o->chap.len &&
	    !memcmp(o->mutual.secret, o->chap.secret, o->chap.len)) {
		o->why = "-W: the target's secret must differ from ours (RFC 7143 12.1.3)";
		return -EINVAL;
	}
	return 0;
}

static int parse(int argc, char **argv, struct opts *o)
{
	struct opt a = OPT_INIT;
	unsigned int v;
	int c, r;

	o->n.port = 3260;
	o->n.tpgt = -1;
	o->n.timeout_ms = 15000;
	while ((c = opt_next(&a, argc, argv, "i:t:a:p:g:u:w:U:W:T:I:r:ndv")) != -1) {
		switch (c) {
		case 'i': o->n.initiator = a.arg; break;
		case 't': o->n.target = a.arg; break;
		case 'a': o->n.addr = a.arg; break;
		case 'p':
			if (str_to_uint(a.arg, 65535, &v) || !v)
				return -EINVAL;
			o->n.port = (uint16_t)v;
			break;
		case 'g':
			if (str_to_uint(a.arg, 65535, &v))
				return -EINVAL;
			o->n.tpgt = (int32_t)v;
			break;
		case 'T':
			if (str_to_uint(a.arg, 3600, &v) || !v)
				return -EINVAL;
			o->n.timeout_ms = (int)v * 1000;
			break;
		case 'u': o->chap.name = a.arg; break;
		case 'U': o->mutual.name = a.arg; break;
		case 'w':
		case 'W':
			/* a.arg is in argv, writable: secret() wipes it there */
			r = secret((char *)a.arg, o->sec[c == 'W'], c == 'W' ? &o->mutual : &o->chap);
			if (r) {
				o->why = "-w/-W: no secret (empty, unreadable or over 255 bytes)";
				return r;
			}
			break;
		case 'I': /* internal, from a record: the ISID */
			if (str_to_u64(a.arg, &o->isid))
				return -EINVAL;
			break;
		case 'r': /* internal, from a record: re-login of session SID */
			/* the kernel's session ids start at 1 */
			if (str_to_uint(a.arg, 0xffffffffu, &o->sid))
				return -EINVAL;
			break;
		case 'n': o->noscan = 1; break;
		case 'd': o->discover = 1; break;
		case 'v': o->verbose = 1; break;
		default: return -EINVAL;
		}
	}
	return a.ind != argc ? -EINVAL : check_opts(o);
}

static void fail(const struct iscsi_node *n, const struct iscsi_sess *s, int r)
{
	const char *t = n->target ? n->target : "discovery";

	if (s->l.why[0])
		log_err(0, "%s:%u %s: %s: %s", n->addr, n->port, t, s->l.step, s->l.why);
	else
		log_err(r, "%s:%u %s: %s:", n->addr, n->port, t, s->l.step);
}

static int discover(const struct opts *o, struct iscsi_sess *s)
{
	static char text[DISC_MAX];
	static struct iscsi_portal p[PORTALS_MAX];
	unsigned int i, cnt;
	size_t len;
	int r;

	r = iscsi_sendtargets(s->fd, &s->l, text, sizeof(text), &len);
	close(s->fd);
	if (r)
		return r;
	r = iscsi_sendtargets_parse(text, len, p, PORTALS_MAX, &cnt);
	if (r) {
		snprintf(s->l.why, sizeof(s->l.why), "%s SendTargets answer",
			 r == -E2BIG ? "too long a" : "malformed");
		return r;
	}
	for (i = 0; i < cnt; i++) {
		/* no address: the portal we asked (RFC 7143 §12.3) */
		if (!p[i].addr[0])
			printf("%s:%u,%d %s\n", o->n.addr, o->n.port, (int)s->l.tpgt, p[i].name);
		else if (strchr(p[i].addr, ':'))
			printf("[%s]:%u,%d %s\n", p[i].addr, p[i].port, (int)p[i].tpgt, p[i].name);
		else
			printf("%s:%u,%d %s\n", p[i].addr, p[i].port, (int)p[i].tpgt, p[i].name);
	}
	return 0;
}

/* The login's options as its record, /run/mpboot/iscsi/SID: the argv of
 * its re-login (multipathd's iscsi.c runs it), one argument a line (no
 * name, address or secret holds a newline: names and the address are
 * checked, secrets end at one), with the session's ISID (-I) and SID
 * (-r).
 * Secrets inline: the file is root's, mode 0600, in a 0700 directory of
 * /run (tmpfs), never in an argv. */
static int record(const struct opts *o, const struct iscsi_sess *s)
{
	/* names 223 bytes, CHAP names ISCSI_VALUE_MAX (the login took
	 * them), secrets 255: under 5 400 bytes */
	static char b[8192];
	char path[32];
	unsigned long long isid = 0;
	unsigned int i;
	size_t n;
	int r;

	for (i = 0; i < 6; i++)
		isid = isid << 8 | s->l.isid[i];
	/* -T 5: a re-login runs in multipathd's child, short, so that its
	 * back-off tries again soon after a link comes back */
	r = str_fmt(b, sizeof(b), "-i\n%s\n-t\n%s\n-a\n%s\n-p\n%u\n-I\n%llu\n-r\n%u\n-T\n5\n",
		    o->n.initiator, o->n.target, o->n.addr, o->n.port, isid, s->sid);
	n = strlen(b);
	if (!r && o->n.chap)
		r = str_fmt(b + n, sizeof(b) - n, "-u\n%s\n-w\n%s\n", o->chap.name, o->chap.secret);
	n += strlen(b + n);
	if (!r && o->n.mutual)
		r = str_fmt(b + n, sizeof(b) - n, "-U\n%s\n-W\n%s\n", o->mutual.name, o->mutual.secret);
	n += strlen(b + n);
	if (r)
		return r;
	umask(077); /* afile's 0644 becomes 0600 */
	mkdir("/run/mpboot", 0755);
	mkdir(REC_DIR, 0700);
	snprintf(path, sizeof(path), REC_DIR "/%u", s->sid);
	/* whole or not at all (multipathd may read it at any moment); no
	 * stdio, linked for this file alone */
	return afile_replace(-1, path, b, n);
}

/* The re-login of session o->sid after a connection loss (multipathd's
 * child, with the record's arguments): what open-iscsi's iscsid does at
 * ErrorRecoveryLevel 0 (usr/initiator.c, __session_conn_reopen; usr/
 * login.c): stop the kernel's connection for recovery, log in on a new
 * TCP connection with the session's ISID, TSIH 0 (RFC 7143 §6.3.5
 * session reinstatement: the target ends what is left of the old
 * session), CID 0, then bind the new socket to the same kernel
 * connection, set the parameters and start it.  The kernel's session,
 * its SCSI host and devices stay, and so does its CmdSN counter: iscsid
 * sends its login PDUs through the kernel (SEND_PDU), which stamps that
 * counter into them (libiscsi iscsi_prep_mgmt_task), so the target's new
 * session expects the kernel's next command.  Our login runs on our own
 * socket: it sends that same CmdSN, computed from the kernel's count of
 * commands sent (iscsi_nl_cmd_pdus). */
static int relogin(struct opts *o, struct iscsi_nl *nl, struct iscsi_sess *s)
{
	unsigned int i;
	uint32_t cmds = 0;
	int r;

	s->sid = o->sid;
	s->cid = 0; /* the only one we create (iscsi_session_handoff) */
	for (i = 0; i < 6; i++)
		s->l.isid[i] = (uint8_t)(o->isid >> (40 - 8 * i));
	s->l.tsih = 0;
	s->l.step = "kernel connection"; /* its STOP_CONN, GET_STATS */
	r = iscsi_nl_stop_conn(nl, s->sid, s->cid, ISCSI_STOP_CONN_RECOVER);
	if (!r)
		r = iscsi_nl_cmd_pdus(nl, s->sid, s->cid, &cmds);
	/* the kernel's next CmdSN: the session began at 1 (the first
	 * login's, which is immediate: its ExpCmdSN answer is the same),
	 * one more for each SCSI command it sent */
	s->l.cmdsn = 1 + cmds;
	if (!r)
		r = iscsi_session_login(&o->n, s);
	return r ? r : iscsi_session_handoff(nl, &o->n, s, 1);
}

/* A new session: the login, then the SendTargets listing (-d), or the
 * hand-over to the kernel and the LUN scan (unless -n).  0 or -errno,
 * s->l.step saying which step failed. */
static int login(struct opts *o, struct iscsi_nl *nl, struct iscsi_sess *s)
{
	int r = iscsi_session_login(&o->n, s);

	if (!r && o->discover)
		r = discover(o, s);
	else if (!r)
		r = iscsi_session_handoff(nl, &o->n, s, 0);
	if (!r && !o->discover && !o->noscan) {
		s->l.step = "LUN scan";
		r = iscsi_scan_host(s->host);
	}
	return r;
}

int main(int argc, char **argv)
{
	static struct opts o;
	struct iscsi_sess s;
	struct iscsi_nl nl;
	int r;

	log_init(argv[0]);
	if (argc > 1 && !strcmp(argv[1], "-h"))
		return log_help(usage);
	memset(&s, 0, sizeof(s));
	/* a usage error is one line, as every tool's: the reason when
	 * there is one, else the synopsis */
	if (parse(argc, argv, &o)) {
		if (!o.why)
			return log_usage(usage, 0, NULL);
		fprintf(stderr, "usage: iscsi: %s\n", o.why);
		return 2;
	}
	if (o.verbose)
		s.l.trace = trace;
	if (!o.discover) {
		/* before the login: a missing iscsi_tcp is known at once */
		s.l.step = "kernel transport";
		r = iscsi_nl_open(&nl, "tcp");
		if (r) {
			fail(&o.n, &s, r == -ENOENT ? -ENOPROTOOPT : r);
			return 1;
		}
	}
	if (o.sid) {
		/* multipathd says when it worked */
		r = relogin(&o, &nl, &s);
		if (r)
			fail(&o.n, &s, r);
		return !!r;
	}
	r = login(&o, &nl, &s);
	if (r) {
		fail(&o.n, &s, r);
		return 1;
	}
	if (!o.discover) {
		printf("%s:%u,%d %s session %u host %u\n", o.n.addr, o.n.port,
		       (int)s.l.tpgt, o.n.target, s.sid, s.host);
		r = record(&o, &s);
		if (r)
			log_err(r, "session %u: no record:", s.sid);
		close(s.fd); /* the kernel holds its own reference */
		iscsi_nl_close(&nl);
	}
	return 0;
}
