/* Linux native AIO, eventfd and prlimit for klibc, which has neither
 * wrapper nor a generic syscall(): multipathd's directio checker submits an O_DIRECT
 * read with io_submit and learns of its completion through an eventfd in
 * its poll loop, so a path that does not answer never blocks it.  One raw
 * system call each, 0/-1 (or the count) with errno like libc; another
 * architecture fails to build, by design (see sem.c). */
#include <errno.h>
#include <asm/unistd.h>

#include "aio_sys.h"

long mpboot_syscall5(long n, long a, long b, long c, long d, long e)
{
	long ret;
#if defined(__x86_64__)
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8)
			 : "rcx", "r11", "memory");
#elif defined(__aarch64__)
	register long x8 __asm__("x8") = n;
	register long x0 __asm__("x0") = a;
	register long x1 __asm__("x1") = b;
	register long x2 __asm__("x2") = c;
	register long x3 __asm__("x3") = d;
	register long x4 __asm__("x4") = e;

	__asm__ volatile("svc 0"
			 : "+r"(x0)
			 : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4)
			 : "memory");
	ret = x0;
#else
#error "klibc-compat/aio.c: no raw system calls for this architecture"
#endif
	if (ret < 0 && ret > -4096) {
		errno = (int)-ret;
		return -1;
	}
	return ret;
}

int io_setup(unsigned int nr, aio_context_t *ctx)
{
	return (int)mpboot_syscall5(__NR_io_setup, nr, (long)ctx, 0, 0, 0);
}

int io_destroy(aio_context_t ctx)
{
	return (int)mpboot_syscall5(__NR_io_destroy, (long)ctx, 0, 0, 0, 0);
}

int io_submit(aio_context_t ctx, long n, struct iocb **iocbs)
{
	return (int)mpboot_syscall5(__NR_io_submit, (long)ctx, n, (long)iocbs, 0, 0);
}

int io_getevents(aio_context_t ctx, long min, long max, struct io_event *ev,
		 struct timespec *ts)
{
	return (int)mpboot_syscall5(__NR_io_getevents, (long)ctx, min, max, (long)ev, (long)ts);
}

/* multipathd keeps one fd open per path (sg node or block device): raise
 * its soft RLIMIT_NOFILE to the hard limit (1024 -> 4096 for init's
 * children) so 2048 paths fit.  struct rlimit64: two u64, cur and max. */
int raise_nofile(unsigned long long *soft)
{
	unsigned long long lim[2];

	if (mpboot_syscall5(__NR_prlimit64, 0, MPBOOT_RLIMIT_NOFILE, 0, (long)lim, 0) < 0)
		return -errno;
	*soft = lim[0];
	if (lim[0] >= lim[1])
		return 0;
	lim[0] = lim[1];
	if (mpboot_syscall5(__NR_prlimit64, 0, MPBOOT_RLIMIT_NOFILE, (long)lim, 0, 0) < 0)
		return -errno;
	*soft = lim[0];
	return 0;
}

int eventfd(unsigned int initval, int flags)
{
	return (int)mpboot_syscall5(__NR_eventfd2, initval, flags, 0, 0, 0);
}
