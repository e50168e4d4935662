/* SCSI discovery, see scsi.h.
 *
 * Per disk, sysfs gives (Documentation/ABI/testing/sysfs-block,
 * drivers/scsi/scsi_sysfs.c):
 *   /sys/block/sdX/dev, size          maj:min, 512-byte sectors
 *   /sys/block/sdX/device ->          .../H:B:T:L
 *   device/vendor, model, rev, state
 *   device/vpd_pg83, vpd_pg80         raw VPD pages (kernel >= 4.x)
 *   device/dh_state                   attached device handler or "detached"
 *   device/../fc_transport/targetH:B:T/node_name          FC target WWNN
 *   device/../../iscsi_session/sessionN/targetname        iSCSI target IQN
 * ("device/.." is resolved by the kernel after following the link, so it
 * is the scsi_target directory.) */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <scsi/sg.h>

#include "hidx.h"
#include "mem.h"
#include "scsi.h"
#include "sg_batch.h"
#include "str.h"
#include "vpd.h"
#include "prio.h"

#define VPD_MAX 4096
#define SG_TIMEOUT_MS 30000

/* "H:B:T:L" from the device link's last component. */
static int parse_hbtl(const char *s, struct mp_path *p)
{
	char tmp[64], *f[4], *c;
	unsigned int i;

	if (str_copy(tmp, s, sizeof(tmp)))
		return -EINVAL;
	f[0] = tmp;
	for (i = 1, c = tmp; i < 4; i++) {
		c = strchr(c, ':');
		if (!c)
			return -EINVAL;
		*c++ = '\0';
		f[i] = c;
	}
	if (str_to_uint(f[0], ~0u, &p->host) || str_to_uint(f[1], ~0u, &p->channel) ||
	    str_to_uint(f[2], ~0u, &p->target) || str_to_u64(f[3], &p->lun))
		return -EINVAL;
	return 0;
}

/* One SG_IO command: data (if len) comes from the device; any SCSI status,
 * host or driver error is -EIO. */
static int sg_run(int fd, uint8_t *cdb, unsigned char cdb_len, void *buf,
		  unsigned int len)
{
	uint8_t sense[SG_SENSE_LEN];
	struct sg_io_hdr io;

	sg_hdr(&io, cdb, cdb_len, buf, len, sense, SG_TIMEOUT_MS);
	if (ioctl(fd, SG_IO, &io) < 0)
		return -errno;
	if (io.status || io.host_status || (io.driver_status & 0xf))
		return -EIO;
	return 0;
}

int scsi_inquiry_vpd(int fd, unsigned int pg, uint8_t *buf, size_t size)
{
	unsigned int alloc = 255, want; /* 255 first: some targets reject more */

	if (size < 4)
		return -EINVAL;
	for (;;) {
		uint8_t cdb[6] = { 0x12, 0x01, (uint8_t)pg, 0, 0, 0 };
		int r;

		if (alloc > size)
			alloc = (unsigned int)size;
		cdb[3] = (uint8_t)(alloc >> 8); /* SPC-4 6.6: allocation length */
		cdb[4] = (uint8_t)alloc;
		memset(buf, 0, alloc);
		r = sg_run(fd, cdb, sizeof(cdb), buf, alloc);
		if (r)
			return r;
		if (buf[1] != pg)
			return -ENODATA;
		want = 4 + vpd_be16(buf + 2);
		if (want <= alloc || alloc >= size)
			return (int)(want < alloc ? want : alloc);
		alloc = want;
	}
}

int scsi_rtpg(int fd, uint8_t *buf, size_t size)
{
	unsigned int alloc = size > 4096 ? 4096 : (unsigned int)size;
	uint8_t cdb[12];
	int r;

	if (alloc < 4)
		return -EINVAL;
	scsi_rtpg_cdb(cdb, alloc);
	memset(buf, 0, alloc);
	r = sg_run(fd, cdb, sizeof(cdb), buf, alloc);
	if (r)
		return r;
	return (int)scsi_rtpg_len(buf, alloc);
}

