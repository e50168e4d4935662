#!/bin/bash
# `make bench` part for the root on iSCSI (issue 19): the time from /init to
# the hand-over and the image size of mpboot's image beside Debian 12's
# initramfs-tools + open-iscsi + multipath-tools-boot, on the same target
# and the same root: the two-guest boot of qemu-tests/iscsi-debian-root.sh
# (the real Debian root on a LIO LU, two networks, two portals, 2 vCPUs,
# 1 GiB, -accel tcg).  Not a timed test: it prints numbers.
#
#   scripts/bench-iscsi.sh                 both images, one boot each
#   BENCH_ISCSI_RUNS=3 scripts/bench-iscsi.sh    three boots each
#   BENCH_DEBIAN=0 scripts/bench-iscsi.sh        mpboot only
#
# /init -> hand-over: the kernel's "Run /init" stamp to systemd's first
# message in the booted root's kernel log (as scripts/bench-boot.sh on the
# Debian root), printed by the scenario as its TIMING line.  Debian's image
# is scripts/debian-iscsi-initrd.sh's (a chroot; needs root), booted with
# root=/dev/mapper/…-part1, the same ip= lines plus net.ifnames=0 (its udev
# would rename eth0/eth1) and the portals in its /etc/iscsi.initramfs, since
# open-iscsi's script reads no netroot=.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
O=${O:-$top/build}
d=$O/bench-iscsi
mkdir -p "$d"
export MPBOOT_CACHE=${MPBOOT_CACHE:-$top/build/cache}
runs=${BENCH_ISCSI_RUNS:-1}
say() { echo "bench-iscsi: $*"; }
IP="ip=10.10.0.2:::255.255.255.0::eth0:none ip=10.10.1.2:::255.255.255.0::eth1:none"
# Debian's image is given the partition map by name: its root=UUID= finds
# the filesystem on a member path (sda1) first, which multipath holds, and
# the mount fails busy (issue 5; seen here 2026-12-07)
ROOT=root=/dev/mapper/360014050123456789abcd00000000000-part1

say "building mpboot's image (make initramfs-iscsi)"
make -s -C "$top" initramfs-iscsi > "$d/make.log" 2>&1 || { cat "$d/make.log" >&2; exit 1; }
mp_img=$O/initramfs-iscsi.cpio.gz
deb_img=
if [ "${BENCH_DEBIAN:-1}" = 1 ]; then
	say "building Debian's image (scripts/debian-iscsi-initrd.sh)"
	if "$top/scripts/debian-iscsi-initrd.sh" "$d/debian-initrd.img" "$d/debian-initrd.log"; then
		deb_img=$d/debian-initrd.img
	else
		say "no Debian image: its row is skipped"
	fi
fi

rows=
# boot NAME IMAGE [APPEND]: one boot of the scenario; a row
boot() {
	local name=$1 img=$2 app=${3:-} i out t ok paths
	for i in $(seq 1 "$runs"); do
		say "booting $name (run $i/$runs): $(basename "$img"), $(stat -c %s "$img") bytes"
		out=$d/$name-$i.out
		MPBOOT_INITRAMFS=${app:+$img} MPBOOT_APPEND=$app \
			"$top/qemu-tests/run" iscsi-debian-root > "$out" 2>&1 || true
		cp "$O/qemu/iscsi-debian-root/console.log" "$d/$name-$i.console.log" 2>/dev/null || true
		t=$(tr -d '\r' < "$d/$name-$i.console.log" | sed -n 's/^TIMING: .*hand-over \([0-9.]*\) s$/\1/p' | head -n 1)
		ok=no paths=-
		grep -q '^PASS: iscsi-debian-root/root-on-part1' "$out" && ok=yes
		grep -q '^PASS: iscsi-debian-root/two-paths-active' "$out" && paths=2
		say "    /init -> hand-over ${t:-?} s; root on the -part1 map: $ok; both paths active: $paths"
		rows="$rows$(printf '%-22s %10s %10s %8s  %-4s %s' "$name" "$(stat -c %s "$img")" \
			"$(uncompressed "$img")" "${t:--}" "$ok" "$paths")
"
	done
}
# uncompressed IMAGE: the size of its archive(s) unpacked
uncompressed() {
	case "$(file -b "$1")" in
	Zstandard*) zstd -dc "$1" | wc -c ;;
	gzip*) gzip -dc "$1" | wc -c ;;
	*) echo - ;;
	esac
}

boot mpboot "$mp_img"
[ -z "$deb_img" ] ||
	boot debian-initramfs-tools "$deb_img" "$ROOT rw panic=10 net.ifnames=0 $IP"

echo
echo "root on iSCSI: the Debian 12 root of qemu-tests/iscsi-debian-root.sh, 1 LU, 2 networks, 2 portals;"
echo "kernel $(basename "$("$top/scripts/kernel.sh")"), qemu -accel tcg -smp 2 -m 1024 (target guest -smp 1 -m 256)"
printf '%-22s %10s %10s %8s  %-4s %s\n' image "size(B)" "unpacked" "init->ho" map paths
printf '%s' "$rows"
echo "(init->ho: seconds from the kernel's 'Run /init' stamp to systemd's first message; map: / on the"
echo " -part1 multipath map; paths: both paths active in the booted system; logs in $d/)"
