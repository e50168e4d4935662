/* Fuzz target over the initramfs list language (src/gen_init_cpio/
 * cpio_list.c): the input is a list file, split into lines and parsed one
 * by one with ${VAR} expansion, and every entry that parses is written as
 * a newc archive member.  A list is not device data, but it is assembled
 * from hooks, module lists and switches by scripts, and a silent
 * misparse is a boot image missing its init.  See fuzz_replay.h.
 * Invariants (abort on violation): 0, -EINVAL or -ENAMETOOLONG; an error
 * comes with a one-line reason; a parsed entry has NUL-terminated names,
 * mode within 07777, a 'b'/'c' device type for nodes, at most
 * CPIO_MAX_LINKS links; each line is read only within its length (each is
 * handed over as an exact-size copy); the archive writer keeps every
 * member 4-byte aligned and writes exactly the bytes it counts, each
 * header starting with the newc magic. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../src/gen_init_cpio/cpio_list.h"
#include "fuzz_replay.h"

static const char *vars(void *ctx, const char *name)
{
	(void)ctx;
	if (!strcmp(name, "KVER"))
		return "6.1.0-56-amd64";
	if (!strcmp(name, "EMPTY"))
		return "";
	if (!strcmp(name, "LONG"))
		return "/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		       "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
	if (!strcmp(name, "SELF"))
		return "${SELF}"; /* expansion is one level: never recursive */
	return NULL;
}

struct sink {
	uint64_t n;
	int expect_hdr;
};

static int sink_write(void *ctx, const void *buf, size_t len)
{
	struct sink *s = ctx;

	if (s->expect_hdr) {
		if (len < 6 || memcmp(buf, "070701", 6))
			abort();
		s->expect_hdr = 0;
	}
	s->n += len;
	return 0;
}

static void check_str(const char *s, size_t size)
{
	if (strnlen(s, size) == size)
		abort();
}

static void one_line(const char *line, size_t len, struct cpio_out *o,
		     struct sink *sk)
{
	static struct cpio_entry e;
	char err[128];
	unsigned int i;
	int r;

	memset(err, 0, sizeof(err));
	r = cpio_parse_line(line, len, &e, vars, NULL, err, sizeof(err));
	if (r) {
		if (r != -EINVAL && r != -ENAMETOOLONG)
			abort();
		check_str(err, sizeof(err));
		if (!err[0] || strchr(err, '\n'))
			abort();
		return;
	}
	if (e.type == CPIO_NONE)
		return;
	check_str(e.name, sizeof(e.name));
	check_str(e.location, sizeof(e.location));
	if (e.mode & ~07777u || e.nlinks > CPIO_MAX_LINKS)
		abort();
	if (e.type == CPIO_NOD && e.devtype != 'b' && e.devtype != 'c')
		abort();
	for (i = 0; i < e.nlinks; i++)
		check_str(e.links[i], sizeof(e.links[i]));
	if (e.type != CPIO_NOD && !cpio_type_bits(e.type))
		abort();
	sk->expect_hdr = 1;
	r = cpio_emit(o, &e, e.location, strlen(e.location));
	if (r && r != -ERANGE)
		abort();
	if (o->off != sk->n || (o->off & 3))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sink sk = { 0, 0 };
	struct cpio_out o = { sink_write, &sk, 0, 1, 0 };
	size_t at = 0;

	while (at < size) {
		const uint8_t *nl = memchr(data + at, '\n', size - at);
		size_t len = nl ? (size_t)(nl - (data + at)) : size - at;
		char *line = malloc(len ? len : 1);

		if (!line)
			return 0;
		memcpy(line, data + at, len);
		one_line(line, len, &o, &sk);
		free(line);
		at += len + 1;
	}
	sk.expect_hdr = 1;
	if (cpio_trailer(&o) || o.off != sk.n || (o.off & 3))
		abort();
	return 0;
}

FUZZ_REPLAY_MAIN("fuzz_cpio", "tests/fuzz/cpio", 6)
