/* Host tests of multipathd's pure parts: the command words, the
 * no_path_retry state machine and the "show maps json" layout.
 * Invariants: only listed command words are accepted and a path
 * argument must be an sd disk name; no_path_retry N fails after exactly
 * N intervals without a path and queues again as soon as one is back;
 * the JSON is multipath-tools' layout and escapes device strings; a
 * path's check interval resolves as multipath-tools 0.9.4's, doubles
 * while the path stays up and never exceeds max_polling_interval, and
 * any other verdict brings it back to polling_interval (so with max equal
 * to the interval an offline path is seen within one interval of going
 * down, plus its check). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/multipathd/mpd.h"
#include "conf.h"
#include "unit.h"

static void t_checker(void)
{
	enum mpd_checker c = CHECKER_TUR;

	EXPECT_INT(mpd_checker_parse("directio", &c), 0, "checker-directio");
	EXPECT_INT(c, CHECKER_DIRECTIO, "checker-directio-v");
	EXPECT_INT(mpd_checker_parse("readsector0", &c), 0, "checker-rs0");
	EXPECT_INT(c, CHECKER_READSECTOR0, "checker-rs0-v");
	EXPECT_INT(mpd_checker_parse("tur", &c), 0, "checker-tur");
	EXPECT_INT(c, CHECKER_TUR, "checker-tur-v");
	EXPECT_INT(mpd_checker_parse("emc_clariion", &c), -EINVAL, "checker-unknown");
	EXPECT_INT(mpd_checker_parse("", &c), -EINVAL, "checker-empty");
	EXPECT_INT(strcmp(mpd_checker_name(CHECKER_READSECTOR0), "readsector0"), 0, "checker-name");
	UNIT_PASS("checker-names");
}

/* show daemon names the checker the paths run: -c's for all of them, or
 * per LU from the configuration with its default and the counts (it said
 * "checker tur" from the unset -c whatever the configuration chose). */
static void t_checker_line(void)
{
	static const unsigned int n[3] = { 1, 2, 0 };
	struct obuf o = { 0 };

	mpd_checker_line(&o, 1, CHECKER_READSECTOR0, CHECKER_TUR, n);
	EXPECT_STR(o.b, "checker readsector0\n", "checker-line-c");
	ob_free(&o);
	UNIT_PASS("checker-line-c");
	memset(&o, 0, sizeof(o));
	mpd_checker_line(&o, 0, CHECKER_TUR, CHECKER_DIRECTIO, n);
	EXPECT_STR(o.b, "checker per LU from the configuration (default directio): "
		   "tur 1 directio 2 readsector0 0\n", "checker-line-per-lu");
	ob_free(&o);
	UNIT_PASS("checker-line-per-lu");
}

static void t_cmd(void)
{
	static const struct { const char *line; int ok; enum mpd_verb v; const char *arg; } c[] = {
		{ "show maps json", 1, MPD_SHOW_MAPS_JSON, "" },
		{ "  show   paths\n", 1, MPD_SHOW_PATHS, "" },
		{ "list maps", 1, MPD_SHOW_MAPS, "" },
		{ "show topology", 1, MPD_SHOW_TOPOLOGY, "" },
		{ "fail path sdb", 1, MPD_FAIL_PATH, "sdb" },
		{ "reinstate path /dev/sdaa", 1, MPD_REINSTATE_PATH, "sdaa" },
		{ "del path sdc", 1, MPD_DEL_PATH, "sdc" },
		{ "remove path sdc", 1, MPD_DEL_PATH, "sdc" },
		{ "add path sdd", 1, MPD_ADD_PATH, "sdd" },
		{ "reconfigure", 1, MPD_RECONFIGURE, "" },
		{ "shutdown", 1, MPD_SHUTDOWN, "" },
		{ "handover begin", 1, MPD_HANDOVER_BEGIN, "" },
		{ "handover done", 1, MPD_HANDOVER_DONE, "" },
		{ "handover abort", 1, MPD_HANDOVER_ABORT, "" },
		{ "handover iscsi", 1, MPD_HANDOVER_ISCSI, "" },
		{ "handover iscsi now", 0, 0, "" },
		{ "handover", 0, 0, "" },
		{ "handover /root", 0, 0, "" },
		{ "", 0, 0, "" },
		{ "show", 0, 0, "" },
		{ "show maps json extra", 0, 0, "" },
		{ "fail path sdb1", 0, 0, "" },
		{ "fail path ../../etc", 0, 0, "" },
		{ "fail path", 0, 0, "" },
		{ "fail path sdb sdc", 0, 0, "" },
		{ "SHUTDOWN", 0, 0, "" },
		{ "a b c d e f g h", 0, 0, "" },
	};
	struct mpd_cmd cmd;
	const char *why;
	char name[48];
	unsigned int i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		snprintf(name, sizeof(name), "cmd-%u", i);
		EXPECT_INT(mpd_cmd_parse(c[i].line, &cmd, &why), c[i].ok ? 0 : -EINVAL, name);
		if (c[i].ok) {
			EXPECT_INT(cmd.verb, c[i].v, name);
			EXPECT_STR(cmd.arg, c[i].arg, name);
		} else {
			EXPECT(why && why[0], name, "no reason");
		}
		UNIT_PASS(name);
	}
}

