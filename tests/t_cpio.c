/* Host tests of the gen_init_cpio list parser and newc writer
 * (src/gen_init_cpio/cpio_list.c).
 *
 * Invariants: every line type parses into the fields the kernel format
 * defines; ${VAR} expands per field and an undefined variable is an error;
 * every malformed line is rejected with a reason (never half-parsed); the
 * archive bytes are exactly the newc layout (110-byte header, name and data
 * padded to 4 from the archive start, TRAILER!!!) and depend only on the
 * entries, so two runs are identical. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/gen_init_cpio/cpio_list.h"
#include "unit.h"

static const char *vars(void *ctx, const char *name)
{
	(void)ctx;
	if (!strcmp(name, "KVER"))
		return "6.1.0-28-amd64";
	if (!strcmp(name, "TOP"))
		return "/src/mpboot";
	if (!strcmp(name, "EMPTY"))
		return "";
	if (!strcmp(name, "SPACE"))
		return "a b";
	return NULL;
}

static struct cpio_entry E;
static char err[256];

static int parse(const char *line)
{
	return cpio_parse_line(line, strlen(line), &E, vars, NULL, err,
			       sizeof(err));
}

static void t_file(void)
{
	EXPECT_INT(parse("file /init ${TOP}/initramfs/init 0755 0 0"), 0,
		   "file");
	EXPECT_INT(E.type, CPIO_FILE, "file");
	EXPECT_STR(E.name, "init", "file");
	EXPECT_STR(E.location, "/src/mpboot/initramfs/init", "file");
	EXPECT_INT(E.mode, 0755, "file");
	EXPECT_INT(E.uid, 0, "file");
	EXPECT_INT(E.nlinks, 0, "file");
	UNIT_PASS("file");
}

static void t_file_links(void)
{
	EXPECT_INT(parse("file /bin/sh /x/sh 755 0 0 /bin/ash bin/dash"), 0,
		   "file_links");
	EXPECT_INT(E.nlinks, 2, "file_links");
	EXPECT_STR(E.links[0], "bin/ash", "file_links");
	EXPECT_STR(E.links[1], "bin/dash", "file_links");
	UNIT_PASS("file_links");
}

static void t_dir(void)
{
	EXPECT_INT(parse("dir /lib/modules/${KVER} 0755 0 0"), 0, "dir");
	EXPECT_INT(E.type, CPIO_DIR, "dir");
	EXPECT_STR(E.name, "lib/modules/6.1.0-28-amd64", "dir");
	UNIT_PASS("dir");
}

static void t_nod(void)
{
	EXPECT_INT(parse("nod /dev/console 0600 0 0 c 5 1"), 0, "nod");
	EXPECT_INT(E.type, CPIO_NOD, "nod");
	EXPECT_INT(E.devtype, 'c', "nod");
	EXPECT_INT(E.maj, 5, "nod");
	EXPECT_INT(E.min, 1, "nod");
	EXPECT_INT(parse("nod /dev/sda 0660 0 6 b 8 0"), 0, "nod");
	EXPECT_INT(E.devtype, 'b', "nod");
	EXPECT_INT(E.gid, 6, "nod");
	UNIT_PASS("nod");
}

static void t_slink_pipe_sock(void)
{
	EXPECT_INT(parse("slink /bin/sh /usr/lib/klibc/bin/sh 0777 0 0"), 0,
		   "slink_pipe_sock");
	EXPECT_INT(E.type, CPIO_SLINK, "slink_pipe_sock");
	EXPECT_STR(E.location, "/usr/lib/klibc/bin/sh", "slink_pipe_sock");
	EXPECT_INT(parse("pipe /run/fifo 0600 0 0"), 0, "slink_pipe_sock");
	EXPECT_INT(E.type, CPIO_PIPE, "slink_pipe_sock");
	EXPECT_INT(parse("sock /run/sock 0600 1 2"), 0, "slink_pipe_sock");
	EXPECT_INT(E.type, CPIO_SOCK, "slink_pipe_sock");
	EXPECT_INT(E.gid, 2, "slink_pipe_sock");
	UNIT_PASS("slink_pipe_sock");
}

static void t_blank_comment(void)
{
	EXPECT_INT(parse(""), 0, "blank_comment");
	EXPECT_INT(E.type, CPIO_NONE, "blank_comment");
	EXPECT_INT(parse("   \t "), 0, "blank_comment");
	EXPECT_INT(E.type, CPIO_NONE, "blank_comment");
	EXPECT_INT(parse("  # file x y 0 0 0 ${UNDEFINED}"), 0,
		   "blank_comment");
	EXPECT_INT(E.type, CPIO_NONE, "blank_comment");
	/* CRLF lists work too. */
	EXPECT_INT(parse("dir /x 0755 0 0\r"), 0, "blank_comment");
	EXPECT_INT(E.gid, 0, "blank_comment");
	/* The line need not be NUL-terminated: only len bytes count. */
	EXPECT_INT(cpio_parse_line("dir /y 0700 0 0 garbage", 15, &E, vars,
				   NULL, err, sizeof(err)),
		   0, "blank_comment");
	EXPECT_INT(E.mode, 0700, "blank_comment");
	UNIT_PASS("blank_comment");
}

