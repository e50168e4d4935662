#!/bin/sh
# qemu disk: the corpus GPT (sgdisk: partitions 1, 2, 4 on 16 MiB), plus a
# stash for the "repartition, then kpartx -u" check: the label of the
# corpus image gpt-parted (partitions 1 [2048,+4096), 2 [6144,+10240)),
# its first 34 sectors at sector 20480 and its last 33 at 20514, outside
# every partition of both layouts.  The guest copies them over sectors
# 0..33 and 32735..32767.   Usage: scripts/mkimg-gpt.sh OUT
set -eu
here=$(dirname "$0")
"$here/mkimg-corpus.sh" --one gpt-sgdisk "$1"
tmp=$1.parted
"$here/mkimg-corpus.sh" --one gpt-parted "$tmp"
dd if="$tmp" of="$1" bs=512 count=34 seek=20480 conv=notrunc 2>/dev/null
dd if="$tmp" of="$1" bs=512 skip=32735 count=33 seek=20514 conv=notrunc 2>/dev/null
rm -f "$tmp"
