/* The built-in hardware table: the facts of multipath-tools' hwtable
 * (vendor/product/revision EREs -> the settings that differ from the
 * defaults), written as our own data: those of multipath-tools 0.9.4,
 * the version the booted Debian 12 compares our maps with
 * (qemu-tests/mp-agree-debian.sh checks its `-t` against ours).  Only fields that differ from the
 * built-in defaults are listed.  Order matters as in multipath-tools:
 * generic entries first, specific ones after, since for every field the
 * last matching entry that sets it wins.  uid_attribute, minio and
 * max_sectors_kb are not ours to apply and are left out. */
#include <string.h>

#include "conf.h"
#include "conf_values.h"
#include "mpath.h"

#define PGP(p) ((int8_t)((p) + 1))
#define BY_PRIO .pgpolicy = PGP(MP_GROUP_BY_PRIO), .failback = MP_FB_IMMEDIATE
#define MULTIBUS .pgpolicy = PGP(MP_MULTIBUS)
#define BY_SERIAL .pgpolicy = PGP(MP_GROUP_BY_SERIAL)
#define ALUA .prio = MP_PRIO_ALUA
#define H_ALUA .hwh = H_ALUA_
#define QUEUE .no_path_retry = MP_NPR_QUEUE
#define NPR(n) .no_path_retry = (n)
/* NetApp E-Series (RDAC) controllers and their OEM versions */
#define RDAC BY_PRIO, .checker = MP_CHK_RDAC, .features = F_PG_INIT, \
	.hwh = H_RDAC, .prio = MP_PRIO_RDAC, NPR(30)
#define XPORT BL_XPORT

#define E(v, p, ...) { .vp = v "\0" p, __VA_ARGS__ }
#define EB(v, p, b, ...) { .vp = v "\0" p, .bl = b, __VA_ARGS__ }
/* The same vendor as the entry above (an empty vendor in vp, found by
 * mp_hwb_vendor): 48 vendors not written again, 300 bytes. */
#define S(p, ...) { .vp = "\0" p, __VA_ARGS__ }
#define SB(p, b, ...) { .vp = "\0" p, .bl = b, __VA_ARGS__ }

/* The few distinct strings of the table, by code (0: not set), packed:
 * a pointer array cost 8 bytes a string.  The prio and checker names are
 * the value words of conf_values.c. */
enum { BL_XPORT = 1, BL_LUNZ, BL_S390, BL_VTRAK, BL_VESS };
static const char bls[] = "Universal Xport\0" "LUNZ\0" "S/390\0" "VTrak V-LUN\0"
			  "Vess V-LUN";
static const char hwhs[] = "1 alua\0" "1 rdac\0" "1 emc\0" "1 hp_sw";

/* Word n (1-based) of list l; NULL for 0. */
static const char *word(const char *l, unsigned int n)
{
	if (!n)
		return NULL;
	while (--n)
		l += strlen(l) + 1;
	return l;
}

const char *mp_hwb_vendor(const struct mp_hwb *b)
{
	while (!*b->vp) /* mp_hwtable[0] has one */
		b--;
	return b->vp;
}

const char *mp_hwb_product(const struct mp_hwb *b)
{
	return b->vp + strlen(b->vp) + 1;
}

const char *mp_hwb_bl(const struct mp_hwb *b)
{
	return word(bls, b->bl);
}

void mp_hwb_set(const struct mp_hwb *b, struct mp_set *s)
{
	memset(s, 0, sizeof(*s));
	s->pgpolicy = b->pgpolicy;
	s->failback = b->failback;
	s->no_path_retry = b->no_path_retry;
	s->fast_io_fail_tmo = b->fast_io_fail_tmo;
	s->prio = mp_value_word(MP_V_PRIO, b->prio);
	s->checker = mp_value_word(MP_V_CHK, b->checker);
	s->hwhandler = word(hwhs, b->hwh);
	s->features = b->features ? "2 pg_init_retries 50" : NULL;
	if (b->flags & B_NO_DETECT_CHECKER)
		s->detect_checker = MP_NO;
	if (b->flags & B_NO_DETECT_PRIO)
		s->detect_prio = MP_NO;
	if (b->flags & B_NO_UFN)
		s->ufn = MP_NO;
	if (b->flags & B_FLUSH)
		s->flush_on_last_del = MP_YES;
	if (b->flags & B_DEVLOSS_INF)
		s->dev_loss_tmo = MP_NUM_INFINITY;
	if (b->flags & B_RR_PRIO) {
		s->selector = "round-robin 0";
		s->rr_weight = MP_RRW_PRIO;
	}
}

