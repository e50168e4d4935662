/* Host tests of src/lib/dm.c.
 *
 * ioctl() is wrapped at link time (-Wl,--wrap=ioctl) by a small fake
 * device-mapper that checks every buffer the way drivers/md/dm-ioctl.c does
 * (version, data_size, data_start, 8-byte aligned target specs whose `next`
 * moves forward, NUL-terminated names and params inside the buffer) and
 * answers like the kernel, including DM_BUFFER_FULL_FLAG for small buffers.
 *
 * Invariants checked: create is CREATE+LOAD+RESUME and rolls back with
 * REMOVE; reload never removes and resumes with NOFLUSH; names are bounded
 * and '/'-free before any ioctl; the mapper node follows the map. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/sem.h>
#include <sys/wait.h>
#include <time.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <linux/dm-ioctl.h>

#include "dm.h"
#include "dmudev.h"
#include "unit.h"

#define FAKE_MAJOR 254
#define MAXDEV 400
#define DM_HDR_ALIGNED ((sizeof(struct dm_ioctl) + 7) & ~(size_t)7)

struct fdev {
	int used;
	char name[DM_NAME_LEN];
	char uuid[DM_UUID_LEN];
	unsigned int minor;
	char active[4096], inactive[4096]; /* "start len type params\n"... */
	int has_active, has_inactive, ntargets, ninactive;
	int open_count;
	char lastmsg[256];
	uint64_t lastsector;
};

static struct fdev devs[MAXDEV];
static unsigned int next_minor;
static char calls[4096];     /* ioctl names in order, space separated */
static int fail_cmd = -1;     /* _IOC_NR of a command to fail */
static int fail_errno;
static uint32_t last_flags[32]; /* flags seen per command nr */
static uint32_t last_event_nr[32]; /* event_nr seen per command nr */
static int malformed_list;  /* emit an unterminated name */

static void fake_reset(void)
{
	memset(devs, 0, sizeof(devs));
	next_minor = 0;
	calls[0] = '\0';
	fail_cmd = -1;
	malformed_list = 0;
}

static const char *cmd_name(unsigned int nr)
{
	static const char *n[] = {
		[DM_VERSION_CMD] = "VERSION", [DM_REMOVE_ALL_CMD] = "REMOVE_ALL",
		[DM_LIST_DEVICES_CMD] = "LIST", [DM_DEV_CREATE_CMD] = "CREATE",
		[DM_DEV_REMOVE_CMD] = "REMOVE", [DM_DEV_RENAME_CMD] = "RENAME",
		[DM_DEV_SUSPEND_CMD] = "SUSPEND", [DM_DEV_STATUS_CMD] = "STATUS",
		[DM_DEV_WAIT_CMD] = "WAIT", [DM_TABLE_LOAD_CMD] = "LOAD",
		[DM_TABLE_CLEAR_CMD] = "CLEAR", [DM_TABLE_DEPS_CMD] = "DEPS",
		[DM_TABLE_STATUS_CMD] = "TSTATUS", [DM_LIST_VERSIONS_CMD] = "VERSIONS",
		[DM_TARGET_MSG_CMD] = "MSG",
	};
	return nr < sizeof(n) / sizeof(n[0]) && n[nr] ? n[nr] : "?";
}

static struct fdev *find(const struct dm_ioctl *io)
{
	int i;

	for (i = 0; i < MAXDEV; i++) {
		if (!devs[i].used)
			continue;
		if (io->uuid[0]) {
			if (!strcmp(devs[i].uuid, io->uuid))
				return &devs[i];
		} else if (io->name[0]) {
			if (!strcmp(devs[i].name, io->name))
				return &devs[i];
		} else if (io->dev == dm_encode_dev(makedev(FAKE_MAJOR, devs[i].minor))) {
			return &devs[i];
		}
	}
	return NULL;
}

static void fill_hdr(struct dm_ioctl *io, const struct fdev *d)
{
	memcpy(io->name, d->name, sizeof(io->name));
	memcpy(io->uuid, d->uuid, sizeof(io->uuid));
	io->dev = dm_encode_dev(makedev(FAKE_MAJOR, d->minor));
	io->open_count = d->open_count;
	io->target_count = (uint32_t)d->ntargets;
	io->flags &= ~(uint32_t)(DM_ACTIVE_PRESENT_FLAG | DM_INACTIVE_PRESENT_FLAG);
	if (d->has_active)
		io->flags |= DM_ACTIVE_PRESENT_FLAG;
	if (d->has_inactive)
		io->flags |= DM_INACTIVE_PRESENT_FLAG;
}

