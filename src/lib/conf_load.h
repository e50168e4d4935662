/* Loading the configuration files (I/O side of conf.h). */
#ifndef MPBOOT_CONF_LOAD_H
#define MPBOOT_CONF_LOAD_H

#include "conf.h"

#define MP_CONF_FILE "/etc/multipath.conf"
#define MP_CONF_DIR "/etc/multipath/conf.d"

/* file (a missing one is fine), then dir/[^.]*.conf in sorted order (dir
 * may be NULL).  0 or -ENOMEM; unreadable files are warnings. */
int mp_conf_load(struct mp_conf *c, const char *file, const char *dir);

#endif
