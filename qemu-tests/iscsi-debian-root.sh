# The real Debian 12 root of the boot-debian-* scenarios (systemd, udev,
# Debian's multipath-tools; /etc/fstab by UUID= and LABEL=,
# scripts/mkimg-debian.sh) on an iSCSI LU, booted over two networks
# (issue 19): the target guest exports the image through LIO on two
# portals; this guest has two NICs and no disk, and boots mpboot's image
# with dracut-syntax ip= for each interface and two netroot=iscsi:.
# Invariants:
# - systemd reaches "running", and every filesystem and the swap are on a
#   -partN map of the one multipath map (debian_boot_checks, as for the
#   virtio boots);
# - that map has two paths, one iSCSI session per portal, both paths
#   active in the kernel (dmsetup status) and in Debian's multipath -ll;
# - the network and iSCSI phases said what they did.
# One boot, no fault: link loss is qemu-tests/long/iscsi-link-cut.sh's.
# It prints the time from /init to the hand-over (the kernel's "Run /init"
# stamp to systemd's first message, as scripts/bench-boot.sh measures).
# topology: iscsi:2
# disk: script:scripts/mkimg-debian.sh
# initramfs: build/initramfs-iscsi.cpio.gz
# append: root=UUID=6d70626f-6f74-4000-8000-0000000000d1 rw ip=10.10.0.2:::255.255.255.0::eth0:none ip=10.10.1.2:::24::eth1:none netroot=iscsi:10.10.0.1::::iqn.2026-12.org.mpboot:target netroot=iscsi:10.10.1.1::3260::iqn.2026-12.org.mpboot:target rd.iscsi.initiator=iqn.2026-12.org.mpboot:initiator
# mem: 1024
# timeout: 600

. /usr/lib/debian-checks.sh
# the LU's WWID: LIO's NAA 6 designator from the serial the target sets
# (qemu-tests/lib/iscsi-target), not the virtio wwn of debian-checks.sh
W=360014050123456789abcd00000000000

debian_boot_checks

check_eq two-sessions "$(ls /sys/class/iscsi_session | wc -l)" 2
addrs=$(cat /sys/class/iscsi_connection/*/persistent_address | sort | tr '\n' ' ')
check_eq one-session-per-portal "$addrs" "10.10.0.1 10.10.1.1 "
m=$(map_of "$W")
check_eq two-paths-in-map "$(ls "/sys/block/$m/slaves" 2>/dev/null | wc -l)" 2
# each "maj:min" of the status line followed by A is an active path
active=$(dmsetup status "$W" | awk '{ for (i = 1; i < NF; i++) if ($i ~ /^[0-9]+:[0-9]+$/ && $(i + 1) == "A") n++ } END { print n + 0 }')
check_eq two-paths-active "$active" 2
check_eq debian-multipath-ll-active \
	"$(multipath -ll "$W" 2>/dev/null | grep -cE '[0-9]+:[0-9]+:[0-9]+:[0-9]+ sd[a-z]+ .*active ready')" 2
log=$(dmesg)
has() { printf '%s\n' "$log" | grep -qF -- "$1"; }
check said-eth0 has 'net eth0: 10.10.0.2/24 up'
check said-eth1 has 'net eth1: 10.10.1.2/24 up'
check said-iscsi has 'iscsi: 2 of 2 portal(s) logged in'
multipath -ll "$W" 2>&1 | sed 's/^/multipath -ll: /'
# the figures: /init -> hand-over, and mpboot's phases
t_init=$(printf '%s\n' "$log" | sed -n 's/^\[ *\([0-9.]*\)\] Run \/init as init process.*/\1/p' | head -n 1)
t_hand=$(printf '%s\n' "$log" | sed -n 's/^\[ *\([0-9.]*\)\] systemd\[1\]:.*/\1/p' | head -n 1)
echo "TIMING: /init at ${t_init:-?} s, systemd at ${t_hand:-?} s: /init -> hand-over $(awk "BEGIN { printf \"%.2f\", ${t_hand:-0} - ${t_init:-0} }") s"
printf '%s\n' "$log" | grep -E 'mpboot: timing:|mounted at' | sed 's/^/TIMING: /'
