# Boot from a 4-path LU, root=PARTUUID= in the MBR form, multibus policy.
# Invariants: all four paths are in the map, in one group (mpath.policy=),
# and the root is on partition 1's map.
# topology: virtio:4
# disk: script:scripts/mkimg-root.sh dos
# initramfs: build/initramfs.cpio.gz
# append: root=PARTUUID=6d70626f-01 mpath.policy=multibus rw
# smp: 2
# timeout: 150

W=35000c50015ea7100
rk=$(root_kname)
check_eq root-map "$(cat /sys/block/$rk/dm/name 2>/dev/null)" "$W-part1"
m=$(map_of $W)
check_eq four-paths "$(ls /sys/block/$m/slaves | wc -l)" 4
# one path group: the selector appears once in the table
check_eq one-group "$(dmctl table $W | grep -o service-time | wc -l)" 1
