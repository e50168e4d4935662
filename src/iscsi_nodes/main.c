/* iscsi_nodes: open-iscsi node records as mpboot's netroot=iscsi: lines.
 * Host tool (mpboot-mkinitramfs runs it; never in the initramfs).
 *
 * Each FILE is one record, /etc/iscsi/nodes/<target>/<portal,tpgt>/<iface>
 * (iscsinode.c parses it); each portal is printed once, as the boot's
 * parser will read it back (checked).  The output holds the CHAP secrets:
 * it is written to stdout only, which mpboot-mkinitramfs sends to a 0600
 * file; no message holds a value, only the file and the field. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "iscsinode.h"
#include "log.h"

static const char usage[] =
	"usage: iscsi_nodes [-a] FILE...\n"
	"Print one netroot=iscsi: line per portal of the open-iscsi node\n"
	"records FILE..., each portal once.  -a: only the records with\n"
	"node.startup automatic or onboot.\n";

#define REC_MAX 65536 /* a record is ~3 KiB */

static int one(const char *path, int autoonly, char seen[][ISCSI_NAME_MAX + 64],
	       unsigned int *nseen)
{
	static char buf[REC_MAX], line[4096];
	static struct iscsi_node n;
	const char *why;
	unsigned int i;
	size_t len;
	FILE *f = fopen(path, "re");
	int r = 0;

	if (!f)
		return log_err(errno, "%s:", path), -1;
	len = fread(buf, 1, sizeof(buf), f);
	if (ferror(f) || len == sizeof(buf))
		r = -1, log_msg("%s: unreadable or over %d bytes", path, REC_MAX);
	fclose(f);
	if (!r && (iscsi_node_parse(buf, len, &n, &why) ||
		   iscsi_node_netroot(&n, line, sizeof(line), &why)))
		r = -1, log_msg("%s: %s", path, why);
	if (!r && (!autoonly || n.startup != ISCSI_STARTUP_MANUAL)) {
		/* one login per portal: a record per iface is one portal */
		char key[ISCSI_NAME_MAX + 64];

		snprintf(key, sizeof(key), "%s %s %u", n.p.target, n.p.server, n.p.port);
		for (i = 0; i < *nseen && strcmp(seen[i], key); i++)
			;
		if (i == *nseen && *nseen == ISCSI_MAX_PORTALS)
			r = -1, log_msg("%s: more than %d portals (the boot's limit)", path,
					ISCSI_MAX_PORTALS);
		else if (i == *nseen) {
			strcpy(seen[(*nseen)++], key);
			printf("netroot=%s\n", line);
		}
	}
	memset(buf, 0, sizeof(buf));
	memset(line, 0, sizeof(line));
	memset(&n, 0, sizeof(n));
	return r;
}

int main(int argc, char **argv)
{
	static char seen[ISCSI_MAX_PORTALS][ISCSI_NAME_MAX + 64];
	unsigned int nseen = 0;
	int c, autoonly = 0, r = 0;

	log_init("iscsi_nodes");
	while ((c = getopt(argc, argv, "ah")) != -1) {
		if (c == 'a')
			autoonly = 1;
		else if (c == 'h')
			return log_help(usage);
		else
			return log_usage(usage, c, "");
	}
	if (optind >= argc)
		return log_usage(usage, 0, "");
	for (; optind < argc; optind++)
		if (one(argv[optind], autoonly, seen, &nseen))
			r = 1;
	if (fflush(stdout) || ferror(stdout))
		return log_err(errno, "stdout:"), 1;
	return r;
}
