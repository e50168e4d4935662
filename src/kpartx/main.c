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
#include "partname.h"
#include "log.h"
#include "opt.h"
#include "partitions/partitions.h"
#include "partmap.h"
#include "str.h"

/* The synopsis only; the options are described in mpboot-kpartx(8)
 * (here they were 480 bytes of the size budget). */
static const char usage[] =
	"usage: kpartx [-a | -d | -u | -l] [-r] [-p delim] [-g] [-v] [-s | -n] [-t type] device\n"
	"see mpboot-kpartx(8)\n";

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
	struct pm_parent p;           /* name, uuid, dev of the device */
	struct pt_result res;
};

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
		r = loop_find(real, k->loop, sizeof(k->loop), &k->p.dev);
		if (r == -ENOENT && k->action == DELETE)
			return 1;
		if (r == -ENOENT) {
			r = loop_attach(real, k->ro, k->loop, sizeof(k->loop),
					&k->p.dev);
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
		k->p.dev = st.st_rdev;
	} else {
		log_msg("%s: not a block device or regular file", arg);
		return -EINVAL;
	}
	return 0;
}

/* Parent name and UUID: the DM map's, or kpartx's for a plain device. */
static int identify_parent(struct kpartx *k)
{
	struct dm_ref ref = { .dev = k->p.dev };
	struct dm_info info;
	const char *base;
	int r;

	if (k->have_dm && !k->loop[0] && !dm_info(&k->dm, &ref, &info)) {
		k->p.is_dm = 1;
		r = str_copy(k->p.name, info.name, sizeof(k->p.name));
		if (!r && info.uuid[0])
			return str_copy(k->p.uuid, info.uuid, sizeof(k->p.uuid));
		if (r)
			return r;
	} else {
		base = strrchr(k->device, '/');
		base = base ? base + 1 : k->device;
		r = str_copy(k->p.name, base, sizeof(k->p.name));
		if (r)
			return r;
	}
	return pt_nondm_uuid(k->p.uuid, sizeof(k->p.uuid), major(k->p.dev),
			     minor(k->p.dev));
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
	const char *what;
	int r = pm_read(k->device, k->pt_flags, k->type, &k->res, &what);

	if (r && what) {
		log_err(r, "%s: %s:", k->device, what);
		return r;
	}
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

		if (pt_map_name(name, sizeof(name), k->p.name, k->delim, s->num))
			continue;
		printf("%s : 0 %llu %s %llu\n", name,
		       (unsigned long long)s->size, k->device,
		       (unsigned long long)s->start);
	}
}

static int add_one(struct kpartx *k, const struct pt_slice *s)
{
	char name[MP_DM_NAME_LEN], params[64];
	const char *what;
	int r = pm_add(&k->dm, &k->p, k->delim, k->ro, s, name, params, &what);

	if (r == -EEXIST)
		log_msg("%s: already in use by another map, not touched", name);
	else if (r && !strcmp(what, "map name"))
		log_err(r, "partition %u: map name:", s->num);
	else if (r)
		log_err(r, "%s: %s failed (%s):", name, what,
			k->dm.what ? k->dm.what : "?");
	else if (k->verbose)
		printf("add map %s : 0 %llu linear %s\n", name,
		       (unsigned long long)s->size, params);
	return r;
}

static void removed(const char *name, void *arg)
{
	if (*(int *)arg)
		printf("del devmap : %s\n", name);
}

static int sweep(struct kpartx *k, int keep_current)
{
	int r = pm_sweep(&k->dm, &k->p, keep_current ? &k->res : NULL, removed,
			 &k->verbose);

	if (r && r != -EBUSY)
		log_err(r, "listing maps:");
	return r;
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

/* 0, 1 for -h, -1 for a usage error (o->bad: the letter, if one). */
static int parse_args(struct kpartx *k, int argc, char **argv, struct opt *o)
{
	int c, nact = 0;

	while ((c = opt_next(o, argc, argv, "ladurp:gvsnft:h")) != -1) {
		int act = -1;

		switch (c) {
		case 'l': act = LIST; break;
		case 'a': act = ADD; break;
		case 'd': act = DELETE; break;
		case 'u': act = UPDATE; break;
		case 'r': k->ro = 1; break;
		case 'p': k->delim = o->arg; break;
		case 'g': k->pt_flags |= PT_FORCE_GPT; break;
		case 'v': k->verbose = 1; break;
		case 't': k->type = o->arg; break;
		case 's': case 'n': case 'f': break;
		case 'h': return 1;
		default: return -1;
		}
		/* "-a -d" is a slip, not "the last one wins": refuse it */
		if (act >= 0) {
			if (nact++ && (int)k->action != act)
				return -1;
			k->action = act;
		}
	}
	return o->ind == argc - 1 ? 0 : -1;
}

int main(int argc, char **argv)
{
	static struct kpartx k;
	struct opt o = OPT_INIT;
	int r;

	log_init("kpartx");
	k.dm.fd = -1;
	k.action = LIST;
	r = parse_args(&k, argc, argv, &o);
	if (r)
		return r > 0 ? log_help(usage) : log_usage(usage, o.bad, NULL);
	r = open_device(&k, argv[o.ind]);
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
		k.delim = pt_default_delim(k.p.name);
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
