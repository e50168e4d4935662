/* Device-mapper ioctl layer; see dm.h (names, /dev/mapper: dmnode.c).
 * Buffer layout (linux/dm-ioctl.h, as the kernel's dm-ioctl.c reads it):
 *   struct dm_ioctl header, data_start = its size rounded up to 8, then
 *   - TABLE_LOAD input: dm_target_spec + NUL-terminated params, each spec
 *     8-byte aligned; spec->next is the offset from this spec to the next.
 *   - TABLE_STATUS output: the same, but spec->next is an offset from the
 *     start of the data area (the kernel's retrieve_status()).
 *   - LIST_DEVICES output: dm_name_list entries, next relative to entry.
 *   - LIST_VERSIONS output: dm_target_versions entries, next relative.
 * When the kernel sets DM_BUFFER_FULL_FLAG the call is repeated with a
 * buffer twice as large, up to DM_BUF_MAX. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <linux/dm-ioctl.h>

#include "dm.h"
#include "dmudev.h"
#include "str.h"

#define DM_BUF_MIN (16u * 1024)
#define DM_BUF_MAX (16u * 1024 * 1024)
#define ALIGN8(x) (((x) + 7u) & ~(size_t)7u)
#define DM_HDR ALIGN8(sizeof(struct dm_ioctl))

static struct dm_ioctl *dm_new(size_t data_len)
{
	size_t size = DM_HDR + ALIGN8(data_len);
	struct dm_ioctl *io;

	if (size < DM_BUF_MIN)
		size = DM_BUF_MIN;
	io = calloc(1, size);
	if (!io)
		return NULL;
	/* Ask for the ABI we were written against; the kernel accepts any
	 * request with its own major and a minor not newer than its own. */
	io->version[0] = DM_VERSION_MAJOR;
	io->version[1] = 0;
	io->version[2] = 0;
	io->data_size = (uint32_t)size;
	io->data_start = (uint32_t)DM_HDR;
	return io;
}

static int dm_set_ref(struct dm_ioctl *io, const struct dm_ref *ref)
{
	if (ref->name) {
		int r = dm_check_name(ref->name);

		if (r)
			return r;
		memcpy(io->name, ref->name, strlen(ref->name) + 1);
	} else if (ref->uuid) {
		if (dm_check_uuid(ref->uuid))
			return -ENAMETOOLONG;
		memcpy(io->uuid, ref->uuid, strlen(ref->uuid) + 1);
	} else {
		io->dev = dm_encode_dev(ref->dev);
	}
	return 0;
}

static int dm_run(struct dm_ctx *ctx, unsigned long cmd, const char *what,
		  struct dm_ioctl *io)
{
	int r;

	do
		r = ioctl(ctx->fd, cmd, io);
	while (r < 0 && errno == EINTR);
	if (r < 0) {
		r = -errno;
		ctx->what = what;
		return r ? r : -EIO;
	}
	return 0;
}

/* Run an ioctl after which the kernel may send a uevent for the map
 * (resume, remove, rename): event_nr carries the udev flags and the run's
 * cookie (dmudev.h).  Without udev no cookie, but the flags still tell a
 * udev started later that the map came from a device-mapper tool. */
static int dm_run_event(struct dm_ctx *ctx, unsigned long cmd, const char *what,
			struct dm_ioctl *io, uint16_t uflags)
{
	uint32_t cookie = dm_udev_get(ctx);
	int r;

	uflags |= DM_UDEV_PRIMARY_SOURCE_FLAG;
	if (cookie)
		uflags |= DM_UDEV_DISABLE_LIBRARY_FALLBACK;
	io->event_nr = dm_udev_event_nr(uflags, cookie);
	r = dm_run(ctx, cmd, what, io);
	if (cookie && (r || !(io->flags & DM_UEVENT_GENERATED_FLAG)))
		dm_udev_put(ctx); /* no uevent will complete it */
	return r;
}

/* Run an ioctl that returns data, growing the buffer while the kernel
 * reports it full.  *iop is replaced by the final buffer. */
