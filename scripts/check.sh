#!/bin/bash
# The test runner behind `make check`: host unit tests (build/host/tests/t_*)
# then the qemu scenarios (qemu-tests/run).  Every check prints PASS:/FAIL:;
# a test binary that dies without saying FAIL counts as one failure.  A
# host check that cannot run here says "SKIP: name: why", shown and logged
# but counted neither way.  Ends with the line "N passed, N failed" (and
# ", N skipped" when some were) and a non-zero status on any failure.
#   scripts/check.sh [--unit-only | --qemu-only] [SCENARIO...]
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
mode=all
case "${1:-}" in
--unit-only) mode=unit; shift ;;
--qemu-only) mode=qemu; shift ;;
esac
log=build/check.log
mkdir -p build
: > "$log"

count() { # reads PASS/FAIL lines on stdin, echoes them, appends to log
	tee -a "$log"
}

if [ $mode != qemu ]; then
	for src in tests/t_*.c; do
		t=build/host/tests/$(basename "$src" .c)
		if [ ! -x "$t" ]; then
			echo "FAIL: unit/$(basename "$t"): not built" | count
			continue
		fi
		out=$("$t" 2>&1)
		rc=$?
		printf '%s\n' "$out" | grep -aE '^(PASS|FAIL):' | count
		if [ $rc != 0 ] && ! printf '%s\n' "$out" | grep -aq '^FAIL:'; then
			echo "FAIL: unit/$(basename "$t"): exited $rc without a FAIL line" | count
			printf '%s\n' "$out" | tail -n 20
		fi
	done
	# Extra host-side suites (fuzz corpus replay, ...) hook in here.
	for x in tests/*.check; do
		[ -x "$x" ] || continue
		"$x" 2>&1 | grep -aE '^(PASS|FAIL|SKIP):' | count
	done
fi

if [ $mode != unit ]; then
	qemu-tests/run "$@" 2>&1 | tee -a "$log" | grep -av '^PASS:' || true
	grep -ac '^PASS: ' "$log" > /dev/null
fi

pass=$(grep -ac '^PASS: ' "$log")
fail=$(grep -ac '^FAIL: ' "$log")
skip=$(grep -ac '^SKIP: ' "$log")
if [ "$skip" = 0 ]; then echo "$pass passed, $fail failed"
else echo "$pass passed, $fail failed, $skip skipped"; fi
[ "$fail" = 0 ] && [ "$pass" -gt 0 ]
