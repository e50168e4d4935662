# Issue 22, the installer case: a Debian 12 installer (scripts/mkimg-installer.sh,
# LU 1, booted by mpboot's image with mpath.wwid= limited to it) installs
# Debian onto LU 0, an EMPTY LU seen through two virtio-scsi controllers,
# with udev running and only mpboot's tools doing the multipath work
# (Debian's multipathd is masked and its kpartx udev rule overridden in the
# installer):
#   mpboot-multipath                      makes the map (2 paths)
#   sfdisk --no-reread /dev/mapper/W      DOS label: root, /data, free space
#   mpboot-kpartx -u -p -part /dev/mapper/W   the partition maps, at once
#   mkfs.ext4 on W-part1 and W-part2, the system untarred into them
#   chroot: fstab by UUID=, grub-install /dev/mapper/W (BIOS), initramfs by
#   mpboot-mkinitramfs (its entry and a rescue entry in 40_custom) and, in
#   the full form, by update-initramfs (mpboot's initramfs-tools hook;
#   Debian's entry), update-grub
# Form: MPBOOT_INSTALL_FORM=short (make check; mpboot's entry is GRUB's
# default: no update-initramfs, which takes ~3 min under TCG) or full
# (scripts/bench-install.sh), read from /etc/mpboot-install-form.
# The host keeps the installed LU for the "# boot: disk" scenarios
# (installed-boot, long/installed-degraded, long/installed-rescue) through
# scripts/installed-disk.sh --save.
# Invariants:
# - the LU is empty at the start (no label, no map), and no partition map
#   exists until mpboot-kpartx -u makes them; when it returns, the
#   /dev/mapper and /dev/disk/by-uuid links are there (udev completed);
# - every step of the install exits 0 and leaves what a boot needs: GRUB's
#   boot code in the map's MBR, grub.cfg with root=UUID= of the new root in
#   every Linux entry, both images holding mpboot's tools;
# - the file systems are unmounted cleanly (e2fsck -n clean).
# topology: virtio:2
# disk: 768M
# disk: script:scripts/mkimg-installer.sh
# initramfs: build/initramfs.cpio.gz
# append: root=UUID=6d70626f-6f74-4000-8000-0000000000e1 rw mpath.wwid=35000c50015ea7101 rootdelay=60
# mem: 1024
# timeout: 1800
# host-after: saved-for-boot-scenarios "$top/scripts/installed-disk.sh" --save lu0.img lu1.img.key

W=35000c50015ea7100
IW=35000c50015ea7101
T=/target
KVER=$(uname -r)
form=$(cat /etc/mpboot-install-form)
echo "install: form $form"
export PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH

# timed NAME CMD...: run CMD, log its output and how long it took
timed() {
	_n=$1
	shift
	_t0=$(cut -d' ' -f1 /proc/uptime)
	"$@" > "/tmp/$_n.log" 2>&1
	_rc=$?
	_t1=$(cut -d' ' -f1 /proc/uptime)
	echo "INSTALL-TIME: $_n $(awk "BEGIN { printf \"%.1f\", $_t1 - $_t0 }") s (exit $_rc)"
	if [ $_rc = 0 ]; then
		pass "$_n"
	else
		fail "$_n" "exit $_rc: $(tail -n 15 "/tmp/$_n.log" | tr '\n' '|')"
	fi
	return $_rc
}
in_target() { chroot "$T" "$@"; }

