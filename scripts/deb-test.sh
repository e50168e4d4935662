#!/bin/sh
# make deb-test: install build/deb/mpboot_*.deb (make deb) with dpkg -i in a
# clean Debian 12 chroot that already has multipath-tools and kpartx (the
# cached root of scripts/debian-root.sh, seen through an overlay, or copied:
# the cache is never written), then check:
#   - dpkg -i succeeds next to multipath-tools (no file of theirs taken),
#     multipath-tools' /sbin/multipath and kpartx's /sbin/kpartx stay theirs;
#   - the package holds the layout (tools, mpboot- commands, image parts,
#     man pages, the integration and mpboot-mkinitramfs when the tree has
#     them) and the tools run there through their mpboot- names;
#   - mpboot-mkinitramfs, when there is one, builds an image in the chroot;
#   - dpkg -r removes every file the package installed.
# Needs root (chroot, mount).  Prints PASS:/FAIL: lines, exits 1 on a FAIL.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
fails=0
ok() { echo "PASS: deb/$1"; }
no() { echo "FAIL: deb/$1: $2"; fails=$((fails + 1)); }
die() { echo "deb-test: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "needs root (chroot)"
deb=$(ls build/deb/mpboot_*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || die "no build/deb/mpboot_*.deb (make deb)"
base=$(scripts/debian-root.sh) || die "no Debian root (scripts/debian-root.sh)"

w=$top/build/deb-test
cleanup() {
	for m in dev/pts dev sys proc; do
		mountpoint -q "$w/root/$m" 2>/dev/null && umount -l "$w/root/$m"
	done
	mountpoint -q "$w/root" 2>/dev/null && umount -l "$w/root"
	rm -rf "$w"
}
cleanup
trap cleanup EXIT
mkdir -p "$w/root" "$w/upper" "$w/work" "$w/debs"
if ! mount -t overlay overlay -o "lowerdir=$base,upperdir=$w/upper,workdir=$w/work" "$w/root" 2>/dev/null; then
	cp -a "$base/." "$w/root/" || die "cannot copy $base"
fi
R=$w/root
# the cached root leaves out docs and man pages: a user's system has them
rm -f "$R"/etc/dpkg/dpkg.cfg.d/*
mount -t proc proc "$R/proc" && mount --bind /sys "$R/sys" && mount --bind /dev "$R/dev" ||
	die "cannot mount /proc /sys /dev in the chroot"

# klibc-utils (a Depends) from the host's apt cache, else Debian's archive
D=$R/tmp/debs
mkdir -p "$D"
for p in libklibc klibc-utils; do
	v=$(dpkg-query -W -f='${Version}' "$p" 2>/dev/null | sed 's/:/%3a/')
	f=$(ls /var/cache/apt/archives/"${p}_${v}"_*.deb 2>/dev/null | head -n 1)
	if [ -n "$v" ] && [ -n "$f" ]; then
		cp "$f" "$D/"
	else
		(cd "$D" && apt-get download -q "$p" >/dev/null 2>&1) || die "cannot get $p"
	fi
done
cp "$deb" "$D/"
inr() { chroot "$R" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root "$@"; }

before=$(inr sh -c 'find / -xdev \( -path /tmp -o -path /var -o -path /proc \) -prune -o -print | sort')
out=$(inr sh -c 'dpkg -i /tmp/debs/*.deb' 2>&1) && ok dpkg-install || no dpkg-install "$out"
st=$(inr dpkg-query -W -f='${Status}' mpboot 2>&1)
[ "$st" = "install ok installed" ] && ok installed || no installed "status: $st"
owner=$(inr dpkg -S /sbin/multipath /sbin/kpartx 2>&1)
case "$owner" in "multipath-tools: /sbin/multipath"*"kpartx: /sbin/kpartx") ok multipath-tools-untouched ;;
*) no multipath-tools-untouched "$owner" ;; esac

files=$(inr dpkg -L mpboot)
miss=
for f in /usr/lib/mpboot/bin/mpboot /usr/lib/mpboot/bin/multipath /usr/lib/mpboot/bin/mpinit \
	/usr/lib/mpboot/init /usr/lib/mpboot/gen_init_cpio /usr/lib/mpboot/gen_init_cpio.list \
	/usr/lib/mpboot/iscsi_nodes \
	/usr/lib/mpboot/modules /usr/lib/mpboot/modclosure.sh \
	/usr/sbin/mpboot-multipath /usr/sbin/mpboot-multipathd /usr/sbin/mpboot-kpartx \
	/usr/sbin/mpboot-devmap_name /usr/share/man/man7/mpboot.7.gz \
	/usr/share/man/man8/mpboot-multipath.8.gz /usr/share/man/man8/mpboot-multipathd.8.gz \
	/usr/share/man/man8/mpboot-kpartx.8.gz /usr/share/man/man8/mpboot-devmap_name.8.gz \
	/usr/share/man/man8/mpinit.8.gz /usr/share/man/man5/mpboot-multipath.conf.5.gz; do
	printf '%s\n' "$files" | grep -qx "$f" && [ -e "$R$f" ] || miss="$miss $f"
done
if [ -f scripts/mpboot-mkinitramfs ]; then
	for f in /usr/sbin/mpboot-mkinitramfs /usr/share/man/man8/mpboot-mkinitramfs.8.gz; do
		printf '%s\n' "$files" | grep -qx "$f" || miss="$miss $f"
	done
fi
[ ! -d dist/initramfs-tools ] || printf '%s\n' "$files" | grep -q '^/usr/share/initramfs-tools/hooks/' ||
	miss="$miss initramfs-tools hook"
[ ! -d dist/dracut/90mpboot ] || printf '%s\n' "$files" | grep -q '^/usr/lib/dracut/modules.d/90mpboot/' ||
	miss="$miss dracut module"
[ ! -f dist/dracut/mpboot.conf ] || printf '%s\n' "$files" | grep -qx /usr/lib/dracut/dracut.conf.d/90-mpboot.conf ||
	miss="$miss dracut.conf.d/90-mpboot.conf"
printf '%s\n' "$files" | grep -q install.manifest && miss="$miss (has install.manifest)"
[ -z "$miss" ] && ok layout || no layout "missing:$miss"

bad=
for t in multipath multipathd kpartx devmap_name; do
	out=$(inr "/usr/sbin/mpboot-$t" -h 2>&1) || bad="$bad mpboot-$t(exit $?)"
	case "$out" in "usage: $t "*) ;; *) bad="$bad mpboot-$t:'$(printf '%s' "$out" | head -n 1)'" ;; esac
done
# real runs that need no device-mapper: the configuration in effect, and
# a device that is no map (one line, exit 1)
out=$(inr /usr/sbin/mpboot-multipath -t 2>&1) && case "$out" in *defaults*) ;; *) false ;; esac ||
	bad="$bad multipath-t($out)"
out=$(inr /usr/sbin/mpboot-devmap_name 1 3 2>&1)
[ $? = 1 ] && [ "$(printf '%s\n' "$out" | wc -l)" = 1 ] || bad="$bad devmap_name-1-3($out)"
[ -z "$bad" ] && ok tools-run || no tools-run "$bad"
out=$(inr zcat /usr/share/man/man8/mpboot-multipath.8.gz | head -n 5)
case "$out" in *".Dt MPBOOT-MULTIPATH 8"*) ok man-pages ;; *) no man-pages "mpboot-multipath.8.gz: $out" ;; esac

if [ -f scripts/mpboot-mkinitramfs ]; then
	kver=$(ls "$R/lib/modules" | head -n 1)
	if out=$(inr mpboot-mkinitramfs -k "$kver" -o /tmp/mpboot.img 2>&1); then
		list=$(inr sh -c 'zcat /tmp/mpboot.img | cpio -t 2>/dev/null')
		miss=
		for f in init sbin/mpboot sbin/multipath sbin/kpartx sbin/multipathd bin/sh bin/run-init \
			"lib/modules/$kver/load.list"; do
			printf '%s\n' "$list" | grep -qx "$f" || miss="$miss $f"
		done
		printf '%s\n' "$list" | grep -q '/dm-multipath\.ko$' || miss="$miss dm-multipath.ko"
		[ -z "$miss" ] && ok mkinitramfs || no mkinitramfs "the image lacks$miss"
	else
		no mkinitramfs "$out"
	fi
	rm -f "$R/tmp/mpboot.img"
fi

out=$(inr dpkg -r mpboot 2>&1) && ok dpkg-remove || no dpkg-remove "$out"
left=
for f in $(printf '%s\n' "$files" | grep -v '^/\.$'); do
	[ -e "$R$f" ] || [ -L "$R$f" ] || continue
	[ -d "$R$f" ] && ! [ -L "$R$f" ] && printf '%s\n' "$before" | grep -qx "$f" && continue
	left="$left $f"
done
after=$(inr sh -c 'find / -xdev \( -path /tmp -o -path /var -o -path /proc \) -prune -o -print | sort')
[ -z "$left" ] && [ "$before" = "$after" ] && ok dpkg-remove-clean ||
	no dpkg-remove-clean "left:$left; new:$(printf '%s\n' "$before" > "$w/b"; printf '%s\n' "$after" | diff "$w/b" - | grep '^[<>]' | tr '\n' ' ')"

[ $fails = 0 ] && echo "deb-test: all passed" || echo "deb-test: $fails failed"
[ $fails = 0 ]
