/* klibc ships no System V semaphores; libdevmapper's udev synchronisation
 * (the "cookie" semaphore that udev's 95-dm-notify.rules decrements with
 * `dmsetup udevcomplete`) needs semget, semctl and a bounded wait.  The
 * structures and constants are the kernel's UAPI (linux/sem.h, linux/ipc.h);
 * the calls are raw system calls in klibc-compat/sem.c. */
#ifndef MPBOOT_COMPAT_SYS_SEM_H
#define MPBOOT_COMPAT_SYS_SEM_H

#include <sys/types.h>
#include <time.h>
#include <linux/sem.h>

typedef int key_t;

int semget(key_t key, int nsems, int semflg);
/* Only the int-valued commands mpboot uses (SETVAL, GETVAL, IPC_RMID). */
int semctl(int semid, int semnum, int cmd, int val);
int semtimedop(int semid, struct sembuf *sops, size_t nsops,
	       const struct timespec *timeout);

#endif
