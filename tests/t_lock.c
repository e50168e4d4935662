/* The lock that mpboot's writers of /etc/multipath files take
 * (afile_lock_dir, issue 24 item 8).  Invariants: a flock that anyone
 * takes on the directory itself (any user may open it) does not stop a
 * writer; the lock is a file closed to group and others, and one that is
 * not (a planted 0644 file, a symlink) is refused, not used; a lock held
 * by another writer costs a bounded wait (-EBUSY), never a hang.  Every
 * case runs under alarm(): a hang kills the test, which then fails. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "afile.h"
#include "clock.h"
#include "names.h"
#include "unit.h"

static char dir[] = "/tmp/t_lock.XXXXXX";

/* A child holding flock LOCK_EX on path (opened read-only, as any user
 * could) until killed; it has the lock when this returns. */
static pid_t holder(const char *path)
{
	int p[2];
	char c;
	pid_t pid;

	if (pipe(p))
		return -1;
	pid = fork();
	if (pid == 0) {
		int fd = open(path, O_RDONLY);

		if (fd < 0 || flock(fd, LOCK_EX))
			_exit(1);
		if (write(p[1], "x", 1) != 1)
			_exit(1);
		pause();
		_exit(0);
	}
	close(p[1]);
	if (pid < 0 || read(p[0], &c, 1) != 1)
		pid = -1;
	close(p[0]);
	return pid;
}

static void stop(pid_t pid)
{
	if (pid > 0) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
}

static void t_dir_flock(void)
{
	char b[256], lk[256];
	struct stat st;
	pid_t h = holder(dir);
	uint64_t t0 = clock_ms();
	int fd;

	snprintf(b, sizeof(b), "%s/bindings", dir);
	snprintf(lk, sizeof(lk), "%s/" AFILE_LOCK_NAME, dir);
	EXPECT(h > 0, "dir-flock", "no holder");
	alarm(5);
	fd = afile_lock_dir(b);
	alarm(0);
	EXPECT(fd >= 0, "dir-flock", "afile_lock_dir: %d", fd);
	EXPECT(clock_ms() - t0 < 1000, "dir-flock", "took %llu ms",
	       (unsigned long long)(clock_ms() - t0));
	close(fd);
	alarm(5);
	EXPECT_INT(mp_bindings_append(b, "mpatha", "3600a"), 0, "dir-flock");
	alarm(0);
	stop(h);
	EXPECT(!lstat(lk, &st) && S_ISREG(st.st_mode) && !(st.st_mode & 077), "dir-flock",
	       "lock file mode %o", (unsigned int)st.st_mode);
	UNIT_PASS("dir-flock");
}

static void t_held(void)
{
	char b[256], lk[256];
	pid_t h;
	uint64_t t0;
	int fd;

	snprintf(b, sizeof(b), "%s/wwids", dir);
	snprintf(lk, sizeof(lk), "%s/" AFILE_LOCK_NAME, dir);
	h = holder(lk);
	EXPECT(h > 0, "held", "no holder");
	t0 = clock_ms();
	alarm(5);
	fd = afile_lock_dir(b);
	alarm(0);
	stop(h);
	EXPECT_INT(fd, -EBUSY, "held");
	EXPECT(clock_ms() - t0 < 2000, "held", "waited %llu ms",
	       (unsigned long long)(clock_ms() - t0));
	/* released: taken at once */
	fd = afile_lock_dir(b);
	EXPECT(fd >= 0, "held", "after release: %d", fd);
	close(fd);
	UNIT_PASS("held");
}

static void t_planted(void)
{
	char b[256], lk[256];
	int fd;

	snprintf(b, sizeof(b), "%s/bindings", dir);
	snprintf(lk, sizeof(lk), "%s/" AFILE_LOCK_NAME, dir);
	EXPECT(chmod(lk, 0644) == 0, "planted", "chmod");
	fd = afile_lock_dir(b);
	EXPECT_INT(fd, -EPERM, "planted-mode");
	unlink(lk);
	EXPECT(symlink("/tmp/nonexistent-t_lock", lk) == 0, "planted", "symlink");
	fd = afile_lock_dir(b);
	EXPECT(fd < 0, "planted-link", "a symlink lock was used");
	unlink(lk);
	UNIT_PASS("planted");
}

int main(void)
{
	char p[256];

	unit_suite = "lock";
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	t_dir_flock();
	t_held();
	t_planted();
	snprintf(p, sizeof(p), "rm -rf %s", dir);
	if (system(p)) {
		/* best effort */
	}
	return UNIT_DONE();
}
