# Issue 13: the root LU's second path appears 3 s after the first (the
# host adds it 3 s after the init's modules phase ended).  The init boots
# on the one path at full speed: the scan it waited for (the module load)
# found one disk, so it waits for no second one; multipathd, which
# follows the new root, adds the late path to the map.
# Invariants: the init's paths phase saw 1 disk (found by the scan, no wait); the root's map had
# exactly one path when the root was mounted; the hand-over came before
# the late path existed (kernel log order); the second path joins the same
# map through the daemon while a reader on the root map sees no error.
# topology: virtio:2
# boot-paths: 1
# disk: script:scripts/mkimg-root.sh dos
# initramfs: build/initramfs.cpio.gz
# append: root=LABEL=mpboot-root rw
# hook: modules qemu-tests/hooks/10-host-event
# hook: mount qemu-tests/hooks/20-paths-at-mount
# late-events: path2
# host path2: @after 3 @add p1l0
# timeout: 120

W=35000c50015ea7100
log=$(dmesg)
has() { printf '%s\n' "$log" | grep -q "$1"; }
check_eq booted-on "$(cat /sys/block/$(root_kname)/dm/name 2>/dev/null)" "$W-part1"
check init-saw-one-disk has 'mpboot: paths: 1 sd disk(s) found by the scan, no wait'
check_eq one-path-at-mount "$(wc -l < /run/paths-at-mount)" 1
# the hand-over's timing line is logged before the late disk is attached
order=$(printf '%s\n' "$log" | grep -n -e 'mpboot: timing:' -e 'sdb.*Attached SCSI disk' | cut -d: -f1 | tr '\n' ' ')
case "$order" in
*' '*' '*) fail handover-before-late-path "unexpected: $order" ;;
*) set -- $order
	if [ $# = 2 ] && [ "$1" -lt "$2" ]; then pass handover-before-late-path
	elif [ $# = 1 ] && has 'mpboot: timing:'; then pass handover-before-late-path
	else fail handover-before-late-path "kernel log lines: $order"; fi ;;
esac
m=$(map_of $W)
reader_start root "/dev/mapper/$W"
check late-path-seen wait_until 30 test -e /sys/block/sdb
nslaves_is() { [ "$(ls /sys/block/$m/slaves | wc -l)" = "$1" ]; }
if wait_until 20 nslaves_is 2; then
	pass late-path-joined
else
	fail late-path-joined "$(mpboot multipathd show paths 2>&1) $(dmesg | grep multipathd | tail -n 5)"
fi
check_eq same-map "$(map_of $W)" "$m"
sleep 1
reader_stop root
reader_ok root reader-no-io-error
