#!/bin/sh
# A bare ext4 filesystem on the whole disk image, no partition table (no
# root needed):  scripts/mkimg-ext4.sh IMG   (64 MiB, label mpboot-data)
set -eu
img=${1:?usage: mkimg-ext4.sh IMG}
rm -f "$img"
truncate -s 64M "$img"
mke2fs -q -F -t ext4 -L mpboot-data -U 6d70626f-6f74-4000-8000-0000000000e4 "$img"
