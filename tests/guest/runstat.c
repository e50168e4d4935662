/* runstat CMD [ARGS...]: run CMD, then print its wall time, peak RSS
 * (wait4's ru_maxrss) and its I/O counters on stderr as
 *   runstat: wall=S.mmm maxrss=KIB rc=N syscr=R syscw=W rchar=B wchar=B
 * and exit with CMD's status.  For `make bench` in qemu guests, and for
 * the scale scenario, which judges by counts (syscr: read system calls,
 * rchar: bytes read; /proc/PID/io), not by time.  The counters are read
 * while CMD is a zombie (waitid WNOWAIT), before it is reaped. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mpboot_syscall.h"

#define NR_WAITID 247 /* x86-64 */
#define P_PID_ 1
#define WNOWAIT_ 0x01000000
#define WEXITED_ 4

/* "syscr=R syscw=W rchar=B wchar=B" from /proc/PID/io, or "" */
static void io_of(pid_t pid, char *out, size_t size)
{
	char path[32], buf[512], *s;
	static const char *const key[4] = { "syscr", "syscw", "rchar", "wchar" };
	unsigned long v;
	size_t o = 0;
	ssize_t n;
	int fd, i;

	out[0] = '\0';
	snprintf(path, sizeof(path), "/proc/%d/io", (int)pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return;
	buf[n] = '\0';
	for (i = 0; i < 4; i++) {
		s = strstr(buf, key[i]);
		if (s && sscanf(s + strlen(key[i]) + 1, "%lu", &v) == 1 && o < size)
			o += (size_t)snprintf(out + o, size - o, " %s=%lu", key[i], v);
	}
}

int main(int argc, char **argv)
{
	unsigned char si[128];
	struct timeval a, b;
	struct rusage ru;
	char io[128];
	long ms;
	pid_t pid;
	int st = 0;

	if (argc < 2) {
		fputs("usage: runstat CMD [ARGS...]\n", stderr);
		return 2;
	}
	gettimeofday(&a, NULL);
	pid = fork();
	if (pid < 0)
		return 1;
	if (!pid) {
		execvp(argv[1], argv + 1);
		_exit(127);
	}
	io[0] = '\0';
	if (mpboot_syscall5(NR_WAITID, P_PID_, pid, (long)si, WEXITED_ | WNOWAIT_, 0) == 0)
		io_of(pid, io, sizeof(io));
	if (wait4(pid, &st, 0, &ru) < 0)
		return 1;
	gettimeofday(&b, NULL);
	ms = (b.tv_sec - a.tv_sec) * 1000L + (b.tv_usec - a.tv_usec) / 1000L;
	fprintf(stderr, "runstat: wall=%ld.%03ld maxrss=%ld rc=%d%s\n", ms / 1000,
		ms % 1000, (long)ru.ru_maxrss, WIFEXITED(st) ? WEXITSTATUS(st) : 128, io);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}