/* Kernel's populate_table(): walk specs, validating as next_target() does. */
static int load(struct dm_ioctl *io, struct fdev *d)
{
	const char *base = (const char *)io, *end = base + io->data_size;
	const struct dm_target_spec *sp = (const void *)(base + io->data_start);
	const struct dm_target_spec *last = NULL;
	uint32_t next = 0, i;
	size_t used = 0;

	if (!io->target_count)
		return -EINVAL;
	d->inactive[0] = '\0';
	for (i = 0; i < io->target_count; i++) {
		const char *params;
		int n;

		sp = last ? (const void *)((const char *)last + next) : sp;
		if ((uintptr_t)sp % 8)
			return -EINVAL; /* misaligned spec */
		if (last && sp < last + 1)
			return -EINVAL;
		if ((const char *)(sp + 1) > end)
			return -EINVAL;
		params = (const char *)(sp + 1);
		if (!memchr(params, '\0', (size_t)(end - params)))
			return -EINVAL; /* invalid_str() */
		if (!memchr(sp->target_type, '\0', DM_MAX_TYPE_NAME))
			return -EINVAL;
		n = snprintf(d->inactive + used, sizeof(d->inactive) - used,
			     "%llu %llu %s %s\n", (unsigned long long)sp->sector_start,
			     (unsigned long long)sp->length, sp->target_type, params);
		if (n < 0 || (size_t)n >= sizeof(d->inactive) - used)
			return -ENOMEM;
		used += (size_t)n;
		next = sp->next;
		last = sp;
	}
	d->has_inactive = 1;
	d->ninactive = (int)io->target_count;
	return 0;
}

/* Kernel's retrieve_status(): specs with next relative to data start. */
static int table_out(struct dm_ioctl *io, struct fdev *d)
{
	char *out = (char *)io + DM_HDR_ALIGNED, *end = (char *)io + io->data_size;
	char copy[4096], *line, *save;
	size_t off = 0;

	io->data_start = DM_HDR_ALIGNED;
	strcpy(copy, d->active);
	for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		struct dm_target_spec *sp = (void *)(out + off);
		unsigned long long s, l;
		char type[32];
		int pos = 0;
		const char *text;

		if (sscanf(line, "%llu %llu %31s %n", &s, &l, type, &pos) < 3)
			return -EINVAL;
		text = (io->flags & DM_STATUS_TABLE_FLAG) ? line + pos : "0 status";
		if (out + off + sizeof(*sp) + strlen(text) + 1 > end) {
			io->flags |= DM_BUFFER_FULL_FLAG;
			return 0;
		}
		sp->sector_start = s;
		sp->length = l;
		memset(sp->target_type, 0, sizeof(sp->target_type));
		strcpy(sp->target_type, type);
		strcpy((char *)(sp + 1), text);
		off += sizeof(*sp) + strlen(text) + 1;
		off = (off + 7) & ~(size_t)7;
		sp->next = (uint32_t)off;
	}
	io->data_size = (uint32_t)(DM_HDR_ALIGNED + off);
	return 0;
}

static int list_out(struct dm_ioctl *io)
{
	char *out = (char *)io + DM_HDR_ALIGNED, *end = (char *)io + io->data_size;
	struct dm_name_list *nl = NULL;
	size_t off = 0;
	int i;

	io->data_start = DM_HDR_ALIGNED;
	if (out + sizeof(*nl) > end) {
		io->flags |= DM_BUFFER_FULL_FLAG;
		return 0;
	}
	((struct dm_name_list *)out)->dev = 0;
	for (i = 0; i < MAXDEV; i++) {
		size_t len;

		if (!devs[i].used)
			continue;
		len = sizeof(*nl) + strlen(devs[i].name) + 1;
		len = (len + 7) & ~(size_t)7;
		if (out + off + len > end) {
			io->flags |= DM_BUFFER_FULL_FLAG;
			return 0;
		}
		if (nl)
			nl->next = (uint32_t)((char *)(out + off) - (char *)nl);
		nl = (void *)(out + off);
		nl->dev = dm_encode_dev(makedev(FAKE_MAJOR, devs[i].minor));
		nl->next = 0;
		strcpy(nl->name, devs[i].name);
		if (malformed_list)
			memset(nl->name, 'x', (size_t)(end - nl->name));
		off += len;
	}
	io->data_size = (uint32_t)(DM_HDR_ALIGNED + off);
	return 0;
}

