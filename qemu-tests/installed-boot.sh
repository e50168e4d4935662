# Issue 22, boot from the disk: the LU that qemu-tests/install.sh installed
# Debian on (scripts/installed-disk.sh), and no -kernel: SeaBIOS -> GRUB on
# the multipath LU -> kernel + initramfs -> the real root.  Two boots of
# one machine:
#   boot 1: both paths; GRUB's default entry: Debian's initrd.img built by
#           update-initramfs with mpboot's initramfs-tools hook (the full
#           install, scripts/bench-install.sh), or mpboot-mkinitramfs's
#           image (the short install of make check).  Then the
#           host unplugs path b, the scenario asks GRUB for the mpboot
#           entry once (grub-reboot) and reboots
#   boot 2: degraded -- path b missing at power-on; the entry of
#           mpboot-mkinitramfs's image.  The host plugs path b back in
#           while the system runs; then the re-partition of the live disk
# Invariants:
# - every boot: the kernel came from GRUB (BOOT_IMAGE= and the root's
#   root=UUID= on its command line, the entry's image as asked), systemd
#   reaches "running", / and /data are on the -part1/-part2 maps of the
#   map, every fstab by-uuid link exists and points at a dm device, none
#   points at a member path;
# - boot 1: the map has both paths, the members are claimed
#   (DM_MULTIPATH_DEVICE_PATH=1, SYSTEMD_READY=0), and the root's own
#   multipath-tools (Debian's multipath -ll) shows both active;
# - boot 2: the map comes up on one path; the added path joins it (the
#   root's multipathd, Debian's, adds it) with no I/O error for an
#   O_DIRECT reader of the map; then Debian's multipath -ll shows both;
# - re-partition live (boot 2): a partition added in the free space at the
#   end through the map while / is mounted from part1: `mpboot-kpartx -u`
#   adds part3 at once and leaves part1 and part2 as they were (same
#   device, same table, the root keeps taking writes, a reader of part1
#   sees no error); Debian's kpartx udev rule is masked for the step so
#   the map is mpboot's work.
# The long forms (scripts/bench-install.sh): long/installed-degraded (the
# default entry degraded), long/installed-rescue.
# topology: virtio:2
# disk: script:scripts/installed-disk.sh
# boot: disk
# reboot: yes
# mem: 1024
# timeout: 900
# host del-b: @del p1l0
# host add-b: @add p1l0

W=35000c50015ea7100
export PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH
step=$(cat /data/.boot-step 2>/dev/null || echo 1)
echo "installed-boot: boot $step: $(cat /proc/cmdline)"

dm_name_of_mount() {
	_mm=$(mountpoint -d "$1") || return 1
	cat "/sys/dev/block/$_mm/dm/name" 2>/dev/null
}
kname_of() {
	_mm=$(stat -L -c '%t %T' "$1") || return 1
	set -- $_mm
	basename "$(readlink "/sys/dev/block/$((0x$1)):$((0x$2))")"
}