const struct mp_set mp_builtin_defaults = {
	.selector = "service-time 0",
	.checker = "tur",
	.prio = "const",
	.prio_args = "",
	.hwhandler = "0",
	.features = "0",
	.alias_prefix = "mpath",
	.pgpolicy = PGP(MP_FAILOVER),
	.detect_prio = MP_YES,
	.detect_checker = MP_YES,
	.retain_hwh = MP_YES,
	.ufn = MP_NO,
	.flush_on_last_del = MP_NO,
	.skip_kpartx = MP_NO,
	.rr_weight = MP_RRW_UNIFORM,
	.failback = MP_FB_MANUAL,
	/* no_path_retry unset: queueing only if features ask for it */
	.fast_io_fail_tmo = 5,
};

const struct mp_hwb mp_hwtable[] = {
	E("NVM[eE]", ".*", .checker = MP_CHK_NONE, BY_PRIO),
	/* Apple */
	E("APPLE", "Xserve RAID", MULTIBUS),
	/* HPE */
	E("3PARdata", "VV", BY_PRIO, H_ALUA, ALUA, NPR(18), .fast_io_fail_tmo = 10,
	  .flags = B_DEVLOSS_INF),
	E("NVME", "HPE Alletra", QUEUE),
	E("DEC", "HSG80", QUEUE, .hwh = H_HP_SW,
	  .pgpolicy = PGP(MP_GROUP_BY_PRIO), .checker = MP_CHK_HP_SW, .prio = MP_PRIO_HP_SW),
	E("HP", "A6189A", MULTIBUS, NPR(12)),
	E("(COMPAQ|HP)", "(MSA|HSV)1[01]0", .hwh = H_HP_SW,
	  .pgpolicy = PGP(MP_GROUP_BY_PRIO), NPR(12), .checker = MP_CHK_HP_SW,
	  .prio = MP_PRIO_HP_SW),
	S("MSA VOLUME", BY_PRIO, NPR(12), ALUA),
	S("(HSV1[01]1|HSV2[01]0|HSV3[046]0|HSV4[05]0)", BY_PRIO,
	  NPR(12), ALUA),
	E("HP", "(MSA2[02]12fc|MSA2012i)", MULTIBUS, NPR(18)),
	S("(MSA2012sa|MSA23(12|24)(fc|i|sa)|MSA2000s VOLUME)", BY_PRIO,
	  NPR(18), ALUA),
	E("(HP|HPE)", "MSA [12]0[456]0 (SAN|SAS|FC|iSCSI)", BY_PRIO, NPR(18), ALUA),
	E("HP", "(HSVX700|HSVX740)", H_ALUA, BY_PRIO, NPR(12), ALUA),
	S("LOGICAL VOLUME", MULTIBUS, NPR(12)),
	S("(P2000 G3 FC|P2000G3 FC/iSCSI|P2000 G3 SAS|P2000 G3 iSCSI)",
	  BY_PRIO, NPR(18), ALUA),
	E("LEFTHAND", "(P4000|iSCSIDisk|FCDISK)", BY_PRIO, NPR(18), ALUA),
	E("Nimble", "Server", H_ALUA, BY_PRIO, ALUA, QUEUE),
	/* SGI */
	E("SGI", "TP9100", MULTIBUS),
	SB("TP9[3457]00", XPORT, RDAC),
	SB("IS", XPORT, RDAC),
	S("^DD[46]A-", BY_PRIO, ALUA, NPR(30)),
	/* DataDirect Networks */
	E("DDN", "SAN DataDirector", MULTIBUS),
	S("^EF3010", MULTIBUS, NPR(30)),
	S("^(EF3015|S2A|SFA)", BY_PRIO, ALUA, NPR(30)),
	E("NEXENTA", "COMSTAR", BY_SERIAL, NPR(30)),
	E("TEGILE", "(ZEBI-(FC|ISCSI)|INTELLIFLASH)", H_ALUA, BY_PRIO, ALUA, NPR(10)),
	/* Dell EMC */
	E("EMC", "SYMMETRIX", MULTIBUS, NPR(6)),
	E("NVME", "EMC PowerMax", QUEUE),
	EB("^DGC", "^(RAID|DISK|VRAID)", BL_LUNZ, .hwh = H_EMC, BY_PRIO,
	   NPR(60), .checker = MP_CHK_EMC, .prio = MP_PRIO_EMC,
	   .flags = B_NO_DETECT_CHECKER),
	EB("EMC", "Invista", BL_LUNZ, MULTIBUS, NPR(5)),
	E("XtremIO", "XtremApp", MULTIBUS),
	E("COMPELNT", "Compellent Vol", BY_PRIO, QUEUE),
	EB("DELL", "^MD3", XPORT, RDAC),
	E("DellEMC", "PowerStore", BY_PRIO, ALUA, H_ALUA, NPR(3),
	  .fast_io_fail_tmo = 15),
	E(".*", "dellemc-powerstore", NPR(3)),
	E("DellEMC", "^ME", BY_PRIO, ALUA, H_ALUA),
	/* Fujitsu */
	E("FSC", "CentricStor", BY_SERIAL),
	E("FUJITSU", "ETERNUS_DX(H|L|M|400|8000)", BY_PRIO, NPR(10), ALUA),
	E("(EUROLOGC|EuroLogc)", "FC2502", MULTIBUS),
	E("FUJITSU", "E[234]000", BY_PRIO, NPR(10), ALUA),
	S("E[68]000", MULTIBUS, NPR(10)),
	SB("ETERNUS_AHB", XPORT, RDAC),
	/* Hitachi Vantara */
	E("(HITACHI|HP|HPE)", "^OPEN-", MULTIBUS),
	E("HITACHI", "^DF", QUEUE, BY_PRIO, .prio = MP_PRIO_HDS),
	S("^DF600F", MULTIBUS),
	/* IBM */
	E("IBM", "ProFibre 4000R", MULTIBUS),
	SB("^1722-600", XPORT, RDAC),
	SB("^1724", XPORT, RDAC),
	SB("^1726", XPORT, RDAC),
	SB("^1742", XPORT, RDAC),
	SB("^1746", XPORT, RDAC),
	SB("^1813", XPORT, RDAC),
	SB("^1814", XPORT, RDAC),
	SB("^1815", XPORT, RDAC),
	SB("^1818", XPORT, RDAC),
	SB("^3526", XPORT, RDAC),
	SB("^(3542|3552)", XPORT, RDAC),
	S("^2105", QUEUE, MULTIBUS),
	S("^1750500", QUEUE, BY_PRIO, ALUA),
	S("^2107900", QUEUE, BY_PRIO),
	S("^2145", QUEUE, BY_PRIO, ALUA),
	E("NVME", "IBM[ ]+2145", QUEUE),
	EB("IBM", "S/390 DASD ECKD", BL_S390, QUEUE, MULTIBUS, .checker = MP_CHK_DIRECTIO),
	SB("S/390 DASD FBA", BL_S390, QUEUE, MULTIBUS, .checker = MP_CHK_DIRECTIO),
	S("^IPR", QUEUE, H_ALUA, BY_PRIO, ALUA),
	S("1820N00", BY_PRIO, QUEUE, ALUA),
	E("(XIV|IBM)", "(NEXTRA|2810XIV)", QUEUE, .pgpolicy = PGP(MP_GROUP_BY_PRIO),
	  .failback = 15),
	E("(TMS|IBM)", "(RamSan|FlashSystem)", MULTIBUS),
	E("NVMe", "FlashSystem", NPR(MP_NPR_FAIL)),
	E("IBM", "^(DCS9900|2851)", BY_PRIO, ALUA, NPR(30)),
	E("AIX", "VDASD", MULTIBUS, NPR(60)),
	E("IBM", "3303[ ]+NVDISK", NPR(60)),
	E("AIX", "NVDISK", H_ALUA, BY_PRIO, NPR(60), ALUA),
	/* Lenovo */
	EB("LENOVO", "DE_Series", XPORT, RDAC),
	/* NetApp */
	E("NETAPP", "LUN", .features = F_PG_INIT, QUEUE, BY_PRIO,
	  .flags = B_FLUSH | B_DEVLOSS_INF | B_NO_UFN, .prio = MP_PRIO_ONTAP),
	EB("(NETAPP|LSI|ENGENIO)", "INF-01-00", XPORT, RDAC),
	E("SolidFir", "SSD SAN", MULTIBUS, NPR(24)),
	E("NVME", "^NetApp ONTAP Controller", QUEUE),
	/* NEC */
	E("NEC", "DISK ARRAY", H_ALUA, BY_PRIO, ALUA),
	/* Oracle: Pillar Data / Oracle FS, Sun - StorageTek */
	E("^Pillar", "^Axiom", BY_PRIO, ALUA),
	E("^Oracle", "^Oracle FS", BY_PRIO, ALUA),
	EB("STK", "BladeCtlr", XPORT, RDAC),
	SB("OPENstorage", XPORT, RDAC),
	SB("FLEXLINE 380", XPORT, RDAC),
	E("SUN", "StorEdge 3", MULTIBUS),
	SB("STK6580_6780", XPORT, RDAC),
	SB("CSM[12]00_R", XPORT, RDAC),
	SB("LCSM100_[IEFS]", XPORT, RDAC),
	SB("SUN_6180", XPORT, RDAC),
	SB("ArrayStorage", XPORT, RDAC),
	S("(Sun Storage|ZFS Storage|COMSTAR)", BY_PRIO, ALUA, NPR(30)),
	/* Pivot3 */
	E("PIVOT3", "RAIGE VOLUME", QUEUE, MULTIBUS),
	E("(NexGen|Pivot3)", "(TierStore|vSTAC)", BY_PRIO, ALUA, QUEUE),
	/* Intel */
	EB("(Intel|INTEL)", "Multi-Flex", BL_VTRAK, H_ALUA, BY_PRIO, QUEUE, ALUA),
	/* Linux-IO (LIO) target */
	E("(LIO-ORG|SUSE)", ".*", H_ALUA, BY_PRIO, NPR(12), ALUA),
	/* DataCore */
	E("DataCore", "SANmelody", BY_PRIO, QUEUE, ALUA),
	S("Virtual Disk", BY_PRIO, QUEUE, ALUA),
	/* Pure Storage */
	E("PURE", "FlashArray", BY_PRIO, H_ALUA, ALUA, .fast_io_fail_tmo = 10),
	E("NVME", "Pure Storage FlashArray", NPR(10)),
	/* Huawei */
	E("HUAWEI", "XSG1", BY_PRIO, NPR(15)),
	E("NVM[eE]", "Huawei-XSG1", .checker = MP_CHK_DIRECTIO, NPR(12)),
	/* Kove, Infinidat, Kaminario */
	E("KOVE", "XPD", MULTIBUS),
	E("NFINIDAT", "InfiniBox", .pgpolicy = PGP(MP_GROUP_BY_PRIO), .failback = 30,
	  ALUA, .flags = B_RR_PRIO,
	  NPR(MP_NPR_FAIL), .fast_io_fail_tmo = 15),
	E("KMNRIO", "K2", MULTIBUS),
	/* StorCentric: Nexsan, Violin, Xiotech, Vexata */
	E("NEXSAN", "NXS-B0", BY_PRIO, ALUA, NPR(15)),
	S("SATAB", BY_PRIO, ALUA, NPR(15)),
	E("Nexsan", "(NestOS|NST5000)", H_ALUA, BY_PRIO, ALUA, NPR(30)),
	E("VIOLIN", "SAN ARRAY$", BY_SERIAL, NPR(30)),
	S("SAN ARRAY ALUA", H_ALUA, BY_PRIO, ALUA, NPR(30)),
	S("CONCERTO ARRAY", MULTIBUS, NPR(30)),
	E("(XIOTECH|XIOtech)", "ISE", MULTIBUS, NPR(12)),
	S("IGLU DISK", MULTIBUS, NPR(30)),
	S("Magnitude", MULTIBUS, NPR(30)),
	E("Vexata", "VX", MULTIBUS, NPR(30)),
	/* Promise Technology */
	EB("Promise", "VTrak", BL_VTRAK, H_ALUA, BY_PRIO, ALUA, NPR(30)),
	SB("Vess", BL_VESS, H_ALUA, BY_PRIO, ALUA, NPR(30)),
	/* Infortrend */
	E("^IFT", ".*", BY_PRIO, ALUA, NPR(30)),
	/* Seagate (Dot Hill) */
	E("DotHill", "SANnet", MULTIBUS, NPR(30)),
	S("R/Evo", BY_PRIO, ALUA, NPR(30)),
	S("^DH", BY_PRIO, ALUA, NPR(30)),
	/* AccelStor, INSPUR, MacroSAN */
	E("AStor", "NeoSapphire", MULTIBUS, NPR(30)),
	E("INSPUR", "MCS", BY_PRIO, ALUA),
	E("MacroSAN", "LU", BY_PRIO, ALUA, NPR(30)),
};

const size_t mp_hwtable_n = sizeof(mp_hwtable) / sizeof(mp_hwtable[0]);

/* Devices multipath-tools never multipaths unless an exception says so:
 * everything that is not an sd/dasd/nvme disk, and the RAM, loop, floppy,
 * md, dm, CD and tape nodes by name. */
const struct mp_ble mp_builtin_blacklist[] = {
	/* multipath-tools 0.9.4's only one (setup_default_blist); its older
	 * ram/loop/dm-/hd/vd... entries refused nothing this one lets through */
	{ .kind = MP_BL_DEVNODE, .a = "!^(sd[a-z]|dasd[a-z]|nvme[0-9])" },
};

const size_t mp_builtin_blacklist_n =
	sizeof(mp_builtin_blacklist) / sizeof(mp_builtin_blacklist[0]);

const struct mp_ble mp_builtin_blexc[] = {
	{ .kind = MP_BL_PROPERTY, .a = "(SCSI_IDENT_|ID_WWN)" },
};
