# Boot from a 2-path LU with a DOS label, root= the kpartx map name.
# Invariants: the init builds one multipath map named by the WWID with
# both paths, kpartx partition maps "<wwid>-part<N>" with UUID
# part<N>-mpath-<wwid>, mounts the root from the partition map (never a
# path), hides the paths' own partitions (BLKPG) and hands over.
# topology: virtio:2
# disk: script:scripts/mkimg-root.sh dos
# initramfs: build/initramfs.cpio.gz
# append: root=/dev/mapper/35000c50015ea7100-part1 rw
# timeout: 120

W=35000c50015ea7100
rootdev=$(awk '$2 == "/" { print $1 }' /proc/mounts)
check root-on-dm sh -c "case $rootdev in /dev/dm-*|/dev/mapper/*) true;; *) false;; esac"
rk=$(root_kname)
check_eq root-map-name "$(cat /sys/block/$rk/dm/name)" "$W-part1"
check_eq root-map-uuid "$(cat /sys/block/$rk/dm/uuid)" "part1-mpath-$W"
parent=$(ls /sys/block/$rk/slaves)
check_eq parent-name "$(cat /sys/block/$parent/dm/name)" "$W"
check_eq parent-uuid "$(cat /sys/block/$parent/dm/uuid)" "mpath-$W"
check_eq parent-paths "$(ls /sys/block/$parent/slaves | sort | tr '\n' ' ')" "sda sdb "
check path-parts-hidden sh -c '! ls -d /sys/block/sda/sda1 /sys/block/sdb/sdb1 2>/dev/null | grep -q .'
check_eq part2-map "$(cat /sys/block/*/dm/name | grep -c "^$W-part2\$")" 1
check kmsg-report sh -c 'dmesg | grep -q "mpboot: root /dev/.* mounted at"'
