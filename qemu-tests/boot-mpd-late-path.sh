# multipathd proof 6 (test root): the initramfs starts multipathd after its
# maps; the root has no multipathd of its own, so ours follows the new
# root at the hand-over and keeps running.  A path that appears only after
# the hand-over joins the map through it (nobody runs multipath here).
# Invariants: the daemon answers in the booted system, with the same pid
# the initramfs started (it survived run-init); its root is the booted
# root; the late path is in the map within a few seconds of appearing,
# while a reader on the map sees no error; the daemon then checks it like
# any path: offline -> failed, running -> reinstated.
# topology: virtio:2
# boot-paths: 1
# disk: script:scripts/mkimg-root.sh dos
# initramfs: build/initramfs.cpio.gz
# append: root=LABEL=mpboot-root rw
# host add: @add p1l0
# timeout: 180

W=35000c50015ea7100
mpd() { mpboot multipathd "$@"; }
log=$(dmesg)
check_eq booted-on "$(cat /sys/block/$(root_kname)/dm/name 2>/dev/null)" "$W-part1"
check daemon-followed-root sh -c "printf '%s' \"\$1\" | grep -q 'multipathd: following the new root'" sh "$log"
check init-kept-daemon sh -c "printf '%s' \"\$1\" | grep -q 'multipathd keeps running in the booted system'" sh "$log"
check daemon-answers wait_until 10 mpd show daemon
pid=$(cat /run/multipathd.pid 2>/dev/null)
check_eq daemon-pidfile-after-handover "$(mpd show daemon | sed -n 's/^pid \([0-9]*\) .*/\1/p')" "$pid"
# the initramfs' executable is gone (run-init emptied it): it runs from
# its mapping, its root is the booted one (where /scenario.sh is)
check daemon-root-is-booted-root test -e "/proc/$pid/root/scenario.sh"
m=$(map_of $W)
check_eq one-path-at-boot "$(ls /sys/block/$m/slaves | wc -l)" 1
reader_start root "/dev/mapper/$W"
host_event add
check late-path-seen wait_until 60 test -e /sys/block/sdb
nslaves_is() { [ "$(ls /sys/block/$m/slaves | wc -l)" = "$1" ]; }
if wait_until 20 nslaves_is 2; then
	pass late-path-joined-by-daemon
else
	fail late-path-joined-by-daemon "$(mpd show paths) $(dmesg | grep multipathd | tail -n 5)"
fi
check_eq same-map "$(map_of $W)" "$m"
B=$(ls /sys/block/$m/slaves | sort | tail -n 1)
DB=$(devno "$B")
dm_state() { dmctl status "$W" | tr ' ' '\n' | grep -A1 "^$DB\$" | tail -n 1; }
state_is() { [ "$(dm_state)" = "$1" ]; }
check_eq late-path-active "$(dm_state)" A
echo offline > "/sys/block/$B/device/state"
if wait_until 15 state_is F; then pass daemon-fails-late-path; else fail daemon-fails-late-path "$(mpd show paths)"; fi
echo running > "/sys/block/$B/device/state"
if wait_until 15 state_is A; then pass daemon-reinstates-late-path; else fail daemon-reinstates-late-path "$(mpd show paths)"; fi
sleep 1
reader_stop root
reader_ok root reader-no-io-error
check_eq still-on-partition-map "$(cat /sys/block/$(root_kname)/dm/name 2>/dev/null)" "$W-part1"
