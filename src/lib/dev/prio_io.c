/* Prioritisers: the reads from the device (REPORT TARGET PORT GROUPS
 * through SG_IO), see prio_io.h; the rules are parse/prio.c. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "prio.h"
#include "prio_io.h"
#include "scsi.h"
#include "sg_batch.h"
#include "str.h"

/* PREF | access state of p's group by one RTPG (or its LU's answer in
 * c), or -1. */
static int alua_state(const struct mp_path *p, const char *devdir,
		      struct mp_rtpg_cache *c)
{
	uint8_t buf[1024];
	int fd, n;

	if (p->tpg < 0)
		return -1;
	if (c && c->known && (n = c->known(c->arg, p)) != MP_ALUA_ASK)
		return n;
	if (c && c->wwid && p->wwid && !strcmp(c->wwid, p->wwid)) {
		n = mp_rtpg_state(c->buf, (size_t)c->len, (unsigned int)p->tpg);
		if (n >= 0)
			return n;
	}
	fd = scsi_open_node(devdir, p->dev);
	if (fd < 0)
		return -1;
	n = scsi_rtpg(fd, buf, sizeof(buf));
	close(fd);
	if (n < 0)
		return -1;
	if (c && p->wwid && p->wwid[0]) {
		memcpy(c->buf, buf, (size_t)n);
		c->len = n;
		c->wwid = p->wwid;
	}
	n = mp_rtpg_state(buf, (size_t)n, (unsigned int)p->tpg);
	return n < 0 ? -1 : n;
}

long mp_rtpg_next(void *arg, const char **dev)
{
	struct mp_rtpg_run *u = arg;

	for (; u->i < u->n; u->i++) {
		long c = (u->st[u->i] == MP_ALUA_ASK ? SG_BATCH_CMD : 0) |
			 (u->tur ? SG_BATCH_TUR : 0);

		if (c) {
			*dev = u->pp[u->i]->dev;
			return (long)u->i++ << 2 | c;
		}
	}
	return -1;
}

void mp_rtpg_done(void *arg, long id, int r)
{
	struct mp_rtpg_run *u = arg;
	size_t i = (size_t)id >> 2;
	int v;

	if (id & SG_BATCH_TUR) {
		u->tur[i] = r >= 0 ? 'r' : r == -EIO ? 'f' : 0;
		return;
	}
	v = r < 4 ? -1 : mp_rtpg_state(u->buf, scsi_rtpg_len(u->buf, (size_t)r),
				       (unsigned int)u->pp[i]->tpg);
	/* not sent (no sg node, out of fds): left to SG_IO */
	if (r >= 0 || r == -EIO)
		u->st[i] = v < 0 ? -1 : v;
}

int mp_rtpg_all(struct mp_path **pp, size_t n, int *st, char *tur)
{
	uint8_t buf[1024], cdb[12];
	struct mp_rtpg_run u = { pp, st, n, 0, buf, tur };
	struct sg_batch b = { cdb, sizeof(cdb), buf, sizeof(buf), mp_rtpg_next,
			      mp_rtpg_done, &u };

	scsi_rtpg_cdb(cdb, sizeof(buf));
	/* 128 in flight, 128 fds: well inside the 1 024 a process gets */
	return sg_batch_run(&b, 128);
}

static int alua_rtpg(const struct mp_path *p, const char *devdir, int excl,
		     struct mp_rtpg_cache *c)
{
	int st = alua_state(p, devdir, c);

	return st < 0 ? MP_PRIO_UNDEF : mp_prio_aas((unsigned int)st & 0x0f, st & 0x80, excl);
}

int mp_prio_moved(const struct mp_path *p, const char *state, int pref,
		  const char *devdir)
{
	if (!strcmp(p->prio_name, "sysfs"))
		return strcmp(state, p->access_state) || pref != p->pref;
	if (strcmp(p->prio_name, "alua"))
		return 0; /* const, weightedpath: they do not move */
	/* whichever exclusive_pref_bit the config says: either reading is
	 * "the same" */
	return mp_prio_alua_moved(p, alua_state(p, devdir, NULL));
}

void mp_path_prio(struct mp_path *p, const struct mp_eff *e, const char *devdir,
		  struct mp_rtpg_cache *cache)
{
	const char *name = mp_prio_select(e, p);
	int excl = mp_prio_args_has(e->s.prio_args, "exclusive_pref_bit");

	/* prio_name is one of these literals, never the configuration's
	 * string (multipathd frees that, its scan stays) */
	if (!strcmp(name, "const")) {
		p->prio = 1;
		p->prio_name = "const";
	} else if (!strcmp(name, "sysfs")) {
		p->prio_name = "sysfs";
		p->prio = mp_prio_sysfs(p->access_state, p->pref, excl);
		/* scsi_dh_alua shows active/optimized until its first
		 * REPORT TARGET PORT GROUPS lands, and an RTPG whose update
		 * races another one can leave it so for good: that value
		 * alone is not trusted, the device's answer is */
		if (mp_prio_sysfs_doubt(p->access_state, p->pref)) {
			int r = alua_rtpg(p, devdir, excl, cache);

			if (r != MP_PRIO_UNDEF)
				p->prio = r;
		}
	} else if (!strcmp(name, "alua")) {
		p->prio_name = "alua";
		p->prio = alua_rtpg(p, devdir, excl, cache);
		/* RTPG not answered: what scsi_dh_alua saw is next best */
		if (p->prio == MP_PRIO_UNDEF && p->access_state[0]) {
			p->prio = mp_prio_sysfs(p->access_state, p->pref, excl);
			p->prio_name = "sysfs";
		}
	} else if (!strcmp(name, "weightedpath")) {
		p->prio_name = "weightedpath";
		p->prio = mp_prio_weighted(e->s.prio_args, p);
	} else {
		/* emc, rdac, hp_sw, ontap, hds, ...: not implemented; the
		 * ALUA state if the kernel has one, else constant */
		if (p->access_state[0]) {
			p->prio = mp_prio_sysfs(p->access_state, p->pref, excl);
			p->prio_name = "sysfs";
		} else {
			p->prio = 1;
			p->prio_name = "const";
		}
	}
}
