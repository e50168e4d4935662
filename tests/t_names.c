/* Host tests of the names and the files they come from (issue #24 items
 * 9-13, #20 items 5-6): src/lib/names.c, names_io.c, conf_load.c.
 *
 * Invariants:
 * - a FIFO, a directory or a device planted as multipath.conf, a conf.d
 *   file, bindings or wwids is refused by its type, one warning, and the
 *   reader never blocks (each load runs in a child that must finish
 *   within 5 s, or the case fails);
 * - a bindings or wwids file that is a symlink is refused (-ELOOP), one
 *   larger than MP_NAMES_MAX is refused (-EFBIG) and never read;
 * - every map name source goes through mp_name_check: 1..127 bytes of
 *   udev's character set, not "control", ".", "..", nor a leading '.';
 * - alias ids saturate as multipath-tools' scan_devname: a suffix whose
 *   id would pass INT_MAX is not an id (-1), never a wrapped number;
 * - mp_wwids_del takes out exactly the WWID named, keeping the others'
 *   order, and says -ENOENT for one not listed (multipath -w). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "conf_load.h"
#include "log.h"
#include "names.h"
#include "unit.h"

static char dir[] = "/tmp/t_names.XXXXXX";

static void path_of(char *p, size_t size, const char *name)
{
	snprintf(p, size, "%s/%s", dir, name);
}

/* Run fn(arg) in a child; its exit status, or -1 if it is still running
 * after 5 s (killed: a reader that blocks). */
