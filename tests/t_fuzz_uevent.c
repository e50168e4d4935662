/* Fuzz target over the kernel uevent parser (src/lib/parse/uevent.c): the input
 * is one datagram as recv() returns it on the NETLINK_KOBJECT_UEVENT
 * socket (any process with CAP_NET_ADMIN, or a buggy driver, can send
 * one).  See fuzz_replay.h.
 * Invariants (abort on violation): 0 or -EINVAL; the parser writes only
 * the one byte past the datagram it is given room for; every field it
 * returns is "" or a NUL-terminated string inside the buffer; on success
 * action and devpath are non-empty; the sd-disk predicates agree. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_replay.h"
#include "uevent.h"

static void check_field(const char *f, const char *buf, size_t len)
{
	if (!f)
		abort();
	if (!*f)
		return;
	/* inside [buf, buf+len], terminated there (buf[len] is the NUL) */
	if (f < buf || f > buf + len || strnlen(f, (size_t)(buf + len - f) + 1) >
					       (size_t)(buf + len - f))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct uevent u;
	char *buf;
	int r;

	/* an exact-size copy plus the one byte the contract asks for */
	buf = malloc(size + 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	r = uevent_parse(buf, size, &u);
	if (r != 0 && r != -EINVAL)
		abort();
	check_field(u.action, buf, size);
	check_field(u.devpath, buf, size);
	check_field(u.subsystem, buf, size);
	check_field(u.devtype, buf, size);
	check_field(u.devname, buf, size);
	check_field(u.dm_action, buf, size);
	check_field(u.dm_name, buf, size);
	check_field(u.dm_path, buf, size);
	if (!r && (!*u.action || !*u.devpath))
		abort();
	if (uevent_is_new_sd_disk(&u) && !uevent_is_sd_disk(&u))
		abort();
	free(buf);
	return 0;
}

FUZZ_REPLAY_MAIN("fuzz_uevent", "tests/fuzz/uevent", 6)