int __wrap_ioctl(int fd, unsigned long req, ...);
int __wrap_ioctl(int fd, unsigned long req, ...)
{
	unsigned int nr = _IOC_NR(req);
	struct dm_ioctl *io;
	struct fdev *d;
	va_list ap;
	int r = 0, i;

	va_start(ap, req);
	io = va_arg(ap, struct dm_ioctl *);
	va_end(ap);
	(void)fd;
	if (strlen(calls) + 16 < sizeof(calls)) { /* a bounded call log */
		strcat(calls, cmd_name(nr));
		strcat(calls, " ");
	}
	if (nr < 32)
		last_flags[nr] = io->flags, last_event_nr[nr] = io->event_nr;
	/* check_version() and copy_params() */
	if (_IOC_TYPE(req) != DM_IOCTL || io->version[0] != DM_VERSION_MAJOR ||
	    io->version[1] > DM_VERSION_MINOR || io->data_size < sizeof(*io) ||
	    io->data_start < sizeof(*io) || io->data_start > io->data_size ||
	    !memchr(io->name, '\0', DM_NAME_LEN) || !memchr(io->uuid, '\0', DM_UUID_LEN)) {
		errno = EINVAL;
		return -1;
	}
	if ((int)nr == fail_cmd) {
		errno = fail_errno;
		return -1;
	}
	io->flags &= ~(uint32_t)DM_BUFFER_FULL_FLAG;
	d = find(io);
	switch (nr) {
	case DM_VERSION_CMD:
		io->version[1] = DM_VERSION_MINOR;
		break;
	case DM_DEV_CREATE_CMD:
		if (!io->name[0] || strchr(io->name, '/')) {
			r = -EINVAL;
			break;
		}
		for (i = 0; i < MAXDEV; i++)
			if (devs[i].used && (!strcmp(devs[i].name, io->name) ||
					     (io->uuid[0] && !strcmp(devs[i].uuid, io->uuid))))
				r = -EBUSY;
		if (r)
			break;
		for (i = 0; i < MAXDEV && devs[i].used; i++)
			;
		if (i == MAXDEV) {
			r = -ENOMEM;
			break;
		}
		d = &devs[i];
		memset(d, 0, sizeof(*d));
		d->used = 1;
		strcpy(d->name, io->name);
		strcpy(d->uuid, io->uuid);
		d->minor = next_minor++;
		fill_hdr(io, d);
		break;
	case DM_TABLE_LOAD_CMD:
		r = d ? load(io, d) : -ENXIO;
		if (!r)
			fill_hdr(io, d);
		break;
	case DM_TABLE_CLEAR_CMD:
		if (!d)
			r = -ENXIO;
		else
			d->has_inactive = 0;
		break;
	case DM_DEV_SUSPEND_CMD:
		if (!d) {
			r = -ENXIO;
			break;
		}
		io->flags &= ~(uint32_t)DM_UEVENT_GENERATED_FLAG;
		if (!(io->flags & DM_SUSPEND_FLAG) && d->has_inactive) {
			strcpy(d->active, d->inactive);
			d->ntargets = d->ninactive;
			d->has_active = 1;
			d->has_inactive = 0;
			/* do_resume(): a change uevent only when it resumed */
			io->flags |= DM_UEVENT_GENERATED_FLAG;
		}
		fill_hdr(io, d);
		break;
	case DM_DEV_REMOVE_CMD:
		if (!d)
			r = -ENXIO;
		else if (d->open_count)
			r = -EBUSY;
		else {
			d->used = 0;
			io->flags |= DM_UEVENT_GENERATED_FLAG;
		}
		break;
	case DM_DEV_STATUS_CMD:
		if (d)
			fill_hdr(io, d);
		else
			r = -ENXIO;
		break;
	case DM_TABLE_STATUS_CMD:
		if (!d) {
			r = -ENXIO;
			break;
		}
		fill_hdr(io, d);
		r = table_out(io, d);
		break;
	case DM_LIST_DEVICES_CMD:
		r = list_out(io);
		break;
	case DM_DEV_RENAME_CMD: {
		const char *nn = (const char *)io + io->data_start;

		if (!d)
			r = -ENXIO;
		else if (!memchr(nn, '\0', io->data_size - io->data_start))
			r = -EINVAL;
		else {
			strcpy(d->name, nn);
			io->flags |= DM_UEVENT_GENERATED_FLAG;
		}
		break;
	}
	case DM_TARGET_MSG_CMD: {
		const struct dm_target_msg *m = (const void *)((const char *)io + io->data_start);

		if (!d)
			r = -ENXIO;
		else {
			d->lastsector = m->sector;
			snprintf(d->lastmsg, sizeof(d->lastmsg), "%s", m->message);
		}
		break;
	}
	case DM_LIST_VERSIONS_CMD: {
		char *out = (char *)io + DM_HDR_ALIGNED;
		struct dm_target_versions *a = (void *)out, *b;

		io->data_start = DM_HDR_ALIGNED;
		a->version[0] = 1; a->version[1] = 4; a->version[2] = 0;
		strcpy(a->name, "linear");
		a->next = 32;
		b = (void *)(out + 32);
		b->version[0] = 1; b->version[1] = 14; b->version[2] = 0;
		strcpy(b->name, "multipath");
		b->next = 0;
		io->data_size = (uint32_t)(DM_HDR_ALIGNED + 64);
		break;
	}
	default:
		r = -ENOTTY;
	}
	if (r) {
		errno = -r;
		return -1;
	}
	return 0;
}

static char tmpdir[64];
static struct dm_ctx ctx;

static void ctx_reset(void)
{
	fake_reset();
	ctx.fd = 3;
	ctx.dev_dir = tmpdir;
	ctx.what = NULL;
	ctx.udev = 0;
	ctx.cookie = 0;
	ctx.semid = -1;
}

static const struct dm_target lin = { 0, 2048, "linear", "8:16 0" };

