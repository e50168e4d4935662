# The iSCSI harness proved with Debian's own initiator (issue 19): the
# target guest exports one LU (a disk with a partition table) on two
# portals on two networks; this guest has two NICs and no disk.  Debian's
# open-iscsi iscsistart logs in over each portal, two SCSI paths appear
# with one WWID, and our multipath makes one map with both.  The
# negotiated session and connection parameters are printed
# (ISCSI-PARAM lines): the reference ours must equal.
# Invariants: no sd disk before the logins; one session and one path per
# portal; one 2-path map; its partition map reads.
# topology: iscsi:2
# disk: script:scripts/mkimg-root.sh dos
# peer: debian-iscsi
# timeout: 200

check_eq no-local-disk "$(sd_devs | wc -l)" 0
check net-up iscsi_net_up 2
check portal0-reachable wait_until 20 ping -c 1 -W 1 "$(iscsi_portal 0)"
check portal1-reachable wait_until 20 ping -c 1 -W 1 "$(iscsi_portal 1)"
istart() { /iscsi/lib/ld-linux-x86-64.so.2 --library-path /iscsi/lib /iscsi/sbin/iscsistart "$@"; }
for p in 0 1; do
	check "login-$p" istart -i "$ISCSI_INITIATOR" -t "$ISCSI_TARGET" -g 1 -a "$(iscsi_portal $p)"
done
check two-sessions wait_until 10 sh -c '[ $(ls /sys/class/iscsi_session | wc -l) = 2 ]'
check two-paths wait_until 20 sh -c '[ $(ls /sys/block | grep -c ^sd) = 2 ]'
set -- $(sd_devs)
A=$1 B=$2
check_eq same-wwid "$(vpd_wwid "$A")" "$(vpd_wwid "$B")"
echo "paths: $A $(cat /sys/block/$A/device/vendor) $(cat /sys/block/$A/device/model) wwid $(vpd_wwid "$A")"
W=$(vpd_wwid "$A")
check map-made multipath -v0
m=$(map_of_name "$W")
check_eq map-two-paths "$(ls /sys/block/$m/slaves 2>/dev/null | wc -l)" 2
check kpartx kpartx -a -p -part "/dev/mapper/$W"
check part-reads dd if="/dev/mapper/$W-part1" of=/dev/null bs=64k count=16
multipath -ll
# the reference values: every readable attribute
for s in /sys/class/iscsi_session/* /sys/class/iscsi_connection/*; do
	for a in "$s"/*; do
		[ -f "$a" ] && [ -r "$a" ] || continue
		v=$(cat "$a" 2>/dev/null) || continue
		echo "ISCSI-PARAM: ${s##*/} ${a##*/}=$v"
	done
done
