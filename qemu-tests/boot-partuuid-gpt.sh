# Boot with root=PARTUUID= (GPT unique partition GUID) from a 2-path LU.
# Invariants: the GPT is read from the multipath map; partition 1's map
# is mounted.
# topology: virtio:2
# disk: script:scripts/mkimg-root.sh gpt
# initramfs: build/initramfs.cpio.gz
# append: root=PARTUUID=6d70626f-6f74-4000-8000-00000000a001 rw
# timeout: 120

W=35000c50015ea7100
rk=$(root_kname)
check_eq root-map "$(cat /sys/block/$rk/dm/name 2>/dev/null)" "$W-part1"
