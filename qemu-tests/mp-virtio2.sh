# multipath on two virtio-scsi paths to one LU.
# Invariants: one map named after the LU's WWID (the kernel's VPD NAA) with
# DM UUID mpath-WWID, two failover groups of one path each with the current
# table format; a second run changes nothing (same table, same event count);
# -l shows the map in multipath-tools' layout; a dry run creates nothing;
# -f refuses an open map and removes an unused one; usage errors exit 2.
# topology: virtio:2
# disk: 64M
# timeout: 150

# sdX names follow probe order; order the paths by H:B:T:L as multipath does.
hbtl_sorted() {
	for d in $(sd_devs); do echo "$(basename "$(readlink -f /sys/block/$d/device)") $d"; done |
		sort -t: -k1,1n -k2,2n -k3,3n -k4,4n | cut -d' ' -f2
}
set -- $(hbtl_sorted)
A=$1 B=$2
W=$(vpd_wwid "$A")
check_eq wwid-from-kernel "$W" 35000c50015ea7100
check_fails usage-error 2 multipath -x
check_fails bad-policy 2 multipath -p nonsense

OUT=$(multipath -d -v2 2>&1)
case "$OUT" in *"create: $W undef QEMU,QEMU HARDDISK"*) pass dry-run-says-create ;;
*) fail dry-run-says-create "$OUT" ;; esac
check_eq dry-run-creates-nothing "$(dmctl ls 2>/dev/null | grep -c "$W")" 0

OUT=$(multipath -v3 2>&1)
echo "$OUT"
case "$OUT" in *"$W (0 0 0 0) /dev/"*) pass v3-path-list ;; *) fail v3-path-list "$OUT" ;; esac
case "$OUT" in *"create: $W dm-"*) pass v3-create ;; *) fail v3-create "$OUT" ;; esac
check map-exists test -b "/dev/mapper/$W"
check_eq map-uuid "$(dmctl info "$W" | cut -d' ' -f2)" "mpath-$W"
DA=$(devno "$A") DB=$(devno "$B")
T=$(dmctl table "$W")
SIZE=$(cat /sys/block/$A/size)
case "$T" in "0 $SIZE multipath 0 0 2 1 service-time 0 1 2 $DA 1 1 service-time 0 1 2 $DB 1 1"*) pass table-failover ;;
*) fail table-failover "$T" ;; esac

EV=$(dmctl info "$W")
OUT=$(multipath -v2 2>&1)
check_eq rerun-silent "$OUT" ""
check_eq rerun-no-change "$(dmctl info "$W")" "$EV"
check_eq rerun-v1-silent "$(multipath -v1)" ""

OUT=$(multipath -l 2>&1)
echo "$OUT"
case "$OUT" in "$W dm-"*" QEMU,QEMU HARDDISK"*"size=64M features='0' hwhandler='0' wp=rw"*"|-+- policy='service-time 0' prio=0 status="*"active undef running"*"\`-+- policy='service-time 0' prio=0 status=enabled"*) pass list-layout ;;
*) fail list-layout "$OUT" ;; esac
OUT=$(multipath -ll 2>&1)
case "$OUT" in *"active ready running"*"active ready running"*) pass ll-checks-paths ;; *) fail ll-checks-paths "$OUT" ;; esac
check_eq list-filter-miss "$(multipath -l nosuchmap)" ""
check_eq list-v1 "$(multipath -l -v1)" "$W"

# -r forces a reload even with nothing to change.
OUT=$(multipath -r -v1)
check_eq forced-reload "$OUT" "$W"

exec 3<"/dev/mapper/$W"
check_fails flush-open-map 1 multipath -f "$W"
exec 3<&-
check flush-unused multipath -f "$W"
check_eq flushed "$(dmctl ls 2>/dev/null | grep -c "$W")" 0
check recreate-filtered multipath -v0 "/dev/$A"
check_eq filtered-map "$(dmctl ls | grep -c "$W")" 1
check flush-all multipath -F
check_eq flush-all-gone "$(dmctl ls | grep -c "$W")" 0
