/* devmap_name: map a device-mapper device to its map name (or UUID), for
 * udev/mdev naming rules as in the 2004 design:
 *   KERNEL=="dm-[0-9]*", PROGRAM="/sbin/devmap_name %M %m", SYMLINK+="%c"
 * Exit 0 and print the name; 1 for an unknown device; 2 for bad usage. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/sysmacros.h>

#include "dm.h"
#include "log.h"
#include "opt.h"
#include "str.h"

/* The synopsis only; mpboot-devmap_name(8) says the rest. */
static const char usage[] =
	"usage: devmap_name [-u] MAJOR MINOR | dm-N\n"
	"see mpboot-devmap_name(8)\n";

/* "dm-N" -> dev_t, read from sysfs because the dm major is not fixed
 * (254 on today's kernels, 253 on older ones). */
static int dev_from_kname(const char *kname, dev_t *dev)
{
	char buf[32];
	unsigned int ma, mi, n;
	int r;

	if (strncmp(kname, "dm-", 3) || str_to_uint(kname + 3, 1u << 20, &n))
		return -EINVAL;
	r = read_attrf(buf, sizeof(buf), "/sys/block/%s/dev", kname);
	if (r)
		return r == -ENOENT ? -ENXIO : r;
	if (str_to_majmin(buf, &ma, &mi))
		return -EPROTO;
	*dev = makedev(ma, mi);
	return 0;
}

int main(int argc, char **argv)
{
	struct dm_ctx ctx = { .fd = -1 };
	struct dm_info info;
	struct dm_ref ref = { 0 };
	struct opt o = OPT_INIT;
	int uuid = 0, i, r;
	unsigned int ma, mi;
	const char *arg;

	log_init(argv[0]);
	while ((r = opt_next(&o, argc, argv, "hu")) != -1) {
		if (r == 'h')
			return log_help(usage);
		if (r != 'u')
			return log_usage(usage, o.bad, NULL);
		uuid = 1;
	}
	i = o.ind;
	if (argc - i == 2) {
		if (str_to_uint(argv[i], 4095, &ma) ||
		    str_to_uint(argv[i + 1], (1u << 20) - 1, &mi))
			return log_usage(usage, 0, NULL);
		ref.dev = makedev(ma, mi);
	} else if (argc - i == 1) {
		arg = argv[i];
		if (!strncmp(arg, "/dev/", 5))
			arg += 5;
		r = dev_from_kname(arg, &ref.dev);
		if (r == -EINVAL)
			return log_usage(usage, 0, NULL);
		if (r) {
			log_err(r, "%s: no such device-mapper device:", argv[i]);
			return 1;
		}
	} else {
		return log_usage(usage, 0, NULL);
	}

	r = dm_open(&ctx);
	if (r) {
		log_err(r, "%s:", ctx.what);
		return 1;
	}
	r = dm_info(&ctx, &ref, &info);
	dm_close(&ctx);
	if (r) {
		if (r == -ENXIO)
			log_msg("%u:%u: not a device-mapper map",
				major(ref.dev), minor(ref.dev));
		else
			log_err(r, "%s:", ctx.what);
		return 1;
	}
	if (uuid && !info.uuid[0]) {
		log_msg("%s: map has no UUID", info.name);
		return 1;
	}
	printf("%s\n", uuid ? info.uuid : info.name);
	return 0;
}
