/* Map names multipath-tools users already have: the bindings file
 * (user_friendly_names: "alias wwid" lines, mpatha, mpathb, ... mpathz,
 * mpathaa, ...) and the wwids file (find_multipaths: "/wwid/" lines).
 * Parsers and the allocation rule are pure (names.c); reading and
 * appending are in names_io.c. */
#ifndef MPBOOT_NAMES_H
#define MPBOOT_NAMES_H

#include <stddef.h>

#include "hidx.h"

#define MP_BINDINGS_FILE "/etc/multipath/bindings"
#define MP_WWIDS_FILE "/etc/multipath/wwids"
#define MP_BINDINGS_HEADER \
	"# Multipath bindings, Version : 1.0\n" \
	"# NOTE: this file is automatically maintained by the multipath program.\n" \
	"# You should not need to edit this file in normal circumstances.\n" \
	"#\n" \
	"# Format:\n" \
	"# alias wwid\n" \
	"#\n"
#define MP_WWIDS_HEADER \
	"# Multipath wwids, Version : 1.0\n" \
	"# NOTE: This file is automatically maintained by multipath and multipathd.\n" \
	"# You should not need to edit this file in normal circumstances.\n" \
	"#\n" \
	"# Valid WWIDs:\n"

/* A list of string pairs (bindings: alias + wwid; wwids: wwid only). */
struct mp_names {
	struct mp_name { char *a, *w; } *e;
	size_t n, cap;
	struct hidx ia; /* by a: the lookups below but by WWID */
};

void mp_names_free(struct mp_names *l);
/* Parse a bindings file; malformed lines are skipped (counted in *bad if
 * bad is not NULL).  0 or -ENOMEM. */
int mp_bindings_parse(struct mp_names *l, const char *buf, size_t len,
		      unsigned int *bad);
/* Parse a wwids file ("/wwid/" lines). */
int mp_wwids_parse(struct mp_names *l, const char *buf, size_t len,
		   unsigned int *bad);
/* Add one entry (w may be NULL for wwids lists).  0 or -ENOMEM. */
int mp_names_add(struct mp_names *l, const char *a, const char *w);
/* Lookups: the first binding of a WWID / of an alias; a WWID in a wwids
 * list (its index) or -1. */
const char *mp_bindings_alias(const struct mp_names *l, const char *wwid);
const char *mp_bindings_wwid(const struct mp_names *l, const char *alias);
int mp_wwids_find(const struct mp_names *l, const char *wwid);
/* Take a WWID out of a wwids list: 0, or -ENOENT if it is not in it. */
int mp_wwids_del(struct mp_names *l, const char *wwid);

/* May a new map get this name?  Every source of a name (multipath.conf
 * alias, bindings file, alias_prefix + letters) goes through this one
 * check: 1..MP_NAME_SIZE-1 bytes of udev's character set (no '/', blank
 * or control character: the name is a /dev/mapper entry, a udev
 * property, a line of `show maps`), not "control" (/dev/mapper/control,
 * DM's own node), not starting with '.' (".", "..", hidden entries).
 * 0, -EINVAL or -ENAMETOOLONG. */
#define MP_NAME_SIZE 128 /* DM_NAME_LEN */
int mp_name_check(const char *name);

/* prefix + bijective base 26 of id (1 = "a", 26 = "z", 27 = "aa").
 * 0 or -ENAMETOOLONG / -EINVAL. */
int mp_alias_format(const char *prefix, int id, char *buf, size_t size);
/* The id of an alias with this prefix, or -1 (not prefix + 1..7
 * lowercase letters, or an id past INT_MAX: saturated as multipath-tools'
 * scan_devname, never wrapped). */
int mp_alias_id(const char *alias, const char *prefix);

/* The alias multipath-tools would allocate for a new WWID: the lowest id
 * not used in the bindings, by its single pass over the file in order,
 * then the next id whose name taken(name, arg) reports as used by a map
 * of another WWID.  0 and buf set, or -ENOSPC (no id left). */
int mp_bindings_new_alias(const struct mp_names *l, const char *prefix,
			  int (*taken)(const char *alias, void *arg), void *arg,
			  char *buf, size_t size);

/* ---- files (names_io.c) ---- */
/* Read a whole small regular file (<= 16 MiB) into a malloc'd
 * NUL-terminated buffer; never blocks on a FIFO or device.  0, -ENOENT,
 * -EINVAL (not a regular file), -EFBIG or -errno. */
int mp_read_file(const char *path, char **buf, size_t *len);
/* Why a file was not read, from those codes (strerror for the rest:
 * EFBIG is "File too large"). */
const char *mp_file_err(int err);
/* Largest bindings / wwids file read: 1 MiB is ~15 000 bindings of
 * multipath-tools' length; a larger one is refused (-EFBIG) rather than
 * held in memory (a line costs ~3 times its length once parsed). */
#define MP_NAMES_MAX (1u << 20)
/* Load a bindings / wwids file; a missing file is an empty list, a
 * symlink is refused (-ELOOP). */
int mp_bindings_load(const char *path, struct mp_names *l);
int mp_wwids_load(const char *path, struct mp_names *l);
/* The entries from..n of a bindings or wwids list appended to its file
 * (the header first when the file is new), or (whole) the file made of
 * exactly the list; under the directory's lock, the file replaced
 * atomically (afile.h). */
int mp_names_write(const char *path, const struct mp_names *l, size_t from,
		   int whole);
/* Append "alias wwid\n" (the header first when the file is new). */
int mp_bindings_append(const char *path, const char *alias, const char *wwid);
/* Append "/wwid/\n" unless it is there already (1 if added, 0 if there). */
int mp_wwids_add(const char *path, const char *wwid);
/* Rewrite the file with exactly these WWIDs (-W), or without one (-w). */
int mp_wwids_write(const char *path, const struct mp_names *l);

#endif
