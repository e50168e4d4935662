/* kpartx's naming and ownership rules for partition maps, shared so the
 * booted system's kpartx (multipath-tools) recognises maps we made:
 *   name  <parent><delim><N>, '/' -> '!'; delim "p" if parent ends in a
 *         digit, else "" (kpartx set_delimiter / strip_slash)
 *   uuid  part<N>-<parent uuid>; for a non-DM parent the parent uuid is
 *         devnode_<maj>:<min>_Wh5pYvM (kpartx nondm_create_uuid)
 *   ours  a single "linear" target on the parent whose UUID is
 *         part<N>-<parent uuid> (kpartx dm_remove_partmaps). */
#include <ctype.h>
#include <errno.h>
#include <string.h>

#include "dm.h"
#include "partname.h"
#include "str.h"

const char *pt_default_delim(const char *parent)
{
	size_t n = strlen(parent);

	return n && isdigit((unsigned char)parent[n - 1]) ? "p" : "";
}

int pt_map_name(char *dst, size_t size, const char *parent,
		const char *delim, unsigned int num)
{
	char *p;
	int r;

	if (size > MP_DM_NAME_LEN)
		size = MP_DM_NAME_LEN;
	r = str_fmt(dst, size, "%s%s%u", parent, delim, num);
	if (r)
		return r;
	for (p = dst; *p; p++)
		if (*p == '/')
			*p = '!';
	return 0;
}

int pt_map_uuid(char *dst, size_t size, unsigned int num,
		const char *parent_uuid)
{
	if (size > MP_DM_UUID_LEN)
		size = MP_DM_UUID_LEN;
	return str_fmt(dst, size, "part%u-%s", num, parent_uuid);
}

int pt_nondm_uuid(char *dst, size_t size, unsigned int maj, unsigned int min)
{
	if (size > MP_DM_UUID_LEN)
		size = MP_DM_UUID_LEN;
	return str_fmt(dst, size, "devnode_%u:%u_Wh5pYvM", maj, min);
}

int pt_uuid_owner(const char *uuid, const char *parent_uuid, unsigned int *num)
{
	const char *p = uuid + 4;
	unsigned int n = 0;

	if (strncmp(uuid, "part", 4) || !isdigit((unsigned char)*p) ||
	    !parent_uuid || !*parent_uuid)
		return -EINVAL;
	for (; isdigit((unsigned char)*p); p++) {
		n = n * 10 + (unsigned int)(*p - '0');
		if (n > 1000000)
			return -EINVAL;
	}
	if (*p != '-' || strcmp(p + 1, parent_uuid))
		return -EINVAL;
	*num = n;
	return 0;
}

/* "0 <len> linear <maj>:<min> <start>\n" and nothing else. */
int pt_linear_on(const struct dm_target *t, unsigned int n, unsigned int maj,
		 unsigned int min, uint64_t *start)
{
	char want[32];
	const char *sp;
	size_t l;

	if (n != 1 || t->start || strcmp(t->type, "linear") ||
	    str_fmt(want, sizeof(want), "%u:%u ", maj, min))
		return -EINVAL;
	l = strlen(want);
	if (strncmp(t->params, want, l))
		return -EINVAL;
	sp = t->params + l;
	if (strchr(sp, ' '))
		return -EINVAL;
	return str_to_u64(sp, start) ? -EINVAL : 0;
}
