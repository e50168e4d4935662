# multipathd against hostile peers and a hung LU (issue 24).  LU0: 2
# virtio paths; LU1: 2 scsi_debug paths (ALUA, prio alua by RTPG) whose
# commands are swallowed when it "hangs"; daemon -i 1, checker_timeout 3.
# A non-root user holds flock on /etc/multipath the whole time.
# Invariants:
# - the user's flock stops neither multipath nor the daemon (item 8);
# - a forged "add" uevent (a root process's multicast to group 1 and a
#   unicast to the daemon's port) does not undo a "del path" (item 6);
# - with 1 000 connections of the worst kinds held open (idle, a request a
#   byte per 0.9 s, "show maps json" read 4 KiB per 0.9 s, dropped ones
#   made again 0.9 s later) and LU1 hung while a rescan is due (its priority is not
#   read synchronously), a root "show paths" is answered within 1 s (every
#   one of 10 tries), an LU0 path going offline is failed within 2
#   intervals (max_polling_interval = polling_interval: no backoff), and
#   reinstated within 2 intervals; with the default max_polling_interval
#   (4 intervals) a healthy path's failure within 4 intervals + 1 s
#   (items 1-4);
# - a partition-map child stuck on the hung LU's new map does not keep the
#   next daemon from starting (item 5);
# - a non-root impostor holding the control socket's name is refused by
#   the root client (it says so, within its bound, answering or silent)
#   and named by a daemon that cannot start (item 7).
# topology: virtio:2
# disk: 64M
# modules: sg scsi_debug
# mem: 512
# timeout: 420

W0=35000c50015ea7100
ulimit -n 4096
. /lib/hung-lu.sh
hung_lu_setup
set -- $lu0
A=$1 B=$2
set -- $lu1
L1=$1
W1=$(vpd_wwid "$1")
up() { cut -d' ' -f1 /proc/uptime; }
ms_since() { awk -v a="$1" -v b="$(up)" 'BEGIN { printf "%d", (b - a) * 1000 }'; }
in_map() { dmctl table "$1" | grep -q " $(devno "$2") "; }
out_of_map() { ! in_map "$@"; }
no_daemon() { ! timeout 3 multipathd show daemon >/dev/null 2>&1; }
# client calls bounded: a daemon held by a peer must fail the check, not hang it
mpd() { timeout 20 multipathd "$@"; }
mkdir -p /etc/multipath
# max_polling_interval 1: a healthy path is checked every interval (-i 1),
# so "failed within 2 intervals" is what is asserted under the flood
printf 'defaults {\n\tchecker_timeout 3\n\tmax_polling_interval 1\n}\n' > /etc/multipath.conf

# item 8: a user's flock on the directory, held throughout
runas 1000 1000 mpdprobe flock /etc/multipath 400 > /tmp/flock.log 2>&1 &
FL=$!
check flock-held wait_until 5 grep -q held /tmp/flock.log
T=$(up)
check multipath-despite-flock timeout 20 multipath -v0
echo "MPD-HOSTILE: multipath with the directory flocked: $(ms_since "$T") ms"
check wwids-written grep -q "$W1" /etc/multipath/wwids
check_eq lu1-two-paths "$(dmctl table "$W1" | grep -oE ' [0-9]+:[0-9]+ ' | wc -l)" 2

check daemon-starts multipathd -i 1
check daemon-answers wait_until 10 mpd show daemon
sleep 2

# item 6: a forged add does not put back a deleted path
check del-path mpd del path "$B"
check deleted wait_until 5 out_of_map "$W0" "$B"
DP=$(readlink -f "/sys/block/$B" | sed 's|^/sys||')
# the daemon's uevent socket: its netlink port (protocol 15, group 1)
PORT=$(awk '$2 == 15 && $4 == "00000001" { print $3; exit }' /proc/net/netlink)
echo "MPD-HOSTILE: the daemon's uevent port: $PORT"
MPDPROBE_PORT=$PORT mpdprobe uevent "add@$DP" ACTION=add \
	"DEVPATH=$DP" SUBSYSTEM=block DEVTYPE=disk "DEVNAME=$B" SEQNUM=999999
sleep 3
if out_of_map "$W0" "$B"; then pass forged-add-ignored; else fail forged-add-ignored "$(dmctl table "$W0")"; fi
check add-path mpd add path "$B"
check added wait_until 5 in_map "$W0" "$B"

T=$(up)
mpd show paths > /tmp/sp 2>&1
echo "MPD-HOSTILE: root show paths without load: $(ms_since "$T") ms"
# items 1-4: 1 000 hostile connections, LU1 hung, a rescan due
mpdprobe hold 1000 mix 90 > /tmp/probe.log 2>&1 &
PR=$!
sleep 5
hang 1 4
echo change > "/sys/block/$L1/uevent"
sleep 1
worst=0 all=
# utime + stime, ticks of 10 ms
cpu() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null; }
MPD=$(cat /run/multipathd.pid)
c0p=$(cpu "$PR") c0d=$(cpu "$MPD") t0=$(up)
for i in 1 2 3 4 5 6 7 8 9 10; do
	T=$(up)
	mpd show paths > /tmp/sp 2>&1 || echo "show paths failed: $(cat /tmp/sp)"
	e=$(ms_since "$T")
	all="$all $e"
	[ "$e" -gt "$worst" ] && worst=$e
	grep -q "$A" /tmp/sp || worst=99999
	sleep 0.2