static int dm_run_grow(struct dm_ctx *ctx, unsigned long cmd, const char *what,
		       struct dm_ioctl **iop)
{
	for (;;) {
		struct dm_ioctl *io = *iop, *big;
		size_t size = io->data_size;
		int r = dm_run(ctx, cmd, what, io);

		if (r)
			return r;
		if (!(io->flags & DM_BUFFER_FULL_FLAG))
			return 0;
		if (size >= DM_BUF_MAX) {
			ctx->what = what;
			return -ENOBUFS;
		}
		big = calloc(1, size * 2);
		if (!big)
			return -ENOMEM;
		/* Re-send the original request: header as we filled it. */
		memcpy(big, io, sizeof(*big));
		big->flags &= ~(uint32_t)DM_BUFFER_FULL_FLAG;
		big->data_size = (uint32_t)(size * 2);
		big->data_start = (uint32_t)DM_HDR;
		free(io);
		*iop = big;
	}
}

static void dm_fill_info(const struct dm_ioctl *io, struct dm_info *info)
{
	if (!info)
		return;
	memset(info, 0, sizeof(*info));
	memcpy(info->name, io->name, sizeof(io->name));
	info->name[sizeof(info->name) - 1] = '\0';
	memcpy(info->uuid, io->uuid, sizeof(io->uuid));
	info->uuid[sizeof(info->uuid) - 1] = '\0';
	info->dev = dm_decode_dev(io->dev);
	info->open_count = io->open_count;
	info->target_count = io->target_count;
	info->event_nr = io->event_nr;
	info->flags = io->flags;
}

int dm_open(struct dm_ctx *ctx)
{
	char buf[32];
	unsigned int ma, mi;

	ctx->what = NULL;
	ctx->cookie = 0;
	ctx->semid = -1;
	ctx->udev = dm_udev_detect("");
	if (!ctx->dev_dir)
		ctx->dev_dir = "/dev/mapper";
	ctx->fd = open("/dev/mapper/control", O_RDWR | O_CLOEXEC);
	if (ctx->fd >= 0)
		return 0;
	if (errno != ENOENT) {
		ctx->what = "open /dev/mapper/control";
		return -errno;
	}
	/* devtmpfs normally provides it; otherwise make it from sysfs. */
	if (read_attr("/sys/class/misc/device-mapper/dev", buf, sizeof(buf)) ||
	    str_to_majmin(buf, &ma, &mi)) {
		ctx->what = "device-mapper not in kernel (modprobe dm-mod)";
		return -ENODEV;
	}
	mkdir("/dev/mapper", 0755);
	if (mknod("/dev/mapper/control", S_IFCHR | 0600, makedev(ma, mi)) &&
	    errno != EEXIST) {
		ctx->what = "mknod /dev/mapper/control";
		return -errno;
	}
	ctx->fd = open("/dev/mapper/control", O_RDWR | O_CLOEXEC);
	if (ctx->fd < 0) {
		ctx->what = "open /dev/mapper/control";
		return -errno;
	}
	return 0;
}

void dm_close(struct dm_ctx *ctx)
{
	dm_udev_wait(ctx, DM_UDEV_TIMEOUT_MS);
	if (ctx->fd >= 0)
		close(ctx->fd);
	ctx->fd = -1;
}

int dm_version(struct dm_ctx *ctx, uint32_t version[3])
{
	struct dm_ioctl *io = dm_new(0);
	int r;

	if (!io)
		return -ENOMEM;
	r = dm_run(ctx, DM_VERSION, "DM_VERSION", io);
	if (!r)
		memcpy(version, io->version, 3 * sizeof(uint32_t));
	free(io);
	return r;
}

