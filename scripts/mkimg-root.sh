#!/bin/sh
# Write a partitioned disk image whose first partition holds a small ext4
# root filesystem, without root privileges (sfdisk on a file, mke2fs -d).
#
#   scripts/mkimg-root.sh [dos|gpt] [--init FILE] [--scenario FILE] IMG
#
# The root holds busybox and our test helpers in /test-bin, our tools in
# /sbin (but multipathd: only as `mpboot multipathd`), and /sbin/init = FILE (default qemu-tests/lib/run-scenario, which
# runs /scenario.sh; the scenario comes from --scenario or $MPBOOT_SCENARIO,
# set by the qemu harness).  Every identifier is fixed, so tests can name
# the root by them:
#   filesystem UUID  6d70626f-6f74-4000-8000-000000000001, LABEL mpboot-root
#     (or the scenario's "# fs-label: LABEL" line, which may hold blanks)
#   DOS disk id 0x6d70626f (PARTUUID 6d70626f-01)
#   GPT partition 1 PARTUUID 6d70626f-6f74-4000-8000-00000000a001
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
O=${O:-$top/build}
label=dos init=$top/qemu-tests/lib/run-scenario scenario=${MPBOOT_SCENARIO:-}
while [ $# -gt 1 ]; do
	case "$1" in
	dos|gpt) label=$1 ;;
	--init) init=$2; shift ;;
	--scenario) scenario=$2; shift ;;
	*) echo "mkimg-root: unknown option $1" >&2; exit 2 ;;
	esac
	shift
done
[ $# = 1 ] || { echo "usage: mkimg-root.sh [dos|gpt] [--init F] [--scenario F] IMG" >&2; exit 2; }
img=$1
PATH=$PATH:/sbin:/usr/sbin

FS_UUID=6d70626f-6f74-4000-8000-000000000001
rm -f "$img"
truncate -s 64M "$img"
if [ "$label" = gpt ]; then
	sfdisk -q "$img" <<-EOT
	label: gpt
	label-id: 6D70626F-6F74-4000-8000-00000000D15C
	start=2048, size=81920, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, uuid=6D70626F-6F74-4000-8000-00000000A001, name=root
	start=83968, size=16384, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, uuid=6D70626F-6F74-4000-8000-00000000A002, name=spare
	EOT
else
	sfdisk -q "$img" <<-EOT
	label: dos
	label-id: 0x6d70626f
	start=2048, size=81920, type=83
	start=83968, size=16384, type=83
	EOT
fi

st=$(mktemp -d)
trap 'rm -rf "$st"' EXIT
mkdir -p "$st/sbin" "$st/test-bin" "$st/lib" "$st/dev" "$st/proc" "$st/sys" \
	"$st/run" "$st/tmp" "$st/root" "$st/etc"
cp /bin/busybox "$st/test-bin/busybox"
# no /sbin/multipathd: a root without its own keeps the initramfs' one
# running (initramfs/init, phase handover); `mpboot multipathd` reaches it
for f in "$O"/bin/*; do
	[ "${f##*/}" = multipathd ] && continue
	[ -f "$f" ] && cp "$f" "$st/sbin/"
done
for f in "$O"/test-bin/*; do [ -f "$f" ] && cp "$f" "$st/test-bin/"; done
cp "$top/qemu-tests/lib/t.sh" "$st/lib/t.sh"
cp "$init" "$st/sbin/init"
chmod 755 "$st/sbin/init"
if [ -n "$scenario" ]; then
	cp "$scenario" "$st/scenario.sh"
else
	echo 'pass root-booted' > "$st/scenario.sh"
fi
echo "mpboot test root" > "$st/etc/issue"
# Partition 1 starts at sector 2048 (1 MiB) and has 81920 sectors (40 MiB).
E2FSPROGS_FAKE_TIME=${SOURCE_DATE_EPOCH:-1700000000} \
fslabel=mpboot-root
[ -n "$scenario" ] && grep -q '^# fs-label: ' "$scenario" &&
	fslabel=$(sed -n 's/^# fs-label: //p' "$scenario" | head -n 1)
mke2fs -q -F -t ext4 -L "$fslabel" -U "$FS_UUID" -E offset=1048576,root_owner=0:0 \
	-d "$st" "$img" 40M
