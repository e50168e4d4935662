/* Bounded string helpers shared by all tools.  Every copy reports
 * truncation instead of silently cutting a name short. */
#ifndef MPBOOT_STR_H
#define MPBOOT_STR_H

#include <stddef.h>
#include <stdint.h>

/* Copy src into dst[size]; -ENAMETOOLONG if it does not fit (dst is then
 * an empty string, never a truncated name). */
int str_copy(char *dst, const char *src, size_t size);

/* snprintf that returns 0 or -ENAMETOOLONG / -EINVAL. */
int str_fmt(char *dst, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Parse a decimal unsigned integer that must end at end-of-string;
 * 0 or -EINVAL / -ERANGE. */
int str_to_u64(const char *s, uint64_t *out);
int str_to_uint(const char *s, unsigned int max, unsigned int *out);

/* Parse "MAJ:MIN" (as in sysfs dev attributes); 0 or -EINVAL. */
int str_to_majmin(const char *s, unsigned int *maj, unsigned int *min);

/* Read a small sysfs/proc attribute into buf (NUL-terminated, trailing
 * newline stripped).  0 or -errno. */
int read_attr(const char *path, char *buf, size_t size);

#endif