static void t_expand(void)
{
	char out[64];

	EXPECT_INT(cpio_expand("${TOP}/${KVER}x${EMPTY}", out, sizeof(out),
			       vars, NULL, err, sizeof(err)),
		   0, "expand");
	EXPECT_STR(out, "/src/mpboot/6.1.0-28-amd64x", "expand");
	/* Only ${VAR}; a lone $ is literal. */
	EXPECT_INT(cpio_expand("$KVER$", out, sizeof(out), vars, NULL, err,
			       sizeof(err)),
		   0, "expand");
	EXPECT_STR(out, "$KVER$", "expand");
	/* Exactly fitting vs one byte too long. */
	EXPECT_INT(cpio_expand("${KVER}", out, 15, vars, NULL, err,
			       sizeof(err)),
		   0, "expand");
	EXPECT_INT(cpio_expand("${KVER}", out, 14, vars, NULL, err,
			       sizeof(err)),
		   -ENAMETOOLONG, "expand");
	/* A value with blanks stays inside its field. */
	EXPECT_INT(parse("dir /${SPACE} 0755 0 0"), 0, "expand");
	EXPECT_STR(E.name, "a b", "expand");
	UNIT_PASS("expand");
}

/* Each bad line: rejected with -EINVAL and a reason mentioning `want`. */
static const struct {
	const char *line, *want;
} bad[] = {
	{ "fil /x /y 0644 0 0", "unknown entry type 'fil'" },
	{ "file /x /y 0644 0", "expected 'file <name>" },
	{ "file /x", "expected" },
	{ "dir /x 0755 0 0 extra", "expected 'dir <name>" },
	{ "dir /x 0758 0 0", "bad octal mode '0758'" },
	{ "dir /x 17777 0 0", "bad octal mode" },
	{ "dir /x rwx 0 0", "bad octal mode" },
	{ "dir /x 0755 -1 0", "bad uid '-1'" },
	{ "dir /x 0755 0 4294967296", "bad gid" },
	{ "dir / 0755 0 0", "bad name" },
	{ "nod /dev/x 0600 0 0 x 1 3", "device type must be b or c" },
	{ "nod /dev/x 0600 0 0 c 4096 0", "bad major '4096'" },
	{ "nod /dev/x 0600 0 0 c 1 1048576", "bad minor" },
	{ "nod /dev/x 0600 0 0 c 1", "expected 'nod" },
	{ "slink /x 0777 0 0", "expected 'slink" },
	{ "pipe /p 0600 0", "expected 'pipe" },
	{ "sock /s 0600 0 0 0", "expected 'sock" },
	{ "file /x ${NOPE}/y 0644 0 0", "undefined variable 'NOPE'" },
	{ "file /x ${KVER/y 0644 0 0", "unterminated ${" },
	{ "file /x ${}/y 0644 0 0", "empty variable name" },
	{ "dir /x 0755 ${EMPTY} 0", "bad uid ''" },
	{ "file /x y 0644 0 0 a b c d e f g h i j k l m n o p q",
	  "expected 'file" },
};

static void t_bad_lines(void)
{
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char name[32];
		int r = parse(bad[i].line);

		snprintf(name, sizeof(name), "bad_line_%u", i);
		EXPECT(r < 0, name, "'%s' accepted", bad[i].line);
		EXPECT(strstr(err, bad[i].want) != NULL, name,
		       "'%s': reason '%s', want '%s'", bad[i].line, err,
		       bad[i].want);
		UNIT_PASS(name);
	}
}

static void t_long_line(void)
{
	char *line = malloc(CPIO_LINE_MAX + 10), name[CPIO_NAME_MAX + 20];

	EXPECT(line != NULL, "long_line", "malloc");
	memset(line, 'a', CPIO_LINE_MAX + 9);
	memcpy(line, "dir /", 5);
	EXPECT_INT(cpio_parse_line(line, CPIO_LINE_MAX + 9, &E, vars, NULL,
				   err, sizeof(err)),
		   -EINVAL, "long_line");
	free(line);
	/* A name of CPIO_NAME_MAX characters does not fit its buffer. */
	memset(name, 'n', sizeof(name));
	memcpy(name, "dir /", 5);
	strcpy(name + 5 + CPIO_NAME_MAX, " 0 0 0");
	EXPECT(parse(name) < 0, "long_line", "long name accepted");
	UNIT_PASS("long_line");
}

