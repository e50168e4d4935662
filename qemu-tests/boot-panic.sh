# panic=N: on failure the init reports, then reboots after N seconds
# instead of opening a shell (qemu runs with -no-reboot, so it exits).
# Invariants: the report comes first, then the reboot notice, then the
# kernel restarts (qemu -no-reboot then exits).
# topology: virtio:2
# disk: script:scripts/mkimg-root.sh dos
# initramfs: build/initramfs.cpio.gz
# append: root=LABEL=no-such-label rootdelay=1 panic=2
# expect-console: mpboot: FAILED in phase 'findroot': root=LABEL=no-such-label not found within 1s
# expect-console: mpboot: path sda: wwid=naa.5000c50015ea7100 state=running
# expect-console: mpboot: panic=2: rebooting in 2 s
# expect-console: reboot: Restarting system
# timeout: 90
