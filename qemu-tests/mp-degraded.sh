# Degraded start: the LU is reachable through one path at boot, multipath
# makes a one-path map; the second path appears through the qemu monitor and
# a re-run reloads the live map with both paths while a reader keeps reading
# it; the path then goes away and a re-run drops it the same way.
# Invariants: never a remove or a second map (same dev_t throughout); the
# reader sees no I/O error; each re-run after a change prints "reload:".
# topology: virtio:2
# boot-paths: 1
# disk: 64M
# timeout: 180
# host add-p1: @add p1l0
# host del-p1: @del p1l0

W=35000c50015ea7100
check_eq one-path-at-boot "$(sd_devs | wc -l)" 1
A=$(sd_devs)
OUT=$(multipath -v2 2>&1)
case "$OUT" in "create: $W dm-"*"\`- 0:0:0:0 $A "*) pass single-path-map ;; *) fail single-path-map "$OUT" ;; esac
DEV0=$(dmctl info $W | cut -d' ' -f3)
case "$(dmctl table $W)" in *"multipath 0 0 1 1 service-time 0 1 2 $(devno $A) 1 1"*) pass one-path-table ;;
*) fail one-path-table "$(dmctl table $W)" ;; esac
reader_start r1 /dev/mapper/$W
wait_until 10 test -s /tmp/count-r1

host_event add-p1
if wait_until 30 sh -c '[ $(ls /sys/block | grep -c "^sd") = 2 ]'; then pass path-added; else fail path-added "$(sd_devs)"; fi
B=$(sd_devs | grep -v "^$A\$")
wait_until 10 test -b /dev/$B
OUT=$(multipath -v2 2>&1)
case "$OUT" in "reload: $W dm-"*"1:0:0:0 $B "*) pass reload-with-both ;; *) fail reload-with-both "$OUT" ;; esac
T=$(dmctl table $W)
case "$T" in *"2 1 service-time 0 1 2 $(devno $A) 1 1 service-time 0 1 2 $(devno $B) 1 1"*) pass two-path-table ;;
*) fail two-path-table "$T" ;; esac
check_eq same-dev-after-add "$(dmctl info $W | cut -d' ' -f3)" "$DEV0"
check_eq rerun-quiet "$(multipath -v2 2>&1)" ""
sleep 1

host_event del-p1
if wait_until 30 sh -c '[ $(ls /sys/block | grep -c "^sd") = 1 ]'; then pass path-gone; else fail path-gone "$(sd_devs)"; fi
# Before the re-run the map still lists the vanished path (idle in its
# failover group, so dm may not have failed it yet); -ll shows it gone.
OUT=$(multipath -ll 2>&1)
case "$OUT" in *"\`- #:#:#:# - "*" faulty gone"*) pass ll-shows-gone-path ;; *) fail ll-shows-gone-path "$OUT" ;; esac
OUT=$(multipath -v2 2>&1)
case "$OUT" in "reload: $W dm-"*) pass reload-drops-path ;; *) fail reload-drops-path "$OUT" ;; esac
case "$(dmctl table $W)" in *"multipath 0 0 1 1 service-time 0 1 2 $(devno $A) 1 1"*) pass back-to-one-path ;;
*) fail back-to-one-path "$(dmctl table $W)" ;; esac
check_eq same-dev-after-del "$(dmctl info $W | cut -d' ' -f3)" "$DEV0"
sleep 1
reader_stop r1
reader_ok r1 reader-no-io-error
check_eq one-map "$(dmctl ls | wc -l)" 1
