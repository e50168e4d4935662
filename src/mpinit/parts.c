/* After the maps are built: hide the member paths' partitions. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/blkpg.h>
#include <linux/fs.h>

#include "log.h"
#include "mpinit.h"
#include "mpath.h"
#include "str.h"

/* Calls fn(kname, map_name, arg) for every map whose DM UUID starts with
 * "mpath-" (multipath maps, not their kpartx partition maps). */
static int each_mpath(int (*fn)(const char *, const char *, void *),
		      void *arg)
{
	DIR *d = opendir("/sys/block");
	struct dirent *de;
	char uuid[160], name[160];
	int r = 0;

	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		if (strncmp(de->d_name, "dm-", 3) ||
		    read_attrf(uuid, sizeof(uuid), "/sys/block/%s/dm/uuid", de->d_name) ||
		    !mp_uuid_wwid(uuid) ||
		    read_attrf(name, sizeof(name), "/sys/block/%s/dm/name", de->d_name))
			continue;
		r = fn(de->d_name, name, arg) ?: r;
	}
	closedir(d);
	return r;
}

/* BLKPG_DEL_PARTITION for each partition of the path disk `sd`, so that
 * nothing (a mount by label, a careless fsck) can open sdX1 and write
 * behind the map's back.  The map's own partitions come from kpartx. */
static int hide_disk(const char *sd, unsigned int *count)
{
	char p[128], buf[32], node[64];
	struct dirent *de;
	DIR *d;
	int fd, r = 0;

	if (str_fmt(p, sizeof(p), "/sys/block/%s", sd) ||
	    str_fmt(node, sizeof(node), "/dev/%s", sd))
		return -ENAMETOOLONG;
	d = opendir(p);
	if (!d)
		return -errno;
	fd = open(node, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		r = -errno;
		closedir(d);
		return r;
	}
	while ((de = readdir(d))) {
		struct blkpg_partition part;
		struct blkpg_ioctl_arg arg;
		unsigned int pno;

		if (strncmp(de->d_name, sd, strlen(sd)) ||
		    read_attrf(buf, sizeof(buf), "/sys/block/%s/%s/partition", sd,
			       de->d_name) ||
		    str_to_uint(buf, 1u << 20, &pno))
			continue;
		memset(&part, 0, sizeof(part));
		memset(&arg, 0, sizeof(arg));
		part.pno = (int)pno;
		arg.op = BLKPG_DEL_PARTITION;
		arg.datalen = sizeof(part);
		arg.data = &part;
		if (ioctl(fd, BLKPG, &arg)) {
			r = -errno;
			log_err(r, "hiding %s:", de->d_name);
		} else {
			(*count)++;
		}
	}
	close(fd);
	closedir(d);
	return r;
}

static int hide_map(const char *kname, const char *name, void *arg)
{
	char p[96];
	struct dirent *de;
	DIR *d;
	int r = 0;

	(void)name;
	if (str_fmt(p, sizeof(p), "/sys/block/%s/slaves", kname))
		return -ENAMETOOLONG;
	d = opendir(p);
	if (!d)
		return -errno;
	while ((de = readdir(d)))
		if (de->d_name[0] != '.')
			r = hide_disk(de->d_name, arg) ?: r;
	closedir(d);
	return r;
}

int hide_member_partitions(void)
{
	unsigned int count = 0;
	int r = each_mpath(hide_map, &count);

	if (r) /* one line, saying why */
		log_err(r, "hiding path partitions (%u hidden):", count);
	else
		log_msg("hid %u path partition%s", count, count == 1 ? "" : "s");
	return r;
}

