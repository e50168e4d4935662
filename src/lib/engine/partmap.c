/* Partition maps: the device-mapper side of kpartx, see partmap.h. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <linux/fs.h>

#include "log.h"
#include "partmap.h"
#include "partname.h"
#include "str.h"

int pm_fd_read(void *ctx, uint64_t off, size_t len, void *buf)
{
	int fd = *(int *)ctx;
	char *p = buf;

	while (len) {
		ssize_t n = pread(fd, p, len, (off_t)off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		p += n;
		len -= (size_t)n;
		off += (uint64_t)n;
	}
	return 0;
}

int pm_read(const char *path, unsigned int pt_flags, const char *label,
	    struct pt_result *res, const char **what)
{
	int fd, ssz = 512, r;
	struct pt_dev pd = { pm_fd_read, &fd, 0, 512, pt_flags };
	uint64_t size;

	*what = "open";
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ioctl(fd, BLKFLSBUF, NULL);
	*what = "BLKGETSIZE64";
	if (ioctl(fd, BLKGETSIZE64, &size)) {
		r = -errno;
		close(fd);
		return r;
	}
	if (ioctl(fd, BLKSSZGET, &ssz))
		ssz = 512;
	pd.size = size;
	pd.ssz = (unsigned int)ssz;
	*what = NULL;
	r = label ? pt_probe_one(&pd, label, res) : pt_probe(&pd, res);
	close(fd);
	return r;
}

int pm_ours(struct dm_ctx *dm, const struct pm_parent *p, const char *name,
	    struct dm_info *info, unsigned int *num)
{
	struct dm_ref ref = { .name = name };
	struct dm_target t[2];
	char text[256];
	unsigned int n;
	uint64_t start;
	int r;

	if (p->is_dm && !strcmp(name, p->name))
		return -EINVAL;
	r = dm_table(dm, &ref, 0, info, t, 2, &n, text, sizeof(text));
	if (r)
		return r == -ENOSPC ? -EINVAL : r;
	if (pt_linear_on(t, n, major(p->dev), minor(p->dev), &start) ||
	    pt_uuid_owner(info->uuid, p->uuid, num))
		return -EINVAL;
	return 0;
}

int pm_add(struct dm_ctx *dm, const struct pm_parent *p, const char *delim,
	   int ro, const struct pt_slice *s, char *name, char *params,
	   const char **what)
{
	char uuid[MP_DM_UUID_LEN];
	struct dm_target t = { 0, s->size, "linear", params };
	struct dm_ref ref = { .name = name };
	struct dm_info info;
	unsigned int flags = ro ? MP_DM_READONLY : 0, num;
	int r;

	*what = "map name";
	r = pt_map_name(name, MP_DM_NAME_LEN, p->name, delim, s->num);
	if (!r)
		r = pt_map_uuid(uuid, sizeof(uuid), s->num, p->uuid);
	if (!r)
		r = str_fmt(params, 64, "%u:%u %llu", major(p->dev),
			    minor(p->dev), (unsigned long long)s->start);
	if (r)
		return r;
	*what = "create";
	r = dm_info(dm, &ref, &info);
	if (!r) {
		/* The name exists: reload it only if kpartx made it for us. */
		if (pt_uuid_owner(info.uuid, p->uuid, &num))
			return -EEXIST;
		*what = "reload";
		return dm_reload(dm, name, &t, 1, flags);
	}
	if (r != -ENXIO)
		return r;
	/* Made under another delimiter?  Find it by UUID, rename. */
	ref.name = NULL;
	ref.uuid = uuid;
	if (!dm_info(dm, &ref, &info) && !pm_ours(dm, p, info.name, &info, &num)) {
		*what = "rename";
		r = dm_rename(dm, info.name, name);
		if (!r) {
			*what = "reload";
			r = dm_reload(dm, name, &t, 1, flags);
		}
		return r;
	}
	return dm_create(dm, name, uuid, &t, 1, flags, NULL);
}

