/* bootfloor: the least any initramfs must do on the bench-boot setup, as
 * an /init of its own (make bench-boot-floor, scripts/bench-boot.sh with
 * BENCH_FLOOR=1).  One process, no shell, no other exec:
 *   mount /proc /sys /dev; finit_module every line of
 *   /lib/modules/KVER/load.list (mpinit modload's order and async_probe
 *   rule: the same modules our image loads); wait for the SCSI disks sda,
 *   sdb and the partition sda1 (the two paths of the LU); mount sda1 (ext4,
 *   read-only) on /root; move /dev /proc /sys there and exec its /sbin/init.
 * No device-mapper map, no multipathd: the floor under our init, which
 * must also build the map and its partition.
 *
 * Leaves `mpboot: timing: early=S modules=S paths=S mount=S run-init=S`
 * in the kernel log, as our init does (CLOCK_MONOTONIC, the clock of
 * /proc/uptime, when each step began; bench-boot.sh makes its table from
 * the line and puts the kernel's "Run /init" stamp on that clock).
 * floor.trace on the kernel command line adds a kmsg line before each
 * module load (with initcall_debug: what each module costs); floor.exec,
 * after the timing line, the time of five fork+exec+wait of our tool and
 * of klibc's sh; floor.min loads min.list instead of load.list.
 * On a failure it says why on the console and powers off (bench-boot
 * then reports no root). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "mpboot_syscall.h"

int finit_module(int fd, const char *params, int flags);

static char times[512];
static int kmsg = -1;

static void say(const char *what)
{
	char b[600];
	int n = snprintf(b, sizeof(b), "<6>bootfloor: %s\n", what);

	if (kmsg >= 0 && n > 0 && n < (int)sizeof(b) && write(kmsg, b, n) < 0)
		return;
}

static void die(const char *what)
{
	char b[300];
	int fd = open("/dev/console", O_WRONLY);

	snprintf(b, sizeof(b), "%s: %s", what, strerror(errno));
	if (fd >= 0 && (write(fd, "bootfloor: ", 11) < 0 || write(fd, b, strlen(b)) < 0 ||
			write(fd, "\n", 1) < 0))
		fd = -1;
	say(b);
	sync();
	reboot(RB_POWER_OFF, NULL);
	for (;;)
		pause();
}

/* " NAME=S.mmm" onto times: CLOCK_MONOTONIC, no /proc needed */
static void mark(const char *name)
{
	struct timespec ts;
	size_t l = strlen(times);

	mpboot_syscall5(__NR_clock_gettime, CLOCK_MONOTONIC, (long)&ts, 0, 0, 0);
	snprintf(times + l, sizeof(times) - l, " %s=%ld.%03ld", name, (long)ts.tv_sec,
		 ts.tv_nsec / 1000000);
}

static long now_us(void)
{
	struct timespec ts;

	mpboot_syscall5(__NR_clock_gettime, CLOCK_MONOTONIC, (long)&ts, 0, 0, 0);
	return ts.tv_sec * 1000000L + ts.tv_nsec / 1000;
}

/* floor.exec: what one fork+exec+wait costs here, for the report: five
 * runs each of our static tool and of klibc's (shared) sh, in kmsg */
static void time_execs(void)
{
	static char *const tool[] = { "/sbin/mpinit", "-h", NULL };
	static char *const sh[] = { "/bin/sh", "-c", ":", NULL };
	char b[128];
	int i, st;

	for (i = 0; i < 10; i++) {
		char *const *argv = i < 5 ? tool : sh;
		long t = now_us();
		pid_t pid = fork();

		if (!pid) {
			int nul = open("/dev/null", O_WRONLY);

			dup2(nul, 1);
			execv(argv[0], argv);
			_exit(127);
		}
		waitpid(pid, &st, 0);
		snprintf(b, sizeof(b), "exec %s: %ld us", argv[0], now_us() - t);
		say(b);
	}
}

