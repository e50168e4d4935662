/* kpartx: create device-mapper maps for the partitions of a block device
 * (typically a multipath map), compatible with multipath-tools' kpartx:
 * map <parent><delim><N> = "0 <len> linear <parent maj:min> <start>",
 * UUID part<N>-<parent uuid>.  The partition tables are parsed by
 * src/lib/partitions; this file does argv, device and map handling. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <linux/fs.h>

#include "dm.h"
#include "dmudev.h"
#include "kpartx.h"
#include "log.h"
#include "partitions/partitions.h"
#include "str.h"

static const char usage[] =
	"usage: kpartx [-a | -d | -u | -l] [-r] [-p delim] [-g] [-v] [-s | -n]\n"
	"              [-t type] device\n"
	"  -l  list the maps -a would create (default)\n"
	"  -a  add partition maps       -u  update: add, reload, drop vanished\n"
	"  -d  delete our partition maps (and detach the loop of a file)\n"
	"  -r  read-only maps           -p  name delimiter (default: p after a digit)\n"
	"  -g  use a GPT even without protective MBR\n"
	"  -t  only this label: gpt dos bsd solaris unixware mac sun\n"
	"  -v  verbose                  -s -n -f  accepted (no udev to wait for)\n"
	"device: a block device, or a regular file (attached to a loop device)\n";

enum action { LIST, ADD, DELETE, UPDATE };

struct kpartx {
	struct dm_ctx dm;
	enum action action;
	int ro, verbose, have_dm;
	unsigned int pt_flags;
	const char *type;
	const char *delim;
	const char *device;           /* the block device path used */
	char loop[64];                /* loop device we found or attached */
	int loop_made;
	dev_t dev;
	char parent[MP_DM_NAME_LEN];  /* map name, or device basename */
	char uuid[MP_DM_UUID_LEN];    /* parent uuid for part<N>-... */
	int parent_is_dm;
	int fd;
	struct pt_result res;
};

static int fd_read(void *ctx, uint64_t off, size_t len, void *buf)
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

/* Resolve the device argument: a block node, or a regular file bound to a
 * loop device.  0, 1 when -d finds a file with no loop (nothing to do),
 * or -errno. */
static int open_device(struct kpartx *k, const char *arg)
{
	char real[PATH_MAX_KP];
	struct stat st;
	int r;

	if (stat(arg, &st)) {
		r = -errno;
		log_err(r, "%s:", arg);
		return r;
	}
	k->device = arg;
	if (S_ISREG(st.st_mode)) {
		if (!realpath(arg, real)) {
			r = -errno;
			log_err(r, "%s:", arg);
			return r;
		}
		r = loop_find(real, k->loop, sizeof(k->loop), &k->dev);
		if (r == -ENOENT && k->action == DELETE)
			return 1;
		if (r == -ENOENT) {
			r = loop_attach(real, k->ro, k->loop, sizeof(k->loop),
					&k->dev);
			if (r) {
				log_err(r, "%s: cannot set up a loop device:", arg);
				return r;
			}
			k->loop_made = 1;
		} else if (r) {
			log_err(r, "%s: looking for its loop device:", arg);
			return r;
		}
		k->device = k->loop;
	} else if (S_ISBLK(st.st_mode)) {
		k->dev = st.st_rdev;
	} else {
		log_msg("%s: not a block device or regular file", arg);
		return -EINVAL;
	}
	return 0;
}

/* Parent name and UUID: the DM map's, or kpartx's for a plain device. */
static int identify_parent(struct kpartx *k)
{
	struct dm_ref ref = { .dev = k->dev };
	struct dm_info info;
	const char *base;
	int r;

	if (k->have_dm && !k->loop[0] && !dm_info(&k->dm, &ref, &info)) {
		k->parent_is_dm = 1;
		r = str_copy(k->parent, info.name, sizeof(k->parent));
		if (!r && info.uuid[0])
			return str_copy(k->uuid, info.uuid, sizeof(k->uuid));
		if (r)
			return r;
	} else {
		base = strrchr(k->device, '/');
		base = base ? base + 1 : k->device;
		r = str_copy(k->parent, base, sizeof(k->parent));
		if (r)
			return r;
	}
	return pt_nondm_uuid(k->uuid, sizeof(k->uuid), major(k->dev),
			     minor(k->dev));
}

static void print_warnings(const struct kpartx *k)
{
	unsigned int i;

	for (i = 0; i < k->res.nwarn; i++) {
		const struct pt_warn *w = &k->res.warn[i];

		if (w->code == PT_W_LOST)
			log_msg("%s: %u more warnings", k->device, w->num);
		else if (!w->num && w->num2 && w->num2 <= 26)
			log_msg("%s: %s slice %c (no number): %s", k->device,
				w->label, 'a' + (int)w->num2 - 1,
				pt_warn_text(w->code));
		else if (w->num)
			log_msg("%s: %s partition %u: %s", k->device, w->label,
				w->num, pt_warn_text(w->code));
		else
			log_msg("%s: %s: %s", k->device, w->label,
				pt_warn_text(w->code));
	}
}

