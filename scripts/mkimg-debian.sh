#!/bin/bash
# Write a disk image holding a real Debian 12 system (scripts/debian-root.sh)
# laid out as a root-on-SAN server is: several filesystems, swap, a logical
# partition, all named in /etc/fstab by UUID= or LABEL=.
#
#   scripts/mkimg-debian.sh [--scenario FILE] [--variant V] [--install] IMG
#
# --variant V   the root of `scripts/debian-root.sh V` (initramfs-tools or
#               dracut: the distribution's initramfs builder is in it;
#               open-iscsi: Debian's iscsid and iscsiadm)
# --install     mpboot installed in it as `make install PREFIX=/usr` lays it
#               out (issue 12's proofs build an image inside the guest)
#
# DOS label, disk id 0x6d70626f:
#   1  ext4 /            UUID 6d70626f-6f74-4000-8000-0000000000d1, LABEL deb-root
#   2  ext4 /data        UUID 6d70626f-6f74-4000-8000-0000000000d2
#   3  swap              UUID 6d70626f-6f74-4000-8000-0000000000d3
#   4  extended
#   5  ext4 /srv/logs    LABEL mpboot-logs (UUID ...d5)
# systemd starts mpboot-test.service once multi-user.target is queued: it
# runs /scenario.sh (FILE, or $MPBOOT_SCENARIO from the qemu harness) with
# /lib/t.sh through qemu-tests/lib/run-scenario, whose markers the host
# judges, then powers off.  mpboot's own tools are in /opt/mpboot/sbin, next
# to (not instead of) Debian's multipath-tools.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
O=${O:-$top/build}
scenario=${MPBOOT_SCENARIO:-}
variant= install=
while [ $# -gt 1 ]; do
	case "$1" in
	--scenario) scenario=$2; shift ;;
	--variant) variant=$2; shift ;;
	--install) install=yes ;;
	*) echo "mkimg-debian: unknown option $1" >&2; exit 2 ;;
	esac
	shift
done
[ $# = 1 ] || { echo "usage: mkimg-debian.sh [--scenario F] IMG" >&2; exit 2; }
img=$1
PATH=$PATH:/sbin:/usr/sbin
root=$("$top/scripts/debian-root.sh" $variant)

U=6d70626f-6f74-4000-8000-0000000000
MB=2048 # sectors per MiB
root_mb=$(( $(du -sm "$root" | cut -f1) * 13 / 10 + 64 ))
# an initramfs builder in the guest needs room for its work tree and image
case "$variant" in ""|open-iscsi) ;; *) root_mb=$((root_mb + 320)) ;; esac
p1=$MB p1s=$((root_mb * MB))
p2=$((p1 + p1s)) p2s=$((16 * MB))
p3=$((p2 + p2s)) p3s=$((16 * MB))
p4=$((p3 + p3s)) p4s=$((18 * MB))
p5=$((p4 + MB)) p5s=$((16 * MB))
total_mb=$(( (p4 + p4s) / MB + 1 ))

rm -f "$img"
truncate -s "${total_mb}M" "$img"
sfdisk -q "$img" <<EOT
label: dos
label-id: 0x6d70626f
start=$p1, size=$p1s, type=83
start=$p2, size=$p2s, type=83
start=$p3, size=$p3s, type=82
start=$p4, size=$p4s, type=5
start=$p5, size=$p5s, type=83
EOT

