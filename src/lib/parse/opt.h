/* The tools' command lines: POSIX getopt's grammar (utility syntax
 * guidelines, XBD 12.2) without getopt's globals, so that every tool and
 * mpinit applet parses the same way and the parser is host-tested:
 * clustered flags (-dv3, -ll), an argument attached or in the next
 * element (-v3, -v 3, -p-part, -p -part), "--" ends the options, and so
 * does the first operand or a lone "-".  One extension: "x::" takes only
 * an attached argument (multipathd -kCMD, as multipath-tools' -k).
 * Pure: no I/O; base/log.h has the usage answers of main(). */
#ifndef MPBOOT_OPT_H
#define MPBOOT_OPT_H

struct opt {
	int ind;          /* next element; after the options, the first operand */
	int bad;          /* the letter of the last '?' (unknown or no argument) */
	const char *arg;  /* the current option's argument, else NULL */
	const char *next; /* the rest of a cluster, else NULL */
};
#define OPT_INIT { 1, 0, 0, 0 }

/* The next option letter of argv: spec lists the letters, "x:" for one
 * with an argument, "x::" for one with an optional attached argument.
 * -1 when the options are over (o->ind is then the first operand); '?'
 * for a letter not in spec or a missing argument (o->bad says which). */
int opt_next(struct opt *o, int argc, char **argv, const char *spec);

#endif
