/* The kernel's uevent socket; the messages are parsed by parse/uevent.h. */
#ifndef MPBOOT_UEVENT_IO_H
#define MPBOOT_UEVENT_IO_H

/* A NETLINK_KOBJECT_UEVENT socket bound to the kernel's multicast group,
 * with a big receive buffer (bursts of hundreds of paths).  fd or -errno. */
int uevent_open(void);

#endif
