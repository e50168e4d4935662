# Boot with root=LABEL= from a DOS-labelled 2-path LU, read-only root.
# Invariants: LABEL= resolves to the partition map; "ro" is honoured.
# topology: virtio:2
# disk: script:scripts/mkimg-root.sh dos
# initramfs: build/initramfs.cpio.gz
# append: root=LABEL=mpboot-root ro
# timeout: 120

W=35000c50015ea7100
rk=$(root_kname)
check_eq root-map "$(cat /sys/block/$rk/dm/name 2>/dev/null)" "$W-part1"
check_eq root-ro "$(awk '$2 == "/" { split($4, o, ","); print o[1] }' /proc/mounts)" ro
