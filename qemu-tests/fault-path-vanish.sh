# A path vanishes between discovery and the table load: multipath
# retries without it, and never leaves a half-built or suspended map; a
# map name taken by a map that is not a multipath map is refused.
# The window is opened deterministically: MPBOOT_TEST_STOP_BEFORE_LOAD
# makes multipath (or multipathd) stop itself (SIGSTOP) once, after discovery and planning,
# right before the table load; the scenario deletes the path's SCSI
# device (device/delete: the kernel's block device goes, as on a
# hot-unplug) and lets it continue (SIGCONT).  Nothing else differs from
# a real race: the plan names a dev_t the kernel no longer has.
# Invariants: a new map is made with the paths that remain (exit 0, the
# vanished one named in one line); a live map being reloaded keeps its
# dev_t and gets the remaining paths, under a writer+verifier that loses
# nothing; no map is ever left suspended; when every path vanished, exit
# 1 and no map at all; a name held by a linear map: exit 1, the reason
# in one line, the linear map's table unchanged, no multipath map.
# topology: virtio:3
# disk: 64M
# timeout: 240

W=$(vpd_wwid "$(sd_devs | head -n 1)")
A=$(sd_devs | sed -n 1p) B=$(sd_devs | sed -n 2p) C=$(sd_devs | sed -n 3p)
check_eq three-paths "$(sd_devs | wc -l)" 3
DA=$(devno $A) DB=$(devno $B) DC=$(devno $C)
HC=$(basename "$(dirname "$(dirname "$(readlink -f /sys/block/$C/device)")")")
HC=${HC%%:*}
echo "paths $A=$DA $B=$DB $C=$DC; $C is on scsi host $HC"

none_suspended() {
	_s=
	for _d in /sys/block/dm-*; do
		[ -e "$_d" ] || continue
		[ "$(cat $_d/dm/suspended)" = 0 ] || _s="$_s $(cat $_d/dm/name)"
	done
	check_eq "$1" "$_s" ""
}

# window NAME DEVS... -- MULTIPATH-ARGS: run multipath stopped before its
# table load, delete DEVS in the window, let it go on; rc in $RC, its
# output in $OUT.
window() {
	_n=$1
	shift
	_devs=
	while [ "$1" != -- ]; do _devs="$_devs $1"; shift; done
	shift
	MPBOOT_TEST_STOP_BEFORE_LOAD=1 multipath "$@" > /tmp/win.out 2>&1 &
	_p=$!
	if wait_until 30 sh -c "[ \"\$(cut -d' ' -f3 /proc/$_p/stat)\" = T ]"; then
		pass "$_n-stopped-in-window"
	else
		fail "$_n-stopped-in-window" "multipath never stopped: $(cat /tmp/win.out)"
	fi
	for _d in $_devs; do
		echo 1 > /sys/block/$_d/device/delete
		wait_until 10 test ! -e /sys/block/$_d || fail "$_n-deleted" "$_d still there"
	done
	kill -CONT $_p
	wait $_p
	RC=$?
	OUT=$(cat /tmp/win.out)
	echo "$_n: rc=$RC: $OUT"
}

rescan() {
	for _h in /sys/class/scsi_host/host*; do echo "- - -" > $_h/scan; done
	wait_until 20 test "$(sd_devs | wc -l)" = 3
}

# 1. a new map: the vanished path left out
window create $C -- -v1
check_eq create-exit-0 "$RC" 0
case "$OUT" in *"$W: 1 path(s) gone, left out"*) pass create-says-gone ;;
*) fail create-says-gone "$OUT" ;; esac
T=$(dmctl table "$W")
echo "table: $T"
case "$T" in *" $DA "*" $DB "*|*" $DB "*" $DA "*) pass create-has-remaining ;;
*) fail create-has-remaining "$T" ;; esac
case "$T" in *" $DC "*) fail create-without-gone "$T" ;; *) pass create-without-gone ;; esac
none_suspended create-not-suspended
MAP0=$(dmctl info "$W" | cut -d' ' -f3)

