#!/bin/sh
# dracut initqueue/settled hook (sourced by the initqueue loop: no exit):
# assemble every multipathed LU with mpboot's tools once the disks udev
# coldplugged have settled, then release the disks that are not members.
# rd.multipath=0 / mpath.off / nompath / multipath=off: release at once.
mpboot_assemble() {
	local B=/usr/lib/mpboot/bin arg off= policy= d u n s
	mkdir -p /run/mpboot/member
	for arg in $(cat /proc/cmdline); do
		case "$arg" in
		mpath.off|nompath|multipath=off|rd.multipath=0) off=1 ;;
		mpath.policy=failover|mpath.policy=multibus|mpath.policy=group_by_serial|\
		mpath.policy=group_by_prio|mpath.policy=group_by_node_name) policy=${arg#mpath.policy=} ;;
		esac
	done
	if [ -z "$off" ]; then
		# a quiet period with no new disk (bounded): a second path
		# still being scanned is not missed
		$B/mpinit wait -q 500 -t 30000
		$B/multipath ${policy:+-p "$policy"} || warn "mpboot: multipath failed"
		for d in /sys/block/dm-*; do
			[ -r "$d/dm/uuid" ] || continue
			read -r u < "$d/dm/uuid"
			case "$u" in mpath-*) ;; *) continue ;; esac
			read -r n < "$d/dm/name"
			$B/kpartx -a -p -part "/dev/mapper/$n" || warn "mpboot: kpartx on $n failed"
			for s in "$d"/slaves/*; do
				[ -e "$s" ] && : > "/run/mpboot/member/${s##*/}"
			done
		done
		$B/mpinit hideparts
	fi
	: > /run/mpboot/done
	# the disks that are not members become ready for systemd now
	for d in /sys/block/sd*; do
		[ -e "$d" ] || continue
		[ -e "/run/mpboot/member/${d##*/}" ] && continue
		udevadm trigger --action=change "$d" "$d"/sd* 2>/dev/null
	done
	udevadm settle -t 10
}
[ -e /run/mpboot/done ] || mpboot_assemble