static int node_dev(const char *name, dev_t *dev)
{
	char p[256];
	struct stat st;

	snprintf(p, sizeof(p), "%s/%s", tmpdir, name);
	if (stat(p, &st) || !S_ISBLK(st.st_mode))
		return -1;
	*dev = st.st_rdev;
	return 0;
}

static void t_create(void)
{
	dev_t dev = 0, nd = 0;
	struct dm_info info;
	struct dm_ref ref = { .name = "mp0" };

	ctx_reset();
	EXPECT_INT(dm_create(&ctx, "mp0", "mpath-3600a", &lin, 1, 0, &dev), 0, "create");
	EXPECT_STR(calls, "CREATE LOAD SUSPEND ", "create");
	EXPECT(last_flags[DM_DEV_SUSPEND_CMD] & DM_NOFLUSH_FLAG, "create", "resume without NOFLUSH");
	EXPECT(!(last_flags[DM_DEV_SUSPEND_CMD] & DM_SUSPEND_FLAG), "create", "suspend instead of resume");
	EXPECT_INT(major(dev), FAKE_MAJOR, "create");
	EXPECT_INT(node_dev("mp0", &nd), 0, "create");
	EXPECT(nd == dev, "create", "node dev differs");
	EXPECT_INT(dm_info(&ctx, &ref, &info), 0, "create");
	EXPECT_STR(info.uuid, "mpath-3600a", "create");
	EXPECT(info.flags & DM_ACTIVE_PRESENT_FLAG, "create", "no live table");
	EXPECT_STR(devs[0].active, "0 2048 linear 8:16 0\n", "create");
	UNIT_PASS("create");
}

static void t_create_rollback(void)
{
	dev_t dev;
	int i, n = 0;

	ctx_reset();
	fail_cmd = DM_TABLE_LOAD_CMD;
	fail_errno = EINVAL;
	EXPECT_INT(dm_create(&ctx, "mp1", NULL, &lin, 1, 0, &dev), -EINVAL, "create-rollback-load");
	EXPECT_STR(ctx.what, "DM_TABLE_LOAD", "create-rollback-load");
	EXPECT_STR(calls, "CREATE LOAD REMOVE ", "create-rollback-load");
	for (i = 0; i < MAXDEV; i++)
		n += devs[i].used;
	EXPECT_INT(n, 0, "create-rollback-load");
	EXPECT(node_dev("mp1", &dev) < 0, "create-rollback-load", "node left behind");
	UNIT_PASS("create-rollback-load");

	ctx_reset();
	fail_cmd = DM_DEV_SUSPEND_CMD;
	fail_errno = EIO;
	EXPECT_INT(dm_create(&ctx, "mp1", NULL, &lin, 1, 0, &dev), -EIO, "create-rollback-resume");
	EXPECT_STR(calls, "CREATE LOAD SUSPEND REMOVE ", "create-rollback-resume");
	EXPECT_STR(ctx.what, "DM_DEV_SUSPEND(resume)", "create-rollback-resume");
	UNIT_PASS("create-rollback-resume");
}

static void t_reload(void)
{
	struct dm_target mp = { 0, 2048, "multipath", "0 0 1 1 service-time 0 2 1 8:16 1 8:32 1" };
	char buf[512];
	struct dm_ref ref = { .name = "mp0" };

	ctx_reset();
	EXPECT_INT(dm_create(&ctx, "mp0", "mpath-x", &lin, 1, 0, NULL), 0, "reload");
	calls[0] = '\0';
	EXPECT_INT(dm_reload(&ctx, "mp0", &mp, 1, 0), 0, "reload");
	EXPECT_STR(calls, "LOAD SUSPEND ", "reload");
	EXPECT(last_flags[DM_DEV_SUSPEND_CMD] & DM_NOFLUSH_FLAG, "reload", "no NOFLUSH");
	EXPECT_INT(dm_table(&ctx, &ref, 0, NULL, buf, sizeof(buf)), 0, "reload");
	EXPECT_STR(buf, "0 2048 multipath 0 0 1 1 service-time 0 2 1 8:16 1 8:32 1\n", "reload");
	UNIT_PASS("reload");

	calls[0] = '\0';
	fail_cmd = DM_DEV_SUSPEND_CMD;
	fail_errno = EINVAL;
	EXPECT_INT(dm_reload(&ctx, "mp0", &lin, 1, 0), -EINVAL, "reload-clear");
	EXPECT_STR(calls, "LOAD SUSPEND CLEAR ", "reload-clear");
	EXPECT_INT(devs[0].has_inactive, 0, "reload-clear");
	EXPECT(devs[0].used, "reload-clear", "live map removed");
	UNIT_PASS("reload-clear");
}

