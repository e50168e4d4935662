/* mpinit: the C helpers of the mpboot init, where the shell cannot do it.
 *
 *   mpinit wait [-n MIN] [-N] [-S] [-q QUIET_MS] [-t TIMEOUT_MS] [-r ROOT [-a]]
 *       Listen to kernel uevents; return 0 once at least MIN SCSI disks
 *       exist (default 1), no new sd disk has appeared for QUIET_MS
 *       (default 500) and, with -r, ROOT resolves.  -S: the scan of the
 *       disks there at the start is over (the init's module load waited
 *       for it): the quiet period only follows a disk that arrives during
 *       the wait.  -N: at least one new disk must appear first (rescan
 *       for late paths).  Exit 1 on timeout (default 30000 ms).
 *   mpinit wait -p PID [-t TIMEOUT_MS]
 *       Until process PID has exited (or is a zombie), by a pidfd.
 *   mpinit modload DIR
 *       Load the modules listed in DIR/load.list, in order, from this
 *       process (modload.c).  Exit 1 on the first that fails.
 *   mpinit findroot [-a] ROOT
 *       Resolve root= (/dev/mapper/NAME, /dev/dm-N, /dev/..., UUID=,
 *       LABEL=, PARTUUID=) and print "DEVNODE FSTYPE".  UUID/LABEL/PARTUUID
 *       are looked up on device-mapper devices only, unless -a (multipath
 *       off: every block device).  Exit 1 if not found.
 *   mpinit early            mount /proc, /sys, /dev (devtmpfs) and /run
 *                           (tmpfs) where not mounted yet; /dev/mapper
 *   mpinit probe DEV        print TYPE= UUID= LABEL= of DEV
 *   mpinit hideparts        BLKPG-delete the partitions of every member
 *                           path of every multipath map
 *   mpinit move OLD NEW [OLD NEW]...
 *                           mount --move each pair, in order; exit 1
 *                           if any failed (the others are moved)
 *   mpinit cmdline [FILE]   the kernel command line (FILE, default
 *                           /proc/cmdline) split as the kernel splits it,
 *                           one parameter a line: "key=value" or "key";
 *                           the init reads these as data, never as code
 *   mpinit net [-t TIMEOUT_MS] ARGS
 *       Bring up the interfaces of the ip= and BOOTIF= parameters in
 *       ARGS (the init's one-a-line list, as mpinit cmdline prints it):
 *       links up, carriers awaited together (default 10000 ms), static
 *       IPv4 addresses and default routes by rtnetlink; ip=dhcp by klibc's
 *       ipconfig; ip=ibft is skipped (the init adds the
 *       iBFT's NICs as ip= lines).  Exit 0 all up, 3
 *       some up, 1 none; each failure one
 *       line naming the interface and the step.
 *   mpinit iscsi [-t TIMEOUT_S] [-x APPLET] ARGS
 *       Log in to each netroot=iscsi: portal of ARGS (none, and no
 *       rd.iscsi.firmware: those of the image's /etc/mpboot/iscsi;
 *       the init adds the iBFT's as netroot= lines) by the iscsi applet (default /sbin/iscsi), all at
 *       once, the initiator name from rd.iscsi.initiator= (the iBFT's: the init) or
 *       /etc/iscsi/initiatorname.iscsi.  Exit 0 all
 *       logged in, 3 some, 1 none.  No secret is printed.
 *   mpinit udevdb [DIR]     write the udev database entries of every
 *                           mpboot map, partition map and member path
 *                           (DIR, default /run/udev/data): the booted
 *                           system's udev then adopts them on coldplug
 *
 * Messages go to stderr and, from the initramfs, /dev/kmsg (log.c). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include "cmdline.h"
#include "log.h"
#include "mpinit.h"
#include "opt.h"
#include "str.h"
#include "udevdb.h"

/* The first line, all that a usage error prints, names every applet. */
static const char usage[] =
	"usage: mpinit wait|modload|findroot|early|probe|hideparts|move|cmdline|udevdb|net|iscsi ...\n"
	"       mpinit wait [-n MIN] [-N] [-S] [-q QUIET_MS] [-t TIMEOUT_MS] [-r ROOT [-a] | -p PID]\n"
	"       mpinit modload DIR | findroot [-a] ROOT | probe DEV | move OLD NEW...\n"
	"       mpinit early | hideparts | cmdline [FILE] | udevdb [DIR]\n"
#ifndef MPBOOT_NO_ISCSI
	"       mpinit net [-t TIMEOUT_MS] ARGS | iscsi [-t TIMEOUT_S] [-x APPLET] ARGS\n"
