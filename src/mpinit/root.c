/* root= resolution.  Filesystem and partition-table reads happen only on
 * device-mapper devices while multipath is on: a member path (sdX) shows
 * the same bytes as its map, and opening it would let the root mount land
 * on one path behind the map's back. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/fs.h>

#include "log.h"
#include "mpath.h"
#include "mpinit.h"
#include "partitions/partitions.h"
#include "partmap.h"
#include "str.h"

/* probe_fs's reader: the partition maps' fd reader, arguments swapped */
static int fd_read_at(void *ctx, uint64_t off, void *buf, size_t len)
{
	return pm_fd_read(ctx, off, len, buf);
}

static int open_dev(const char *node, uint64_t *bytes, unsigned int *ssz)
{
	int fd = open(node, O_RDONLY | O_CLOEXEC), s = 512;

	if (fd < 0)
		return -errno;
	if (ioctl(fd, BLKGETSIZE64, bytes)) {
		int e = -errno;

		close(fd);
		return e;
	}
	if (ioctl(fd, BLKSSZGET, &s) || s < 512)
		s = 512;
	*ssz = (unsigned int)s;
	return fd;
}

int probe_dev(const char *node, struct fs_info *fs, uint64_t *bytes,
	      unsigned int *ssz)
{
	uint64_t b;
	unsigned int s;
	int fd = open_dev(node, &b, &s), r;

	if (fd < 0)
		return fd;
	r = probe_fs(fd_read_at, &fd, fs);
	close(fd);
	if (bytes)
		*bytes = b;
	if (ssz)
		*ssz = s;
	return r;
}

/* Block devices under /sys/class/block in a stable order (sorted), so a
 * UUID carried by two devices always resolves the same way. */
#define MAX_DEVS 4096
struct devlist {
	unsigned int n;
	char (*name)[32];
};

static int cmp_name(const void *a, const void *b)
{
	const char *x = a, *y = b;
	size_t lx = strlen(x), ly = strlen(y);

	/* dm-2 before dm-10: shorter first, then bytewise */
	return lx != ly ? (lx < ly ? -1 : 1) : strcmp(x, y);
}

static int list_devs(struct devlist *l, int dm_only)
{
	DIR *d = opendir("/sys/class/block");
	struct dirent *de;

	l->n = 0;
	l->name = malloc(MAX_DEVS * sizeof(*l->name));
	if (!l->name || !d) {
		free(l->name);
		if (d)
			closedir(d);
		return -ENOMEM;
	}
	while ((de = readdir(d)) && l->n < MAX_DEVS) {
		if (de->d_name[0] == '.' || strlen(de->d_name) >= 32)
			continue;
		if (dm_only && strncmp(de->d_name, "dm-", 3))
			continue;
		strcpy(l->name[l->n++], de->d_name);
	}
	closedir(d);
	qsort(l->name, l->n, sizeof(*l->name), cmp_name);
	return 0;
}

static int dm_attr(const char *kname, const char *attr, char *buf, size_t sz)
{
	return read_attrf(buf, sz, "/sys/class/block/%s/dm/%s", kname, attr);
}

/* Kernel name (dm-N) of the map called `name`, or -ENOENT. */
static int dm_by_name(const char *name, char *kname, size_t size)
{
	struct devlist l;
	unsigned int i;
	char buf[160];
	int r = list_devs(&l, 1);

	if (r)
		return r;
	r = -ENOENT;
	for (i = 0; i < l.n && r; i++)
		if (!dm_attr(l.name[i], "name", buf, sizeof(buf)) &&
		    !strcmp(buf, name))
			r = str_copy(kname, l.name[i], size);
	free(l.name);
	return r;
}

/* Is the device (or the disk it is a partition of) held by a map? */
static int held(const char *kname)
{
	char p[128];
	int i, n = 0;

	for (i = 0; i < 2; i++) {
		DIR *d;
		struct dirent *de;

		if (str_fmt(p, sizeof(p), i ? "/sys/class/block/%s/../holders"
					    : "/sys/class/block/%s/holders",
			    kname))
			return 0;
		d = opendir(p);
		if (!d)
			continue;
		while ((de = readdir(d)))
			if (de->d_name[0] != '.')
				n++;
		closedir(d);
	}
	return n > 0;
}

static int set_node(struct root_found *f, const char *kname)
{
	int r = str_fmt(f->node, sizeof(f->node), "/dev/%s", kname);

	if (!r)
		probe_dev(f->node, &f->fs, NULL, NULL); /* type if known */
	return r;
}

/* UUID= / LABEL=: probe every candidate. */
/* strcasecmp for the ASCII of a UUID (blkid prints FAT's in capitals):
 * klibc's pulls its 257-byte ctype table in for this one comparison. */
static int uuid_cmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		int x = *a >= 'A' && *a <= 'Z' ? *a + 32 : *a;
		int y = *b >= 'A' && *b <= 'Z' ? *b + 32 : *b;

		if (x != y || !x)
			return x - y;
	}
}

static int by_fs(const char *key, const char *want, int any,
		 struct root_found *f)
{
	struct devlist l;
	struct fs_info fs;
	unsigned int i, hits = 0;
	char node[64];
	int r = list_devs(&l, !any);

