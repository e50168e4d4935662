# multipath -p multibus on four virtio-scsi paths to each of two LUs.
# Invariants: one map per LU, each one group holding all four paths; the
# default policy would make four groups, and re-running with it reloads the
# same map (no new map, same dev_t); -r/-p/-s choices reach the table.
# topology: virtio:4
# disk: 32M
# disk: 32M
# timeout: 150

W0=35000c50015ea7100 W1=35000c50015ea7101
check_eq eight-paths "$(sd_devs | wc -l)" 8
check create-multibus multipath -v2 -p multibus
for W in $W0 $W1; do
	T=$(dmctl table "$W")
	case "$T" in "0 65536 multipath 0 0 1 1 service-time 0 4 2 "*) pass "one-group-of-4-$W" ;;
	*) fail "one-group-of-4-$W" "$T" ;; esac
	check_eq "four-paths-$W" "$(echo "$T" | grep -o ' [0-9]*:[0-9]* 1 1' | wc -l)" 4
done
DEV0=$(dmctl info $W0 | cut -d' ' -f3)
check_eq rerun-multibus-nothing "$(multipath -v1 -p multibus)" ""
OUT=$(multipath -v2 -s round-robin $W0)
case "$OUT" in "reload: $W0 dm-"*) pass reload-to-failover ;; *) fail reload-to-failover "$OUT" ;; esac
T=$(dmctl table "$W0")
case "$T" in "0 65536 multipath 0 0 4 1 round-robin 0 1 1 "*) pass four-groups ;; *) fail four-groups "$T" ;; esac
check_eq same-dev-after-reload "$(dmctl info $W0 | cut -d' ' -f3)" "$DEV0"
check_eq other-lu-untouched "$(dmctl table $W1 | cut -d" " -f4-8)" "0 0 1 1 service-time"
check_eq two-maps "$(dmctl ls | wc -l)" 2
check queue-if-no-path multipath -v0 -q -p multibus $W1
case "$(dmctl table $W1)" in *"multipath 1 queue_if_no_path 0 1 1 "*) pass features-qinp ;;
*) fail features-qinp "$(dmctl table $W1)" ;; esac
check_fails group-by-prio-const 0 multipath -v0 -p group_by_prio $W0
case "$(dmctl table $W0)" in *"multipath 0 0 1 1 service-time 0 4 2 "*) pass prio-one-group ;;
*) fail prio-one-group "$(dmctl table $W0)" ;; esac
check group-by-serial multipath -v0 -p group_by_serial $W0
case "$(dmctl table $W0)" in *"multipath 0 0 1 1 service-time 0 4 2 "*) pass serial-one-group ;;
*) fail serial-one-group "$(dmctl table $W0)" ;; esac
