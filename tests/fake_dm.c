/* The fake device-mapper kernel, see fake_dm.h. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/sysmacros.h>

#include "dm.h"
#include "fake_dm.h"

#define DM_HDR_ALIGNED ((sizeof(struct dm_ioctl) + 7) & ~(size_t)7)


struct fdev devs[MAXDEV];
static unsigned int next_minor;
char calls[4096];     /* ioctl names in order, space separated */
int fail_cmd = -1;     /* _IOC_NR of a command to fail */
int fail_errno;
char gone_dev[16];     /* a multipath table naming " MAJ:MIN " fails to load */
uint32_t last_flags[32]; /* flags seen per command nr */
uint32_t last_event_nr[32];
int malformed_list;  /* emit an unterminated name */

void fake_reset(void)
{
	memset(devs, 0, sizeof(devs));
	next_minor = 0;
	calls[0] = '\0';
	fail_cmd = -1;
	gone_dev[0] = '\0';
	malformed_list = 0;
}

static const char *cmd_name(unsigned int nr)
{
	static const char *n[] = {
		[DM_VERSION_CMD] = "VERSION", [DM_REMOVE_ALL_CMD] = "REMOVE_ALL",
		[DM_LIST_DEVICES_CMD] = "LIST", [DM_DEV_CREATE_CMD] = "CREATE",
		[DM_DEV_REMOVE_CMD] = "REMOVE", [DM_DEV_RENAME_CMD] = "RENAME",
		[DM_DEV_SUSPEND_CMD] = "SUSPEND", [DM_DEV_STATUS_CMD] = "STATUS",
		[DM_DEV_WAIT_CMD] = "WAIT", [DM_TABLE_LOAD_CMD] = "LOAD",
		[DM_TABLE_CLEAR_CMD] = "CLEAR", [DM_TABLE_DEPS_CMD] = "DEPS",
		[DM_TABLE_STATUS_CMD] = "TSTATUS", [DM_LIST_VERSIONS_CMD] = "VERSIONS",
		[DM_TARGET_MSG_CMD] = "MSG",
	};
	return nr < sizeof(n) / sizeof(n[0]) && n[nr] ? n[nr] : "?";
}

static struct fdev *find(const struct dm_ioctl *io)
{
	int i;

	for (i = 0; i < MAXDEV; i++) {
		if (!devs[i].used)
			continue;
		if (io->uuid[0]) {
			if (!strcmp(devs[i].uuid, io->uuid))
				return &devs[i];
		} else if (io->name[0]) {
			if (!strcmp(devs[i].name, io->name))
				return &devs[i];
		} else if (io->dev == dm_encode_dev(makedev(FAKE_MAJOR, devs[i].minor))) {
			return &devs[i];
		}
	}
	return NULL;
}

static void fill_hdr(struct dm_ioctl *io, const struct fdev *d)
{
	memcpy(io->name, d->name, sizeof(io->name));
	memcpy(io->uuid, d->uuid, sizeof(io->uuid));
	io->dev = dm_encode_dev(makedev(FAKE_MAJOR, d->minor));
	io->open_count = d->open_count;
	io->target_count = (uint32_t)d->ntargets;
	io->flags &= ~(uint32_t)(DM_ACTIVE_PRESENT_FLAG | DM_INACTIVE_PRESENT_FLAG);
	if (d->has_active)
		io->flags |= DM_ACTIVE_PRESENT_FLAG;
	if (d->has_inactive)
		io->flags |= DM_INACTIVE_PRESENT_FLAG;
}

/* Kernel's populate_table(): walk specs, validating as next_target() does. */
static int load(struct dm_ioctl *io, struct fdev *d)
{
	const char *base = (const char *)io, *end = base + io->data_size;
	const struct dm_target_spec *sp = (const void *)(base + io->data_start);
	const struct dm_target_spec *last = NULL;
	uint32_t next = 0, i;
	size_t used = 0;

	if (!io->target_count)
		return -EINVAL;
	d->inactive[0] = '\0';
	for (i = 0; i < io->target_count; i++) {
		const char *params;
		int n;

		sp = last ? (const void *)((const char *)last + next) : sp;
		if ((uintptr_t)sp % 8)
			return -EINVAL; /* misaligned spec */
		if (last && sp < last + 1)
			return -EINVAL;
		if ((const char *)(sp + 1) > end)
			return -EINVAL;
		params = (const char *)(sp + 1);
		if (!memchr(params, '\0', (size_t)(end - params)))
			return -EINVAL; /* invalid_str() */
		if (!memchr(sp->target_type, '\0', DM_MAX_TYPE_NAME))
			return -EINVAL;
		/* dm-mpath's parse_path(): dm_get_device() of a dev_t the
		 * kernel no longer has */
		if (gone_dev[0] && strstr(params, gone_dev))
			return -ENXIO;
		n = snprintf(d->inactive + used, sizeof(d->inactive) - used,
			     "%llu %llu %s %s\n", (unsigned long long)sp->sector_start,
			     (unsigned long long)sp->length, sp->target_type, params);
		if (n < 0 || (size_t)n >= sizeof(d->inactive) - used)
			return -ENOMEM;
		used += (size_t)n;
		next = sp->next;
		last = sp;
	}
	d->has_inactive = 1;
	d->ninactive = (int)io->target_count;
	return 0;
}