int dm_target_version(struct dm_ctx *ctx, const char *type, uint32_t version[3])
{
	struct dm_ioctl *io = dm_new(0);
	size_t off, end;
	int r;

	if (!io)
		return -ENOMEM;
	r = dm_run_grow(ctx, DM_LIST_VERSIONS, "DM_LIST_VERSIONS", &io);
	if (r)
		goto out;
	r = -ENOENT;
	off = io->data_start;
	end = io->data_size;
	while (off + sizeof(struct dm_target_versions) < end) {
		const struct dm_target_versions *tv =
			(const void *)((const char *)io + off);
		size_t max = end - off - sizeof(*tv);

		if (strnlen(tv->name, max) == max)
			break; /* unterminated: stop, do not read past */
		if (!strcmp(tv->name, type)) {
			memcpy(version, tv->version, 3 * sizeof(uint32_t));
			r = 0;
			break;
		}
		if (!tv->next)
			break;
		off += tv->next;
	}
out:
	free(io);
	return r;
}

/* Size of one packed target: spec + params with backslashes doubled
 * (dm_split_args() treats '\' as an escape) + NUL, rounded up to 8. */
static size_t dm_spec_size(const struct dm_target *t)
{
	size_t n = strlen(t->params) + 1;
	const char *p;

	for (p = t->params; *p; p++)
		n += (*p == '\\');
	return sizeof(struct dm_target_spec) + ALIGN8(n);
}

static int dm_load(struct dm_ctx *ctx, const char *name,
		   const struct dm_target *t, unsigned int n, unsigned int flags)
{
	struct dm_ioctl *io;
	size_t len = 0, off;
	unsigned int i;
	int r;

	if (!n)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		if (!t[i].type || strlen(t[i].type) >= DM_MAX_TYPE_NAME ||
		    !t[i].params)
			return -EINVAL;
		len += dm_spec_size(&t[i]);
		if (len > DM_BUF_MAX)
			return -E2BIG;
	}
	io = dm_new(len);
	if (!io)
		return -ENOMEM;
	memcpy(io->name, name, strlen(name) + 1);
	io->target_count = n;
	if (flags & MP_DM_READONLY)
		io->flags |= DM_READONLY_FLAG;
	off = io->data_start;
	for (i = 0; i < n; i++) {
		struct dm_target_spec *sp = (void *)((char *)io + off);
		char *out = (char *)(sp + 1);
		const char *p;

		sp->sector_start = t[i].start;
		sp->length = t[i].len;
		sp->status = 0;
		sp->next = (uint32_t)dm_spec_size(&t[i]);
		memcpy(sp->target_type, t[i].type, strlen(t[i].type) + 1);
		for (p = t[i].params; *p; p++) {
			if (*p == '\\')
				*out++ = '\\';
			*out++ = *p;
		}
		*out = '\0';
		off += sp->next;
	}
	r = dm_run(ctx, DM_TABLE_LOAD, "DM_TABLE_LOAD", io);
	free(io);
	return r;
}

/* Resume by name.  With an inactive table loaded this swaps it in; NOFLUSH
 * keeps I/O queued in a multipath map queued instead of failing it. */
static int dm_resume(struct dm_ctx *ctx, const char *name, struct dm_info *info,
		     unsigned int flags)
{
	struct dm_ioctl *io = dm_new(0);
	int r;

	if (!io)
		return -ENOMEM;
	memcpy(io->name, name, strlen(name) + 1);
	io->flags = DM_NOFLUSH_FLAG;
	r = dm_run_event(ctx, DM_DEV_SUSPEND, "DM_DEV_SUSPEND(resume)", io,
			 (uint16_t)(flags >> 16));
	if (!r)
		dm_fill_info(io, info);
	free(io);
	return r;
}

static int dm_simple(struct dm_ctx *ctx, unsigned long cmd, const char *what,
		     const char *name, uint32_t flags)
{
	struct dm_ioctl *io = dm_new(0);
	int r;

	if (!io)
		return -ENOMEM;
	memcpy(io->name, name, strlen(name) + 1);
	io->flags = flags;
	r = dm_run(ctx, cmd, what, io);
	free(io);
	return r;
}

