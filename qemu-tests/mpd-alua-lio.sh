# multipathd follows ALUA state changes (issue 10).  A LIO target in the
# guest: one fileio backstore exported through two tcm_loop ports (two
# SCSI hosts, so two paths to one LU), port A in ALUA group 1, port B in
# group 2, both implicit ALUA; scsi_dh_alua attached.  The built-in table's
# LIO-ORG entry says group_by_prio, prio alua, failback immediate.
# Invariants: multipath makes two groups, A's first (50 over 10); under a
# write+verify O_DIRECT load, after A goes standby and B optimized (the
# configfs alua_access_state of each group) the daemon's table puts B's
# group first with priorities 50/1 and the kernel runs on it; when A is
# optimized again (B non-optimized) it fails back to A; no I/O error, no
# mismatch.  The time from each state change to the switch is printed
# (MPD-ALUA-SWITCH-SECONDS) for docs/benchmarks.md.  The daemon's checker is the
# LU's (directio, from the built-in table); then, with a multipath.conf
# that says prio alua and path_checker tur, it follows the same changes
# by its own asynchronous REPORT TARGET PORT GROUPS on the sg nodes.
# modules: sg scsi_dh_alua target_core_mod target_core_file tcm_loop
# timeout: 240

mount -t configfs none /sys/kernel/config 2>/dev/null
C=/sys/kernel/config/target
LU=$C/core/fileio_0/lu0
dd if=/dev/zero of=/tmp/lu.img bs=1M count=16 2>/dev/null
mkdir -p "$LU"
echo "fd_dev_name=/tmp/lu.img,fd_dev_size=16777216" > "$LU/control"
echo 1 > "$LU/enable"
# the NAA designator of VPD 0x83 (the WWID) is made from it
echo 0123456789abcdef > "$LU/wwn/vpd_unit_serial"
mkdir "$LU/alua/grpB"
echo 2 > "$LU/alua/grpB/tg_pt_gp_id"
# implicit only: the states below are the target's to set, and
# scsi_dh_alua never asks for a transition (SET TARGET PORT GROUPS)
echo 1 > "$LU/alua/default_tg_pt_gp/alua_access_type"
echo 1 > "$LU/alua/grpB/alua_access_type"
GA=$LU/alua/default_tg_pt_gp GB=$LU/alua/grpB
echo 1 > "$GB/alua_access_state"   # B active/non-optimized
port() { # wwn nexus-wwn
	mkdir -p "$C/loopback/$1/tpgt_1/lun/lun_0"
	echo "$2" > "$C/loopback/$1/tpgt_1/nexus"
	ln -s "$LU" "$C/loopback/$1/tpgt_1/lun/lun_0/lu0"
}
port naa.5001405000000a01 naa.5001405000000a02
check one-path wait_until 20 sh -c '[ $(ls /sys/block | grep -c ^sd) = 1 ]'
port naa.5001405000000b01 naa.5001405000000b02
check two-paths wait_until 20 sh -c '[ $(ls /sys/block | grep -c ^sd) = 2 ]'
echo grpB > "$C/loopback/naa.5001405000000b01/tpgt_1/lun/lun_0/alua_tg_pt_gp"
set -- $(sd_devs)
A=$1 B=$2
# scsi_dh_alua learnt B's group (VPD 0x83) when B appeared, in group 0:
# a rescan makes it read the page again
echo 1 > "/sys/block/$B/device/rescan"
DA=$(devno "$A") DB=$(devno "$B")
W=$(vpd_wwid "$A")
echo "A=$A ($DA) B=$B ($DB) W=$W"
for d in $A $B; do
	echo "$d $(cat /sys/block/$d/device/vendor) dh=$(cat /sys/block/$d/device/dh_state)"
done
# the kernel's view settles after scsi_dh_alua's first RTPG
settled() { [ "$(cat /sys/block/$A/device/access_state)" = "$1" ] &&
	[ "$(cat /sys/block/$B/device/access_state)" = "$2" ]; }
check alua-settled wait_until 30 settled active/optimized active/non-optimized

