/* Diagnostics for mpboot tools.
 *
 * Library functions return 0 or -errno; the thin main() of each tool turns
 * that into one line on stderr through these helpers.  parse/ and
 * partitions/ never print (scripts/layers.sh checks it).  The few dev/ and
 * engine/ steps that carry on past a failure of one part (a binding not
 * recorded, one partition map not removed, one transport timeout refused)
 * say so here, since their caller gets one status for the whole step.  When a
 * tool runs from the initramfs (MPBOOT_KMSG set by the init, or pid 1) the
 * same line also goes to /dev/kmsg so it survives into the booted system's
 * dmesg. */
#ifndef MPBOOT_LOG_H
#define MPBOOT_LOG_H

#include <stdarg.h>

/* Set the program name used as prefix and decide whether to mirror to kmsg. */
void log_init(const char *prog);
/* Mirror to /dev/kmsg from now on, whatever log_init decided (a daemon
 * whose stderr became /dev/null). */
void log_kmsg_on(void);

/* Print "prog: <fmt>" to stderr.  A format ending in ':' gets ": strerror(err)"
 * appended for a non-zero err (negative errno accepted), as ubase's eprintf. */
void log_err(int err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Same, without the errno tail, for informational lines at a verbosity. */
void log_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The command-line answers of a tool's main(); its usage text is written
 * once, the first line the whole synopsis.  log_help: the text on stdout,
 * 0 (-h).  log_usage: exactly one line on stderr, 2 -- "prog: -X: not
 * supported" when opt is one of the letters in unsup (multipath-tools
 * options mpboot does not implement), else the text's first line. */
int log_help(const char *text);
int log_usage(const char *text, int opt, const char *unsup);

#endif