static void t_header(void)
{
	char out[CPIO_HDR_LEN + 1];
	struct cpio_hdr h = { .ino = 1, .mode = 0100755, .nlink = 1,
			      .mtime = 0x5f5e1000, .filesize = 0x1234,
			      .rdevmajor = 8, .rdevminor = 0x10,
			      .namesize = 5 };

	EXPECT_INT(cpio_newc_header(out, &h), 0, "header");
	EXPECT_STR(out,
		   "070701"
		   "00000001" "000081ED" "00000000" "00000000" "00000001"
		   "5F5E1000" "00001234" "00000000" "00000000" "00000008"
		   "00000010" "00000005" "00000000",
		   "header");
	h.filesize = 0x100000000ull;
	EXPECT_INT(cpio_newc_header(out, &h), -ERANGE, "header");
	UNIT_PASS("header");
}

struct mem {
	char buf[4096];
	size_t len;
};

static int mem_write(void *ctx, const void *buf, size_t len)
{
	struct mem *m = ctx;

	if (len > sizeof(m->buf) - m->len)
		return -ENOSPC;
	memcpy(m->buf + m->len, buf, len);
	m->len += len;
	return 0;
}

static unsigned long field(const char *rec, int idx)
{
	char f[9];

	memcpy(f, rec + 6 + idx * 8, 8);
	f[8] = '\0';
	return strtoul(f, NULL, 16);
}

static void build(struct mem *m)
{
	struct cpio_out o = { .write = mem_write, .ctx = m, .next_ino = 1,
			      .mtime = 1700000000 };

	m->len = 0;
	parse("dir /dev 0755 0 0");
	cpio_emit(&o, &E, NULL, 0);
	parse("nod /dev/console 0600 0 0 c 5 1");
	cpio_emit(&o, &E, NULL, 0);
	parse("file /init x 0755 0 0");
	cpio_emit(&o, &E, "#!/bin/sh\n", 10);
	parse("slink /bin/sh /usr/lib/klibc/bin/sh 0777 0 0");
	cpio_emit(&o, &E, E.location, strlen(E.location));
	parse("file /a x 0644 0 0 /b");
	cpio_emit(&o, &E, "AB", 2);
	cpio_trailer(&o);
}

static void t_archive(void)
{
	static struct mem m1, m2;
	const char *p;

	build(&m1);
	/* dir "dev": 110 + 4 name = 114 -> pad to 116 */
	EXPECT(!memcmp(m1.buf, "070701", 6), "archive", "magic");
	EXPECT_INT(field(m1.buf, 1), 040755, "archive");
	EXPECT_INT(field(m1.buf, 4), 2, "archive");   /* dir nlink */
	EXPECT_INT(field(m1.buf, 5), 1700000000, "archive");
	EXPECT_STR(m1.buf + 110, "dev", "archive");
	p = m1.buf + 116; /* dev/console: 110 + 12 = 122 -> 124 */
	EXPECT(!memcmp(p, "070701", 6), "archive", "second header at 116");
	EXPECT_INT(field(p, 0), 2, "archive"); /* ino counts in list order */
	EXPECT_INT(field(p, 1), 020600, "archive");
	EXPECT_INT(field(p, 9), 5, "archive");
	EXPECT_INT(field(p, 10), 1, "archive");
	EXPECT_STR(p + 110, "dev/console", "archive");
	p += 124; /* init: 110 + 5 = 115 -> 116, data 10 -> 128 */
	EXPECT_INT(field(p, 6), 10, "archive");
	EXPECT(!memcmp(p + 116, "#!/bin/sh\n\0\0", 12), "archive",
	       "file data + padding");
	p += 128; /* bin/sh: 110 + 7 = 117 -> 120, data 21 -> 144 */
	EXPECT_INT(field(p, 1), 0120777, "archive");
	EXPECT(!memcmp(p + 120, "/usr/lib/klibc/bin/sh", 21), "archive",
	       "symlink target");
	p += 144; /* a: hard link, no data; b: same ino, data */
	EXPECT_INT(field(p, 4), 2, "archive");
	EXPECT_INT(field(p, 6), 0, "archive");
	EXPECT_INT(field(p + 112, 0), field(p, 0), "archive");
	EXPECT_INT(field(p + 112, 6), 2, "archive");
	EXPECT(!memcmp(p + 112 + 112, "AB\0\0", 4), "archive", "link data");
	p += 112 + 116;
	EXPECT_STR(p + 110, "TRAILER!!!", "archive");
	EXPECT_INT((size_t)(p - m1.buf) + 124, m1.len, "archive");
	EXPECT_INT(m1.len % 4, 0, "archive");
	build(&m2);
	EXPECT(m1.len == m2.len && !memcmp(m1.buf, m2.buf, m1.len), "archive",
	       "two builds differ");
	UNIT_PASS("archive");
}

int main(void)
{
	unit_suite = "cpio";
	t_file();
	t_file_links();
	t_dir();
	t_nod();
	t_slink_pipe_sock();
	t_blank_comment();
	t_expand();
	t_bad_lines();
	t_long_line();
	t_header();
	t_archive();
	return UNIT_DONE();
}