booted_checks() { # the boot's name
	_b=$1
	_state=$(timeout 200 systemctl is-system-running --wait 2>&1)
	if [ "$_state" = running ]; then
		pass "$_b-systemd-running"
	else
		fail "$_b-systemd-running" "state '$_state'; failed: $(systemctl --failed --no-legend 2>&1 | tr '\n' ';')"
		journalctl -b --no-pager -p warning 2>&1 | tail -n 30
	fi
	RU=$(findmnt -n -o UUID /)
	check "$_b-kernel-from-grub" grep -q "BOOT_IMAGE=/boot/vmlinuz-$(uname -r) root=UUID=$RU " /proc/cmdline
	check_eq "$_b-root-on-part1" "$(dm_name_of_mount /)" "$W-part1"
	check_eq "$_b-data-on-part2" "$(dm_name_of_mount /data)" "$W-part2"
	# every file system of fstab has its by-uuid link, on a dm device
	_bad=
	for _u in $(sed -n 's/^UUID=\([^ ]*\) .*/\1/p' /etc/fstab); do
		case "$(kname_of "/dev/disk/by-uuid/$_u" 2>/dev/null)" in
		dm-*) ;;
		*) _bad="$_bad $_u->'$(readlink "/dev/disk/by-uuid/$_u")'" ;;
		esac
	done
	check_eq "$_b-by-uuid-complete" "$_bad" ""
	_bad=
	for _l in /dev/disk/by-uuid/*; do
		case "$(kname_of "$_l")" in dm-*) ;; *) _bad="$_bad $_l" ;; esac
	done
	check_eq "$_b-no-by-uuid-to-a-path" "$_bad" ""
}
paths_in_table() { dmsetup table "$W" | grep -oE ' [0-9]+:[0-9]+ ' | sort -u | wc -l; }
active_paths() { dmsetup status "$W" | awk '{ for (i = 1; i < NF; i++) if ($i ~ /^[0-9]+:[0-9]+$/ && $(i + 1) == "A") n++ } END { print n + 0 }'; }
table_has() { [ "$(paths_in_table)" = "$1" ]; }
two_active() { [ "$(paths_in_table)" = 2 ] && [ "$(active_paths)" = 2 ]; }
debian_ll_paths() { multipath -ll "$W" 2>/dev/null | grep -cE '[0-9]+:[0-9]+:[0-9]+:[0-9]+ sd[a-z]+ .*active ready'; }

case "$step" in
1)
	booted_checks boot1
	# GRUB's default entry: Debian's initramfs-tools image (the full
	# install), or mpboot's (the short one builds no initrd.img)
	if [ -e "/boot/initrd.img-$(uname -r)" ]; then
		check boot1-default-entry-initramfs-tools sh -c "! dmesg | grep -q 'mpboot: timing' && test -d /run/initramfs"
	else
		check boot1-default-entry-mpboot sh -c "dmesg | grep -q 'mpboot: timing'"
	fi
	check_eq boot1-map-paths "$(paths_in_table)" 2
	for _p in /sys/block/dm-*/slaves/sd*; do
		_s=${_p##*/}
		check_eq "boot1-member-$_s" "$(udevadm info -q property -n "$_s" | grep -E '^(DM_MULTIPATH_DEVICE_PATH|SYSTEMD_READY)=' | sort | tr '\n' ' ')" \
			"DM_MULTIPATH_DEVICE_PATH=1 SYSTEMD_READY=0 "
	done
	wait_until 60 sh -c "[ \"\$(multipath -ll $W 2>/dev/null | grep -cE 'sd[a-z]+ .*active ready')\" = 2 ]"
	check_eq boot1-debian-multipath-ll-paths "$(debian_ll_paths)" 2
	# path b goes; the machine restarts without it
	host_event del-b
	if wait_until 60 table_has 1; then pass boot1-path-b-unplugged; else
		fail boot1-path-b-unplugged "table: $(dmsetup table "$W")"; fi
	echo 2 > /data/.boot-step
	check boot1-grub-reboot grub-reboot mpboot
	sync
	systemctl reboot
	sleep 600 ;;
2)
	booted_checks boot2
	check boot2-mpboot-entry sh -c "dmesg | grep -q 'mpboot: timing'"
	check_eq boot2-one-path-at-boot "$(paths_in_table)" 1
	# --- path b plugged in while the system runs
	reader_start map "/dev/mapper/$W"
	host_event add-b
	if wait_until 120 two_active; then pass boot2-path-b-joined; else
		fail boot2-path-b-joined "table: $(dmsetup table "$W"); status: $(dmsetup status "$W"); $(multipathd show paths 2>&1 | tr '\n' ';')"; fi
	check boot2-write-after-join sh -c 'dd if=/dev/urandom of=/var/tmp/after-join bs=64k count=16 conv=fsync 2>/dev/null'
	sleep 1
	reader_stop map
	reader_ok map boot2-no-io-error-while-joining
	wait_until 30 sh -c "[ \"\$(multipath -ll $W 2>/dev/null | grep -cE 'sd[a-z]+ .*active ready')\" = 2 ]"
	check_eq boot2-debian-multipath-ll-paths "$(debian_ll_paths)" 2
	# --- re-partition live: part3 in the free space, / mounted from part1
	ln -sf /dev/null /etc/udev/rules.d/60-kpartx.rules
	udevadm control --reload
	before1=$(dmsetup table "$W-part1") before2=$(dmsetup table "$W-part2")
	dev1=$(dmsetup info -c --noheadings -o major,minor "$W-part1")
	reader_start root "/dev/mapper/$W-part1"
	echo 'size=16MiB, type=83' > /tmp/p3
	check repart-sfdisk-append sfdisk --append --no-reread --no-tell-kernel "/dev/mapper/$W" < /tmp/p3
	check_fails repart-no-part3-before-kpartx 1 dmsetup info "$W-part3"
	check repart-kpartx-u mpboot-kpartx -u -p -part "/dev/mapper/$W"
	check repart-part3-at-once test -b "/dev/mapper/$W-part3"
	check_eq repart-part3-uuid "$(dmsetup info -c --noheadings -o uuid "$W-part3")" "part3-mpath-$W"
	check_eq repart-part1-same-table "$(dmsetup table "$W-part1")" "$before1"
	check_eq repart-part2-same-table "$(dmsetup table "$W-part2")" "$before2"
	check_eq repart-part1-same-device "$(dmsetup info -c --noheadings -o major,minor "$W-part1")" "$dev1"
	check repart-root-writable sh -c 'echo x > /var/tmp/after-repart && sync'
	check repart-mkfs-part3 mkfs.ext4 -q "/dev/mapper/$W-part3"
	sleep 1
	reader_stop root
	reader_ok root repart-root-io
	rm -f /etc/udev/rules.d/60-kpartx.rules
	udevadm control --reload
	;;
*) fail boot-step "unknown step '$step'" ;;
esac
