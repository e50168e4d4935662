#!/bin/sh
# The C functions longer than N lines (default 60), counted from the first
# line of the signature to the closing brace: the tree's style puts a
# function's braces alone in column 0, which is what this reads (a text
# scan, no parser; a brace in column 0 inside a comment would fool it).
#
#   scripts/longfn.sh [-n N] [FILE|DIR...]     list them (default: src)
#   scripts/longfn.sh --check [-n N] [TREE]    `make lint`: fail on a long
#       function that scripts/longfn.allow does not name
#
# One line per function: "LINES file:line function".  The allow-list has
# one "file function  reason" line per long function kept on purpose (a
# switch with one case per option letter, say): a new long function, or
# one that grew past the limit, fails the check until it is shortened or
# listed with its reason.  A listed function that is no longer long is
# only mentioned, so that shortening one never breaks the build.
set -eu
n=60 check=0
while [ $# -gt 0 ]; do
	case "$1" in
	-n) n=$2; shift 2 ;;
	--check) check=1; shift ;;
	*) break ;;
	esac
done

list() { # the long functions of the C files under "$@"
	find "$@" -name '*.c' | LC_ALL=C sort | xargs awk -v max="$n" '
	FNR == 1 { sig = 0; name = "" }
	# a line in column 0 that opens a parameter list: a signature starts
	/^[A-Za-z_][^;=]*\(/ && !/^(if|for|while|switch|return)[ (]/ {
		s = $0
		sub(/\(.*/, "", s)
		k = split(s, w, /[ *]+/)
		name = w[k]; sig = FNR
	}
	/^\{/ && name != "" { start = sig }
	/^\}/ && start {
		len = FNR - start + 1
		if (len > max)
			printf "%d %s:%d %s\n", len, FILENAME, start, name
		start = 0; name = ""
	}'
}

if [ $check = 0 ]; then
	[ $# -gt 0 ] || set -- src
	list "$@"
	exit 0
fi

cd "${1:-$(dirname "$0")/..}"
allow=scripts/longfn.allow
bad=0
found=$(list src)
echo "$found" | while read -r len at fn; do
	[ -n "$len" ] || continue
	f=${at%%:*}
	grep -q "^$f $fn[[:space:]]" "$allow" 2>/dev/null && continue
	echo "longfn: $at: $fn is $len lines (over $n): shorten it, or list it in $allow with the reason"
done | grep . && bad=1
grep -v '^#' "$allow" 2>/dev/null | while read -r f fn _; do
	[ -n "$f" ] || continue
	echo "$found" | grep -q " $f:[0-9]* $fn\$" ||
		echo "longfn: note: $f $fn is no longer over $n lines: drop it from $allow"
done
[ $bad = 0 ] && echo "longfn: no function over $n lines outside $allow"
exit $bad
