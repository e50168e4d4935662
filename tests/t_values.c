/* The value words (conf_values.c): one grammar wherever a value is
 * written.  Invariants: every word and number a multipath.conf keyword
 * takes is taken by the tool option that sets the same thing (multipath
 * -p -s, multipathd -n -b -p -c), with the same meaning, and every value
 * one refuses the other refuses; where the two used to disagree the
 * grammar is multipath-tools 0.9.4's (dict.c): no_path_retry 0 is fail,
 * failback N has no bound below 10^9; every word reads back from its name
 * (the -t dump writes names); the built-in hardware table names only
 * words the config takes. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "../src/multipathd/mpd.h"
#include "conf.h"
#include "conf_values.h"
#include "mpath.h"
#include "unit.h"

/* What the config makes of "defaults { kw v }": the defaults block, and
 * whether it warned. */
static int conf_value(const char *kw, const char *v, struct mp_conf *c)
{
	char text[256];

	snprintf(text, sizeof(text), "defaults {\n\t%s \"%s\"\n}\n", kw, v);
	mp_conf_init(c, NULL, NULL);
	if (mp_conf_parse(c, "t.conf", text, strlen(text)))
		return -ENOMEM;
	return c->nwarn ? -EINVAL : 0;
}

static const char *const fb_cases[] = {
	"manual", "immediate", "followover", "1", "5", "86400", "86401",
	"1000000000", "1000000001", "0", "-1", "01", "x", "", "Manual",
};

/* failback: config and multipathd -b (which took 1..86400 only). */
static void t_failback(void)
{
	size_t i;

	for (i = 0; i < sizeof(fb_cases) / sizeof(fb_cases[0]); i++) {
		struct mp_conf c;
		int opt = 0, rc = conf_value("failback", fb_cases[i], &c);
		int ro = mp_value_parse(MP_V_FB, fb_cases[i], &opt);

		EXPECT(rc == ro && (rc || opt == c.defaults.failback), "failback",
		       "'%s': config %d (%d), option %d (%d)", fb_cases[i], rc,
		       c.defaults.failback, ro, opt);
		mp_conf_free(&c);
	}
	UNIT_PASS("failback");
}

static const char *const npr_cases[] = {
	"fail", "queue", "0", "1", "12", "1000000", "1000001", "1000000000",
	"1000000001", "00", "-3", "x", "", "Queue",
};

/* no_path_retry: config and multipathd -n (npr.c took 1..10^6 and
 * refused 0); the daemon's mode is npr_of_conf of the config's value. */
static void t_npr(void)
{
	size_t i;
	int mode;

	for (i = 0; i < sizeof(npr_cases) / sizeof(npr_cases[0]); i++) {
		struct mp_conf c;
		int rc = conf_value("no_path_retry", npr_cases[i], &c);
		int ro = npr_parse(npr_cases[i], &mode);

		EXPECT(rc == ro && (rc || mode == npr_of_conf(c.defaults.no_path_retry, 0)),
		       "npr", "'%s': config %d (%d), option %d (%d)", npr_cases[i], rc,
		       c.defaults.no_path_retry, ro, mode);
		mp_conf_free(&c);
	}
	/* multipath-tools 0.9.4: 0 is fail, in both */
	EXPECT_INT(npr_parse("0", &mode), 0, "npr-0.9.4");
	EXPECT_INT(mode, NPR_FAIL, "npr-0.9.4");
	UNIT_PASS("npr-0.9.4");
	UNIT_PASS("npr");
}

/* path_checker: every name the config takes, and multipathd -c takes
 * those it runs (tur, directio, readsector0), under the same name. */
static void t_checker(void)
{
	static const char *const runs[] = { "tur", "directio", "readsector0" };
	const char *w;
	int code, n = 0;

	for (code = 1; (w = mp_value_word(MP_V_CHK, code)); code++) {
		struct mp_conf c;
		enum mpd_checker ck;
		int rc = conf_value("path_checker", w, &c);
		int ro = mpd_checker_parse(w, &ck);

		EXPECT(!rc && c.defaults.checker && !strcmp(c.defaults.checker, w),
		       "checker", "config refuses '%s'", w);
		EXPECT((ro == 0) == (code <= 3), "checker", "-c '%s': %d", w, ro);
		EXPECT(ro || !strcmp(mpd_checker_name(ck), w), "checker",
		       "-c '%s' is named %s", w, mpd_checker_name(ck));
		EXPECT(code > 3 || !strcmp(runs[code - 1], w), "checker",
		       "checker %d is %s", code, w);
		mp_conf_free(&c);
		n++;
	}
	EXPECT_INT(n, 9, "checker"); /* 0.9.4's 8 checkers, and rbd */
	{
		struct mp_conf c;
		enum mpd_checker ck;
		int rc = conf_value("path_checker", "bogus", &c);

		mp_conf_free(&c);
		EXPECT(rc && mpd_checker_parse("bogus", &ck), "checker", "bogus taken");
	}
	UNIT_PASS("checker");
}

