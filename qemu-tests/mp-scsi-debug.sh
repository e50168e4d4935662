# multipath on scsi_debug: 4 hosts x 2 targets x 4 LUNs = 32 paths to 8 LUs.
# Invariants: 8 maps of 4 paths; each map's name and UUID carry the WWID the
# kernel derives from the LU's VPD page 0x83 (/sys/block/sdX/device/wwid)
# for every one of its paths; the WWIDs read through SG_IO INQUIRY equal
# the sysfs ones; a second run changes nothing (no output, same event
# counters, same tables).
# topology: scsi_debug:4,2,4
# timeout: 240

check_eq paths "$(sd_devs | wc -l)" 32
check create multipath -v0
check_eq eight-maps "$(dmctl ls | wc -l)" 8
ok=1
for d in $(sd_devs); do
	W=$(vpd_wwid "$d")
	T=$(dmctl table "$W" 2>/dev/null)
	case "$T" in *" $(devno "$d") 1 1"*) ;; *) ok=0; echo "path $d ($W) not in its map: $T" ;; esac
	[ "$(dmctl info "$W" | cut -d' ' -f2)" = "mpath-$W" ] || { ok=0; echo "uuid of $W"; }
done
[ $ok = 1 ] && pass wwid-equals-kernel-vpd || fail wwid-equals-kernel-vpd "see above"
for W in $(dmctl ls | cut -d' ' -f1); do
	n=$(dmctl table "$W" | grep -o ' [0-9]*:[0-9]* 1 1' | wc -l)
	[ "$n" = 4 ] || { ok=0; echo "$W has $n paths"; }
done
[ $ok = 1 ] && pass four-paths-each || fail four-paths-each "see above"

multipath -v3 -d > /tmp/sysfs.v3 2>&1
MPBOOT_FORCE_SGIO=1 multipath -v3 -d > /tmp/sgio.v3 2>&1
grep '^3' /tmp/sysfs.v3 | grep /dev/ > /tmp/a
grep '^3' /tmp/sgio.v3 | grep /dev/ > /tmp/b
check_eq sgio-path-count "$(wc -l < /tmp/b)" 32
check sgio-equals-sysfs cmp /tmp/a /tmp/b

for W in $(dmctl ls | cut -d' ' -f1); do echo "$(dmctl info $W) $(dmctl table $W)"; done > /tmp/before
OUT=$(multipath -v2 2>&1)
check_eq rerun-silent "$OUT" ""
for W in $(dmctl ls | cut -d' ' -f1); do echo "$(dmctl info $W) $(dmctl table $W)"; done > /tmp/after
check rerun-changes-nothing cmp /tmp/before /tmp/after
OUT=$(multipath -ll)
check_eq ll-maps "$(echo "$OUT" | grep -c '^3.* dm-[0-9]* Linux,scsi_debug')" 8
check_eq ll-paths "$(echo "$OUT" | grep -c 'active ready running')" 32
