#!/bin/bash
# Debian 12's own initrd for a root on iSCSI over two networks, the
# reference beside mpboot's (scripts/bench-iscsi.sh): initramfs-tools with
# open-iscsi (iscsistart) and multipath-tools-boot, for the guest kernel.
#
#   scripts/debian-iscsi-initrd.sh OUT [LOG]
#
# Built inside a chroot, not on the host: installing open-iscsi on the host
# would give it an /etc/iscsi that mpboot-mkinitramfs reads.  The chroot is
# the cached Debian root (scripts/debian-root.sh) copied once, with
# `apt-get install initramfs-tools open-iscsi multipath-tools-boot ...` and
# the kernel's network drivers added, and cached in
# $MPBOOT_CACHE/debian-iscsi-initrd-<key>.  Then `mkinitramfs -d CONF`
# with Debian's stock configuration (MODULES=most) plus what an admin of
# such a machine writes:
#   /etc/iscsi.initramfs   the target and both portals (open-iscsi's
#                          local-top/iscsi logs in to each of
#                          ISCSI_TARGET_IP's words);
#   /etc/multipath.conf    find_multipaths no (as scripts/debian-initrd.sh);
#   local-top/ip2          initramfs-tools takes one ip= only (the last;
#                          configure_networking runs ipconfig once, and not
#                          at all once any /run/net-*.conf exists): this
#                          script brings up the interface of every ip= with
#                          klibc's ipconfig, before open-iscsi's script
#                          (ip2 sorts before iscsi) logs in.
# Needs root (chroot) and the Debian archive (apt-get, once).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
[ $# -ge 1 ] || { echo "usage: debian-iscsi-initrd.sh OUT [LOG]" >&2; exit 2; }
out=$(realpath -m "$1") log=$(realpath -m "${2:-$1.log}")
export MPBOOT_CACHE=${MPBOOT_CACHE:-$top/build/cache}
KDIR=$("$top/scripts/kernel.sh")
KVER=$(basename "$KDIR")
[ "$(id -u)" = 0 ] || { echo "debian-iscsi-initrd: not root: cannot chroot" >&2; exit 1; }
IQN=iqn.2026-12.org.mpboot
PKGS="initramfs-tools busybox klibc-utils cpio zstd open-iscsi multipath-tools-boot kpartx"
# the chroot's key: what goes into it (the image's configuration below
# may change without a new chroot)
key=$(echo "1 $PKGS $KVER" | md5sum | cut -c1-12)
ch=$MPBOOT_CACHE/debian-iscsi-initrd-$key
: > "$log"

# chroot_run CMD...: CMD in the chroot with /proc, /sys and /dev, unmounted
# whatever happens
chroot_run() {
	local rc=0
	mount -t proc proc "$1/proc"
	mount -t sysfs sysfs "$1/sys"
	mount --bind /dev "$1/dev"
	chroot "$@" || rc=$?
	umount "$1/dev" "$1/sys" "$1/proc"
	return $rc
}

if [ ! -e "$ch/.done" ]; then
	root=$("$top/scripts/debian-root.sh")
	echo "debian-iscsi-initrd: a chroot with initramfs-tools and open-iscsi (once; cached in $ch)" >&2
	rm -rf "$ch" "$ch.tmp"
	cp -a "$root/." "$ch.tmp/"
	rm -f "$ch.tmp/.done"
	# the network drivers (the cached root has storage only) and the
	# kernel's config, as an installed kernel package leaves them
	m=lib/modules/$KVER/kernel
	mkdir -p "$ch.tmp/$m/drivers" "$ch.tmp/boot"
	cp -a "$KDIR/$m/drivers/net" "$ch.tmp/$m/drivers/"
	cp -a "$KDIR/$m/net" "$ch.tmp/$m/"
	depmod -b "$ch.tmp" "$KVER"
	cp "$KDIR/config" "$ch.tmp/boot/config-$KVER"
	# no service started, no initrd made by the packages' triggers
	printf '#!/bin/sh\nexit 101\n' > "$ch.tmp/usr/sbin/policy-rc.d"
	chmod 755 "$ch.tmp/usr/sbin/policy-rc.d"
	mkdir -p "$ch.tmp/etc/initramfs-tools"
	echo update_initramfs=no > "$ch.tmp/etc/initramfs-tools/update-initramfs.conf"
	cp /etc/resolv.conf "$ch.tmp/etc/resolv.conf" 2>/dev/null || true
	chroot_run "$ch.tmp" sh -c 'export DEBIAN_FRONTEND=noninteractive
		apt-get update -q && apt-get install -y -q --no-install-recommends '"$PKGS" \
		>> "$log" 2>&1 || { echo "debian-iscsi-initrd: apt-get in the chroot failed (see $log)" >&2; exit 1; }
	echo "InitiatorName=$IQN:initiator" > "$ch.tmp/etc/iscsi/initiatorname.iscsi"
	rm -rf "$ch.tmp/var/cache/apt/archives/"*.deb
	touch "$ch.tmp/.done"
	mv "$ch.tmp" "$ch"
fi

# The per-image configuration in a private CONFDIR (the chroot's /tmp):
# the cached chroot itself is left as apt-get made it.
conf=$ch/tmp/bench-conf
rm -rf "$conf"
cp -a "$ch/etc/initramfs-tools/." "$conf/"
mkdir -p "$conf/scripts/local-top" "$conf/hooks"
cat > "$conf/scripts/local-top/ip2" <<'EOF'
#!/bin/sh
# every ip= of the command line, each with klibc's ipconfig: each writes
# /run/net-IFACE.conf, and configure_networking (open-iscsi's script
# calls it) then leaves the network as it is
[ "$1" = prereqs ] && exit 0
for x in $(cat /proc/cmdline); do
	case "$x" in ip=*) ipconfig -t 10 -d "${x#ip=}" ;; esac
done
exit 0
EOF
chmod 755 "$conf/scripts/local-top/ip2"
cat > "$conf/hooks/zz-bench-iscsi" <<EOF
#!/bin/sh
[ "\$1" = prereqs ] && exit 0
mkdir -p "\$DESTDIR/etc"
printf 'defaults {\n\tfind_multipaths no\n}\n' > "\$DESTDIR/etc/multipath.conf"
cat > "\$DESTDIR/etc/iscsi.initramfs" <<EOT
ISCSI_INITIATOR=$IQN:initiator
ISCSI_TARGET_NAME=$IQN:target
ISCSI_TARGET_IP="10.10.0.1 10.10.1.1"
ISCSI_TARGET_PORT=3260
EOT
EOF
chmod 755 "$conf/hooks/zz-bench-iscsi"
chroot_run "$ch" mkinitramfs -d /tmp/bench-conf -o /tmp/initrd.img "$KVER" >> "$log" 2>&1 ||
	{ echo "debian-iscsi-initrd: mkinitramfs failed (see $log)" >&2; exit 1; }
mv "$ch/tmp/initrd.img" "$out"
rm -rf "$conf"
