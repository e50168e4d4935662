# Every iSCSI portal fails (issue 19: "wrong target name, unreachable
# portal: one clear line each (which portal, which step) ... and the
# rescue shell's diagnosis says it"): portal 0 answers but has no such
# target name, portal 1's port is closed.
# Invariants: the boot stops in phase 'iscsi' and opens the rescue shell;
# the failure report (console and /dev/kmsg) carries one line per portal
# naming its address, port, target and the step that failed, and the
# count 0 of 2; no session exists; PID 1 stays alive.
# topology: iscsi:2
# disk: script:scripts/mkimg-root.sh dos
# initramfs: build/initramfs-iscsi.cpio.gz
# append: root=PARTUUID=6d70626f-01 rw rootdelay=5 ip=10.10.0.2:::24:::none::52:54:00:10:00:02 ip=10.10.1.2:::24:::none::52:54:00:10:01:02 netroot=iscsi:10.10.0.1::::iqn.2026-12.org.mpboot:nothere netroot=iscsi:10.10.1.1::3261::iqn.2026-12.org.mpboot:target rd.iscsi.initiator=iqn.2026-12.org.mpboot:initiator
# console FAILED in phase 'iscsi': /test-bin/busybox sh /lib/run-scenario
# timeout: 180

log=$(dmesg)
echo "$log" | grep -F 'mpboot' | grep -iE 'iscsi|portal|FAILED' | head -20
has() { printf '%s\n' "$log" | grep -qF -- "$1"; }
# one line each, in the report: the portal, the target, the step
line() { printf '%s\n' "$log" | grep -F 'mpboot: ' | grep -F -- "$1" | grep -qF -- "$2"; }
check report-phase has "mpboot: FAILED in phase 'iscsi': iSCSI: no portal logged in"
check wrong-target line "10.10.0.1:3260 iqn.2026-12.org.mpboot:nothere" "no such target name"
check closed-port line "10.10.1.1:3261 iqn.2026-12.org.mpboot:target" "connect"
check count has "iscsi: 0 of 2 portal(s) logged in"
check_eq no-session "$(ls /sys/class/iscsi_session 2>/dev/null | wc -l)" 0
check pid1-alive test -d /proc/1
