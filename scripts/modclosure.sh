#!/bin/sh
# Print, in load order, the module files (relative to lib/modules/<KVER>/)
# needed for the named modules, dependencies first, from modules.dep.
# Built-in modules are skipped; an unknown module is an error naming it.
#
#   scripts/modclosure.sh KERNEL_DIR KVER dm-multipath virtio_scsi ...
set -eu
[ $# -ge 2 ] || { echo "usage: modclosure.sh KERNEL_DIR KVER MODULE..." >&2; exit 2; }
mdir=$1/lib/modules/$2
shift 2
dep=$mdir/modules.dep
[ -f "$dep" ] || { echo "modclosure: no $dep" >&2; exit 1; }

awk -v mods="$*" -v builtin="$mdir/modules.builtin" '
function norm(s) { gsub(/-/, "_", s); return s }
function base(p,  b) { b = p; sub(/.*\//, "", b); sub(/\.ko(\.[a-z]+)?$/, "", b); return norm(b) }
function visit(p,   n, i, d) {
	if (p in seen) return
	seen[p] = 1
	n = split(deps[p], d, " ")
	# modules.dep lists the deepest dependency last: load from the end.
	for (i = n; i >= 1; i--) visit(d[i])
	order[++cnt] = p
}
BEGIN {
	while ((getline line < builtin) > 0) isbuiltin[base(line)] = 1
}
{
	p = $1; sub(/:$/, "", p)
	d = ""; for (i = 2; i <= NF; i++) d = d " " $i
	deps[p] = d
	byname[base(p)] = p
}
END {
	n = split(mods, want, " ")
	for (i = 1; i <= n; i++) {
		m = norm(want[i])
		if (m in byname) visit(byname[m])
		else if (!(m in isbuiltin)) { print "modclosure: module not found: " want[i] > "/dev/stderr"; bad = 1 }
	}
	if (bad) exit 1
	for (i = 1; i <= cnt; i++) print order[i]
}' "$dep"
