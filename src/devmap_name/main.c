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

/* The device the operands name: "MAJOR MINOR", or a kernel name (dm-3,
 * /dev/dm-3).  0; -1 for a usage error; 1 after saying why. */
static int operand_dev(int n, char **args, dev_t *dev)
{
	unsigned int ma, mi;
	const char *arg;
	int r;

	if (n == 2) {
		if (str_to_uint(args[0], 4095, &ma) ||
		    str_to_uint(args[1], (1u << 20) - 1, &mi))
			return -1;
		*dev = makedev(ma, mi);
		return 0;
	}
	if (n != 1)
		return -1;
	arg = args[0];
	if (!strncmp(arg, "/dev/", 5))
		arg += 5;
	r = dev_from_kname(arg, dev);
	if (r == -EINVAL)
		return -1;
	if (r) {
		log_err(r, "%s: no such device-mapper device:", args[0]);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct dm_ctx ctx = { .fd = -1 };
	struct dm_info info;
	struct dm_ref ref = { 0 };
	struct opt o = OPT_INIT;
	int uuid = 0, r;

	log_init(argv[0]);
	while ((r = opt_next(&o, argc, argv, "hu")) != -1) {
		if (r == 'h')
			return log_help(usage);
		if (r != 'u')
			return log_usage(usage, o.bad, NULL);
		uuid = 1;
	}
	r = operand_dev(argc - o.ind, argv + o.ind, &ref.dev);
	if (r)
		return r < 0 ? log_usage(usage, 0, NULL) : 1;
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