int dm_create(struct dm_ctx *ctx, const char *name, const char *uuid,
	      const struct dm_target *t, unsigned int n, unsigned int flags,
	      dev_t *devp)
{
	struct dm_ioctl *io;
	struct dm_info info;
	int r;

	/* a "what" for every failure: main prints it with %s */
	ctx->what = "map name";
	r = dm_check_name(name);
	if (r)
		return r;
	if (uuid && dm_check_uuid(uuid))
		return -ENAMETOOLONG;
	io = dm_new(0);
	if (!io)
		return -ENOMEM;
	memcpy(io->name, name, strlen(name) + 1);
	if (uuid)
		memcpy(io->uuid, uuid, strlen(uuid) + 1);
	r = dm_run(ctx, DM_DEV_CREATE, "DM_DEV_CREATE", io);
	free(io);
	if (r)
		return r;
	r = dm_load(ctx, name, t, n, flags);
	if (!r)
		r = dm_resume(ctx, name, &info, flags);
	if (r) {
		const char *what = ctx->what; /* keep the first failure */

		dm_simple(ctx, DM_DEV_REMOVE, "DM_DEV_REMOVE", name, 0);
		ctx->what = what;
		return r;
	}
	r = dm_make_node(ctx, name, info.dev);
	if (!r && devp)
		*devp = info.dev;
	return r;
}

int dm_reload(struct dm_ctx *ctx, const char *name,
	      const struct dm_target *t, unsigned int n, unsigned int flags)
{
	struct dm_info info;
	int r = dm_check_name(name);

	if (r)
		return r;
	r = dm_load(ctx, name, t, n, flags);
	if (r)
		return r;
	r = dm_resume(ctx, name, &info, flags);
	if (r) {
		const char *what = ctx->what;

		dm_simple(ctx, DM_TABLE_CLEAR, "DM_TABLE_CLEAR", name, 0);
		ctx->what = what;
		return r;
	}
	return dm_make_node(ctx, name, info.dev);
}

int dm_remove(struct dm_ctx *ctx, const char *name)
{
	struct dm_ioctl *io;
	int r = dm_check_name(name);

	if (r)
		return r;
	io = dm_new(0);
	if (!io)
		return -ENOMEM;
	memcpy(io->name, name, strlen(name) + 1);
	r = dm_run_event(ctx, DM_DEV_REMOVE, "DM_DEV_REMOVE", io, 0);
	free(io);
	if (!r)
		dm_drop_node(ctx, name);
	return r;
}

int dm_rename(struct dm_ctx *ctx, const char *name, const char *newname)
{
	struct dm_ioctl *io;
	struct dm_info info;
	struct dm_ref ref = { .name = newname };
	int r;

	ctx->what = "map name";
	r = dm_check_name(name);
	if (!r)
		r = dm_check_name(newname);
	if (r)
		return r;
	io = dm_new(strlen(newname) + 1);
	if (!io)
		return -ENOMEM;
	memcpy(io->name, name, strlen(name) + 1);
	memcpy((char *)io + io->data_start, newname, strlen(newname) + 1);
	r = dm_run_event(ctx, DM_DEV_RENAME, "DM_DEV_RENAME", io, 0);
	free(io);
	if (r)
		return r;
	dm_drop_node(ctx, name);
	r = dm_info(ctx, &ref, &info);
	if (r)
		return r;
	return dm_make_node(ctx, newname, info.dev);
}

int dm_message(struct dm_ctx *ctx, const char *name, uint64_t sector,
	       const char *msg)
{
	struct dm_ioctl *io;
	struct dm_target_msg *tm;
	int r = dm_check_name(name);

	if (r)
		return r;
	io = dm_new(sizeof(*tm) + strlen(msg) + 1);
	if (!io)
		return -ENOMEM;
	memcpy(io->name, name, strlen(name) + 1);
	tm = (void *)((char *)io + io->data_start);
	tm->sector = sector;
	memcpy(tm->message, msg, strlen(msg) + 1);
	r = dm_run(ctx, DM_TARGET_MSG, "DM_TARGET_MSG", io);
	free(io);
	return r;
}