/* Kernel's retrieve_status(): specs with next relative to data start. */
static int table_out(struct dm_ioctl *io, struct fdev *d)
{
	char *out = (char *)io + DM_HDR_ALIGNED, *end = (char *)io + io->data_size;
	char copy[4096], *line, *save;
	size_t off = 0;

	io->data_start = DM_HDR_ALIGNED;
	strcpy(copy, d->active);
	for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		struct dm_target_spec *sp = (void *)(out + off);
		unsigned long long s, l;
		char type[32];
		int pos = 0;
		const char *text;

		if (sscanf(line, "%llu %llu %31s %n", &s, &l, type, &pos) < 3)
			return -EINVAL;
		text = (io->flags & DM_STATUS_TABLE_FLAG) ? line + pos : "0 status";
		if (out + off + sizeof(*sp) + strlen(text) + 1 > end) {
			io->flags |= DM_BUFFER_FULL_FLAG;
			return 0;
		}
		sp->sector_start = s;
		sp->length = l;
		memset(sp->target_type, 0, sizeof(sp->target_type));
		strcpy(sp->target_type, type);
		strcpy((char *)(sp + 1), text);
		off += sizeof(*sp) + strlen(text) + 1;
		off = (off + 7) & ~(size_t)7;
		sp->next = (uint32_t)off;
	}
	io->data_size = (uint32_t)(DM_HDR_ALIGNED + off);
	return 0;
}

static int list_out(struct dm_ioctl *io)
{
	char *out = (char *)io + DM_HDR_ALIGNED, *end = (char *)io + io->data_size;
	struct dm_name_list *nl = NULL;
	size_t off = 0;
	int i;

	io->data_start = DM_HDR_ALIGNED;
	if (out + sizeof(*nl) > end) {
		io->flags |= DM_BUFFER_FULL_FLAG;
		return 0;
	}
	((struct dm_name_list *)out)->dev = 0;
	for (i = 0; i < MAXDEV; i++) {
		size_t len;

		if (!devs[i].used)
			continue;
		len = sizeof(*nl) + strlen(devs[i].name) + 1;
		len = (len + 7) & ~(size_t)7;
		if (out + off + len > end) {
			io->flags |= DM_BUFFER_FULL_FLAG;
			return 0;
		}
		if (nl)
			nl->next = (uint32_t)((char *)(out + off) - (char *)nl);
		nl = (void *)(out + off);
		nl->dev = dm_encode_dev(makedev(FAKE_MAJOR, devs[i].minor));
		nl->next = 0;
		strcpy(nl->name, devs[i].name);
		if (malformed_list)
			memset(nl->name, 'x', (size_t)(end - nl->name));
		off += len;
	}
	io->data_size = (uint32_t)(DM_HDR_ALIGNED + off);
	return 0;
}

