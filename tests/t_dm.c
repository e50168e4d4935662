/* Host tests of src/lib/dev/dm.c.
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
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <linux/dm-ioctl.h>

#include "dm.h"
#include "dmudev.h"
#include "unit.h"

#include "fake_dm.h"

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

/* dm_table's targets back as "start len type params\n" text, the
 * fake kernel's own representation, so tables compare as strings. */
static int table_text(const struct dm_ref *ref, char *out, size_t outsz,
		      size_t bufsz)
{
	static struct dm_target t[32];
	static char buf[65536];
	unsigned int n, i;
	size_t used = 0;
	int r;

	r = dm_table(&ctx, ref, 0, NULL, t, 32, &n, buf, bufsz);
	out[0] = '\0';
	for (i = 0; !r && i < n; i++) {
		int l = snprintf(out + used, outsz - used, "%llu %llu %s%s%s\n",
				 (unsigned long long)t[i].start,
				 (unsigned long long)t[i].len, t[i].type,
				 t[i].params[0] ? " " : "", t[i].params);

		if (l < 0 || (size_t)l >= outsz - used)
			return -ENOSPC;
		used += (size_t)l;
	}
	return r;
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
	EXPECT_INT(table_text(&ref, buf, sizeof(buf), 65536), 0, "reload");
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
	EXPECT_INT(table_text(&ref, buf, sizeof(buf), 65536), 0, "multi-target");
	EXPECT_STR(buf, want, "multi-target");
	EXPECT_INT(table_text(&ref, buf, sizeof(buf), 40), -ENOSPC, "table-small-buf");
	{
		struct dm_target few[17];
		unsigned int n = 99;

		EXPECT_INT(dm_table(&ctx, &ref, 0, NULL, few, 17, &n, buf, sizeof(buf)),
			   -ENOSPC, "table-few-targets");
		EXPECT_INT(n, 0, "table-few-targets");
		EXPECT_INT(dm_table(&ctx, &ref, 0, NULL, t, 18, &n, buf, sizeof(buf)),
			   0, "table-targets");
		EXPECT_INT(n, 18, "table-targets");
		EXPECT_INT(t[17].start, 136, "table-targets");
		EXPECT_STR(t[17].type, "linear", "table-targets");
		EXPECT_STR(t[17].params, "ppppppppppppppppp", "table-targets");
		EXPECT_STR(t[0].params, "", "table-targets");
	}
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

/* A listening SEQPACKET socket at path, as udevd's control socket. */
static int listen_at(const char *path)
{
	struct sockaddr_un sa;
	int fd = socket(AF_UNIX, SOCK_SEQPACKET, 0);

	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) || listen(fd, 4)) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

static void t_udev_detect(void)
{
	char root[128], ctl[256], rules[256];
	int lfd;

	snprintf(root, sizeof(root), "%s/root", tmpdir);
	snprintf(ctl, sizeof(ctl), "%s/run/udev/control", root);
	snprintf(rules, sizeof(rules), "%s/usr/lib/udev/rules.d/95-dm-notify.rules", root);
	mkdir(tmpdir, 0755);
	mkdir(root, 0755);
	unsetenv("DM_DISABLE_UDEV");
	EXPECT_INT(dm_udev_detect(root), 0, "udev-detect"); /* no udevd */
	touch(root, "usr/lib/udev/rules.d/95-dm-notify.rules");
	touch(root, "run/udev/.dir");
	/* a stopped udevd leaves its socket file behind: not running */
	lfd = listen_at(ctl);
	EXPECT_INT(lfd >= 0, 1, "udev-detect-listen");
	close(lfd);
	EXPECT_INT(dm_udev_detect(root), 0, "udev-detect-stale-socket");
	unlink(ctl);
	/* nor is a plain file there */
	touch(root, "run/udev/control");
	EXPECT_INT(dm_udev_detect(root), 0, "udev-detect-file");
	unlink(ctl);
	lfd = listen_at(ctl);
	EXPECT_INT(dm_udev_detect(root), 1, "udev-detect");
	unlink(rules); /* listening, but no dm rules */
	EXPECT_INT(dm_udev_detect(root), 0, "udev-detect-no-rules");
	touch(root, "usr/lib/udev/rules.d/95-dm-notify.rules");
	setenv("DM_DISABLE_UDEV", "1", 1);
	EXPECT_INT(dm_udev_detect(root), 0, "udev-detect");
	unsetenv("DM_DISABLE_UDEV");
	close(lfd);
	unlink(ctl);
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
