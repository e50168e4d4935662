#!/bin/bash
# `make bench` part: the guest kernel's memory a scsi_debug path, which
# sets the guest sizes of the scale benches (scripts/bench-scale.sh,
# bench-mpd.sh).  One guest per scsi_debug option set: MemFree,
# MemAvailable and Slab (with its largest caches) before modprobe and
# after the kernel's scan, per path; then what the benches need from the
# paths still works: checkfloor's TURs, scanfloor -r's RTPGs, multipath
# cold and -ll.  Prints numbers, judges nothing.
#
#   scripts/bench-sdmem.sh                       4,4,32 (512 paths)
#   BENCH_SDMEM="def: mq32:max_queue=32" ...     LABEL:OPT,OPT... each
#   BENCH_TOPO=4,4,32 ...
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
dir=$top/qemu-tests/bench
mkdir -p "$dir"
topo=${BENCH_TOPO:-4,4,32}

gen() { # opts(comma-separated) file
	{
		echo "# bench: guest memory a scsi_debug path, $topo, options '$1'"
		echo "# topology: none" # scsi_debug is loaded by the scenario
		echo "# modules: sg scsi_debug"
		echo "# mem: 3072"
		echo "# smp: 2"
		echo "# timeout: 1500"
		echo "TOPO=$topo OPTS='$(echo "$1" | tr , ' ')'"
		cat <<-'EOF2'
		IFS=, read -r H T L <<-EOT
		$TOPO
		EOT
		N=$((H * T * L))
		mi() { awk -v k="$1:" '$1 == k { print $2 }' /proc/meminfo; }
		snap() { # tag
			sync
			echo 3 > /proc/sys/vm/drop_caches
			for k in MemFree MemAvailable Slab SUnreclaim; do echo "$k $(mi $k)"; done > /tmp/mem.$1
			awk 'NR > 2 { print $1, $3 * $4 }' /proc/slabinfo > /tmp/slab.$1
		}
		snap before
		# shellcheck disable=SC2086
		modprobe scsi_debug add_host=$H num_tgts=$T max_luns=$L vpd_use_hostno=0 dev_size_mb=1 $OPTS
		wait_until 900 sh -c "[ \$(ls /sys/block | grep -c '^sd') -ge $N ]"
		sleep 3
		echo "BENCH: $(ls /sys/block | grep -c '^sd') disks, host $(cat /sys/class/scsi_host/host0/can_queue) tags, $(cat /sys/block/sda/queue/scheduler) nr_requests $(cat /sys/block/sda/queue/nr_requests), $(ls -d /sys/block/sda/mq/* | wc -l) hw queues"
		snap after
		paste /tmp/mem.before /tmp/mem.after |
			awk -v n=$N '{ d = $2 - $4; printf "BENCH: %s down %d kB, %.1f kB a path\n", $1, d, d / n }' |
			sed 's/Slab down -/Slab up /; s/SUnreclaim down -/SUnreclaim up /; s/, -/, /'
		awk 'NR == FNR { a[$1] = $2; next } $2 > a[$1] { print $2 - a[$1], $1 }' /tmp/slab.before /tmp/slab.after |
			sort -rn | head -6 | awk -v n=$N '{ printf "BENCH: slab %s %d kB, %.1f kB a path\n", $2, $1 / 1024, $1 / 1024 / n }'
		st() { runstat "$@" 2>&1 >/dev/null | sed -n 's/^runstat: //p'; }
		echo "BENCH: $( (ulimit -n 65536; checkfloor) )"
		echo "BENCH: scanfloor -r $(st scanfloor -r)"
		echo "BENCH: multipath cold $(st multipath -v0), $(dmctl ls | wc -l) maps"
		echo "BENCH: multipath -ll $(st multipath -ll)"
		pass sdmem-measured # the harness wants a check; the numbers are the point
		EOF2
	} > "$2"
}

status=0
for c in ${BENCH_SDMEM:-def: mq32:max_queue=32 mq8:max_queue=8 sq2:submit_queues=2}; do
	name=sdmem-${c%%:*}
	gen "${c#*:}" "$dir/$name.sh"
	"$top/qemu-tests/run" "bench/$name" > "$top/build/qemu-bench-$name.log" 2>&1 || status=1
	echo "== guest memory a scsi_debug path: $topo, options '${c#*:}', log $top/build/qemu/$name/console.log"
	tr -d '\r' < "$top/build/qemu/$name/console.log" 2>/dev/null | sed -n 's/^BENCH: /  /p'
	grep -a '^FAIL' "$top/build/qemu-bench-$name.log" | sed 's/^/  /'
done
exit $status
