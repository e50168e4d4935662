#!/bin/bash
# `make bench` part for issue 22: the long forms of the install scenarios
# on the disk qemu-tests/install.sh installed (scripts/installed-disk.sh;
# the install runs first when none is kept for this tree):
#   long/install-rescue   break the default entry's initramfs, repair it
#                         from mpboot's rescue shell (chroot, the root's
#                         update-initramfs, grub-install, update-grub),
#                         boot the repaired system (three boots; the
#                         in-guest update-initramfs takes minutes)
#   long/install-degraded one path at power-on through GRUB's default entry,
#                         the second plugged in (make check folds a degraded
#                         boot of the mpboot entry into install-boot)
# Prints the scenarios' PASS:/FAIL: lines and each one's wall time; exits
# non-zero on any failure.
#   scripts/bench-install.sh [SCENARIO...]   default: both
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
export MPBOOT_CACHE=${MPBOOT_CACHE:-$top/build/cache}
status=0
for s in ${*:-long/install-rescue long/install-degraded}; do
	t0=$SECONDS
	"$top/qemu-tests/run" "$s" || status=1
	echo "bench-install: $s took $((SECONDS - t0)) s (the install, when it ran, included)"
done
exit $status