#endif
	;

static int bad_usage(void)
{
	return log_usage(usage, 0, NULL);
}

static int num_opt(const char *s, unsigned int *v)
{
	return str_to_uint(s, 100000000u, v);
}

static int has_ctl(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

/* The command line is at most a page (COMMAND_LINE_SIZE 2048 on x86,
 * 4096 elsewhere); more is not a kernel command line. */
static int cmd_cmdline(int argc, char **argv)
{
	const char *file = argc == 2 ? argv[1] : "/proc/cmdline";
	static char buf[8192], key[4096], val[4096];
	size_t pos = 0, len = 0;
	ssize_t n;
	int fd, r, has_val, rc = 0;

	if (argc > 2)
		return bad_usage();
	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		log_err(errno, "%s:", file);
		return 1;
	}
	while (len < sizeof(buf) - 1 &&
	       (n = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += (size_t)n;
	close(fd);
	while ((r = cmdline_next(buf, len, &pos, key, sizeof(key), val,
				 sizeof(val), &has_val))) {
		int ctl = 0;

		if (r < 0) {
			log_msg("%s: a parameter longer than %zu bytes, ignored",
				file, sizeof(key) - 1);
			rc = 1;
			continue;
		}
		/* One parameter a line: a quoted newline (or any control
		 * character) inside a value would forge a second line.
		 */
		ctl = has_ctl(key) || has_ctl(val);
		if (ctl || !key[0]) {
			log_msg("%s: parameter '%s' has control characters or no name, ignored",
				file, ctl ? "?" : key);
			rc = 1;
			continue;
		}
		printf(has_val ? "%s=%s\n" : "%s\n", key, val);
	}
	return rc;
}

static int cmd_wait(int argc, char **argv)
{
	struct wait_opts o = { .min = 1, .quiet_ms = 500, .timeout_ms = 30000 };
	struct opt a = OPT_INIT;
	int c;

	while ((c = opt_next(&a, argc, argv, "n:NSq:t:r:ap:")) != -1) {
		switch (c) {
		case 'n':
			if (num_opt(a.arg, &o.min))
				return bad_usage();
			break;
		case 'N':
			o.need_new = 1;
			break;
		case 'S':
			o.settled = 1;
			break;
		case 'q':
			if (num_opt(a.arg, &o.quiet_ms))
				return bad_usage();
			break;
		case 't':
			if (num_opt(a.arg, &o.timeout_ms))
				return bad_usage();
			break;
		case 'r':
			o.root = a.arg;
			break;
		case 'a':
			o.any = 1;
			break;
		case 'p':
			if (num_opt(a.arg, &o.pid))
				return bad_usage();
			break;
		default:
			return bad_usage();
		}
	}
	if (a.ind != argc)
		return bad_usage();
	return wait_paths(&o) ? 1 : 0;
}

static int cmd_findroot(int argc, char **argv)
{
	struct root_found f;
	struct opt o = OPT_INIT;
	int any = 0, r;

	while ((r = opt_next(&o, argc, argv, "a")) != -1) {
		if (r != 'a')
			return bad_usage();
		any = 1;
	}
	argv += o.ind - 1;
	if (argc - o.ind != 1)
		return bad_usage();
	r = find_root(argv[1], any, &f);
	if (r) {
		if (r == -ENOENT)
			log_msg("root=%s: not found", argv[1]);
		else
			log_err(r, "root=%s:", argv[1]);
		return 1;
	}
	printf("%s %s\n", f.node, f.fs.type[0] ? f.fs.type : "auto");
	return 0;
}

static int cmd_probe(int argc, char **argv)
{
	struct fs_info fs;
	int r;

	if (argc != 2)
		return bad_usage();
	r = probe_dev(argv[1], &fs, NULL, NULL);
	if (r == -ENOTTY) { /* a size ioctl refused: "Not a typewriter" says nothing */
		log_msg("%s: not a block device", argv[1]);
		return 1;
	}
	if (r) {
		log_err(r, "%s:", argv[1]);
		return 1;
	}
	printf("TYPE=%s UUID=%s LABEL=%s\n", fs.type, fs.uuid, fs.label);
	return 0;
}

/* The init's first mounts, from one process: four execs of mount and one
 * of mkdir cost more than the mounts.  A directory on the root's device
 * is not mounted yet (the phase runs again after a rescue shell). */
static int cmd_early(void)
{
	static const char *const m[4][2] = {
		{ "proc", "/proc" },
		{ "sysfs", "/sys" },
		{ "devtmpfs", "/dev" },
		{ "tmpfs", "/run" }, /* nosuid,nodev,mode=0755 */
	};
	struct stat root, st;
	int i;

	if (stat("/", &root))
		return 1;
	for (i = 0; i < 4; i++)
		if (!stat(m[i][1], &st) && st.st_dev == root.st_dev &&
		    mount(m[i][0], m[i][1], m[i][0],
			  i == 3 ? MS_NOSUID | MS_NODEV : 0,
			  i == 3 ? "mode=0755" : NULL)) {
			log_err(errno, "mount %s:", m[i][1]);
			return 1;
		}
	mkdir("/dev/mapper", 0755);
	return 0;
}

/* mount --move of OLD NEW pairs, each tried (the init moves all back
 * after a failure): one process for the hand-over's four moves. */
static int cmd_move(int argc, char **argv)
{
	int i, rc = 0;

	for (i = 0; i + 1 < argc; i += 2)
		if (mount(argv[i], argv[i + 1], NULL, MS_MOVE, NULL)) {
			log_err(errno, "move %s to %s:", argv[i], argv[i + 1]);
			rc = 1;
		}
	return rc;
}

#ifndef MPBOOT_NO_ISCSI /* make size's base ELF: see ISCSI_SRCS in the Makefile */
/* 0 all, 3 some, 1 none (or nothing to do, or an error) */
static int net_rc(int r)
{
	return !r ? 0 : r == -EAGAIN ? 3 : 1;
}

/* mpinit net / mpinit iscsi: [-t N] [-x APPLET] ARGS */
static int cmd_netboot(int iscsi, int argc, char **argv)
{
	unsigned int t = iscsi ? 15 : 10000;
	const char *applet = "/sbin/iscsi";
	struct opt o = OPT_INIT;
	int c;

	while ((c = opt_next(&o, argc, argv, iscsi ? "t:x:" : "t:")) != -1) {
		if (c == 't' && !num_opt(o.arg, &t))
			continue;
		if (c == 'x') {
			applet = o.arg;
			continue;
		}
		return bad_usage();
	}
	if (o.ind + 1 != argc)
		return bad_usage();
	if (iscsi)
		return net_rc(iscsi_up(argv[o.ind], applet, t));
	return net_rc(net_up(argv[o.ind], t));
}
#endif

/* the commands that change the system: root only, as every tool */
static int not_root(void)
{
	if (!geteuid())
		return 0;
	log_msg("must run as root");
	return 1;
}

int main(int argc, char **argv)
{
	struct opt o = OPT_INIT;
	const char *cmd;

	log_init(argv[0]);
	if (argc < 2)
		return bad_usage();
	if (!strcmp(argv[1], "-h"))
		return log_help(usage);
	/* from here argv[0] is the applet, as its own main would see it */
	argc--;
	argv++;
	cmd = argv[0];
	if (!strcmp(cmd, "wait"))
		return cmd_wait(argc, argv);
	if (!strcmp(cmd, "findroot"))
		return cmd_findroot(argc, argv);
#ifndef MPBOOT_NO_ISCSI
	/* before the option check below: these two take -t and -x */
	if (!strcmp(cmd, "net") || !strcmp(cmd, "iscsi"))
		return not_root() ? 1 : cmd_netboot(cmd[0] == 'i', argc, argv);
#endif
	/* the others take no option; "--" may end them all the same */
	if (opt_next(&o, argc, argv, "") != -1)
		return bad_usage();
	argc -= o.ind - 1;
	argv += o.ind - 1;
	if (!strcmp(cmd, "modload") && argc == 2)
		return load_modules(argv[1]) ? 1 : 0;
	if (!strcmp(cmd, "probe"))
		return cmd_probe(argc, argv);
	if (!strcmp(cmd, "cmdline"))
		return cmd_cmdline(argc, argv);
	if ((!strcmp(cmd, "hideparts") || !strcmp(cmd, "udevdb")) && not_root())
		return 1;
	if (!strcmp(cmd, "hideparts") && argc == 1)
		return hide_member_partitions() ? 1 : 0;
	if (!strcmp(cmd, "early") && argc == 1)
		return cmd_early();
	if (!strcmp(cmd, "move") && argc >= 3 && argc % 2)
		return cmd_move(argc - 1, argv + 1);
	if (!strcmp(cmd, "udevdb") && argc <= 2) {
		const char *dir = argc == 2 ? argv[1] : "/run/udev/data";
		int r = udevdb_write_all("/sys", dir);

		if (r < 0) {
			log_err(r, "udev database %s:", dir);
			return 1;
		}
		return 0;
	}
	return bad_usage();
}
