# dev_loss_tmo and fast_io_fail_tmo on real FC remote ports (issue 10).
# qemu has no FC HBA: two FCoE VN2VN links over veth pairs in the guest
# (fcoe.ko through /sys/bus/fcoe, libfc, scsi_transport_fc), the target
# side LIO's tcm_fc exporting one fileio LU, so the initiator side has
# two rports (rport-H:0-0, "FCP Target") and two SCSI paths to the LU.
# Invariants: multipath (and multipathd) write the rports' attributes
# when they load a map: the built-in fast_io_fail_tmo 5 with no config;
# dev_loss_tmo 90 / fast_io_fail_tmo 7 from defaults; 150/120 from a
# config, which the kernel only takes in multipath-tools' order (rport
# dev_loss_tmo 90: raised to 121 first, then 120, then 150); a
# dev_loss_tmo below no_path_retry * polling_interval (LIO-ORG's 12 * 5)
# raised to 60; a combination the kernel refuses (queueing, so dev_loss_tmo
# infinity, with fast_io_fail_tmo off) is one warning naming the path and
# the attribute, and the map is still made; multipath -d writes nothing;
# a run over the unchanged map writes them again (-v3 logs each write);
# multipathd writes them for a map it creates, for an unchanged one on
# "reconfigure" and when it adopts it at start.
# Each case also runs Debian's multipath-tools 0.9.4 (its multipath, in
# a chroot with udev) from the same rport state with the same config: the
# rports end with the same values.
# modules: veth fcoe tcm_fc target_core_mod target_core_file sg scsi_dh_alua
# peer: debian
# mem: 768
# timeout: 240

mount -t configfs none /sys/kernel/config 2>/dev/null
C=/sys/kernel/config/target
LU=$C/core/fileio_0/lu0
dd if=/dev/zero of=/tmp/lu.img bs=1M count=16 2>/dev/null
mkdir -p "$LU" "$C/fc"
echo "fd_dev_name=/tmp/lu.img,fd_dev_size=16777216" > "$LU/control"
echo 1 > "$LU/enable"
echo 0123456789abcdef > "$LU/wwn/vpd_unit_serial"
wwpn() { # fc_host of net device $1 -> configfs WWPN "20:00:..."
	_p=$(cat /sys/devices/virtual/net/$1/ctlr_*/host*/fc_host/host*/port_name)
	echo "${_p#0x}" | sed 's/../&:/g; s/:$//'
}
fcoe() { # net device: an FCoE VN2VN controller on it, enabled
	echo "$1" > /sys/bus/fcoe/ctlr_create || return 1
	_c=$(ls -d /sys/devices/virtual/net/$1/ctlr_*)
	echo vn2vn > "$_c/mode" && echo 1 > "$_c/enabled"
}
# one link: fciN (initiator) <-> vethN (target), the LU as lun 0 of the
# target port, the initiator allowed to see it
link() {
	ip link add "fci$1" type veth # busybox names the peer veth$1
	for n in "fci$1" "veth$1"; do ip link set "$n" mtu 9000 up; done
	fcoe "veth$1" || return 1
	T=$C/fc/$(wwpn "veth$1")/tpgt_1
	mkdir -p "$T/lun/lun_0" && ln -s "$LU" "$T/lun/lun_0/lu0" &&
	fcoe "fci$1" || return 1
	mkdir -p "$T/acls/$(wwpn "fci$1")/lun_0" &&
	ln -s "$T/lun/lun_0" "$T/acls/$(wwpn "fci$1")/lun_0/map" &&
	echo "- - -" > "$(ls -d /sys/devices/virtual/net/fci$1/ctlr_*/host*/scsi_host/host*)/scan"
}
check link-0 link 0
check link-1 link 1
check two-fc-paths wait_until 30 sh -c '[ $(ls /sys/block | grep -c ^sd) = 2 ]'
for d in $(sd_devs); do echo "$d -> $(readlink /sys/block/$d)"; done
set -- $(sd_devs)
A=$1 B=$2
W=$(vpd_wwid "$A")
rport() { readlink "/sys/block/$1" | tr / '\n' | grep '^rport-'; }
RA=/sys/class/fc_remote_ports/$(rport "$A") RB=/sys/class/fc_remote_ports/$(rport "$B")
echo "A=$A ($RA) B=$B ($RB) W=$W"
check_eq fc-rports "$(cat "$RA/roles")" "FCP Target, FCP Initiator"
tmo() { echo "$(cat "$RA/dev_loss_tmo")/$(cat "$RA/fast_io_fail_tmo") $(cat "$RB/dev_loss_tmo")/$(cat "$RB/fast_io_fail_tmo")"; }
check_eq kernel-defaults "$(tmo)" "60/off 60/off"
# rports back to a state: dev_loss_tmo/fast_io_fail_tmo ("90/7", "60/off")
reset() {
	for r in "$RA" "$RB"; do
		echo off > "$r/fast_io_fail_tmo"
		echo "${1%/*}" > "$r/dev_loss_tmo"
		echo "${1#*/}" > "$r/fast_io_fail_tmo"
	done
}
# the config: LINES in section SEC (defaults); Debian's multipath needs
# find_multipaths no to map a LU missing from its wwids file
conf() {
	{ printf 'defaults {\n\tfind_multipaths no\n'
	  [ "${SEC:-defaults}" = defaults ] || printf '}\n%s {\n' "$SEC"
	  printf '%s\n}\n' "$1"; } > /etc/multipath.conf
	cp /etc/multipath.conf /peer/etc/multipath.conf
}
peer() { SYSTEMD_IGNORE_CHROOT=1 chroot /peer "$@"; }
for d in proc sys dev run tmp; do mkdir -p /peer/$d && mount --bind /$d /peer/$d; done
mkdir -p /peer/etc/multipath
peer /lib/systemd/systemd-udevd --daemon --resolve-names=never 2>/tmp/udevd.err
peer /bin/udevadm trigger --action=add --subsystem-match=block
peer /bin/udevadm settle --timeout=60
# make_map LINES CHECK START WANT: from rports in state START, flush, write
# the config, run our multipath: the map and WANT; then the same with
# Debian's multipath-tools 0.9.4: the same values as ours
make_map() {
	reset "$3"
	multipath -F >/dev/null 2>&1
	conf "$1"
	OUT=$(multipath -v1 2>&1)
	echo "multipath: $OUT"
	if dmctl info "$W" >/dev/null 2>&1; then pass "$2-map"; else fail "$2-map" "$OUT"; fi
	check_eq "$2" "$(tmo)" "$4"
	OURS=$(tmo)
	reset "$3"
	multipath -F >/dev/null 2>&1
	peer /bin/udevadm settle --timeout=30
	echo "debian: $(peer /sbin/multipath -v2 2>&1 | grep -v '^[|`]')"
	peer /bin/udevadm settle --timeout=30
	check_eq "$2-as-debian" "$(tmo)" "$OURS"
}

