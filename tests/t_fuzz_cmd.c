/* Fuzz target over multipathd's control-socket request parser
 * (src/multipathd/cmd.c, mpd_cmd_parse), fed as the daemon feeds it
 * (daemon.c, client()): the bytes after the length word, 1 to 256 of
 * them, the last one overwritten with the terminating NUL.  The socket is root-only, but a client
 * is still another program: its bytes are untrusted.  See fuzz_replay.h.
 * Invariants (abort on violation): the answer is 0 or -EINVAL; a
 * refusal has a reason; an accepted command has a known verb, and its
 * argument is an sd disk name for the path verbs and empty otherwise,
 * NUL-terminated inside its buffer; the same text sent again, with
 * blanks normalised to single spaces, gives the same command. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../src/multipathd/mpd.h"
#include "fuzz_replay.h"

#define MAX_CMD 256 /* daemon.c: client()'s line[] */

/* The daemon's framing, then the parser. */
static int packet(const char *buf, size_t len, struct mpd_cmd *c, const char **why)
{
	char line[MAX_CMD];

	if (!len || len > sizeof(line)) {
		*why = "dropped by the daemon";
		return -EINVAL;
	}
	memcpy(line, buf, len - 1);
	line[len - 1] = '\0';
	return mpd_cmd_parse(line, c, why);
}

static int path_verb(enum mpd_verb v)
{
	return v == MPD_ADD_PATH || v == MPD_DEL_PATH || v == MPD_FAIL_PATH ||
	       v == MPD_REINSTATE_PATH;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mpd_cmd c, c2;
	const char *why, *s;
	char norm[MAX_CMD + 1];
	size_t i, n = 0;
	int r;

	memset(&c, 0x5a, sizeof(c));
	r = packet((const char *)data, size, &c, &why);
	if (r == -EINVAL) {
		if (!why || !why[0])
			abort();
		return 0;
	}
	if (r || (unsigned int)c.verb > MPD_HANDOVER_ABORT)
		abort();
	if (strnlen(c.arg, sizeof(c.arg)) == sizeof(c.arg))
		abort();
	if (path_verb(c.verb) ? !mp_is_sd_disk(c.arg) : c.arg[0] != '\0')
		abort();
	/* the words again, one space apart, plus the packet's NUL */
	for (s = (const char *)data, i = 0; i + 1 < size && s[i]; i++) {
		int blank = s[i] == ' ' || s[i] == '\t' || s[i] == '\n';

		if (blank && n && norm[n - 1] != ' ')
			norm[n++] = ' ';
		else if (!blank)
			norm[n++] = s[i];
	}
	norm[n++] = '\0';
	if (packet(norm, n, &c2, &why) || c2.verb != c.verb || strcmp(c2.arg, c.arg))
		abort();
	return 0;
}

FUZZ_REPLAY_MAIN("fuzz_cmd", "tests/fuzz/cmd", 8)
