# multipathd proof 1: two paths, an O_DIRECT reader on the map.  Without
# the daemon, path A offline then back (no uevent: only a checker can
# see it), then path B offline, is an I/O error.  With multipathd -i 1:
# A is failed, reinstated within 2 intervals of coming back, and losing
# B then costs no I/O error and no mismatch for a write+verify O_DIRECT
# load.  Also: show maps json answers in
# multipath-tools' layout, shutdown leaves the map as it is.
# topology: virtio:2
# disk: 64M
# modules: sg
# timeout: 240

hbtl_sorted() {
	for d in $(sd_devs); do echo "$(basename "$(readlink -f /sys/block/$d/device)") $d"; done |
		sort -t: -k1,1n -k2,2n -k3,3n -k4,4n | cut -d' ' -f2
}
set -- $(hbtl_sorted)
A=$1 B=$2
W=$(vpd_wwid "$A")
DA=$(devno "$A") DB=$(devno "$B")
check map-made multipath -v0
state() { echo "$2" > "/sys/block/$1/device/state"; }
dm_state() { # map dev_t: A or F from the status line
	dmctl status "$1" | tr ' ' '\n' | grep -A1 "^$2\$" | tail -n 1
}

# --- without the daemon
reader_start r0 "/dev/mapper/$W"
state "$A" offline
sleep 2
state "$A" running
sleep 2
state "$B" offline
sleep 3
reader_stop r0
if [ -e /tmp/err-r0 ]; then pass without-daemon-io-error; else fail without-daemon-io-error "no error"; fi
state "$B" running
dmctl message "$W" 0 reinstate_path "$DA" >/dev/null
dmctl message "$W" 0 reinstate_path "$DB" >/dev/null
check_eq both-back "$(dm_state "$W" "$DA")$(dm_state "$W" "$DB")" AA

# --- with the daemon
check daemon-starts multipathd -i 1
check daemon-answers wait_until 10 multipathd show daemon
check pidfile test -s /run/multipathd.pid
writer_start r1 "/dev/mapper/$W"
state "$A" offline
if wait_until 5 sh -c "[ \"\$(dmctl status $W | tr ' ' '\n' | grep -A1 '^$DA\$' | tail -n 1)\" = F ]"; then
	pass checker-fails-offline-path
else
	fail checker-fails-offline-path "$(multipathd show paths)"
fi
state "$A" running
T0=$(cut -d' ' -f1 /proc/uptime)
if wait_until 4 sh -c "[ \"\$(dmctl status $W | tr ' ' '\n' | grep -A1 '^$DA\$' | tail -n 1)\" = A ]"; then
	T1=$(cut -d' ' -f1 /proc/uptime)
	echo "MPD-REINSTATE-SECONDS: $T0 $T1"
	pass reinstated-within-2-intervals
else
	fail reinstated-within-2-intervals "$(multipathd show paths)"
fi
state "$B" offline
sleep 3
reader_stop r1
writer_ok r1 with-daemon-no-io-error-no-mismatch
state "$B" running
J=$(multipathd show maps json)
case "$J" in *'"map_count": 1,'*"\"name\" : \"$W\""*'"path_groups": ['*) pass show-maps-json ;;
*) fail show-maps-json "$J" ;; esac
check_fails bad-command 1 multipathd show nonsense
check shutdown multipathd shutdown
sleep 1
check_fails daemon-gone 1 multipathd show daemon
check map-left-alone test -b "/dev/mapper/$W"