static int read_table(struct kpartx *k)
{
	struct pt_dev pd = { fd_read, &k->fd, 0, 512, k->pt_flags };
	uint64_t size;
	int ssz = 512, r;

	k->fd = open(k->device, O_RDONLY | O_CLOEXEC);
	if (k->fd < 0) {
		r = -errno;
		log_err(r, "%s:", k->device);
		return r;
	}
	/* Drop cached blocks: the table may just have been rewritten
	 * through another path to the same LU. */
	ioctl(k->fd, BLKFLSBUF, NULL);
	if (ioctl(k->fd, BLKGETSIZE64, &size)) {
		r = -errno;
		log_err(r, "%s: BLKGETSIZE64:", k->device);
		return r;
	}
	if (ioctl(k->fd, BLKSSZGET, &ssz))
		ssz = 512;
	pd.size = size;
	pd.ssz = (unsigned int)ssz;
	r = k->type ? pt_probe_one(&pd, k->type, &k->res)
		    : pt_probe(&pd, &k->res);
	close(k->fd);
	k->fd = -1;
	print_warnings(k);
	if (r)
		log_err(r, "%s: reading the partition table:", k->device);
	else if (k->verbose && k->res.label)
		log_msg("%s: %s label, %u partitions", k->device,
			k->res.label, k->res.n);
	else if (k->verbose && k->res.found)
		/* a label whose every slice was dropped is not "no label":
		 * the warnings above say why each went */
		log_msg("%s: %s label found, no usable partition (%u %s above)",
			k->device, k->res.found, k->res.nwarn,
			k->res.nwarn == 1 ? "warning" : "warnings");
	else if (k->verbose)
		log_msg("%s: no partition table found (tried %s)", k->device,
			k->type ? k->type : "gpt, dos, bsd, solaris, unixware, mac, sun");
	return r;
}

static void list(const struct kpartx *k)
{
	char name[MP_DM_NAME_LEN];
	unsigned int i;

	for (i = 0; i < k->res.n; i++) {
		const struct pt_slice *s = &k->res.slice[i];

		if (pt_map_name(name, sizeof(name), k->parent, k->delim, s->num))
			continue;
		printf("%s : 0 %llu %s %llu\n", name,
		       (unsigned long long)s->size, k->device,
		       (unsigned long long)s->start);
	}
}

/* Is map `name` a partition map of our parent?  0 and its number if so. */
static int ours(struct kpartx *k, const char *name, struct dm_info *info,
		unsigned int *num)
{
	struct dm_ref ref = { .name = name };
	struct dm_target t[2];
	char text[256];
	unsigned int n;
	uint64_t start;
	int r;

	if (k->parent_is_dm && !strcmp(name, k->parent))
		return -EINVAL;
	r = dm_table(&k->dm, &ref, 0, info, t, 2, &n, text, sizeof(text));
	if (r)
		return r == -ENOSPC ? -EINVAL : r;
	if (pt_linear_on(t, n, major(k->dev), minor(k->dev), &start) ||
	    pt_uuid_owner(info->uuid, k->uuid, num))
		return -EINVAL;
	return 0;
}

static int add_one(struct kpartx *k, const struct pt_slice *s)
{
	char name[MP_DM_NAME_LEN], uuid[MP_DM_UUID_LEN], params[64];
	struct dm_target t = { 0, s->size, "linear", params };
	struct dm_ref ref = { .name = name };
	struct dm_info info;
	unsigned int flags = k->ro ? MP_DM_READONLY : 0, num;
	const char *what = "create";
	int r;

	r = pt_map_name(name, sizeof(name), k->parent, k->delim, s->num);
	if (!r)
		r = pt_map_uuid(uuid, sizeof(uuid), s->num, k->uuid);
	if (!r)
		r = str_fmt(params, sizeof(params), "%u:%u %llu", major(k->dev),
			    minor(k->dev), (unsigned long long)s->start);
	if (r) {
		log_err(r, "partition %u: map name:", s->num);
		return r;
	}
	r = dm_info(&k->dm, &ref, &info);
	if (!r) {
		/* The name exists: reload it only if kpartx made it for us. */
		if (pt_uuid_owner(info.uuid, k->uuid, &num)) {
			log_msg("%s: already in use by another map, not touched",
				name);
			return -EEXIST;
		}
		what = "reload";
		r = dm_reload(&k->dm, name, &t, 1, flags);
	} else if (r == -ENXIO) {
		/* Made under another delimiter?  Find it by UUID, rename. */
		struct dm_ref uref = { .uuid = uuid };

		if (!dm_info(&k->dm, &uref, &info) &&
		    !ours(k, info.name, &info, &num)) {
			what = "rename";
			r = dm_rename(&k->dm, info.name, name);
			if (!r) {
				what = "reload";
				r = dm_reload(&k->dm, name, &t, 1, flags);
			}
		} else {
			r = dm_create(&k->dm, name, uuid, &t, 1, flags, NULL);
		}
	}
	if (r) {
		log_err(r, "%s: %s failed (%s):", name, what,
			k->dm.what ? k->dm.what : "?");
		return r;
	}
	if (k->verbose)
		printf("add map %s : 0 %llu linear %s\n", name,
		       (unsigned long long)s->size, params);
	return 0;
}

