#!/bin/sh
# qemu disk: the corpus DOS label with logicals (sfdisk, 16 MiB): p1, an
# extended p2 and logicals 5, 6, 7.   Usage: scripts/mkimg-dos.sh OUT
exec "$(dirname "$0")/mkimg-corpus.sh" --one dos-sfdisk "$1"