static void t_names(void)
{
	char longname[200];

	ctx_reset();
	memset(longname, 'a', sizeof(longname));
	longname[DM_NAME_LEN] = '\0'; /* 128 chars: one too many */
	EXPECT_INT(dm_create(&ctx, "a/b", NULL, &lin, 1, 0, NULL), -EINVAL, "name-slash");
	EXPECT_INT(dm_create(&ctx, "", NULL, &lin, 1, 0, NULL), -EINVAL, "name-empty");
	EXPECT_INT(dm_create(&ctx, "..", NULL, &lin, 1, 0, NULL), -EINVAL, "name-dotdot");
	EXPECT_INT(dm_create(&ctx, longname, NULL, &lin, 1, 0, NULL), -ENAMETOOLONG, "name-long");
	EXPECT_INT(dm_reload(&ctx, "x/y", &lin, 1, 0), -EINVAL, "name-reload");
	EXPECT_INT(dm_remove(&ctx, longname), -ENAMETOOLONG, "name-remove");
	EXPECT_STR(calls, "", "name-no-ioctl");
	longname[DM_NAME_LEN - 1] = '\0'; /* 127: the longest allowed */
	EXPECT_INT(dm_create(&ctx, longname, NULL, &lin, 1, 0, NULL), 0, "name-127");
	memset(longname, 'u', sizeof(longname));
	longname[DM_UUID_LEN] = '\0';
	EXPECT_INT(dm_create(&ctx, "u", longname, &lin, 1, 0, NULL), -ENAMETOOLONG, "uuid-long");
	longname[DM_UUID_LEN - 1] = '\0';
	EXPECT_INT(dm_create(&ctx, "u", longname, &lin, 1, 0, NULL), 0, "uuid-128");
	UNIT_PASS("names");
}

static void t_multi_target(void)
{
	/* params of every length 0..17 exercise every padding remainder */
	static char params[18][32];
	struct dm_target t[18];
	char want[4096] = "", buf[4096];
	struct dm_ref ref = { .name = "multi" };
	size_t used = 0;
	int i;

	ctx_reset();
	for (i = 0; i < 18; i++) {
		memset(params[i], 'p', (size_t)i);
		params[i][i] = '\0';
		t[i].start = (uint64_t)i * 8;
		t[i].len = 8;
		t[i].type = i % 2 ? "linear" : "zero";
		t[i].params = params[i];
		used += (size_t)snprintf(want + used, sizeof(want) - used, "%d 8 %s%s%s\n",
					 i * 8, t[i].type, i ? " " : "", params[i]);
	}
	EXPECT_INT(dm_create(&ctx, "multi", NULL, t, 18, 0, NULL), 0, "multi-target");
	EXPECT_INT(devs[0].ntargets, 18, "multi-target");
	EXPECT_INT(dm_table(&ctx, &ref, 0, NULL, buf, sizeof(buf)), 0, "multi-target");
	EXPECT_STR(buf, want, "multi-target");
	EXPECT_INT(dm_table(&ctx, &ref, 0, NULL, buf, 40), -ENOSPC, "table-small-buf");
	UNIT_PASS("multi-target");
}

static void t_escape_and_type(void)
{
	struct dm_target t = { 0, 8, "linear", "a\\b" };
	struct dm_target bad = { 0, 8, "a-very-long-target-type", "" };

	ctx_reset();
	EXPECT_INT(dm_create(&ctx, "esc", NULL, &t, 1, 0, NULL), 0, "escape");
	EXPECT_STR(devs[0].active, "0 8 linear a\\\\b\n", "escape");
	UNIT_PASS("escape");
	EXPECT_INT(dm_create(&ctx, "badtype", NULL, &bad, 1, 0, NULL), -EINVAL, "type-too-long");
	EXPECT_INT(dm_create(&ctx, "none", NULL, &t, 0, 0, NULL), -EINVAL, "no-targets");
	UNIT_PASS("type-and-count");
}

static int count_cb(const char *name, dev_t dev, void *arg)
{
	int *n = arg;

	if (major(dev) != FAKE_MAJOR || !name[0])
		return -EPROTO;
	(*n)++;
	return 0;
}

static void t_list_grow(void)
{
	char name[DM_NAME_LEN];
	int i, n = 0;
	const char *p;
	int lists = 0;

	ctx_reset();
	ctx.dev_dir = NULL;
	for (i = 0; i < 300; i++) {
		calls[0] = '\0';
		/* 100-char names: 300 entries need ~34 KiB, twice DM_BUF_MIN */
		snprintf(name, sizeof(name), "%0100d", i);
		EXPECT_INT(dm_create(&ctx, name, NULL, &lin, 1, 0, NULL), 0, "list-grow");
	}
	calls[0] = '\0';
	EXPECT_INT(dm_list(&ctx, count_cb, &n), 0, "list-grow");
	EXPECT_INT(n, 300, "list-grow");
	for (p = calls; (p = strstr(p, "LIST")); p++)
		lists++;
	EXPECT(lists >= 2, "list-grow", "buffer never grew (%d calls)", lists);
	UNIT_PASS("list-grow");

	ctx_reset();
	n = 0;
	EXPECT_INT(dm_list(&ctx, count_cb, &n), 0, "list-empty");
	EXPECT_INT(n, 0, "list-empty");
	UNIT_PASS("list-empty");

	ctx_reset();
	dm_create(&ctx, "one", NULL, &lin, 1, 0, NULL);
	malformed_list = 1;
	EXPECT_INT(dm_list(&ctx, count_cb, &n), -EPROTO, "list-unterminated");
	UNIT_PASS("list-unterminated");
}

