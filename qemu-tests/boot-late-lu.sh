# Issue 13: the root LU appears 5 s late (both paths hot-added by the host
# 5 s after the init's modules phase ended; nothing at boot): the init
# waits for it (up to rootdelay) and boots on its map.
# Invariants: the init's wait ended with new disks only after they came
# (>= 4 s); the root is the partition map, not a member path; both paths
# are in the map (made at boot or adopted by the daemon).
# topology: virtio:2
# boot-paths: 0
# disk: script:scripts/mkimg-root.sh dos
# initramfs: build/initramfs.cpio.gz
# append: root=LABEL=mpboot-root rw rootdelay=20
# hook: modules qemu-tests/hooks/10-host-event
# late-events: lu0p0 lu0p1
# host lu0p0: @after 5 @add p0l0
# host lu0p1: @after 5 @add p1l0
# timeout: 120

W=35000c50015ea7100
log=$(dmesg)
check_eq booted-on "$(cat /sys/block/$(root_kname)/dm/name 2>/dev/null)" "$W-part1"
# "mpinit: 2 sd disks (2 new) after 5123 ms": the wait that ended it
ms=$(printf '%s\n' "$log" | sed -n 's/.*mpinit: [0-9]* sd disks\{0,1\} ([1-9][0-9]* new) after \([0-9]*\) ms.*/\1/p' | tail -n 1)
if [ -n "$ms" ] && [ "$ms" -ge 4000 ]; then
	pass waited-for-root-lu
else
	fail waited-for-root-lu "wait lines: $(printf '%s\n' "$log" | grep 'mpinit:.*sd disk')"
fi
m=$(map_of $W)
nslaves_is() { [ "$(ls /sys/block/$m/slaves | wc -l)" = "$1" ]; }
check both-paths-in-map wait_until 20 nslaves_is 2
