/* multipath.conf's keywords: where each may be written, where its value
 * goes and what kind of value it is (conf_values.c has the words), see
 * conf_int.h.  The parser (conf.c) and the dump (conf_dump.c) both go by
 * this table, so -t shows all a config can say and reads back the same. */
#include <errno.h>
#include <string.h>

#include "conf_int.h"
#include "str.h"

#define CONF(f) offsetof(struct mp_conf, f)

const struct conf_kw conf_keywords[] = {
	{ "path_grouping_policy", MP_V_PGP, W_ALL, SET(pgpolicy) },
	{ "path_selector", MP_V_SEL, W_ALL, SET(selector) },
	{ "path_checker", MP_V_CHK, W_D | W_V | W_O, SET(checker) },
	{ "checker", MP_V_CHK, W_D | W_V | W_O, SET(checker) },
	{ "prio", MP_V_PRIO, W_ALL, SET(prio) },
	{ "prio_args", K_STR, W_ALL, SET(prio_args) },
	{ "detect_prio", MP_V_BOOL, W_D | W_V | W_O, SET(detect_prio) },
	{ "detect_checker", MP_V_BOOL, W_D | W_V | W_O, SET(detect_checker) },
	{ "hardware_handler", K_COUNTED, W_D | W_V, SET(hwhandler) },
	{ "retain_attached_hw_handler", MP_V_BOOL, W_D | W_V | W_O, SET(retain_hwh) },
	{ "failback", MP_V_FB, W_ALL, SET(failback) },
	{ "no_path_retry", MP_V_NPR, W_ALL, SET(no_path_retry) },
	{ "features", K_COUNTED, W_ALL, SET(features) },
	{ "rr_weight", MP_V_RRW, W_ALL, SET(rr_weight) },
	{ "user_friendly_names", MP_V_BOOL, W_ALL, SET(ufn) },
	{ "alias_prefix", K_STR, W_D | W_V | W_O, SET(alias_prefix) },
	{ "alias", K_STR, W_M, SET(alias) },
	{ "checker_timeout", MP_V_UINT, W_D, SET(checker_timeout) },
	{ "flush_on_last_del", MP_V_FLUSH, W_ALL, SET(flush_on_last_del) },
	{ "dev_loss_tmo", MP_V_DEVLOSS, W_D | W_V | W_O | W_P, SET(dev_loss_tmo) },
	{ "fast_io_fail_tmo", MP_V_FIO, W_D | W_V | W_O | W_P, SET(fast_io_fail_tmo) },
	{ "skip_kpartx", MP_V_BOOL, W_ALL, SET(skip_kpartx) },
	{ "polling_interval", MP_V_UINT, W_C, CONF(polling_interval) },
	{ "max_polling_interval", MP_V_UINT, W_C, CONF(max_polling_interval) },
	{ "find_multipaths", MP_V_FM, W_C, CONF(find_multipaths) },
	{ "bindings_file", K_STR, W_C, CONF(bindings_file) },
	{ "wwids_file", K_STR, W_C, CONF(wwids_file) },
	{ "queue_without_daemon", MP_V_BOOL, W_C, CONF(queue_without_daemon) },
};

const size_t conf_nkeywords = sizeof(conf_keywords) / sizeof(conf_keywords[0]);

/* multipath-tools keywords that are valid but change nothing here (udev,
 * daemon tuning, persistent reservations, ...): accepted without a
 * warning so a distribution's config reads clean. */
static const char ignored[] =
	"verbosity\0" "uid_attribute\0" "uid_attrs\0" "getuid_callout\0" "max_fds\0"
	"rr_min_io\0" "rr_min_io_rq\0" "pg_timeout\0" "log_checker_err\0"
	"reservation_key\0" "all_tg_pt\0" "deferred_remove\0"
	"partition_delimiter\0" "config_dir\0" "strict_timing\0" "retrigger_tries\0"
	"retrigger_delay\0" "missing_uev_wait_timeout\0" "uev_wait_timeout\0"
	"delay_watch_checks\0" "delay_wait_checks\0" "san_path_err_threshold\0"
	"san_path_err_forget_rate\0" "san_path_err_recovery_time\0"
	"marginal_path_double_failed_time\0" "marginal_path_err_sample_time\0"
	"marginal_path_err_rate_threshold\0" "marginal_path_err_recheck_gap_time\0"
	"marginal_pathgroups\0" "find_multipaths_timeout\0" "uxsock_timeout\0"
	"disable_changed_wwids\0" "remove_retries\0" "max_sectors_kb\0"
	"ghost_delay\0" "enable_foreign\0" "recheck_wwid\0" "auto_resize\0"
	"detect_pgpolicy\0" "detect_pgpolicy_use_tpg\0" "multipath_dir\0"
	"udev_dir\0" "mode\0" "uid\0" "gid\0" "prkeys_file\0" "force_sync\0"
	"eh_deadline\0" "vpd_vendor\0" "unpriv_sgio\0" "ignore_new_boot_devs\0"
	"hwtable_regex_match\0" "minio\0" "minio_rq\0" "io_err_stat\0"
	"user_friendly_names_prefix\0";

const struct conf_kw *conf_kw_find(const char *name)
{
	size_t i;

	for (i = 0; i < conf_nkeywords; i++)
		if (!strcmp(conf_keywords[i].name, name))
			return &conf_keywords[i];
	return NULL;
}

int conf_kw_ignored(const char *name)
{
	const char *l;

	/* packed strings: a pointer array cost 8 bytes a word */
	for (l = ignored; *l; l += strlen(l) + 1)
		if (!strcmp(l, name))
			return 1;
	return 0;
}

/* "N word1 .. wordN": the count must match. */
static int counted_ok(const char *v)
{
	unsigned int n, words = 0;
	const char *s = v;
	char num[12];
	size_t l = strcspn(v, " \t");

	if (!l || l >= sizeof(num))
		return 0;
	memcpy(num, v, l);
	num[l] = '\0';
	if (str_to_uint(num, 1000, &n))
		return 0;
	s += l;
	while (*s) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			break;
		words++;
		s += strcspn(s, " \t");
	}
	return words == n;
}

int conf_kw_check(const struct conf_kw *k, const char *v, int *iv)
{
	if (k->kind == K_STR)
		return 0;
	if (k->kind == K_COUNTED)
		return counted_ok(v) ? 0 : -EINVAL;
	return mp_value_parse((enum mp_vk)k->kind, v, iv);
}

void conf_kw_store(const struct conf_kw *k, void *base, int iv, const char *s)
{
	char *at = (char *)base + k->off;

	if (k->kind <= MP_V_PGP)
		*(int8_t *)at = (int8_t)iv;
	else if (k->kind <= MP_V_FIO)
		*(int *)at = iv;
	else
		*(const char **)at = s;
}
