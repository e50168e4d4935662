/* Loading the configuration files (I/O side of conf.h). */
#ifndef MPBOOT_CONF_LOAD_H
#define MPBOOT_CONF_LOAD_H

#include "conf.h"

#define MP_CONF_FILE "/etc/multipath.conf"
#define MP_CONF_DIR "/etc/multipath/conf.d"

/* file (a missing one is fine), then dir/[^.]*.conf in sorted order (dir
 * may be NULL).  0 or -ENOMEM; unreadable files are warnings. */
int mp_conf_load(struct mp_conf *c, const char *file, const char *dir);



#include "names.h"

/* Everything the engine reads: the configuration, the bindings and the
 * wwids file it names (or the defaults).  Warnings go to warn. */
struct mp_config {
	struct mp_conf conf;
	struct mp_names bindings, wwids;
	const char *bindings_file, *wwids_file;  /* in effect */
	/* entries of bindings, wwids in their files: the rest are
	 * recorded and not yet written */
	size_t saved[2];
};

/* The tools' warn: each warning logged as "file:line: what" ("file: what"
 * for a whole file), the run carrying on past it. */
void mp_conf_warn_log(void *arg, const char *file, unsigned int line,
		      const char *msg);

/* file NULL: MP_CONF_FILE and MP_CONF_DIR; else only file (multipath -C).
 * 0 or -ENOMEM; unreadable bindings/wwids files are warnings. */
int mp_config_load(struct mp_config *m, const char *file, mp_conf_warn_fn warn,
		   void *arg);
void mp_config_free(struct mp_config *m);

/* A map now exists for wwid as name: a name allocated for it
 * (new_binding) goes into m's bindings list, a WWID not in m's wwids
 * list into it; both wait (past m->saved) for mp_config_flush, which
 * appends them to the files, each file rewritten once a run instead of once a
 * map (4 096 new maps rewrote a growing file 4 096 times).  Failures are
 * logged; never in the initramfs, whose files are the image's
 * (multipath -B, multipathd before the hand-over). */
void mp_config_record(struct mp_config *m, const char *name, const char *wwid,
		      int new_binding);
void mp_config_flush(struct mp_config *m);

/* Can path be written, or made (multipath-tools falls back to the WWID
 * name when the bindings file cannot be written: a read-only root). */
int mp_file_writable(const char *path);
/* mkdir path's directory (one level, as multipath-tools). */
void mp_mkdir_parent(const char *path);
#endif
