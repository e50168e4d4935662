#!/bin/sh
# One disk holding every case of the partition corpus, for the kpartx /
# kernel parity scenario (qemu-tests/kpartx-kernel-parity.sh): each
# tests/partitions/expect/<case> names its image (default: the case) and
# sector size; the images are laid out at MiB boundaries after a 1 MiB
# text index, one line per case: "case offset size sector-size".
# Cases that need kpartx -g (force 1) are left out: the kernel reads a GPT
# without protective MBR only with the "gpt" boot option.
#   scripts/mkimg-parity.sh OUT
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
[ $# -eq 1 ] || { echo "usage: $0 OUT" >&2; exit 2; }
out=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$top/scripts/mkimg-corpus.sh" "$tmp/corpus"
rm -f "$out"
: > "$tmp/index"
at=1 # MiB
for e in "$top"/tests/partitions/expect/*; do
	c=$(basename "$e")
	grep -q '^force 1' "$e" && continue
	img=$(sed -n 's/^image //p' "$e"); img=${img:-$c}
	ssz=$(sed -n 's/^ssz //p' "$e"); ssz=${ssz:-512}
	f=$tmp/corpus/$img.img
	sz=$(stat -c %s "$f")
	dd if="$f" of="$out" bs=1M seek=$at conv=notrunc,sparse status=none
	echo "$c $((at * 1048576)) $sz $ssz" >> "$tmp/index"
	at=$((at + (sz + 1048575) / 1048576))
done
dd if="$tmp/index" of="$out" conv=notrunc status=none
truncate -s "${at}M" "$out"
