# The real Debian 12 root of boot-debian-uuid.sh, booted with root=/dev/mapper/35000c50015ea7100-part1:
# the same invariants (systemd running, every mount and the swap on a -partN
# map, udev's /dev/disk links on dm devices only, members claimed).
# topology: virtio:2
# disk: script:scripts/mkimg-debian.sh
# initramfs: build/initramfs.cpio.gz
# append: root=/dev/mapper/35000c50015ea7100-part1 rw
# mem: 1024
# timeout: 300

. /usr/lib/debian-checks.sh

debian_boot_checks
