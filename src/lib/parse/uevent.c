/* See uevent.h. */
#include <errno.h>
#include <string.h>

#include "mpath.h"
#include "uevent.h"

int uevent_parse(char *buf, size_t len, struct uevent *u)
{
	size_t i = 0, hl;
	char *at;

	u->action = u->devpath = u->subsystem = u->devtype = u->devname = "";
	u->dm_action = u->dm_name = u->dm_path = "";
	buf[len] = '\0';
	hl = strlen(buf);
	at = strchr(buf, '@');
	/* The header "action@devpath" must be first and non-empty on both
	 * sides; libudev's "libudev\0..." messages fail here. */
	if (!at || at == buf || !at[1] || hl >= len)
		return -EINVAL;
	*at = '\0';
	u->action = buf;
	u->devpath = at + 1;
	for (i = hl + 1; i < len; i += strlen(buf + i) + 1) {
		char *kv = buf + i;

		if (!strncmp(kv, "SUBSYSTEM=", 10))
			u->subsystem = kv + 10;
		else if (!strncmp(kv, "DEVTYPE=", 8))
			u->devtype = kv + 8;
		else if (!strncmp(kv, "DEVNAME=", 8))
			u->devname = kv + 8;
		else if (!strncmp(kv, "DM_ACTION=", 10))
			u->dm_action = kv + 10;
		else if (!strncmp(kv, "DM_NAME=", 8))
			u->dm_name = kv + 8;
		else if (!strncmp(kv, "DM_PATH=", 8))
			u->dm_path = kv + 8;
	}
	return 0;
}

int uevent_is_sd_disk(const struct uevent *u)
{
	return !strcmp(u->subsystem, "block") && !strcmp(u->devtype, "disk") &&
	       mp_is_sd_disk(u->devname);
}

int uevent_is_new_sd_disk(const struct uevent *u)
{
	return !strcmp(u->action, "add") && uevent_is_sd_disk(u);
}