/* path_selector: the config takes "NAME args", multipath -s the name
 * alone; the same names (mpath.c's list lacked historical-service-time). */
static void t_selector(void)
{
	static const char *const cases[] = {
		"service-time", "round-robin", "queue-length",
		"historical-service-time", "random", "service", "",
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mp_conf c;
		char v[64];
		int rc;

		snprintf(v, sizeof(v), "%s 0", cases[i]);
		rc = conf_value("path_selector", v, &c);
		EXPECT((rc == 0) == mp_selector_ok(cases[i]), "selector",
		       "'%s': config %d, -s %d", cases[i], rc, mp_selector_ok(cases[i]));
		mp_conf_free(&c);
	}
	EXPECT(!mp_selector_ok("service-time 0"), "selector", "-s takes arguments");
	UNIT_PASS("selector");
}

/* path_grouping_policy: config and -p of both tools. */
static void t_policy(void)
{
	static const char *const bad[] = { "round-robin", "Failover", "" };
	enum mp_policy p;
	size_t i;

	for (i = 0; i < MP_POLICY_N; i++) {
		const char *w = mp_policy_name((enum mp_policy)i);
		struct mp_conf c;
		int rc = conf_value("path_grouping_policy", w, &c);

		EXPECT(!rc && !mp_policy_parse(w, &p) && (size_t)p == i &&
		       c.defaults.pgpolicy == (int)i + 1, "policy", "'%s'", w);
		mp_conf_free(&c);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct mp_conf c;

		EXPECT(conf_value("path_grouping_policy", bad[i], &c) &&
		       mp_policy_parse(bad[i], &p), "policy", "'%s' taken", bad[i]);
		mp_conf_free(&c);
	}
	UNIT_PASS("policy");
}

/* Each word of each kind reads back as itself from its name, and the
 * other spellings mean the same as the name. */
static void t_names(void)
{
	static const struct { enum mp_vk k; const char *w, *name; } alias[] = {
		{ MP_V_BOOL, "1", "yes" }, { MP_V_BOOL, "0", "no" },
		{ MP_V_FLUSH, "always", "yes" }, { MP_V_FLUSH, "never", "no" },
		{ MP_V_FLUSH, "unused", "no" }, { MP_V_FM, "yes", "on" },
		{ MP_V_FM, "1", "on" }, { MP_V_FM, "no", "off" },
		{ MP_V_NPR, "0", "fail" },
	};
	enum mp_vk k;
	size_t i;

	for (k = 0; k < MP_V_N; k++) {
		int code, back;
		const char *w;

		for (code = -4; code < 20; code++) {
			w = mp_value_word(k, code);
			if (!w)
				continue;
			EXPECT(!mp_value_parse(k, w, &back) && back == code, "names",
			       "kind %d: '%s' is %d, read back %d", k, w, code, back);
		}
	}
	for (i = 0; i < sizeof(alias) / sizeof(alias[0]); i++) {
		int code;

		EXPECT(!mp_value_parse(alias[i].k, alias[i].w, &code) &&
		       !strcmp(mp_value_word(alias[i].k, code), alias[i].name),
		       "names", "'%s' is not '%s'", alias[i].w, alias[i].name);
	}
	UNIT_PASS("names");
}

/* The built-in hardware table's prio and checker names are words. */
static void t_hwtable(void)
{
	size_t i;
	int code;

	for (i = 0; i < mp_hwtable_n; i++) {
		struct mp_set s;

		mp_hwb_set(&mp_hwtable[i], &s);
		EXPECT(!s.prio || !mp_value_parse(MP_V_PRIO, s.prio, &code), "hwtable",
		       "entry %zu: prio %s", i, s.prio);
		EXPECT(!s.checker || !mp_value_parse(MP_V_CHK, s.checker, &code),
		       "hwtable", "entry %zu: checker %s", i, s.checker);
	}
	EXPECT(!mp_value_parse(MP_V_CHK, mp_builtin_defaults.checker, &code) &&
	       !mp_value_parse(MP_V_PRIO, mp_builtin_defaults.prio, &code) &&
	       !mp_value_parse(MP_V_SEL, mp_builtin_defaults.selector, &code),
	       "hwtable", "built-in defaults");
	UNIT_PASS("hwtable");
}

int main(void)
{
	unit_suite = "values";
	t_failback();
	t_npr();
	t_checker();
	t_selector();
	t_policy();
	t_names();
	t_hwtable();
	return UNIT_DONE();
}
