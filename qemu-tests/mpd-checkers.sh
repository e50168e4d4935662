# multipathd checkers directio and readsector0 (tur: mpd-reinstate).
# Invariants, for each: the daemon reports the checker it runs (without
# -c: per LU, the configuration's, with how many paths run each); its first
# check of every path completes and judges it ready (the command really
# went out and came back: an AIO read that never completed, or an sg READ
# never answered, would leave it pending/faulty); an offline path is failed
# in the map and reinstated within 2 intervals of coming back, while a
# write+verify O_DIRECT load on the map sees 0 errors and 0 mismatches.
# topology: virtio:2
# disk: 64M
# modules: sg
# timeout: 240

set -- $(sd_devs)
A=$1
W=$(vpd_wwid "$A")
DA=$(devno "$A")
check map-made multipath -v0
dm_state() { dmctl status "$W" | tr ' ' '\n' | grep -A1 "^$DA\$" | tail -n 1; }
state_is() { [ "$(dm_state)" = "$1" ]; }
ready_count() { multipathd show paths | grep -c ' ready '; }
ready_is() { [ "$(ready_count)" = "$1" ]; }
for c in directio readsector0; do
	check "$c-starts" multipathd -i 1 -c "$c"
	check "$c-answers" wait_until 10 multipathd show daemon
	check "$c-named" sh -c "multipathd show daemon | grep -qx 'checker $c'"
	if wait_until 10 ready_is 2; then pass "$c-paths-ready"; else fail "$c-paths-ready" "$(multipathd show paths)"; fi
	writer_start "w$c" "/dev/mapper/$W"
	echo offline > "/sys/block/$A/device/state"
	if wait_until 5 state_is F; then pass "$c-fails-path"; else fail "$c-fails-path" "$(multipathd show paths)"; fi
	echo running > "/sys/block/$A/device/state"
	if wait_until 3 state_is A; then pass "$c-reinstates-within-2-intervals"; else fail "$c-reinstates-within-2-intervals" "$(multipathd show paths)"; fi
	if wait_until 5 ready_is 2; then pass "$c-ready-again"; else fail "$c-ready-again" "$(multipathd show paths)"; fi
	sleep 1
	reader_stop "w$c"
	writer_ok "w$c" "$c-write-verify-no-error"
	check "$c-shutdown" multipathd shutdown
	wait_until 5 sh -c '! multipathd show daemon'
done
check_fails unknown-checker 2 multipathd -c emc_clariion
# without -c each LU's checker comes from the configuration, and show
# daemon says so (it said "checker tur" whatever the configuration chose)
mkdir -p /etc/multipath
printf 'defaults {\n\tpath_checker directio\n}\n' > /etc/multipath.conf
check per-lu-starts multipathd -i 1
check per-lu-answers wait_until 10 multipathd show daemon
per_lu() { multipathd show daemon | grep -qx 'checker per LU from the configuration (default directio): tur 0 directio 2 readsector0 0'; }
if wait_until 10 per_lu; then pass per-lu-named; else fail per-lu-named "$(multipathd show daemon)"; fi
check per-lu-shutdown multipathd shutdown