static void t_info_remove_rename_msg(void)
{
	struct dm_info info;
	struct dm_ref byname = { .name = "m" }, byuuid = { .uuid = "mpath-u" }, bydev = { 0 };
	dev_t dev, nd;

	ctx_reset();
	EXPECT_INT(dm_create(&ctx, "m", "mpath-u", &lin, 1, 0, &dev), 0, "info");
	EXPECT_INT(dm_info(&ctx, &byuuid, &info), 0, "info-uuid");
	EXPECT_STR(info.name, "m", "info-uuid");
	bydev.dev = dev;
	EXPECT_INT(dm_info(&ctx, &bydev, &info), 0, "info-dev");
	EXPECT_STR(info.name, "m", "info-dev");
	bydev.dev = makedev(FAKE_MAJOR, 77);
	EXPECT_INT(dm_info(&ctx, &bydev, &info), -ENXIO, "info-unknown");
	UNIT_PASS("info");

	EXPECT_INT(dm_message(&ctx, "m", 0, "fail_path 8:16"), 0, "message");
	EXPECT_STR(devs[0].lastmsg, "fail_path 8:16", "message");
	UNIT_PASS("message");

	EXPECT_INT(dm_rename(&ctx, "m", "n"), 0, "rename");
	EXPECT(node_dev("m", &nd) < 0, "rename", "old node left");
	EXPECT_INT(node_dev("n", &nd), 0, "rename");
	EXPECT(nd == dev, "rename", "new node dev");
	EXPECT_INT(dm_info(&ctx, &byname, &info), -ENXIO, "rename");
	UNIT_PASS("rename");

	devs[0].open_count = 1;
	EXPECT_INT(dm_remove(&ctx, "n"), -EBUSY, "remove-busy");
	EXPECT_INT(node_dev("n", &nd), 0, "remove-busy");
	devs[0].open_count = 0;
	EXPECT_INT(dm_remove(&ctx, "n"), 0, "remove");
	EXPECT(node_dev("n", &nd) < 0, "remove", "node left behind");
	UNIT_PASS("remove");
}

static void t_misc(void)
{
	uint32_t v[3];
	dev_t d = makedev(254, 1000);

	EXPECT(dm_decode_dev(dm_encode_dev(d)) == d, "dev-roundtrip", "minor > 255 lost");
	EXPECT_INT(dm_encode_dev(makedev(8, 16)), (8 << 8) | 16, "dev-encode");
	UNIT_PASS("dev-encode");
	ctx_reset();
	EXPECT_INT(dm_version(&ctx, v), 0, "version");
	EXPECT_INT(v[0], 4, "version");
	EXPECT_INT(dm_target_version(&ctx, "multipath", v), 0, "target-version");
	EXPECT_INT(v[1], 14, "target-version");
	EXPECT_INT(dm_target_version(&ctx, "snapshot", v), -ENOENT, "target-missing");
	UNIT_PASS("target-version");
}

/* The udev flags every uevent-generating ioctl carries (dmudev.h): the
 * primary-source flag always, subsystem flags from the caller, no cookie
 * base without udev. */
static void t_udev_flags(void)
{
	const uint32_t prim = (uint32_t)DM_UDEV_PRIMARY_SOURCE_FLAG << 16;

	ctx_reset();
	EXPECT_INT(dm_create(&ctx, "mp0", "mpath-x", &lin, 1, 0, NULL), 0, "udev-flags-create");
	EXPECT_INT(last_event_nr[DM_DEV_SUSPEND_CMD], prim, "udev-flags-create");
	EXPECT_INT(last_event_nr[DM_DEV_CREATE_CMD], 0, "udev-flags-create");
	UNIT_PASS("udev-flags-create");
	EXPECT_INT(dm_reload(&ctx, "mp0", &lin, 1, MP_DM_UDEV(MPATH_UDEV_RELOAD_FLAG) | MP_DM_READONLY),
		   0, "udev-flags-reload");
	EXPECT_INT(last_event_nr[DM_DEV_SUSPEND_CMD], prim | 0x01000000u, "udev-flags-reload");
	EXPECT(last_flags[DM_TABLE_LOAD_CMD] & DM_READONLY_FLAG, "udev-flags-reload", "RO flag lost");
	UNIT_PASS("udev-flags-reload");
	EXPECT_INT(dm_rename(&ctx, "mp0", "mp9"), 0, "udev-flags-rename");
	EXPECT_INT(last_event_nr[DM_DEV_RENAME_CMD], prim, "udev-flags-rename");
	EXPECT_INT(dm_remove(&ctx, "mp9"), 0, "udev-flags-remove");
	EXPECT_INT(last_event_nr[DM_DEV_REMOVE_CMD], prim, "udev-flags-remove");
	EXPECT_INT(ctx.cookie, 0, "udev-flags-remove");
	UNIT_PASS("udev-flags-remove");
	/* the encoding libdevmapper's `dmsetup udevflags` decodes */
	EXPECT_INT(dm_udev_event_nr(0x0060, 0x0d4d1234u), 0x00601234u, "udev-event-nr");
	EXPECT_INT(dm_udev_event_nr(0xffff, 0), 0xffff0000u, "udev-event-nr");
	UNIT_PASS("udev-event-nr");
}

