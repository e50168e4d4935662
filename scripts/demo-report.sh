# Sourced by scripts/demo.sh and scripts/demo-iscsi.sh: the closing lines
# of a demo run.  demo_report LABEL: LABEL names the run's wall time; reads
# the caller's say(), $log (the guest console), $t0 (qemu started),
# $t_root (the root mounted, or empty) and $t1 (the guest stopped); exits
# 1 unless the guest printed "DEMO-RESULT: ok".
demo_report() {
	guest=$(tr -d '\r' < "$log" | sed -n 's/.*mounted at \([0-9.]*\) s; handing over.*/\1/p' | head -n 1)
	if [ -n "$t_root" ]; then
		say "boot time: root mounted ${guest:-?} s after kernel start (guest clock); $(awk "BEGIN { printf \"%.1f\", $t_root - $t0 }") s wall time from qemu start to hand-over"
	else
		say "the boot did not reach the root (see $log)"
	fi
	say "$1: $(awk "BEGIN { printf \"%.1f\", $t1 - $t0 }") s"
	grep -aq '^DEMO-RESULT: ok' "$log" || { say "FAILED (see $log)"; exit 1; }
	say "ok"
}
