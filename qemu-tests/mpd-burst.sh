# multipathd proof 4, the burst: 256 paths arriving at once (scsi_debug
# add_host: a second path to each of 256 LUs) cause one reload per map.
# Invariants: with the daemon running on 256 one-path maps, after the
# burst every map has 2 paths, the daemon made exactly 256 reloads and no
# create (the uevents of the burst were coalesced per map).
# topology: scsi_debug:1,4,64
# sd-size-mb: 1
# mem: 1024
# modules: sg
# timeout: 900

N0=$(sd_devs | wc -l)
check_eq one-path-per-lu "$N0" 256
check maps-made multipath -v0
M=$(dmctl ls | wc -l)
check_eq maps "$M" 256
check daemon-starts multipathd -i 5
check daemon-answers wait_until 60 multipathd show daemon
reloads() { multipathd show daemon | sed -n 's/.* reloads \([0-9]*\) .*/\1/p'; }
creates() { multipathd show daemon | sed -n 's/.* creates \([0-9]*\) .*/\1/p'; }
check_eq adopted-without-reload "$(reloads) $(creates)" "0 0"
T0=$(cut -d' ' -f1 /proc/uptime)
echo 1 > /sys/bus/pseudo/drivers/scsi_debug/add_host
wait_until 300 sh -c '[ "$(ls /sys/block | grep -c "^sd")" = 512 ]'
two_each() { [ "$(for m in $(dmctl ls | cut -d' ' -f1); do dmctl table "$m" | grep -oE ' [0-9]+:[0-9]+ ' | wc -l; done | sort -u | tr '\n' ' ')" = "2 " ]; }
if wait_until 120 two_each; then pass every-map-two-paths; else fail every-map-two-paths "$(multipathd show daemon)"; fi
T1=$(cut -d' ' -f1 /proc/uptime)
echo "MPD-BURST: 256 paths added $T0 -> all in maps $T1; $(multipathd show daemon | tr '\n' ' ')"
sleep 3
check_eq one-reload-per-map "$(reloads) $(creates)" "256 0"
check shutdown multipathd shutdown
