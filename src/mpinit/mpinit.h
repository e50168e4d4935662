/* Internal interfaces of mpinit (see main.c for the command line). */
#ifndef MPBOOT_MPINIT_H
#define MPBOOT_MPINIT_H

#include <stdint.h>

#include "probe.h"

struct wait_opts {
	unsigned int min;        /* SCSI disks that must exist */
	unsigned int quiet_ms;   /* no new sd disk for this long */
	unsigned int timeout_ms; /* overall bound */
	int need_new;            /* a new disk must appear first */
	int settled;             /* the scan of the disks there is over */
	const char *root;        /* also wait until this root= resolves */
	int any;                 /* root lookup on every device (mpath off) */
	unsigned int pid;        /* only: until this process has exited */
};

/* 0 when the condition is met, -ETIMEDOUT otherwise. */
int wait_paths(const struct wait_opts *o);

struct root_found {
	char node[300]; /* /dev/... */
	struct fs_info fs;
};

/* Resolve a root= value; see main.c.  0, -ENOENT, -EBUSY (a member path
 * was named while multipath is on) or another -errno. */
int find_root(const char *spec, int any, struct root_found *f);

/* Open a block device and probe it.  bytes/ssz may be NULL. */
int probe_dev(const char *node, struct fs_info *fs, uint64_t *bytes,
	      unsigned int *ssz);

int hide_member_partitions(void);

/* Load DIR/load.list (modload.c).  0 or the first -errno (logged with
 * the module's name). */
int load_modules(const char *dir);

#endif
