/* Linux native AIO and eventfd system calls (klibc-compat/aio.c); the
 * kernel's own structures from <linux/aio_abi.h>. */
#ifndef MPBOOT_AIO_SYS_H
#define MPBOOT_AIO_SYS_H

#include <fcntl.h>
#include <time.h>
#include <linux/aio_abi.h>

#define EFD_NONBLOCK O_NONBLOCK
#define EFD_CLOEXEC O_CLOEXEC

int io_setup(unsigned int nr, aio_context_t *ctx);
int io_destroy(aio_context_t ctx);
int io_submit(aio_context_t ctx, long n, struct iocb **iocbs);
int io_getevents(aio_context_t ctx, long min, long max, struct io_event *ev,
		 struct timespec *ts);
int eventfd(unsigned int initval, int flags);
/* Soft RLIMIT_NOFILE up to the hard limit, the soft limit now in *soft:
 * 0 or -errno. */
#define MPBOOT_RLIMIT_NOFILE 7 /* asm-generic/resource.h */
int raise_nofile(unsigned long long *soft);

#endif
