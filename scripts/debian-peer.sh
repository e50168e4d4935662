#!/bin/sh
# Minimal Debian interop peer for qemu scenarios with "# peer: debian":
# Debian 12's kpartx and dmsetup with every library they load, under DIR.
#   scripts/debian-peer.sh DIR
# gives DIR/sbin/{kpartx,dmsetup} (the Debian binaries), DIR/lib/ (their
# libraries and the dynamic loader) and DIR/bin/{kpartx,dmsetup}, wrappers
# that start them through DIR/lib's loader (the guest has no /lib64).
# The .debs are fetched with apt-get download into $MPBOOT_CACHE once.
set -eu
[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
dir=$1
top=$(cd "$(dirname "$0")/.." && pwd)
cache=${MPBOOT_CACHE:-$top/build/cache}/debian-peer-kpartx
pkgs="kpartx dmsetup libdevmapper1.02.1"

mkdir -p "$cache"
if [ ! -x "$cache/x/sbin/kpartx" ]; then
	(cd "$cache" && apt-get download $pkgs >/dev/null 2>&1) ||
		{ echo "debian-peer: apt-get download $pkgs failed" >&2; exit 1; }
	rm -rf "$cache/x"
	for d in "$cache"/*.deb; do dpkg-deb -x "$d" "$cache/x"; done
fi
x=$cache/x
mkdir -p "$dir/sbin" "$dir/lib" "$dir/bin"
for b in kpartx dmsetup; do
	cp "$x/sbin/$b" "$dir/sbin/$b"
	# Libraries: the package's own, the rest as the host (also Debian 12)
	# resolves them.
	LD_LIBRARY_PATH=$x/lib/x86_64-linux-gnu ldd "$x/sbin/$b" |
		sed -n 's/.*=> \(\/[^ ]*\) .*/\1/p; s/^[[:space:]]*\(\/[^ ]*ld-linux[^ ]*\) .*/\1/p' |
		while read -r l; do cp -L "$l" "$dir/lib/$(basename "$l")"; done
	cat > "$dir/bin/$b" <<-W
	#!/bin/sh
	exec /peer/lib/ld-linux-x86-64.so.2 --library-path /peer/lib /peer/sbin/$b "\$@"
	W
	chmod 755 "$dir/bin/$b"
done
[ -e "$dir/lib/ld-linux-x86-64.so.2" ] || { echo "debian-peer: no loader" >&2; exit 1; }
