/* The one raw system call of klibc-compat: klibc has no generic
 * syscall(), and the System V semaphores (sem.c, for the udev cookie) and
 * native AIO/eventfd/prlimit (aio.c, for multipathd's directio checker)
 * have no klibc wrapper.  Up to five arguments; 0/-1 (or the result) with
 * errno like libc.  Only architectures whose calling convention is written
 * here build: another one fails to build, by design, rather than silently
 * losing udev synchronisation or a checker. */
#include <errno.h>

#include "mpboot_syscall.h"

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
#error "klibc-compat/syscall.c: no raw system calls for this architecture"
#endif
	if (ret < 0 && ret > -4096) {
		errno = (int)-ret;
		return -1;
	}
	return ret;
}
