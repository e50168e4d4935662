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

/* Call fn for each line of the init's parameter list FILE (args.c); stops
 * at fn's first non-zero return.  0 or -errno (logged). */
int args_read(const char *file, int (*fn)(void *ctx, const char *key, const char *val,
					  int has_val), void *ctx);

/* mpinit net (net.c): 0 all interfaces up, -EAGAIN some, -ENETDOWN none,
 * -ENOENT no ip=; each failure logged with the interface and the step. */
int net_up(const char *args, unsigned int timeout_ms);

/* mpinit iscsi (iscsi.c): log in to every netroot=iscsi: portal with the
 * iscsi applet, all at once.  0 all logged in, -EAGAIN some, -EHOSTUNREACH
 * none, -ENOENT no portal; each failure is the applet's line naming the
 * portal and the step. */
int iscsi_up(const char *args, const char *applet, unsigned int timeout_s);

#endif
