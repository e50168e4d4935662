# A real Debian 12 system (systemd, udev, Debian's own multipath-tools) on a
# 2-path LU, booted through mpboot's initramfs with root=UUID=; /etc/fstab
# names /, /data and swap by UUID= and /srv/logs by LABEL=
# (scripts/mkimg-debian.sh).
# Invariants:
# - systemd reaches "running" (no emergency mode, no device timeout);
# - every filesystem and the swap are on a -partN map of the multipath map;
# - udev made /dev/disk/by-uuid, by-label, by-id/dm-uuid-mpath-<wwid> and
#   by-id/dm-name-<wwid> for our maps, and no by-uuid/by-label link points
#   at a path (sdX) -- the members are marked as multipath members;
# - Debian's multipath -ll shows the map with both paths, and Debian's
#   multipathd has adopted it: a path removed and re-added under O_DIRECT
#   I/O is taken back into the map by it, with no I/O error.
# topology: virtio:2
# disk: script:scripts/mkimg-debian.sh
# initramfs: build/initramfs.cpio.gz
# append: root=UUID=6d70626f-6f74-4000-8000-0000000000d1 rw
# mem: 1024
# timeout: 420
# host del-b: @del p1l0
# host add-b: @add p1l0

. /usr/lib/debian-checks.sh

debian_boot_checks

# --- Debian's multipath-tools adopted the map
check_eq debian-multipath-ll-paths \
	"$(multipath -ll "$W" 2>/dev/null | grep -cE '[0-9]+:[0-9]+:[0-9]+:[0-9]+ sd[a-z]+ ')" 2
wait_until 60 sh -c "multipathd show maps 2>/dev/null | grep -q '$W'"
check debian-multipathd-has-map sh -c "multipathd show maps | grep -q '$W'"

# --- a path removed and re-added in the booted system, under I/O
active_paths() { dmsetup status "$W" | tr ' ' '\n' | grep -c '^A$'; }
paths_in_table() { dmsetup table "$W" | grep -oE ' [0-9]+:[0-9]+ ' | sort -u | wc -l; }
reader_start mp "/dev/mapper/$W"
sleep 1
host_event del-b
if wait_until 60 sh -c "[ \$(dmsetup table $W | grep -oE ' [0-9]+:[0-9]+ ' | sort -u | wc -l) = 1 ]"; then
	pass path-removed
else
	fail path-removed "table still: $(dmsetup table "$W")"
fi
host_event add-b
if wait_until 90 sh -c "[ \$(dmsetup status $W | tr ' ' '\n' | grep -c '^A$') = 2 ]"; then
	pass path-reinstated-by-debian-multipathd
else
	fail path-reinstated-by-debian-multipathd "status: $(dmsetup status "$W"); $(multipathd show paths 2>&1)"
fi
sleep 1
reader_stop mp
reader_ok mp io-during-path-flap
check_eq paths-in-table "$(paths_in_table)" 2
check_eq active-paths "$(active_paths)" 2
