/* The iBFT of qemu-tests/iscsi-ibft.sh, written by tests/ibft_build.h,
 * and the checks the kernel's drivers/firmware/iscsi_ibft.c makes before
 * it shows a table in /sys/firmware/ibft (the boot reads it there: the
 * init's ibft_args, tested by tests/ibft-init.check).
 * Invariants: the written table has a signature the kernel looks up,
 * revision 1, a byte sum of 0 over its length; a control block (id 1,
 * index 0) right after the ACPI header; every block it points at lies
 * inside the table with the id and length iscsi_ibft.c expects.
 *   t_ibft --write FILE       writes the table to FILE (qemu's
 *                             -acpitable, the scenario's "# acpitable:") */
#include <stdio.h>
#include <string.h>

#include "ibft_build.h"
#include "unit.h"

#define T "iqn.2026-12.org.mpboot:target"

/* The qemu scenario's: its two networks (the initiator guest's MACs
 * 52:54:00:10:0N:02), the target guest's portals, the CHAP of its
 * "# iscsi-auth: mutual alice alicesecret12 tgtuser tgtsecret1234". */
static struct ib_spec good(void)
{
	struct ib_spec s = {
		.initiator = "iqn.2026-12.org.mpboot:ibft-host",
		.nic = { { 1, { 10, 10, 0, 2 }, { 0 }, 24, 1, { 0x52, 0x54, 0, 0x10, 0, 2 }, 0 },
			 { 1, { 10, 10, 1, 2 }, { 10, 10, 1, 254 }, 24, 1, { 0x52, 0x54, 0, 0x10, 1, 2 }, 0 } },
		.tgt = { { 1, { 10, 10, 0, 1 }, 3260, 0, 2, T, "alice", "alicesecret12", "tgtuser",
			   "tgtsecret1234" },
			 { 1, { 10, 10, 1, 1 }, 0, 0, 1, T, "alice", "alicesecret12", NULL, NULL } },
	};
	return s;
}

static uint8_t buf[4096];

static unsigned int le16(const uint8_t *p)
{
	return p[0] | (unsigned int)p[1] << 8;
}

/* iscsi_ibft.c: ibft_check_device, ibft_register_kobjects, ibft_verify_hdr */
static void kernel_checks(void)
{
	/* the block lengths ibft_verify_hdr wants, by id (1 control ..
	 * 4 target): sizeof the kernel's structures */
	static const unsigned int want[5] = { 0, 18, 74, 102, 54 };
	struct ib_spec s = good();
	unsigned int n = ib_build(buf, &s), i, sum = 0, off, id;

	EXPECT(!memcmp(buf, "iBFT", 4) && le16(buf + 4) == n && buf[8] == 1, "table-header",
	       "length %u of %u, revision %u", le16(buf + 4), n, buf[8]);
	UNIT_PASS("table-header");
	for (i = 0; i < n; i++)
		sum += buf[i];
	EXPECT_INT(sum & 0xff, 0, "checksum");
	UNIT_PASS("checksum");
	EXPECT(buf[IB_CTRL] == 1 && le16(buf + IB_CTRL + 2) == want[1] && buf[IB_CTRL + 4] == 0,
	       "control-block", "id %u", buf[IB_CTRL]);
	UNIT_PASS("control-block");
	/* the initiator, NIC 0, target 0, NIC 1, target 1 offsets */
	for (i = 0; i < 5; i++) {
		off = le16(buf + IB_CTRL + 8 + 2 * i);
		EXPECT(off && off + 6 <= n, "block-offsets", "block %u at %u", i, off);
		id = buf[off];
		EXPECT(id >= 2 && id <= 4 && le16(buf + off + 2) == want[id] &&
		       off + want[id] <= n, "block-offsets", "block %u: id %u", i, id);
	}
	UNIT_PASS("block-offsets");
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "--write")) {
		struct ib_spec s = good();
		unsigned int n = ib_build(buf, &s);
		FILE *f = fopen(argv[2], "wb");

		if (!f || fwrite(buf, 1, n, f) != n || fclose(f)) {
			perror(argv[2]);
			return 1;
		}
		return 0;
	}
	kernel_checks();
	return UNIT_DONE();
}
