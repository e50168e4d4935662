# Boot the product initramfs with multipath off and a plain /dev/sda1 root.
# Invariants: mpboot's init mounts the root named by a path device when
# mpath.off is given, creates no map, moves /dev /proc /sys /run into the
# new root and hands over to /sbin/init (this script runs there).
# topology: virtio:1
# disk: script:scripts/mkimg-root.sh dos
# initramfs: build/initramfs.cpio.gz
# append: root=/dev/sda1 mpath.off rw
# timeout: 120

rootdev=$(awk '$2 == "/" { print $1 }' /proc/mounts)
check_eq root-is-sda1 "$rootdev" /dev/sda1
check_eq no-maps "$(ls /sys/block | grep -c '^dm-')" 0
check dev-moved test -c /dev/null
check proc-moved test -r /proc/cmdline
check initramfs-gone sh -c '! test -e /init'
check kmsg-kept sh -c 'dmesg | grep -q "mpboot: root /dev/sda1 mounted"'
