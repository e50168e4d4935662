# Issue 22, degraded boot: the installed disk (qemu-tests/install.sh) with
# one of its two paths missing at power-on, booted from the firmware
# through GRUB's default entry (Debian's initrd.img with mpboot's
# initramfs-tools hook); the second path is plugged in while the system
# runs (device_add on the monitor).
# Invariants:
# - the system boots to "running" on the one path: / and /data on the
#   -part1/-part2 maps of a 1-path map, every fstab by-uuid link on a dm
#   device;
# - the added path joins the map (the root's own multipathd, Debian's,
#   adds it) and both paths are active, while an O_DIRECT reader on the
#   root's map and a writer on a file in / see no I/O error.
# topology: virtio:2
# boot-paths: 1
# disk: script:scripts/installed-disk.sh
# boot: disk
# mem: 1024
# timeout: 600
# host add-b: @add p1l0

W=35000c50015ea7100
export PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH
dm_name_of_mount() {
	_mm=$(mountpoint -d "$1") || return 1
	cat "/sys/dev/block/$_mm/dm/name" 2>/dev/null
}
paths_in_table() { dmsetup table "$W" | grep -oE ' [0-9]+:[0-9]+ ' | sort -u | wc -l; }
active_paths() { dmsetup status "$W" | awk '{ for (i = 1; i < NF; i++) if ($i ~ /^[0-9]+:[0-9]+$/ && $(i + 1) == "A") n++ } END { print n + 0 }'; }
two_active() { [ "$(paths_in_table)" = 2 ] && [ "$(active_paths)" = 2 ]; }

_state=$(timeout 200 systemctl is-system-running --wait 2>&1)
if [ "$_state" = running ]; then pass systemd-running; else
	fail systemd-running "state '$_state'; failed: $(systemctl --failed --no-legend 2>&1 | tr '\n' ';')"; fi
check kernel-from-grub grep -q "BOOT_IMAGE=/boot/vmlinuz-" /proc/cmdline
check_eq root-on-part1 "$(dm_name_of_mount /)" "$W-part1"
check_eq data-on-part2 "$(dm_name_of_mount /data)" "$W-part2"
check_eq one-path-at-boot "$(paths_in_table)" 1
_bad=
for _u in $(sed -n 's/^UUID=\([^ ]*\) .*/\1/p' /etc/fstab); do
	case "$(basename "$(readlink -f "/dev/disk/by-uuid/$_u")")" in dm-*) ;; *) _bad="$_bad $_u" ;; esac
done
check_eq by-uuid-complete "$_bad" ""

reader_start map "/dev/mapper/$W"
host_event add-b
if wait_until 120 two_active; then
	pass second-path-joined
else
	fail second-path-joined "table: $(dmsetup table "$W"); status: $(dmsetup status "$W"); $(multipathd show paths 2>&1 | tr '\n' ';')"
fi
check write-after-join sh -c 'dd if=/dev/urandom of=/var/tmp/after-join bs=64k count=16 conv=fsync 2>/dev/null'
sleep 1
reader_stop map
reader_ok map no-io-error-while-joining
check_eq debian-multipath-ll-paths \
	"$(multipath -ll "$W" 2>/dev/null | grep -cE '[0-9]+:[0-9]+:[0-9]+:[0-9]+ sd[a-z]+ .*active ready')" 2
