#!/bin/sh
# `make size`: the stripped size of every ELF given (the multi-call
# build/bin/mpboot; a tool that is a symlink to it costs nothing and is
# listed as such) and the totals against the budgets: the early-boot
# multipath tools under 128 KiB, and the iSCSI boot (initiator and
# network set-up) under 32 KiB more.
#   scripts/size.sh [--base ELF] ELF...
# --base: the same multi-call ELF linked without the iSCSI applets (the
# Makefile's ISCSI_TOOLS); the "iscsi+net" row is the difference.
set -eu
budget=131072
iscsi_budget=32768
base=
if [ "${1:-}" = --base ]; then
	base=$2
	shift 2
fi
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
kib() { printf '%d.%d KiB' $(($1 / 1024)) $(($1 % 1024 * 10 / 1024)); }
if [ -z "$base" ]; then
	printf '%-16s %7d bytes (%s; budget %d KiB)\n' total "$total" "$(kib $total)" $((budget / 1024))
	[ "$total" -le "$budget" ] || echo "size: over budget by $((total - budget)) bytes" >&2
	exit 0
fi
mp=$(stat -c %s "$base")
is=$((total - mp))
printf '%-16s %7d bytes (%s; budget %d KiB)\n' multipath "$mp" "$(kib $mp)" $((budget / 1024))
printf '%-16s %7d bytes (%s; budget %d KiB)\n' iscsi+net "$is" "$(kib $is)" $((iscsi_budget / 1024))
printf '%-16s %7d bytes (%s; budget %d KiB)\n' total "$total" "$(kib $total)" \
	$(((budget + iscsi_budget) / 1024))
[ "$mp" -le "$budget" ] || echo "size: multipath tools over budget by $((mp - budget)) bytes" >&2
[ "$is" -le "$iscsi_budget" ] || echo "size: iscsi+net over budget by $((is - iscsi_budget)) bytes" >&2
exit 0