static void t_npr(void)
{
	struct npr s;
	int mode;
	unsigned int i;

	EXPECT_INT(npr_parse("queue", &mode), 0, "npr-parse");
	EXPECT_INT(mode, NPR_QUEUE, "npr-parse");
	EXPECT_INT(npr_parse("fail", &mode), 0, "npr-parse");
	EXPECT_INT(mode, NPR_FAIL, "npr-parse");
	EXPECT_INT(npr_parse("12", &mode), 0, "npr-parse");
	EXPECT_INT(mode, 12, "npr-parse");
	/* multipath-tools 0.9.4 (dict.c no_path_retry_helper): 0 is fail,
	 * in multipath.conf and so for -n (one grammar, conf_values.c) */
	EXPECT_INT(npr_parse("0", &mode), 0, "npr-parse");
	EXPECT_INT(mode, NPR_FAIL, "npr-parse");
	EXPECT_INT(npr_parse("-3", &mode), -EINVAL, "npr-parse");
	EXPECT_INT(npr_parse("x", &mode), -EINVAL, "npr-parse");
	UNIT_PASS("npr-parse");

	/* N = 3, map created without queueing: queue at once, then after 3
	 * intervals with no path fail; a path back queues again */
	npr_init(&s, 3, 0);
	EXPECT_INT(npr_tick(&s, 2), NPR_SEND_QUEUE, "npr-n");
	EXPECT_INT(npr_tick(&s, 2), NPR_KEEP, "npr-n");
	EXPECT_INT(npr_tick(&s, 0), NPR_KEEP, "npr-n");
	EXPECT_INT(npr_tick(&s, 0), NPR_KEEP, "npr-n");
	EXPECT_INT(npr_tick(&s, 0), NPR_SEND_FAIL, "npr-n");
	for (i = 0; i < 10; i++)
		EXPECT_INT(npr_tick(&s, 0), NPR_KEEP, "npr-n");
	EXPECT_INT(npr_tick(&s, 1), NPR_SEND_QUEUE, "npr-n");
	/* a path returning within N resets the count */
	EXPECT_INT(npr_tick(&s, 0), NPR_KEEP, "npr-n");
	EXPECT_INT(npr_tick(&s, 0), NPR_KEEP, "npr-n");
	EXPECT_INT(npr_tick(&s, 1), NPR_KEEP, "npr-n");
	EXPECT_INT(npr_tick(&s, 0), NPR_KEEP, "npr-n");
	EXPECT_INT(npr_tick(&s, 0), NPR_KEEP, "npr-n");
	EXPECT_INT(npr_tick(&s, 0), NPR_SEND_FAIL, "npr-n");
	UNIT_PASS("npr-n");

	/* Per LU from the configuration (no -n): multipath-tools' values, and
	 * unset leaves the table's queueing alone.  The daemon used -n's
	 * default "fail" for every map and so turned off the queueing a LU's
	 * "no_path_retry queue" (or N) had put in its table. */
	EXPECT_INT(npr_of_conf(MP_NPR_FAIL, 1), NPR_FAIL, "npr-conf");
	EXPECT_INT(npr_of_conf(MP_NPR_QUEUE, 0), NPR_QUEUE, "npr-conf");
	EXPECT_INT(npr_of_conf(12, 1), 12, "npr-conf");
	EXPECT_INT(npr_of_conf(0, 1), NPR_QUEUE, "npr-conf");
	EXPECT_INT(npr_of_conf(0, 0), NPR_UNDEF, "npr-conf");
	npr_init(&s, npr_of_conf(0, 0), 1); /* queueing set by hand */
	for (i = 0; i < 5; i++)
		EXPECT_INT(npr_tick(&s, i & 1), NPR_KEEP, "npr-conf");
	npr_init(&s, npr_of_conf(0, 0), 0);
	EXPECT_INT(npr_tick(&s, 0), NPR_KEEP, "npr-conf");
	UNIT_PASS("npr-conf");

	npr_init(&s, NPR_QUEUE, 1);
	EXPECT_INT(npr_tick(&s, 0), NPR_KEEP, "npr-queue");
	EXPECT_INT(npr_tick(&s, 0), NPR_KEEP, "npr-queue");
	UNIT_PASS("npr-queue");
	npr_init(&s, NPR_FAIL, 1);
	EXPECT_INT(npr_tick(&s, 1), NPR_SEND_FAIL, "npr-fail");
	EXPECT_INT(npr_tick(&s, 0), NPR_KEEP, "npr-fail");
	UNIT_PASS("npr-fail");
}

