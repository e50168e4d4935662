# mpath.break=<phase> stops in a shell before that phase; leaving the
# shell continues the boot.
# Invariants: the shell opens before findroot (the maps already exist, the
# root is not mounted yet), runs what is typed, and on exit the boot goes
# on to the root (where this script runs).
# topology: virtio:2
# disk: script:scripts/mkimg-root.sh gpt
# initramfs: build/initramfs.cpio.gz
# append: root=LABEL=mpboot-root mpath.break=findroot rw
# console mpath.break=findroot; rescue shell: [ -e /root/sbin/init ] && r=yes || r=no; echo "<3>BREAK $((6 * 7)) $(cat /sys/block/dm-1/dm/name) mounted=$r" > /dev/kmsg; exit
# timeout: 120

W=35000c50015ea7100
line=$(dmesg | grep 'BREAK ')
check shell-ran sh -c "printf '%s' \"\$1\" | grep -q 'BREAK 42'" sh "$line"
check maps-before-findroot sh -c "printf '%s' \"\$1\" | grep -q '$W-part1'" sh "$line"
check root-not-yet-mounted sh -c "printf '%s' \"\$1\" | grep -q 'mounted=no'" sh "$line"
rk=$(root_kname)
check_eq booted-on "$(cat /sys/block/$rk/dm/name 2>/dev/null)" "$W-part1"
