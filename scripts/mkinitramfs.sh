#!/bin/sh
# Build build/initramfs.cpio.gz (or -o OUT): gen_init_cpio.list plus the
# generated parts, packed by our gen_init_cpio and gzip -n, reproducibly.
#
#   scripts/mkinitramfs.sh [-k KVER] [-K KERNEL_DIR] [-o OUT] [-n]
#          [--busybox] [--conf FILE] [--bindings FILE] [--wwids FILE]
#          [--modules "LIST"] [--list-only]
#
#  -k/-K   kernel release / unpacked kernel (default: scripts/kernel.sh)
#  -n      no kernel modules (for the size figure "without modules")
#  --busybox          add /bin/busybox for a richer rescue shell
#  --conf/--bindings/--wwids FILE  ship /etc/multipath.conf,
#                     /etc/multipath/bindings, /etc/multipath/wwids
#  --modules "LIST"   modules instead of initramfs/modules (deps added)
#  --list-only        print the full list instead of building
# Needs: build/bin/* (make all) and build/tools/gen_init_cpio.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
O=${O:-$top/build}
out=$O/initramfs.cpio.gz
KVER=${KVER:-}
KDIR=${KERNEL_DIR:-}
mods=yes busybox= conf= bindings= wwids= modlist= listonly=

die() { echo "mkinitramfs: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
	case "$1" in
	-k) KVER=$2; shift ;;
	-K) KDIR=$2; shift ;;
	-o) out=$2; shift ;;
	-n) mods= ;;
	--busybox) busybox=yes ;;
	--conf) conf=$2; shift ;;
	--bindings) bindings=$2; shift ;;
	--wwids) wwids=$2; shift ;;
	--modules) modlist=$2; shift ;;
	--list-only) listonly=yes ;;
	*) die "unknown option $1" ;;
	esac
	shift
done

if [ -z "$KDIR" ]; then
	KDIR=$(KVER=$KVER "$top/scripts/kernel.sh") || die "no kernel"
fi
[ -n "$KVER" ] || KVER=$(basename "$KDIR")
[ -f "$KDIR/lib/modules/$KVER/modules.dep" ] ||
	die "$KDIR/lib/modules/$KVER/modules.dep missing (KVER=$KVER, KERNEL_DIR=$KDIR)"

gen=$O/tools/gen_init_cpio
[ -x "$gen" ] || die "$gen missing (make build/tools/gen_init_cpio)"
klibc_so=$(ls /lib/klibc-*.so 2>/dev/null | head -n 1)
[ -n "$klibc_so" ] || die "no /lib/klibc-*.so (install klibc-utils)"

# Reproducible by default: one fixed timestamp for every entry.
: "${SOURCE_DATE_EPOCH:=$(git -C "$top" log -1 --format=%ct 2>/dev/null || echo 0)}"
export SOURCE_DATE_EPOCH TOP="$top" KVER KLIBC_BIN=/usr/lib/klibc/bin \
	KLIBC_SO="$klibc_so" KLIBC_SO_NAME=$(basename "$klibc_so")

work=$O/initramfs-work
rm -rf "$work"
mkdir -p "$work"
list=$work/list

{
	cat "$top/gen_init_cpio.list"

	echo "# --- tools (build/bin)"
	# one multi-call ELF, the tools as symlinks to it
	for t in $(ls "$O/bin" | LC_ALL=C sort); do
		if [ -L "$O/bin/$t" ]; then
			echo "slink /sbin/$t $(readlink "$O/bin/$t") 0777 0 0"
		else
			echo "file /sbin/$t $O/bin/$t 0755 0 0"
		fi
	done

	echo "# --- hooks"
	if [ -d "$top/hooks" ]; then
		for p in $(cd "$top/hooks" && find . -mindepth 1 -maxdepth 1 -type d | LC_ALL=C sort); do
			p=${p#./}
			echo "dir /hooks/$p 0755 0 0"
			for h in $(cd "$top/hooks/$p" && ls | LC_ALL=C sort); do
				[ -f "$top/hooks/$p/$h" ] || continue
				echo "file /hooks/$p/$h $top/hooks/$p/$h 0755 0 0"
			done
		done
	fi

	if [ -n "$mods" ]; then
		echo "# --- kernel modules for $KVER"
		[ -n "$modlist" ] || modlist=$(sed 's/#.*//' "$top/initramfs/modules")
		# shellcheck disable=SC2086
		"$top/scripts/modclosure.sh" "$KDIR" "$KVER" $modlist > "$work/load.list" ||
			die "module closure failed (see above)"
		echo "dir /lib/modules 0755 0 0"
		echo "dir /lib/modules/$KVER 0755 0 0"
		seen=
		while read -r m; do
			# parent directories, each once, in list order
			d=$(dirname "$m") acc=
			for c in $(echo "$d" | tr / ' '); do
				acc=${acc:+$acc/}$c
				case " $seen " in *" $acc "*) continue ;; esac
				seen="$seen $acc"
				echo "dir /lib/modules/$KVER/$acc 0755 0 0"
			done
			case "$m" in
			*.ko) src=$KDIR/lib/modules/$KVER/$m ;;
			*) die "$m: compressed modules are not supported by klibc insmod" ;;
			esac
			echo "file /lib/modules/$KVER/$m $src 0644 0 0"
		done < "$work/load.list"
		echo "file /lib/modules/$KVER/load.list $work/load.list 0644 0 0"
	fi

	if [ -n "$busybox" ]; then
		bb=$(command -v busybox || true)
		[ -n "$bb" ] || die "--busybox: no busybox (apt-get install busybox-static)"
		file "$bb" | grep -q 'statically linked' || die "--busybox: $bb is not static"
		echo "# --- busybox for the rescue shell"
		echo "file /bin/busybox $bb 0755 0 0"
	fi
	if [ -n "$conf$bindings$wwids" ]; then
		echo "dir /etc/multipath 0755 0 0"
	fi
	[ -z "$conf" ] || echo "file /etc/multipath.conf $(realpath "$conf") 0644 0 0"
	[ -z "$bindings" ] || echo "file /etc/multipath/bindings $(realpath "$bindings") 0644 0 0"
	[ -z "$wwids" ] || echo "file /etc/multipath/wwids $(realpath "$wwids") 0644 0 0"
} > "$list"

if [ -n "$listonly" ]; then
	cat "$list"
	exit 0
fi
mkdir -p "$(dirname "$out")"
"$gen" -o "$work/initramfs.cpio" "$list"
gzip -n -9 -c "$work/initramfs.cpio" > "$out.tmp"
mv "$out.tmp" "$out"
echo "mkinitramfs: $out ($(stat -c %s "$out") bytes, $(stat -c %s "$work/initramfs.cpio") uncompressed, KVER=$KVER)" >&2
