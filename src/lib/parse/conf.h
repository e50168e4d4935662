/* multipath.conf: the configuration multipath-tools' users bring, read by
 * `multipath` and `multipathd` through this one library.
 *
 * mp_conf_parse() is a pure parser over one file's bytes (several calls
 * add files: multipath.conf, then conf.d/NAME.conf); it never fails on bad
 * input: every unknown keyword, bad value, stray brace or unterminated
 * section is one warning naming file:line through conf->warn, and the rest
 * still applies.  mp_conf_resolve() gives the settings in effect for one
 * LU, with multipath-tools' precedence (0.9.4 propsel.c):
 *   multipaths > overrides > devices (user) > built-in hwtable > defaults
 *   > built-in defaults,
 * where among device entries (built-in first, then the user's in file
 * order) the last one that matches and sets a field wins.  Several
 * multipath entries for one WWID are merged as they are parsed, the later
 * winning per setting (its merge_mptable); mp_conf.mp is sorted by WWID.
 * The code is three files: the parser (conf.c, its keywords conf_kw.c),
 * the settings in effect and the blacklist (conf_resolve.c), and the -t
 * dump (conf_dump.c); the value words are conf_values.c's. */
#ifndef MPBOOT_CONF_H
#define MPBOOT_CONF_H

#include <stddef.h>
#include <stdint.h>

/* Tri-state fields: 0 means "not set here". */
#define MP_NO 1
#define MP_YES 2
/* failback */
#define MP_FB_MANUAL (-1)
#define MP_FB_IMMEDIATE (-2)
#define MP_FB_FOLLOWOVER (-3)
/* no_path_retry */
#define MP_NPR_FAIL (-1)
#define MP_NPR_QUEUE (-2)
/* numbers where 0 or a word is a value: dev_loss_tmo, fast_io_fail_tmo */
#define MP_NUM_ZERO (-1)
#define MP_NUM_OFF (-2)       /* fast_io_fail_tmo off */
#define MP_NUM_INFINITY (-3)  /* dev_loss_tmo infinity */
/* rr_weight */
#define MP_RRW_UNIFORM 1
#define MP_RRW_PRIO 2

enum mp_fm { MP_FM_UNSET, MP_FM_OFF, MP_FM_ON, MP_FM_STRICT, MP_FM_GREEDY,
	     MP_FM_SMART, MP_FM_N };

/* One settings block: defaults, a device, a multipath, overrides. */
struct mp_set {
	const char *selector;     /* "service-time 0" */
	const char *checker;
	const char *prio;
	const char *prio_args;
	const char *hwhandler;    /* "1 alua", "0" */
	const char *features;     /* "2 pg_init_retries 50" */
	const char *alias_prefix;
	const char *alias;        /* multipaths only */
	int8_t pgpolicy;          /* enum mp_policy + 1 */
	int8_t detect_prio, detect_checker, retain_hwh;
	int8_t ufn, flush_on_last_del, skip_kpartx, rr_weight;
	int failback, no_path_retry, checker_timeout;
	int dev_loss_tmo, fast_io_fail_tmo;
};

/* A device entry: built-in (hwtable.c) or the user's. */
struct mp_hwe {
	const char *vendor, *product, *revision; /* EREs */
	const char *bl_product;   /* product_blacklist ERE */
	struct mp_set s;
	const char *file;         /* user entries: where it was written */
	unsigned int line;
};

struct mp_mpe {
	const char *wwid;
	struct mp_set s;
	unsigned int line;
};

enum mp_bl_kind { MP_BL_DEVNODE, MP_BL_WWID, MP_BL_DEVICE, MP_BL_PROPERTY,
		  MP_BL_PROTOCOL };

struct mp_ble {
	uint8_t kind;
	const char *a;            /* the ERE; DEVICE: vendor */
	const char *b;            /* DEVICE: product */
	const char *file;
	unsigned int line;
};

struct mp_bl {
	struct mp_ble *e;
	size_t n, cap;
};

/* A protocol subsection of overrides or of a device entry: settings for
 * the paths whose transport (mp_scsi_proto) is exactly type.  Only
 * dev_loss_tmo and fast_io_fail_tmo are kept, as multipath-tools. */
struct mp_pce {
	const char *type;
	int dev;                  /* index into mp_conf.dev, -1: overrides */
	struct mp_set s;
};

typedef void (*mp_conf_warn_fn)(void *arg, const char *file, unsigned int line,
				const char *msg);

struct mp_conf {
	struct mp_set defaults;   /* what the files said, nothing else */
	struct mp_set overrides;
	int polling_interval, max_polling_interval;
	int8_t find_multipaths;   /* enum mp_fm */
	int8_t has_overrides;
	int8_t queue_without_daemon; /* MP_YES / MP_NO / 0 */
	const char *bindings_file, *wwids_file;
	struct mp_hwe *dev;       /* the user's device entries */
	size_t ndev, capdev;
	struct mp_mpe *mp;
	size_t nmp, capmp;
	struct mp_bl bl, ble;     /* blacklist, blacklist_exceptions */
	char **str;               /* every string we own, for free() */
	size_t nstr, capstr;
	unsigned int nwarn;
	/* Built-in table entries left out, from its end (0: none).  Only the
	 * fuzz target sets it: the table is constant input, and matching and
	 * dumping all of it is most of a run's time. */
	size_t hw_omit;
	mp_conf_warn_fn warn;     /* may be NULL */
	void *warn_arg;
	struct mp_pce *pc;        /* protocol subsections, in file order */
	size_t npc, cappc;
};