check map-made multipath -v0
first_pg() { # the devt of the first path of the table's first group
	dmctl table "$W" | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+:[0-9]+$/) { print $i; exit } }'
}
active_sd() { # the first path of the group the kernel is on
	multipath -ll 2>/dev/null | awk '/status=active/ { getline
		for (i = 1; i <= NF; i++) if ($i ~ /^sd[a-z]+$/) { print $i; exit } }'
}
echo "table: $(dmctl table "$W")"
check_eq a-first "$(first_pg)" "$DA"
LL=$(multipath -ll)
echo "$LL"
case "$LL" in *"prio=50 status="*"prio=10 status="*) pass prios-50-10 ;;
*) fail prios-50-10 "$LL" ;; esac

check daemon-starts multipathd -i 1
check daemon-answers wait_until 10 multipathd show daemon
wv_start lio "/dev/mapper/$W"
sleep 2

now() { cut -d' ' -f1 /proc/uptime; }
# switch_states A-STATE B-STATE DEVT LABEL CHECK: set both groups' ALUA
# states (0 optimized, 1 non-optimized, 2 standby) and wait for the
# daemon to put DEVT's group first; the time goes to docs/benchmarks.md
switch_states() {
	T0=$(now)
	echo "$1" > "$GA/alua_access_state"
	echo "$2" > "$GB/alua_access_state"
	if wait_until 30 sh -c "[ \"\$(dmctl table $W | tr ' ' '\n' | grep -m1 ':')\" = $3 ]"; then
		echo "MPD-ALUA-SWITCH-SECONDS: $4 $T0 $(now)"
		pass "$5"
	else
		fail "$5" "$(dmctl table "$W"); $(multipathd show paths)"
	fi
}

# switch: the target says A standby, B optimized
switch_states 2 0 "$DB" to-B regrouped-to-b
echo "table: $(dmctl table "$W")"
sleep 2
multipathd show topology
OUT=$(multipath -ll 2>&1)
echo "$OUT"
case "$OUT" in *"prio=50 status="*"prio=1 status="*) pass prios-50-1 ;;
*) fail prios-50-1 "$OUT" ;; esac
check_eq kernel-on-b "$(active_sd)" "$B"

# failback: A optimized again
switch_states 0 1 "$DA" back-to-A failed-back-to-a
sleep 2
check_eq kernel-on-a "$(active_sd)" "$A"
LL=$(multipath -ll)
echo "$LL"
case "$LL" in *"prio=50 status=active"*"prio=10 status=enabled"*) pass prios-back-50-10 ;;
*) fail prios-back-50-10 "$LL" ;; esac
wv_verify lio "/dev/mapper/$W" write-verify-no-error

# the checker is the LU's from the configuration when -c is not given:
# the built-in LIO-ORG entry (multipath-tools 0.9.4's) sets none, so the
# default tur, on the sg nodes (detect_checker gives ALUA LUs tur anyway)
fds() { ls -l /proc/$(cat /run/multipathd.pid)/fd 2>/dev/null | sed -n 's|.* -> /dev/||p' | sort | tr '\n' ' '; }
echo "daemon fds: $(fds)"
SD=$(multipathd show daemon)
case "$SD" in *"checker per LU from the configuration (default tur): tur 2 directio 0"*) pass checker-from-hwtable ;;
*) fail checker-from-hwtable "$SD; fds $(fds)" ;; esac

# phase 2: the alua prioritiser (REPORT TARGET PORT GROUPS, not sysfs)
# and the tur checker, both from multipath.conf; the daemon's follow-up
# RTPG then goes out asynchronously on the sg node after each TUR
mkdir -p /etc
cat > /etc/multipath.conf <<'CONF'
overrides {
	detect_prio no
	prio alua
	detect_checker no
	path_checker tur
}
CONF
check reconfigured multipathd reconfigure
wait_until 10 sh -c 'fds | grep -q sg' || true
echo "daemon fds: $(fds)"
case "$(fds)" in *sg*sg*) pass checker-from-conf ;;
*) fail checker-from-conf "$(fds)" ;; esac
multipathd show paths
wv_start lio2 "/dev/mapper/$W"
sleep 2
switch_states 2 0 "$DB" rtpg-to-B rtpg-regrouped-to-b
switch_states 0 1 "$DA" rtpg-back-to-A rtpg-failed-back-to-a
sleep 2
check_eq rtpg-kernel-on-a "$(active_sd)" "$A"
wv_verify lio2 "/dev/mapper/$W" rtpg-write-verify-no-error
multipathd shutdown >/dev/null 2>&1