int __wrap_ioctl(int fd, unsigned long req, ...);
int __wrap_ioctl(int fd, unsigned long req, ...)
{
	unsigned int nr = _IOC_NR(req);
	struct dm_ioctl *io;
	struct fdev *d;
	va_list ap;
	int r = 0, i;

	va_start(ap, req);
	io = va_arg(ap, struct dm_ioctl *);
	va_end(ap);
	(void)fd;
	if (strlen(calls) + 16 < sizeof(calls)) { /* a bounded call log */
		strcat(calls, cmd_name(nr));
		strcat(calls, " ");
	}
	if (nr < 32)
		last_flags[nr] = io->flags, last_event_nr[nr] = io->event_nr;
	/* check_version() and copy_params() */
	if (_IOC_TYPE(req) != DM_IOCTL || io->version[0] != DM_VERSION_MAJOR ||
	    io->version[1] > DM_VERSION_MINOR || io->data_size < sizeof(*io) ||
	    io->data_start < sizeof(*io) || io->data_start > io->data_size ||
	    !memchr(io->name, '\0', DM_NAME_LEN) || !memchr(io->uuid, '\0', DM_UUID_LEN)) {
		errno = EINVAL;
		return -1;
	}
	if ((int)nr == fail_cmd) {
		errno = fail_errno;
		return -1;
	}
	io->flags &= ~(uint32_t)DM_BUFFER_FULL_FLAG;
	d = find(io);
	switch (nr) {
	case DM_VERSION_CMD:
		io->version[1] = DM_VERSION_MINOR;
		break;
	case DM_DEV_CREATE_CMD:
		if (!io->name[0] || strchr(io->name, '/')) {
			r = -EINVAL;
			break;
		}
		for (i = 0; i < MAXDEV; i++)
			if (devs[i].used && (!strcmp(devs[i].name, io->name) ||
					     (io->uuid[0] && !strcmp(devs[i].uuid, io->uuid))))
				r = -EBUSY;
		if (r)
			break;
		for (i = 0; i < MAXDEV && devs[i].used; i++)
			;
		if (i == MAXDEV) {
			r = -ENOMEM;
			break;
		}
		d = &devs[i];
		memset(d, 0, sizeof(*d));
		d->used = 1;
		strcpy(d->name, io->name);
		strcpy(d->uuid, io->uuid);
		d->minor = next_minor++;
		fill_hdr(io, d);
		break;
	case DM_TABLE_LOAD_CMD:
		r = d ? load(io, d) : -ENXIO;
		if (!r)
			fill_hdr(io, d);
		break;
	case DM_TABLE_CLEAR_CMD:
		if (!d)
			r = -ENXIO;
		else
			d->has_inactive = 0;
		break;
	case DM_DEV_SUSPEND_CMD:
		if (!d) {
			r = -ENXIO;
			break;
		}
		io->flags &= ~(uint32_t)DM_UEVENT_GENERATED_FLAG;
		if (!(io->flags & DM_SUSPEND_FLAG) && d->has_inactive) {
			strcpy(d->active, d->inactive);
			d->ntargets = d->ninactive;
			d->has_active = 1;
			d->has_inactive = 0;
			/* do_resume(): a change uevent only when it resumed */
			io->flags |= DM_UEVENT_GENERATED_FLAG;
		}
		fill_hdr(io, d);
		break;
	case DM_DEV_REMOVE_CMD:
		if (!d)
			r = -ENXIO;
		else if (d->open_count)
			r = -EBUSY;
		else {
			d->used = 0;
			io->flags |= DM_UEVENT_GENERATED_FLAG;
		}
		break;
	case DM_DEV_STATUS_CMD:
		if (d)
			fill_hdr(io, d);
		else
			r = -ENXIO;
		break;
	case DM_TABLE_STATUS_CMD:
		if (!d) {
			r = -ENXIO;
			break;
		}
		fill_hdr(io, d);
		r = table_out(io, d);
		break;
	case DM_LIST_DEVICES_CMD:
		r = list_out(io);
		break;
	case DM_DEV_RENAME_CMD: {
		const char *nn = (const char *)io + io->data_start;

		if (!d)
			r = -ENXIO;
		else if (!memchr(nn, '\0', io->data_size - io->data_start))
			r = -EINVAL;
		else {
			strcpy(d->name, nn);
			io->flags |= DM_UEVENT_GENERATED_FLAG;
		}
		break;
	}
	case DM_TARGET_MSG_CMD: {
		const struct dm_target_msg *m = (const void *)((const char *)io + io->data_start);

		if (!d)
			r = -ENXIO;
		else {
			d->lastsector = m->sector;
			snprintf(d->lastmsg, sizeof(d->lastmsg), "%s", m->message);
		}
		break;
	}
	case DM_LIST_VERSIONS_CMD: {
		char *out = (char *)io + DM_HDR_ALIGNED;
		struct dm_target_versions *a = (void *)out, *b;

		io->data_start = DM_HDR_ALIGNED;
		a->version[0] = 1; a->version[1] = 4; a->version[2] = 0;
		strcpy(a->name, "linear");
		a->next = 32;
		b = (void *)(out + 32);
		b->version[0] = 1; b->version[1] = 14; b->version[2] = 0;
		strcpy(b->name, "multipath");
		b->next = 0;
		io->data_size = (uint32_t)(DM_HDR_ALIGNED + 64);
		break;
	}
	default:
		r = -ENOTTY;
	}
	if (r) {
		errno = -r;
		return -1;
	}
	return 0;
}

