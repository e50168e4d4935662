# Multipath options on the command line: mpath.wwid= limits the maps to
# the listed LUs, mpath.queue=N turns on queue_if_no_path bounded by
# dm-multipath's queue_if_no_path_timeout_secs=N, mpath.debug logs the
# phases, mpath.policy= picks the grouping.
# Invariants: only LU 0 (the root) gets a map, LU 1 is left alone; the
# root map's table has the queue_if_no_path feature; the module parameter
# is N; the phase log is in dmesg.
# topology: virtio:2
# disk: script:scripts/mkimg-root.sh gpt
# disk: 32M
# initramfs: build/initramfs.cpio.gz
# append: root=UUID=6d70626f-6f74-4000-8000-000000000001 mpath.wwid=35000c50015ea7100 mpath.queue=7 mpath.debug mpath.policy=multibus rw
# timeout: 150

W=35000c50015ea7100
check_eq four-paths-seen "$(ls /sys/block | grep -c '^sd')" 4
check root-lu-mapped map_of $W
check other-lu-unmapped sh -c '! grep -qx 35000c50015ea7101 /sys/block/dm-*/dm/name'
check queue-feature sh -c "dmctl table $W | grep -q queue_if_no_path"
check_eq queue-bound "$(cat /sys/module/dm_multipath/parameters/queue_if_no_path_timeout_secs)" 7
check_eq one-group "$(dmctl table $W | grep -o service-time | wc -l)" 1
check debug-phases sh -c 'dmesg | grep -q "mpboot: phase findroot at"'
