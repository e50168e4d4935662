# multipathd past its open-file limit (issue 23).  The daemon raises its
# soft RLIMIT_NOFILE to the hard one; here the hard one is 256 for 512
# paths, so after the 96 fds kept spare and the 64 lent out one check at
# a time, fewer than 100 paths can hold a checker fd.  Invariants: every
# path still gets a checker verdict (show paths: 512 "ready" within 30 s
# at -i 1; the tree before issue 23 checked 151 and left the others
# "undef" for good, 2026-12-07), and a path going offline is failed in its
# map.  First, without the fd limit and with scsi_debug's 1-jiffy delay:
# the first sweep of the 512 paths (an sg node opened for each) is spread
# over turns of 100 ms, so clients are answered while it is under way
# (at least 3 "show daemon" answers with first-sweep 0; 2026-12-07: 9,
# first-sweep 9.2 s from the start with this polling going on; 514f8c5,
# which sent the whole sweep in one turn, answered 1, first-sweep 5.8 s).
# topology: scsi_debug:4,4,32
# sd-size-mb: 1
# sd-opts: delay=0
# modules: sg
# mem: 1536
# timeout: 600

check create multipath -v0
echo 1 > /sys/bus/pseudo/drivers/scsi_debug/delay
check daemon-starts-unlimited multipathd -i1
n=0
k=0
while [ $k -lt 3000 ]; do
	s=$(multipathd show daemon 2>/dev/null | sed -n 's/.*first-sweep \([0-9]*\) ms.*/\1/p')
	[ -n "$s" ] && [ "$s" != 0 ] && break
	[ "$s" = 0 ] && n=$((n + 1))
	k=$((k + 1))
done
echo "answers during the first sweep: $n (first-sweep $s ms)"
[ "$n" -ge 3 ] && pass answers-during-sweep || fail answers-during-sweep "$n answers, first-sweep $s ms"
multipathd shutdown
check daemon-stopped wait_until 10 sh -c '! multipathd show daemon'
echo 0 > /sys/bus/pseudo/drivers/scsi_debug/delay
ulimit -n 256
check_eq hard-limit "$(ulimit -Hn)" 256
check daemon-starts multipathd -i1
ready() { [ "$(multipathd show paths | grep -c ' active ready ')" = 512 ]; }
if wait_until 30 ready; then
	pass every-path-checked
else
	fail every-path-checked "$(multipathd show paths | awk '{print $5, $6}' | sort | uniq -c)"
fi
B=$(sd_devs | tail -n 1)
echo offline > "/sys/block/$B/device/state"
failed() { multipathd show paths | grep -q " $B .* failed faulty "; }
check offline-path-failed wait_until 15 failed
check still-answers multipathd show daemon
