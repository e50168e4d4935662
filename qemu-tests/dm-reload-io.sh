# Foundation: reloading a live multipath map never fails I/O.
# Invariants: while a reader keeps reading the map with O_DIRECT, the table
# can be swapped between path sets (one path, two groups, the other path,
# multibus) with no I/O error and no remove; the map keeps its dev_t; a path
# removed through the qemu monitor is failed by dm-multipath and I/O goes on.
# topology: virtio:2
# disk: 64M
# timeout: 150
# host drop-p1: @del p1l0
# host add-p1: @add p1l0

set -- $(sd_devs)
A=$1 B=$2
DA=$(devno "$A") DB=$(devno "$B")
SIZE=$(cat /sys/block/$A/size)
W=$(vpd_wwid "$A")
mp() { echo "0 $SIZE multipath 0 0 $*"; }

check create-one-path dmctl create "$W" "mpath-$W" "$(mp 1 1 service-time 0 1 1 $DA 1)"
DEV0=$(dmctl info "$W" | cut -d' ' -f3)
reader_start r1 "/dev/mapper/$W"
wait_until 10 test -s /tmp/count-r1

check reload-failover dmctl reload "$W" "$(mp 2 1 service-time 0 1 1 $DA 1 service-time 0 1 1 $DB 1)"
case "$(dmctl table "$W")" in *" 2 1 service-time 0 1 2 $DA 1 1 service-time 0 1 2 $DB 1 1 "*) pass table-failover ;;
*) fail table-failover "$(dmctl table "$W")" ;; esac
sleep 1
check reload-other-path dmctl reload "$W" "$(mp 1 1 round-robin 0 1 1 $DB 1)"
case "$(dmctl table "$W")" in *"round-robin 0 1 1 $DB 1 "*) pass table-other-path ;;
*) fail table-other-path "$(dmctl table "$W")" ;; esac
sleep 1
check reload-multibus dmctl reload "$W" "$(mp 1 1 queue-length 0 2 1 $DA 1 $DB 1)"
sleep 1
check_eq same-dev-after-reloads "$(dmctl info "$W" | cut -d' ' -f3)" "$DEV0"

# A bad table is refused and the live one stays.
check_fails reload-bad-table 1 dmctl reload "$W" "$(mp 1 1 service-time 0 1 1 259:999 1)"
case "$(dmctl table "$W")" in *"queue-length 0 2 1 $DA 1 $DB 1"*) pass live-table-kept ;;
*) fail live-table-kept "$(dmctl table "$W")" ;; esac

# Pull one path out from under the map through the qemu monitor.  Which
# sdX is behind controller s1 depends on probe order, so look for the one
# that went away.
host_event drop-p1
if wait_until 30 sh -c '[ $(ls /sys/block | grep -c "^sd") = 1 ]'; then
	pass path-removed
else
	fail path-removed "still $(sd_devs | tr '\n' ' ')"
fi
if [ -e "/sys/block/$A" ]; then GONE=$DB; else GONE=$DA; fi
wait_until 20 sh -c "dmctl status '$W' | grep -q '$GONE F'" && pass path-failed-by-dm ||
	fail path-failed-by-dm "$(dmctl status "$W")"

# Bring the path back through the monitor and reload the map onto it.
host_event add-p1
if wait_until 30 sh -c '[ $(ls /sys/block | grep -c "^sd") = 2 ]'; then
	pass path-readded
else
	fail path-readded "only $(sd_devs | tr '\n' ' ')"
fi
set -- $(sd_devs)
NA=$(devno "$1") NB=$(devno "$2")
check_eq readded-same-wwid "$(vpd_wwid "$1")" "$(vpd_wwid "$2")"
check reload-readded dmctl reload "$W" "$(mp 1 1 service-time 0 2 1 $NA 1 $NB 1)"
ST=$(dmctl status "$W")
case "$ST" in *"$NA A 0"*"$NB A 0"*) pass both-paths-active ;; *) fail both-paths-active "$ST" ;; esac
sleep 1
reader_stop r1
reader_ok r1 reader-no-io-error
check remove dmctl remove "$W"
