# multipathd proof 4: paths and LUs coming and going, the daemon alone
# (multipath never runs here).  LU0 a plain disk, LU1 a partitioned one.
# Invariants: at start the daemon creates both maps and LU1's partition
# maps (-part1, -part2); "del path" takes a path out of its map and "add
# path" puts it back; a path deleted in the kernel (device/delete) leaves
# the map, and a host rescan brings it back; LU1 removed on both paths
# (host device_del) -> its partition maps and its map are flushed (all
# unused); LU1 added again -> its map and partition maps come back; a
# write+verify O_DIRECT load on LU0 sees 0 errors, 0 mismatches throughout.
# The daemon starts with an attached option argument (-i1) and answers a
# command attached to -k (multipath-tools' -k"cmd"), as getopt has them.
# topology: virtio:2
# disk: 64M
# disk: script:scripts/mkimg-root.sh dos
# modules: sg
# host del-lu1-a: @del p0l1
# host del-lu1-b: @del p1l1
# host add-lu1-a: @add p0l1
# host add-lu1-b: @add p1l1
# timeout: 300

W0=35000c50015ea7100
W1=35000c50015ea7101
ndev() { dmctl table "$1" 2>/dev/null | grep -oE ' [0-9]+:[0-9]+ ' | wc -l; }
ndev_is() { [ "$(ndev "$1")" = "$2" ]; }
gone() { ! dmctl info "$1" >/dev/null 2>&1; }
there() { dmctl info "$1" >/dev/null 2>&1; }
path_of_lu0() { # the second path (sorted) of LU0
	for d in $(sd_devs); do [ "$(vpd_wwid "$d")" = "$W0" ] && echo "$d"; done | tail -n 1
}

check daemon-starts multipathd -i1
check daemon-answers wait_until 10 multipathd show daemon
check client-k-attached multipathd "-kshow daemon"
check lu0-map-created wait_until 10 ndev_is "$W0" 2
check lu1-map-created wait_until 10 ndev_is "$W1" 2
check lu1-part1-by-daemon wait_until 10 there "$W1-part1"
check lu1-part2-by-daemon wait_until 10 there "$W1-part2"
check_eq lu1-part-uuid "$(dmctl info "$W1-part1" | cut -d' ' -f2)" "part1-mpath-$W1"

writer_start w "/dev/mapper/$W0"
B=$(path_of_lu0)
check del-path multipathd del path "$B"
check del-path-out-of-map wait_until 5 ndev_is "$W0" 1
check_fails del-path-unknown 1 multipathd del path sdzz
check add-path multipathd add path "$B"
check add-path-back-in-map wait_until 5 ndev_is "$W0" 2

host=$(readlink -f "/sys/block/$B/device" | sed -n 's|.*/host\([0-9]*\)/.*|\1|p')
echo 1 > "/sys/block/$B/device/delete"
check deleted-path-out-of-map wait_until 10 ndev_is "$W0" 1
echo "- - -" > "/sys/class/scsi_host/host$host/scan"
check rescanned-path-back wait_until 15 ndev_is "$W0" 2

host_event del-lu1-a
host_event del-lu1-b
check lu1-parts-flushed wait_until 30 gone "$W1-part1"
check lu1-map-flushed wait_until 10 gone "$W1"
host_event add-lu1-a
host_event add-lu1-b
check lu1-map-back wait_until 30 ndev_is "$W1" 2
check lu1-part1-back wait_until 10 there "$W1-part1"
sleep 1
reader_stop w
writer_ok w lu0-write-verify-no-error
multipathd show daemon
check shutdown multipathd shutdown
