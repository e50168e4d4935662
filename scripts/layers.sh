#!/bin/sh
# `make lint`: the layer rule of src/lib/, checked from the sources.
#
#   base/        strings, memory, logging, clocks, atomic files
#   parse/       pure functions over byte buffers: VPD, RTPG payloads,
#                uevents, the command line, multipath.conf, names, ERE,
#                the hardware table, the map model and its table strings
#   partitions/  partition-table labels, pure over a read_at() reader
#   dev/         all I/O: device-mapper ioctls, udev cookies, SCSI/sysfs,
#                SG_IO, transport timeouts, config and state files
#   engine/      planning and applying maps, partition maps
#
# A file may include headers of its own layer and of the layers above it
# in this list, never of a later one.  parse/ and partitions/ call no I/O
# and print nothing (that is what makes them host-testable and fuzzable);
# no library file writes to stdout/stderr itself (base/log.c does).
# Prints one line per violation and exits 1 if there is any.
#   scripts/layers.sh [TREE]    TREE: a checkout (default: this one)
set -eu
cd "${1:-$(dirname "$0")/..}"
lib=src/lib
layers="base parse partitions dev engine"

rank() { # layer name -> index
	i=0
	for l in $layers; do
		[ "$l" = "$1" ] && { echo $i; return; }
		i=$((i + 1))
	done
	echo 99
}

# Header name (as included, bare or "sub/x.h") -> layer, or "" for one
# outside src/lib.  A header is found in a layer folder or a subfolder of
# one (parse/iscsi/, dev/iscsi/: one subsystem's pure and I/O halves).
layer_of() {
	case "$1" in
	*/*) l=${1%%/*}; [ -e "$lib/$1" ] && echo "$l" && return ;;
	esac
	for l in $layers; do
		[ -e "$lib/$l/$1" ] && { echo "$l"; return; }
	done
	echo ""
}

bad=0
say() { echo "layers: $*"; bad=1; }

for f in "$lib"/*.[ch] "$lib"/*/*.[ch]; do
	[ -e "$f" ] || continue
	case " $layers " in *" $(basename "$(dirname "$f")") "*) continue ;; esac
	say "$f: every library file belongs to a layer folder ($layers)"
done

for l in $layers; do
	r=$(rank "$l")
	for f in "$lib/$l"/*.c "$lib/$l"/*.h "$lib/$l"/*/*.c "$lib/$l"/*/*.h; do
		[ -e "$f" ] || continue
		for h in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f"); do
			hl=$(layer_of "$h")
			[ -n "$hl" ] || continue
			[ "$(rank "$hl")" -le "$r" ] ||
				say "$f includes $h of $hl/, a later layer than $l/"
		done
		# Calls, not mentions: strip comments and strings first.
		body=$(sed -e 's#/\*.*\*/##g' -e 's#"[^"]*"#""#g' "$f" |
			awk '/\/\*/{c=1} !c{print} /\*\//{c=0}')
		case "$l" in parse | partitions)
			echo "$body" | grep -anE '(^|[^A-Za-z0-9_.>])(open|openat|close|read|write|pread|pwrite|ioctl|socket|bind|connect|recv|recvmsg|recvfrom|send|sendmsg|sendto|fopen|opendir|readdir|readlink|stat|lstat|fstat|access|unlink|rename|mkdir|getenv|log_err|log_msg)[[:space:]]*\(' |
				while IFS= read -r m; do
					echo "layers: $f:${m%%:*}: I/O or logging in $l/, which must stay pure: ${m#*:}"
				done | grep . && bad=1
			;;
		esac
		[ "$f" = "$lib/base/log.c" ] && continue
		echo "$body" | grep -anE '(^|[^A-Za-z0-9_])(printf|fprintf|dprintf|puts|fputs|perror|putchar)[[:space:]]*\(' |
			while IFS= read -r m; do
				echo "layers: $f:${m%%:*}: a library file prints (use base/log.h from a tool's main): ${m#*:}"
			done | grep . && bad=1
	done
done
[ $bad = 0 ] && echo "layers: src/lib follows the layer rule ($layers)"
exit $bad
