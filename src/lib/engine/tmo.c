/* See tmo.h.  The pure planner is host-tested from values and the I/O on
 * a made-up sysfs tree (tests/t_tmo.c).  Written small: every byte here
 * is in the 128 KiB image. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "conf_path.h"
#include "log.h"
#include "str.h"
#include "tmo.h"

static __attribute__((noinline)) void put(struct mp_tmo *t, const char *attr, long v)
{
	t->w[t->n].attr = attr;
	t->w[t->n++].v = v;
}

void mp_tmo_plan(int kind, const struct mp_eff *e, unsigned long cur,
		 struct mp_tmo *t)
{
	long inf = UINT_MAX, fio = e->s.fast_io_fail_tmo, dl = e->s.dev_loss_tmo;
	long npr = e->s.no_path_retry, min = npr * e->polling_interval;

	t->n = 0;
	t->temp = 0;
	if (dl == MP_NUM_INFINITY)
		dl = inf;
	if (dl < 0) /* 0 is multipath-tools' "unset" for dev_loss_tmo */
		dl = 0;
	if (npr == MP_NPR_QUEUE || min > inf)
		min = inf;
	/* the paths must outlive the queueing no_path_retry asks for */
	if (dl && dl < min)
		dl = min;
	if (dl && fio >= dl)
		fio = MP_NUM_OFF;
	if (kind == MP_TMO_FC) {
		/* the kernel refuses a fast_io_fail_tmo not below the
		 * rport's dev_loss_tmo, and a dev_loss_tmo above 600 while
		 * fast_io_fail_tmo is off */
		if (fio > 0) {
			if ((unsigned long)fio >= cur) {
				put(t, "dev_loss_tmo", fio + 1);
				t->temp = 1;
			}
		} else if (dl > MP_TMO_DEVLOSS_MAX && npr != MP_NPR_QUEUE)
			dl = MP_TMO_DEVLOSS_MAX;
		if (fio)
			put(t, "fast_io_fail_tmo", fio == MP_NUM_OFF ? -1 :
			    fio < 0 ? 0 : fio);
		if (dl)
			put(t, "dev_loss_tmo", dl);
	} else if (kind == MP_TMO_ISCSI && fio > 0)
		/* an iSCSI session can neither switch it off nor take 0 */
		put(t, "recovery_tmo", fio);
	else if (kind == MP_TMO_SAS && dl)
		put(t, "I_T_nexus_loss_timeout", dl);
}

/* Each transport's class directory and its objects' name prefix, by the
 * letter after "scsi:" in mp_path_link_proto's name: f, i, s. */
static const char *const cls[] = { "fc_remote_ports", "iscsi_session",
				   "sas_end_device" };
static const char *const pre[] = { "/rport-", "/session", "/end_device-" };

/* Write one rport's planned attributes; path holds its class directory,
 * n bytes long, and gets each attribute's name appended. */
static void tmo_write(const char *dev, char *path, int n, int kind,
		      const struct mp_tmo *t, int verbose)
{
	char v[16];
	unsigned int k;
	int r = 0, fd;

	for (k = 0; !r && k < t->n; k++) {
		strcpy(path + n, t->w[k].attr);
		str_fmt(v, sizeof(v), t->w[k].v < 0 ? "off" : "%ld", t->w[k].v);
		fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
		r = fd < 0 || write(fd, v, strlen(v)) < 0 ? -errno : 0;
		close(fd);
		/* refused (rport blocked, a limit): a warning; the next
		 * write may still apply, unless this was the raise
		 * the others depend on.  SAS: the kernel (6.1) makes
		 * I_T_nexus_loss_timeout read-only; multipath-tools
		 * says so at -v3 only */
		if ((r && kind != 2) || verbose >= 3)
			log_err(r, r ? "%s: %s %s:" : "%s: %s %s", dev,
				strstr(path, pre[kind]) + 1, v);
		if (k || !t->temp)
			r = 0;
	}
}

void mp_tmo_apply(const struct mp_plan *p, const struct mp_conf *c,
		  const char *sysfs, int verbose)
{
	char link[512], path[320], prev[320], v[16];
	unsigned int i, cur = 0;

	prev[0] = '\0';

	for (i = 0; i < p->n; i++) {
		const struct mp_path *pp = p->pp[i];
		struct mp_eff e = p->eff;
		const char *proto, *s;
		struct mp_tmo t;
		int n, r, kind;

		/* the transport as the blacklist and multipath-tools see it:
		 * SAS only with the SCSI device's sas_address (mptsas has
		 * none: scsi:unspec, nothing written) */
		proto = mp_path_link_proto(sysfs, pp->dev, link, sizeof(link));
		s = proto ? strchr("fis", proto[5]) : NULL;
		if (!s)
			continue; /* usb, ata, unspec: nothing to set */
		kind = (int)(s - "fis");
		s = strstr(link, pre[kind]);
		if (!s)
			continue;
		n = snprintf(path, sizeof(path), "%s/class/%s/%.*s/", sysfs,
			     cls[kind], (int)strcspn(s + 1, "/"), s + 1);
		/* paths through one rport sort together: once is enough */
		if (n < 0 || n > 256 || !strcmp(path, prev))
			continue;
		strcpy(prev, path);
		mp_conf_resolve_proto(c, pp->vendor, pp->model, pp->rev, proto, &e);
		if (kind == 0) {
			/* FC: the plan depends on the current dev_loss_tmo */
			strcpy(path + n, "dev_loss_tmo");
			r = read_attr(path, v, sizeof(v));
			if (!r)
				r = str_to_uint(v, UINT_MAX, &cur);
			if (r) {
				log_err(r, "%s: %s:", pp->dev, path);
				continue;
			}
		}
		mp_tmo_plan(kind + 1, &e, cur, &t);
		tmo_write(pp->dev, path, n, kind, &t, verbose);
	}
}
