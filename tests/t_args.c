/* Host tests of mpinit's reader of the init's parameter list
 * (src/mpinit/args.c: args_read), which the net and iscsi phases and the
 * initiator name file go through.
 *
 * Invariants: every line is one call, in order, split at its first '='
 * ("key" alone: no value, has_val 0; an empty line is an empty key); the
 * last line needs no newline; a line of up to 8198 bytes is read whole
 * wherever it falls in the file, a longer one stops the read with -E2BIG
 * after the lines before it; the callback's first non-zero answer stops
 * the read and is returned; a file that cannot be opened is its -errno. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../src/mpinit/mpinit.h"
#include "unit.h"

#define LONGEST 8198 /* args.c: a line's bytes, its newline not counted */

struct seen {
	char log[1 << 17];
	size_t len;
	unsigned int calls, stop_at;
};

/* each call as "key|value|has_val\n"; a long key as its length */
static int take(void *ctx, const char *key, const char *val, int has_val)
{
	struct seen *s = ctx;
	size_t room = sizeof(s->log) - s->len;
	int n;

	if (strlen(key) > 64)
		n = snprintf(s->log + s->len, room, "#%zu|%s|%d\n", strlen(key), val, has_val);
	else
		n = snprintf(s->log + s->len, room, "%s|%s|%d\n", key, val, has_val);
	if (n > 0 && (size_t)n < room)
		s->len += (size_t)n;
	return ++s->calls == s->stop_at ? 7 : 0;
}

static char path[64];

static int run(const char *data, size_t len, struct seen *s)
{
	unit_put_file(path, "args", data, len);
	s->log[0] = '\0';
	s->len = 0;
	s->calls = 0;
	strcat(path, "/args");
	len = (size_t)args_read(path, take, s);
	path[strlen(path) - 5] = '\0';
	return (int)len;
}

static void t_lines(void)
{
	static const char in[] = "a=1\nb\nc=x=y\n\nip=dhcp\n=v\nlast=no newline";
	struct seen *s = calloc(1, sizeof(*s));

	EXPECT_INT(run(in, sizeof(in) - 1, s), 0, "lines");
	EXPECT_STR(s->log, "a|1|1\nb||0\nc|x=y|1\n||0\nip|dhcp|1\n|v|1\nlast|no newline|1\n",
		   "lines");
	EXPECT_INT(run("", 0, s), 0, "lines");
	EXPECT_INT(s->calls, 0, "lines");
	free(s);
	UNIT_PASS("lines");
}

/* A line of n bytes ('k' and "=v" at its end), with or without its
 * newline, after a short one. */
static int long_line(struct seen *s, size_t n, int newline)
{
	static char buf[3 * LONGEST + 64];

	memcpy(buf, "x=1\n", 4);
	memset(buf + 4, 'k', n - 2);
	memcpy(buf + 4 + n - 2, "=v\nz", 4);
	return run(buf, 4 + n + (newline ? 2 : 0), s);
}

static void t_long(void)
{
	struct seen *s = calloc(1, sizeof(*s));
	char want[64];

	EXPECT_INT(long_line(s, LONGEST, 1), 0, "long");
	snprintf(want, sizeof(want), "x|1|1\n#%d|v|1\nz||0\n", LONGEST - 2);
	EXPECT_STR(s->log, want, "long");
	EXPECT_INT(long_line(s, LONGEST + 1, 1), -E2BIG, "long");
	EXPECT_STR(s->log, "x|1|1\n", "long");
	/* the last line, no newline after it */
	EXPECT_INT(long_line(s, LONGEST, 0), 0, "long");
	snprintf(want, sizeof(want), "x|1|1\n#%d|v|1\n", LONGEST - 2);
	EXPECT_STR(s->log, want, "long");
	EXPECT_INT(long_line(s, LONGEST + 1, 0), -E2BIG, "long");
	EXPECT_INT(long_line(s, 3 * LONGEST, 0), -E2BIG, "long");
	EXPECT_STR(s->log, "x|1|1\n", "long");
	free(s);
	UNIT_PASS("long");
}

/* Lines across every place a read can end: 4000 of them, 1 to 40 bytes,
 * 80 kB in all. */
static void t_many(void)
{
	struct seen *s = calloc(1, sizeof(*s));
	char *in = malloc(200000), *want = malloc(200000);
	size_t il = 0, wl = 0;
	unsigned int i;

	for (i = 0; i < 4000; i++) {
		il += (size_t)sprintf(in + il, "k%u=%.*s\n", i, (int)(i % 37), "vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv");
		wl += (size_t)sprintf(want + wl, "k%u|%.*s|1\n", i, (int)(i % 37), "vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv");
	}
	EXPECT_INT(run(in, il, s), 0, "many");
	EXPECT_INT(s->calls, 4000, "many");
	EXPECT_STR(s->log, want, "many");
	free(in);
	free(want);
	free(s);
	UNIT_PASS("many");
}

static void t_stop(void)
{
	static const char in[] = "a\nb\nc\nd\n";
	struct seen *s = calloc(1, sizeof(*s));

	s->stop_at = 2;
	EXPECT_INT(run(in, sizeof(in) - 1, s), 7, "stop");
	EXPECT_STR(s->log, "a||0\nb||0\n", "stop");
	strcat(path, "/none");
	EXPECT_INT(args_read(path, take, s), -ENOENT, "stop");
	path[strlen(path) - 5] = '\0';
	free(s);
	UNIT_PASS("stop");
}

int main(void)
{
	unit_suite = "args";
	snprintf(path, sizeof(path), "/tmp/t_args.XXXXXX");
	if (!mkdtemp(path)) {
		perror(path);
		return 1;
	}
	t_lines();
	t_long();
	t_many();
	t_stop();
	unlink(strcat(path, "/args"));
	path[strlen(path) - 5] = '\0';
	rmdir(path);
	return UNIT_DONE();
}
