#!/bin/bash
# The disk that qemu-tests/install.sh installed Debian on (issue 22), for the
# scenarios that boot it from the firmware ("# boot: disk"):
#
#   scripts/installed-disk.sh IMG          IMG := a copy of the installed disk;
#                                          runs `qemu-tests/run install` first
#                                          when none was saved for these inputs
#   scripts/installed-disk.sh --save FROM KEYFILE
#                                          keep FROM as the installed disk, under
#                                          the key in KEYFILE (install.sh's
#                                          "# host-after"; mkimg-installer.sh
#                                          wrote the key of the inputs it used)
#   scripts/installed-disk.sh --key        print the inputs' key
#
# One install serves every boot scenario of one tree: the disk is kept in
# $O/install/installed-KEY.img, KEY a hash of everything that goes into it
# (our binaries, the image and installer scripts, the install scenario, the
# initramfs parts and hooks, the Debian root and the kernel release); a
# change to any of them makes the next boot scenario install again.  The
# install's form (MPBOOT_INSTALL_FORM=short|full, scripts/mkimg-installer.sh)
# is part of the key.  An install that ran for a key and saved nothing
# (build/install/attempted-KEY) is not run again: the boot scenario fails.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
O=${O:-$top/build}
dir=$O/install

key() ( # a subshell: it changes directory
	local root kdir
	root=$("$top/scripts/debian-root.sh" installer)
	kdir=$("$top/scripts/kernel.sh")
	{
		echo "$root $(basename "$kdir") ${MPBOOT_INSTALL_FORM:-short}"
		cat "$O/bin/mpboot" "$O/tools/gen_init_cpio"
		find "$O/test-bin" -type f 2>/dev/null | LC_ALL=C sort | xargs -r cat
		cd "$top"
		find scripts/mkimg-installer.sh scripts/scenario-root.sh scripts/installed-disk.sh scripts/install.sh \
			scripts/mpboot-mkinitramfs scripts/modclosure.sh qemu-tests/install.sh \
			qemu-tests/lib/t.sh qemu-tests/lib/run-scenario initramfs hooks dist \
			gen_init_cpio.list -type f | LC_ALL=C sort | while read -r f; do
			echo "$f"; cat "$f"; done
	} | md5sum | cut -c1-12
)

case "${1:-}" in
--key) key; exit 0 ;;
--save)
	[ $# = 3 ] && [ -s "$2" ] && [ -s "$3" ] || {
		echo "installed-disk: --save needs the installed disk image and its key file" >&2; exit 2; }
	k=$(cat "$3")
	mkdir -p "$dir"
	# one disk per form: the other form's stays
	for f in "$dir"/installed-*.img; do
		[ -e "$f.form" ] && [ "$(cat "$f.form")" = "${MPBOOT_INSTALL_FORM:-short}" ] && rm -f "$f" "$f.form"
	done
	echo "${MPBOOT_INSTALL_FORM:-short}" > "$dir/installed-$k.img.form"
	cp --sparse=always "$2" "$dir/installed-$k.img.tmp"
	mv "$dir/installed-$k.img.tmp" "$dir/installed-$k.img"
	echo "installed-disk: saved $dir/installed-$k.img"
	exit 0 ;;
''|-*) echo "usage: installed-disk.sh IMG | --save FROM | --key" >&2; exit 2 ;;
esac
img=$1
k=$(key)
saved=$dir/installed-$k.img
if [ ! -s "$saved" ] && [ -e "$dir/attempted-$k" ]; then
	echo "installed-disk: the install for key $k ran and saved no disk (build/qemu/install/console.log)" >&2
	exit 1
fi
if [ ! -s "$saved" ]; then
	echo "installed-disk: no installed disk for key $k: running qemu-tests/run install" >&2
	"$top/qemu-tests/run" install >&2 || true
	[ -s "$saved" ] || {
		echo "installed-disk: qemu-tests/run install did not save a disk (build/qemu/install/console.log)" >&2
		exit 1; }
fi
cp --sparse=always "$saved" "$img"
