/* Device-mapper names and device numbers as the kernel takes them, and
 * the <dev_dir>/<name> entries made for maps where udev does not: the
 * part of dm.h that needs no ioctl, so that dm.c stays the thin ioctl
 * layer.  See dm.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "dm.h"
#include "str.h"

uint64_t dm_encode_dev(dev_t dev)
{
	uint64_t ma = major(dev), mi = minor(dev);

	return (mi & 0xff) | (ma << 8) | ((mi & ~0xffull) << 12);
}

dev_t dm_decode_dev(uint64_t v)
{
	unsigned int ma = (unsigned int)((v & 0xfff00) >> 8);
	unsigned int mi = (unsigned int)((v & 0xff) | ((v >> 12) & 0xfff00));

	return makedev(ma, mi);
}

int dm_check_name(const char *name)
{
	size_t len;

	if (!name || !*name || !strcmp(name, ".") || !strcmp(name, ".."))
		return -EINVAL;
	if (strchr(name, '/'))
		return -EINVAL;
	len = strlen(name);
	return len < MP_DM_NAME_LEN ? 0 : -ENAMETOOLONG;
}

int dm_check_uuid(const char *uuid)
{
	return strlen(uuid) < MP_DM_UUID_LEN ? 0 : -ENAMETOOLONG;
}

static int dm_node_path(const struct dm_ctx *ctx, const char *name,
			char *path, size_t size)
{
	return str_fmt(path, size, "%s/%s", ctx->dev_dir, name);
}

/* Make <dev_dir>/<name> for dev, replacing a stale entry.  Where udev
 * synchronises, udev makes it (a symlink, with its database entry).
 * Otherwise the entry udev would make: a symlink to ../dm-N when that node
 * exists for dev in the parent directory (devtmpfs); a block node when it
 * does not (no devtmpfs, or a dev_dir elsewhere). */
int dm_make_node(struct dm_ctx *ctx, const char *name, dev_t dev)
{
	char path[256], tmp[300], kname[32], target[48], cur[48], devnode[300], *slash;
	struct stat st;
	ssize_t n;
	int r, link = 0;

	if (!ctx->dev_dir || ctx->udev)
		return 0;
	r = dm_node_path(ctx, name, path, sizeof(path));
	if (!r)
		r = str_fmt(tmp, sizeof(tmp), "%s/.%s.new", ctx->dev_dir, name);
	if (!r)
		r = str_fmt(kname, sizeof(kname), "dm-%u", minor(dev));
	if (!r)
		r = str_fmt(target, sizeof(target), "../%s", kname);
	if (!r) /* dev_dir's parent: "../" without needing dev_dir to exist */
		r = str_fmt(devnode, sizeof(devnode), "%s", ctx->dev_dir);
	if (r)
		return r;
	slash = strrchr(devnode, '/');
	if (slash && str_fmt(slash + 1, sizeof(devnode) - (size_t)(slash + 1 - devnode),
			     "%s", kname))
		return -ENAMETOOLONG;
	if (slash && !stat(devnode, &st) && S_ISBLK(st.st_mode) && st.st_rdev == dev)
		link = 1;
	if (!lstat(path, &st)) {
		if (!link && S_ISBLK(st.st_mode) && st.st_rdev == dev)
			return 0;
		if (link && S_ISLNK(st.st_mode)) {
			n = readlink(path, cur, sizeof(cur) - 1);
			if (n > 0 && (cur[n] = '\0', !strcmp(cur, target)))
				return 0;
		}
	}
	if (mkdir(ctx->dev_dir, 0755) && errno != EEXIST) {
		ctx->what = "mkdir mapper dir";
		return -errno;
	}
	/* made under a hidden name and renamed over the entry: a stale entry
	 * is replaced in one step (never missing), and anything planted at
	 * either name is replaced or removed, never followed */
	unlink(tmp);
	if (link ? symlink(target, tmp) : mknod(tmp, S_IFBLK | 0600, dev)) {
		ctx->what = link ? "symlink mapper entry" : "mknod mapper node";
		return -errno;
	}
	if (rename(tmp, path)) {
		r = -errno;
		unlink(tmp);
		ctx->what = "rename mapper entry";
		return r;
	}
	return 0;
}

void dm_drop_node(struct dm_ctx *ctx, const char *name)
{
	char path[256];

	if (ctx->dev_dir && !ctx->udev &&
	    !dm_node_path(ctx, name, path, sizeof(path)))
		unlink(path);
}