# 2. a reload of a live map under I/O: the path comes back, multipath
# plans to add it, it vanishes again in the window
wv_start w "/dev/mapper/$W"
wait_until 20 test -s /tmp/count-w
rescan || fail rescan "$(sd_devs)"
C=$(for d in $(sd_devs); do [ $d != $A ] && [ $d != $B ] && echo $d; done)
DC=$(devno $C)
window reload $C -- -v1
check_eq reload-exit-0 "$RC" 0
case "$OUT" in *"$W: 1 path(s) gone, left out"*) pass reload-says-gone ;;
*) fail reload-says-gone "$OUT" ;; esac
T=$(dmctl table "$W")
case "$T" in *" $DC "*) fail reload-without-gone "$T" ;; *) pass reload-without-gone ;; esac
case "$T" in *" $DA "*" $DB "*|*" $DB "*" $DA "*) pass reload-has-remaining ;;
*) fail reload-has-remaining "$T" ;; esac
check_eq reload-same-dev "$(dmctl info "$W" | cut -d' ' -f3)" "$MAP0"
none_suspended reload-not-suspended
wv_verify w "/dev/mapper/$W" reload-no-data-lost

# 3. the map name taken by a linear map: refused, named, untouched
check flush multipath -F
rescan || fail rescan "$(sd_devs)"
dd if=/dev/zero of=/tmp/other.img bs=1M count=1 2>/dev/null
LO=$(losetup -f --show /tmp/other.img 2>/dev/null || { losetup -f /tmp/other.img && losetup -a | sed -n 's|^\(/dev/loop[0-9]*\):.*other.img.*|\1|p'; })
check other-map dmctl create "$W" - "0 2048 linear $LO 0"
T0=$(dmctl table "$W")
OUT=$(multipath 2>&1 >/dev/null)
RC=$?
echo "taken: rc=$RC: $OUT"
check_eq taken-exit-1 "$RC" 1
check_eq taken-one-line "$(printf '%s\n' "$OUT" | wc -l)" 1
case "$OUT" in *"$W: a map of that name exists with UUID ''"*) pass taken-says-why ;;
*) fail taken-says-why "$OUT" ;; esac
check_eq taken-map-untouched "$(dmctl table "$W")" "$T0"
check_eq taken-no-other-map "$(dmctl ls | cut -d' ' -f1 | grep -vc "^$W$")" 0
check other-map-removed dmctl remove "$W"

# 4. every path vanishes: nothing made at all
set -- $(sd_devs)
window all "$@" -- -v1
check_eq all-exit-1 "$RC" 1
case "$OUT" in *"$W: 3 path(s) gone, none left"*) pass all-says-gone ;;
*) fail all-says-gone "$OUT" ;; esac
check_eq all-no-map "$(dmctl ls)" ""
none_suspended all-not-suspended

# 5. multipathd, the same window: the map it creates at start is made
# with the paths that remain (the daemon retries as multipath does)
rescan || fail rescan "$(sd_devs)"
set -- $(sd_devs)
A=$1 B=$2 C=$3
DA=$(devno $A) DB=$(devno $B) DC=$(devno $C)
MPBOOT_TEST_STOP_BEFORE_LOAD=1 multipathd -d -v 2 -i 1 -P > /tmp/mpd.out 2>&1 &
P=$!
if wait_until 30 sh -c "[ \"\$(cut -d' ' -f3 /proc/$P/stat)\" = T ]"; then
	pass mpd-stopped-in-window
else
	fail mpd-stopped-in-window "multipathd never stopped: $(cat /tmp/mpd.out)"
fi
echo 1 > /sys/block/$C/device/delete
wait_until 10 test ! -e /sys/block/$C || fail mpd-deleted "$C still there"
kill -CONT $P
wait_until 20 dmctl table "$W" > /dev/null 2>&1
T=$(dmctl table "$W")
echo "mpd table: $T"
case "$T" in *" $DA "*" $DB "*|*" $DB "*" $DA "*) pass mpd-has-remaining ;;
*) fail mpd-has-remaining "$T" ;; esac
case "$T" in *" $DC "*) fail mpd-without-gone "$T" ;; *) pass mpd-without-gone ;; esac
wait_until 10 grep -q "$W: 1 path(s) gone while loading" /tmp/mpd.out ||
	fail mpd-says-gone "$(cat /tmp/mpd.out)"
grep -q "$W: 1 path(s) gone while loading" /tmp/mpd.out && pass mpd-says-gone
none_suspended mpd-not-suspended
multipathd shutdown > /dev/null 2>&1 || kill $P
wait $P
check_eq mpd-exit-0 "$?" 0
