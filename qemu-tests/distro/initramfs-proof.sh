# Guest side of scripts/bench-distro-initramfs.sh (issue 12's proofs): the
# real Debian root of scripts/mkimg-debian.sh on a 2-path LU, with mpboot
# installed (--install).  Two boots, told apart by mpboot.proof=STEP:KIND on
# the kernel command line:
#  build:KIND  (booted by mpboot's build/initramfs.cpio.gz) build this
#              guest's image with KIND -- update-initramfs (initramfs-tools
#              with the mpboot hook), dracut (with 90mpboot), or
#              mpboot-mkinitramfs -- and write it to the transfer disk
#              /dev/vda as "MPBOOT-XFER <size>" in sector 0, the image at
#              1 MiB;
#  check:KIND  (booted by that image, root=UUID=) the root and every fstab
#              mount are on the multipath map's -partN maps, the members
#              are claimed (debian_boot_checks), and the boot times.
# Invariants: the image is built by the distribution's own command inside
# the guest; it holds mpboot's static tools; booted with root=UUID= it
# never mounts a member path.
. /usr/lib/debian-checks.sh

arg=$(tr ' ' '\n' < /proc/cmdline | sed -n 's/^mpboot\.proof=//p')
step=${arg%%:*} kind=${arg#*:}
kver=$(uname -r)
export PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH

build() {
	check_eq booted-root-on-part1 "$(dm_name_of_mount /)" "$W-part1"
	case "$kind" in
	initramfs-tools)
		out=/boot/initrd.img-$kver
		update-initramfs -c -k "$kver" > /tmp/build.log 2>&1 ;;
	dracut)
		out=/boot/initrd.img-$kver
		dracut --force "$out" "$kver" > /tmp/build.log 2>&1 ;;
	mpboot)
		out=/boot/mpboot.img-$kver
		mpboot-mkinitramfs -o "$out" > /tmp/build.log 2>&1 ;;
	*) fail kind "unknown '$kind'"; return ;;
	esac
	rc=$?
	sed 's/^/build| /' /tmp/build.log | tail -n 40
	if [ $rc = 0 ] && [ -s "$out" ]; then
		pass "built-by-$kind"
	else
		fail "built-by-$kind" "exit $rc"
		return
	fi
	case "$kind" in
	initramfs-tools) lsinitramfs "$out" > /tmp/list 2>/dev/null ;;
	dracut) lsinitrd "$out" > /tmp/list 2>/dev/null ;;
	mpboot) zcat "$out" | cpio -it --quiet > /tmp/list 2>/dev/null ;;
	esac
	if [ "$kind" = mpboot ]; then
		check image-has-mpboot grep -qx 'sbin/mpboot' /tmp/list
		# this host's root, from its /etc/fstab, as the image's default
		check_eq summary-root-from-fstab "$(grep -c "root .*UUID=${U}d1 (ext4).*from /etc/fstab" /tmp/build.log)" 1
		check summary-hba grep -q 'module *virtio_scsi *driver of SCSI host' /tmp/build.log
		mpboot-mkinitramfs -q -o /tmp/again.img 2>/dev/null
		check same-inputs-same-bytes cmp -s "$out" /tmp/again.img
	else
		check image-has-mpboot grep -qE '^(-.* )?usr/lib/mpboot/bin/mpboot$' /tmp/list
		check image-has-multipath-link grep -qE 'usr/lib/mpboot/bin/multipath( -> mpboot)?$' /tmp/list
	fi
	if [ "$kind" = dracut ]; then
		check image-no-dracut-multipath sh -c "! grep -q 'multipathd.service' /tmp/list"
	fi
	size=$(stat -c %s "$out")
	echo "PROOF-SIZE: $size"
	wait_until 30 test -b /dev/vda || { fail xfer-disk "no /dev/vda"; return; }
	{ printf 'MPBOOT-XFER %s\n' "$size"; head -c 500 /dev/zero; } | dd of=/dev/vda bs=512 count=1 conv=sync 2>/dev/null
	dd if="$out" of=/dev/vda bs=1M seek=1 conv=fsync 2>/dev/null
	check image-written sh -c "dd if=/dev/vda bs=1M skip=1 count=$(( (size + 1048575) / 1048576 )) 2>/dev/null | head -c $size | cmp -s - $out"
}

verify() {
	debian_boot_checks
	if [ "$kind" = stock ]; then
		# Debian's own stack mounts a member path for root=UUID= (the
		# docs/boot.md's boot bench): it is booted by the map's name
		check_eq booted-with "$(tr ' ' '\n' < /proc/cmdline | grep '^root=')" "root=/dev/mapper/$W-part1"
	else
		check_eq booted-with "$(tr ' ' '\n' < /proc/cmdline | grep '^root=')" "root=UUID=${U}d1"
	fi
	# Boot time: the kernel's "Run /init" (kernel log clock) to the real
	# root's systemd start, systemd's own UserspaceTimestampMonotonic --
	# and to multi-user.target's ActiveEnterTimestampMonotonic --
	# after the switch when the initrd ran systemd itself (dracut), whose
	# kernel-log lines need not reach dmesg once its journald runs.  The
	# monotonic clock is put on the kernel log's clock by a line written
	# to /dev/kmsg with the uptime read just before.
	read -r up _ < /proc/uptime
	echo "proof-clock: $up" > /dev/kmsg
	dmesg > /tmp/dmesg
	t0=$(sed -n 's/^\[ *\([0-9.]*\)\] Run \/init as init process.*/\1/p' /tmp/dmesg | head -n 1)
	off=$(sed -n 's/^\[ *\([0-9.]*\)\] proof-clock: \([0-9.]*\)$/\1 \2/p' /tmp/dmesg | awk '{ print $1 - $2 }' | tail -n 1)
	us=$(systemctl show -P UserspaceTimestampMonotonic 2>/dev/null)
	mu=$(systemctl show -P ActiveEnterTimestampMonotonic multi-user.target 2>/dev/null)
	t1= t2=
	if [ -n "$off" ]; then
		[ "${us:-0}" != 0 ] && t1=$(awk "BEGIN { printf \"%.2f\", $us / 1000000 + $off }")
		[ "${mu:-0}" != 0 ] && t2=$(awk "BEGIN { printf \"%.2f\", $mu / 1000000 + $off }")
	fi
	# for the log: the last systemd banner in dmesg (the real root's when
	# the initrd ran no systemd)
	ban=$(sed -n 's/^\[ *\([0-9.]*\)\] systemd\[1\]: systemd [0-9].* running in system mode.*/\1/p' /tmp/dmesg | tail -n 1)
	echo "PROOF-TIME: init=$t0 root-init=$t1 multi-user=$t2 banner=${ban:-none} clock-offset=$off"
	if [ -n "$t0" ] && [ -n "$t1" ]; then pass boot-times; else fail boot-times "init '$t0', root '$t1' (UserspaceTimestampMonotonic '$us', offset '$off')"; grep -n 'init\|systemd' /tmp/dmesg | head -n 20; fi
}

case "$step" in
build) build ;;
check) verify ;;
*) fail proof-step "no mpboot.proof=build:KIND or check:KIND on the command line" ;;
esac
