# Our initiator beside Debian's (issue 19): the target guest exports one
# LU on two portals; Debian's open-iscsi iscsistart logs in over portal 0
# and our iscsi applet over portal 1, each session its own path to the
# same LU.  The two sessions' sysfs (/sys/class/iscsi_session,
# iscsi_connection) are compared attribute by attribute.
# Invariants: both log in; every value the login negotiates (digests,
# data segment lengths, bursts, R2T, immediate data, ERL) and the target
# name and portal group are the same for both; one WWID on both paths.
# The other attributes are printed side by side (ISCSI-PARAMS lines) for
# the README, among them data_pdu_in_order and data_seq_in_order: we
# offer Yes, LIO answers Yes, and we give the kernel that result (1),
# while iscsistart's session shows 0, the kernel's default (not traced
# further: as far as we read libiscsi the value is only kept for sysfs).
# topology: iscsi:2
# disk: 16M
# peer: debian-iscsi
# timeout: 200

check net-up iscsi_net_up 2
check portal0-reachable wait_until 20 ping -c 1 -W 1 "$(iscsi_portal 0)"
check portal1-reachable wait_until 20 ping -c 1 -W 1 "$(iscsi_portal 1)"
istart() { /iscsi/lib/ld-linux-x86-64.so.2 --library-path /iscsi/lib /iscsi/sbin/iscsistart "$@"; }
check login-iscsistart istart -i "$ISCSI_INITIATOR" -t "$ISCSI_TARGET" -g 1 -a "$(iscsi_portal 0)"
check login-ours iscsi -i "$ISCSI_INITIATOR" -t "$ISCSI_TARGET" -g 1 -a "$(iscsi_portal 1)"
check two-paths wait_until 20 sh -c '[ $(ls /sys/block | grep -c ^sd) = 2 ]'
set -- $(sd_devs)
check_eq same-wwid "$(vpd_wwid "$1")" "$(vpd_wwid "$2")"

# the session and connection of the portal at address $1
sess_of() {
	for c in /sys/class/iscsi_connection/*; do
		[ "$(cat $c/persistent_address 2>/dev/null)" = "$1" ] || continue
		n=${c##*/connection}
		echo "/sys/class/iscsi_session/session${n%%:*} $c"
	done
}
set -- $(sess_of "$(iscsi_portal 0)")
DS=$1 DC=$2
set -- $(sess_of "$(iscsi_portal 1)")
OS=$1 OC=$2
echo "debian: $DS $DC ours: $OS $OC"
negotiated="initial_r2t immediate_data first_burst_len max_burst_len erl
max_outstanding_r2t targetname tpgt"
cnegotiated="header_digest data_digest max_recv_dlength max_xmit_dlength"
for a in $negotiated; do
	check_eq "session-$a" "$(cat $OS/$a 2>&1)" "$(cat $DS/$a 2>&1)"
done
for a in $cnegotiated; do
	check_eq "connection-$a" "$(cat $OC/$a 2>&1)" "$(cat $DC/$a 2>&1)"
done
for a in $DS/*; do
	[ -f "$a" ] || continue
	echo "ISCSI-PARAMS: session ${a##*/} debian=$(cat $a 2>/dev/null) ours=$(cat $OS/${a##*/} 2>/dev/null)"
done
for a in $DC/*; do
	[ -f "$a" ] || continue
	echo "ISCSI-PARAMS: connection ${a##*/} debian=$(cat $a 2>/dev/null) ours=$(cat $OC/${a##*/} 2>/dev/null)"
done
