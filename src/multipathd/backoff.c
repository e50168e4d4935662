/* How often a path is checked: multipath-tools' polling_interval and
 * max_polling_interval, resolved as its 0.9.4 config.c does, and its
 * check_path() backoff (a path found up again waits twice as long, up to
 * max_polling_interval; any other verdict starts again at the interval).
 * Pure: tests/t_mpd.c. */
#include "mpd.h"

/* a day: seconds past it would overflow the milliseconds */
#define SECS_MAX 86400u

void mpd_intervals(unsigned int polling, unsigned int max, unsigned int *interval_ms,
		   unsigned int *max_ms)
{
	polling = polling < SECS_MAX ? polling : SECS_MAX;
	max = max < SECS_MAX ? max : SECS_MAX;
	if (!max) {
		polling = polling ? polling : 5;
		max = 4 * polling;
	} else if (!polling) {
		polling = max >= 4 ? max / 4 : 1;
	} else if (polling > max) {
		polling = max;
	}
	*interval_ms = polling * 1000u;
	*max_ms = max * 1000u;
}

uint64_t mpd_next_wait(uint8_t *n, int steady, unsigned int interval_ms, unsigned int max_ms)
{
	uint64_t w;

	if (!steady)
		*n = 0;
	else if (*n < 32 && ((uint64_t)interval_ms << *n) < max_ms)
		++*n;
	w = (uint64_t)interval_ms << *n;
	return w <= max_ms ? w : max_ms > interval_ms ? max_ms : interval_ms;
}
