# Checks shared by the scenarios that boot the real Debian root of
# scripts/mkimg-debian.sh through mpboot's initramfs (boot-debian-*.sh).
# Sourced by a scenario after /usr/lib/t.sh; the image installs it as
# /usr/lib/debian-checks.sh.

W=35000c50015ea7100
U=6d70626f-6f74-4000-8000-0000000000

# kname_of DEVNODE: dm-N / sdX of a device node or link.
kname_of() {
	_mm=$(stat -L -c '%t %T' "$1") || return 1
	set -- $_mm
	basename "$(readlink "/sys/dev/block/$((0x$1)):$((0x$2))")"
}

# dm_name_of_mount DIR: the map name of the device mounted on DIR.
dm_name_of_mount() {
	_mm=$(mountpoint -d "$1") || return 1
	cat "/sys/dev/block/$_mm/dm/name" 2>/dev/null
}

# The invariants every boot of the Debian root must meet, whatever root=.
debian_boot_checks() {
	_state=$(timeout 150 systemctl is-system-running --wait 2>&1)
	if [ "$_state" = running ]; then
		pass systemd-running
	else
		fail systemd-running "state '$_state'; failed units: $(systemctl --failed --no-legend 2>&1 | tr '\n' ';')"
		journalctl -b --no-pager -p warning 2>&1 | tail -n 40
	fi
	check_eq root-on-part1 "$(dm_name_of_mount /)" "$W-part1"
	check_eq data-on-part2 "$(dm_name_of_mount /data)" "$W-part2"
	check_eq logs-on-part5 "$(dm_name_of_mount /srv/logs)" "$W-part5"
	_sw=$(awk 'NR == 2 { print $1 }' /proc/swaps)
	check_eq swap-on-part3 "$(cat "/sys/block/$(kname_of "$_sw")/dm/name" 2>/dev/null)" "$W-part3"

	for _l in by-uuid/${U}d1 by-uuid/${U}d2 by-uuid/${U}d3 by-uuid/${U}d5 \
		by-label/mpboot-logs by-label/deb-root by-id/dm-uuid-mpath-$W \
		by-id/dm-name-$W by-id/dm-name-$W-part1; do
		_k=$(kname_of "/dev/disk/$_l" 2>/dev/null)
		case "$_k" in
		dm-*) pass "link-$_l" ;;
		*) fail "link-$_l" "/dev/disk/$_l -> '$(readlink "/dev/disk/$_l")' ($_k), not a dm device" ;;
		esac
	done
	# a link to a partition of a multipath member would let a mount
	# bypass the map (LUs left unmapped on purpose may keep theirs)
	_members=" $(ls /sys/block/dm-*/slaves 2>/dev/null | grep '^sd' | tr '\n' ' ') "
	_bad=
	for _l in /dev/disk/by-uuid/* /dev/disk/by-label/* /dev/disk/by-partuuid/*; do
		[ -e "$_l" ] || continue
		_k=$(kname_of "$_l")
		case "$_k" in
		dm-*) ;;
		*) case "$_members" in *" $(basename "$(readlink -f "/sys/class/block/$_k/..")") "*|*" $_k "*)
			_bad="$_bad $_l->$(readlink "$_l")" ;; esac ;;
		esac
	done
	check_eq no-fs-link-to-a-path "$_bad" ""
	check_eq mapper-link "$(readlink "/dev/mapper/$W-part1")" "../$(kname_of "/dev/mapper/$W-part1")"
	# the members: claimed by multipath-tools' rules, not systemd devices
	for _p in /sys/block/dm-*/slaves/sd*; do
		_s=${_p##*/}
		check_eq "member-$_s" "$(udevadm info -q property -n "$_s" | grep -E '^(DM_MULTIPATH_DEVICE_PATH|SYSTEMD_READY)=' | sort | tr '\n' ' ')" \
			"DM_MULTIPATH_DEVICE_PATH=1 SYSTEMD_READY=0 "
	done
}
