/* semget/semctl/semtimedop for klibc, which has no generic syscall():
 * one raw system call each, 0/-1 with errno like libc.  Only the
 * architectures with direct System V IPC system calls and a known calling
 * convention are here; another architecture fails to build, by design,
 * rather than silently losing udev synchronisation. */
#include <errno.h>
#include <sys/sem.h>
#include <asm/unistd.h>

static long sys4(long n, long a, long b, long c, long d)
{
	long ret;
#if defined(__x86_64__)
	register long r10 __asm__("r10") = d;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10)
			 : "rcx", "r11", "memory");
#elif defined(__aarch64__)
	register long x8 __asm__("x8") = n;
	register long x0 __asm__("x0") = a;
	register long x1 __asm__("x1") = b;
	register long x2 __asm__("x2") = c;
	register long x3 __asm__("x3") = d;

	__asm__ volatile("svc 0"
			 : "+r"(x0)
			 : "r"(x8), "r"(x1), "r"(x2), "r"(x3)
			 : "memory");
	ret = x0;
#else
#error "klibc-compat/sem.c: no System V IPC system calls for this architecture"
#endif
	if (ret < 0 && ret > -4096) {
		errno = (int)-ret;
		return -1;
	}
	return ret;
}

int semget(key_t key, int nsems, int semflg)
{
	return (int)sys4(__NR_semget, key, nsems, semflg, 0);
}

int semctl(int semid, int semnum, int cmd, int val)
{
	/* The fourth argument is a union semun passed by value; for the
	 * int-valued commands its value is the int itself. */
	return (int)sys4(__NR_semctl, semid, semnum, cmd, val);
}

int semtimedop(int semid, struct sembuf *sops, size_t nsops,
	       const struct timespec *timeout)
{
	return (int)sys4(__NR_semtimedop, semid, (long)sops, (long)nsops,
			 (long)timeout);
}
