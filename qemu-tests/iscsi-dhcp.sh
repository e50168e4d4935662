# Boot from iSCSI over two networks whose addresses come by DHCP (issue
# 19): the target guest runs busybox's udhcpd on each network ("# iscsi-dhcp:
# yes", leasing 10.10.P.2/24 on network P), this guest's two NICs are named
# by MAC in dracut's ip=::::::dhcp:MAC form (the kernel may name them in
# either order), and klibc's ipconfig asks for the leases.
# Invariants: each NIC holds the lease of its own network (ipconfig said
# "complete (dhcp from 10.10.P.1)"); one session per portal, each from the
# leased address of that network's NIC, its route to the portal through
# that NIC; the root is on the -part1 map of a map with both paths.
# topology: iscsi:2
# iscsi-dhcp: yes
# disk: script:scripts/mkimg-root.sh dos
# initramfs: build/initramfs-iscsi.cpio.gz
# append: root=PARTUUID=6d70626f-01 rw rootdelay=30 ip=::::::dhcp:52-54-00-10-00-02 ip=::::::dhcp:52-54-00-10-01-02 netroot=iscsi:10.10.0.1::::iqn.2026-12.org.mpboot:target netroot=iscsi:10.10.1.1::3260::iqn.2026-12.org.mpboot:target rd.iscsi.initiator=iqn.2026-12.org.mpboot:initiator
# host-after: dhcp-0-said grep -aq 'IP-Config: eth[01] complete (dhcp from 10.10.0.1)' console.log
# host-after: dhcp-1-said grep -aq 'IP-Config: eth[01] complete (dhcp from 10.10.1.1)' console.log
# timeout: 240

W=360014050123456789abcd00000000000
iscsi_root_checks "$W"
check_eq two-sessions "$(ls /sys/class/iscsi_session | wc -l)" 2
# nic_of MAC: the interface with that address
nic_of() { grep -l "$1" /sys/class/net/*/address | cut -d/ -f5; }
# local_of PORTAL: the local address of the session to PORTAL (the
# session's iscsi_host, which iscsi_tcp fills from its socket)
local_of() {
	for c in /sys/class/iscsi_connection/*; do
		[ "$(cat "$c/persistent_address")" = "$1" ] || continue
		s=$(readlink -f "$c/device")
		h=$(echo "$s" | sed -n 's|.*/\(host[0-9]*\)/.*|\1|p')
		cat "/sys/class/iscsi_host/$h/ipaddress"
	done
}
for p in 0 1; do
	e=$(nic_of "52:54:00:10:0$p:02")
	echo "network $p: $e"
	ip -4 addr show dev "$e"
	check "lease-$p" sh -c "ip -4 addr show dev $e | grep -q 'inet 10.10.$p.2/24'"
	check_eq "session-$p-from-lease" "$(local_of 10.10.$p.1)" "10.10.$p.2"
	check_eq "route-$p-own-nic" "$(ip route get 10.10.$p.1 | sed -n 's/.* dev \([^ ]*\).*/\1/p')" "$e"
done
for s in /sys/class/iscsi_session/*; do
	echo "session ${s##*/}: $(cat $s/targetname) $(cat $s/state)"
done
