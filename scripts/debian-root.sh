#!/bin/bash
# A real Debian 12 root filesystem for the boot scenarios that must prove
# the product on a distribution (systemd, udev, Debian's multipath-tools):
#   scripts/debian-root.sh          print the cached root's directory
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
key=$( { cat "$0"; echo "$KVER"; } | md5sum | cut -c1-12)
root=$cache/debian-root-$key

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
	# A fixed machine identity, a root password-less console, no
	# services that wait for a network the guest does not have.
	echo mpboot-debian > "$root.tmp/etc/hostname"
	: > "$root.tmp/etc/machine-id"
	chroot "$root.tmp" passwd -d root >/dev/null 2>&1 || true
	touch "$root.tmp/.done"
	mv "$root.tmp" "$root"
fi
echo "$root"
