# The measurements of multipathd's scale goals (issue 23) that
# scripts/bench-mpd.sh runs in its guests: each prints "BENCH:" lines,
# none judges.  Needs t.sh (sd_devs) and the bench's now/hwm.

# scsi_debug's default answer delay (1 jiffy) again, after a scan made
# with delay=0: the checks are timed against a device that takes a while
sd_delay() {
	_sd=/sys/bus/pseudo/drivers/scsi_debug
	[ "$(cat $_sd/delay 2>/dev/null)" = 0 ] && echo 1 > $_sd/delay
	echo "BENCH: scsi_debug delay $(cat $_sd/delay 2>/dev/null) jiffies"
}

# sweep_period SECS: every path's command count (iorequest_cnt: the
# kernel counts each command sent to the device; only the daemon sends
# any here) read about once a second for SECS s.  Per path, the longest
# time between two counts that differ, the first change not counted (its
# start is not seen): how long a path waited between two checks, to
# within one reading (whose own time is printed).
sweep_period() {
	_end=$(($(cut -d. -f1 /proc/uptime) + $1))
	rm -f /tmp/snaps /tmp/snaptimes
	while [ "$(cut -d. -f1 /proc/uptime)" -lt $_end ]; do
		_t=$(now)
		grep -H . /sys/block/sd*/device/iorequest_cnt |
			sed "s|^/sys/block/\([^/]*\)/device/iorequest_cnt:|$_t \1 |" >> /tmp/snaps
		echo "$_t $(now)" >> /tmp/snaptimes
		sleep 1
	done
	awk '{ if ($2 in v && v[$2] != $3) { if ($2 in at) { g = $1 - at[$2]; if (g > gap[$2]) gap[$2] = g }
	                                      at[$2] = $1; n[$2]++ }
	       v[$2] = $3 }
	     END { for (p in v) { paths++; if (!(p in at)) never++; else if (n[p] < 2) once++;
	                           if (gap[p] > max) max = gap[p]; if (gap[p] > 6) over++ }
	           printf "BENCH: sweep %d paths over the readings: longest gap between two checks of a path %.2f s, paths with a gap over 6 s %d, paths never checked %d, checked once only %d\n",
	                  paths, max, over + 0, never + 0, once + 0 }' /tmp/snaps
	awk '{ d = $2 - $1; if (d > m) m = d; s += d; k++ } END { printf "BENCH: sweep readings %d, one reading of every count takes %.2f s (mean), %.2f s (longest)\n", k, s / k, m }' /tmp/snaptimes
}

# fail_latency K: K paths spread over the disks set offline at once; for
# each, the time until its map's status has it failed (F)
fail_latency() {
	_n=$(sd_devs | wc -l)
	_i=1
	_list=
	while [ $_i -le "$1" ]; do
		_list="$_list $(sd_devs | sed -n "$(( (_n * _i) / $1 ))p")"
		_i=$((_i + 1))
	done
	_t0=$(now)
	for _p in $_list; do echo offline > "/sys/block/$_p/device/state"; done
	for _p in $_list; do
		_dm=$(ls "/sys/block/$_p/holders" | head -n 1)
		_map=$(cat "/sys/block/$_dm/dm/name")
		_dev=$(cat "/sys/block/$_p/dev")
		if wait_until 60 sh -c "dmctl status $_map | grep -q '$_dev F'"; then
			echo "BENCH: fail_path $_p ($_dev in $_map) $(awk "BEGIN { printf \"%.2f\", $(now) - $_t0 }") s after offline"
		else
			echo "BENCH: fail_path $_p ($_dev in $_map) not seen within 60 s"
		fi
	done
	for _p in $_list; do echo running > "/sys/block/$_p/device/state"; done
}

# show_times PID: the listings' wall time and size, then the daemon's RSS
# while a client takes "show maps json" 4 KiB a second (a slow reader)
show_times() {
	for _v in "show paths" "show maps" "show maps json"; do
		_t0=$(now)
		_b=$(multipathd $_v | wc -c)
		echo "BENCH: $_v $_b bytes in $(awk "BEGIN { printf \"%.2f\", $(now) - $_t0 }") s, RSS $(sed -n 's/^VmRSS:[[:space:]]*//p' /proc/$1/status)"
	done
	multipathd show maps json | (while [ "$(head -c 4096 | wc -c)" -gt 0 ]; do sleep 1; done) &
	_r=$!
	sleep 3
	_t0=$(now)
	multipathd show daemon > /dev/null
	echo "BENCH: slow reader: daemon RSS $(sed -n 's/^VmRSS:[[:space:]]*//p' /proc/$1/status), show daemon meanwhile $(awk "BEGIN { printf \"%.2f\", $(now) - $_t0 }") s"
	kill $_r 2>/dev/null
	wait $_r 2>/dev/null
}
