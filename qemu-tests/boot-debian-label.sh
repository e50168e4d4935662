# The real Debian 12 root of boot-debian-uuid.sh, booted with
# root=LABEL=deb-root and mpath.wwid= limited to the root LU; a second LU
# (LU1: DOS label, ext4 in partition 1) is left to the booted system.
# Invariants:
# - the boot invariants of debian_boot_checks;
# - with udev running (the installer / rescue case), mpboot's own
#   multipath, then kpartx -a, then a mount of /dev/disk/by-uuid/... succeed
#   at once, with no sleep between them: each tool returns only after udev
#   processed every map it touched (the DM cookie), so the links exist and
#   point at the new dm devices; each tool's events carry
#   DM_UDEV_PRIMARY_SOURCE_FLAG (udev ran the disk rules: blkid, by-uuid);
# - kpartx -d then removes the maps and udev removes their links before
#   kpartx returns.
# topology: virtio:2
# disk: script:scripts/mkimg-debian.sh
# disk: script:scripts/mkimg-root.sh dos
# initramfs: build/initramfs.cpio.gz
# append: root=LABEL=deb-root mpath.wwid=35000c50015ea7100 rw
# mem: 1024
# timeout: 300

. /usr/lib/debian-checks.sh

debian_boot_checks

W1=35000c50015ea7101
FS1=6d70626f-6f74-4000-8000-000000000001
mp=/opt/mpboot/sbin
check_eq lu1-not-mapped-at-boot "$(dmsetup info -c --noheadings -o name "$W1" 2>/dev/null)" ""
check udev-running test -e /run/udev/control
# the installer's sequence, back to back
check our-multipath-lu1 $mp/multipath "$W1"
check mapper-link-after-multipath test -b "/dev/mapper/$W1"
check our-kpartx-lu1 $mp/kpartx -a -p -part "/dev/mapper/$W1"
check mapper-link-after-kpartx test -b "/dev/mapper/$W1-part1"
mkdir -p /mnt/lu1
check mount-by-uuid-at-once mount "/dev/disk/by-uuid/$FS1" /mnt/lu1
check_eq mounted-on-part1-map "$(dm_name_of_mount /mnt/lu1)" "$W1-part1"
check_eq lu1-dm-uuid-link "$(kname_of "/dev/disk/by-id/dm-uuid-mpath-$W1" | cut -c1-3)" dm-
# the flags udev decoded from our cookie on the last event of the map
check_eq lu1-primary-source "$(udevadm info -q property -n "/dev/mapper/$W1" | grep '^DM_UDEV_PRIMARY_SOURCE_FLAG=')" \
	DM_UDEV_PRIMARY_SOURCE_FLAG=1
check_eq lu1-part-fs-type "$(udevadm info -q property -n "/dev/mapper/$W1-part1" | grep '^ID_FS_UUID=')" \
	"ID_FS_UUID=$FS1"
check_eq no-cookie-semaphore-left "$(awk 'NR > 1 && $1 >= 223150080 && $1 < 223215616' /proc/sysvipc/sem 2>/dev/null | wc -l)" 0
umount /mnt/lu1
check our-kpartx-d $mp/kpartx -d -p -part "/dev/mapper/$W1"
check mapper-link-gone-after-kpartx-d test ! -e "/dev/mapper/$W1-part1"
check by-uuid-link-not-on-dm sh -c "! readlink /dev/disk/by-uuid/$FS1 | grep -q dm-"
