/* A small POSIX extended regular expression matcher: enough for the
 * patterns of multipath.conf and the built-in hardware table (vendor,
 * product, revision, devnode, wwid), which multipath-tools compiles with
 * regcomp(REG_EXTENDED | REG_NOSUB) and tests with regexec.  klibc has no
 * regex.h, so this is ours; tests/t_ere.c proves it against glibc's
 * regexec on every table pattern and a large generated set.
 *
 * Supported: literals, '.', bracket expressions ([a-z], [^...], a leading
 * ']' or a leading/trailing '-' literal, [:alpha:]-style classes), '^' and
 * '$' anywhere, grouping, '|', and the repeats '*' '+' '?' '{m}' '{m,}'
 * '{m,n}' (n <= 255, as RE_DUP_MAX), '\' quoting the next character.
 * Refused (-EINVAL): back-references and GNU escapes (\1, \w, \b, \<...),
 * collating elements ([.x.], [=x=]), a repeat with nothing before it.
 * Matching is a Pike VM over a compiled program: time is O(len(s) *
 * len(program)), so no pattern from a config file can make it hang. */
#ifndef MPBOOT_ERE_H
#define MPBOOT_ERE_H

/* Does s contain a match of the ERE pat (regexec semantics: unanchored
 * unless the pattern anchors itself)?  1 yes, 0 no, -EINVAL for a pattern
 * we do not accept, -E2BIG for one whose program is too long. */
int ere_match(const char *pat, const char *s);

/* Only compile: 0, -EINVAL or -E2BIG.  The config parser uses it to warn
 * about a bad pattern where it is written. */
int ere_check(const char *pat);

#endif