/* 40 maps (about 30 kB): counted (OB_COUNT, nothing kept) to exactly
 * the length of the text kept whole; conn.c announces that count and
 * then renders the listing a chunk at a time (tests/t_loop.c). */
static void render(const struct mpd_mview *v, struct obuf *o, unsigned int n)
{
	unsigned int i;

	mpd_json_head(o, n);
	for (i = 0; i < n; i++)
		mpd_json_map(v, i, o);
	mpd_json_tail(o);
}

static void t_count(const struct mpd_mview *v)
{
	struct obuf k = { 0 }, c = { .mode = OB_COUNT };

	render(v, &k, 40);
	render(v, &c, 40);
	EXPECT(k.len > 8 * OB_CHUNK, "count", "only %zu bytes", k.len);
	EXPECT_INT((long)c.len, (long)k.len, "count");
	EXPECT(!c.b, "count", "count kept text");
	ob_free(&k);
	UNIT_PASS("count");
}

static void t_json(void)
{
	static struct mp_table t;
	static struct mp_status st;
	struct mpd_pview p[2] = {
		{ "sdb", 8, 16, 0, 0, 0, 0, "running", "ready", 'A', "directio", -1 },
		{ NULL, 8, 32, 0, 0, 0, 0, NULL, "faulty", 'F', NULL, -1 },
	};
	struct mpd_mview v = { "m\"1", "36001", 3, 0, "off", "immediate",
			       "QEMU", "QEMU HARDDISK", "2.5+", &t, &st, p };
	struct obuf o = { 0 };

	EXPECT_INT(mp_table_parse("0 0 2 1 service-time 0 1 1 8:16 1 "
				  "service-time 0 1 1 8:32 1", &t), 0, "json");
	EXPECT_INT(mp_status_parse("2 0 0 0 2 1 A 0 1 2 8:16 A 0 0 1 "
				   "E 0 1 2 8:32 F 3 0 1 ", &st), 0, "json");
	mpd_json_maps(&v, 1, &o);
	EXPECT_INT(o.err, 0, "json");
	EXPECT(strstr(o.b, "{\n   \"major_version\": 0,\n   \"minor_version\": 1,\n"
		       "   \"map_count\": 1,\n   \"maps\": [{\n"), "json", "head: %s", o.b);
	EXPECT(strstr(o.b, "      \"name\" : \"m\\\"1\",\n"), "json", "escape: %s", o.b);
	EXPECT(strstr(o.b, "      \"sysfs\" : \"dm-3\",\n"), "json", "sysfs");
	EXPECT(strstr(o.b, "      \"paths\" : 1,\n"), "json", "paths");
	EXPECT(strstr(o.b, "         \"selector\" : \"service-time 0\",\n"), "json", "sel");
	EXPECT(strstr(o.b, "         \"dm_st\" : \"enabled\",\n"), "json", "pg state");
	EXPECT(strstr(o.b, "            \"dev\" : \"sdb\",\n"), "json", "dev");
	EXPECT(strstr(o.b, "            \"dev_t\" : \"8:32\",\n"), "json", "dev_t");
	EXPECT(strstr(o.b, "            \"dm_st\" : \"failed\",\n"), "json", "failed");
	/* each path's own checker (it said "tur" for every path) */
	EXPECT(strstr(o.b, "            \"checker\" : \"directio\",\n"), "json", "checker");
	EXPECT(strstr(o.b, "            \"checker\" : \"undef\",\n"), "json", "no checker");
	EXPECT(strstr(o.b, "\"group\" : 2,"), "json", "group");
	/* the constant members (json.c's key tables) and the last member of
	 * a path, which has no comma */
	EXPECT(strstr(o.b, "      \"action\" : \"\",\n      \"path_faults\" : 0,\n"),
	       "json", "constants");
	EXPECT(strstr(o.b, "      \"q_timeouts\" : 0,\n      \"path_groups\": [{\n"),
	       "json", "zeros");
	EXPECT(strstr(o.b, "            \"host_adapter\" : \"[undef]\",\n"
		       "            \"lun_hex\" : \"0x0000000000000000\",\n"
		       "            \"marginal_st\" : \"normal\"\n         }]\n      },{\n"),
	       "json", "last member");
	EXPECT(!strcmp(o.b + o.len - 4, "]\n}\n"), "json", "tail");
	ob_free(&o);
	UNIT_PASS("json");

	mpd_json_maps(&v, 0, &o);
	EXPECT(strstr(o.b, "\"map_count\": 0,\n   \"maps\": []\n}\n"), "json-empty", "%s", o.b);
	ob_free(&o);
	UNIT_PASS("json-empty");
	t_count(&v);
}

