# Boot from iSCSI by the firmware's iBFT (issue 19): the command line has
# rd.iscsi.firmware and nothing else of the network (no ip=, no netroot=,
# no initiator name).  The iBFT is an ACPI table written by tests/t_ibft.c
# to the iBFT 1.03 layout ("t_ibft --write": two NICs by MAC, static
# 10.10.0.2/24 and 10.10.1.2/24; two targets, mutual and one-way CHAP)
# and handed over by qemu's -acpitable; the kernel's iscsi_ibft (in the
# image's load.list) shows it in /sys/firmware/ibft, which the init turns
# into ip= and netroot=iscsi: lines (as dracut).
# Invariants: both interfaces up by the table's MACs; both portals logged
# in with the table's initiator name and CHAP; the root is on the -part1
# map of a 2-path map; no secret on the console or in any line our tools
# wrote to the kernel log.
# topology: iscsi:2
# iscsi-auth: mutual alice alicesecret12 tgtuser tgtsecret1234
# disk: script:scripts/mkimg-root.sh dos
# initramfs: build/initramfs-iscsi.cpio.gz
# acpitable: build/host/tests/t_ibft --write
# append: root=PARTUUID=6d70626f-01 rw rootdelay=30 panic=5 rd.iscsi.firmware
# host-after: no-secret-on-console ! grep -aE 'secret12|secret1234' console.log
# timeout: 220

W=360014050123456789abcd00000000000
iscsi_root_checks "$W"
addrs=$(cat /sys/class/iscsi_connection/*/persistent_address | sort | tr '\n' ' ')
check_eq one-per-portal "$addrs" "10.10.0.1 10.10.1.1 "
check_eq initiator-from-ibft "$(cat /sys/class/iscsi_session/*/initiatorname 2>/dev/null | sort -u)" \
	iqn.2026-12.org.mpboot:ibft-host
log=$(dmesg)
has() { printf '%s\n' "$log" | grep -qF -- "$1"; }
check acpi-ibft has 'ACPI: iBFT'
check ibft-sysfs test -d /sys/firmware/ibft/target1
# by MAC: the guest's eth0/eth1 names may come up swapped (two vCPUs)
ifof() { for i in /sys/class/net/*; do [ "$(cat $i/address)" = "$1" ] && echo "${i##*/}"; done; }
check said-nic0-by-mac has "net $(ifof 52:54:00:10:00:02): 10.10.0.2/24 up"
check said-nic1-by-mac has "net $(ifof 52:54:00:10:01:02): 10.10.1.2/24 up"
check said-2-of-2 has 'iscsi: 2 of 2 portal(s) logged in'
