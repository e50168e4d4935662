#!/bin/bash
# `make demo-iscsi`: boot a root from an iSCSI LU over two networks in qemu
# with mpboot's initramfs (issue 19).  Two guests, talking only over
# `-netdev socket` on 127.0.0.1: a target guest exports the disk through the
# kernel's LIO on one portal per network (qemu-tests/lib/iscsi-target, the
# harness's own); the initiator guest has two NICs and no disk, and boots
# build/initramfs-iscsi.cpio.gz with two ip= and two netroot=iscsi:.  Its
# root shows the sessions and the map, writes and reads through it, and
# powers off.  Prints the boot time.  `make demo-iscsi` builds the image
# first.  Non-interactive like `make demo` (CI may run it): a guest that
# has not powered off after DEMO_TIMEOUT seconds (default 300; the run
# takes about a minute under TCG) is killed and the demo fails.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
O=$top/build
d=$O/demo-iscsi
mkdir -p "$d"
KDIR=$("$top/scripts/kernel.sh")
KVER=$(basename "$KDIR")
img=$d/disk.img log=$d/console.log tlog=$d/target.log
image=$O/initramfs-iscsi.cpio.gz
IQN=iqn.2026-12.org.mpboot
say() { echo "demo-iscsi: $*"; }
. "$(dirname "$0")/demo-report.sh"

[ -f "$image" ] || { echo "demo-iscsi: no $image (make initramfs-iscsi)" >&2; exit 1; }
say "[1/4] disk image: DOS label, ext4 root in partition 1, built without root (sfdisk on a file, mke2fs -d)"
"$top/scripts/mkimg-root.sh" dos --init "$top/scripts/demo-iscsi-root-init" --scenario /dev/null "$img"
sfdisk -d "$img" 2>/dev/null | sed -n 's/^/    /; /start=/p'

# The target guest's initrd: busybox, the harness's LIO init, its modules.
st=$d/tstage
rm -rf "$st"
mkdir -p "$st/bin" "$st/etc" "$st/dev" "$st/lib/modules/$KVER"
cp /bin/busybox "$st/bin/busybox"
install -m 755 "$top/qemu-tests/lib/iscsi-target" "$st/init"
"$top/scripts/modclosure.sh" "$KDIR" "$KVER" virtio_pci virtio_scsi sd_mod virtio_net configfs \
	target_core_mod target_core_iblock iscsi_target_mod crc32c_generic > "$st/etc/modules.order"
while read -r m; do
	mkdir -p "$st/lib/modules/$KVER/$(dirname "$m")"
	cp "$KDIR/lib/modules/$KVER/$m" "$st/lib/modules/$KVER/$m"
done < "$st/etc/modules.order"
mknod "$st/dev/console" c 5 1 2>/dev/null || true
(cd "$st" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) > "$d/target-initrd"
rm -rf "$st"

# two networks: the target listens, the initiator connects (random ports,
# so two demos or a demo beside the tests do not collide)
port0=$((20000 + RANDOM % 20000 * 2))
exec 9>/tmp/mpboot-qemu.lock
say "[2/4] target guest: LIO (configfs, iscsi_target_mod), $IQN:target, portals 10.10.0.1 and 10.10.1.1 on two qemu networks (127.0.0.1:$port0, :$((port0 + 1)))"
flock 9
rm -f "$tlog" "$log"
qemu-system-x86_64 -accel tcg -nodefaults -no-reboot -machine pc -cpu max -m 256 -smp 1 \
	-display none -net none -serial "file:$tlog" \
	-kernel "$KDIR/vmlinuz" -initrd "$d/target-initrd" \
	-append "console=ttyS0 panic=-1 quiet loglevel=3 mpboot.tgt.portals=2 mpboot.tgt.luns=1" \
	-blockdev "driver=raw,node-name=lu0,file.driver=file,file.filename=$img,file.locking=off" \
	-device virtio-scsi-pci,id=ts0 -device scsi-hd,bus=ts0.0,scsi-id=0,lun=0,drive=lu0 \
	-netdev "socket,id=n0,listen=127.0.0.1:$port0" -device virtio-net-pci,netdev=n0,mac=52:54:00:10:00:01,addr=0x10 \
	-netdev "socket,id=n1,listen=127.0.0.1:$((port0 + 1))" -device virtio-net-pci,netdev=n1,mac=52:54:00:10:01:01,addr=0x11 \
	> "$d/target-qemu.log" 2>&1 &
tpid=$!
qpid=
trap 'kill $tpid $qpid 2>/dev/null || true' EXIT
deadline=$(($(date +%s) + ${DEMO_TIMEOUT:-300}))
until grep -aq MPBOOT-TARGET-READY "$tlog" 2>/dev/null; do
	if ! kill -0 $tpid 2>/dev/null || [ "$(date +%s)" -ge $deadline ]; then
		say "the target guest did not come up (see $tlog)"
		exit 1
	fi
	sleep 0.2
done
tr -d '\r' < "$tlog" | grep -a '^target:' | sed 's/^/  T | /'

append="console=ttyS0 quiet root=LABEL=mpboot-root rw"
append="$append ip=10.10.0.2:::255.255.255.0::eth0:none ip=10.10.1.2:::255.255.255.0::eth1:none"
append="$append netroot=iscsi:10.10.0.1::::$IQN:target netroot=iscsi:10.10.1.1::::$IQN:target"
append="$append rd.iscsi.initiator=$IQN:initiator"
say "[3/4] initiator guest: two NICs, no disk; $(basename "$image"), $(stat -c %s "$image") bytes; kernel $KVER"
say "    append: $append"
t0=$(date +%s.%N)
qemu-system-x86_64 -accel tcg -nodefaults -no-reboot -machine pc -cpu max -m 512 -smp 2 \
	-display none -net none -serial "file:$log" \
	-kernel "$KDIR/vmlinuz" -initrd "$image" -append "$append" \
	-netdev "socket,id=n0,connect=127.0.0.1:$port0" -device virtio-net-pci,netdev=n0,mac=52:54:00:10:00:02,addr=0x10 \
	-netdev "socket,id=n1,connect=127.0.0.1:$((port0 + 1))" -device virtio-net-pci,netdev=n1,mac=52:54:00:10:01:02,addr=0x11 \
	> "$d/qemu.log" 2>&1 &
qpid=$!
shown=0 t_root=
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
	fi
	[ $alive = 1 ] || break
	if [ "$(date +%s)" -ge $deadline ]; then
		say "no power-off after ${DEMO_TIMEOUT:-300} s: stopping qemu (see $log)"
		exit 1
	fi
	sleep 0.2
done
wait $qpid || true
kill $tpid 2>/dev/null || true
wait $tpid 2>/dev/null || true
trap - EXIT
t1=$(date +%s.%N)
say "[4/4] initiator powered off, target stopped"
demo_report "initiator run"