	if (r)
		return r;
	for (i = 0; i < l.n; i++) {
		const char *v;

		if (str_fmt(node, sizeof(node), "/dev/%s", l.name[i]) ||
		    probe_dev(node, &fs, NULL, NULL))
			continue;
		v = key[0] == 'U' ? fs.uuid : fs.label;
		if (key[0] == 'U' ? uuid_cmp(v, want) : strcmp(v, want))
			continue;
		if (hits++) {
			log_msg("%s=%s also on %s; using %s", key, want,
				node, f->node);
			continue;
		}
		strcpy(f->node, node);
		f->fs = fs;
	}
	free(l.name);
	return hits ? 0 : -ENOENT;
}

/* The partition device numbered partno of the disk `kname`. */
static int part_of(const char *kname, unsigned int partno, int any,
		   char *out, size_t size)
{
	char buf[160], want[200], p[128];
	struct devlist l;
	unsigned int i, n;
	int r;

	if (!any) {
		/* kpartx -p -part naming: "<map>-part<N>". */
		if (dm_attr(kname, "name", buf, sizeof(buf)) ||
		    str_fmt(want, sizeof(want), "%s-part%u", buf, partno))
			return -ENOENT;
		return dm_by_name(want, out, size);
	}
	r = list_devs(&l, 0);
	if (r)
		return r;
	r = -ENOENT;
	for (i = 0; i < l.n && r; i++) {
		if (read_attrf(buf, sizeof(buf), "/sys/class/block/%s/partition",
			       l.name[i]) ||
		    str_to_uint(buf, 1u << 20, &n) || n != partno)
			continue;
		/* the partition's parent directory is the disk */
		if (str_fmt(p, sizeof(p), "/sys/class/block/%s/%s", kname,
			    l.name[i]))
			continue;
		if (!access(p, F_OK))
			r = str_copy(out, l.name[i], size);
	}
	free(l.name);
	return r;
}

/* The partition of an open disk whose PARTUUID is want, read by the
 * library kpartx uses, so the number is the one kpartx gave its map
 * (any == 0: "<map>-partN") or, without multipath, the kernel's. */
static int partuuid_on(int fd, uint64_t bytes, unsigned int ssz,
		       const char *want, int any, unsigned int *partno)
{
	struct pt_dev dev = { pm_fd_read, &fd, bytes, ssz, 0 };
	struct pt_result *res = malloc(sizeof(*res));
	const struct pt_slice *s;
	int r;

	if (!res)
		return -ENOMEM;
	r = pt_probe(&dev, res);
	s = r ? NULL : pt_by_partuuid(res, want);
	if (s)
		*partno = any ? s->knum : s->num;
	free(res);
	return s ? 0 : r ? r : -ENOENT;
}

static int by_partuuid(const char *want, int any, struct root_found *f)
{
	struct devlist l;
	unsigned int i, partno, ssz;
	uint64_t bytes;
	char node[64], buf[160], kpart[32];
	int r = list_devs(&l, !any), found = -ENOENT;

	if (r)
		return r;
	for (i = 0; i < l.n && found; i++) {
		int fd;

		if (!any && (dm_attr(l.name[i], "uuid", buf, sizeof(buf)) ||
			     !mp_uuid_wwid(buf)))
			continue; /* partition tables live on whole maps */
		if (str_fmt(node, sizeof(node), "/dev/%s", l.name[i]))
			continue;
		fd = open_dev(node, &bytes, &ssz);
		if (fd < 0)
			continue;
		r = partuuid_on(fd, bytes, ssz, want, any, &partno);
		close(fd);
		if (r)
			continue;
		if (part_of(l.name[i], partno, any, kpart, sizeof(kpart))) {
			log_msg("PARTUUID=%s is partition %u of %s, which has "
				"no partition device", want, partno, node);
			continue;
		}
		found = set_node(f, kpart);
	}
	free(l.name);
	return found;
}

int find_root(const char *spec, int any, struct root_found *f)
{
	char kname[64];
	struct stat st;
	const char *base;

	memset(f, 0, sizeof(*f));
	if (!strncmp(spec, "UUID=", 5))
		return by_fs("UUID", spec + 5, any, f);
	if (!strncmp(spec, "LABEL=", 6))
		return by_fs("LABEL", spec + 6, any, f);
	if (!strncmp(spec, "PARTUUID=", 9))
		return by_partuuid(spec + 9, any, f);
	if (strncmp(spec, "/dev/", 5))
		return -EINVAL;
	if (!strncmp(spec, "/dev/mapper/", 12)) {
		/* The node may be missing (no udev) while the map exists. */
		if (!stat(spec, &st) && S_ISBLK(st.st_mode)) {
			if (str_copy(f->node, spec, sizeof(f->node)))
				return -ENAMETOOLONG;
			probe_dev(f->node, &f->fs, NULL, NULL);
			return 0;
		}
		if (dm_by_name(spec + 12, kname, sizeof(kname)))
			return -ENOENT;
		return set_node(f, kname);
	}
	if (stat(spec, &st))
		return -ENOENT;
	if (!S_ISBLK(st.st_mode))
		return -ENOTBLK;
	base = strrchr(spec, '/') + 1;
	if (!any && strncmp(base, "dm-", 3) && held(base)) {
		log_msg("root=%s is a path of a multipath map: use the map "
			"(/dev/mapper/NAME, UUID=, LABEL=, PARTUUID=)", spec);
		return -EBUSY;
	}
	if (str_copy(f->node, spec, sizeof(f->node)))
		return -ENAMETOOLONG;
	probe_dev(f->node, &f->fs, NULL, NULL);
	return 0;
}
