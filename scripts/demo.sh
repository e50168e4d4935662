#!/bin/bash
# `make demo`: boot a multipathed root disk in qemu with mpboot's initramfs.
# One LU behind two virtio-scsi paths (same WWN and serial, one -blockdev
# with file.locking=off, share-rw=on); the initramfs assembles the map,
# switches root; the root shows the topology, loses a path under a reader,
# and powers off.  Prints the boot time.  Run `make initramfs` first (make
# demo does).  Non-interactive (CI runs it, .ci/run): a guest that has not
# powered off after DEMO_TIMEOUT seconds (default 300; the whole run takes
# about a minute under TCG) is killed and the demo fails.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
O=$top/build
d=$O/demo
mkdir -p "$d"
KDIR=$("$top/scripts/kernel.sh")
img=$d/disk.img log=$d/console.log mon=$d/monitor.sock
wwn=0x5000c50015ea7100
say() { echo "demo: $*"; }
. "$(dirname "$0")/demo-report.sh"

[ -f "$O/initramfs.cpio.gz" ] || { echo "demo: no build/initramfs.cpio.gz (make initramfs)" >&2; exit 1; }
say "[1/3] disk image: DOS label, ext4 root in partition 1, built without root (sfdisk on a file, mke2fs -d)"
"$top/scripts/mkimg-root.sh" dos --init "$top/scripts/demo-root-init" --scenario /dev/null "$img"
sfdisk -d "$img" 2>/dev/null | sed -n 's/^/    /; /start=/p'
say "    initramfs: build/initramfs.cpio.gz, $(stat -c %s "$O/initramfs.cpio.gz") bytes; kernel $(basename "$KDIR")"

append="console=ttyS0 quiet root=LABEL=mpboot-root rw"
say "[2/3] booting qemu -accel tcg, 2 vCPUs: the LU through 2 virtio-scsi controllers; append: $append"
rm -f "$log" "$mon"
exec 9>/tmp/mpboot-qemu.lock
flock 9
t0=$(date +%s.%N)
qemu-system-x86_64 -accel tcg -nodefaults -no-reboot -machine pc -cpu max -m 512 -smp 2 \
	-display none -net none \
	-chardev "socket,id=ser0,path=$d/serial.sock,server=on,wait=off,logfile=$log" -serial chardev:ser0 \
	-monitor "unix:$mon,server=on,wait=off" \
	-kernel "$KDIR/vmlinuz" -initrd "$O/initramfs.cpio.gz" -append "$append" \
	-blockdev "driver=raw,node-name=lu0,file.driver=file,file.filename=$img,file.locking=off" \
	-device virtio-scsi-pci,id=s0 -device virtio-scsi-pci,id=s1 \
	-device "scsi-hd,bus=s0.0,scsi-id=0,lun=0,drive=lu0,id=p0l0,share-rw=on,wwn=$wwn,serial=MPBOOT-LU0" \
	-device "scsi-hd,bus=s1.0,scsi-id=0,lun=0,drive=lu0,id=p1l0,share-rw=on,wwn=$wwn,serial=MPBOOT-LU0" \
	> "$d/qemu.log" 2>&1 &
qpid=$!
trap 'kill $qpid 2>/dev/null || true' EXIT
shown=0 dropped=0 t_root=
deadline=$(($(date +%s) + ${DEMO_TIMEOUT:-300}))
while :; do
	alive=0
	kill -0 $qpid 2>/dev/null && alive=1
	if [ -f "$log" ]; then
		n=$(wc -l < "$log")
		if [ "$n" -gt "$shown" ]; then
			tr -d '\r' < "$log" | sed -n "$((shown + 1)),${n}p" | sed 's/^/  | /'
			shown=$n
		fi
		if [ -z "$t_root" ] && grep -aq 'handing over to' "$log"; then
			t_root=$(date +%s.%N)
		fi
		if [ $dropped = 0 ] && grep -aq '^DEMO-EVENT: drop-path' "$log"; then
			dropped=1
			echo "device_del p0l0" | socat - "UNIX-CONNECT:$mon" > /dev/null 2>&1
			say "    (host) device_del p0l0: path 1 removed"
		fi
	fi
	[ $alive = 1 ] || break
	if [ "$(date +%s)" -ge $deadline ]; then
		say "no power-off after ${DEMO_TIMEOUT:-300} s: stopping qemu (see $log)"
		kill $qpid 2>/dev/null || true
		wait $qpid || true
		exit 1
	fi
	sleep 0.2
done
wait $qpid || true
trap - EXIT
t1=$(date +%s.%N)
say "[3/3] guest powered off"
demo_report "whole run"
