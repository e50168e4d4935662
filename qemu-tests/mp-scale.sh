# Scale guard (issue 23): multipath's work grows linearly with the paths
# and LUs, never quadratically.  From 1 024 paths / 256 LUs to 4 096 paths /
# 1 024 LUs (4 paths a LU; both x4, the LUs added at run time through
# scsi_debug's max_luns and a host rescan) the read system calls and the
# bytes read (/proc/PID/io through runstat) of a cold run, a re-run with
# every map right and -ll grow at most 5 x (4 x 1.25); every LU has its
# map both times.  Counted, never timed: TCG's speed follows the host's
# load.  CPU-only loops (lookups by WWID, name, device number) are
# guarded by t_hidx's probe counts.  delay=0: scsi_debug answers at once,
# so the kernel's scan of 4 096 disks fits the scenario's time (about 6
# minutes in all on a loaded 2-core host, 2026-12-07; 1 024 -> 4 096 paths:
# read calls 8 194 -> 32 770 on the cold run, x4.0, `qemu-tests/run
# mp-scale` 2026-12-07).
# topology: scsi_debug:4,16,16
# sd-size-mb: 1
# sd-opts: delay=0
# mem: 6144
# smp: 2
# timeout: 900

sd=/sys/bus/pseudo/drivers/scsi_debug
# run NAME CMD...: CMD's counters as "NAME syscr=.. rchar=.." in /tmp/counts
run() {
	n=$1
	shift
	c=$(runstat "$@" 2>&1 >/dev/null | sed -n 's/^runstat: //p')
	echo "SCALE: $(sd_devs | wc -l) paths, $n: $c"
	echo "$n $c" >> /tmp/counts.$(sd_devs | wc -l)
}
measure() {
	rm -f /etc/multipath/wwids /etc/multipath/bindings
	run cold multipath -v0
	check_eq "maps-$1" "$(dmctl ls | wc -l)" "$2"
	run rerun multipath -v0
	run ll multipath -ll
}
check_eq paths-1k "$(sd_devs | wc -l)" 1024
measure 1k 256
multipath -F # the 4k run is cold again
echo 64 > $sd/max_luns
for h in /sys/class/scsi_host/host*; do
	[ "$(cat $h/proc_name)" = scsi_debug ] && echo "- - -" > $h/scan
done
i=0
while [ "$(sd_devs | wc -l)" -lt 4096 ] && [ $i -lt 600 ]; do sleep 0.5; i=$((i + 1)); done
check_eq paths-4k "$(sd_devs | wc -l)" 4096
measure 4k 1024
# every counter of every run: 4k <= 5 x 1k
for r in cold rerun ll; do
	for k in syscr rchar; do
		a=$(sed -n "s/^$r .* $k=\([0-9]*\).*/\1/p" /tmp/counts.1024)
		b=$(sed -n "s/^$r .* $k=\([0-9]*\).*/\1/p" /tmp/counts.4096)
		if [ -n "$a" ] && [ -n "$b" ] && [ "$b" -le $((a * 5)) ]; then
			pass "linear-$r-$k"
		else
			fail "linear-$r-$k" "1k: ${a:-?}, 4k: ${b:-?} (more than 5x: quadratic?)"
		fi
	done
done
