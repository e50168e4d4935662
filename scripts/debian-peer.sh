#!/bin/bash
# Stage Debian's own multipath-tools (the interop peer) as a small root
# filesystem for a qemu test guest:
#   scripts/debian-peer.sh DIR
# DIR receives multipath, kpartx, dmsetup, their plugins and every shared
# library they load, plus udev (systemd-udevd, udevadm, scsi_id and the
# rules), which multipath-tools needs to see paths at all.  The guest runs
# them with `chroot /peer ...` after bind-mounting /proc /sys /dev /run.
#
# Packages come from the host's apt sources with `apt-get download` (never
# installed on the host); libraries the packages do not carry are taken
# from the host, which runs the same Debian release.  Everything is cached
# in $MPBOOT_CACHE/debian-peer, keyed by the package versions.
set -euo pipefail
dest=${1:?usage: debian-peer.sh DIR}
top=$(cd "$(dirname "$0")/.." && pwd)
cache=${MPBOOT_CACHE:-$top/build/cache}/debian-peer
mkdir -p "$cache/debs"

# The peer and the libraries whose exact version matters (systemd's
# private library must match its udevd); libgcc_s is dlopen'ed by glibc
# when multipathd cancels its threads, so ldd cannot find it.
PKGS="multipath-tools kpartx dmsetup udev libdevmapper1.02.1 libaio1
liburcu8 libjson-c5 libedit2 libudev1 libsystemd0 libsystemd-shared
libkmod2 libmount1 libblkid1 libinih1
libgcc-s1"

cd "$cache/debs"
missing=""
for p in $PKGS; do
	ls "${p}"_*.deb >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
	apt-get download $missing >/dev/null 2>&1 || {
		apt-get update -q >/dev/null 2>&1 || true
		apt-get download $missing >/dev/null
	}
fi
key=$(ls *.deb | sort | md5sum | cut -c1-12)
root=$cache/root-$key

if [ ! -e "$root/.done" ]; then
	rm -rf "$root"
	mkdir -p "$root"
	for d in *.deb; do dpkg-deb -x "$d" "$root"; done
	# No docs or manuals in a test initramfs.
	rm -rf "$root/usr/share/doc" "$root/usr/share/man" "$root/usr/share/locale" \
		"$root/usr/share/lintian" "$root/usr/share/bash-completion" \
		"$root/usr/share/zsh" "$root/lib/systemd/system" "$root/usr/lib/systemd/system" \
		"$root/lib/udev/hwdb.d" "$root/bin/systemd-hwdb"

	# Every ELF file's libraries: from the staged packages first, else
	# from the host.  Repeat until nothing new (libraries of libraries).
	libdirs=$(find "$root" -name '*.so*' -printf '%h\n' | sort -u | tr '\n' ':')
	for _ in 1 2 3; do
		new=0
		while read -r f; do
			file -b "$f" | grep -q '^ELF' || continue
			LD_LIBRARY_PATH=$libdirs ldd "$f" 2>/dev/null |
				sed -n 's/.*=> \(\/[^ ]*\) .*/\1/p; s/^[[:space:]]*\(\/[^ ]*\) (.*/\1/p'
		done < <(find "$root" -type f \( -perm -u+x -o -name '*.so*' \)) |
		sort -u > "$cache/libs.txt"
		while read -r lib; do
			case "$lib" in "$root"/*) continue ;; esac
			[ -e "$root$lib" ] && continue
			mkdir -p "$root$(dirname "$lib")"
			cp -L "$lib" "$root$lib"
			new=1
		done < "$cache/libs.txt"
		[ $new = 0 ] && break
	done
	# The dynamic loader finds multiarch libraries through ld.so.cache.
	mkdir -p "$root/etc"
	printf '%s\n' /lib/x86_64-linux-gnu /usr/lib/x86_64-linux-gnu \
		/lib/x86_64-linux-gnu/multipath /usr/lib/x86_64-linux-gnu/multipath \
		> "$root/etc/ld.so.conf"
	ldconfig -r "$root" 2>/dev/null || true
	# udev resolves OWNER/GROUP names in rules; multipath reads its config.
	printf 'root:x:0:0:root:/root:/bin/sh\n' > "$root/etc/passwd"
	printf 'root:x:0:\ndisk:x:6:\ntty:x:5:\n' > "$root/etc/group"
	mkdir -p "$root/etc/multipath" "$root/run" "$root/proc" "$root/sys" \
		"$root/dev" "$root/tmp"
	cat > "$root/etc/multipath.conf" <<-'EOF'
	# mpboot interop peer: make maps for every LU (no wwids file yet),
	# names = WWIDs, as mpboot does.
	defaults {
		find_multipaths no
		user_friendly_names no
	}
	EOF
	# The guest's /bin/sh for `chroot /peer sh` comes from busybox.
	touch "$root/.done"
fi

mkdir -p "$dest"
cp -a "$root/." "$dest/"
rm -f "$dest/.done"
du -sh "$dest" | cut -f1 >&2
