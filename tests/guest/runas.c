/* runas: run a command as another user and group (no supplementary
 * groups), for the "tools without root" checks; busybox setpriv cannot
 * change ids.   runas UID GID CMD [ARGS...] */
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 4) {
		fputs("usage: runas UID GID CMD [ARGS...]\n", stderr);
		return 2;
	}
	if (setgroups(0, NULL) || setgid((gid_t)atoi(argv[2])) ||
	    setuid((uid_t)atoi(argv[1]))) {
		perror("runas");
		return 125;
	}
	execvp(argv[3], argv + 3);
	perror(argv[3]);
	return 127;
}