struct sweep {
	struct dm_ctx *dm;
	const struct pm_parent *p;
	const struct pt_result *keep;
	void (*removed)(const char *name, void *arg);
	void *arg;
	int failed;
};

static int sweep_one(const char *name, dev_t dev, void *arg)
{
	struct sweep *sw = arg;
	struct dm_info info;
	unsigned int num, i;
	int r;

	(void)dev;
	if (pm_ours(sw->dm, sw->p, name, &info, &num))
		return 0;
	for (i = 0; sw->keep && i < sw->keep->n; i++)
		if (sw->keep->slice[i].num == num)
			return 0;
	if (info.open_count > 0) {
		log_msg("%s: in use, not removed", name);
		sw->failed = 1;
		return 0;
	}
	r = dm_remove(sw->dm, name);
	if (r) {
		log_err(r, "%s: remove failed:", name);
		sw->failed = 1;
	} else if (sw->removed) {
		sw->removed(name, sw->arg);
	}
	return 0;
}

int pm_sweep(struct dm_ctx *dm, const struct pm_parent *p,
	     const struct pt_result *keep,
	     void (*removed)(const char *name, void *arg), void *arg)
{
	struct sweep sw = { dm, p, keep, removed, arg, 0 };
	int r = dm_list(dm, sweep_one, &sw);

	if (r)
		return r;
	return sw.failed ? -EBUSY : 0;
}

struct ren {
	struct dm_ctx *dm;
	struct pm_parent p;
	const char *to;
	int r;
};

static int rename_one(const char *name, dev_t dev, void *arg)
{
	struct ren *x = arg;
	struct dm_info info;
	char nn[MP_DM_NAME_LEN];
	size_t l = strlen(x->p.name);
	unsigned int num;
	int r;

	(void)dev;
	/* the prefix first: one string compare, not a table per map */
	if (strncmp(name, x->p.name, l) || pm_ours(x->dm, &x->p, name, &info, &num))
		return 0;
	r = str_fmt(nn, sizeof(nn), "%s%s", x->to, name + l);
	if (!r)
		r = dm_rename(x->dm, name, nn);
	if (r) {
		log_err(r, "%s: rename:", name);
		x->r = r;
	}
	return 0;
}

int pm_rename(struct dm_ctx *dm, dev_t dev, const char *uuid, const char *from,
	      const char *to)
{
	struct ren x = { dm, { dev, 1, "", "" }, to, 0 };
	int r = str_copy(x.p.name, from, sizeof(x.p.name));

	if (!r)
		r = str_copy(x.p.uuid, uuid, sizeof(x.p.uuid));
	if (!r)
		r = dm_list(dm, rename_one, &x);
	return r ? r : x.r;
}

int pm_add_map(struct dm_ctx *dm, const char *devdir, const char *name,
	       const char *delim)
{
	static struct pt_result res;
	struct dm_ref ref = { .name = name };
	struct dm_info info;
	struct pm_parent p;
	char path[64], pname[MP_DM_NAME_LEN], params[64];
	const char *what = "DM_DEV_STATUS";
	unsigned int i;
	int r, failed = 0;

	memset(&p, 0, sizeof(p));
	r = dm_info(dm, &ref, &info);
	if (!r)
		r = str_copy(p.name, info.name, sizeof(p.name));
	if (!r)
		r = str_copy(p.uuid, info.uuid, sizeof(p.uuid));
	if (!r)
		r = str_fmt(path, sizeof(path), "%s/dm-%u", devdir, minor(info.dev));
	if (!r) {
		p.dev = info.dev;
		p.is_dm = 1;
		r = pm_read(path, 0, NULL, &res, &what);
	}
	if (r) {
		log_err(r, "%s: partitions: %s:", name,
			what ? what : "reading the partition table");
		return r;
	}
	for (i = 0; i < res.n; i++) {
		r = pm_add(dm, &p, delim, 0, &res.slice[i], pname, params, &what);
		if (r) {
			log_err(r, "%s: partition %u: %s:", name, res.slice[i].num, what);
			failed = 1;
		}
	}
	return failed ? -EIO : 0;
}
