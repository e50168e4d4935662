/* multipath -f / -F: remove multipath maps that nothing holds open. */
#include <stdio.h>
#include <stdlib.h>

#include "log.h"
#include "multipath.h"

int mpt_flush(struct dm_ctx *dm, const char *name, int dry, int verbose,
	      int quiet_foreign)
{
	struct dm_ref ref = { .name = name };
	struct dm_info info;
	int r = dm_info(dm, &ref, &info);

	if (r) {
		log_err(r, "%s: no such map:", name);
		return 1;
	}
	if (!mp_uuid_wwid(info.uuid)) {
		if (!quiet_foreign)
			log_msg("%s: not a multipath map", name);
		return quiet_foreign ? 0 : 1;
	}
	if (info.open_count > 0) {
		log_msg("%s: map in use (open count %d), not removed", name,
			info.open_count);
		return 1;
	}
	if (dry) {
		if (verbose >= 1)
			printf("remove: %s\n", name);
		return 0;
	}
	r = dm_remove(dm, name);
	if (r) {
		log_err(r, "%s: %s:", name, dm->what);
		return 1;
	}
	if (verbose >= 2)
		printf("remove: %s\n", name);
	return 0;
}

int mpt_flush_all(struct dm_ctx *dm, int dry, int verbose)
{
	struct mpt_maps m = { 0 };
	size_t i;
	int ret = 0;

	if (mpt_maps_read(dm, &m))
		return 1;
	for (i = 0; i < m.n; i++)
		ret |= mpt_flush(dm, m.names[i], dry, verbose, 1);
	free(m.names);
	return ret;
}
