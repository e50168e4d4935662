# multipath over the kernel's SAS transport, differential against Debian's
# multipath-tools 0.9.4 in the same guest: two LSI SAS1068 HBAs (qemu
# mptsas1068, the kernel's mptsas) reach two LUs, each path under an end
# device (.../port-H:0/end_device-H:0/target...).
# Invariants: one map per LU with both paths; the protocol blacklist
# classes these paths exactly as multipath-tools does (it calls a path
# scsi:sas only when the SCSI device has a sas_address, which mpt3sas
# gives and mptsas does not), for `protocol "scsi:sas"`,
# `protocol "scsi:unspec"`, and `protocol "scsi:.*"` with the exception
# `protocol "scsi:unspec"`: the same maps as Debian's multipath, none or all;
# with dev_loss_tmo set, no SAS timeout is tried on these scsi:unspec
# paths (as multipath-tools), the maps are made.
# topology: sas:2
# disk: 64M
# disk: 64M
# modules: mptsas
# peer: debian
# mem: 768
# timeout: 400

for d in proc sys dev run tmp; do mkdir -p /peer/$d && mount --bind /$d /peer/$d; done
peer() { SYSTEMD_IGNORE_CHROOT=1 chroot /peer "$@"; }
# Debian's multipath takes only the devices udev has initialised
peer /lib/systemd/systemd-udevd --daemon --resolve-names=never 2>/tmp/udevd.err
peer /bin/udevadm trigger --action=add --subsystem-match=block
peer /bin/udevadm settle --timeout=120
W0=35000c50015ea7100
W1=35000c50015ea7101
ndev() { dmctl table "$1" 2>/dev/null | grep -oE ' [0-9]+:[0-9]+ ' | wc -l; }
conf() { printf '%b' "$1" > /etc/multipath.conf; cp /etc/multipath.conf /peer/etc/multipath.conf; }
ours() { multipath -d -v1 2>&1 | sort | tr '\n' ' '; }
theirs() { peer multipath -d -v1 2>&1 | sort | tr '\n' ' '; }
same() { # name want
	o=$(ours) t=$(theirs)
	echo "$1: ours '$o' Debian's '$t'"
	check_eq "$1" "$o" "$2"
	check_eq "$1-as-debian" "$t" "$2"
}

case "$(readlink -f /sys/block/sda/device)" in
*/end_device-*) pass path-is-sas-end-device ;;
*) fail path-is-sas-end-device "$(readlink -f /sys/block/sda/device)" ;;
esac
check no-sas-address-on-mptsas test ! -e /sys/block/sda/device/sas_address
conf 'defaults {\n user_friendly_names no\n find_multipaths no\n}\nblacklist {\n protocol "scsi:sas"\n}\n'
same protocol-sas-not-these "$W0 $W1 "
conf 'defaults {\n user_friendly_names no\n find_multipaths no\n}\nblacklist {\n protocol "scsi:unspec"\n}\n'
same protocol-unspec-blacklisted ""
conf 'defaults {\n user_friendly_names no\n find_multipaths no\n}\nblacklist {\n protocol "scsi:.*"\n}\nblacklist_exceptions {\n protocol "scsi:unspec"\n}\n'
same protocol-exception "$W0 $W1 "
# dev_loss_tmo: these paths are scsi:unspec (no sas_address), so, as in
# multipath-tools, no SAS timeout is tried even at -v3 (an end device's
# I_T_nexus_loss_timeout is read-only in 6.1 anyway); the maps are made
conf 'defaults {\n user_friendly_names no\n find_multipaths no\n dev_loss_tmo 90\n}\n'
OUT=$(multipath -v2 2>&1)
check_eq lu0-two-sas-paths "$(ndev "$W0")" 2
check_eq lu1-two-sas-paths "$(ndev "$W1")" 2
OUT=$(multipath -v3 2>&1)
check_eq v3-no-sas-timeout-tried "$(echo "$OUT" | grep -c I_T_nexus)" 0
check_eq end-device-unchanged "$(cat /sys/class/sas_end_device/end_device-0:0/I_T_nexus_loss_timeout)" 0
