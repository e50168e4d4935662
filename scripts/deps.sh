#!/bin/sh
# Install the Debian 12 packages mpboot needs to build and test, if missing.
# Used by `make check`, `make demo` and .ci/run.  Needs root for apt-get; as
# a normal user it only lists what is missing.
#   scripts/deps.sh [deb]   deb: also what `make deb`/`make deb-test` need
#                           (kept out of make check, which stays fast)
set -eu

PKGS="make gcc libc6-dev libklibc-dev klibc-utils busybox-static
qemu-system-x86 kmod cpio socat file fdisk gdisk parted e2fsprogs
clang libclang-rt-14-dev mmdebstrap mandoc"
[ "${1:-}" != deb ] || PKGS="$PKGS dpkg-dev debhelper lintian fakeroot"

missing=""
for p in $PKGS; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$st" in
	*"ok installed") ;;
	*) missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "deps: missing Debian packages:$missing (run as root: apt-get install$missing)" >&2
	exit 1
fi
echo "deps: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
# A fresh machine has empty package lists.
if ! apt-get install -y -q --no-install-recommends $missing >/dev/null 2>&1; then
	apt-get update -q >/dev/null
	apt-get install -y -q --no-install-recommends $missing >/dev/null
fi
