/* A millisecond clock for timeouts and schedules. */
#ifndef MPBOOT_CLOCK_H
#define MPBOOT_CLOCK_H

#include <stdint.h>

/* Milliseconds on a monotonic clock (since boot). */
uint64_t clock_ms(void);

#endif
