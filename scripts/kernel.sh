#!/bin/sh
# Fetch and unpack a Debian kernel (vmlinuz + modules) for qemu tests and
# the initramfs, without installing it on the host.  Prints the directory
# that holds vmlinuz and lib/modules/<KVER>/; its name is the KVER.
#
#   scripts/kernel.sh            newest linux-image-amd64 (cached)
#   KVER=6.1.0-56-amd64 scripts/kernel.sh
#
# Cache: ${MPBOOT_CACHE:-build/cache}/kernel/<KVER>.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cache=${MPBOOT_CACHE:-$top/build/cache}/kernel
mkdir -p "$cache"

if [ -z "${KVER:-}" ]; then
	# Prefer a kernel already unpacked; else ask apt what linux-image-amd64 is.
	KVER=$(ls "$cache" 2>/dev/null | grep -- '-amd64$' | sort -V | tail -n 1 || true)
	if [ -z "$KVER" ]; then
		pkg=$(apt-cache depends linux-image-amd64 2>/dev/null |
		      sed -n 's/.*Depends: linux-image-\(.*-amd64\)$/\1/p' | head -n 1)
		if [ -z "$pkg" ]; then
			apt-get update -q >/dev/null 2>&1 || true
			pkg=$(apt-cache depends linux-image-amd64 2>/dev/null |
			      sed -n 's/.*Depends: linux-image-\(.*-amd64\)$/\1/p' | head -n 1)
		fi
		[ -n "$pkg" ] || { echo "kernel: cannot resolve linux-image-amd64" >&2; exit 1; }
		KVER=$pkg
	fi
fi

dir=$cache/$KVER
if [ ! -f "$dir/vmlinuz" ] || [ ! -f "$dir/lib/modules/$KVER/modules.dep" ]; then
	tmp=$(mktemp -d "$cache/.fetch.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	(cd "$tmp" && apt-get download -q "linux-image-$KVER" >/dev/null 2>&1) || {
		echo "kernel: apt-get download linux-image-$KVER failed" >&2; exit 1; }
	dpkg-deb -x "$tmp"/linux-image-*.deb "$tmp/x"
	depmod -b "$tmp/x" "$KVER"
	mkdir -p "$tmp/out/lib"
	mv "$tmp/x/boot/vmlinuz-$KVER" "$tmp/out/vmlinuz"
	mv "$tmp/x/boot/config-$KVER" "$tmp/out/config"
	mv "$tmp/x/lib/modules" "$tmp/out/lib/modules"
	rm -rf "$dir"
	mv "$tmp/out" "$dir"
fi
echo "$dir"
