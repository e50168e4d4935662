#!/bin/bash
# `make bench` part for multipath: wall time of a cold run, a re-run and
# -ll on scsi_debug topologies, ours next to Debian's multipath-tools in the
# same guest, with peak RSS (wait4 ru_maxrss, via build/test-bin/runstat).
# Not a timed test: it prints numbers, it does not judge them.
#
#   scripts/bench-multipath.sh            sizes 64 512 2048, with Debian
#   BENCH_SIZES="64 512" BENCH_PEER=0 scripts/bench-multipath.sh
#   BENCH_DEBIAN_MP=0: with the peer, only udev (for "ours with udev
#   running"), not Debian's own multipath runs
#
# The guest scenarios are generated into qemu-tests/bench/ (not part of
# `make check`, which only runs qemu-tests/*.sh) and run by qemu-tests/run.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
sizes=${BENCH_SIZES:-64 512 2048}
peer=${BENCH_PEER:-1}
dir=$top/qemu-tests/bench
mkdir -p "$dir"

topo_of() {
	case "$1" in
	64) echo "4,2,8 512 300" ;;        # H,T,L  mem  timeout
	512) echo "4,4,32 1536 1200" ;;
	2048) echo "8,8,32 3072 3000" ;;
	*) return 1 ;;
	esac
}

gen() { # size withpeer file
	local t mem tmo
	read -r t mem tmo <<< "$(topo_of "$1")" || return 1
	{
		echo "# bench: multipath on scsi_debug $t ($1 paths)"
		echo "# topology: scsi_debug:$t"
		echo "# sd-size-mb: 1"
		echo "# mem: $mem"
		echo "# smp: 2"
		# scsi_debug reports ALUA; Debian asks for the alua handler
		echo "# modules: scsi_dh_alua"
		echo "# timeout: $tmo"
		[ "$2" = 1 ] && echo "# peer: debian"
		echo "BENCH_DEBIAN_MP=${BENCH_DEBIAN_MP:-1}"
		cat <<-'EOF'
		st() { runstat "$@" 2>&1 >/dev/null | sed -n 's/^runstat: //p'; }
		N=$(sd_devs | wc -l)
		echo "BENCH: paths=$N"
		echo "BENCH: ours cold $(st multipath -v0) maps=$(dmctl ls | wc -l)"
		echo "BENCH: ours rerun $(st multipath -v0) maps=$(dmctl ls | wc -l)"
		echo "BENCH: ours ll $(st multipath -ll)"
		# where a re-run spends its time (absolute timestamps, seconds)
		MPBOOT_TIMING=1 multipath -v0 2>&1 | sed -n 's/^multipath: timing: /BENCH:   rerun phase /p'
		M=$(dmctl ls | wc -l)
		[ "$M" -gt 0 ] && pass bench-ours || fail bench-ours "no maps"
		if [ -d /peer/sbin ]; then
			multipath -F
			for d in proc sys dev run tmp; do mkdir -p /peer/$d && mount --bind /$d /peer/$d; done
			export SYSTEMD_IGNORE_CHROOT=1
			chroot /peer /lib/systemd/systemd-udevd --daemon --resolve-names=never
			chroot /peer /bin/udevadm trigger --action=add --subsystem-match=block
			echo "BENCH: udev settle $(st chroot /peer /bin/udevadm settle --timeout=1800)"
			# ours with udev running (the installer case): the run
			# carries DM cookies and returns once udev has made every
			# link -- one wait for the whole run.  Run inside the peer
			# root, where udev's device-mapper rules are; named
			# "multipath" for the multi-call binary.
			mkdir -p /peer/opt/mpboot
			cp /sbin/multipath /peer/opt/mpboot/multipath
			echo "BENCH: ours-with-udev cold $(st chroot /peer /opt/mpboot/multipath -v0) maps=$(dmctl ls | wc -l) dm-uuid-links-at-return=$(ls /dev/disk/by-id/ | grep -c '^dm-uuid-mpath-')"
			L=$(ls /dev/disk/by-id/ | grep -c '^dm-uuid-mpath-')
			echo "BENCH: ours-with-udev rerun $(st chroot /peer /opt/mpboot/multipath -v0) maps=$(dmctl ls | wc -l)"
			[ "$L" = "$M" ] && pass bench-ours-udev || fail bench-ours-udev "links at return $L != $M"
			if [ "${BENCH_DEBIAN_MP:-1}" = 1 ]; then
				chroot /peer /sbin/multipath -F
				chroot /peer /bin/udevadm settle --timeout=600
				echo "BENCH: debian cold $(st chroot /peer /sbin/multipath -v0) maps=$(dmctl ls | wc -l)"
				chroot /peer /bin/udevadm settle --timeout=600
				echo "BENCH: debian rerun $(st chroot /peer /sbin/multipath -v0) maps=$(dmctl ls | wc -l)"
				echo "BENCH: debian ll $(st chroot /peer /sbin/multipath -ll)"
				[ "$(dmctl ls | wc -l)" = "$M" ] && pass bench-debian || fail bench-debian "maps $(dmctl ls | wc -l) != $M"
			fi
		fi
		EOF
	} > "$3"
}

status=0
for s in $sizes; do
	name=mp-$s
	[ "$peer" = 1 ] && name=mp-$s-debian
	gen "$s" "$peer" "$dir/$name.sh" || { echo "bench: unknown size $s" >&2; exit 2; }
	"$top/qemu-tests/run" "bench/$name" > "$top/build/qemu-bench-$name.log" 2>&1 || status=1
	log=$top/build/qemu/$name/console.log
	echo "== multipath bench: $s paths (scsi_debug $(topo_of "$s" | cut -d' ' -f1)), log $log"
	tr -d '\r' < "$log" 2>/dev/null | sed -n 's/^BENCH: /  /p'
	grep -a '^FAIL' "$top/build/qemu-bench-$name.log" | sed 's/^/  /'
done
exit $status
