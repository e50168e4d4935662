# multipathd proof 5: a path that stops answering does not delay the
# checking of the others.  LU0: 2 virtio paths; LU1: 2 scsi_debug paths
# whose every command is then swallowed (scsi_debug every_nth=1 opts=4:
# "ignore the command", so it times out), device timeout 4 s, but
# multipath.conf's checker_timeout 3 s, which wins; daemon -i 1.
# Invariants: the hung paths show faulty after their checker_timeout (and
# the daemon says "no answer"); meanwhile an LU0 path taken offline and
# back is failed and reinstated within 2 intervals, as without the hang;
# once scsi_debug answers again the hung paths are reinstated.
# topology: virtio:2
# disk: 64M
# modules: sg scsi_debug
# mem: 512
# timeout: 300

W0=35000c50015ea7100
. /lib/hung-lu.sh
hung_lu_setup
set -- $lu0
A=$1
set -- $lu1
W1=$(vpd_wwid "$1")
check maps-made multipath -v0
check_eq lu1-two-paths "$(dmctl table "$W1" | grep -oE ' [0-9]+:[0-9]+ ' | wc -l)" 2
faulty_lu1() { [ "$(multipathd show paths | grep " $W1\$" | grep -c ' faulty ')" = 2 ]; }
mkdir -p /etc
printf 'defaults {\n\tchecker_timeout 3\n}\n' > /etc/multipath.conf
check daemon-starts multipathd -i 1
check daemon-answers wait_until 10 multipathd show daemon
sleep 2
# LU1 stops answering
hang 1 4
T0=$(cut -d' ' -f1 /proc/uptime)
if wait_until 15 faulty_lu1; then
	pass hung-paths-faulty
else
	fail hung-paths-faulty "$(multipathd show paths)"
fi
echo "MPD-HUNG: hung paths faulty $T0 -> $(cut -d' ' -f1 /proc/uptime)"
# while they hang: LU0's path A goes and comes back
echo offline > "/sys/block/$A/device/state"
check lu0-path-failed-meanwhile wait_until 5 st_is "$W0" "$A" F
echo running > "/sys/block/$A/device/state"
T1=$(cut -d' ' -f1 /proc/uptime)
if wait_until 2 st_is "$W0" "$A" A; then
	echo "MPD-HUNG-REINSTATE: $T1 -> $(cut -d' ' -f1 /proc/uptime)"
	pass lu0-reinstated-within-2-intervals-while-lu1-hangs
else
	fail lu0-reinstated-within-2-intervals-while-lu1-hangs "$(multipathd show paths)"
fi
check daemon-says-no-answer sh -c "dmesg | grep -q 'multipathd: sd.*: no answer in 3000 ms'"
# LU1 answers again
hang 0 0
both_active() { [ "$(dmctl status "$W1" | tr ' ' '\n' | grep -c '^A$')" = 2 ]; }
if wait_until 60 both_active; then pass hung-paths-back; else fail hung-paths-back "$(multipathd show paths) $(dmctl status "$W1")"; fi
check shutdown multipathd shutdown