# planning only: nothing written
conf "dev_loss_tmo 45"
multipath -d >/dev/null 2>&1
check_eq dry-run-writes-nothing "$(tmo)" "60/off 60/off"
check_eq dry-run-no-map "$(dmctl info "$W" >/dev/null 2>&1 && echo map)" ""

make_map "" builtin-fast-io-fail-5 60/off "60/5 60/5"
make_map "dev_loss_tmo 90
fast_io_fail_tmo 7" defaults-90-7 60/off "90/7 90/7"
# the kernel refuses fast_io_fail_tmo 120 under dev_loss_tmo 90: only
# multipath-tools' order (dev_loss_tmo 121, 120, 150) gets there
make_map "dev_loss_tmo 150
fast_io_fail_tmo 120" ordered-150-120 90/7 "150/120 150/120"
make_map "dev_loss_tmo 20
fast_io_fail_tmo 7" raised-to-npr-60 60/off "60/7 60/7"
# queueing (overrides: LIO-ORG's device entry says 12) makes dev_loss_tmo
# infinity, which the kernel takes only with a fast_io_fail_tmo: refused,
# a warning, the map still made
SEC=overrides make_map "no_path_retry queue
dev_loss_tmo 30
fast_io_fail_tmo off" refused 60/7 "60/off 60/off"
case "$OUT" in
*"$A: ${RA##*/}/dev_loss_tmo 4294967295: Invalid argument"*) pass refused-warning ;;
*) fail refused-warning "$OUT" ;;
esac

# a second run over the unchanged map sets them again, as multipath-tools
# does on every run (here after a hand-made change to the rports)
SEC=defaults conf "dev_loss_tmo 90
fast_io_fail_tmo 7"
multipath -F >/dev/null 2>&1
multipath -v0
reset 60/off
OUT=$(multipath -v3 2>&1)
check_eq unchanged-map-set-again "$(tmo)" "90/7 90/7"
case "$OUT" in
*"$A: ${RA##*/}/fast_io_fail_tmo 7"*) pass v3-logs-writes ;;
*) fail v3-logs-writes "$OUT" ;;
esac

# multipathd loads the map through the same library
multipath -F >/dev/null 2>&1
SEC=defaults conf "dev_loss_tmo 100
fast_io_fail_tmo 9"
check daemon-starts multipathd -i 1
check daemon-made-map wait_until 20 dmctl info "$W"
check daemon-wrote wait_until 5 sh -c "[ \"\$(cat $RA/dev_loss_tmo)/\$(cat $RB/fast_io_fail_tmo)\" = 100/9 ]"
check_eq daemon-100-9 "$(tmo)" "100/9 100/9"
# an unchanged map: set again by "reconfigure" (the config may be new),
# and when a new daemon adopts it at start
reset 60/off
# a uevent's rescan leaves an unchanged map's paths alone (no work on
# that path: only a load or a possibly new configuration sets them)
echo change > "/sys/block/$A/uevent"
sleep 2
check_eq uevent-rescan-writes-nothing "$(tmo)" "60/off 60/off"
check daemon-reconfigure multipathd reconfigure
check_eq daemon-reconfigure-sets-unchanged "$(tmo)" "100/9 100/9"
check shutdown multipathd shutdown
sleep 1
reset 60/off
check daemon-restarts multipathd -i 1
check daemon-adopts-and-sets wait_until 10 sh -c "[ \"\$(cat $RA/dev_loss_tmo)/\$(cat $RB/fast_io_fail_tmo)\" = 100/9 ]"
check_eq daemon-adopted-100-9 "$(tmo)" "100/9 100/9"
check shutdown-again multipathd shutdown