struct sweep {
	struct kpartx *k;
	int keep_current; /* -u: keep numbers present in the table */
	int failed;
};

static int sweep_one(const char *name, dev_t dev, void *arg)
{
	struct sweep *sw = arg;
	struct kpartx *k = sw->k;
	struct dm_info info;
	unsigned int num, i;
	int r;

	(void)dev;
	if (ours(k, name, &info, &num))
		return 0;
	if (sw->keep_current)
		for (i = 0; i < k->res.n; i++)
			if (k->res.slice[i].num == num)
				return 0;
	if (info.open_count > 0) {
		log_msg("%s: in use, not removed", name);
		sw->failed = 1;
		return 0;
	}
	r = dm_remove(&k->dm, name);
	if (r) {
		log_err(r, "%s: remove failed:", name);
		sw->failed = 1;
	} else if (k->verbose) {
		printf("del devmap : %s\n", name);
	}
	return 0;
}

static int sweep(struct kpartx *k, int keep_current)
{
	struct sweep sw = { k, keep_current, 0 };
	int r = dm_list(&k->dm, sweep_one, &sw);

	if (r) {
		log_err(r, "listing maps:");
		return r;
	}
	return sw.failed ? -EBUSY : 0;
}

static int run(struct kpartx *k)
{
	unsigned int i;
	int r, failed = 0;

	if (k->action == DELETE) {
		r = sweep(k, 0);
		if (!r && k->loop[0]) {
			r = loop_detach(k->loop);
			if (r)
				log_err(r, "%s: detach failed:", k->loop);
			else if (k->verbose)
				printf("loop deleted : %s\n", k->loop);
		}
		return r;
	}
	r = read_table(k);
	if (r)
		return r;
	if (k->action == LIST) {
		list(k);
		return 0;
	}
	for (i = 0; i < k->res.n; i++)
		if (add_one(k, &k->res.slice[i]))
			failed = 1;
	if (k->action == UPDATE && sweep(k, 1))
		failed = 1;
	return failed ? -EIO : 0;
}

int main(int argc, char **argv)
{
	static struct kpartx k;
	int c, r, nact = 0;

	log_init("kpartx");
	k.dm.fd = -1;
	k.fd = -1;
	k.action = LIST;
	while ((c = getopt(argc, argv, "ladurp:gvsnft:h")) != -1) {
		int act = -1;

		switch (c) {
		case 'l': act = LIST; break;
		case 'a': act = ADD; break;
		case 'd': act = DELETE; break;
		case 'u': act = UPDATE; break;
		case 'r': k.ro = 1; break;
		case 'p': k.delim = optarg; break;
		case 'g': k.pt_flags |= PT_FORCE_GPT; break;
		case 'v': k.verbose = 1; break;
		case 't': k.type = optarg; break;
		case 's': case 'n': case 'f': break;
		case 'h': fputs(usage, stdout); return 0;
		default: fputs(usage, stderr); return 2;
		}
		/* "-a -d" is a slip, not "the last one wins": refuse it */
		if (act >= 0) {
			if (nact++ && (int)k.action != act) {
				fputs(usage, stderr);
				return 2;
			}
			k.action = act;
		}
	}
	if (optind != argc - 1) {
		fputs(usage, stderr);
		return 2;
	}
	r = open_device(&k, argv[optind]);
	if (r)
		return r > 0 ? 0 : 1;
	r = dm_open(&k.dm);
	if (!r)
		k.have_dm = 1;
	else if (k.action != LIST) {
		log_err(r, "%s:", k.dm.what ? k.dm.what : "device-mapper");
		goto out;
	}
	r = identify_parent(&k);
	if (r) {
		log_err(r, "%s: map name:", k.device);
		goto out;
	}
	if (!k.delim)
		k.delim = pt_default_delim(k.parent);
	r = run(&k);
out:
	/* -l on a file: leave no loop device behind (as kpartx). */
	if (k.action == LIST && k.loop_made)
		loop_detach(k.loop);
	if (k.have_dm) {
		/* udev running: return once it has made every link. */
		int w = dm_udev_wait(&k.dm, DM_UDEV_TIMEOUT_MS);

		if (w)
			log_err(w, "warning: %s:", k.dm.what);
		dm_close(&k.dm);
	}
	return r ? 1 : 0;
}
