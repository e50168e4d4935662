#!/bin/sh
# Build the partition-table image corpus at test time (nothing large is
# committed).  Usage:
#   scripts/mkimg-corpus.sh OUTDIR          every image -> OUTDIR/<name>.img
#   scripts/mkimg-corpus.sh --one NAME OUT  one image -> OUT (qemu disks)
# Tool-made images use sfdisk, sgdisk and parted (scripts/deps.sh); the old
# labels and the bad images come from the hand-made byte layouts of
# tests/partitions/mklabel.c.  The expected slices of each image are in
# tests/partitions/expect/.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
mklabel=$top/build/host/mklabel
PATH=$PATH:/usr/sbin:/sbin

build_mklabel() {
	src=$top/tests/partitions/mklabel.c
	if [ ! -x "$mklabel" ] || [ "$src" -nt "$mklabel" ]; then
		mkdir -p "$(dirname "$mklabel")"
		${HOSTCC:-cc} -O1 -Wall -Wextra -Werror -o "$mklabel.tmp" "$src"
		mv "$mklabel.tmp" "$mklabel"
	fi
}

blank() { # FILE MiB
	rm -f "$1"
	truncate -s "${2}M" "$1"
}

# NAME OUT: write one image
one() {
	name=$1 out=$2
	case $name in
	dos-sfdisk)
		blank "$out" 16
		sfdisk -q --no-reread --no-tell-kernel "$out" >/dev/null <<-S
		label: dos
		label-id: 0x6d70626f
		start=2048, size=4096, type=83
		start=6144, size=24576, type=5
		start=8192, size=2048, type=83
		start=12288, size=4096, type=82
		start=18432, size=2048, type=b
		S
		;;
	dos-parted)
		blank "$out" 16
		parted -s "$out" mklabel msdos mkpart primary ext2 1MiB 2MiB \
			mkpart extended 2MiB 15MiB mkpart logical ext2 3MiB 5MiB \
			mkpart logical ext2 6MiB 10MiB 2>/dev/null
		;;
	dos-4k)
		blank "$out" 16
		# sfdisk 2.38 has no --sector-size: fdisk -b, fed commands
		printf 'o\nn\np\n1\n256\n511\nn\ne\n2\n512\n2559\nn\nl\n768\n1023\nn\nl\n1280\n1791\nw\n' |
			fdisk -b 4096 "$out" >/dev/null 2>&1
		;;
	gpt-sgdisk)
		blank "$out" 16
		sgdisk -n 1:2048:+2M -n 2:6144:+3M -n 4:14336:+1M \
			-t 1:8300 -t 2:8200 -t 4:ef00 "$out" >/dev/null
		;;
	gpt-parted)
		blank "$out" 16
		parted -s "$out" mklabel gpt mkpart a 1MiB 3MiB mkpart b 3MiB 8MiB 2>/dev/null
		;;
	gpt-4k)
		blank "$out" 16
		printf 'g\nn\n1\n256\n767\nn\n2\n768\n1791\nw\n' |
			fdisk -b 4096 "$out" >/dev/null 2>&1
		;;
	gpt-tiny|gpt-tiny-4k|dos-tiny)
		build_mklabel
		rm -f "$out"
		"$mklabel" "$name" "$out" 128
		;;
	bad-dos-4k-logicals)
		build_mklabel
		rm -f "$out"
		"$mklabel" "$name" "$out" 12288
		;;
	bad-gpt-trunc-entries)
		# a good GPT cut to 20 sectors: header survives, half the
		# entry array and the backup are gone
		build_mklabel
		rm -f "$out"
		"$mklabel" bad-gpt-crc "$out" 16384
		truncate -s $((20 * 512)) "$out"
		;;
	bsd|bsd-in-dos|bsd-in-dos-rel|openbsd-in-dos|sun|bad-sun-*|solaris|solaris-in-dos|unixware|unixware-in-dos|minix-in-dos|mac|mac-2k|bad-*)
		build_mklabel
		rm -f "$out"
		"$mklabel" "$name" "$out" 16384
		;;
	*)
		echo "mkimg-corpus: unknown image $name" >&2
		exit 2
		;;
	esac
}

NAMES="dos-sfdisk dos-parted dos-4k gpt-sgdisk gpt-parted gpt-4k gpt-tiny
gpt-tiny-4k dos-tiny bsd bsd-in-dos bsd-in-dos-rel openbsd-in-dos sun solaris solaris-in-dos unixware
unixware-in-dos minix-in-dos mac mac-2k bad-sun-csum bad-sun-straddle bad-gpt-no-pmbr bad-gpt-crc
bad-gpt-hdr-crc bad-gpt-both bad-gpt-huge-entries bad-gpt-entries-past-end
bad-gpt-trunc-entries bad-gpt-past-end bad-dos-past-end bad-dos-overlap
bad-dos-boot-flag bad-ebr-loop bad-ebr-self bad-logical-outside
bad-dos-130-logicals bad-dos-300-logicals bad-dos-4k-logicals"

if [ "${1:-}" = --one ]; then
	[ $# -eq 3 ] || { echo "usage: $0 --one NAME OUT" >&2; exit 2; }
	one "$2" "$3"
	exit 0
fi
[ $# -eq 1 ] || { echo "usage: $0 OUTDIR | --one NAME OUT" >&2; exit 2; }
mkdir -p "$1"
for n in $NAMES; do
	one "$n" "$1/$n.img"
done