static int bounded(int (*fn)(const char *), const char *arg)
{
	pid_t pid = fork();
	int st, i;

	if (pid == 0) {
		alarm(10);
		_exit(fn(arg) & 0xff);
	}
	for (i = 0; i < 500; i++) {
		if (waitpid(pid, &st, WNOHANG) == pid)
			return WIFEXITED(st) ? WEXITSTATUS(st) : -2;
		usleep(10000);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	return -1;
}

static int load_bindings(const char *p)
{
	struct mp_names l = { 0 };

	return -mp_bindings_load(p, &l);
}

static int load_wwids(const char *p)
{
	struct mp_names l = { 0 };

	return -mp_wwids_load(p, &l);
}

static int nwarn;
static void count_warn(void *arg, const char *file, unsigned int line,
		       const char *msg)
{
	(void)arg;
	(void)file;
	(void)line;
	(void)msg;
	nwarn++;
}

/* multipath.conf and conf.d: warnings only, the load goes on; the exit
 * status is the number of warnings. */
static int load_conf(const char *p)
{
	struct mp_conf c;
	char d[128];
	int r;

	path_of(d, sizeof(d), "conf.d");
	mp_conf_init(&c, count_warn, NULL);
	r = mp_conf_load(&c, p, d);
	mp_conf_free(&c);
	return r ? 100 : nwarn;
}

static void t_planted(void)
{
	char fifo[128], sub[128], link[128], big[128], d[128];
	FILE *f;
	long i;

	path_of(fifo, sizeof(fifo), "fifo");
	path_of(sub, sizeof(sub), "subdir");
	path_of(link, sizeof(link), "link");
	path_of(big, sizeof(big), "big");
	EXPECT(!mkfifo(fifo, 0600) && !mkdir(sub, 0700), "planted", "setup");
	EXPECT_INT(bounded(load_bindings, fifo), EINVAL, "planted");
	EXPECT_INT(bounded(load_wwids, fifo), EINVAL, "planted");
	EXPECT_INT(bounded(load_bindings, sub), EINVAL, "planted");
	EXPECT_INT(bounded(load_bindings, "/dev/null"), EINVAL, "planted");
	EXPECT_INT(bounded(load_conf, fifo), 1, "planted");
	/* a FIFO among conf.d's files: one warning, the others read */
	path_of(d, sizeof(d), "conf.d");
	EXPECT(!mkdir(d, 0700), "planted", "mkdir");
	path_of(d, sizeof(d), "conf.d/a.conf");
	EXPECT(!mkfifo(d, 0600), "planted", "mkfifo");
	EXPECT_INT(bounded(load_conf, "/nonexistent"), 1, "planted");
	/* a symlink to a readable bindings file: refused, as the README says */
	path_of(d, sizeof(d), "real");
	f = fopen(d, "w");
	EXPECT(f, "planted", "fopen");
	fputs("mpatha 3600\n", f);
	fclose(f);
	EXPECT(!symlink(d, link), "planted", "symlink");
	EXPECT_INT(bounded(load_bindings, link), ELOOP, "planted");
	EXPECT_INT(bounded(load_wwids, link), ELOOP, "planted");
	EXPECT_INT(bounded(load_bindings, d), 0, "planted");
	/* 15 MB of junk is refused whole, never parsed */
	f = fopen(big, "w");
	EXPECT(f, "planted", "fopen");
	for (i = 0; i < 15 * 1000 * 1000 / 4; i++)
		fputs("a b\n", f);
	fclose(f);
	EXPECT_INT(bounded(load_bindings, big), EFBIG, "planted");
	EXPECT(!truncate(big, MP_NAMES_MAX), "planted", "truncate");
	EXPECT_INT(bounded(load_bindings, big), 0, "planted");
	EXPECT_STR(mp_file_err(-EINVAL), "not a regular file", "planted");
	UNIT_PASS("planted");
}

/* #20.5: ids at and past INT_MAX (multipath-tools' scan_devname). */
static void t_alias_ids(void)
{
	struct mp_names l = { 0 };
	char buf[64];

	EXPECT_INT(mp_alias_id("mpathfxshrxw", "mpath"), INT_MAX, "alias-ids");
	EXPECT_INT(mp_alias_id("mpathfxshrxx", "mpath"), -1, "alias-ids");
	EXPECT_INT(mp_alias_id("mpathmwlqkww", "mpath"), -1, "alias-ids");
	EXPECT_INT(mp_alias_id("mpathzzzzzzz", "mpath"), -1, "alias-ids");
	EXPECT_INT(mp_alias_id("mpathaaaaaaaa", "mpath"), -1, "alias-ids");
	EXPECT_INT(mp_alias_id("mpathzz", "mpath"), 702, "alias-ids");
	EXPECT_INT(mp_alias_format("mpath", INT_MAX, buf, sizeof(buf)), 0, "alias-ids");
	EXPECT_STR(buf, "mpathfxshrxw", "alias-ids");
	/* a too-long name read as id 1 used to make the next name mpathb */
	mp_names_add(&l, "mpathmwlqkww", "W1");
	EXPECT_INT(mp_bindings_new_alias(&l, "mpath", NULL, NULL, buf, sizeof(buf)), 0,
		   "alias-ids");
	EXPECT_STR(buf, "mpatha", "alias-ids");
	/* the last id taken: the lowest free one below it is still found */
	mp_names_add(&l, "mpathfxshrxw", "W2");
	EXPECT_INT(mp_bindings_new_alias(&l, "mpath", NULL, NULL, buf, sizeof(buf)), 0,
		   "alias-ids");
	EXPECT_STR(buf, "mpatha", "alias-ids");
	mp_names_free(&l);
	mp_names_add(&l, "mpatha", "W1");
	mp_names_add(&l, "mpathfxshrxv", "W2");
	mp_names_add(&l, "mpathfxshrxw", "W3");
	EXPECT_INT(mp_bindings_new_alias(&l, "mpath", NULL, NULL, buf, sizeof(buf)), 0,
		   "alias-ids");
	EXPECT_STR(buf, "mpathb", "alias-ids");
	mp_names_free(&l);
	/* out of order (the single pass cannot prove b free) with the
	 * last id taken: no name, never a wrapped one */
	mp_names_add(&l, "mpathb", "W2");
	mp_names_add(&l, "mpatha", "W1");
	mp_names_add(&l, "mpathfxshrxw", "W3");
	EXPECT_INT(mp_bindings_new_alias(&l, "mpath", NULL, NULL, buf, sizeof(buf)),
		   -ENOSPC, "alias-ids");
	mp_names_free(&l);
	UNIT_PASS("alias-ids");
}

/* #24.11-13: one check for every name source. */
static void t_name_check(void)
{
	static const char *const bad[] = {
		"", ".", "..", ".hidden", "control", "../../tmp/pwn", "a/b",
		"a b", "tab\there", "esc\033[31m", "nl\n", "del\177", "\001",
		"caf\303\251", "a$b", "a*", "a\\b",
	};
	static const char *const good[] = {
		"mpatha", "oradata", "3600a0b80", "Control", "controls", "a.b",
		"x#+-.:=@_y", "1VENDOR_AB",
	};
	char longest[MP_NAME_SIZE + 1];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		EXPECT(mp_name_check(bad[i]) == -EINVAL, "name-check",
		       "bad name %zu accepted", i);
	for (i = 0; i < sizeof(good) / sizeof(*good); i++)
		EXPECT(!mp_name_check(good[i]), "name-check", "%s refused", good[i]);
	memset(longest, 'a', sizeof(longest));
	longest[MP_NAME_SIZE - 1] = '\0';
	EXPECT_INT(mp_name_check(longest), 0, "name-check");
	longest[MP_NAME_SIZE - 1] = 'a';
	longest[MP_NAME_SIZE] = '\0';
	EXPECT_INT(mp_name_check(longest), -ENAMETOOLONG, "name-check");
	UNIT_PASS("name-check");
}

/* #24.13: a log line (stderr, /dev/kmsg) carries no raw control byte
 * from a name: ESC would reach the console, '\n' would forge a line. */
static void t_log_no_control(void)
{
	char buf[128];
	int fd[2], saved = dup(2);
	ssize_t n;

	EXPECT(saved >= 0 && !pipe(fd), "log-no-control", "pipe");
	dup2(fd[1], 2);
	log_init("t");
	log_msg("%s: x", "esc\033[31m\nt: forged");
	dup2(saved, 2);
	close(saved);
	close(fd[1]);
	n = read(fd[0], buf, sizeof(buf) - 1);
	close(fd[0]);
	EXPECT(n > 0, "log-no-control", "nothing logged");
	buf[n] = '\0';
	EXPECT_STR(buf, "t: esc?[31m?t: forged: x\n", "log-no-control");
	UNIT_PASS("log-no-control");
}

static void t_wwids_del(void)
{
	static const char text[] = "/3600a/\n/3600b/\n/3600c/\n";
	struct mp_names l = { 0 };

	EXPECT_INT(mp_wwids_parse(&l, text, sizeof(text) - 1, NULL), 0, "wwids-del");
	EXPECT_INT(mp_wwids_del(&l, "3600b"), 0, "wwids-del");
	EXPECT_INT(l.n, 2, "wwids-del");
	EXPECT_STR(l.e[0].a, "3600a", "wwids-del");
	EXPECT_STR(l.e[1].a, "3600c", "wwids-del");
	EXPECT_INT(mp_wwids_del(&l, "3600b"), -ENOENT, "wwids-del");
	EXPECT_INT(mp_wwids_del(&l, "3600c"), 0, "wwids-del");
	EXPECT_INT(mp_wwids_del(&l, "3600a"), 0, "wwids-del");
	EXPECT_INT(l.n, 0, "wwids-del");
	mp_names_free(&l);
	UNIT_PASS("wwids-del");
}

int main(void)
{
	char cmd[64];

	unit_suite = "names";
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	t_planted();
	t_alias_ids();
	t_name_check();
	t_log_no_control();
	t_wwids_del();
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd))
		return 1;
	return UNIT_DONE();
}
