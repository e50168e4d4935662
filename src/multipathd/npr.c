/* The no_path_retry state machine, see mpd.h. */
#include <errno.h>

#include "conf.h"
#include "conf_values.h"
#include "mpd.h"

/* The one grammar of no_path_retry (conf_values.c), as the config's. */
int npr_parse(const char *s, int *mode)
{
	int v;

	if (mp_value_parse(MP_V_NPR, s, &v))
		return -EINVAL;
	*mode = npr_of_conf(v, 0);
	return 0;
}

void npr_init(struct npr *s, int mode, int queueing)
{
	s->mode = mode;
	s->left = mode > 0 ? (unsigned int)mode : 0;
	s->queueing = queueing;
}

enum npr_msg npr_tick(struct npr *s, unsigned int nup)
{
	int want;

	if (s->mode == NPR_UNDEF)
		return NPR_KEEP;
	if (s->mode == NPR_QUEUE) {
		want = 1;
	} else if (s->mode == NPR_FAIL) {
		want = 0;
	} else if (nup) {
		s->left = (unsigned int)s->mode; /* a path is back: start over */
		want = 1;
	} else {
		if (s->left)
			s->left--;
		want = s->left > 0;
	}
	if (want == s->queueing)
		return NPR_KEEP;
	s->queueing = want;
	return want ? NPR_SEND_QUEUE : NPR_SEND_FAIL;
}

int npr_of_conf(int npr, int table_queues)
{
	if (npr == MP_NPR_FAIL)
		return NPR_FAIL;
	if (npr == MP_NPR_QUEUE)
		return NPR_QUEUE;
	if (npr > 0)
		return npr;
	return table_queues ? NPR_QUEUE : NPR_UNDEF;
}
