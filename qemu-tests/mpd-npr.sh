# multipathd proof 3: every path down with no_path_retry N (-n 8, -i 1).
# Invariants: while no path is up the map queues: an O_DIRECT read blocks
# (still running 2 s later) and completes with no error once a path comes
# back within N intervals; with every path down past N intervals the
# daemon sends fail_if_no_path, the blocked read fails cleanly (an I/O
# error, no hang) and a new read fails at once; a path back makes the map
# queue again.
# Without -n and -i the daemon takes no_path_retry per LU and
# polling_interval from multipath.conf, as multipath-tools: `queue` keeps
# the map queueing (the -n default "fail" turned it off at the first
# tick), and `no_path_retry 2` with `polling_interval 1` fails it within a
# few seconds of the last path going (at the 5 s default: 10 s or more).
# topology: virtio:2
# disk: 64M
# modules: sg
# timeout: 240

set -- $(sd_devs)
A=$1 B=$2
W=$(vpd_wwid "$A")
check map-made multipath -v0
queueing() { dmctl table "$W" | grep -q queue_if_no_path; }
not_queueing() { ! queueing; }
failed_both() { [ "$(dmctl status "$W" | tr ' ' '\n' | grep -c '^F$')" = 2 ]; }
active_both() { [ "$(dmctl status "$W" | tr ' ' '\n' | grep -c '^A$')" = 2 ]; }
bg_read() { # NAME SKIP: one O_DIRECT 4 KiB read in the background, rc in /tmp/rc-NAME
	rm -f "/tmp/rc-$1"
	( dd if="/dev/mapper/$W" of=/dev/null bs=4k count=1 skip="$2" iflag=direct 2>/dev/null; echo $? > "/tmp/rc-$1" ) &
}
done_rc() { [ -e "/tmp/rc-$1" ]; }

# N = 8: the first part brings a path back ~3 s after all went down; a
# smaller N left too little slack on a loaded CI machine (seen with N = 4)
check daemon-starts multipathd -i 1 -n 8
check daemon-answers wait_until 10 multipathd show daemon
check queue-while-paths-up wait_until 5 queueing

# --- all down, a path back within N intervals
echo offline > "/sys/block/$A/device/state"
echo offline > "/sys/block/$B/device/state"
check both-failed wait_until 5 failed_both
bg_read q1 100
sleep 2
if done_rc q1; then fail io-blocks-while-queueing "read ended: rc $(cat /tmp/rc-q1)"; else pass io-blocks-while-queueing; fi
echo running > "/sys/block/$A/device/state"
if wait_until 5 done_rc q1 && [ "$(cat /tmp/rc-q1)" = 0 ]; then
	pass io-completes-when-path-returns
else
	fail io-completes-when-path-returns "rc $(cat /tmp/rc-q1 2>/dev/null); $(multipathd show paths)"
fi
check still-queueing queueing

# --- all down past N intervals
echo offline > "/sys/block/$A/device/state"
check both-failed-again wait_until 5 failed_both
bg_read q2 200
T0=$(cut -d' ' -f1 /proc/uptime)
if wait_until 25 not_queueing; then
	T1=$(cut -d' ' -f1 /proc/uptime)
	echo "MPD-NPR-FAIL-SECONDS: $T0 $T1"
	pass fail-if-no-path-after-n-intervals
else
	fail fail-if-no-path-after-n-intervals "$(dmctl table "$W")"
fi
if wait_until 5 done_rc q2 && [ "$(cat /tmp/rc-q2)" != 0 ]; then
	pass queued-io-fails-cleanly
else
	fail queued-io-fails-cleanly "rc $(cat /tmp/rc-q2 2>/dev/null)"
fi
bg_read q3 300
if wait_until 3 done_rc q3 && [ "$(cat /tmp/rc-q3)" != 0 ]; then
	pass new-io-fails-at-once
else
	fail new-io-fails-at-once "rc $(cat /tmp/rc-q3 2>/dev/null)"
fi

# --- a path back: queueing again, I/O works
echo running > "/sys/block/$A/device/state"
echo running > "/sys/block/$B/device/state"
check paths-back wait_until 5 active_both
check queueing-again wait_until 3 queueing
check io-after-return dd if="/dev/mapper/$W" of=/dev/null bs=4k count=1 skip=400 iflag=direct
check shutdown multipathd shutdown

# --- the configuration's no_path_retry and polling_interval (no -n, -i)
mkdir -p /etc/multipath
printf 'defaults {\n\tpolling_interval 1\n\tno_path_retry queue\n}\n' > /etc/multipath.conf
# with no daemon running multipath turns queueing off (queue_without_daemon
# no, as multipath-tools): the daemon must turn it on from the configuration
check conf-queue-reload multipath -v0 -r
check conf-daemon-starts multipathd
check conf-daemon-answers wait_until 10 multipathd show daemon
sleep 4
check conf-queue-kept queueing
printf 'defaults {\n\tpolling_interval 1\n\tno_path_retry 2\n}\n' > /etc/multipath.conf
check conf-reconfigure multipathd reconfigure
echo offline > "/sys/block/$A/device/state"
echo offline > "/sys/block/$B/device/state"
check conf-both-failed wait_until 5 failed_both
check conf-n-fails-soon wait_until 7 not_queueing
echo running > "/sys/block/$A/device/state"
echo running > "/sys/block/$B/device/state"
check conf-paths-back wait_until 5 active_both
check conf-queueing-again wait_until 3 queueing
check conf-shutdown multipathd shutdown
rm -f /etc/multipath.conf
