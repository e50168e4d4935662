# multipathd proof 6 (real Debian 12 root): the initramfs runs our
# multipathd from its maps phase on; the root has Debian's multipath-tools
# (/sbin/multipathd), so ours stops before run-init and Debian's takes the
# maps over -- with no reload storm.
# Invariants: ours logged its stop before the hand-over and is gone (the
# one multipathd process is Debian's executable); Debian's multipathd has
# the map; the map's DM event counter and table are what they were before
# the hand-over (recorded by the mount-phase hook 70-record-maps), so it
# had no path failed/reinstated (the counter does move on a path failure:
# checked), and Debian's multipathd counts 0 table loads into it.
# topology: virtio:2
# disk: script:scripts/mkimg-debian.sh
# initramfs: build/initramfs.cpio.gz
# append: root=UUID=6d70626f-6f74-4000-8000-0000000000d1 rw
# hook: mount qemu-tests/hooks/70-record-maps
# mem: 1024
# timeout: 420

. /usr/lib/debian-checks.sh

debian_boot_checks

log=$(dmesg)
check ours-stopped-for-root sh -c "printf '%s' \"\$1\" | grep -q 'mpboot: stopping multipathd: the new root takes over'" sh "$log"
check ours-exited-cleanly sh -c "printf '%s' \"\$1\" | grep -q 'multipathd: exiting, maps left as they are'" sh "$log"
check debian-multipathd-active wait_until 60 systemctl is-active -q multipathd
wait_until 60 sh -c "multipathd show maps 2>/dev/null | grep -q '$W'"
check debian-multipathd-has-map sh -c "multipathd show maps | grep -q '$W'"
exes=
for p in $(pidof multipathd); do exes="$exes $(readlink /proc/$p/exe)"; done
case "$exes" in
" /usr/sbin/multipathd"|" /sbin/multipathd") pass one-multipathd-debians ;;
*) fail one-multipathd-debians "multipathd processes:$exes" ;;
esac
# two of Debian's checker intervals (5 s) after it has the map
sleep 10
before_ev=$(sed -n 's/.* event=\([0-9]*\)$/\1/p' "/run/mpboot-test/info-$W")
after_ev=$(dmsetup info -c --noheadings -o events "$W" | tr -d ' ')
echo "MPD-HANDOVER-EVENTS: before=$before_ev after=$after_ev"
check_eq event-counter-unchanged "$after_ev" "$before_ev"
check_eq table-unchanged "$(dmsetup table "$W")" "$(cat "/run/mpboot-test/table-$W")"
# a same-table reload leaves the DM event counter alone (measured: it
# stayed 2 over dmsetup reload+resume), so ask Debian's multipathd how
# many tables it loaded into the map (0.9.4: show maps stats, map_loads)
stats=$(multipathd show maps stats 2>&1)
loads=$(printf '%s\n' "$stats" | awk -v w="$W" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "map_loads") c = i }
	$1 == w && c { print $c }')
echo "MPD-HANDOVER-MAP-LOADS: ${loads:-?}"
check_eq debian-multipathd-loaded-no-table "$loads" 0
# positive control: the counter does see path events
P=$(dmsetup table "$W" | grep -oE '[0-9]+:[0-9]+' | head -n 1)
dmsetup message "$W" 0 fail_path "$P"
dmsetup message "$W" 0 reinstate_path "$P"
ctl_ev=$(dmsetup info -c --noheadings -o events "$W" | tr -d ' ')
if [ "$ctl_ev" -gt "$after_ev" ]; then pass event-counter-sees-path-events; else fail event-counter-sees-path-events "$after_ev -> $ctl_ev"; fi