/* #24 minor: a group's "pri" is its paths' mean priority (a live table
 * carries none; it was always 0 while -ll showed 50 and 10), a path's
 * "pri" its own; and no raw control byte leaves a reply (a map name
 * holding ESC), line ends and tabs kept. */
static void t_json_pri(void)
{
	static struct mp_table t;
	struct mpd_pview p[3] = {
		{ "sdb", 8, 16, 0, 0, 0, 0, "running", "ready", 'A', "tur", 50 },
		{ "sdd", 8, 48, 0, 0, 0, 0, "running", "ready", 'A', "tur", 30 },
		{ "sdc", 8, 32, 0, 0, 0, 0, "running", "ready", 'A', "tur", 10 },
	};
	struct mpd_mview v = { "m", "36001", 3, 0, "off", "immediate",
			       "", "", "", &t, NULL, p };
	struct obuf o = { 0 };

	EXPECT_INT(mp_table_parse("0 0 2 1 service-time 0 2 1 8:16 1 8:48 1 "
				  "service-time 0 1 1 8:32 1", &t), 0, "json-pri");
	mpd_json_maps(&v, 1, &o);
	EXPECT(strstr(o.b, "\"group\" : 1,") && strstr(o.b, "         \"pri\" : 40,\n") &&
	       strstr(o.b, "         \"pri\" : 10,\n"), "json-pri", "%s", o.b);
	EXPECT(strstr(o.b, "            \"pri\" : 50,\n"), "json-pri", "path pri");
	ob_free(&o);
	UNIT_PASS("json-pri");
	ob_add(&o, "%s dm-0\t%s\n", "esc\033[31m", "del\177");
	EXPECT_STR(o.b, "esc?[31m dm-0\tdel?\n", "reply-no-control");
	ob_free(&o);
	UNIT_PASS("reply-no-control");
}