# install_mpboot DESTDIR: make install's layout (layout-12), by `make
# install` when the Makefile has it, else by hand from the same files.
install_mpboot() {
	local d=$1 l=$1/usr/lib/mpboot t
	if grep -q '^install:' "$top/Makefile"; then
		make -s -C "$top" install DESTDIR="$d" PREFIX=/usr >&2
		return
	fi
	mkdir -p "$l/bin" "$d/usr/sbin" "$d/usr/share/initramfs-tools/hooks" \
		"$d/usr/share/initramfs-tools/scripts/local-top" \
		"$d/usr/lib/dracut/modules.d" "$d/usr/lib/dracut/dracut.conf.d"
	install -m 755 "$O/bin/mpboot" "$l/bin/mpboot"
	for t in "$O"/bin/*; do
		[ -L "$t" ] && ln -sf mpboot "$l/bin/${t##*/}"
	done
	install -m 755 "$top/initramfs/init" "$l/init"
	install -m 644 "$top/initramfs/modules" "$l/modules"
	install -m 644 "$top/gen_init_cpio.list" "$l/gen_init_cpio.list"
	install -m 755 "$O/tools/gen_init_cpio" "$l/gen_init_cpio"
	install -m 755 "$top/scripts/modclosure.sh" "$l/modclosure.sh"
	cp -r "$top/hooks" "$l/hooks"
	install -m 755 "$top/scripts/mpboot-mkinitramfs" "$d/usr/sbin/mpboot-mkinitramfs"
	install -m 755 "$top/dist/initramfs-tools/hooks/mpboot" "$d/usr/share/initramfs-tools/hooks/mpboot"
	install -m 755 "$top/dist/initramfs-tools/scripts/local-top/mpboot" \
		"$d/usr/share/initramfs-tools/scripts/local-top/mpboot"
	cp -r "$top/dist/dracut/90mpboot" "$d/usr/lib/dracut/modules.d/90mpboot"
	install -m 644 "$top/dist/dracut/mpboot.conf" "$d/usr/lib/dracut/dracut.conf.d/90-mpboot.conf"
}

st=$(mktemp -d)
trap 'rm -rf "$st"' EXIT
# The root: Debian's tree plus what this image adds, assembled in a copy
# (hard links where possible: the cache stays untouched).
cp -al "$root/." "$st/" 2>/dev/null || cp -a "$root/." "$st/"
rm -f "$st/.done"
mkdir -p "$st/opt/mpboot/sbin" "$st/data" "$st/srv/logs"
# replace (not write through) files that are hard links into the cache
O=$O "$top/scripts/scenario-root.sh" "$st"
for f in "$O"/bin/*; do [ -f "$f" ] && install -m 755 "$f" "$st/opt/mpboot/sbin/"; done
install -m 644 "$top/qemu-tests/lib/debian-checks.sh" "$st/usr/lib/debian-checks.sh"
if [ -n "$install" ]; then
	install_mpboot "$st"
fi
if [ -n "$scenario" ]; then
	install -m 644 "$scenario" "$st/scenario.sh"
else
	echo 'pass debian-root-booted' > "$st/scenario.sh"
fi
rm -f "$st/etc/fstab"
cat > "$st/etc/fstab" <<EOF
UUID=${U}d1 /         ext4 rw,errors=remount-ro 0 1
UUID=${U}d2 /data     ext4 defaults 0 2
UUID=${U}d3 none      swap sw 0 0
LABEL=mpboot-logs /srv/logs ext4 defaults 0 2
EOF

fs() { # start sectors label uuid [dir]
	E2FSPROGS_FAKE_TIME=${SOURCE_DATE_EPOCH:-1700000000} \
	mke2fs -q -F -t ext4 -L "$3" -U "$4" -E "offset=$(($1 * 512)),root_owner=0:0" \
		${5:+-d "$5"} "$img" "$(($2 / 2))k"
}
fs $p1 $p1s deb-root "${U}d1" "$st"
fs $p2 $p2s deb-data "${U}d2"
# mkswap has no offset option: make the area in a file, copy it in place.
truncate -s $((p3s * 512)) "$st.swap"
mkswap -q -U "${U}d3" "$st.swap" >/dev/null
dd if="$st.swap" of="$img" bs=1M seek=$((p3 / MB)) conv=notrunc,sparse status=none
rm -f "$st.swap"
fs $p5 $p5s mpboot-logs "${U}d5"
