/* Files mpboot writes (src/lib/base/afile.c; bindings and wwids through
 * names_io.c).  Invariants: the target holds the old text or the new
 * one, never a mix or nothing, when the write is cut short (RLIMIT_FSIZE
 * makes write() fail half-way, as a full disk would); a symlink planted
 * at the target is replaced, never followed; one planted at the
 * temporary name is removed, never followed; a bindings or wwids file
 * that is itself a symlink is refused, not read (its target's text
 * would be copied into a world-readable file); no temporary file is
 * left behind. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afile.h"
#include "names.h"
#include "unit.h"

static char dir[] = "/tmp/t_afile.XXXXXX";

static void put(const char *name, const char *text)
{
	char p[256];
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	f = fopen(p, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* The text of dir/name, "" if unreadable (static buffer). */
static const char *get(const char *name)
{
	static char b[4096];
	char p[256];
	ssize_t n;
	int fd;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	b[0] = '\0';
	fd = open(p, O_RDONLY | O_NOFOLLOW);
	if (fd < 0)
		return b;
	n = read(fd, b, sizeof(b) - 1);
	b[n > 0 ? n : 0] = '\0';
	close(fd);
	return b;
}

static int is_link(const char *name)
{
	char p[256];
	struct stat st;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	return !lstat(p, &st) && S_ISLNK(st.st_mode);
}

static int exists(const char *name)
{
	char p[256];

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	return !access(p, F_OK);
}

static void link_to(const char *name, const char *target)
{
	char p[256], t[256];

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	snprintf(t, sizeof(t), "%s/%s", dir, target);
	unlink(p);
	if (symlink(t, p))
		perror("symlink");
}

static void t_replace(void)
{
	char p[256];
	int dfd;

	snprintf(p, sizeof(p), "%s/f", dir);
	dfd = afile_lock_dir(p);
	EXPECT(dfd >= 0, "replace", "lock: %d", dfd);
	EXPECT_INT(afile_replace(dfd, p, "new\n", 4), 0, "replace");
	EXPECT_STR(get("f"), "new\n", "replace");
	EXPECT(!exists("f.tmp"), "replace", "temporary left");
	close(dfd);
	UNIT_PASS("replace");

	/* a link at the target: replaced by the file, its target untouched */
	put("secret", "secret\n");
	link_to("f", "secret");
	EXPECT_INT(afile_replace(-1, p, "x\n", 2), 0, "link-at-target");
	EXPECT(!is_link("f"), "link-at-target", "still a link");
	EXPECT_STR(get("f"), "x\n", "link-at-target");
	EXPECT_STR(get("secret"), "secret\n", "link-at-target");
	UNIT_PASS("link-at-target");

	/* a link at the temporary name: removed, never written through */
	link_to("f.tmp", "secret");
	EXPECT_INT(afile_replace(-1, p, "y\n", 2), 0, "link-at-temp");
	EXPECT_STR(get("f"), "y\n", "link-at-temp");
	EXPECT_STR(get("secret"), "secret\n", "link-at-temp");
	EXPECT(!exists("f.tmp"), "link-at-temp", "temporary left");
	UNIT_PASS("link-at-temp");
}

/* A write cut short (the file size limit: write() fails half-way, as on
 * a full disk): the old file stays whole, no temporary is left. */
static void t_cut(void)
{
	struct rlimit old, lim;
	char p[256], big[4096];
	int r;

	memset(big, 'z', sizeof(big));
	snprintf(p, sizeof(p), "%s/f", dir);
	put("f", "old text\n");
	signal(SIGXFSZ, SIG_IGN);
	getrlimit(RLIMIT_FSIZE, &old);
	lim = old; /* the soft limit only: a lowered hard one stays lowered */
	lim.rlim_cur = 16;
	setrlimit(RLIMIT_FSIZE, &lim);
	r = afile_replace(-1, p, big, sizeof(big));
	setrlimit(RLIMIT_FSIZE, &old);
	EXPECT(r == -ENOSPC || r == -EFBIG, "cut-write", "got %d", r);
	EXPECT_STR(get("f"), "old text\n", "cut-write");
	EXPECT(!exists("f.tmp"), "cut-write", "temporary left");

	/* the same through the bindings writer */
	snprintf(p, sizeof(p), "%s/bindings", dir);
	put("bindings", "mpatha W1\n");
	lim.rlim_cur = 12;
	setrlimit(RLIMIT_FSIZE, &lim);
	r = mp_bindings_append(p, "mpathb", "W2");
	setrlimit(RLIMIT_FSIZE, &old);
	EXPECT(r == -ENOSPC || r == -EFBIG, "cut-write", "append got %d", r);
	EXPECT_STR(get("bindings"), "mpatha W1\n", "cut-write");
	EXPECT(!exists("bindings.tmp"), "cut-write", "temporary left");
	UNIT_PASS("cut-write");
}

static void t_names(void)
{
	char p[256];
	struct mp_names l = { 0 };

	/* a bindings file that is a link to another file: refused unread */
	put("secret", "root:secret-hash\n");
	link_to("bindings", "secret");
	snprintf(p, sizeof(p), "%s/bindings", dir);
	EXPECT_INT(mp_bindings_append(p, "mpatha", "W1"), -ELOOP, "planted-bindings");
	EXPECT(is_link("bindings"), "planted-bindings", "link replaced");
	EXPECT_STR(get("secret"), "root:secret-hash\n", "planted-bindings");
	UNIT_PASS("planted-bindings");

	/* wwids: a link at the temporary name and a stale temporary */
	snprintf(p, sizeof(p), "%s/wwids", dir);
	link_to("wwids.tmp", "secret");
	EXPECT_INT(mp_wwids_add(p, "W1"), 1, "planted-wwids");
	EXPECT_STR(get("wwids"), MP_WWIDS_HEADER "/W1/\n", "planted-wwids");
	EXPECT_STR(get("secret"), "root:secret-hash\n", "planted-wwids");
	put("wwids.tmp", "stale");
	EXPECT(!mp_wwids_load(p, &l), "planted-wwids", "load");
	EXPECT_INT(mp_wwids_write(p, &l), 0, "planted-wwids");
	mp_names_free(&l);
	EXPECT_STR(get("wwids"), MP_WWIDS_HEADER "/W1/\n", "planted-wwids");
	EXPECT(!exists("wwids.tmp"), "planted-wwids", "temporary left");
	/* the wwids file as a link: the rewrite replaces the link */
	link_to("wwids", "secret");
	EXPECT_INT(mp_wwids_write(p, &l), 0, "planted-wwids");
	EXPECT(!is_link("wwids"), "planted-wwids", "still a link");
	EXPECT_STR(get("secret"), "root:secret-hash\n", "planted-wwids");
	UNIT_PASS("planted-wwids");
}

int main(void)
{
	char cmd[64];

	unit_suite = "afile";
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	t_replace();
	t_cut();
	t_names();
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	unit_report(!system(cmd), "cleanup", "rm -rf %s", dir);
	return UNIT_DONE();
}
