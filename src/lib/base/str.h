/* Bounded string helpers shared by all tools.  Every copy reports
 * truncation instead of silently cutting a name short. */
#ifndef MPBOOT_STR_H
#define MPBOOT_STR_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Copy src into dst[size]; -ENAMETOOLONG if it does not fit (dst is then
 * an empty string, never a truncated name). */
int str_copy(char *dst, const char *src, size_t size);
/* Is c in udev's safe set (udev_replace_chars: [0-9A-Za-z#+-.:=@_])?
 * WWIDs and map names are made of these only. */
int str_udev_char(int c);
/* Replace each control byte of s (0x00-0x1f but those in keep, 0x7f)
 * with '?': names and device strings are untrusted, and an escape
 * sequence must not reach a terminal, a log line or a reply. */
void str_vis(char *s, const char *keep);

/* snprintf that returns 0 or -ENAMETOOLONG / -EINVAL. */
int str_fmt(char *dst, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Parse a decimal unsigned integer that must end at end-of-string;
 * 0 or -EINVAL / -ERANGE. */
int str_to_u64(const char *s, uint64_t *out);
int str_to_uint(const char *s, unsigned int max, unsigned int *out);

/* Parse "MAJ:MIN" (as in sysfs dev attributes); 0 or -EINVAL. */
int str_to_majmin(const char *s, unsigned int *maj, unsigned int *min);

/* The next blank-separated word of *s into out[size], *s moved past it:
 * 0, -ENOENT at the end, -E2BIG if it did not fit (the word is skipped,
 * out is ""). */
int str_word(const char **s, char *out, size_t size);

/* Read a small sysfs/proc attribute into buf (NUL-terminated, trailing
 * newline stripped).  0 or -errno. */
int read_attr(const char *path, char *buf, size_t size);
/* The same relative to a directory fd (AT_FDCWD: a path); "" on failure. */
int read_attr_at(int dirfd, const char *name, char *buf, size_t size);
/* Read a small file relative to a directory fd: bytes or -errno.  sysfs
 * hands out a whole attribute in one read(), so there is no second read
 * to see EOF (under TCG every syscall counts, times thousands of paths);
 * with vpd, a VPD page longer than the first read says so in its header. */
ssize_t str_read_at(int dirfd, const char *name, uint8_t *buf, size_t size,
		    int vpd);
/* The same, the path from fmt (up to 255 bytes, else -ENAMETOOLONG):
 * one call for the str_fmt + read_attr pair of every sysfs read. */
int read_attrf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* An append-only store of NUL-terminated strings, in blocks that never
 * move: what it hands out stays valid until str_pool_free.  A scan keeps
 * the long, mostly short strings of every path here (WWID, serial, node
 * name) instead of a worst-case buffer each, and a recurring string (one
 * LU's WWID, one target's node name) is stored once. */
struct str_blk;
#define STR_POOL_SEEN 256
struct str_pool {
	struct str_blk *head;
	/* a direct-mapped cache of stored strings by hash: enough to find
	 * a LU's WWID again among a few hundred LUs without a hash table */
	const char *seen[STR_POOL_SEEN];
};
/* The value of hex digit c (either case), or -1. */
int str_hexval(char c);

/* s in the pool ("" itself for an empty s); NULL: out of memory. */
const char *str_pool_add(struct str_pool *p, const char *s);
void str_pool_free(struct str_pool *p);

#endif
