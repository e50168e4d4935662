/* semget/semctl/semtimedop for klibc: one raw system call each
 * (syscall.c), 0/-1 with errno like libc.  The direct System V IPC system
 * calls exist on the architectures syscall.c knows (x86_64, aarch64). */
#include <sys/sem.h>
#include <asm/unistd.h>

#include "mpboot_syscall.h"

int semget(key_t key, int nsems, int semflg)
{
	return (int)mpboot_syscall5(__NR_semget, key, nsems, semflg, 0, 0);
}

int semctl(int semid, int semnum, int cmd, int val)
{
	/* The fourth argument is a union semun passed by value; for the
	 * int-valued commands its value is the int itself. */
	return (int)mpboot_syscall5(__NR_semctl, semid, semnum, cmd, val, 0);
}

int semtimedop(int semid, struct sembuf *sops, size_t nsops,
	       const struct timespec *timeout)
{
	return (int)mpboot_syscall5(__NR_semtimedop, semid, (long)sops, (long)nsops,
				       (long)timeout, 0);
}