done
echo "MPD-HOSTILE: root show paths under load, 10 tries (ms):$all; worst $worst"
# where a wait would be: in the connect (a full backlog), before the first
# bytes (queued behind the flood, or the daemon busy), or after them
for i in 1 2 3; do mpdprobe ask "show paths"; done
echo "MPD-HOSTILE: cpu over $(ms_since "$t0") ms (ticks of 10 ms): probe $c0p..$(cpu "$PR"), daemon $c0d..$(cpu "$MPD")"
if [ "$worst" -lt 1000 ]; then
	pass show-paths-within-1s
else
	fail show-paths-within-1s "$worst ms: $(cat /tmp/sp)"
fi
echo offline > "/sys/block/$A/device/state"
T=$(up)
wait_until 4 st_is "$W0" "$A" F
e=$(ms_since "$T")
echo "MPD-HOSTILE: LU0 path failed after $e ms (max_polling_interval 1)"
if st_is "$W0" "$A" F && [ "$e" -le 2000 ]; then
	pass path-failed-within-2-intervals-under-load
else
	fail path-failed-within-2-intervals-under-load "$e ms: $(dmctl status "$W0")"
fi
echo running > "/sys/block/$A/device/state"
T=$(up)
if wait_until 2 st_is "$W0" "$A" A; then
	echo "MPD-HOSTILE: LU0 path reinstated after $(ms_since "$T") ms"
	pass reinstated-within-2-intervals-under-load
else
	fail reinstated-within-2-intervals-under-load "$(dmctl status "$W0")"
fi
# the default max_polling_interval (4 intervals): a healthy path's checks
# back off to 4 s (1, 2, 4 s), so its failure is seen within 4 s + 1
printf 'defaults {\n\tchecker_timeout 3\n}\n' > /etc/multipath.conf
check reconfigure-default-backoff mpd reconfigure
sleep 8
echo offline > "/sys/block/$A/device/state"
T=$(up)
wait_until 7 st_is "$W0" "$A" F
e=$(ms_since "$T")
echo "MPD-HOSTILE: LU0 path failed after $e ms (default max_polling_interval)"
if st_is "$W0" "$A" F && [ "$e" -le 5000 ]; then
	pass path-failed-within-backoff-under-load
else
	fail path-failed-within-backoff-under-load "$e ms: $(dmctl status "$W0")"
fi
echo running > "/sys/block/$A/device/state"
check reinstated-after-backoff wait_until 3 st_is "$W0" "$A" A
T=$(up)
check show-daemon-under-load mpd show daemon
echo "MPD-HOSTILE: show daemon $(ms_since "$T") ms"
kill "$PR"
wait "$PR" 2>/dev/null
cat /tmp/probe.log
check_eq probe-reached-the-daemon "$(grep -c 'connections' /tmp/probe.log)" 1
hang 0 0

# item 5: a partition-map child stuck on a hung LU's new map
check shutdown-1 mpd shutdown
check daemon-gone-1 wait_until 10 no_daemon
check flush-lu1 multipath -f "$W1"
hang 1 4
check daemon-creates multipathd -i 1
check lu1-map-made wait_until 10 dmctl info "$W1"
sleep 1
echo "MPD-HOSTILE: multipathd processes before shutdown: $(pidof multipathd)"
check shutdown-2 mpd shutdown
check daemon-gone-2 wait_until 10 no_daemon
echo "MPD-HOSTILE: left after shutdown: $(pidof multipathd)"
T=$(up)
check restarts-beside-stuck-child multipathd -i 1
check restarted-answers wait_until 10 mpd show daemon
hang 0 0
check shutdown-3 mpd shutdown
check daemon-gone-3 wait_until 10 no_daemon

# item 7: a non-root impostor on the name
runas 1000 1000 mpdprobe impostor 60 ok > /tmp/imp.log 2>&1 &
IMP=$!
check impostor-holds wait_until 5 grep -q holds /tmp/imp.log
T=$(up)
out=$(timeout 15 multipathd reconfigure 2>&1)
rc=$?
echo "MPD-HOSTILE: client vs answering impostor: rc $rc in $(ms_since "$T") ms: $out"
if [ "$rc" = 1 ] && echo "$out" | grep -q "not root"; then
	pass client-refuses-impostor
else
	fail client-refuses-impostor "rc $rc: $out"
fi
out=$(timeout 15 multipathd -i 1 2>&1)
rc=$?
echo "MPD-HOSTILE: daemon vs impostor: rc $rc: $out"
if [ "$rc" = 1 ] && echo "$out" | grep -q "impostor"; then
	pass daemon-names-impostor
else
	fail daemon-names-impostor "rc $rc: $out"
fi
kill "$IMP"
wait "$IMP" 2>/dev/null
runas 1000 1000 mpdprobe impostor 60 silent > /tmp/imp.log 2>&1 &
IMP=$!
check silent-impostor-holds wait_until 5 grep -q holds /tmp/imp.log
T=$(up)
out=$(timeout 90 multipathd show daemon 2>&1)
rc=$?
e=$(ms_since "$T")
echo "MPD-HOSTILE: client vs silent impostor: rc $rc in $e ms: $out"
if [ "$rc" = 1 ] && [ "$e" -lt 7000 ]; then
	pass client-bounded-vs-silent-impostor
else
	fail client-bounded-vs-silent-impostor "rc $rc in $e ms: $out"
fi
kill "$IMP"
wait "$IMP" 2>/dev/null
kill "$FL"
