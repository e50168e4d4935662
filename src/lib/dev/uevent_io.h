/* The kernel's uevent socket; the messages are parsed by parse/uevent.h. */
#ifndef MPBOOT_UEVENT_IO_H
#define MPBOOT_UEVENT_IO_H

#include <stddef.h>
#include <sys/types.h>

/* A NETLINK_KOBJECT_UEVENT socket bound to the kernel's multicast group,
 * with a big receive buffer (bursts of hundreds of paths).  fd or -errno. */
int uevent_open(void);
/* The next kernel uevent into buf (len bytes at most), never waiting:
 * its length, or -errno (-EAGAIN: none); other senders' messages
 * (uevent_from_kernel) are dropped. */
ssize_t uevent_recv(int fd, char *buf, size_t len);

#endif