static void t_backoff(void)
{
	/* (polling, max) as the configuration (or -i) says, 0: unset */
	static const struct { unsigned int pi, max, i_ms, max_ms; } iv[] = {
		{ 0, 0, 5000, 20000 },       /* built-in: 5 s, 4 x 5 s */
		{ 1, 0, 1000, 4000 },        /* -i 1 */
		{ 1, 1, 1000, 1000 },        /* no backoff at all */
		{ 0, 20, 5000, 20000 },      /* max alone: a quarter of it */
		{ 0, 3, 1000, 3000 },        /* ... 1 s at least */
		{ 10, 4, 4000, 4000 },       /* an interval past max is max */
		{ 3, 10, 3000, 10000 },
		{ 100000, 0, 86400000, 345600000 }, /* a day at most: no overflow */
	};
	unsigned int i, k, ims, mms;
	uint64_t w, was;
	uint8_t n = 0;

	for (i = 0; i < sizeof(iv) / sizeof(iv[0]); i++) {
		mpd_intervals(iv[i].pi, iv[i].max, &ims, &mms);
		EXPECT(ims == iv[i].i_ms && mms == iv[i].max_ms, "intervals",
		       "(%u, %u): %u ms, max %u ms; want %u, %u", iv[i].pi, iv[i].max,
		       ims, mms, iv[i].i_ms, iv[i].max_ms);
	}
	UNIT_PASS("intervals");

	/* multipath-tools' doubling: 1, 2, 4, 4 s at -i 1; 3, 6, 10 s at
	 * (3, 10); a verdict that is not "up again" starts over */
	EXPECT_INT(mpd_next_wait(&n, 0, 1000, 4000), 1000, "backoff");
	EXPECT_INT(mpd_next_wait(&n, 1, 1000, 4000), 2000, "backoff");
	EXPECT_INT(mpd_next_wait(&n, 1, 1000, 4000), 4000, "backoff");
	EXPECT_INT(mpd_next_wait(&n, 1, 1000, 4000), 4000, "backoff");
	EXPECT_INT(mpd_next_wait(&n, 0, 1000, 4000), 1000, "backoff");
	n = 0;
	EXPECT_INT(mpd_next_wait(&n, 1, 3000, 10000), 6000, "backoff");
	EXPECT_INT(mpd_next_wait(&n, 1, 3000, 10000), 10000, "backoff");
	EXPECT_INT(mpd_next_wait(&n, 1, 3000, 10000), 10000, "backoff");
	UNIT_PASS("backoff");

	/* the bound, over every pair of the table above and 100 verdicts
	 * each: the wait is within [interval, max], it never more than
	 * doubles, and max == interval means every check is an interval */
	for (i = 0; i < sizeof(iv) / sizeof(iv[0]); i++) {
		mpd_intervals(iv[i].pi, iv[i].max, &ims, &mms);
		n = 0;
		was = ims;
		for (k = 0; k < 100; k++) {
			w = mpd_next_wait(&n, k % 7 != 6, ims, mms);
			EXPECT(w >= ims && w <= mms && w <= 2 * was, "backoff-bound",
			       "(%u, %u) verdict %u: %llu ms", ims, mms, k, (unsigned long long)w);
			EXPECT(mms != ims || w == ims, "backoff-bound", "max = interval: %llu ms",
			       (unsigned long long)w);
			was = w;
		}
	}
	/* the doublings stop: no shift past 63 bits, however long it is up */
	n = 0;
	for (k = 0; k < 1000; k++)
		w = mpd_next_wait(&n, 1, 1, ~0u);
	EXPECT(w == ~0u && n <= 32, "backoff-bound", "1 ms to 4 Gms: %llu after %u doublings",
	       (unsigned long long)w, n);
	UNIT_PASS("backoff-bound");
}

int main(void)
{
	unit_suite = "mpd";
	t_backoff();
	t_cmd();
	t_checker();
	t_checker_line();
	t_npr();
	t_json();
	t_json_pri();
	return UNIT_DONE();
}
