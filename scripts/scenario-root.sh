#!/bin/sh
# What a Debian root tree needs to run a qemu scenario when it boots, for
# the image builders that make one (mkimg-debian.sh, mkimg-installer.sh):
# busybox and the guest helpers in /test-bin, the test kit t.sh and its
# runner run-scenario in /usr/lib, and mpboot-test.service, wanted by
# multi-user.target, which runs /scenario.sh (the caller puts it there) on
# the serial console, where no login prompt then competes with the markers.
#
#   O=BUILD scripts/scenario-root.sh DIR
#
# Files are replaced, never written through: DIR may be a copy of the
# cached Debian root made with hard links.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
O=${O:-$top/build}
d=$1
mkdir -p "$d/test-bin" "$d/usr/lib" "$d/etc/systemd/system/multi-user.target.wants"
install -m 755 /bin/busybox "$d/test-bin/busybox"
for f in "$O"/test-bin/*; do [ -f "$f" ] && install -m 755 "$f" "$d/test-bin/"; done
install -m 644 "$top/qemu-tests/lib/t.sh" "$d/usr/lib/t.sh"
install -m 755 "$top/qemu-tests/lib/run-scenario" "$d/usr/lib/run-scenario"
rm -f "$d/etc/systemd/system/mpboot-test.service"
cat > "$d/etc/systemd/system/mpboot-test.service" <<'UNIT'
[Unit]
Description=mpboot qemu scenario
After=multi-user.target

[Service]
Type=simple
ExecStart=/usr/lib/run-scenario
StandardOutput=tty
StandardError=tty
TTYPath=/dev/ttyS0
UNIT
ln -sf ../mpboot-test.service "$d/etc/systemd/system/multi-user.target.wants/mpboot-test.service"
ln -sf /dev/null "$d/etc/systemd/system/serial-getty@ttyS0.service"
