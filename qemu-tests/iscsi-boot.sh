# Boot from an iSCSI LU over two networks (issue 19): this guest has no
# disk, two NICs; the target guest exports the test root (a DOS-labelled
# disk) on two portals.  Our image gets dracut-syntax ip= for both
# interfaces (static, the two forms of netmask) and two netroot=iscsi:, and
# the existing phases make and mount the map.
# Invariants: one session per portal, each to its own network's address;
# the root is on the -part1 map of a map with both paths; the network and
# iSCSI phases said what they did, and no CHAP secret or credentials
# reached the console (the scenario has none: see iscsi-chap).
# topology: iscsi:2
# disk: script:scripts/mkimg-root.sh dos
# initramfs: build/initramfs-iscsi.cpio.gz
# append: root=PARTUUID=6d70626f-01 rw rootdelay=30 ip=10.10.0.2:::255.255.255.0::eth0:none ip=10.10.1.2:::24::eth1:off netroot=iscsi:10.10.0.1::::iqn.2026-12.org.mpboot:target netroot=iscsi:10.10.1.1::3260::iqn.2026-12.org.mpboot:target rd.iscsi.initiator=iqn.2026-12.org.mpboot:initiator
# timeout: 200

W=360014050123456789abcd00000000000
iscsi_root_checks "$W"
check_eq two-sessions "$(ls /sys/class/iscsi_session | wc -l)" 2
addrs=$(cat /sys/class/iscsi_connection/*/persistent_address | sort | tr '\n' ' ')
check_eq one-per-portal "$addrs" "10.10.0.1 10.10.1.1 "
log=$(dmesg)
has() { printf '%s\n' "$log" | grep -qF -- "$1"; }
check said-eth0 has 'net eth0: 10.10.0.2/24 up'
check said-eth1 has 'net eth1: 10.10.1.2/24 up'
check said-iscsi has 'iscsi: 2 of 2 portal(s) logged in'
for s in /sys/class/iscsi_session/*; do
	echo "session ${s##*/}: $(cat $s/targetname) $(cat $s/state)"
done
