/* The initramfs list language and the newc header, as pure functions.
 *
 * The list format is the one of the kernel's usr/gen_init_cpio (see
 * Documentation/driver-api/early-userspace/early_userspace_support.rst):
 *
 *   file  <name> <location> <mode> <uid> <gid> [<hard link>...]
 *   dir   <name> <mode> <uid> <gid>
 *   nod   <name> <mode> <uid> <gid> <b|c> <maj> <min>
 *   slink <name> <target> <mode> <uid> <gid>
 *   pipe  <name> <mode> <uid> <gid>
 *   sock  <name> <mode> <uid> <gid>
 *
 * '#' starts a comment line; blank lines are ignored.  Every field may hold
 * ${VAR}, looked up through a caller-supplied function (the environment in
 * the tool, a table in the tests); an undefined variable is an error, so a
 * typo cannot silently produce a path like "/lib/modules//kernel".
 *
 * The newc ("070701") header is 6 magic bytes and 13 fields of 8 upper-case
 * hex digits (cpio(5), "New ASCII Format"); name and data are each padded to
 * a multiple of 4 bytes counted from the start of the header. */
#ifndef MPBOOT_CPIO_LIST_H
#define MPBOOT_CPIO_LIST_H

#include <stddef.h>
#include <stdint.h>

#define CPIO_NAME_MAX 1024   /* one name or location, NUL included */
#define CPIO_LINE_MAX 8192   /* one list line */
#define CPIO_MAX_LINKS 16    /* extra hard links on a file line */
#define CPIO_HDR_LEN 110     /* 6 + 13 * 8 */

enum cpio_type {
	CPIO_NONE = 0, /* blank or comment line */
	CPIO_FILE,
	CPIO_DIR,
	CPIO_NOD,
	CPIO_SLINK,
	CPIO_PIPE,
	CPIO_SOCK,
};

struct cpio_entry {
	enum cpio_type type;
	char name[CPIO_NAME_MAX];     /* archive name, leading '/' removed */
	char location[CPIO_NAME_MAX]; /* file: host path; slink: target */
	unsigned int mode;            /* 07777 bits only; type comes from .type */
	unsigned int uid, gid;
	char devtype;                 /* nod: 'b' or 'c' */
	unsigned int maj, min;
	unsigned int nlinks;          /* extra hard-link names in links[] */
	char links[CPIO_MAX_LINKS][CPIO_NAME_MAX];
};

/* Returns the value of NAME or NULL when it is not defined. */
typedef const char *(*cpio_lookup_fn)(void *ctx, const char *name);

/* Parse one line (without its newline; need not be NUL-terminated).
 * 0 with e->type set (CPIO_NONE for blank/comment lines), or -EINVAL /
 * -ENAMETOOLONG with a one-line reason in err[errsize]. */
int cpio_parse_line(const char *line, size_t len, struct cpio_entry *e,
		    cpio_lookup_fn lookup, void *ctx, char *err, size_t errsize);

/* Expand ${VAR} in src into dst[size].  0, -EINVAL (syntax or undefined
 * variable, named in err) or -ENAMETOOLONG. */
int cpio_expand(const char *src, char *dst, size_t size, cpio_lookup_fn lookup,
		void *ctx, char *err, size_t errsize);

/* File type bits for an entry's mode word (S_IFREG etc. as in cpio(5)). */
unsigned int cpio_type_bits(enum cpio_type t);

struct cpio_hdr {
	uint64_t ino, mode, uid, gid, nlink, mtime, filesize;
	uint64_t devmajor, devminor, rdevmajor, rdevminor, namesize;
};

/* Encode h into out[CPIO_HDR_LEN + 1] (NUL-terminated).  0, or -ERANGE if a
 * field does not fit 32 bits (newc cannot describe files of 4 GiB). */
int cpio_newc_header(char *out, const struct cpio_hdr *h);

/* The archive writer: entries in list order, inode numbers counted from 1
 * in that order, every mtime the same, so equal lists give equal bytes.
 * Output goes through write(ctx, buf, len) (0 or -errno). */
struct cpio_out {
	int (*write)(void *ctx, const void *buf, size_t len);
	void *ctx;
	uint64_t off;       /* bytes written so far */
	uint32_t next_ino;
	uint32_t mtime;
};

/* Write one entry (and its hard links).  data/len: a file's contents or a
 * symlink's target (ignored for the other types).  0 or -errno (-ERANGE for
 * a file newc cannot hold). */
int cpio_emit(struct cpio_out *o, const struct cpio_entry *e, const void *data,
	      size_t len);

/* Write the "TRAILER!!!" entry; the archive is complete afterwards. */
int cpio_trailer(struct cpio_out *o);

/* Bytes of padding after `off` bytes to reach a multiple of 4. */
static inline size_t cpio_pad4(uint64_t off)
{
	return (size_t)((4 - (off & 3)) & 3);
}

#endif
