/* multipathd command words, see mpd.h.  Table-driven: each entry is the
 * words of one command; "%" stands for the path argument. */
#include <errno.h>
#include <string.h>

#include "conf_values.h"
#include "mpd.h"
#include "str.h"

static const struct {
	const char *words;
	enum mpd_verb verb;
} cmds[] = {
	{ "show paths", MPD_SHOW_PATHS },
	{ "list paths", MPD_SHOW_PATHS },
	{ "show maps", MPD_SHOW_MAPS },
	{ "list maps", MPD_SHOW_MAPS },
	{ "show multipaths", MPD_SHOW_MAPS },
	{ "show topology", MPD_SHOW_TOPOLOGY },
	{ "list topology", MPD_SHOW_TOPOLOGY },
	{ "show maps topology", MPD_SHOW_TOPOLOGY },
	{ "show maps json", MPD_SHOW_MAPS_JSON },
	{ "list maps json", MPD_SHOW_MAPS_JSON },
	{ "show daemon", MPD_SHOW_DAEMON },
	{ "reconfigure", MPD_RECONFIGURE },
	{ "add path %", MPD_ADD_PATH },
	{ "del path %", MPD_DEL_PATH },
	{ "remove path %", MPD_DEL_PATH },
	{ "fail path %", MPD_FAIL_PATH },
	{ "reinstate path %", MPD_REINSTATE_PATH },
	{ "shutdown", MPD_SHUTDOWN },
	/* ours, for the initramfs init (see MPD_NEWROOT) */
	{ "handover begin", MPD_HANDOVER_BEGIN },
	{ "handover done", MPD_HANDOVER_DONE },
	{ "handover abort", MPD_HANDOVER_ABORT },
	{ "handover iscsi", MPD_HANDOVER_ISCSI },
};

#define MAXW 6

/* Split at blanks into at most MAXW words; -EINVAL beyond. */
static int split(const char *s, char w[MAXW][MP_DEV_LEN + 8], unsigned int *n)
{
	*n = 0;
	for (;;) {
		size_t l;

		while (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
		if (!*s)
			return 0;
		l = strcspn(s, " \t\n");
		if (*n == MAXW || l >= MP_DEV_LEN + 8)
			return -EINVAL;
		memcpy(w[*n], s, l);
		w[(*n)++][l] = '\0';
		s += l;
	}
}

int mpd_cmd_parse(const char *line, struct mpd_cmd *c, const char **why)
{
	char w[MAXW][MP_DEV_LEN + 8], t[MAXW][MP_DEV_LEN + 8];
	unsigned int n, tn, i, k;

	*why = "unknown command";
	if (split(line, w, &n) || !n)
		return -EINVAL;
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		const char *arg = NULL;

		split(cmds[i].words, t, &tn);
		if (tn != n)
			continue;
		for (k = 0; k < n; k++) {
			if (!strcmp(t[k], "%"))
				arg = w[k];
			else if (strcmp(t[k], w[k]))
				break;
		}
		if (k < n)
			continue;
		c->verb = cmds[i].verb;
		c->arg[0] = '\0';
		if (arg) {
			if (!strncmp(arg, "/dev/", 5))
				arg += 5;
			/* device strings are untrusted: an sd disk name only */
			if (!mp_is_sd_disk(arg) || str_copy(c->arg, arg, sizeof(c->arg))) {
				*why = "not an sd disk name";
				return -EINVAL;
			}
		}
		*why = "";
		return 0;
	}
	return -EINVAL;
}

/* The checkers this daemon runs are the first words of path_checker
 * (conf_values.c): enum mpd_checker is MP_CHK_* - 1. */
int mpd_checker_parse(const char *s, enum mpd_checker *c)
{
	int v;

	if (mp_value_parse(MP_V_CHK, s, &v) || v > MP_CHK_READSECTOR0)
		return -EINVAL;
	*c = (enum mpd_checker)(v - 1);
	return 0;
}

const char *mpd_checker_name(enum mpd_checker c)
{
	const char *w = (unsigned int)c < MP_CHK_READSECTOR0 ?
			mp_value_word(MP_V_CHK, (int)c + 1) : NULL;

	return w ? w : "?";
}
