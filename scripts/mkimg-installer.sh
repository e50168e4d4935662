#!/bin/bash
# The installer disk of issue 22's scenarios (qemu-tests/install.sh): a
# Debian 12 system that installs Debian onto an empty multipath LU, the way
# an installer or a rescue system on a SAN-root server would.
#
#   scripts/mkimg-installer.sh IMG
#
# Both systems are the root of `scripts/debian-root.sh installer` (the root
# of the other Debian scenarios plus initramfs-tools, GRUB for BIOS,
# sfdisk and /boot/vmlinuz-KVER) with mpboot installed as `make install
# PREFIX=/usr` lays it out (/usr/sbin/mpboot-multipath, -kpartx, ...,
# mpboot-mkinitramfs, the initramfs-tools hook).  DOS label, disk id
# 0x6d706969:
#   1  ext4 the installer's root   UUID 6d70626f-6f74-4000-8000-0000000000e1
#      its /scenario.sh is $MPBOOT_SCENARIO (the install steps), run by
#      mpboot-test.service once multi-user.target is queued
#   2  raw tar of the system to install (no filesystem: `tar -xf` reads the
#      partition map), whose /scenario.sh runs the scenario the harness
#      gives each boot of the installed disk on a small virtio disk
#      ("# boot: disk" scenarios, qemu-tests/run)
# MPBOOT_INSTALL_FORM=short (default: make check) or full (make bench,
# scripts/bench-install.sh) goes into the installer as /etc/mpboot-install-form:
# the short install builds only mpboot-mkinitramfs's image and makes its
# entry GRUB's default; the full one also runs update-initramfs with
# mpboot's hook (minutes under TCG) and Debian's entry stays the default.
# In the installer only, Debian's multipathd is masked and Debian's kpartx
# udev rule (60-kpartx.rules) is overridden by an empty one: the maps and
# the partition maps there are mpboot's own work (the installed system
# keeps both: they adopt mpboot's maps at its boots).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
O=${O:-$top/build}
scenario=${MPBOOT_SCENARIO:-}
[ $# = 1 ] || { echo "usage: mkimg-installer.sh IMG" >&2; exit 2; }
[ -n "$scenario" ] && [ -f "$scenario" ] || {
	echo "mkimg-installer: MPBOOT_SCENARIO must name the install scenario" >&2; exit 2; }
img=$1
PATH=$PATH:/sbin:/usr/sbin
root=$("$top/scripts/debian-root.sh" installer)
U=6d70626f-6f74-4000-8000-0000000000
MB=2048 # sectors per MiB

st=$(mktemp -d)
trap 'rm -rf "$st" "$st.tree" "$st.tar"' EXIT

# common DIR: what both systems get on top of Debian's tree (copied with
# hard links: files are replaced, never written through, the cache stays
# as it is).
common() {
	local d=$1 f
	cp -al "$root/." "$d/" 2>/dev/null || cp -a "$root/." "$d/"
	rm -f "$d/.done"
	make -s -C "$top" install DESTDIR="$d" PREFIX=/usr >&2
	O=$O "$top/scripts/scenario-root.sh" "$d"
	rm -f "$d/etc/fstab"
}

# --- the system to install, as a tar
mkdir "$st.tree"
common "$st.tree"
echo mpboot-installed > "$st.tree/etc/hostname.new" && mv "$st.tree/etc/hostname.new" "$st.tree/etc/hostname"
cat > "$st.tree/scenario.sh" <<'EOF'
# The installed system runs the scenario of this boot: the harness gives
# it on a small virtio disk (qemu-tests/run, "# boot: disk").
_i=0
while [ ! -b /dev/vda ] && [ $_i -lt 300 ]; do sleep 0.1; _i=$((_i + 1)); done
if [ -b /dev/vda ]; then
	tr -d '\000' < /dev/vda > /tmp/boot-scenario.sh
	. /tmp/boot-scenario.sh
else
	fail boot-scenario "no scenario disk /dev/vda"
fi
EOF
tar --numeric-owner -C "$st.tree" -cf "$st.tar" .
rm -rf "$st.tree"

# --- the installer
common "$st"
echo mpboot-installer > "$st/etc/hostname.new" && mv "$st/etc/hostname.new" "$st/etc/hostname"
install -m 644 "$scenario" "$st/scenario.sh"
ln -sf /dev/null "$st/etc/systemd/system/multipathd.service"
ln -sf /dev/null "$st/etc/systemd/system/multipathd.socket"
mkdir -p "$st/etc/udev/rules.d"
ln -sf /dev/null "$st/etc/udev/rules.d/60-kpartx.rules"
echo "UUID=${U}e1 / ext4 rw 0 1" > "$st/etc/fstab"
form=${MPBOOT_INSTALL_FORM:-short}
case "$form" in short|full) ;; *) echo "mkimg-installer: MPBOOT_INSTALL_FORM=$form: short or full" >&2; exit 2 ;; esac
echo "$form" > "$st/etc/mpboot-install-form"

root_mb=$(( $(du -sm "$st" | cut -f1) * 12 / 10 + 96 ))
tar_mb=$(( $(stat -c %s "$st.tar") / 1048576 + 2 ))
p1=$MB p1s=$((root_mb * MB))
p2=$((p1 + p1s)) p2s=$((tar_mb * MB))
rm -f "$img"
truncate -s $(( (p2 + p2s) / MB + 1 ))M "$img"
sfdisk -q "$img" <<EOT
label: dos
label-id: 0x6d706969
start=$p1, size=$p1s, type=83
start=$p2, size=$p2s, type=da
EOT
E2FSPROGS_FAKE_TIME=${SOURCE_DATE_EPOCH:-1700000000} \
	mke2fs -q -F -t ext4 -L inst-root -U "${U}e1" -E "offset=$((p1 * 512)),root_owner=0:0" \
	-d "$st" "$img" "$((p1s / 2))k"
dd if="$st.tar" of="$img" bs=1M seek=$((p2 / MB)) conv=notrunc,sparse status=none
# the inputs' key (scripts/installed-disk.sh): the installed disk is kept
# under the key of what went into it, not of the tree at the end of the run;
# the attempt is recorded, so a failed install is not run again by every
# boot scenario
"$top/scripts/installed-disk.sh" --key > "$img.key"
mkdir -p "$O/install"
: > "$O/install/attempted-$(cat "$img.key")"
echo "mkimg-installer: installer root ${root_mb} MiB, system to install $(stat -c %s "$st.tar") bytes of tar" >&2
