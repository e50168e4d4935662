#!/bin/sh
# `make size`: the stripped size of every ELF given (the multi-call
# build/bin/mpboot; a tool that is a symlink to it costs nothing and is
# listed as such) and the total against the budget: all early-boot tools
# together under 128 KiB.
set -eu
budget=131072
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
printf '%-16s %7d bytes (%d.%d KiB; budget %d KiB)\n' total "$total" \
	$((total / 1024)) $((total % 1024 * 10 / 1024)) $((budget / 1024))
[ "$total" -le "$budget" ] || echo "size: over budget by $((total - budget)) bytes" >&2
