# Helpers of the scenarios that compare mpboot's multipath with Debian's
# multipath-tools 0.9.4 in the same guest ("# peer: debian": Debian's root
# in /peer), over scsi_debug LUs whose hosts each have their own ALUA port
# group (vpd_use_hostno=0) in state host_no % 3.  Sourced by a scenario
# after t.sh (qemu-tests/run puts every lib/*.sh in the guest's /lib).

# peer CMD...: run a command of Debian's root.
peer() { SYSTEMD_IGNORE_CHROOT=1 chroot /peer "$@"; }

# peer_mount: /proc, /sys, /dev, /run and /tmp in Debian's root.
peer_mount() {
	for _d in proc sys dev run tmp; do mkdir -p /peer/$_d && mount --bind /$_d /peer/$_d; done
}

# peer_udevd: Debian's udevd, which has seen every disk once this returns.
peer_udevd() {
	peer /lib/systemd/systemd-udevd --daemon --resolve-names=never 2>/tmp/udevd.err
	peer /bin/udevadm trigger --action=add --subsystem-match=block
	peer /bin/udevadm settle --timeout=120
}

# scsi_dh_alua shows every path active/optimized until its first REPORT
# TARGET PORT GROUPS lands, and scsi_debug's power-on UNIT ATTENTION puts
# that off by a 2 s retry or more (a clean-clone CI run once had Debian's
# multipath group by those values; ours, reading later, regrouped).  Ours
# asks the device when sysfs says active/optimized (src/lib/parse/prio.c);
# Debian's trusts sysfs, so a comparison starts once the kernel knows:
# check alua-states-settled wait_until 60 alua_settled.
want_state() { # host number -> state
	case $(($1 % 3)) in 0) echo active/optimized ;; 1) echo active/non-optimized ;;
	*) echo standby ;; esac
}
alua_settled() {
	for _d in $(sd_devs); do
		_h=$(basename "$(readlink /sys/block/$_d/device)")
		[ "$(cat /sys/block/$_d/device/access_state)" = "$(want_state "${_h%%:*}")" ] || return 1
	done
}
# alua_states: each disk's H:C:T:L, ALUA state and device handler state.
alua_states() {
	for _d in $(sd_devs); do
		echo "$_d $(basename "$(readlink /sys/block/$_d/device)") $(cat /sys/block/$_d/device/access_state 2>/dev/null) dh=$(cat /sys/block/$_d/device/dh_state)"
	done
}

# maps: "name table" lines, sorted by name.
maps() { for _m in $(dmctl ls | cut -d' ' -f1 | sort); do echo "$_m $(dmctl table "$_m")"; done; }

# flush_all: no map left (multipath -F, retried while udev still holds one).
flush_all() {
	peer /bin/udevadm settle --timeout=60
	for _i in 1 2 3 4 5; do
		multipath -F >/dev/null 2>&1
		[ -z "$(dmctl ls)" ] && return 0
		sleep 1
	done
	return 1
}
