/* Host tests of multipathd's re-login table (src/multipathd/relogin.c).
 *
 * Invariants: a session enters once on its connection error, due at
 * once; while an attempt runs it is never due; a failed attempt waits
 * 1, 2, 2... s (capped, so a returning link is tried within 2 s);
 * a successful one frees the slot, and a later loss starts over at the
 * shortest wait; *next is lowered to the earliest waiting session; with
 * RL_MAX sessions waiting another is refused with -ENOSPC; a record's
 * lines become the applet's arguments, never more than the room given. */
#include <errno.h>
#include <string.h>

#include "../src/multipathd/relogin.h"
#include "unit.h"

static void c_cycle(void)
{
	struct rl_table t;
	struct rl_sess *s;
	uint64_t next = ~0ull;

	rl_init(&t);
	EXPECT(rl_due(&t, 0, &next) == NULL && next == ~0ull, "cycle", "empty");
	EXPECT_INT(rl_lost(&t, 7, 1000), 0, "cycle");
	EXPECT_INT(rl_lost(&t, 7, 1100), 0, "cycle");
	s = rl_due(&t, 1000, &next);
	EXPECT(s && s->sid == 7 && s->tries == 0, "cycle", "due at once");
	s->fd = 5; /* its attempt runs */
	EXPECT(rl_due(&t, 5000, &next) == NULL, "cycle", "not due while running");
	EXPECT_INT(rl_lost(&t, 7, 1200), 0, "cycle");
	EXPECT_INT(s->fd, 5, "cycle"); /* a second error changes nothing */
	rl_done(s, 0, 2000);
	EXPECT(s->fd == -1 && s->due == 3000, "cycle", "first back-off %llu",
	       (unsigned long long)s->due);
	EXPECT(rl_due(&t, 2900, &next) == NULL && next == 3000, "cycle", "next %llu",
	       (unsigned long long)next);
	rl_done(rl_due(&t, 3000, &next), 0, 4000);
	EXPECT_INT((int)(s->due - 4000), 2000, "cycle");
	rl_done(s, 0, 6000);
	EXPECT_INT((int)(s->due - 6000), 2000, "cycle");
	s->tries = 254;
	rl_done(s, 0, 9000);
	rl_done(s, 0, 9000);
	EXPECT(s->tries == 255 && s->due == 11000, "cycle", "capped");
	rl_done(s, 1, 12000);
	EXPECT(!s->used && rl_due(&t, 99999, &next) == NULL, "cycle", "done");
	EXPECT_INT(rl_lost(&t, 7, 13000), 0, "cycle");
	s = rl_due(&t, 13000, &next);
	EXPECT(s && s->tries == 0 && s->fd == -1, "cycle", "starts over");
	UNIT_PASS("cycle");
}

static void c_full(void)
{
	struct rl_table t;
	unsigned int i;

	rl_init(&t);
	for (i = 0; i < RL_MAX; i++)
		EXPECT_INT(rl_lost(&t, i + 1, 0), 0, "full");
	EXPECT_INT(rl_lost(&t, 999, 0), -ENOSPC, "full");
	EXPECT_INT(rl_lost(&t, 3, 0), 0, "full"); /* known: fine */
	rl_done(&t.s[4], 1, 0);
	EXPECT_INT(rl_lost(&t, 999, 0), 0, "full");
	UNIT_PASS("full");
}

static void c_argv(void)
{
	char b[64] = "-i\niqn.x:a\n-w\nse cret\n", *av[6] = { (char *)"iscsi" };
	char c[8] = "a\nb\nc\nd", *cv[4] = { NULL };

	EXPECT_INT(rl_argv(b, strlen(b), av, 6), 5, "argv");
	EXPECT(!strcmp(av[1], "-i") && !strcmp(av[2], "iqn.x:a") && !strcmp(av[3], "-w") &&
	       !strcmp(av[4], "se cret") && av[5] == NULL, "argv", "split");
	/* bounded: max 4 leaves room for 2 arguments and the NULL */
	EXPECT_INT(rl_argv(c, strlen(c), cv, 4), 3, "argv");
	EXPECT(!strcmp(cv[1], "a") && !strcmp(cv[2], "b") && cv[3] == NULL, "argv", "bounded");
	UNIT_PASS("argv");
}

int main(void)
{
	unit_suite = "relogin";
	c_cycle();
	c_full();
	c_argv();
	return UNIT_DONE();
}
