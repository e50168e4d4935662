#!/bin/bash
# Stage Debian's open-iscsi iscsistart (the reference initiator) for a qemu
# test guest:
#   scripts/debian-iscsi.sh DIR
# DIR receives sbin/iscsistart and lib/ with every shared library it loads
# (libopeniscsiusr from its package; libcrypto, libkmod, libc and theirs
# from the host, which runs the same Debian release) and the dynamic
# loader.  The guest runs it as
#   DIR/lib/ld-linux-x86-64.so.2 --library-path DIR/lib DIR/sbin/iscsistart ...
# iscsistart is not static (Debian 12: libcrypto.so.3, libkmod.so.2,
# libopeniscsiusr.so.0.2.0, libc.so.6; libkmod brings libzstd and liblzma).
# The packages are fetched with `apt-get download` (never installed) and
# cached in $MPBOOT_CACHE/open-iscsi.
set -euo pipefail
dest=${1:?usage: debian-iscsi.sh DIR}
top=$(cd "$(dirname "$0")/.." && pwd)
cache=${MPBOOT_CACHE:-$top/build/cache}/open-iscsi
mkdir -p "$cache"
cd "$cache"
for p in open-iscsi libopeniscsiusr; do
	ls "${p}"_*.deb >/dev/null 2>&1 || apt-get download "$p" >/dev/null 2>&1 || {
		apt-get update -q >/dev/null 2>&1 || true
		apt-get download "$p" >/dev/null
	}
done
x=$cache/x-$(ls open-iscsi_*.deb libopeniscsiusr_*.deb | md5sum | cut -c1-12)
if [ ! -e "$x/.done" ]; then
	rm -rf "$x"
	for d in open-iscsi_*.deb libopeniscsiusr_*.deb; do dpkg-deb -x "$d" "$x"; done
	touch "$x/.done"
fi
mkdir -p "$dest/sbin" "$dest/lib"
cp "$x/sbin/iscsistart" "$dest/sbin/"
LD_LIBRARY_PATH=$x/usr/lib/x86_64-linux-gnu ldd "$x/sbin/iscsistart" |
	sed -n 's/.*=> \(\/[^ ]*\) .*/\1/p; s/^[[:space:]]*\(\/[^ ]*\) (.*/\1/p' |
	while read -r l; do cp -L "$l" "$dest/lib/"; done
ls "$dest/lib/ld-linux-x86-64.so.2" >/dev/null
