/* multipath -a / -w / -W: the wwids file (the LUs multipath may use
 * under find_multipaths), edited by hand or made anew from the live
 * maps. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "multipath.h"
#include "names.h"
#include "plan.h"

/* -W: one line per live multipath map's WWID, replacing the file. */
static int wwids_reset(struct dm_ctx *dm, const char *file, int verbose)
{
	struct mpt_maps m = { 0 };
	struct mp_names nl = { 0 };
	size_t i;
	int r = dm_list(dm, mpt_map_add, &m);

	for (i = 0; !r && i < m.n; i++) {
		struct dm_ref ref = { .name = m.names[i] };
		struct dm_info info;
		const char *w;

		if (!dm_info(dm, &ref, &info) && (w = mp_uuid_wwid(info.uuid)))
			r = mp_names_add(&nl, w, NULL);
	}
	free(m.names);
	if (!r) {
		mp_mkdir_parent(file);
		r = mp_wwids_write(file, &nl);
	}
	mp_names_free(&nl);
	if (r) {
		log_err(r, "%s:", file);
		return 1;
	}
	if (verbose >= 1)
		printf("successfully reset wwids\n");
	return 0;
}

/* The WWID a device argument stands for: a path's, or the argument
 * itself; NULL for a node ("/dev/null") that is no path, never to be
 * written as a WWID. */
static const char *arg_wwid(struct scsi_scan *scan, const char *arg)
{
	size_t i;
	int r = scsi_scan_all(scan, SCSI_SCAN_IDS);

	for (i = 0; !r && i < scan->n; i++)
		if (scan->paths[i].wwid[0] &&
		    mp_filter_match(arg, &scan->paths[i], NULL))
			return scan->paths[i].wwid;
	return strchr(arg, '/') ? NULL : arg;
}

int mpt_wwids(char op, const char *arg, struct dm_ctx *dm,
	      struct scsi_scan *scan, struct mp_config *cfg, int verbose)
{
	const char *wwid;
	int r;

	if (op == 'W')
		return wwids_reset(dm, cfg->wwids_file, verbose);
	wwid = arg_wwid(scan, arg);
	if (!wwid) {
		log_msg("%s: not a multipath path", arg);
		return 1;
	}
	if (op == 'a') {
		mp_mkdir_parent(cfg->wwids_file);
		r = mp_wwids_add(cfg->wwids_file, wwid);
		if (r < 0) {
			log_err(r, "%s:", cfg->wwids_file);
			return 1;
		}
		if (verbose >= 1)
			printf("wwid '%s' added\n", wwid);
		return 0;
	}
	if (mp_wwids_del(&cfg->wwids, wwid)) {
		if (verbose >= 1)
			printf("wwid '%s' not in %s\n", wwid, cfg->wwids_file);
		return 0;
	}
	r = mp_wwids_write(cfg->wwids_file, &cfg->wwids);
	if (r) {
		log_err(r, "%s:", cfg->wwids_file);
		return 1;
	}
	if (verbose >= 1)
		printf("wwid '%s' removed\n", wwid);
	return 0;
}
