#!/bin/bash
# A real Debian 12 root filesystem for the boot scenarios that must prove
# the product on a distribution (systemd, udev, Debian's multipath-tools):
#   scripts/debian-root.sh [VARIANT]    print the cached root's directory
# VARIANT adds what a distribution's own initramfs builder needs inside the
# guest (issue 12's proofs build the image there):
#   initramfs-tools   initramfs-tools, busybox, klibc-utils and the kernel's
#                     /boot/config-KVER (update-initramfs, mpboot-mkinitramfs)
#   dracut            dracut and the kernel's /boot/config-KVER
#   installer         initramfs-tools' set plus GRUB for BIOS (grub-pc-bin, #variant
#                     grub2-common), sfdisk (fdisk) and /boot/vmlinuz-KVER: #variant
#                     the installer and the installed system of issue 22 #variant
#   open-iscsi        Debian's open-iscsi (iscsid, iscsiadm; its maintainer #variant
#                     scripts enable iscsid.socket and open-iscsi.service): #variant
#                     iscsid adopting mpboot's sessions (issue 19) #variant
# Built once with mmdebstrap (minbase + systemd-sysv udev multipath-tools
# kpartx e2fsprogs) from the host's Debian archive, plus the guest kernel's
# modules, and cached in $MPBOOT_CACHE/debian-root-<key>, where the key
# covers this script and the kernel release.  Scenario-specific files
# (fstab, the test unit) are added per image by scripts/mkimg-debian.sh.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cache=${MPBOOT_CACHE:-$top/build/cache}
KDIR=$("$top/scripts/kernel.sh")
KVER=$(basename "$KDIR")
PKGS=systemd-sysv,udev,multipath-tools,kpartx,e2fsprogs,dmsetup,procps
variant=${1:-}
case "$variant" in
'') ;;
initramfs-tools) PKGS=$PKGS,initramfs-tools,busybox,klibc-utils,cpio ;;
dracut) PKGS=$PKGS,dracut,cpio ;;
installer) PKGS=$PKGS,initramfs-tools,busybox,klibc-utils,cpio,grub-pc-bin,grub2-common,fdisk ;; #variant
open-iscsi) PKGS=$PKGS,open-iscsi ;; #variant
*) echo "debian-root: unknown variant '$variant' (initramfs-tools, dracut)" >&2; exit 2 ;;
esac
# The default root keeps the key it always had (the script and the kernel).
key=$( { cat "$0"; echo "$KVER"; } | md5sum | cut -c1-12)
# Lines ending in "#variant" were added after the roots above were cached: #variant
# the key hashes the script without them, so adding a variant moves no #variant
# other root's key; such a variant's own lines go into its key. #variant
key=$( { grep -v ' #variant$' "$0"; echo "$KVER"; } | md5sum | cut -c1-12) #variant
vkey=$(grep " #variant$" "$0" | grep -F "$variant)" | md5sum | cut -c1-6) #variant
case "$variant" in installer) variant=$variant-$vkey ;; esac #variant
case "$variant" in open-iscsi) variant=$variant-$vkey ;; esac #variant
root=$cache/debian-root-$key${variant:+-$variant}

if [ ! -e "$root/.done" ]; then
	command -v mmdebstrap >/dev/null || {
		echo "debian-root: mmdebstrap missing (scripts/deps.sh installs it)" >&2; exit 1; }
	rm -rf "$root" "$root.tmp"
	mirror=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)
	: "${mirror:=http://deb.debian.org/debian}"
	echo "debian-root: mmdebstrap bookworm from $mirror (once; cached in $root)" >&2
	# A tarball, then unpacked as root: ownership and device nodes as
	# Debian made them.
	mmdebstrap --quiet --variant=minbase --include="$PKGS" \
		--dpkgopt='path-exclude=/usr/share/{doc,man,locale,info}/*' \
		--dpkgopt='path-include=/usr/share/locale/locale.alias' \
		bookworm "$root.tar" "deb $mirror bookworm main" "deb $mirror bookworm-updates main" >&2
	mkdir -p "$root.tmp"
	tar -C "$root.tmp" -xf "$root.tar"
	rm -f "$root.tar"
	# The guest kernel's modules, as a distribution kernel package would
	# install them (udev loads sg, scsi_dh_*, ... on demand) -- the storage,
	# filesystem and library part only: a qemu guest has no sound, GPU or
	# network hardware, and the image stays small.
	m=lib/modules/$KVER
	mkdir -p "$root.tmp/$m/kernel/drivers"
	cp -a "$KDIR/$m"/modules.order "$KDIR/$m"/modules.builtin* "$root.tmp/$m/"
	for d in arch block crypto fs lib mm virt; do
		[ -d "$KDIR/$m/kernel/$d" ] && cp -a "$KDIR/$m/kernel/$d" "$root.tmp/$m/kernel/"
	done
	for d in scsi md block virtio target nvme char; do
		[ -d "$KDIR/$m/kernel/drivers/$d" ] && cp -a "$KDIR/$m/kernel/drivers/$d" "$root.tmp/$m/kernel/drivers/"
	done
	depmod -b "$root.tmp" "$KVER"
	# An initramfs builder in the guest reads the kernel's config (which
	# compressors, which built-ins) as an installed kernel package leaves it.
	if [ -n "$variant" ]; then
		mkdir -p "$root.tmp/boot"
		cp "$KDIR/config" "$root.tmp/boot/config-$KVER"
		# a root that boots from its own disk (GRUB) carries the kernel #variant
		case "$variant" in installer-*) cp "$KDIR/vmlinuz" "$root.tmp/boot/vmlinuz-$KVER" ;; esac #variant
	fi
	# A fixed machine identity, a root password-less console, no
	# services that wait for a network the guest does not have.
	echo mpboot-debian > "$root.tmp/etc/hostname"
	: > "$root.tmp/etc/machine-id"
	chroot "$root.tmp" passwd -d root >/dev/null 2>&1 || true
	touch "$root.tmp/.done"
	mv "$root.tmp" "$root"
fi
echo "$root"
