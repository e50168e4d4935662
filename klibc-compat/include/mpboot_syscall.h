/* klibc-compat's raw system call (syscall.c): klibc has no syscall(). */
#ifndef MPBOOT_SYSCALL_H
#define MPBOOT_SYSCALL_H

long mpboot_syscall5(long n, long a, long b, long c, long d, long e);

#endif