lu_paths() {
	for _s in /sys/block/sd*; do
		[ "$(vpd_wwid "${_s##*/}")" = "$W" ] && echo "${_s##*/}"
	done
}
two_paths() { [ "$(lu_paths | wc -l)" = 2 ]; }
if ! wait_until 60 two_paths; then
	fail lu-two-paths "paths of $W: $(lu_paths | tr '\n' ' ')"
	exit 1
fi
pass lu-two-paths
p0=$(lu_paths | head -n 1)
check lu-empty cmp -n 1048576 "/dev/$p0" /dev/zero
check_fails no-map-before 1 dmsetup info "$W"
check udev-running test -S /run/udev/control

# --- the map
timed multipath mpboot-multipath || exit 1
check_eq map-paths "$(dmsetup table "$W" | grep -oE ' [0-9]+:[0-9]+ ' | sort -u | wc -l)" 2
check mapper-link-at-once test -b "/dev/mapper/$W"
mpboot-multipath -ll "$W"

# --- partitions through the map: root, /data, and free space at the end
sz=$(blockdev --getsz "/dev/mapper/$W")
data=$((64 * 2048))
rootsz=$((sz - 2048 - data - 64 * 2048))
printf 'label: dos\nlabel-id: 0x6d706d69\nstart=2048, size=%s, type=83, bootable\nsize=%s, type=83\n' \
	"$rootsz" "$data" > /tmp/layout
timed sfdisk sfdisk --no-reread --no-tell-kernel "/dev/mapper/$W" < /tmp/layout || exit 1
check_fails no-part-map-before-kpartx 1 dmsetup info "$W-part1"
timed kpartx-u mpboot-kpartx -u -p -part "/dev/mapper/$W" || exit 1
for n in 1 2; do
	check "part$n-link-at-once" test -b "/dev/mapper/$W-part$n"
	check_eq "part$n-uuid" "$(dmsetup info -c --noheadings -o uuid "$W-part$n")" "part$n-mpath-$W"
done
check_fails no-part3 1 dmsetup info "$W-part3"

# --- file systems, the system
timed mkfs-root mkfs.ext4 -q -L sys-root "/dev/mapper/$W-part1" || exit 1
timed mkfs-data mkfs.ext4 -q -L sys-data "/dev/mapper/$W-part2" || exit 1
RU=$(blkid -o value -s UUID "/dev/mapper/$W-part1")
DU=$(blkid -o value -s UUID "/dev/mapper/$W-part2")
echo "root UUID $RU, data UUID $DU"
by_uuid_ok() { [ "$(readlink -f "/dev/disk/by-uuid/$RU")" = "$(readlink -f "/dev/mapper/$W-part1")" ]; }
if wait_until 30 by_uuid_ok; then pass by-uuid-link-of-new-root; else
	fail by-uuid-link-of-new-root "'$(ls -l /dev/disk/by-uuid/ 2>&1 | tr '\n' ' ')'"; fi
mkdir -p "$T"
mount "/dev/mapper/$W-part1" "$T" || { fail mount-root "mount failed"; exit 1; }
timed untar tar --numeric-owner -xpf "/dev/mapper/$IW-part2" -C "$T" || exit 1
mkdir -p "$T/data"
mount "/dev/mapper/$W-part2" "$T/data" || { fail mount-data "mount failed"; exit 1; }
cat > "$T/etc/fstab" <<EOF
UUID=$RU /     ext4 rw,errors=remount-ro 0 1
UUID=$DU /data ext4 defaults 0 2
EOF
for m in dev proc sys run; do mount --bind "/$m" "$T/$m"; done

# --- GRUB: serial console, short timeout, the mpboot entries beside Debian's
cat >> "$T/etc/default/grub" <<'EOF'
GRUB_DISTRIBUTOR=Debian
GRUB_TIMEOUT=1
GRUB_TERMINAL=serial
GRUB_SERIAL_COMMAND="serial --unit=0 --speed=115200"
GRUB_CMDLINE_LINUX="console=ttyS0"
GRUB_CMDLINE_LINUX_DEFAULT="quiet"
GRUB_DISABLE_RECOVERY=true
GRUB_DISABLE_OS_PROBER=true
EOF
# the short form builds no initrd.img: no Debian entry (10_linux would
# name the root by PARTUUID= for a kernel without an initramfs, and could
# not boot it: ext4 and the disk drivers are modules), mpboot's entry is
# the default
if [ "$form" = short ]; then
	echo 'GRUB_DEFAULT=mpboot' >> "$T/etc/default/grub"
	chmod -x "$T/etc/grub.d/10_linux"
fi
cat > "$T/etc/grub.d/40_custom" <<EOF
#!/bin/sh
exec tail -n +3 \$0
menuentry 'Debian GNU/Linux, mpboot initramfs' --id mpboot {
	search --no-floppy --fs-uuid --set=root $RU
	linux /boot/vmlinuz-$KVER root=UUID=$RU ro console=ttyS0
	initrd /boot/mpboot.img-$KVER
}
menuentry 'Debian GNU/Linux, mpboot rescue shell (maps up, root not mounted)' --id mpboot-rescue {
	search --no-floppy --fs-uuid --set=root $RU
	linux /boot/vmlinuz-$KVER root=UUID=$RU ro console=ttyS0 mpath.break=mount
	initrd /boot/mpboot.img-$KVER
}
EOF
chmod 755 "$T/etc/grub.d/40_custom"

timed grub-install in_target grub-install --target=i386-pc "/dev/mapper/$W"
timed mpboot-mkinitramfs in_target mpboot-mkinitramfs -o "/boot/mpboot.img-$KVER"
# "targeted" (Debian's installer's choice for this machine): the modules
# of this host's devices; mpboot's hook adds its own storage list anyway.
# MODULES=most builds here took 10+ minutes under TCG.
sed -i 's/^MODULES=.*/MODULES=dep/' "$T/etc/initramfs-tools/initramfs.conf"
[ "$form" = full ] && timed update-initramfs in_target update-initramfs -c -k "$KVER"
timed update-grub in_target update-grub
cat /tmp/update-grub.log

# --- what a boot needs
check mbr-has-grub sh -c "dd if=/dev/mapper/$W bs=512 count=1 2>/dev/null | grep -aq GRUB"
cfg=$T/boot/grub/grub.cfg
nlinux=$(grep -c '^[[:space:]]*linux[[:space:]]' "$cfg")
nuuid=$(grep -c "^[[:space:]]*linux[[:space:]].* root=UUID=$RU " "$cfg")
check_eq grub-cfg-root-by-uuid "$nuuid" "$nlinux"
check grub-cfg-search-uuid grep -q "search .*--fs-uuid .*$RU" "$cfg"
check grub-cfg-mpboot-entry grep -q -e "--id mpboot " "$cfg"
check grub-cfg-rescue-entry grep -q -e "--id mpboot-rescue " "$cfg"
check mpboot-image-has-tools sh -c "zcat $T/boot/mpboot.img-$KVER | cpio -it --quiet 2>/dev/null | grep -qx sbin/mpboot"
if [ "$form" = full ]; then
	check initramfs-tools-image-has-mpboot sh -c "chroot $T lsinitramfs /boot/initrd.img-$KVER | grep -q 'usr/lib/mpboot/bin/mpboot$'"
	check grub-cfg-debian-entry grep -q "initrd.*/boot/initrd.img-$KVER" "$cfg"
else
	check grub-cfg-default-mpboot grep -q '^ *set default="mpboot"' "$cfg"
fi
ls -l "$T/boot" "$T/boot/grub"

# --- leave the disk clean for its boots
for m in run sys proc dev data; do umount "$T/$m" || fail "umount-$m" "busy"; done
umount "$T" || fail umount-root busy
sync
check fsck-root e2fsck -fn "/dev/mapper/$W-part1"
check fsck-data e2fsck -fn "/dev/mapper/$W-part2"
