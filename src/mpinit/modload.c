/* Load the boot image's kernel modules from this one process: one
 * finit_module(2) per module instead of a fork+exec of insmod each (under
 * TCG an exec costs as much as a small module's load).
 *
 * Probing overlaps with the loads that follow it: every module but the
 * last gets the kernel's generic "async_probe=1", so a transport's device
 * probe and its SCSI scan (async_schedule'd) run while dm, sg and ext4
 * load; the last load has no async_probe, and the kernel ends it with
 * async_synchronize_full() (do_init_module): when it returns, every probe
 * and scan started before it is done and their disks exist. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "mpinit.h"

/* klibc has the system call, not the prototype. */
int finit_module(int fd, const char *params, int flags);

/* "kernel/drivers/md/dm-multipath.ko" matches "dm_multipath=..." (the
 * kernel treats - and _ alike in module names). */
static const char *params_for(const char *path, char *const *params,
			      int n)
{
	const char *b = strrchr(path, '/');
	int i;
	size_t k;

	b = b ? b + 1 : path;
	for (i = 0; i < n; i++) {
		for (k = 0; params[i][k] && params[i][k] != '='; k++) {
			char x = params[i][k] == '-' ? '_' : params[i][k];
			char y = b[k] == '-' ? '_' : b[k];

			if (x != y)
				break;
		}
		if (params[i][k] == '=' && !strcmp(b + k, ".ko"))
			return params[i] + k + 1;
	}
	return "";
}

static int load_one(const char *dir, const char *rel, const char *params,
		    int last)
{
	char path[512], opts[512];
	int fd, r;

	if (snprintf(path, sizeof(path), "%s/%s", dir, rel) >= (int)sizeof(path) ||
	    snprintf(opts, sizeof(opts), "%s%s", params,
		     last ? "" : " async_probe=1") >= (int)sizeof(opts))
		return -ENAMETOOLONG;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	r = finit_module(fd, opts, 0) ? -errno : 0;
	close(fd);
	return r == -EEXIST ? 0 : r; /* already loaded: fine */
}

int load_modules(const char *dir, char *const *params, int nparams)
{
	char list[512], line[256], next[256];
	FILE *f;
	int have, r = 0;

	if (snprintf(list, sizeof(list), "%s/load.list", dir) >= (int)sizeof(list))
		return -ENAMETOOLONG;
	f = fopen(list, "r");
	if (!f) {
		log_err(errno, "%s:", list);
		return -errno;
	}
	/* one line ahead: the last module is loaded synchronously */
	have = fgets(next, sizeof(next), f) != NULL;
	while (have && !r) {
		size_t l;

		memcpy(line, next, sizeof(line));
		have = fgets(next, sizeof(next), f) != NULL;
		l = strcspn(line, "\n");
		line[l] = 0;
		if (!l)
			continue;
		r = load_one(dir, line, params_for(line, params, nparams),
			     !have);
		if (r)
			log_err(r, "%s:", line);
	}
	fclose(f);
	return r;
}
