/* Minimal host unit-test kit.  Each check prints "PASS: suite/name" or
 * "FAIL: suite/name: detail"; scripts/check.sh counts those lines.  A test
 * binary exits non-zero if any check failed, so it can also run alone. */
#ifndef MPBOOT_UNIT_H
#define MPBOOT_UNIT_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int unit_failed;
static const char *unit_suite = "unit";

static inline void unit_report(int ok, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static inline void unit_report(int ok, const char *name, const char *fmt, ...)
{
	va_list ap;

	if (ok) {
		printf("PASS: %s/%s\n", unit_suite, name);
		return;
	}
	unit_failed++;
	printf("FAIL: %s/%s: ", unit_suite, name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

/* Within one named case, the first failing expectation is reported. */
#define EXPECT(ok_, name_, ...)                                            \
	do {                                                                 \
		if (!(ok_)) {                                                \
			unit_report(0, name_, __VA_ARGS__);                  \
			return;                                              \
		}                                                            \
	} while (0)
#define EXPECT_INT(a, b, name_)                                            \
	EXPECT((long long)(a) == (long long)(b), name_,                      \
	       "%s:%d: %s == %lld, want %lld", __FILE__, __LINE__, #a,       \
	       (long long)(a), (long long)(b))
#define EXPECT_STR(a, b, name_)                                            \
	EXPECT(!strcmp((a), (b)), name_, "%s:%d: %s == \"%s\", want \"%s\"",  \
	       __FILE__, __LINE__, #a, (a), (b))

#define UNIT_PASS(name_) unit_report(1, name_, "%s", "")
#define UNIT_DONE() (fflush(stdout), unit_failed ? 1 : 0)

/* A made-up sysfs (or other) tree: dir/rel holds len bytes of data; the
 * test stops (exit 1) when it cannot be written. */
static inline void unit_put_file(const char *dir, const char *rel, const void *data, size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	f = fopen(path, "w");
	if (!f || fwrite(data, 1, len, f) != len) {
		perror(path);
		exit(1);
	}
	fclose(f);
}

#endif
