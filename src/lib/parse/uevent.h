/* Kernel uevent messages as received on a NETLINK_KOBJECT_UEVENT socket:
 * "ACTION@DEVPATH\0KEY=VALUE\0KEY=VALUE\0..." (lib/kobject_uevent.c).
 * Pure parser over the received bytes, host-tested. */
#ifndef MPBOOT_UEVENT_H
#define MPBOOT_UEVENT_H

#include <stddef.h>

struct uevent {
	const char *action, *devpath, *subsystem, *devtype, *devname;
	const char *dm_action, *dm_name; /* DM_ACTION=PATH_FAILED, DM_NAME */
	const char *dm_path;             /* DM_PATH=8:16 of a path event */
};

/* Parse buf[len] in place (buf must have room for one more byte, which
 * becomes a terminating NUL).  0, or -EINVAL for anything that is not a
 * kernel uevent (e.g. a libudev message).  Fields not present are "". */
int uevent_parse(char *buf, size_t len, struct uevent *u);

/* Is this the appearance of a new SCSI disk ("add" of block/disk sd*)? */
int uevent_is_new_sd_disk(const struct uevent *u);
/* Is this an event of an sd disk (any action)? */
int uevent_is_sd_disk(const struct uevent *u);

#endif
