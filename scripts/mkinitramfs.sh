#!/bin/sh
# `make initramfs`: the demo/test image from the unpacked Debian kernel of
# scripts/kernel.sh, built by the same code as the host tool
# (scripts/mpboot-mkinitramfs --no-host: the fixed module list, no probe of
# this machine, no default root).  Default output build/initramfs.cpio.gz.
#
#   scripts/mkinitramfs.sh [-k KVER] [-K KERNEL_DIR] [-o OUT] [-n]
#          [--busybox] [--conf FILE] [--bindings FILE] [--wwids FILE]
#          [--modules "LIST"] [--list-only]
#
#  -k/-K   kernel release / unpacked kernel (default: scripts/kernel.sh)
#  other options: as mpboot-mkinitramfs(8)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
O=${O:-$top/build}
export O
KVER=${KVER:-}
KDIR=${KERNEL_DIR:-}
out=$O/initramfs.cpio.gz
# -k, -K and -o are ours; everything else goes through unchanged.
n=$#
while [ $n -gt 0 ]; do
	a=$1; shift; n=$((n - 1))
	case "$a" in
	-k|-K|-o)
		[ $n -gt 0 ] || { echo "mkinitramfs: $a needs a value" >&2; exit 1; }
		case "$a" in -k) KVER=$1 ;; -K) KDIR=$1 ;; -o) out=$1 ;; esac
		shift; n=$((n - 1)) ;;
	*) set -- "$@" "$a" ;;
	esac
done
if [ -z "$KDIR" ]; then
	KDIR=$(KVER=$KVER "$top/scripts/kernel.sh") || { echo "mkinitramfs: no kernel" >&2; exit 1; }
fi
[ -n "$KVER" ] || KVER=$(basename "$KDIR")
exec "$top/scripts/mpboot-mkinitramfs" --no-host -b "$KDIR" -k "$KVER" -o "$out" "$@"
