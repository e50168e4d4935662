# Every path of a mounted ext4 removed and re-added within the queueing
# window, set up as the boot's mpath.queue=60 sets it (initramfs/init):
# dm-multipath's queue_if_no_path_timeout_secs=60, `multipath -q`,
# `multipathd -n queue`.  The SCSI rescan brings the paths back, the
# daemon puts them in the map, and the fsync'd writes that were waiting
# complete.
# Invariants: while no path exists the map is kept, queues
# (queue_if_no_path in its table) and no write completes; once the paths
# are back the daemon has both in the map and writes resume; no write
# fails; after the caches are dropped every file holds what was last
# written to it; the filesystem unmounts, and e2fsck -fn of the disk
# image on the host (host-after) finds it clean.
# topology: virtio:2
# disk: script:scripts/mkimg-ext4.sh
# modules: sg ext4 crc32c_generic
# host-after: e2fsck-clean e2fsck -fn lu0.img
# timeout: 240

set -- $(sd_devs)
A=$1 B=$2
W=$(vpd_wwid "$A")
hostof() { readlink -f "/sys/block/$1/device" | sed -n 's|.*/host\([0-9]*\)/.*|\1|p'; }
HA=$(hostof $A) HB=$(hostof $B)
ndev_is() { [ "$(dmctl table "$W" 2>/dev/null | grep -oE ' [0-9]+:[0-9]+ ' | wc -l)" = "$1" ]; }
count() { cat /tmp/count-fs 2>/dev/null || echo 0; }
counted() { [ "$(count)" -ge "$1" ]; } # for wait_until: read each time

check queue-timeout sh -c "echo 60 > /sys/module/dm_multipath/parameters/queue_if_no_path_timeout_secs"
check map-made multipath -q -v0
check daemon-starts multipathd -i 1 -n queue
check daemon-answers wait_until 10 multipathd show daemon
mkdir -p /mnt
echo "ext4: $(grep -c ext4 /proc/filesystems); $(ls -l /dev/mapper/ | tr '\n' ' ')"
check mount mount -t ext4 "/dev/mapper/$W" /mnt
grep -q " /mnt " /proc/mounts || { dmesg | tail -n 8; exit 1; }

for k in 0 1 2 3; do dd if=/dev/urandom of=/tmp/pat$k bs=64k count=1 2>/dev/null; done
rm -f /tmp/stop-fs /tmp/err-fs /tmp/slot-fs-*
(
	c=0
	while [ ! -e /tmp/stop-fs ]; do
		s=$((c % 32)) k=$((c % 4))
		# rewritten whole (truncate + write + fsync): data and metadata
		if dd if=/tmp/pat$k of=/mnt/f$s bs=64k count=1 conv=fsync 2>>/tmp/err-fs.log; then
			echo $k > /tmp/slot-fs-$s
		else
			echo "write failed at pass $c" >> /tmp/err-fs
		fi
		c=$((c + 1))
		echo $c > /tmp/count-fs
	done
) &
WP=$!
check writes-running wait_until 20 counted 5

T0=$(cut -d' ' -f1 /proc/uptime)
echo 1 > "/sys/block/$A/device/delete"
echo 1 > "/sys/block/$B/device/delete"
check paths-gone wait_until 10 test -z "$(sd_devs)"
sleep 3
C1=$(count)
sleep 3
C2=$(count)
echo "writes while no path: $C1 -> $C2"
if [ $((C2 - C1)) -le 1 ]; then pass writes-wait-while-no-path; else fail writes-wait-while-no-path "$C1 -> $C2"; fi
check map-kept dmctl info "$W"
check map-queueing sh -c "dmctl table '$W' | grep -q queue_if_no_path"

echo "- - -" > "/sys/class/scsi_host/host$HA/scan"
echo "- - -" > "/sys/class/scsi_host/host$HB/scan"
check paths-back wait_until 20 test "$(sd_devs | wc -l)" = 2
check daemon-adds-paths wait_until 20 ndev_is 2
check writes-resume wait_until 20 counted $((C2 + 5))
T1=$(cut -d' ' -f1 /proc/uptime)
echo "FAULT-QUEUE: no path for $(awk "BEGIN { print $T1 - $T0 }") s (delete to writes resumed), $(count) writes"
: > /tmp/stop-fs
wait $WP
if [ -e /tmp/err-fs ]; then fail no-write-failed "$(head -n 3 /tmp/err-fs) $(tail -n 2 /tmp/err-fs.log)"; else pass no-write-failed; fi
sync
echo 3 > /proc/sys/vm/drop_caches
bad=
for f in /tmp/slot-fs-*; do
	s=${f##*-}
	cmp -s "/mnt/f$s" "/tmp/pat$(cat "$f")" || bad="$bad f$s"
done
check_eq every-file-holds-last-write "$bad" ""
check umount umount /mnt
check shutdown multipathd shutdown