int dm_info(struct dm_ctx *ctx, const struct dm_ref *ref, struct dm_info *info)
{
	struct dm_ioctl *io = dm_new(0);
	int r;

	if (!io)
		return -ENOMEM;
	r = dm_set_ref(io, ref);
	if (!r)
		r = dm_run(ctx, DM_DEV_STATUS, "DM_DEV_STATUS", io);
	if (!r)
		dm_fill_info(io, info);
	free(io);
	return r;
}

/* One target spec of TABLE_STATUS output at data offset *off, checked
 * as the kernel's own output is not trusted (aligned, inside the data,
 * strings terminated), into t with its strings copied to buf (io is
 * freed after): 0, -EPROTO or -ENOSPC.  *off becomes spec->next. */
static int dm_spec_copy(const struct dm_ioctl *io, size_t *off, size_t end,
			struct dm_target *t, char *buf, size_t size, size_t *used)
{
	const struct dm_target_spec *sp;
	const char *text;
	size_t max_text, pos = io->data_start + *off, tl, pl;

	if (pos + sizeof(*sp) > end || pos % 8)
		return -EPROTO;
	sp = (const void *)((const char *)io + pos);
	text = (const char *)(sp + 1);
	max_text = end - pos - sizeof(*sp);
	pl = strnlen(text, max_text);
	tl = strnlen(sp->target_type, DM_MAX_TYPE_NAME);
	if (pl == max_text || tl == DM_MAX_TYPE_NAME)
		return -EPROTO;
	if (tl + pl + 2 > size - *used)
		return -ENOSPC;
	t->start = sp->sector_start;
	t->len = sp->length;
	memcpy(buf + *used, sp->target_type, tl + 1);
	t->type = buf + *used;
	*used += tl + 1;
	memcpy(buf + *used, text, pl + 1);
	t->params = buf + *used;
	*used += pl + 1;
	*off = sp->next;
	return 0;
}

int dm_table(struct dm_ctx *ctx, const struct dm_ref *ref, int status,
	     struct dm_info *info, struct dm_target *t, unsigned int max,
	     unsigned int *n, char *buf, size_t size)
{
	struct dm_ioctl *io = dm_new(0);
	size_t off, prev = 0, end, used = 0;
	uint32_t i;
	int r;

	*n = 0;
	if (!io)
		return -ENOMEM;
	r = dm_set_ref(io, ref);
	if (r)
		goto out;
	if (!status)
		io->flags |= DM_STATUS_TABLE_FLAG;
	r = dm_run_grow(ctx, DM_TABLE_STATUS, "DM_TABLE_STATUS", &io);
	if (r)
		goto out;
	dm_fill_info(io, info);
	if (io->target_count > max) {
		r = -ENOSPC;
		goto out;
	}
	end = io->data_size;
	off = 0;
	for (i = 0; i < io->target_count; i++) {
		r = dm_spec_copy(io, &off, end, &t[i], buf, size, &used);
		if (r)
			break;
		*n = i + 1;
		if (off <= prev && i + 1 < io->target_count) {
			r = -EPROTO; /* must move forward */
			break;
		}
		prev = off;
	}
out:
	if (r)
		*n = 0;
	free(io);
	return r;
}

int dm_list(struct dm_ctx *ctx, dm_list_cb cb, void *arg)
{
	struct dm_ioctl *io = dm_new(0);
	size_t off, end;
	int r;

	if (!io)
		return -ENOMEM;
	r = dm_run_grow(ctx, DM_LIST_DEVICES, "DM_LIST_DEVICES", &io);
	if (r)
		goto out;
	off = io->data_start;
	end = io->data_size;
	while (off + sizeof(struct dm_name_list) < end) {
		const struct dm_name_list *nl = (const void *)((const char *)io + off);
		size_t max = end - off - sizeof(*nl);

		if (!nl->dev)
			break; /* the kernel's "no devices" marker */
		if (strnlen(nl->name, max) == max) {
			r = -EPROTO;
			break;
		}
		r = cb(nl->name, dm_decode_dev(nl->dev), arg);
		if (r || !nl->next)
			break;
		off += nl->next;
	}
out:
	free(io);
	return r;
}
