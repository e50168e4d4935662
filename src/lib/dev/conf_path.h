/* A path's transport and udev properties, for the blacklist's protocol
 * and property entries and the protocol subsections (conf.h). */
#ifndef MPBOOT_CONF_PATH_H
#define MPBOOT_CONF_PATH_H

#include <stddef.h>

#include "mpath.h"

/* multipath-tools' name of a SCSI path's transport ("scsi:fcp",
 * "scsi:iscsi", "scsi:sas", "scsi:usb", "scsi:ata", "scsi:unspec") from
 * the target of its /sys/block/DEV link (sas: the SCSI device has a
 * sas_address attribute).  Pure. */
const char *mp_scsi_proto(const char *link, int sas);
/* The same from sysfs; "undef" if the link cannot be read. */
const char *mp_path_proto(const char *sysfs, const char *dev);
/* The same, and the link itself into link[size] (the transport timeouts
 * find the rport, session or end device in it); NULL if it cannot be
 * read. */
const char *mp_path_link_proto(const char *sysfs, const char *dev, char *link,
			       size_t size);

/* The property names of a udev database file ("E:NAME=value" lines) into
 * out as "A\0B\0\0" (what does not fit is left out); the bytes used. */
size_t mp_udev_props(const char *db, size_t len, char *out, size_t size);
/* p's properties: udevdir/b<maj>:<min> when udev has it (the booted
 * system), else (no such file, or udevdir NULL: no database at all, the
 * initramfs) derived from its WWID as udev's rules would give them:
 * ID_SERIAL, ID_WWN for an NAA designator,
 * SCSI_IDENT_LUN_<NAA_REG|NAA_REGEXT|NAA_EXT|NAA_LOCAL|EUI64|T10|NAME>.
 * Returns out; size >= 64. */
const char *mp_path_props(const char *udevdir, const struct mp_path *p,
			  char *out, size_t size);

#endif
