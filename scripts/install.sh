#!/bin/sh
# make install / make uninstall (layout: docs/install.md).
#
#   scripts/install.sh install|uninstall      env: DESTDIR, PREFIX (/usr), O (build)
#
# The early-boot tools go to PREFIX/lib/mpboot/bin (the multi-call ELF and
# a link per tool), off the PATH, so multipath-tools' /sbin/multipath and
# its man pages are never replaced; the commands meant for the booted
# system are on the PATH as PREFIX/sbin/mpboot-TOOL, with their pages
# named the same.  Everything the image builder reads lives beside them in
# PREFIX/lib/mpboot.  The other parts (mpboot-mkinitramfs, the
# initramfs-tools and dracut integration, their page) are installed when
# the tree has them.
#
# Every file, link and directory this run creates is appended to
# PREFIX/lib/mpboot/install.manifest; uninstall removes exactly those
# (directories only when empty), then the manifest.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
O=${O:-build}
PREFIX=${PREFIX:-/usr}
DESTDIR=${DESTDIR:-}
LIB=$PREFIX/lib/mpboot
MAN=$PREFIX/share/man
manifest=$LIB/install.manifest
# the commands put on the PATH (mpinit is the init's alone)
PATH_TOOLS="multipath multipathd kpartx devmap_name iscsi"

die() { echo "install: $*" >&2; exit 1; }

case "$PREFIX" in /*) ;; *) die "PREFIX must be absolute: $PREFIX" ;; esac

uninstall() {
	m=$DESTDIR$manifest
	[ -f "$m" ] || die "$m: no manifest, nothing installed here"
	while read -r kind path; do
		case "$kind" in
		f | l) rm -f "$DESTDIR$path" ;;
		esac
	done < "$m"
	# directories deepest first, and only when nothing else is in them
	dirs=$(sed -n 's/^d //p' "$m" | sort -r)
	rm -f "$m"
	for d in $dirs; do
		rmdir "$DESTDIR$d" 2>/dev/null || true
	done
	echo "uninstall: removed what $manifest listed" >&2
}

new=""  # manifest lines of this run
rec() { new="$new$1 $2
"; }

mkdirs() { # DIR: create it and each missing parent, recording each
	[ -d "$DESTDIR$1" ] && return 0
	# DESTDIR itself is the caller's (dh_auto_install's may not exist yet)
	[ "$1" = / ] && { mkdir -p "$DESTDIR"; return 0; }
	mkdirs "$(dirname "$1")"
	mkdir "$DESTDIR$1"
	rec d "$1"
}

put() { # MODE SRC DST
	[ -f "$2" ] || die "$2 missing (make all build/tools/gen_init_cpio build/tools/iscsi_nodes first)"
	mkdirs "$(dirname "$3")"
	install -m "$1" "$2" "$DESTDIR$3"
	rec f "$3"
}

link() { # TARGET DST
	mkdirs "$(dirname "$2")"
	ln -sfn "$1" "$DESTDIR$2"
	rec l "$2"
}

script_mode() { # FILE: 0755 for a script (#!), 0644 for what is sourced
	case "$(head -c 2 "$1")" in '#!') echo 0755 ;; *) echo 0644 ;; esac
}

tree() { # SRCDIR DSTDIR: every file below SRCDIR, keeping the tree
	[ -d "$1" ] || return 0
	for f in $(cd "$1" && find . -type f | LC_ALL=C sort); do
		f=${f#./}
		put "$(script_mode "$1/$f")" "$1/$f" "$2/$f"
	done
}

install_all() {
	# the tools: one ELF, a link per tool beside it
	put 0755 "$O/bin/mpboot" "$LIB/bin/mpboot"
	for b in "$O"/bin/*; do
		[ -L "$b" ] && link mpboot "$LIB/bin/$(basename "$b")"
	done
	for t in $PATH_TOOLS; do
		[ -L "$O/bin/$t" ] || die "$O/bin/$t missing (make all)"
		link ../lib/mpboot/bin/mpboot "$PREFIX/sbin/mpboot-$t"
	done

	# what an image is built from
	put 0755 initramfs/init "$LIB/init"
	put 0644 initramfs/modules "$LIB/modules"
	put 0644 gen_init_cpio.list "$LIB/gen_init_cpio.list"
	put 0755 "$O/tools/gen_init_cpio" "$LIB/gen_init_cpio"
	put 0755 "$O/tools/iscsi_nodes" "$LIB/iscsi_nodes"
	put 0755 scripts/modclosure.sh "$LIB/modclosure.sh"
	for d in hooks/*/; do # the init's hook directories (README is not one)
		[ -d "$d" ] || continue
		tree "$d" "$LIB/hooks/$(basename "$d")"
	done

	# the image builder and the distribution integration (when present)
	[ ! -f scripts/mpboot-mkinitramfs ] ||
		put 0755 scripts/mpboot-mkinitramfs "$PREFIX/sbin/mpboot-mkinitramfs"
	tree dist/initramfs-tools "$PREFIX/share/initramfs-tools"
	for d in dist/dracut/*/; do # dracut modules (90mpboot/)
		[ -d "$d" ] && tree "$d" "$PREFIX/lib/dracut/modules.d/$(basename "$d")"
	done
	[ ! -f dist/dracut/mpboot.conf ] ||
		put 0644 dist/dracut/mpboot.conf "$PREFIX/lib/dracut/dracut.conf.d/90-mpboot.conf"

	# man pages: a tool's page under the name it has on the PATH
	for p in man/*.[578]; do
		[ -f "$p" ] || continue
		n=$(basename "$p")
		case " $PATH_TOOLS " in *" ${n%.8} "*) n=mpboot-$n ;; esac
		# multipath-tools' multipath.conf(5) keeps its name too
		[ "$n" != multipath.conf.5 ] || n=mpboot-$n
		put 0644 "$p" "$MAN/man${n##*.}/$n"
	done

	# the manifest: this run's lines plus any earlier install's, so that
	# directories an earlier run created are still removed
	m=$DESTDIR$manifest
	{ [ ! -f "$m" ] || cat "$m"; printf '%s' "$new"; } | awk '!seen[$0]++' > "$m.tmp"
	mv "$m.tmp" "$m"
	echo "install: $(grep -c '^[fl] ' "$m") files and links under ${DESTDIR:-/}, listed in $manifest" >&2
}

case "${1:-}" in
install) install_all ;;
uninstall) uninstall ;;
*) die "usage: scripts/install.sh install|uninstall" ;;
esac
