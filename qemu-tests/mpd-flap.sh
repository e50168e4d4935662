# multipathd proof 2: flap soak.  FLAPS alternating path flaps (path A
# offline then back, then path B; 10 here, 50 in make bench through
# MPBOOT_SCENARIO_VARS=FLAPS=50) under a write+verify O_DIRECT load on the
# map, daemon -i 1.  Invariants: each downed path is failed in the map and
# reinstated after it comes back, before the other one goes down; the load
# sees 0 I/O errors and 0 mismatches; the daemon's view ends with both
# paths ready.
# topology: virtio:2
# disk: 64M
# modules: sg
# timeout: 420

FLAPS=${FLAPS:-10}
set -- $(sd_devs)
A=$1 B=$2
W=$(vpd_wwid "$A")
check map-made multipath -v0
st_of() { dmctl status "$W" | tr ' ' '\n' | grep -A1 "^$(devno "$1")\$" | tail -n 1; }
st_is() { [ "$(st_of "$1")" = "$2" ]; }
check daemon-starts multipathd -i 1
check daemon-answers wait_until 10 multipathd show daemon
writer_start w "/dev/mapper/$W"
i=0 bad=0 worst=0
while [ "$i" -lt "$FLAPS" ]; do
	if [ $((i % 2)) = 0 ]; then p=$A; else p=$B; fi
	echo offline > "/sys/block/$p/device/state"
	wait_until 5 st_is "$p" F || { bad=$((bad + 1)); echo "flap $i: $p not failed"; }
	sleep 0.5
	echo running > "/sys/block/$p/device/state"
	t0=$(cut -d' ' -f1 /proc/uptime)
	if wait_until 5 st_is "$p" A; then
		t1=$(cut -d' ' -f1 /proc/uptime)
		ms=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%d", (b - a) * 1000 }')
		[ "$ms" -gt "$worst" ] && worst=$ms
	else
		bad=$((bad + 1)); echo "flap $i: $p not reinstated"
	fi
	i=$((i + 1))
done
echo "MPD-FLAP: $FLAPS flaps, slowest reinstate ${worst} ms, $(cat /tmp/count-w) write+verify passes"
check_eq every-flap-failed-and-reinstated "$bad" 0
sleep 1
reader_stop w
writer_ok w write-verify-no-error-no-mismatch
check_eq both-ready "$(multipathd show paths | grep -c ' ready ')" 2
check shutdown multipathd shutdown
