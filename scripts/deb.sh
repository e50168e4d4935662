#!/bin/sh
# make deb: the Debian package of this tree, built by dpkg-buildpackage in
# a copy (build/deb/mpboot-VERSION/: its clean step and the ../*.deb it
# writes stay out of the tree), then lintian, which must report no error.
#   scripts/deb.sh            -> build/deb/mpboot_VERSION_ARCH.deb
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
ver=$(dpkg-parsechangelog -S Version)
out=build/deb
src=$out/mpboot-$ver
rm -rf "$out"
mkdir -p "$src"
# the tree as git sees it (tracked and new files, not what .gitignore
# hides), or everything but build/ outside a git checkout
if git rev-parse --git-dir >/dev/null 2>&1; then
	git ls-files -co --exclude-standard | while IFS= read -r f; do
		[ -e "$f" ] && printf '%s\n' "$f"
	done | tar -cf - -T - | tar -xf - -C "$src"
else
	tar -cf - --exclude=./build . | tar -xf - -C "$src"
fi
(cd "$src" && dpkg-buildpackage -b -us -uc) > "$out/build.log" 2>&1 || {
	tail -n 30 "$out/build.log" >&2
	echo "deb: dpkg-buildpackage failed (log: $out/build.log)" >&2
	exit 1
}
deb=$(ls "$out"/mpboot_"$ver"_*.deb)
lintian --fail-on error "$deb" > "$out/lintian.log" 2>&1 || {
	cat "$out/lintian.log" >&2
	echo "deb: lintian reports errors on $deb" >&2
	exit 1
}
n=$(grep -c . "$out/lintian.log" || true)
echo "deb: $deb ($(stat -c %s "$deb") bytes); lintian: no error, $n other lines in $out/lintian.log" >&2