/* A built-in hardware table entry, compact (the table is ~150 entries in
 * a 128 KiB budget): the EREs, the small numbers, codes for the few
 * strings (prio and checker: MP_PRIO_*, MP_CHK_* of conf_values.h),
 * flags; mp_hwb_set() expands it into a settings block. */
enum { H_ALUA_ = 1, H_RDAC, H_EMC, H_HP_SW };
#define F_PG_INIT 1
#define B_NO_DETECT_CHECKER 1u
#define B_NO_DETECT_PRIO 2u
#define B_NO_UFN 4u
#define B_FLUSH 8u
#define B_DEVLOSS_INF 16u
#define B_RR_PRIO 32u            /* round-robin 0, rr_weight priorities */
struct mp_hwb {
	/* the vendor ERE, a NUL, the product ERE: one pointer, 8 bytes less
	 * an entry (992 for the table) than two.  Read through
	 * mp_hwb_vendor() and mp_hwb_product(): an empty vendor is the one
	 * of the entry above. */
	const char *vp;
	int8_t pgpolicy, failback, no_path_retry, fast_io_fail_tmo;
	/* bit fields: the entry is 16 bytes, not 40 (the table is 124) */
	uint8_t prio : 4, checker : 4;
	uint8_t hwh : 3, bl : 3, features : 2; /* bl: BL_* code */
	uint8_t flags;
};
/* The vendor and product EREs of a built-in entry (of mp_hwtable). */
const char *mp_hwb_vendor(const struct mp_hwb *b);
const char *mp_hwb_product(const struct mp_hwb *b);
/* product_blacklist of a built-in entry, NULL if none. */
const char *mp_hwb_bl(const struct mp_hwb *b);
void mp_hwb_set(const struct mp_hwb *b, struct mp_set *s);

/* The built-in hardware table (hwtable.c) and defaults. */
extern const struct mp_hwb mp_hwtable[];
extern const size_t mp_hwtable_n;
extern const struct mp_set mp_builtin_defaults;
/* The built-in blacklist multipath-tools has. */
extern const struct mp_ble mp_builtin_blacklist[];
extern const size_t mp_builtin_blacklist_n;
/* ... and its built-in exception: property "(SCSI_IDENT_|ID_WWN)". */
extern const struct mp_ble mp_builtin_blexc[];

void mp_conf_init(struct mp_conf *c, mp_conf_warn_fn warn, void *arg);
void mp_conf_free(struct mp_conf *c);

/* Parse one file's bytes (need not be NUL-terminated) into c.  Returns 0,
 * or -ENOMEM; bad input is never an error, only warnings. */
int mp_conf_parse(struct mp_conf *c, const char *file, const char *buf,
		  size_t len);

/* Effective settings for a LU: every field set (strings never NULL except
 * alias, which is NULL when no multipaths entry names one). */
struct mp_eff {
	struct mp_set s;
	int8_t find_multipaths;
	int polling_interval, max_polling_interval;
	int prio_explicit;        /* prio came from config, not a default */
	const struct mp_hwb *hwe; /* the last built-in entry matched, or NULL */
};
void mp_conf_resolve(const struct mp_conf *c, const char *vendor,
		     const char *product, const char *rev, const char *wwid,
		     struct mp_eff *e);

/* Blacklist: 1 if this path must not be used, with why ("devnode",
 * "wwid", "device", "vendor/product blacklisted by the hardware table"),
 * 0 if not.  wwid may be "" (not known yet). */
int mp_conf_blacklisted(const struct mp_conf *c, const char *devnode,
			const char *vendor, const char *product,
			const char *wwid, const char **why);

/* A path as the blacklist sees it: what mp_conf_blacklisted takes, and
 * its transport ("scsi:fcp", NULL: not known) and udev property names
 * ("A\0B\0\0", NULL: none known), read by conf_path.c. */
struct mp_bl_path {
	const char *dev, *vendor, *product, *wwid, *proto, *props;
};
/* multipath-tools' order: property, devnode, device, protocol, wwid;
 * within each, an exception wins.  property: a path whose properties
 * include ID_SERIAL (the uid_attribute) is refused when property
 * exceptions exist and none of its properties matches one. */
int mp_conf_bl_path(const struct mp_conf *c, const struct mp_bl_path *p,
		    const char **why);
/* Does the config name protocols (blacklist, protocol subsections)?
 * Bit 1: blacklist/exceptions, 2: subsections.  The transport is only
 * read from sysfs when it does. */
int mp_conf_wants_proto(const struct mp_conf *c);
/* The protocol subsections over e (from mp_conf_resolve for this
 * vendor/product/revision): overrides' protocol > overrides > devices'
 * protocol > devices > defaults, later subsections first. */
void mp_conf_resolve_proto(const struct mp_conf *c, const char *vendor,
			   const char *product, const char *rev,
			   const char *proto, struct mp_eff *e);

/* The multipaths entry for a WWID, or NULL. */
const struct mp_mpe *mp_conf_mpe(const struct mp_conf *c, const char *wwid);

/* Could any LU get this path grouping policy (enum mp_policy)?  Tells
 * discovery whether serials or node names are worth reading. */
int mp_conf_uses_policy(const struct mp_conf *c, int policy);

/* multipath -t: the configuration in effect, multipath-tools' layout.
 * out(arg, text) is called with pieces of text. */
typedef void (*mp_conf_out_fn)(void *arg, const char *text);
void mp_conf_dump(const struct mp_conf *c, mp_conf_out_fn out, void *arg);

#endif
