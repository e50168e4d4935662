# Boot from iSCSI with no netroot= on the command line (issue 19): the
# image was built by mpboot-mkinitramfs from a host's open-iscsi node
# records (make initramfs-iscsi-nodes: tests/iscsi-nodes/etc, two portals
# of the test target with node.startup automatic, one with mutual CHAP, one
# with one-way CHAP; a manual record of another target).  The target guest
# wants CHAP and answers mutual CHAP.  No ip= on the command line either:
# the image holds the build host's interfaces to the root's portals
# (tests/iscsi-nodes/host.sh: network 0 static 10.10.0.2/24, network 1 a
# DHCP lease), each by its NIC's MAC; the target guest runs udhcpd ("#
# iscsi-dhcp: yes").  The initiator name is the host's
# initiatorname.iscsi.
# Invariants: both portals logged in with the records' credentials, the
# manual record's target not tried (2 of 2); the root is on the -part1 map
# of a 2-path map; the session has the image's initiator name; the init
# took the image's ip= (said so), network 0's NIC has the static address
# and network 1's the lease (ipconfig said "dhcp from 10.10.1.1"); no
# secret on the console or in any line our tools wrote to the kernel log.
# topology: iscsi:2
# iscsi-auth: mutual alice alicesecret12 tgtuser tgtsecret1234
# iscsi-dhcp: yes
# disk: script:scripts/mkimg-root.sh dos
# initramfs: build/initramfs-iscsi-nodes.cpio.gz
# append: root=PARTUUID=6d70626f-01 rw rootdelay=30 panic=5
# host-after: no-secret-on-console ! grep -aE 'secret12|secret1234' console.log
# host-after: dhcp-1-said grep -aq 'IP-Config: eth[01] complete (dhcp from 10.10.1.1)' console.log
# host-after: no-dhcp-on-0 ! grep -aq 'dhcp from 10.10.0.1' console.log
# timeout: 240

W=360014050123456789abcd00000000000
iscsi_root_checks "$W"
addrs=$(cat /sys/class/iscsi_connection/*/persistent_address | sort | tr '\n' ' ')
check_eq one-per-portal "$addrs" "10.10.0.1 10.10.1.1 "
check_eq initiator-from-image "$(cat /sys/class/iscsi_session/*/initiatorname 2>/dev/null | sort -u)" \
	iqn.2026-12.org.mpboot:nodes-host
log=$(dmesg)
has() { printf '%s\n' "$log" | grep -qF -- "$1"; }
check said-2-of-2 has 'iscsi: 2 of 2 portal(s) logged in'
check no-netroot-on-cmdline sh -c '! grep -q netroot= /proc/cmdline'
check no-ip-on-cmdline sh -c '! grep -q "ip=" /proc/cmdline'
check said-image-ip has "no ip= on the command line: the image's (/etc/mpboot/net)"
nic_of() { grep -l "$1" /sys/class/net/*/address | cut -d/ -f5; }
n0=$(nic_of 52:54:00:10:00:02) n1=$(nic_of 52:54:00:10:01:02)
check net0-static sh -c "ip -4 addr show dev $n0 | grep -q 'inet 10.10.0.2/24'"
check net1-by-dhcp sh -c "ip -4 addr show dev $n1 | grep -q 'inet 10.10.1.2/24'"
ip -4 addr show
