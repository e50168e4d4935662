# A root= that matches nothing: the init reports and opens a rescue shell.
# Invariants: the failure report names the phase, the root= asked for, the
# paths with their WWIDs and the maps, on the console and in /dev/kmsg;
# PID 1 stays alive; leaving the rescue shell retries the phase (which
# fails again, so a second shell opens); the shell runs what is typed.
# topology: virtio:2
# disk: script:scripts/mkimg-root.sh dos
# initramfs: build/initramfs.cpio.gz
# append: root=UUID=0badc0de-0000-4000-8000-000000000000 rootdelay=2
# console FAILED in phase 'findroot': echo "<3>TYPED-1 $((6 * 7))" > /dev/kmsg
# console rescue shell (exit to continue): exit
# console rescue shell (exit to continue): /test-bin/busybox sh /lib/run-scenario
# timeout: 120

W=35000c50015ea7100
log=$(dmesg)
has() { printf '%s\n' "$log" | grep -qF -- "$1"; }
check report-phase has "mpboot: FAILED in phase 'findroot': root=UUID=0badc0de-0000-4000-8000-000000000000 not found within 2s"
check report-root has "mpboot: root=UUID=0badc0de-0000-4000-8000-000000000000 mpath=on"
check report-path-a has "mpboot: path sda: wwid=naa.5000c50015ea7100 state=running"
check report-path-b has "mpboot: path sdb: wwid=naa.5000c50015ea7100 state=running"
check report-map sh -c "printf '%s\n' \"\$1\" | grep -qE 'mpboot: map dm-[0-9]+ $W uuid=mpath-$W paths: sd[ab] sd[ab]'" sh "$log"
check shell-ran-input has "TYPED-1 42"
check_eq retried "$(printf '%s\n' "$log" | grep -c "FAILED in phase 'findroot'")" 2
check pid1-alive test -d /proc/1
check still-initramfs test -x /init
