# Issue 22, rescue: repair an installed system whose initramfs is broken,
# from mpboot's rescue shell, on the disk qemu-tests/install.sh installed
# (two paths, booted from the firmware; three boots of one machine):
#   boot 1  GRUB's default entry: the system runs; the scenario breaks
#           /boot/initrd.img-KVER (the default entry's image) and asks GRUB
#           for the rescue entry once (grub-reboot mpboot-rescue)
#   boot 2  the rescue entry: mpboot's image with mpath.break=mount stops
#           in its rescue shell with the maps up and the root not mounted;
#           the host types one line that mounts the root map and runs
#           /var/lib/mpboot-rescue.sh (written by boot 1): with the image's
#           own tools (klibc sh, mount, chroot, mpboot's multipath and
#           kpartx) it checks the maps, fsck's the root read-only with the
#           root's own e2fsck (the image carries no fsck), chroots into
#           the root, runs its update-initramfs -u, grub-install on the map
#           and update-grub, and reboots
#   boot 3  GRUB's default entry again, through the repaired image: running
# Invariants: each boot's checks pass; the rescue shell's checks print
# PASS:/FAIL: themselves (the markers of boot 2); boot 3 reaches
# "running" on the -part1 map through Debian's initramfs-tools image.
# Long form (make bench, scripts/bench-install.sh): update-initramfs
# under TCG takes minutes.
# topology: virtio:2
# disk: script:scripts/installed-disk.sh
# boot: disk
# reboot: yes
# mem: 1024
# timeout: 1800
# console rescue shell (exit to continue): mount -t ext4 -o ro /dev/mapper/35000c50015ea7100-part1 /root && sh /root/var/lib/mpboot-rescue.sh

W=35000c50015ea7100
KVER=$(uname -r)
export PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH
step=$(cat /var/lib/mpboot-rescue-step 2>/dev/null || echo 1)
dm_name_of_mount() {
	_mm=$(mountpoint -d "$1") || return 1
	cat "/sys/dev/block/$_mm/dm/name" 2>/dev/null
}
running() {
	_state=$(timeout 200 systemctl is-system-running --wait 2>&1)
	if [ "$_state" = running ]; then pass "$1-systemd-running"; else
		fail "$1-systemd-running" "state '$_state'; failed: $(systemctl --failed --no-legend 2>&1 | tr '\n' ';')"; fi
	check_eq "$1-root-on-part1" "$(dm_name_of_mount /)" "$W-part1"
}

case "$step" in
1)
	running boot1
	check boot1-default-entry-initramfs-tools sh -c "! dmesg | grep -q 'mpboot: timing'"
	# the script the rescue shell runs: klibc sh, the image's tools only
	cat > /var/lib/mpboot-rescue.sh <<EOS
W=$W
KVER=$KVER
EOS
	cat >> /var/lib/mpboot-rescue.sh <<'EOS'
n=0
ok() { echo "PASS: rescue-$1"; }
ko() { echo "FAIL: rescue-$1: $2"; }
t() { _n=$1; shift; if "$@"; then ok "$_n"; else ko "$_n" "'$*' failed"; fi; }
echo "rescue: the image's tools: $(ls /sbin /bin)"
t map-up [ -b /dev/mapper/$W ]
t part1-map-up [ -b /dev/mapper/$W-part1 ]
t part2-map-up [ -b /dev/mapper/$W-part2 ]
dm=$(readlink /dev/mapper/$W)
set -- /sys/block/${dm#../}/slaves/*
t map-has-two-paths [ $# = 2 ]
multipath -ll
for x in multipath kpartx multipathd mpinit devmap_name; do t tool-$x [ -x /sbin/$x ]; done
for x in mount umount chroot sh; do t tool-$x [ -x /bin/$x ]; done
if [ -x /sbin/e2fsck ] || [ -x /bin/e2fsck ]; then
	echo "rescue: the image carries e2fsck"
else
	echo "rescue: NOTE: the image carries no fsck; the root's own e2fsck -n runs through chroot on the read-only root"
fi
for m in dev proc sys run; do mount -o bind /$m /root/$m; done
t root-fsck-readonly chroot /root /sbin/e2fsck -fn /dev/mapper/$W-part1
t remount-rw mount -o remount,rw /dev/mapper/$W-part1 /root
t update-initramfs chroot /root /usr/sbin/update-initramfs -u -k $KVER
t grub-install chroot /root /usr/sbin/grub-install /dev/mapper/$W
t update-grub chroot /root /usr/sbin/update-grub
t repaired-image-has-mpboot chroot /root /bin/sh -c "lsinitramfs /boot/initrd.img-$KVER | grep -q 'usr/lib/mpboot/bin/mpboot\$'"
echo 3 > /root/var/lib/mpboot-rescue-step
for m in run sys proc dev; do umount /root/$m; done
umount /root
sync
echo "rescue: repaired, rebooting"
reboot
EOS
	kb=$(stat -c %s "/boot/initrd.img-$KVER")
	echo "breaking /boot/initrd.img-$KVER ($kb bytes)"
	echo broken > "/boot/initrd.img-$KVER"
	echo 2 > /var/lib/mpboot-rescue-step
	check boot1-grub-reboot grub-reboot mpboot-rescue
	sync
	systemctl reboot
	sleep 600 ;;
2)
	fail rescue-did-not-run "booted the system with step 2: the rescue shell's script did not finish" ;;
3)
	running boot3
	check boot3-default-entry-initramfs-tools sh -c "! dmesg | grep -q 'mpboot: timing' && test -d /run/initramfs"
	check boot3-image-repaired sh -c "lsinitramfs /boot/initrd.img-$KVER | grep -q 'usr/lib/mpboot/bin/mpboot$'" ;;
*) fail rescue-step "unknown step '$step'" ;;
esac
