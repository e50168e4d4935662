#!/bin/sh
# `make size` and tests/size.check: the stripped size of every ELF given
# (the multi-call build/bin/mpboot; a tool that is a symlink to it costs
# nothing and is listed as such) against the budgets: the early-boot
# multipath tools under 128 KiB, and the iSCSI boot (initiator and
# network set-up) under 32 KiB more.  One `row NAME BYTES BUDGET` per
# budgeted line; exits 1 when any row is over its budget, with one
# "size: NAME over/under budget by N bytes" line each on stderr.
#   scripts/size.sh [--base ELF] ELF...
# --base: the same multi-call ELF linked without the iSCSI applets (the
# Makefile's ISCSI_TOOLS); "multipath" is its size, "iscsi+net" the
# difference.
set -eu
base=
if [ "${1:-}" = --base ]; then
	base=$2
	shift 2
fi
over=0
row() { # name bytes budget
	printf '%-16s %7d bytes (%d.%d KiB; budget %d KiB)\n' "$1" "$2" \
		$(($2 / 1024)) $(($2 % 1024 * 10 / 1024)) $(($3 / 1024))
	if [ "$2" -gt "$3" ]; then
		echo "size: $1 over budget by $(($2 - $3)) bytes" >&2
		over=1
	else
		echo "size: $1 under budget by $(($3 - $2)) bytes" >&2
	fi
}
total=0
for b in "$@"; do
	if [ -L "$b" ]; then
		printf '%-16s -> %s\n' "$(basename "$b")" "$(readlink "$b")"
		continue
	fi
	s=$(stat -c %s "$b")
	printf '%-16s %7d bytes\n' "$(basename "$b")" "$s"
	total=$((total + s))
done
if [ -z "$base" ]; then
	row total "$total" 131072
	exit "$over"
fi
mp=$(stat -c %s "$base")
row multipath "$mp" 131072
row iscsi+net $((total - mp)) 32768
row total "$total" $((131072 + 32768))
exit "$over"
