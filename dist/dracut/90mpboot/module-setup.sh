#!/bin/bash
# dracut module 90mpboot (installed as /usr/lib/dracut/modules.d/90mpboot/):
# mpboot's static multipath, kpartx, multipathd and mpinit in a dracut
# image, assembling every multipathed LU before the root is mounted.
# Replaces dracut's own "multipath" module (dist/dracut/mpboot.conf omits
# it): no multipathd service, no find_multipaths, no wwids file needed.
#
# How the root cannot land on a member path: 61-mpboot-hold.rules keeps
# every sd device not ready for systemd (SYSTEMD_READY=0) until
# /run/mpboot/done exists; mpboot-assemble.sh (initqueue/settled) makes
# the maps and their -partN maps, removes the members' own partitions
# (BLKPG), then releases the other disks; mpboot-done.sh
# (initqueue/finished) holds the initqueue until then.

check() {
	[ -x /usr/lib/mpboot/bin/mpboot ] || return 1
	return 0
}

depends() {
	echo dm
	return 0
}

installkernel() {
	local m mods=
	if [ -r /usr/lib/mpboot/modules ]; then
		mods=$(sed 's/#.*//' /usr/lib/mpboot/modules)
	else
		mods="dm-multipath dm-round-robin dm-service-time dm-queue-length
			scsi_dh_alua scsi_dh_emc scsi_dh_rdac sd_mod sg"
	fi
	# shellcheck disable=SC2086
	hostonly='' instmods $mods
}

install() {
	local t f
	inst_simple /usr/lib/mpboot/bin/mpboot /usr/lib/mpboot/bin/mpboot
	for t in multipath kpartx multipathd mpinit devmap_name; do
		ln -sf mpboot "$initdir/usr/lib/mpboot/bin/$t"
	done
	for f in /etc/multipath.conf /etc/multipath/bindings /etc/multipath/wwids; do
		[ -e "$f" ] && inst_simple "$f"
	done
	inst_multiple udevadm mkdir dmsetup
	# the device-mapper rules that name the maps and make their
	# /dev/disk/by-* links (Debian's names and upstream's; missing ones
	# are skipped), and complete the udev cookies our tools wait on
	inst_rules 10-dm.rules 13-dm-disk.rules 55-dm.rules 60-persistent-storage-dm.rules 95-dm-notify.rules
	inst_simple "$moddir/61-mpboot-hold.rules" "${udevrulesdir:-/lib/udev/rules.d}/61-mpboot-hold.rules"
	inst_hook initqueue/settled 50 "$moddir/mpboot-assemble.sh"
	inst_hook initqueue/finished 50 "$moddir/mpboot-done.sh"
}
