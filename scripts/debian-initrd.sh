#!/bin/bash
# Debian 12's stock initrd for the guest kernel, as a Debian host with
# multipath-tools-boot makes it: the reference beside mpboot's images
# (scripts/bench-boot.sh, scripts/bench-distro-initramfs.sh stock).
#
#   scripts/debian-initrd.sh OUT [LOG]
#
# Built on the host with `mkinitramfs -d CONFDIR -o OUT KVER` without
# installing a kernel: the extracted kernel's modules are made visible as
# /lib/modules/KVER and its config as /boot/config-KVER (both only if
# absent, and removed afterwards); the multipath.conf (`find_multipaths
# no`) goes into the image by a hook in a private CONFDIR, so the host's
# /etc is not touched.  Needs root for that (and to apt-get install
# initramfs-tools multipath-tools multipath-tools-boot kpartx if missing).
# mkinitramfs's output goes to LOG (default OUT.log).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
[ $# -ge 1 ] || { echo "usage: debian-initrd.sh OUT [LOG]" >&2; exit 2; }
out=$1 log=${2:-$1.log}
export MPBOOT_CACHE=${MPBOOT_CACHE:-$top/build/cache}
KDIR=$("$top/scripts/kernel.sh") || exit 1
KVER=$(basename "$KDIR")
made_mod= made_moddir= made_cfg= rc=0 missing=
if [ "$(id -u)" != 0 ]; then
	echo "debian-initrd: not root: cannot build Debian's initrd (mkinitramfs needs /lib/modules/$KVER)" >&2
	exit 1
fi
for p in initramfs-tools multipath-tools multipath-tools-boot kpartx; do
	case "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" in
	*"ok installed") ;;
	*) missing="$missing $p" ;;
	esac
done
if [ -n "$missing" ]; then
	echo "debian-initrd: installing on the host:$missing (no kernel)" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get install -y -q --no-install-recommends $missing > "$log" 2>&1 || {
		apt-get update -q >> "$log" 2>&1
		apt-get install -y -q --no-install-recommends $missing >> "$log" 2>&1
	} || { echo "debian-initrd: apt-get install failed (see $log)" >&2; exit 1; }
fi
conf=$(mktemp -d)
# Debian's stock configuration, plus a hook that ships our multipath.conf.
cp -a /etc/initramfs-tools/. "$conf/"
mkdir -p "$conf/hooks"
cat > "$conf/hooks/zz-bench-multipath-conf" <<-'EOT'
#!/bin/sh
[ "$1" = prereqs ] && exit 0
mkdir -p "$DESTDIR/etc"
printf 'defaults {\n\tfind_multipaths no\n}\n' > "$DESTDIR/etc/multipath.conf"
EOT
chmod 755 "$conf/hooks/zz-bench-multipath-conf"
if [ ! -e "/lib/modules/$KVER" ] && [ ! -L "/lib/modules/$KVER" ]; then
	[ -d /lib/modules ] || { mkdir /lib/modules; made_moddir=1; }
	ln -s "$KDIR/lib/modules/$KVER" "/lib/modules/$KVER"
	made_mod=1
fi
if [ ! -e "/boot/config-$KVER" ]; then
	mkdir -p /boot
	cp "$KDIR/config" "/boot/config-$KVER"
	made_cfg=1
fi
mkinitramfs -d "$conf" -o "$out" "$KVER" >> "$log" 2>&1 || rc=$?
[ -n "$made_mod" ] && rm -f "/lib/modules/$KVER"
[ -n "$made_moddir" ] && rmdir /lib/modules 2>/dev/null
[ -n "$made_cfg" ] && rm -f "/boot/config-$KVER"
rm -rf "$conf"
if [ $rc != 0 ]; then
	echo "debian-initrd: mkinitramfs failed ($rc):" >&2
	sed 's/^/    /' "$log" >&2
	exit 1
fi
