/* Linux native AIO, eventfd and prlimit for klibc, which has neither
 * wrapper nor a generic syscall(): multipathd's directio checker submits an O_DIRECT
 * read with io_submit and learns of its completion through an eventfd in
 * its poll loop, so a path that does not answer never blocks it.  One raw
 * system call each (syscall.c), 0/-1 (or the count) with errno like libc. */
#include <errno.h>
#include <asm/unistd.h>

#include "aio_sys.h"
#include "mpboot_syscall.h"

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
