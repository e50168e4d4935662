# Degraded boot: the LU is reachable through one path at boot; the second
# path arrives later and joins the map on the next `multipath` run.
# Invariants: the map comes up with one path and the root is mounted from
# it; after the host adds the second path, multipath reloads the live map
# to two paths while a reader on the root map keeps reading without error.
# topology: virtio:2
# boot-paths: 1
# disk: script:scripts/mkimg-root.sh dos
# initramfs: build/initramfs.cpio.gz
# append: root=LABEL=mpboot-root rw
# host add: @add p1l0
# timeout: 150

W=35000c50015ea7100
m=$(map_of $W)
rk=$(root_kname)
check_eq booted-on "$(cat /sys/block/$rk/dm/name 2>/dev/null)" "$W-part1"
check_eq one-path "$(ls /sys/block/$m/slaves | wc -l)" 1
reader_start root /dev/mapper/$W
host_event add
check second-path-seen wait_until 60 test -e /sys/block/sdb
check multipath-rerun multipath -v0
check_eq two-paths "$(ls /sys/block/$m/slaves | wc -l)" 2
check_eq same-map "$(map_of $W)" "$m"
sleep 1
reader_stop root
reader_ok root reader-no-io-error
