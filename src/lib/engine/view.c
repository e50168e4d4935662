/* Reading a live map for the listings and the rescan (view.h): the one
 * copy of what multipath -ll, show maps and the daemon's rescan each did. */
#include <errno.h>
#include <string.h>

#include "plan.h"
#include "view.h"

/* Is the map exactly one multipath target?  Its table or status into
 * tg[0]. */
static int one_target(struct dm_ctx *dm, const char *name, int status,
		      struct dm_info *info, char *text, struct dm_target *tg)
{
	struct dm_ref ref = { .name = name };
	unsigned int n;
	int r = dm_table(dm, &ref, status, info, tg, 2, &n, text, MP_PARAMS_LEN);

	if (!r && (n != 1 || tg[0].start || strcmp(tg[0].type, "multipath")))
		r = -EINVAL;
	return r;
}

void mp_map_status(struct dm_ctx *dm, const char *name, char *text,
		   struct mp_map_view *v)
{
	struct dm_target tg[2];

	if (one_target(dm, name, 1, NULL, text, tg) ||
	    mp_status_parse(tg[0].params, &v->st) || v->st.ndev != v->t.ndev)
		memset(&v->st, 0, sizeof(v->st));
}

int mp_map_view(struct dm_ctx *dm, const char *name, char *text,
		struct mp_map_view *v)
{
	struct dm_target tg[2];
	int r = one_target(dm, name, 0, &v->info, text, tg);

	if (!r)
		r = mp_table_parse(tg[0].params, &v->t);
	if (r)
		return r;
	v->len = tg[0].len;
	mp_map_status(dm, name, text, v);
	return 0;
}
