#!/bin/bash
# `make bench` part for issue 12: proofs that a Debian root on a 2-path LU
# boots with root=UUID= from an initramfs built INSIDE the booted guest by
#   initramfs-tools  update-initramfs, with mpboot's hook + local-top script
#   dracut           dracut, with mpboot's 90mpboot module
#   mpboot           mpboot-mkinitramfs (this host's modules, fstab root)
# and the figures for the README: each image's size and its boot time.
# Not in make check: two Debian boots and an image build under TCG take
# several minutes per proof.
#
#   scripts/bench-distro-initramfs.sh [initramfs-tools] [dracut] [mpboot]
#   BENCH_DISTRO_REBOOT_ONLY=1 ...   boot 2 only, with the image the last
#                                    run built in the guest
#
# Per proof: scripts/mkimg-debian.sh --variant V --install writes the disk
# (the Debian root with the distribution's builder and mpboot installed;
# the guest side is qemu-tests/distro/initramfs-proof.sh); boot 1 through
# mpboot's build/initramfs.cpio.gz builds the image in the guest and writes
# it to a transfer disk (virtio-blk); the host reads it back; boot 2 through
# that image with root=UUID= checks that / and every fstab mount are on the
# multipath map's -partN maps and prints the times.  Prints PASS:/FAIL:
# lines and a table; exits non-zero on any failure.
# Boot time = dmesg's "Run /init as init process" to the real root's init
# (systemd's banner, or "Switching root." of an initrd that runs systemd);
# multi-user = guest uptime when the unit after multi-user.target runs.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
O=${O:-$top/build}
d=$O/bench-distro
mkdir -p "$d"
export MPBOOT_CACHE=${MPBOOT_CACHE:-$top/build/cache}
KDIR=$("$top/scripts/kernel.sh") || exit 1
KVER=$(basename "$KDIR")
tmo=${BENCH_DISTRO_TIMEOUT:-900}
wwn=0x5000c50015ea7100
U=6d70626f-6f74-4000-8000-0000000000d1
proofs=${*:-initramfs-tools dracut mpboot}
status=0
rows=
say() { echo "bench-distro: $*"; }

make -s -C "$top" all initramfs build/tools/gen_init_cpio > "$d/make.log" 2>&1 ||
	{ cat "$d/make.log" >&2; exit 1; }

# boot NAME INITRD APPEND [XFER]: one boot of $img; console in $d/NAME.log.
boot() {
	local name=$1 initrd=$2 append=$3 xfer=${4:-} log=$d/$1.log qpid t0 xargs=()
	[ -n "$xfer" ] && xargs=(-drive "file=$xfer,format=raw,if=virtio")
	rm -f "$log"
	exec 9>/tmp/mpboot-qemu.lock
	flock 9
	t0=$SECONDS
	timeout -k 5 "$tmo" qemu-system-x86_64 -accel tcg -nodefaults -no-reboot -machine pc \
		-cpu max -m 1024 -smp 2 -display none -net none -serial "file:$log" \
		-kernel "$KDIR/vmlinuz" -initrd "$initrd" -append "$append" \
		-blockdev "driver=raw,node-name=lu0,file.driver=file,file.filename=$img,file.locking=off" \
		-device virtio-scsi-pci,id=s0 -device virtio-scsi-pci,id=s1 \
		-device "scsi-hd,bus=s0.0,scsi-id=0,lun=0,drive=lu0,id=p0l0,share-rw=on,wwn=$wwn,serial=MPBOOT-LU0" \
		-device "scsi-hd,bus=s1.0,scsi-id=0,lun=0,drive=lu0,id=p1l0,share-rw=on,wwn=$wwn,serial=MPBOOT-LU0" \
		"${xargs[@]}" > "$d/$name.qemu.log" 2>&1
	echo "qemu exit $? after $((SECONDS - t0)) s" >> "$d/$name.qemu.log"
	flock -u 9
	exec 9>&-
}

