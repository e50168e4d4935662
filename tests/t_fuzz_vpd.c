/* Fuzz target over the VPD parsers (src/lib/parse/vpd.c): the input is a raw
 * page as a device returns it, read as page 0x83 and as page 0x80, into
 * output buffers of every interesting size.  See fuzz_replay.h.
 * Invariants (abort on violation): only 0, -EINVAL, -ENODATA, -EILSEQ; on success
 * the result is NUL-terminated inside the buffer, non-empty, and made of
 * the characters a DM name and UUID may hold (udev's ID_SERIAL set: the
 * WWID becomes a map name), its first character the designator digit that
 * *kind says; the parsers never write past size. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_replay.h"
#include "vpd.h"

#define GUARD 16

static int wwid_char(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z') || (c && strchr("#+-.:=@_", c));
}

static void check_out(int r, const char *out, size_t size)
{
	size_t n;

	if (r != 0 && r != -EINVAL && r != -ENODATA && r != -EILSEQ)
		abort();
	if (r)
		return;
	n = strnlen(out, size);
	if (n == size || n == 0)
		abort();
}

static void one_83(const uint8_t *data, size_t len, size_t size)
{
	/* out has a guard zone after size bytes that must stay untouched */
	char out[VPD_WWID_SIZE + GUARD];
	enum vpd_desig kind = VPD_DESIG_NONE;
	size_t i, n;
	int r;

	memset(out, 0x5a, sizeof(out));
	r = vpd_pg83_wwid(data, len, out, size, &kind);
	for (i = size; i < sizeof(out); i++)
		if (out[i] != 0x5a)
			abort();
	check_out(r, out, size);
	if (r)
		return;
	n = strlen(out);
	for (i = 0; i < n; i++)
		if (!wwid_char(out[i]))
			abort();
	switch (kind) {
	case VPD_DESIG_T10:
		if (out[0] != '1')
			abort();
		break;
	case VPD_DESIG_EUI64:
		if (out[0] != '2')
			abort();
		break;
	case VPD_DESIG_NAA_LOCAL:
	case VPD_DESIG_NAA_EXT:
	case VPD_DESIG_NAA_REG:
	case VPD_DESIG_NAA_REG_EXT:
		if (out[0] != '3')
			abort();
		break;
	case VPD_DESIG_NAME: /* '8', or '2'/'3' for eui./naa. names */
		if (!strchr("823", out[0]))
			abort();
		break;
	default:
		abort();
	}
}

static void one_80(const uint8_t *data, size_t len, size_t size)
{
	char out[256 + GUARD];
	size_t i, n;
	int r;

	memset(out, 0x5a, sizeof(out));
	r = vpd_pg80_serial(data, len, out, size);
	for (i = size; i < sizeof(out); i++)
		if (out[i] != 0x5a)
			abort();
	check_out(r, out, size);
	if (r)
		return;
	n = strlen(out);
	/* printable, no blank: the serial is printed and compared as a word */
	for (i = 0; i < n; i++)
		if (out[i] <= 0x20 || out[i] >= 0x7f)
			abort();
	if (out[0] == ' ' || out[n - 1] == ' ')
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t sizes[] = { 2, 3, 17, 18, VPD_WWID_SIZE };
	unsigned int i;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		one_83(data, size, sizes[i]);
	one_80(data, size, 2);
	one_80(data, size, 256);
	return 0;
}

FUZZ_REPLAY_MAIN("fuzz_vpd", "tests/fuzz/vpd", 8)
