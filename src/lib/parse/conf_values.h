/* The value words of multipath.conf, one table read by the config parser
 * (conf_kw.c), its dump (conf_dump.c), the built-in hardware table and
 * every tool's option parser (multipath -p -s, multipathd -n -b -p -c),
 * so that a word means the same wherever it is written.  The words are
 * multipath-tools 0.9.4's (libmultipath/dict.c): failback manual |
 * immediate | followover | N, no_path_retry fail | 0 | queue | N, and so
 * on.  Numbers go up to 10^9 and a bad one is refused (dict.c caps at
 * INT_MAX; its failback 0 means unset, which a refused value leaves it
 * here too).  Pure: no I/O. */
#ifndef MPBOOT_CONF_VALUES_H
#define MPBOOT_CONF_VALUES_H

/* Value kinds.  The order says how a keyword stores its value (conf_kw.c):
 * up to MP_V_PGP a small code (int8_t), up to MP_V_FIO an int, from
 * MP_V_SEL on the text itself, once its word is known. */
enum mp_vk {
	MP_V_BOOL,      /* no | 0, yes | 1: MP_NO, MP_YES */
	MP_V_FLUSH,     /* flush_on_last_del: also never, unused, always */
	MP_V_FM,        /* find_multipaths: enum mp_fm */
	MP_V_RRW,       /* rr_weight: MP_RRW_* */
	MP_V_PGP,       /* path_grouping_policy: enum mp_policy + 1 */
	MP_V_FB,        /* failback: MP_FB_* or seconds */
	MP_V_NPR,       /* no_path_retry: MP_NPR_* or intervals */
	MP_V_UINT,      /* a number > 0 */
	MP_V_DEVLOSS,   /* dev_loss_tmo: MP_NUM_INFINITY or seconds (0: unset) */
	MP_V_FIO,       /* fast_io_fail_tmo: MP_NUM_OFF, MP_NUM_ZERO or seconds */
	MP_V_SEL,       /* path_selector: its first word; code 1.. */
	MP_V_PRIO,      /* prio: MP_PRIO_* */
	MP_V_CHK,       /* path_checker: MP_CHK_* */
	MP_V_N
};

/* The codes of the prio and checker words (the built-in hardware table
 * keeps them in 4 bits; multipathd's enum mpd_checker is MP_CHK_* - 1). */
enum { MP_PRIO_CONST = 1, MP_PRIO_SYSFS, MP_PRIO_ALUA, MP_PRIO_RDAC,
       MP_PRIO_EMC, MP_PRIO_HP_SW, MP_PRIO_ONTAP, MP_PRIO_HDS };
enum { MP_CHK_TUR = 1, MP_CHK_DIRECTIO, MP_CHK_READSECTOR0, MP_CHK_RDAC,
       MP_CHK_EMC, MP_CHK_HP_SW, MP_CHK_NONE };

/* v as a value of kind k: its code (a word's, or the number) in *code.
 * MP_V_SEL looks at v's first word only ("service-time 0").  0 or
 * -EINVAL. */
int mp_value_parse(enum mp_vk k, const char *v, int *code);

/* The word of code in kind k (the first spelling: "no", not "0"), NULL
 * if code is a number or no word's. */
const char *mp_value_word(enum mp_vk k, int code);

#endif
