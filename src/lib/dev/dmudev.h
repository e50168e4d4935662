/* Device-mapper's udev protocol, as libdevmapper speaks it (libdm-common.c,
 * the udev rules 10-dm.rules / 55-dm.rules and 95-dm-notify.rules):
 *
 * - Every ioctl that makes the kernel send a uevent for a map (resume of a
 *   suspended map, remove, rename) carries a 32-bit value in event_nr that
 *   the kernel copies into the uevent as DM_COOKIE.  Its high 16 bits are
 *   flags for the udev rules (DM_UDEV_*), its low 16 bits the base of a
 *   System V semaphore key (DM_COOKIE_MAGIC << 16 | base).
 * - The rules decode the flags (`dmsetup udevflags`); an event without
 *   DM_UDEV_PRIMARY_SOURCE_FLAG and no such flag in the udev database is
 *   treated as spurious: no blkid, no /dev/disk/by-* links, no
 *   /dev/mapper link.
 * - The last rule runs `dmsetup udevcomplete $DM_COOKIE`, which decrements
 *   the semaphore; the tool that made the maps waits for it to reach zero,
 *   so every link exists when the tool returns.
 *
 * mpboot waits once per run: one semaphore per dm_ctx, incremented per
 * uevent-generating ioctl, waited on (bounded) at the end. */
#ifndef MPBOOT_DMUDEV_H
#define MPBOOT_DMUDEV_H

#include <stdint.h>

/* Flags for the udev rules (libdevmapper.h). */
#define DM_UDEV_DISABLE_DM_RULES_FLAG        0x0001
#define DM_UDEV_DISABLE_SUBSYSTEM_RULES_FLAG 0x0002
#define DM_UDEV_DISABLE_DISK_RULES_FLAG      0x0004
#define DM_UDEV_DISABLE_OTHER_RULES_FLAG     0x0008
#define DM_UDEV_LOW_PRIORITY_FLAG            0x0010
#define DM_UDEV_DISABLE_LIBRARY_FALLBACK     0x0020
#define DM_UDEV_PRIMARY_SOURCE_FLAG          0x0040
/* Subsystem flags; multipath-tools gives FLAG0..2 these meanings in its
 * 11-dm-mpath.rules (a reload, no kpartx, no usable path). */
#define DM_SUBSYSTEM_UDEV_FLAG0              0x0100
#define MPATH_UDEV_RELOAD_FLAG               DM_SUBSYSTEM_UDEV_FLAG0
#define MPATH_UDEV_NO_KPARTX_FLAG            0x0200
#define MPATH_UDEV_NO_PATHS_FLAG             0x0400

#define DM_UDEV_FLAGS_SHIFT 16
#define DM_COOKIE_MAGIC     0x0D4D

/* How long a run waits for udev to confirm its events. */
#define DM_UDEV_TIMEOUT_MS  30000

struct dm_ctx;

/* The event_nr of a uevent-generating ioctl: flags in the high half, the
 * cookie's base in the low half (0 when not synchronising with udev). */
uint32_t dm_udev_event_nr(uint16_t flags, uint32_t cookie);

/* 1 when udev should be left to make the /dev/mapper links and be waited
 * for: a udevd listens on its control socket (a connect succeeds: the
 * socket file alone outlives a stopped udevd), the
 * device-mapper rules that complete a cookie are installed, and
 * DM_DISABLE_UDEV (libdevmapper's switch) is not set.  root: "" or a
 * prefix for tests. */
int dm_udev_detect(const char *root);

/* Before an ioctl that may generate a uevent: count it (creating the
 * run's semaphore on first use).  Returns the cookie to put in event_nr,
 * 0 when not synchronising or when the semaphore cannot be had (then the
 * run goes on unsynchronised, as libdevmapper does). */
uint32_t dm_udev_get(struct dm_ctx *ctx);
/* After it: the kernel sent no uevent (DM_UEVENT_GENERATED_FLAG clear) or
 * the ioctl failed: nothing will decrement for it, so do it here. */
void dm_udev_put(struct dm_ctx *ctx);
/* Wait until udev has processed every event of this run, at most
 * timeout_ms; then drop the semaphore.  0, or -ETIMEDOUT (ctx->what says
 * so), or -errno. */
int dm_udev_wait(struct dm_ctx *ctx, unsigned int timeout_ms);

#endif