static int sem_value(int id)
{
	return semctl(id, 0, GETVAL);
}

/* What `dmsetup udevcomplete $DM_COOKIE` does from udev's last rule: find
 * the semaphore by the cookie's base (flags stripped, magic put back) and
 * decrement it. */
static int udevcomplete(uint32_t dm_cookie)
{
	struct sembuf dec = { 0, -1, IPC_NOWAIT };
	key_t key = (key_t)((dm_cookie & 0xffffu) | (uint32_t)DM_COOKIE_MAGIC << 16);
	int id = semget(key, 1, 0);

	return id < 0 ? -1 : semop(id, &dec, 1);
}

static long elapsed_ms(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1000 + (t1.tv_nsec - t0->tv_nsec) / 1000000;
}

static void t_udev_sync(void)
{
	uint32_t ev, key;
	struct timespec t0;
	dev_t nd;
	pid_t pid;
	int id;

	ctx_reset();
	ctx.udev = 1;
	EXPECT_INT(dm_create(&ctx, "u0", "mpath-u0", &lin, 1, 0, NULL), 0, "udev-sync-create");
	EXPECT(ctx.cookie >> 16 == DM_COOKIE_MAGIC && (ctx.cookie & 0xffff), "udev-sync-create",
	       "cookie %#x", ctx.cookie);
	ev = last_event_nr[DM_DEV_SUSPEND_CMD];
	EXPECT_INT(ev & 0xffff, ctx.cookie & 0xffff, "udev-sync-create");
	EXPECT_INT(ev >> 16, DM_UDEV_PRIMARY_SOURCE_FLAG | DM_UDEV_DISABLE_LIBRARY_FALLBACK,
		   "udev-sync-create");
	EXPECT(node_dev("u0", &nd) < 0, "udev-sync-create", "made a node although udev makes it");
	EXPECT_INT(sem_value(ctx.semid), 2, "udev-sync-create"); /* run + 1 event */
	UNIT_PASS("udev-sync-create");

	/* a second map in the same run: the same cookie, one more count */
	EXPECT_INT(dm_create(&ctx, "u1", "mpath-u1", &lin, 1, 0, NULL), 0, "udev-sync-one-cookie");
	EXPECT_INT(last_event_nr[DM_DEV_SUSPEND_CMD] & 0xffff, ctx.cookie & 0xffff, "udev-sync-one-cookie");
	EXPECT_INT(sem_value(ctx.semid), 3, "udev-sync-one-cookie");
	/* a failed resume sends no uevent: its count is taken back */
	fail_cmd = DM_DEV_SUSPEND_CMD;
	fail_errno = EIO;
	EXPECT_INT(dm_create(&ctx, "u2", NULL, &lin, 1, 0, NULL), -EIO, "udev-sync-one-cookie");
	fail_cmd = -1;
	EXPECT_INT(sem_value(ctx.semid), 3, "udev-sync-one-cookie");
	UNIT_PASS("udev-sync-one-cookie");

	/* "udev" completes both events 200 ms later: the wait returns then,
	 * not before, and removes the semaphore */
	key = ctx.cookie;
	ev = last_event_nr[DM_DEV_SUSPEND_CMD];
	pid = fork();
	if (pid == 0) {
		usleep(200000);
		_exit(udevcomplete(ev | 0x00400000u) || udevcomplete(ev) ? 1 : 0);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	EXPECT_INT(dm_udev_wait(&ctx, 5000), 0, "udev-sync-wait");
	EXPECT(elapsed_ms(&t0) >= 150, "udev-sync-wait", "returned after %ld ms", elapsed_ms(&t0));
	{
		int st;

		waitpid(pid, &st, 0);
		EXPECT(WIFEXITED(st) && !WEXITSTATUS(st), "udev-sync-wait", "udevcomplete failed");
	}
	id = semget((key_t)key, 1, 0);
	EXPECT(id < 0 && errno == ENOENT, "udev-sync-wait", "semaphore left behind");
	EXPECT_INT(ctx.cookie, 0, "udev-sync-wait");
	UNIT_PASS("udev-sync-wait");

	/* nobody completes: bounded wait, an error naming udev, no leak */
	EXPECT_INT(dm_remove(&ctx, "u0"), 0, "udev-sync-timeout");
	key = ctx.cookie;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	EXPECT_INT(dm_udev_wait(&ctx, 300), -ETIMEDOUT, "udev-sync-timeout");
	EXPECT(elapsed_ms(&t0) >= 250 && elapsed_ms(&t0) < 3000, "udev-sync-timeout",
	       "waited %ld ms", elapsed_ms(&t0));
	EXPECT(strstr(ctx.what, "udev"), "udev-sync-timeout", "what: %s", ctx.what);
	EXPECT(semget((key_t)key, 1, 0) < 0, "udev-sync-timeout", "semaphore left behind");
	/* nothing pending: no wait at all */
	EXPECT_INT(dm_udev_wait(&ctx, 300), 0, "udev-sync-timeout");
	UNIT_PASS("udev-sync-timeout");
}

static void touch(const char *dir, const char *rel)
{
	char p[256], *s;
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", dir, rel);
	for (s = p + strlen(dir) + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		mkdir(p, 0755);
		*s = '/';
	}
	f = fopen(p, "w");
	if (f)
		fclose(f);
}

static void t_udev_detect(void)
{
	char root[128];

	snprintf(root, sizeof(root), "%s/root", tmpdir);
	mkdir(tmpdir, 0755);
	mkdir(root, 0755);
	unsetenv("DM_DISABLE_UDEV");
	EXPECT_INT(dm_udev_detect(root), 0, "udev-detect"); /* no udevd */
	touch(root, "run/udev/control");
	EXPECT_INT(dm_udev_detect(root), 0, "udev-detect"); /* no dm rules */
	touch(root, "usr/lib/udev/rules.d/95-dm-notify.rules");
	EXPECT_INT(dm_udev_detect(root), 1, "udev-detect");
	setenv("DM_DISABLE_UDEV", "1", 1);
	EXPECT_INT(dm_udev_detect(root), 0, "udev-detect");
	unsetenv("DM_DISABLE_UDEV");
	UNIT_PASS("udev-detect");
}

/* Without udev, /dev/mapper/NAME is what udev would make -- a symlink to
 * ../dm-N -- where devtmpfs has dm-N, and a block node where it has not. */
static void t_mapper_links(void)
{
	char mapper[128], dmn[160], p[200], l[64];
	ssize_t n;

	ctx_reset();
	snprintf(mapper, sizeof(mapper), "%s/dev/mapper", tmpdir);
	snprintf(p, sizeof(p), "%s/dev", tmpdir);
	mkdir(tmpdir, 0755);
	mkdir(p, 0755);
	ctx.dev_dir = mapper;
	snprintf(dmn, sizeof(dmn), "%s/dev/dm-0", tmpdir);
	unlink(dmn);
	EXPECT_INT(mknod(dmn, S_IFBLK | 0600, makedev(FAKE_MAJOR, 0)), 0, "mapper-symlink");
	EXPECT_INT(dm_create(&ctx, "lnk", NULL, &lin, 1, 0, NULL), 0, "mapper-symlink");
	snprintf(p, sizeof(p), "%s/lnk", mapper);
	n = readlink(p, l, sizeof(l) - 1);
	EXPECT(n > 0, "mapper-symlink", "not a symlink");
	l[n] = '\0';
	EXPECT_STR(l, "../dm-0", "mapper-symlink");
	/* a reload keeps it; a rename moves it; a remove drops it */
	EXPECT_INT(dm_reload(&ctx, "lnk", &lin, 1, 0), 0, "mapper-symlink");
	EXPECT_INT(dm_rename(&ctx, "lnk", "lnk2"), 0, "mapper-symlink");
	EXPECT(access(p, F_OK) < 0, "mapper-symlink", "old name left");
	snprintf(p, sizeof(p), "%s/lnk2", mapper);
	n = readlink(p, l, sizeof(l) - 1);
	EXPECT(n > 0 && (l[n] = '\0', !strcmp(l, "../dm-0")), "mapper-symlink", "renamed link wrong");
	EXPECT_INT(dm_remove(&ctx, "lnk2"), 0, "mapper-symlink");
	EXPECT(lstat(p, &(struct stat){0}) < 0, "mapper-symlink", "link left after remove");
	UNIT_PASS("mapper-symlink");
	/* dm-1 (the next map) does not exist in this /dev: a block node */
	EXPECT_INT(dm_create(&ctx, "nod", NULL, &lin, 1, 0, NULL), 0, "mapper-node-fallback");
	{
		struct stat st;

		snprintf(p, sizeof(p), "%s/nod", mapper);
		EXPECT(!lstat(p, &st) && S_ISBLK(st.st_mode) &&
		       st.st_rdev == makedev(FAKE_MAJOR, 1),
		       "mapper-node-fallback", "no block node");
	}
	UNIT_PASS("mapper-node-fallback");
}

int main(void)
{
	unit_suite = "dm";
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/mpboot-t_dm.%d", (int)getpid());
	t_create();
	t_create_rollback();
	t_reload();
	t_names();
	t_multi_target();
	t_escape_and_type();
	t_list_grow();
	t_info_remove_rename_msg();
	t_misc();
	t_udev_flags();
	t_udev_sync();
	t_udev_detect();
	t_mapper_links();
	{
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
		if (system(cmd)) {
			/* best effort */
		}
	}
	return UNIT_DONE();
}
