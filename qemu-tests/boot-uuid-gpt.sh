# Boot with root=UUID= from a GPT-labelled 2-path LU.
# Invariants: the UUID is looked up on device-mapper devices only, so the
# root mounted is the kpartx map of the multipath map, not sdX1 (which
# carries the same UUID and is hidden afterwards).
# topology: virtio:2
# disk: script:scripts/mkimg-root.sh gpt
# initramfs: build/initramfs.cpio.gz
# append: root=UUID=6d70626f-6f74-4000-8000-000000000001 rw
# timeout: 120

W=35000c50015ea7100
rk=$(root_kname)
check_eq root-map "$(cat /sys/block/$rk/dm/name 2>/dev/null)" "$W-part1"
parent=$(ls /sys/block/$rk/slaves)
check_eq parent-paths "$(ls /sys/block/$parent/slaves | sort | tr '\n' ' ')" "sda sdb "
check path-parts-hidden sh -c '! ls -d /sys/block/sd*/sd*[0-9] 2>/dev/null | grep -q .'
check_eq fs-uuid "$(mpinit probe /dev/$rk)" "TYPE=ext4 UUID=6d70626f-6f74-4000-8000-000000000001 LABEL=mpboot-root"
