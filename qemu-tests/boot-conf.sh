# Boot with a multipath.conf, a bindings file and a wwids file in the image
# (make initramfs MULTIPATH_CONF=... BINDINGS=... WWIDS=..., the files in
# tests/boot-conf/): the root is named by its friendly name.
# Invariants: the root LU's map is "mpathc" (its binding, not the next free
# name), the root mounts from root=/dev/mapper/mpathc-part1; the config's
# policy is in the booted map (multibus: one group of both paths,
# round-robin); find_multipaths strict leaves LU 1 (not in the wwids file)
# alone; the image's bindings and wwids files are not written.
# topology: virtio:2
# disk: script:scripts/mkimg-root.sh dos
# disk: 32M
# initramfs: build/initramfs-conf.cpio.gz
# append: root=/dev/mapper/mpathc-part1 rw
# timeout: 150

W=35000c50015ea7100
rk=$(root_kname)
check_eq root-map-name "$(cat /sys/block/$rk/dm/name)" "mpathc-part1"
parent=$(ls /sys/block/$rk/slaves)
check_eq parent-name "$(cat /sys/block/$parent/dm/name)" mpathc
check_eq parent-uuid "$(cat /sys/block/$parent/dm/uuid)" "mpath-$W"
T=$(dmctl table mpathc)
echo "table: $T"
case "$T" in *" 1 1 round-robin 0 2 1 "*) pass multibus-round-robin ;;
*) fail multibus-round-robin "$T" ;; esac
check_eq one-map "$(grep -l '^mpath-' /sys/block/dm-*/dm/uuid | wc -l)" 1
check lu1-unmapped sh -c '! grep -qx 35000c50015ea7101 /sys/block/dm-*/dm/name'
check kmsg-report sh -c 'dmesg | grep -q "mpboot: root /dev/.* mounted at"'
