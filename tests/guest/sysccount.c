/* sysccount CMD [ARGS...]: run CMD under ptrace and count its system
 * calls, for issue 23's measurements and the scale scenario.  The count
 * is cut into segments at every write(2, ...) the command makes (with
 * MPBOOT_TIMING=1 the tools write one line per phase), so each phase's
 * calls are known; on stderr, before the line that ends a segment:
 *   sysccount: seg=N total=T open=O read=R ioctl=I getdents=G stat=S close=C other=X
 * and at the end the same for the whole run with seg=all.  Each line
 * ends with the wall time spent inside each kind of call, from its entry
 * stop to its exit stop (open_ms=.. read_ms=.. ioctl_ms=..): where a
 * phase's time goes, in the kernel or between calls.  Counting
 * calls, not time: it is how a test tells linear from quadratic under
 * TCG, whose speed varies with the host's load.  Only the traced process
 * is counted (not its children), which is what multipath is.  x86-64. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mpboot_syscall.h"

#define PT_TRACEME 0
#define PT_PEEKUSER 3
#define PT_SYSCALL 24
#define PT_SETOPTIONS 0x4200
#define PT_O_TRACESYSGOOD 1
#define NR_PTRACE 101
/* struct user_regs_struct (asm/ptrace.h) word indexes */
#define REG_ORIG_RAX 15
#define REG_RDI 14

enum { C_OPEN, C_READ, C_IOCTL, C_GETDENTS, C_STAT, C_CLOSE, C_OTHER, C_N };
static const char *const cname[C_N] = {
	"open", "read", "ioctl", "getdents", "stat", "close", "other",
};

static int kind(long nr)
{
	switch (nr) {
	case 2: case 257: return C_OPEN;     /* open, openat */
	case 0: case 17: return C_READ;      /* read, pread64 */
	case 16: return C_IOCTL;
	case 78: case 217: return C_GETDENTS;
	case 4: case 5: case 6: case 262: case 21: case 89: case 267:
		return C_STAT; /* stat, fstat, lstat, newfstatat, access, readlink(at) */
	case 3: return C_CLOSE;
	default: return C_OTHER;
	}
}

static long peek(pid_t pid, int word)
{
	long v = 0;

	mpboot_syscall5(NR_PTRACE, PT_PEEKUSER, pid, (long)word * 8, (long)&v, 0);
	return v;
}

/* gettimeofday: klibc has no clock_gettime, and nothing sets the clock
 * during a run */
static unsigned long long now_us(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return (unsigned long long)tv.tv_sec * 1000000u + (unsigned long long)tv.tv_usec;
}

/* c[0..C_N) counts, c[C_N..2 C_N) microseconds */
static void dump(const char *seg, const unsigned long *c)
{
	unsigned long t = 0;
	int i;

	for (i = 0; i < C_N; i++)
		t += c[i];
	fprintf(stderr, "sysccount: seg=%s total=%lu", seg, t);
	for (i = 0; i < C_N; i++)
		fprintf(stderr, " %s=%lu", cname[i], c[i]);
	for (i = 0; i < C_N; i++)
		fprintf(stderr, " %s_ms=%lu.%03lu", cname[i], c[C_N + i] / 1000,
			c[C_N + i] % 1000);
	fputc('\n', stderr);
}

int main(int argc, char **argv)
{
	unsigned long seg[2 * C_N] = { 0 }, all[2 * C_N] = { 0 };
	unsigned long long t_in = 0;
	int st, entry = 1, nseg = 0, k = 0;
	char name[16];
	pid_t pid;

	if (argc < 2) {
		fputs("usage: sysccount CMD [ARGS...]\n", stderr);
		return 2;
	}
	pid = fork();
	if (pid < 0)
		return 1;
	if (!pid) {
		mpboot_syscall5(NR_PTRACE, PT_TRACEME, 0, 0, 0, 0);
		kill(getpid(), SIGSTOP);
		execvp(argv[1], argv + 1);
		_exit(127);
	}
	if (waitpid(pid, &st, 0) < 0)
		return 1;
	mpboot_syscall5(NR_PTRACE, PT_SETOPTIONS, pid, 0, PT_O_TRACESYSGOOD, 0);
	mpboot_syscall5(NR_PTRACE, PT_SYSCALL, pid, 0, 0, 0);
	while (waitpid(pid, &st, 0) == pid) {
		int sig = 0;

		if (WIFEXITED(st) || WIFSIGNALED(st))
			break;
		if (WIFSTOPPED(st) && WSTOPSIG(st) == (SIGTRAP | 0x80)) {
			if (entry) {
				long nr = peek(pid, REG_ORIG_RAX);

				k = kind(nr);
				seg[k]++;
				all[k]++;
				/* a phase line: the segment ends before it */
				if (nr == 1 && peek(pid, REG_RDI) == 2) {
					snprintf(name, sizeof(name), "%d", nseg++);
					dump(name, seg);
					memset(seg, 0, sizeof(seg));
				}
				t_in = now_us();
			} else {
				unsigned long d = (unsigned long)(now_us() - t_in);

				seg[C_N + k] += d;
				all[C_N + k] += d;
			}
			entry = !entry;
		} else if (WIFSTOPPED(st) && WSTOPSIG(st) != SIGTRAP) {
			sig = WSTOPSIG(st); /* pass real signals on */
		}
		mpboot_syscall5(NR_PTRACE, PT_SYSCALL, pid, 0, sig, 0);
	}
	dump("last", seg);
	dump("all", all);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}