static void load_all(int trace, int min)
{
	static char list[16384];
	char kver[64], dir[128], *line, *next;
	int fd, last;
	ssize_t n;

	fd = open("/proc/sys/kernel/osrelease", O_RDONLY);
	n = fd < 0 ? -1 : read(fd, kver, sizeof(kver) - 1);
	if (n <= 0)
		die("osrelease");
	kver[n] = 0;
	kver[strcspn(kver, "\n")] = 0;
	snprintf(dir, sizeof(dir), "/lib/modules/%s", kver);
	/* floor.min: min.list, if the image has one (what this disk needs,
	 * to see what the rest of our list costs) */
	if (chdir(dir) || (fd = open(min ? "min.list" : "load.list", O_RDONLY)) < 0)
		die("load.list");
	n = read(fd, list, sizeof(list) - 1);
	if (n <= 0)
		die("load.list");
	list[n] = 0;
	for (line = list; *line; line = next) {
		next = line + strcspn(line, "\n");
		if (*next)
			*next++ = 0;
		if (!*line)
			continue;
		last = !next[strspn(next, "\n")];
		if (trace)
			say(line);
		fd = open(line, O_RDONLY);
		if (fd < 0 || (finit_module(fd, last ? "" : "async_probe=1", 0) && errno != EEXIST))
			die(line);
		close(fd);
	}
	if (chdir("/"))
		die("chdir /");
}

int main(void)
{
	static const char *const need[] = { "/sys/block/sda", "/sys/block/sdb", "/dev/sda1" };
	struct timespec tick = { 0, 5000000 };
	char cmdline[1024] = "";
	unsigned i, waited;
	int fd;
	ssize_t n;

	mark("early");
	mkdir("/proc", 0755);
	mkdir("/sys", 0755);
	mkdir("/dev", 0755);
	mkdir("/root", 0755);
	if (mount("proc", "/proc", "proc", 0, NULL) || mount("sysfs", "/sys", "sysfs", 0, NULL) ||
	    mount("devtmpfs", "/dev", "devtmpfs", 0, NULL))
		die("mount /proc /sys /dev");
	kmsg = open("/dev/kmsg", O_WRONLY);
	/* with floor.trace, more than the 10 lines in 5 s that /dev/kmsg
	 * lets through by default: the timing line must get there */
	fd = open("/proc/sys/kernel/printk_devkmsg", O_WRONLY);
	if (fd >= 0) {
		n = write(fd, "on\n", 3); /* a kernel without it: as it is */
		close(fd);
	}
	fd = open("/proc/cmdline", O_RDONLY);
	if (fd >= 0 && (n = read(fd, cmdline, sizeof(cmdline) - 1)) > 0)
		cmdline[n] = 0;
	mark("modules");
	load_all(!!strstr(cmdline, "floor.trace"), !!strstr(cmdline, "floor.min"));
	mark("paths");
	/* both paths' disks and the root partition; 5 ms steps, 30 s at most */
	for (i = waited = 0; i < sizeof(need) / sizeof(need[0]); waited++) {
		if (!access(need[i], F_OK)) {
			i++;
			continue;
		}
		if (waited > 6000)
			die(need[i]);
		nanosleep(&tick, NULL);
	}
	mark("mount");
	if (mount("/dev/sda1", "/root", "ext4", MS_RDONLY, NULL))
		die("mount /dev/sda1");
	mark("run-init");
	if (kmsg >= 0) {
		char b[600];

		n = snprintf(b, sizeof(b), "<6>mpboot: timing:%s\n", times);
		if (n > 0 && n < (int)sizeof(b) && write(kmsg, b, n) < 0)
			die("kmsg");
	}
	/* after the timing line: bench-boot takes its kernel stamp for the
	 * run-init mark */
	if (strstr(cmdline, "floor.exec"))
		time_execs();
	if (kmsg >= 0)
		close(kmsg);
	if (mount("/dev", "/root/dev", NULL, MS_MOVE, NULL) ||
	    mount("/proc", "/root/proc", NULL, MS_MOVE, NULL) ||
	    mount("/sys", "/root/sys", NULL, MS_MOVE, NULL) || chdir("/root") ||
	    mount(".", "/", NULL, MS_MOVE, NULL) || chroot(".") || chdir("/"))
		die("switching to /root");
	fd = open("/dev/console", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
	}
	execl("/sbin/init", "init", (char *)NULL);
	die("exec /sbin/init");
	return 1;
}
