/* udev database entries for the hand-over; see udevdb.h.
 *
 * Format (systemd's sd-device database, one "K:value" line each):
 *   I:  when the device was initialised (CLOCK_MONOTONIC, usec)
 *   E:  a property the rules set (what IMPORT{db} reads back)
 *   G:/Q:  a tag and a current tag ("systemd": the device is a unit)
 *   V:  the database version */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "str.h"
#include "udevdb.h"

static int printable(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

int udevdb_format(char *buf, size_t size, enum udevdb_kind kind,
		  const char *name, const char *uuid, uint64_t usec)
{
	unsigned long long us = (unsigned long long)usec;

	if (kind == UDEVDB_MEMBER)
		/* what multipath-tools' 60-multipath.rules sets on a path it
		 * claims: not a filesystem, not ready for systemd */
		return str_fmt(buf, size,
			       "I:%llu\n"
			       "E:DM_MULTIPATH_DEVICE_PATH=1\n"
			       "E:ID_FS_TYPE=mpath_member\n"
			       "E:SYSTEMD_READY=0\n"
			       "G:systemd\nQ:systemd\nV:1\n", us) ? -ENOSPC : 0;
	if (!printable(name) || !printable(uuid))
		return -EINVAL;
	/* what 55-dm.rules leaves for a map libdevmapper activated, plus
	 * multipath-tools' readiness flag for a multipath map */
	return str_fmt(buf, size,
		       "I:%llu\n"
		       "E:DM_UDEV_PRIMARY_SOURCE_FLAG=1\n"
		       "E:DM_UDEV_RULES=1\n"
		       "E:DM_UDEV_RULES_VSN=2\n"
		       "E:DM_ACTIVATION=1\n"
		       "E:DM_NAME=%s\n"
		       "E:DM_UUID=%s\n"
		       "E:DM_SUSPENDED=0\n"
		       "%s"
		       "E:SYSTEMD_READY=1\n"
		       "G:systemd\nQ:systemd\nV:1\n",
		       us, name, uuid,
		       kind == UDEVDB_MAP ? "E:MPATH_DEVICE_READY=1\n" : "")
		       ? -ENOSPC : 0;
}

static uint64_t uptime_usec(void)
{
	char b[64];
	const char *c = b;
	uint64_t us = 0, unit = 1000000u;

	/* "SECONDS.CC ...": microseconds, down to the hundredth */
	if (read_attr("/proc/uptime", b, sizeof(b)))
		return 0;
	for (; *c >= '0' && *c <= '9'; c++)
		us = us * 10 + (uint64_t)(*c - '0');
	us *= unit;
	if (*c == '.')
		for (c++; *c >= '0' && *c <= '9' && unit > 1; c++)
			us += (uint64_t)(*c - '0') * (unit /= 10);
	return us;
}

/* Create dir/b<dev> with text, never replacing an existing entry or
 * following a planted link.  persist: mark it as udev marks the entries of
 * OPTIONS+="db_persist" devices (the sticky bit), which
 * `udevadm info --cleanup-db` keeps -- device-mapper entries, as dracut's
 * dm rules leave them.  1 written, 0 already there, -errno. */
static int put(const char *dir, const char *dev, const char *text, int persist)
{
	char path[128];
	size_t len = strlen(text);
	int fd;

	if (str_fmt(path, sizeof(path), "%s/b%s", dir, dev))
		return -ENAMETOOLONG;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		return errno == EEXIST ? 0 : -errno;
	if (write(fd, text, len) != (ssize_t)len ||
	    fchmod(fd, persist ? 01644 : 0644)) {
		int e = errno ? errno : EIO;

		close(fd);
		unlink(path);
		return -e;
	}
	close(fd);
	return 1;
}

/* The map's member paths: SYS/block/dm-N/slaves/<sdX>/dev. */
static int put_members(const char *sys, const char *dir, const char *kname,
		       const char *text)
{
	char p[256], dev[32];
	struct dirent *de;
	DIR *d;
	int n = 0, r;

	if (str_fmt(p, sizeof(p), "%s/block/%s/slaves", sys, kname))
		return -ENAMETOOLONG;
	d = opendir(p);
	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' ||
		    read_attrf(dev, sizeof(dev), "%s/block/%s/slaves/%s/dev", sys, kname,
			       de->d_name))
			continue;
		r = put(dir, dev, text, 0);
		if (r < 0) {
			n = r;
			break;
		}
		n += r;
	}
	closedir(d);
	return n;
}

/* The database's directory, and its parent if need be (/run/udev
 * first, then /run/udev/data). */
static int mkdir_db(const char *dir)
{
	char parent[128];
	char *slash;

	if (!mkdir(dir, 0755) || errno == EEXIST)
		return 0;
	if (str_copy(parent, dir, sizeof(parent)))
		return -ENAMETOOLONG;
	slash = strrchr(parent, '/');
	if (!slash)
		return -ENOENT;
	*slash = '\0';
	if ((mkdir(parent, 0755) && errno != EEXIST) ||
	    (mkdir(dir, 0755) && errno != EEXIST))
		return -errno;
	return 0;
}

int udevdb_write_all(const char *sys, const char *dir)
{
	char p[256], name[160], uuid[160], dev[32], text[1024], member[256];
	uint64_t now = uptime_usec();
	struct dirent *de;
	DIR *d;
	int n = 0, r = mkdir_db(dir);

	if (r)
		return r;
	if (udevdb_format(member, sizeof(member), UDEVDB_MEMBER, "", "", now))
		return -ENOSPC;
	if (str_fmt(p, sizeof(p), "%s/block", sys) || !(d = opendir(p)))
		return -ENOENT;
	while ((de = readdir(d))) {
		enum udevdb_kind kind;

		if (strncmp(de->d_name, "dm-", 3) ||
		    read_attrf(uuid, sizeof(uuid), "%s/block/%s/dm/uuid", sys, de->d_name) ||
		    read_attrf(name, sizeof(name), "%s/block/%s/dm/name", sys, de->d_name) ||
		    read_attrf(dev, sizeof(dev), "%s/block/%s/dev", sys, de->d_name))
			continue;
		if (!strncmp(uuid, "mpath-", 6))
			kind = UDEVDB_MAP;
		else if (!strncmp(uuid, "part", 4) && uuid[4] >= '0' && uuid[4] <= '9' &&
			 strstr(uuid, "-mpath-"))
			kind = UDEVDB_PART;
		else
			continue; /* not ours to vouch for */
		/* one unfit map (a control character in its name) is
		 * skipped with a line; it must not fail the step for the
		 * others (r is not left at its error) */
		if (udevdb_format(text, sizeof(text), kind, name, uuid, now)) {
			log_msg("%s: name or uuid not fit for the udev database; skipped",
				de->d_name);
			continue;
		}
		r = put(dir, dev, text, 1);
		if (r >= 0 && kind == UDEVDB_MAP) {
			n += r;
			r = put_members(sys, dir, de->d_name, member);
		}
		if (r < 0)
			break;
		n += r;
	}
	closedir(d);
	return r < 0 ? r : n;
}
