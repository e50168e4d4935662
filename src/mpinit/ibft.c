/* rd.iscsi.firmware, rd.iscsi.ibft, ip=ibft: the interfaces and the
 * targets the firmware booted from, out of its iBFT (ibft.c parses).
 *
 * The raw table is read where the kernel's ACPI core shows every table,
 * /sys/firmware/acpi/tables/<signature>: no module is needed (the
 * iscsi_ibft module's /sys/firmware/ibft shows the same table as text).
 * An iBFT that firmware leaves only in low memory, outside the ACPI
 * tables (some legacy BIOS option ROMs), is not found there. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "ibft.h"
#include "log.h"
#include "mpinit.h"
#include "netconf.h"

static int load(struct ibft *t)
{
	static uint8_t buf[65536]; /* every offset in the table is 16 bits */
	/* the signatures drivers/firmware/iscsi_ibft.c looks up: "iBFT",
	 * "IBFT", "BIFT" (Broadcom's) */
	static char path[] = "/sys/firmware/acpi/tables/iBFT";
	static const char sig[] = "iIB";
	const char *why;
	size_t n = 0;
	ssize_t k;
	unsigned int i;
	int fd = -1, r;

	for (i = 0; i < 3 && fd < 0; i++) {
		path[26] = sig[i];
		path[27] = i == 2 ? 'I' : 'B';
		fd = open(path, O_RDONLY | O_CLOEXEC);
	}
	if (fd < 0) {
		log_msg("iBFT: not in /sys/firmware/acpi/tables");
		return -ENOENT;
	}
	/* a read error leaves a short table, which the parser refuses */
	while (n < sizeof(buf) && (k = read(fd, buf + n, sizeof(buf) - n)) > 0)
		n += (size_t)k;
	close(fd);
	if ((r = ibft_parse(buf, n, t, &why)))
		log_msg("iBFT: %s", why);
	return r;
}

int ibft_net(struct net_conf *c, unsigned int i)
{
	static struct ibft t;
	unsigned int k;
	int r = load(&t);

	if (r)
		return r;
	c->ifs[i].method = NET_OFF;
	for (k = 0; k < t.nnic && c->n < NET_MAX_IF; k++)
		c->ifs[c->n++] = t.nic[k];
	return 0;
}

int ibft_iscsi(struct iscsi_boot *c)
{
	static struct ibft t;
	unsigned int k;
	int r = load(&t);

	for (k = 0; !r && k < t.ntgt && c->n < ISCSI_MAX_PORTALS; k++)
		c->portals[c->n++] = t.tgt[k];
	if (!r && !c->initiator[0])
		strcpy(c->initiator, t.initiator);
	memset(&t, 0, sizeof(t)); /* the CHAP secrets */
	return r;
}
