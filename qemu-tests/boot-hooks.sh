# Hooks: executable /hooks/<phase>/* run after their phase, in name order,
# with the init's state in MPBOOT_* variables; a failing hook fails the
# phase (report + rescue shell); leaving the shell retries it.
# Invariants: the parts hook sees the partition maps but no root yet, the
# findroot hook sees the resolved root device; the failing mount hook is
# reported by name and the boot completes after the retry.
# topology: virtio:2
# disk: script:scripts/mkimg-root.sh dos
# initramfs: build/initramfs.cpio.gz
# append: root=LABEL=mpboot-root rw
# hook: parts qemu-tests/hooks/50-log-env
# hook: findroot qemu-tests/hooks/50-log-env
# hook: mount qemu-tests/hooks/60-fail-once
# console rescue shell (exit to continue): exit
# timeout: 120

W=35000c50015ea7100
log=$(dmesg)
parts=$(printf '%s\n' "$log" | grep 'HOOK phase=parts')
check parts-hook-ran test -n "$parts"
check parts-hook-maps sh -c "printf '%s' \"\$1\" | grep -q 'maps:.* $W-part1'" sh "$parts"
check parts-hook-no-root sh -c "printf '%s' \"\$1\" | grep -q 'rootdev= '" sh "$parts"
fr=$(printf '%s\n' "$log" | grep 'HOOK phase=findroot')
check findroot-hook-env sh -c "printf '%s' \"\$1\" | grep -q 'root=LABEL=mpboot-root rootdev=/dev/dm-[0-9]* fstype=ext4 mpath=on'" sh "$fr"
check failing-hook-reported sh -c "printf '%s\n' \"\$1\" | grep -q \"FAILED in phase 'mount': hook /hooks/mount/60-fail-once failed\"" sh "$log"
rk=$(root_kname)
check_eq booted-after-retry "$(cat /sys/block/$rk/dm/name)" "$W-part1"
