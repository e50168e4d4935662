/* runstat CMD [ARGS...]: run CMD, then print its wall time and peak RSS
 * (wait4's ru_maxrss) on stderr as
 *   runstat: wall=S.mmm maxrss=KIB rc=N
 * and exit with CMD's status.  For `make bench` in qemu guests. */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct timeval a, b;
	struct rusage ru;
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
	if (wait4(pid, &st, 0, &ru) < 0)
		return 1;
	gettimeofday(&b, NULL);
	ms = (b.tv_sec - a.tv_sec) * 1000L + (b.tv_usec - a.tv_usec) / 1000L;
	fprintf(stderr, "runstat: wall=%ld.%03ld maxrss=%ld rc=%d\n", ms / 1000,
		ms % 1000, (long)ru.ru_maxrss, WIFEXITED(st) ? WEXITSTATUS(st) : 128);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}
