/* See clock.h. */
#include <sys/times.h>

#include "clock.h"

/* klibc has no clock_gettime(); times() returns monotonic clock ticks,
 * USER_HZ = 100 on every Linux architecture ABI.  10 ms resolution is
 * plenty for boot waits and path-checker intervals. */
uint64_t clock_ms(void)
{
	struct tms t;

	return (uint64_t)(unsigned long)times(&t) * 10u;
}
