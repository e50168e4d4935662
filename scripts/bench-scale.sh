#!/bin/bash
# `make bench` part for issue 23 (scale): on scsi_debug topologies of 512,
# 2 048 and 16 384 paths, the floor (tests/guest/scanfloor: the same
# per-path sysfs reads with nothing else; -r adds the one REPORT TARGET
# PORT GROUPS per path the alua prioritiser sends) beside multipath's cold
# run, re-run with every map right, and -ll: wall time, peak RSS, read
# system calls and bytes read (runstat), and the cold run's phases
# (MPBOOT_TIMING=1), then a cold run and -ll under sysccount (system
# calls and the time inside them, per phase).  Debian's multipath-tools on the same topologies:
# scripts/bench-multipath.sh (it does not finish 2 048 paths in under 12
# minutes; 16 384 is not tried).  Prints numbers, judges nothing.
#
#   scripts/bench-scale.sh                     sizes 512 2048 16384
#   BENCH_SIZES="512 2048" scripts/bench-scale.sh
#   BENCH_SD_OPTS=delay=0 ...                  scsi_debug answers at once
#                                              (default: its 1-jiffy delay)
#
# 16 384 paths / 4 096 LUs (scsi_debug 4,64,64): scsi_debug's max_queue=32
# (host queue depth 32 instead of 192: the I/O scheduler's requests of
# each disk's queue, 2 x min(depth, 128), shrink from 256 to 64, about
# 160 kB of guest memory a path, scripts/bench-sdmem.sh; 4 hosts x 32 still take the 128 commands
# multipath keeps in flight), a 12 GiB guest; BENCH_MEM_16384 (MiB)
# overrides.  The kernel's own scan of them under TCG takes minutes.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
sizes=${BENCH_SIZES:-512 2048 16384}
dir=$top/qemu-tests/bench
mkdir -p "$dir"

topo_of() { # H,T,L  mem(MiB)  timeout(s)  [scsi_debug options]
	case "$1" in
	512) echo "4,4,32 1536 1500" ;;
	2048) echo "8,8,32 3072 3000" ;;
	4096) echo "4,16,64 6144 3600" ;;
	8192) echo "4,32,64 8192 5400 max_queue=32" ;;
	16384) echo "4,64,64 ${BENCH_MEM_16384:-12288} 7200 max_queue=32" ;;
	*) return 1 ;;
	esac
}

gen() { # size file
	local t mem tmo sdo
	read -r t mem tmo sdo <<< "$(topo_of "$1")" || return 1
	sdo=${BENCH_SD_OPTS:-}${BENCH_SD_OPTS:+${sdo:+,}}$sdo
	{
		echo "# bench: scale, scsi_debug $t ($1 paths)"
		echo "# topology: scsi_debug:$t"
		echo "# sd-size-mb: 1"
		echo "# modules: sg" # as the initramfs: RTPGs and TURs on the sg nodes
		[ -n "$sdo" ] && echo "# sd-opts: $sdo"
		echo "# mem: $mem"
		echo "# smp: 2"
		echo "# timeout: $tmo"
		cat <<-'EOF2'
		st() { runstat "$@" 2>&1 >/dev/null | sed -n 's/^runstat: //p'; }
		# the guest's memory, kB: what the kernel's scan left, and what
		# the maps add (read after the cold run)
		mem() { awk '/^(MemTotal|MemAvailable|Slab):/ { printf " %s %d", $1, $2 }' /proc/meminfo; }
		echo "BENCH: paths=$(sd_devs | wc -l) host $(cat /sys/class/scsi_host/host0/can_queue) tags, $(cat /sys/block/sda/queue/scheduler) nr_requests $(cat /sys/block/sda/queue/nr_requests)"
		echo "BENCH: mem after the scan$(mem)"
		echo "BENCH: floor scan $(st scanfloor)"
		echo "BENCH: floor scan+rtpg $(st scanfloor -r)"
		MPBOOT_TIMING=1 runstat multipath -v0 2>&1 >/dev/null | sed 's/^/BENCH: cold /'
		echo "BENCH: maps=$(dmctl ls | wc -l)"
		echo "BENCH: mem with the maps$(mem)"
		MPBOOT_TIMING=1 runstat multipath -v0 2>&1 >/dev/null | sed 's/^/BENCH: rerun /'
		echo "BENCH: ll $(st multipath -ll)"
		[ "$(dmctl ls | wc -l)" -gt 0 ] && pass bench-scale || fail bench-scale "no maps"
		# the cold run again under sysccount: each phase's calls and the
		# time spent inside them (seg 1 scan, 2 the middle, 3 maps)
		multipath -F
		MPBOOT_TIMING=1 sysccount multipath -v0 2>&1 >/dev/null | sed -n 's/^sysccount: /BENCH: sysc cold /p'
		sysccount multipath -ll 2>&1 >/dev/null | sed -n 's/^sysccount: seg=all/BENCH: sysc ll/p'
		EOF2
	} > "$2"
}

status=0
for s in $sizes; do
	name=scale-$s
	gen "$s" "$dir/$name.sh" || { echo "bench: unknown size $s" >&2; exit 2; }
	"$top/qemu-tests/run" "bench/$name" > "$top/build/qemu-bench-$name.log" 2>&1 || status=1
	log=$top/build/qemu/$name/console.log
	echo "== scale bench: $s paths (scsi_debug $(topo_of "$s" | cut -d' ' -f1)), log $log"
	tr -d '\r' < "$log" 2>/dev/null | sed -n 's/^BENCH: /  /p'
	grep -a '^FAIL' "$top/build/qemu-bench-$name.log" | sed 's/^/  /'
done
exit $status
