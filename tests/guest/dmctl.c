/* dmctl: raw access to src/lib/dev/dm.c for qemu test guests (a tiny dmsetup).
 * It exists so scenarios can exercise the ioctl layer directly, before and
 * independently of the tools built on it.
 *
 *   dmctl version | targetver TYPE | ls
 *   dmctl create NAME UUID|- TABLE     (TABLE: "start len type params",
 *   dmctl reload NAME TABLE             several targets separated by ';')
 *   dmctl remove NAME | info NAME | table NAME | status NAME
 *   dmctl message NAME SECTOR MESSAGE... | rename NAME NEWNAME */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>

#include "dm.h"
#include "log.h"
#include "str.h"

#define MAXT 64

static int parse_table(char *s, struct dm_target *t, unsigned int *n)
{
	char *line, *save = NULL;

	*n = 0;
	for (line = strtok_r(s, ";", &save); line; line = strtok_r(NULL, ";", &save)) {
		char *start, *len, *type, *rest;

		while (*line == ' ')
			line++;
		if (*n == MAXT)
			return -E2BIG;
		start = strtok_r(line, " ", &rest);
		len = strtok_r(NULL, " ", &rest);
		type = strtok_r(NULL, " ", &rest);
		if (!start || !len || !type)
			return -EINVAL;
		if (str_to_u64(start, &t[*n].start) || str_to_u64(len, &t[*n].len))
			return -EINVAL;
		t[*n].type = type;
		t[*n].params = rest ? rest : "";
		(*n)++;
	}
	return *n ? 0 : -EINVAL;
}

static int print_cb(const char *name, dev_t dev, void *arg)
{
	(void)arg;
	printf("%s %u:%u\n", name, major(dev), minor(dev));
	return 0;
}

int main(int argc, char **argv)
{
	struct dm_ctx ctx = { .fd = -1 };
	struct dm_target t[MAXT];
	struct dm_info info;
	unsigned int n;
	uint32_t v[3];
	static char buf[65536];
	const char *cmd = argc > 1 ? argv[1] : "";
	int r;

	log_init("dmctl");
	if (argc < 2) {
		fputs("usage: dmctl version|targetver|ls|create|reload|remove|info|table|status|message|rename ...\n", stderr);
		return 2;
	}
	r = dm_open(&ctx);
	if (r) {
		log_err(r, "%s:", ctx.what);
		return 1;
	}
	if (!strcmp(cmd, "version")) {
		r = dm_version(&ctx, v);
		if (!r)
			printf("%u.%u.%u\n", v[0], v[1], v[2]);
	} else if (!strcmp(cmd, "targetver") && argc == 3) {
		r = dm_target_version(&ctx, argv[2], v);
		if (!r)
			printf("%u.%u.%u\n", v[0], v[1], v[2]);
	} else if (!strcmp(cmd, "ls")) {
		r = dm_list(&ctx, print_cb, NULL);
	} else if (!strcmp(cmd, "create") && argc == 5) {
		dev_t dev;

		r = parse_table(argv[4], t, &n);
		if (!r)
			r = dm_create(&ctx, argv[2], strcmp(argv[3], "-") ? argv[3] : NULL,
				      t, n, 0, &dev);
		if (!r)
			printf("%u:%u\n", major(dev), minor(dev));
	} else if (!strcmp(cmd, "reload") && argc == 4) {
		r = parse_table(argv[3], t, &n);
		if (!r)
			r = dm_reload(&ctx, argv[2], t, n, 0);
	} else if (!strcmp(cmd, "remove") && argc == 3) {
		r = dm_remove(&ctx, argv[2]);
	} else if (!strcmp(cmd, "info") && argc == 3) {
		struct dm_ref ref = { .name = argv[2] };

		r = dm_info(&ctx, &ref, &info);
		if (!r)
			printf("%s %s %u:%u open=%d targets=%u event=%u\n", info.name,
			       info.uuid[0] ? info.uuid : "-", major(info.dev),
			       minor(info.dev), info.open_count, info.target_count,
			       info.event_nr);
	} else if ((!strcmp(cmd, "table") || !strcmp(cmd, "status")) && argc == 3) {
		struct dm_ref ref = { .name = argv[2] };

		unsigned int i;

		r = dm_table(&ctx, &ref, !strcmp(cmd, "status"), NULL, t,
			     sizeof(t) / sizeof(t[0]), &n, buf, sizeof(buf));
		for (i = 0; !r && i < n; i++)
			printf("%llu %llu %s%s%s\n", (unsigned long long)t[i].start,
			       (unsigned long long)t[i].len, t[i].type,
			       t[i].params[0] ? " " : "", t[i].params);
	} else if (!strcmp(cmd, "message") && argc >= 5) {
		uint64_t sector;
		size_t used = 0;
		int i;

		buf[0] = '\0';
		for (i = 4; i < argc; i++) {
			r = str_fmt(buf + used, sizeof(buf) - used, "%s%s", i > 4 ? " " : "", argv[i]);
			if (r)
				break;
			used += strlen(buf + used);
		}
		r = str_to_u64(argv[3], &sector);
		if (!r)
			r = dm_message(&ctx, argv[2], sector, buf);
	} else if (!strcmp(cmd, "rename") && argc == 4) {
		r = dm_rename(&ctx, argv[2], argv[3]);
	} else {
		fputs("dmctl: bad command or arguments\n", stderr);
		dm_close(&ctx);
		return 2;
	}
	if (r)
		log_err(r, "%s %s:", cmd, ctx.what ? ctx.what : "");
	dm_close(&ctx);
	return r ? 1 : 0;
}
