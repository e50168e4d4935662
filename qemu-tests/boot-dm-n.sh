# Boot with root=/dev/dm-N (the kernel name of the partition map) from a
# GPT-labelled 2-path LU: the multipath map is created first (dm-0), kpartx
# adds its partitions in order (dm-1 = partition 1).
# Invariants: /dev/dm-N roots resolve without a filesystem probe being
# needed; the fs type still comes from the superblock (no rootfstype=).
# topology: virtio:2
# disk: script:scripts/mkimg-root.sh gpt
# initramfs: build/initramfs.cpio.gz
# append: root=/dev/dm-1 rw
# timeout: 120

W=35000c50015ea7100
check_eq root-dm1 "$(root_kname)" dm-1
check_eq root-map "$(cat /sys/block/dm-1/dm/name)" "$W-part1"
check_eq root-fstype "$(awk '$2 == "/" { print $3 }' /proc/mounts)" ext4