void scsi_rtpg_cdb(uint8_t cdb[12], unsigned int alloc)
{
	/* MAINTENANCE IN, service action REPORT TARGET PORT GROUPS; bytes
	 * 6-9 the allocation length (SPC-4 6.36.1) */
	memset(cdb, 0, 12);
	cdb[0] = 0xa3;
	cdb[1] = 0x0a;
	cdb[6] = (uint8_t)(alloc >> 24);
	cdb[7] = (uint8_t)(alloc >> 16);
	cdb[8] = (uint8_t)(alloc >> 8);
	cdb[9] = (uint8_t)alloc;
}

size_t scsi_rtpg_len(const uint8_t *buf, size_t got)
{
	size_t want = 4 + ((size_t)buf[0] << 24 | (size_t)buf[1] << 16 |
			   (size_t)buf[2] << 8 | buf[3]);

	return want < got ? want : got;
}

int scsi_tur(int fd)
{
	uint8_t cdb[6] = { 0 }; /* TEST UNIT READY */

	return sg_run(fd, cdb, sizeof(cdb), NULL, 0);
}

int scsi_open_node(const char *devdir, const char *dev)
{
	char node[96];
	int fd;

	if (str_fmt(node, sizeof(node), "%s/%s", devdir, dev))
		return -ENAMETOOLONG;
	fd = open(node, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

/* A VPD page from sysfs, else through SG_IO on the disk node. */
static int get_vpd(int blkfd, const char *devdir, const struct mp_path *p,
		   unsigned int pg, unsigned int what, uint8_t *buf, int *fd)
{
	char path[256];
	ssize_t n;
	int r;

	r = str_fmt(path, sizeof(path), "%s/device/vpd_pg%02x", p->dev, pg);
	if (r)
		return r;
	n = (what & SCSI_SCAN_SGIO) ? -ENOENT : str_read_at(blkfd, path, buf, VPD_MAX, 1);
	if (n >= 4)
		return (int)n;
	if (*fd < 0) {
		if (!devdir)
			return n < 0 ? (int)n : -ENODATA;
		*fd = scsi_open_node(devdir, p->dev);
		if (*fd < 0)
			return *fd;
	}
	return scsi_inquiry_vpd(*fd, pg, buf, VPD_MAX);
}

static void node_name(const char *sysfs, struct mp_path *p, char node[224])
{
	char path[320];
	DIR *d;
	struct dirent *e;

	if (!str_fmt(path, sizeof(path),
		     "%s/block/%s/device/../fc_transport/target%u:%u:%u/node_name",
		     sysfs, p->dev, p->host, p->channel, p->target) &&
	    !read_attr(path, node, 224))
		return;
	node[0] = '\0';
	if (str_fmt(path, sizeof(path), "%s/block/%s/device/../../iscsi_session",
		    sysfs, p->dev))
		return;
	d = opendir(path);
	if (!d)
		return;
	while ((e = readdir(d)))
		if (!strncmp(e->d_name, "session", 7)) {
			size_t len = strlen(path);

			if (!str_fmt(path + len, sizeof(path) - len, "/%s/targetname",
				     e->d_name) &&
			    read_attr(path, node, 224))
				node[0] = '\0';
			break;
		}
	closedir(d);
}

static int open_block_dir(const char *sysfs)
{
	char path[256];
	int fd, r = str_fmt(path, sizeof(path), "%s/block", sysfs);

	if (r)
		return r;
	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

/* One attribute of disk p->dev, relative to the /sys/block fd. */
static int disk_attr(int blkfd, const struct mp_path *p, const char *name,
		     char *buf, size_t size)
{
	char rel[96];
	int r = str_fmt(rel, sizeof(rel), "%s/%s", p->dev, name);

	if (r) {
		buf[0] = '\0';
		return r;
	}
	r = read_attr_at(blkfd, rel, buf, size);
	str_vis(buf, ""); /* vendor, model, rev: the device's own bytes */
	return r;
}

/* One text attribute into the pool, *out kept when it cannot be read
 * (or is dh_state's "detached"): 0 or -ENOMEM. */
static int pooled(int blkfd, const struct mp_path *p, const char *attr,
		  const char **out, struct str_pool *pool)
{
	char buf[32];

	if (disk_attr(blkfd, p, attr, buf, sizeof(buf)) || !strcmp(buf, "detached"))
		return 0;
	*out = str_pool_add(pool, buf);
	return *out ? 0 : -ENOMEM;
}

/* vendor, model, rev ("" if unreadable): 0 or -ENOMEM */
static int strings_at(int blkfd, struct mp_path *p, struct str_pool *pool)
{
	return pooled(blkfd, p, "device/vendor", &p->vendor, pool) ||
	       pooled(blkfd, p, "device/model", &p->model, pool) ||
	       pooled(blkfd, p, "device/rev", &p->rev, pool) ? -ENOMEM : 0;
}

int scsi_path_strings(const char *sysfs, struct mp_path *p, struct str_pool *pool)
{
	int r, blkfd = open_block_dir(sysfs);

	if (blkfd < 0)
		return blkfd;
	r = strings_at(blkfd, p, pool);
	close(blkfd);
	return r;
}

/* dev_t of the disk: one stat of its devtmpfs node, else sysfs "dev". */
static int disk_devt(int blkfd, const char *devdir, struct mp_path *p)
{
	char buf[32], *colon;
	struct stat st;

	if (devdir && !str_fmt(buf, sizeof(buf), "%s/%s", devdir, p->dev) &&
	    !stat(buf, &st) && S_ISBLK(st.st_mode)) {
		p->maj = major(st.st_rdev);
		p->min = minor(st.st_rdev);
		return 0;
	}
	if (disk_attr(blkfd, p, "dev", buf, sizeof(buf)) || !(colon = strchr(buf, ':')))
		return -EPROTO;
	*colon = '\0';
	if (str_to_uint(buf, 0xfff, &p->maj) || str_to_uint(colon + 1, 0xfffff, &p->min))
		return -EPROTO;
	return 0;
}

/* Per disk: about six syscalls (stat, size, readlink, state, dh_state,
 * vpd_pg83), all relative to one /sys/block fd; what only some policies
 * or outputs need (serial, node name, vendor strings) only on request. */
/* H:B:T:L from the name the disk's "device" link points to (the SCSI
 * device's sysfs directory).  0 or -errno. */
static int path_hbtl(int blkfd, const char *dev, struct mp_path *p)
{
	char rel[96], buf[256], *slash;
	ssize_t n;
	int r;

	r = str_fmt(rel, sizeof(rel), "%s/device", dev);
	if (r)
		return r;
	n = readlinkat(blkfd, rel, buf, sizeof(buf) - 1);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	return parse_hbtl(slash ? slash + 1 : buf, p) ? -EPROTO : 0;
}

/* The ALUA facts sysfs already holds: TPGS from the standard INQUIRY,
 * the access state, the preferred bit.  Missing ones stay unset (an
 * older kernel, no ALUA handler); 0 or -ENOMEM. */
static int path_alua(int blkfd, const char *dev, struct mp_path *p,
		     struct str_pool *pool, const struct mp_path *q)
{
	char buf[256];
	uint8_t inq[8];

	/* the kernel's copy of the standard INQUIRY data, or its LU's */
	if (q)
		p->tpgs = q->tpgs;
	else if (!str_fmt(buf, sizeof(buf), "%s/device/inquiry", dev) &&
	    str_read_at(blkfd, buf, inq, 8, 0) >= 6)
		p->tpgs = (int8_t)((inq[5] >> 4) & 3);
	if (pooled(blkfd, p, "device/access_state", &p->access_state, pool))
		return -ENOMEM;
	/* the kernel shows both or neither (scsi_sysfs.c: a device
	 * handler, attached when the device was added): one open a path
	 * less without one */
	if (p->access_state[0] &&
	    !disk_attr(blkfd, p, "device/preferred_path", buf, sizeof(buf)))
		p->pref = buf[0] == '1';
	return 0;
}

/* The WWID (VPD page 0x83, with the target port group under ALUA) and
 * the serial (page 0x80) from the device, one fd for both pages.  A
 * path without a WWID stays listed: the error goes to p->err.  buf
 * (VPD_WWID_SIZE) and vpd (VPD_MAX) are the caller's: a 4 KiB array of
 * its own kept this out of line, at 100 bytes more code. */
static void path_vpd_ids(int blkfd, const char *devdir, unsigned int what,
			 struct mp_path *p, struct str_pool *pool, char *buf,
			 uint8_t *vpd)
{
	int r, fd = -1;

	r = get_vpd(blkfd, devdir, p, 0x83, what, vpd, &fd);
	if (r >= 0 && (what & SCSI_SCAN_ALUA))
		p->tpg = vpd_pg83_tpg(vpd, (size_t)r);
	if (r >= 0)
		r = vpd_pg83_wwid(vpd, (size_t)r, buf, VPD_WWID_SIZE, NULL);
	if (r >= 0 && !(p->wwid = str_pool_add(pool, buf)))
		r = -ENOMEM;
	p->err = r;
	if (what & SCSI_SCAN_SERIAL) {
		r = get_vpd(blkfd, devdir, p, 0x80, what, vpd, &fd);
		if (r >= 0 && vpd_pg80_serial(vpd, (size_t)r, buf, VPD_WWID_SIZE) >= 0 &&
		    !(p->serial = str_pool_add(pool, buf)))
			p->serial = "";
	}
	if (fd >= 0)
		close(fd);
}

/* The paths scanned so far, by WWID: an LU's INQUIRY strings (vendor,
 * model, revision) and TPGS are the LU's own (SPC-4 6.4.2: standard
 * INQUIRY data describe the logical unit), so only its first path reads
 * them, 4 of a path's 11 sysfs reads.  Its access state, preferred bit,
 * device handler and state stay per path. */
struct lu_index {
	const struct mp_path *paths;
	struct hidx h;
};

/* The first path scanned of p's LU; NULL for the first, which is
 * indexed then (no room: the next path reads its own). */
static const struct mp_path *lu_first(struct lu_index *x, const struct mp_path *p)
{
	uint32_t k;
	long i;

	if (!x || !p->wwid[0])
		return NULL;
	k = hidx_str(p->wwid);
	i = hidx_find(&x->h, k, mp_path_wwid_eq, x->paths, p->wwid);
	if (i < 0)
		hidx_add(&x->h, k, (size_t)(p - x->paths));
	/* p's own slot: a disk that went away left it indexed */
	return i < 0 || &x->paths[i] == p ? NULL : &x->paths[i];
}

static int path_info_at(int blkfd, const char *sysfs, const char *devdir,
			const char *dev, unsigned int what, struct mp_path *p,
			struct str_pool *pool, struct lu_index *lu)
{
	char buf[256];
	uint8_t vpd[VPD_MAX];
	const struct mp_path *q = NULL;
	int r;

	memset(p, 0, sizeof(*p));
	p->wwid = p->serial = p->node = "";
	p->vendor = p->model = p->rev = "";
	p->state = p->dh = p->access_state = p->prio_name = "";
	p->prio = 1; /* multipath-tools' "const" prioritizer value */
	p->tpg = -1;
	p->pref = -1;
	if (str_copy(p->dev, dev, sizeof(p->dev)))
		return -ENAMETOOLONG;
	/* -ll shows its maps' sizes and handlers, never a path's */
	if (!(what & SCSI_SCAN_LIST)) {
		r = disk_attr(blkfd, p, "size", buf, sizeof(buf));
		if (r)
			return r;
		if (str_to_u64(buf, &p->size))
			return -EPROTO;
	}
	r = disk_devt(blkfd, devdir, p);
	if (r)
		return r;
	r = path_hbtl(blkfd, dev, p);
	if (r)
		return r;
	p->state = "unknown";
	if (pooled(blkfd, p, "device/state", &p->state, pool))
		return -ENOMEM;
	if (what & SCSI_SCAN_IDS) {
		if (!(what & SCSI_SCAN_LIST) &&
		    pooled(blkfd, p, "device/dh_state", &p->dh, pool))
			return -ENOMEM;
		if (what & SCSI_SCAN_NODE) {
			node_name(sysfs, p, buf);
			if (!(p->node = str_pool_add(pool, buf)))
				return -ENOMEM;
		}
		path_vpd_ids(blkfd, devdir, what, p, pool, buf, vpd);
		q = lu_first(lu, p);
	}
	if (q) {
		p->vendor = q->vendor;
		p->model = q->model;
		p->rev = q->rev;
	} else if ((what & SCSI_SCAN_STRINGS) && strings_at(blkfd, p, pool)) {
		return -ENOMEM;
	}
	if ((what & (SCSI_SCAN_IDS | SCSI_SCAN_ALUA)) == (SCSI_SCAN_IDS | SCSI_SCAN_ALUA) &&
	    path_alua(blkfd, dev, p, pool, q))
		return -ENOMEM;
	return 0;
}

int scsi_path_info(const char *sysfs, const char *devdir, const char *dev,
		   unsigned int what, struct mp_path *p, struct str_pool *pool)
{
	int r, blkfd = open_block_dir(sysfs);

	if (blkfd < 0)
		return blkfd;
	r = path_info_at(blkfd, sysfs, devdir, dev, what, p, pool, NULL);
	close(blkfd);
	return r;
}

/* How many sd disks /sys/block lists now: the path array is sized once
 * (plus room for a few arriving meanwhile) instead of doubled, because
 * a doubling realloc of 2048 paths briefly holds 3072 of them. */
static size_t count_disks(const char *path)
{
	size_t n = 0;
	struct dirent *e;
	DIR *d = opendir(path);

	while (d && (e = readdir(d)))
		n += mp_is_sd_disk(e->d_name) != 0;
	if (d)
		closedir(d);
	return n;
}

/* Room for more paths: the first time as many as the block directory
 * (path) lists disks, then a quarter more each time.  0 or -ENOMEM. */
static int scan_grow(struct scsi_scan *s, const char *path)
{
	size_t cap = s->cap ? s->cap + s->cap / 4 + 16 : count_disks(path) + 16;
	struct mp_path *np = mem_grow(s->paths, s->cap * sizeof(*np),
				      cap * sizeof(*np));

	if (!np)
		return -ENOMEM;
	s->paths = np;
	s->cap = cap;
	return 0;
}

int scsi_scan_all(struct scsi_scan *s, unsigned int what)
{
	char path[256];
	struct dirent *e;
	DIR *d;
	struct lu_index lu = { NULL, { NULL, 0, 0 } };
	int r, blkfd;

	r = str_fmt(path, sizeof(path), "%s/block", s->sysfs);
	if (r)
		return r;
	blkfd = open_block_dir(s->sysfs);
	if (blkfd < 0)
		return blkfd;
	d = opendir(path);
	if (!d) {
		r = -errno;
		close(blkfd);
		return r;
	}
	r = 0;
	while ((e = readdir(d))) {
		struct mp_path *p;

		if (!mp_is_sd_disk(e->d_name))
			continue;
		if (s->n == s->cap && scan_grow(s, path)) {
			r = -ENOMEM;
			break;
		}
		p = &s->paths[s->n];
		lu.paths = s->paths; /* scan_grow may have moved them */
		r = path_info_at(blkfd, s->sysfs, s->devdir, e->d_name, what, p,
				 &s->pool, &lu);
		if (r == -ENOENT) {
			r = 0; /* went away while we looked */
			continue;
		}
		if (r) {
			/* keep it listed: main says why it is unusable */
			str_copy(p->dev, e->d_name, sizeof(p->dev));
			p->wwid = p->serial = p->node = "";
			p->vendor = p->model = p->rev = "";
			p->err = r;
			r = 0;
		}
		s->n++;
	}
	closedir(d);
	close(blkfd);
	hidx_free(&lu.h);
	return r;
}

void scsi_scan_free(struct scsi_scan *s)
{
	mem_free(s->paths, s->cap * sizeof(*s->paths));
	str_pool_free(&s->pool);
	s->paths = NULL;
	s->n = s->cap = 0;
}
