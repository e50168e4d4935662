/* The one thin device-mapper layer of mpboot: the kernel's DM ioctl ABI
 * (linux/dm-ioctl.h), packed by hand because libdevmapper cannot be linked
 * against klibc.  Where udev runs with the device-mapper rules, every
 * resume/remove/rename carries libdevmapper's cookie (dmudev.h), udev makes
 * the /dev/mapper links and dm_udev_wait()/dm_close() wait for it once per
 * run.  Without udev (the initramfs) the layer makes <dev_dir>/<name>
 * itself: a symlink to ../dm-N where devtmpfs made that node (what udev
 * makes, so a udev started later replaces it cleanly), else a block node.
 *
 * Every function returns 0 or -errno.  On a kernel error the failing
 * ioctl's name is left in ctx->what for main() to print. */
#ifndef MPBOOT_DM_H
#define MPBOOT_DM_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define MP_DM_NAME_LEN 128 /* DM_NAME_LEN, including the NUL */
#define MP_DM_UUID_LEN 129 /* DM_UUID_LEN, including the NUL */

struct dm_ctx {
	int fd;              /* /dev/mapper/control */
	const char *dev_dir; /* where nodes are made; NULL: do not touch /dev */
	const char *what;    /* last ioctl that failed, for messages */
	int udev;            /* set by dm_open: synchronise with udev */
	int semid;           /* the run's udev cookie semaphore ... */
	uint32_t cookie;     /* ... and its key; 0: none yet */
};

/* One table line: "start len type params". */
struct dm_target {
	uint64_t start;
	uint64_t len;
	const char *type;
	const char *params;
};

/* Which map an operation is about: exactly one of name, uuid, dev. */
struct dm_ref {
	const char *name;
	const char *uuid;
	dev_t dev; /* used when name and uuid are NULL */
};

struct dm_info {
	char name[MP_DM_NAME_LEN];
	char uuid[MP_DM_UUID_LEN];
	dev_t dev;
	int32_t open_count;
	uint32_t target_count;
	uint32_t event_nr;
	uint32_t flags; /* DM_*_FLAG from linux/dm-ioctl.h */
};

/* Flags for dm_create / dm_reload. */
#define MP_DM_READONLY 1u
/* DM_UDEV_* / subsystem flags (dmudev.h) for the udev rules, passed in the
 * high half of the flags of dm_create / dm_reload. */
#define MP_DM_UDEV(f) ((unsigned int)(f) << 16)

/* Open the control node (creating it from sysfs' misc dev if devtmpfs
 * lacks it).  dev_dir defaults to "/dev/mapper".  Detects udev. */
int dm_open(struct dm_ctx *ctx);
/* Waits (bounded) for udev to finish this run's events, then closes;
 * call dm_udev_wait() first to report a timeout. */
void dm_close(struct dm_ctx *ctx);

/* Validate a map name (non-empty, < DM_NAME_LEN, no '/', not "." or "..")
 * and a UUID (< DM_UUID_LEN).  -EINVAL / -ENAMETOOLONG. */
int dm_check_name(const char *name);
int dm_check_uuid(const char *uuid);

int dm_version(struct dm_ctx *ctx, uint32_t version[3]);
/* Version of a loaded target type ("multipath", "linear");
 * -ENOENT when the kernel does not have it. */
int dm_target_version(struct dm_ctx *ctx, const char *type, uint32_t version[3]);

/* DEV_CREATE + TABLE_LOAD + resume; DEV_REMOVE if a later step fails. */
int dm_create(struct dm_ctx *ctx, const char *name, const char *uuid,
	      const struct dm_target *t, unsigned int n, unsigned int flags,
	      dev_t *devp);
/* TABLE_LOAD + resume with DM_NOFLUSH_FLAG: swap the table of a live map
 * without failing queued I/O; the inactive table is cleared on failure. */
int dm_reload(struct dm_ctx *ctx, const char *name,
	      const struct dm_target *t, unsigned int n, unsigned int flags);
int dm_remove(struct dm_ctx *ctx, const char *name);
int dm_rename(struct dm_ctx *ctx, const char *name, const char *newname);
int dm_message(struct dm_ctx *ctx, const char *name, uint64_t sector,
	       const char *msg);

/* DEV_STATUS. -ENXIO when no such map. */
int dm_info(struct dm_ctx *ctx, const struct dm_ref *ref, struct dm_info *info);

/* TABLE_STATUS: the targets into t[0..*n), at most max, as (start,
 * length, type, params) with the strings stored in buf[size]; params is
 * the table (status == 0) or the status line (status != 0).  info may be
 * NULL.  -ENOSPC if t or buf is too small. */
int dm_table(struct dm_ctx *ctx, const struct dm_ref *ref, int status,
	     struct dm_info *info, struct dm_target *t, unsigned int max,
	     unsigned int *n, char *buf, size_t size);

/* LIST_DEVICES: cb is called for each map; a non-zero return stops the
 * walk and is returned. */
typedef int (*dm_list_cb)(const char *name, dev_t dev, void *arg);
int dm_list(struct dm_ctx *ctx, dm_list_cb cb, void *arg);

/* <dev_dir>/<name> for a map's dev (dmnode.c), made or removed only
 * where udev does not (no ctx->udev) and a dev_dir is set; on failure
 * ctx->what says which step.  For dm.c's create, reload, rename, remove. */
int dm_make_node(struct dm_ctx *ctx, const char *name, dev_t dev);
void dm_drop_node(struct dm_ctx *ctx, const char *name);

/* Kernel dev_t encoding used in struct dm_ioctl.dev (huge_encode_dev). */
uint64_t dm_encode_dev(dev_t dev);
dev_t dm_decode_dev(uint64_t v);

#endif
