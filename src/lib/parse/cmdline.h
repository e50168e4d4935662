/* The kernel command line as the kernel itself splits it (kernel/params.c
 * next_arg): parameters separated by white space; double quotes group
 * white space into one parameter and are removed around the value
 * (root="LABEL=my root" is root = LABEL=my root) and around a whole
 * quoted parameter; "--" ends the parameters for the kernel, what follows
 * is init's argv.
 *
 * Pure function over a buffer, host-tested and fuzzed: the command line
 * comes from a boot loader entry anyone with console access can edit, and
 * its values reach the init's shell only as data (mpinit cmdline prints
 * them one per line, never as shell code). */
#ifndef MPBOOT_CMDLINE_H
#define MPBOOT_CMDLINE_H

#include <stddef.h>

/* Split the next parameter off s[len] at *pos: key[ksize] receives the
 * name, val[vsize] the value ("" and *has_val 0 for a bare word like
 * "ro").  1 for a parameter, 0 at the end (or at "--"), -ENAMETOOLONG if
 * the name or value does not fit (the parameter is skipped, *pos
 * advanced past it: the caller can go on). */
int cmdline_next(const char *s, size_t len, size_t *pos, char *key,
		 size_t ksize, char *val, size_t vsize, int *has_val);

#endif