# judge BOOT: the guest's markers of $d/BOOT.log as distro-BOOT/...; 0 if it passed.
judge() {
	local name=distro-$1 log=$d/$1.log ok=0
	tr -d '\r' < "$log" | sed -n "s|^PASS: |PASS: $name/|p; s|^FAIL: |FAIL: $name/|p"
	grep -aq '^FAIL: ' "$log" && ok=1
	if ! grep -aq '^MPBOOT-TEST-END rc=0' "$log"; then
		echo "FAIL: $name: no clean end marker (timeout, panic or hang; $log)"
		ok=1
	fi
	if [ $ok != 0 ]; then
		echo "---- $name: console (last 40 lines) ----"
		tr -d '\r' < "$log" | grep -av '^\s*$' | tail -n 40
	fi
	return $ok
}

for kind in $proofs; do
	case "$kind" in
	initramfs-tools|mpboot) variant=initramfs-tools ;;
	dracut) variant=dracut ;;
	*) echo "FAIL: distro-$kind: unknown proof"; status=1; continue ;;
	esac
	img=$d/$kind.img xfer=$d/$kind.xfer
	say "$kind: disk (Debian root, variant $variant, mpboot installed)"
	if ! "$top/scripts/mkimg-debian.sh" --variant "$variant" --install \
		--scenario "$top/qemu-tests/distro/initramfs-proof.sh" "$img" > "$d/$kind.mkimg.log" 2>&1; then
		echo "FAIL: distro-$kind: disk image: $(tail -n 3 "$d/$kind.mkimg.log")"; status=1; continue
	fi
	if [ "${BENCH_DISTRO_REBOOT_ONLY:-0}" = 1 ] && [ -s "$d/$kind.initrd" ]; then
		# boot 2 again with the image an earlier run built in the guest
		say "$kind: reusing $d/$kind.initrd (built in the guest by an earlier run)"
	else
		rm -f "$xfer" "$d/$kind.initrd"; truncate -s 256M "$xfer"
		say "$kind: boot 1 (mpboot's image), building the image in the guest"
		boot "$kind-build" "$O/initramfs.cpio.gz" \
			"console=ttyS0 quiet rw panic=10 root=UUID=$U mpboot.proof=build:$kind" "$xfer"
		judge "$kind-build" || { status=1; continue; }
		set -- $(head -c 512 "$xfer" | tr -d '\0' | head -n 1)
		if [ "${1:-}" != MPBOOT-XFER ] || [ -z "${2:-}" ]; then
			echo "FAIL: distro-$kind: no image on the transfer disk"; status=1; continue
		fi
		dd if="$xfer" bs=1M skip=1 2>/dev/null | head -c "$2" > "$d/$kind.initrd"
		rm -f "$xfer"
	fi
	size=$(stat -c %s "$d/$kind.initrd")
	say "$kind: boot 2 (the image built in the guest, $size bytes), root=UUID=$U"
	boot "$kind-check" "$d/$kind.initrd" "console=ttyS0 quiet rw panic=10 root=UUID=$U mpboot.proof=check:$kind"
	if judge "$kind-check"; then ok=yes; else ok=no; status=1; fi
	times=$(tr -d '\r' < "$d/$kind-check.log" | sed -n 's/^PROOF-TIME: //p' | head -n 1)
	t0=$(echo "$times" | sed -n 's/^init=\([0-9.]*\).*/\1/p')
	t1=$(echo "$times" | sed -n 's/.* root-init=\([0-9.]*\).*/\1/p')
	mu=$(echo "$times" | sed -n 's/.* multi-user=\([0-9.]*\).*/\1/p')
	it=-
	[ -n "$t0" ] && [ -n "$t1" ] && it=$(awk "BEGIN { printf \"%.2f\", $t1 - $t0 }")
	rows="$rows$(printf '%-18s %10s %10s %10s %12s  %s' "$kind" "$size" "$it" "${t1:--}" "${mu:--}" "$ok")
"
	rm -f "$img"
done

echo
echo "images built inside the guest, booted with root=UUID= on 1 LU x 2 virtio-scsi paths"
echo "(kernel $KVER, qemu -accel tcg -smp 2 -m 1024; seconds of guest uptime)"
printf '%-18s %10s %10s %10s %12s  %s\n' image "size(B)" "/init->root" "root init" multi-user ok
printf '%s' "$rows"
exit $status
