/* The udev database entries an initramfs that ran udev would leave for the
 * maps it made, so that the booted system's udev treats mpboot's maps as
 * its own on coldplug (`udevadm trigger --action=add`).
 *
 * Why: the device-mapper rules (55-dm.rules) process a dm "add" event only
 * when it carries DM_UDEV_PRIMARY_SOURCE_FLAG, from a cookie or from the
 * database (/run/udev/data/b<major>:<minor>).  A coldplug event has no
 * cookie, so without an entry every map is "disabled": no blkid, no
 * /dev/disk/by-* links, no /dev/mapper link, and systemd never sees the
 * filesystems in /etc/fstab.  /run moves into the new root at hand-over,
 * and these files with it. */
#ifndef MPBOOT_UDEVDB_H
#define MPBOOT_UDEVDB_H

#include <stddef.h>
#include <stdint.h>

enum udevdb_kind {
	UDEVDB_MAP,    /* a multipath map (DM UUID mpath-<wwid>) */
	UDEVDB_PART,   /* a partition map on one (part<N>-mpath-<wwid>) */
	UDEVDB_MEMBER, /* an sd path of a multipath map */
};

/* The entry's text into buf.  name/uuid are the map's (ignored for a
 * member).  -EINVAL if a string holds a character that would break the
 * line format (control characters), -ENOSPC if buf is too small. */
int udevdb_format(char *buf, size_t size, enum udevdb_kind kind,
		  const char *name, const char *uuid, uint64_t usec);

/* Write the entries for every mpboot map (sysfs at sys, normally /sys),
 * its partitions and its member paths under dir (normally
 * /run/udev/data), leaving existing entries alone (a udev that ran knows
 * better); a map whose name or UUID udevdb_format refuses is skipped
 * with one line.  Returns how many were written, or -errno. */
int udevdb_write_all(const char *sys, const char *dir);

#endif
