#!/bin/bash
# `make bench` part for issue 22: the full install (MPBOOT_INSTALL_FORM=full:
# update-initramfs with mpboot's hook too, Debian's entry GRUB's default)
# and the long forms of the scenarios on that disk (scripts/installed-disk.sh;
# the install runs first when none is kept for this tree):
#   installed-boot        both entries, degraded boot, live re-partition
#   long/installed-rescue   break the default entry's initramfs, repair it
#                         from mpboot's rescue shell (chroot, the root's
#                         update-initramfs, grub-install, update-grub),
#                         boot the repaired system (three boots; the
#                         in-guest update-initramfs takes minutes)
#   long/installed-degraded one path at power-on through GRUB's default entry,
#                         the second plugged in (make check folds a degraded
#                         boot of the mpboot entry into installed-boot)
# Prints the scenarios' PASS:/FAIL: lines and each one's wall time; exits
# non-zero on any failure.
#   scripts/bench-install.sh [SCENARIO...]   default: all three
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
export MPBOOT_CACHE=${MPBOOT_CACHE:-$top/build/cache}
export MPBOOT_INSTALL_FORM=full
status=0
for s in ${*:-installed-boot long/installed-rescue long/installed-degraded}; do
	t0=$SECONDS
	"$top/qemu-tests/run" "$s" || status=1
	echo "bench-install: $s took $((SECONDS - t0)) s (the install, when it ran, included)"
done
exit $status
