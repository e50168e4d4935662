#!/bin/bash
# `make bench` part for booting: boot-to-root time and image size of
# mpboot's initramfs next to Debian 12's initramfs-tools with
# multipath-tools-boot, on the same disk image and the same VM: one LU
# behind two virtio-scsi paths (as in scripts/demo.sh), the Debian kernel
# from scripts/kernel.sh, -accel tcg, -smp 2, -m 512, the same append line
# and the same root=: the partition map by name, then (BENCH_UUID=0 skips
# it) root=UUID= of the root filesystem, which issue 5 says Debian's initrd
# resolves to a member path.  Not a timed test: it prints numbers.
#
#   scripts/bench-boot.sh                  both images, one boot each
#   BENCH_BOOT_RUNS=3 scripts/bench-boot.sh    three boots each
#   BENCH_DEBIAN=0 scripts/bench-boot.sh       mpboot only (BENCH_MPBOOT=0: Debian only)
#   BENCH_UUID=0 scripts/bench-boot.sh         root=/dev/mapper/... only
#   BENCH_ROOTFS="test debian"                  which roots (default both)
#   BENCH_MPBOOT_INITRD=FILE BENCH_NAME=label   boot that mpboot image (e.g.
#                                          an older build), named label
#   BENCH_DEBIAN_INITRD=FILE                    Debian's initrd built before
#   BENCH_APPEND="..."                          more kernel parameters
#                                          (bench.dmesg: the whole kernel log)
#   BENCH_FLOOR=1                               the floor beside ours (make
#                                          bench-boot-floor): our image with
#                                          /init replaced by tests/guest/bootfloor
#                                          (modules, both disks, mount: nothing
#                                          else), the two alternating boot by boot
#   BENCH_FLOOR_LIST=FILE                       the floor loads FILE (a load.list
#                                          of fewer modules) instead of ours
#
# At the end: the time from /init to the hand-over (the kernel's "Run
# /init" stamp to the root's init, or to systemd's first message on the
# Debian root), median and min over the runs, and mpboot's phases from
# the "mpboot: timing:" line its init leaves in the kernel log.
#
# Two roots: "test", the small root of scripts/mkimg-root.sh whose own
# /sbin/init prints the marker, and "debian", the real Debian 12 system of
# scripts/mkimg-debian.sh (systemd, udev, multipath-tools) where a unit
# ordered after multi-user.target prints it: there the figure is the time
# to multi-user.target, the whole boot a user waits for.
#
# The root filesystem's /sbin/init prints `BENCH-ROOT: uptime <s>` (the
# guest clock, /proc/uptime, when the real root's init starts) and powers
# off; the host notes the wall time from qemu's start to that line.
#
# Debian's initrd is built on the host by scripts/debian-initrd.sh
# (mkinitramfs with multipath-tools-boot; needs root, else the Debian row
# is skipped).
# table FILE: the breakdown from FILE (one line a boot: "key init=S
# handover=S phase=S..."), median and min over the runs of each key.
table() {
	echo
	echo "/init start -> hand-over (run-init; on the Debian root: systemd's first message), seconds;"
	echo "mpboot's phases from its 'mpboot: timing:' kmsg line: median (min) over the runs"
	awk '
	function med(a, n,   i, j, t) { # sorts a[1..n], returns the median
		for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	{
		k = $1; if (!(k in runs)) keys[++nk] = k; n = ++runs[k]
		np = 0; kt = ""
		for (i = 2; i <= NF; i++) {
			split($i, kv, "=")
			if (kv[1] == "kt") { kt = kv[2]; continue }
			name[np] = kv[1]; at[np++] = kv[2]
		}
		# kt: the printk stamp of the timing line (= the run-init mark):
		# /init start moved onto the marks clock
		if (kt != "") for (i = 2; i < np; i++) if (name[i] == "run-init") at[0] -= kt - at[i]
		# name[0]=init (/init start), name[1]=end (hand-over), then the phases
		tot[k, n] = at[1] - at[0]
		ri[k, n] = "" # /init -> run-init, the goal of issue 13
		for (i = 2; i < np; i++) if (name[i] == "run-init") { ri[k, n] = at[i] - at[0]; hasri[k] = 1 }
		for (i = 2; i < np; i++) {
			p = name[i]
			if (!((k, p) in seenp)) { seenp[k, p] = 1; ph[k, ++nph[k]] = p }
			nxt = (i + 1 < np) ? at[i + 1] : at[1]
			if (i == 2) { d = at[i] - at[0]; q = "kernel->" p; if (!((k, q) in seenp)) { seenp[k, q] = 1; pre[k] = q }; v[k, q, n] = d }
			v[k, p, n] = nxt - at[i]
		}
	}
	END {
		for (x = 1; x <= nk; x++) {
			k = keys[x]; n = runs[k]
			for (i = 1; i <= n; i++) a[i] = tot[k, i]
			m = med(a, n)
			printf "%-44s runs %d  total %.2f (%.2f)\n", k, n, m, a[1]
			if (hasri[k]) { for (i = 1; i <= n; i++) a[i] = ri[k, i]; m = med(a, n); printf "    %-18s %.2f (%.2f)\n", "/init->run-init", m, a[1] }
			if (pre[k] != "") { for (i = 1; i <= n; i++) a[i] = v[k, pre[k], i]; m = med(a, n); printf "    %-18s %.2f (%.2f)\n", "/init->" substr(pre[k], 9), m, a[1] }
			for (j = 1; j <= nph[k]; j++) {
				p = ph[k, j]
				for (i = 1; i <= n; i++) a[i] = v[k, p, i]
				m = med(a, n)
				printf "    %-18s %.2f (%.2f)\n", p, m, a[1]
			}
		}
	}' "$1"
}

set -eu
# scripts/bench-boot.sh --table FILE: only the table, from lines collected
# before (e.g. several runs' build/bench-boot/times.txt concatenated)
if [ "${1:-}" = --table ]; then table "$2"; exit 0; fi
top=$(cd "$(dirname "$0")/.." && pwd)
O=${O:-$top/build}
d=$O/bench-boot
mkdir -p "$d"
export MPBOOT_CACHE=${MPBOOT_CACHE:-$top/build/cache}
KDIR=$("$top/scripts/kernel.sh")
KVER=$(basename "$KDIR")
runs=${BENCH_BOOT_RUNS:-1}
want_debian=${BENCH_DEBIAN:-1}
want_uuid=${BENCH_UUID:-1}
rootfs_list=${BENCH_ROOTFS:-test debian}
tmo=${BENCH_BOOT_TIMEOUT:-240}
wwn=0x5000c50015ea7100
W=35000c50015ea7100
roots_of() { # ROOTFS: the root= values to boot it with
	echo "/dev/mapper/$W-part1"
	# the filesystem UUIDs scripts/mkimg-root.sh / mkimg-debian.sh give the root
	[ "$want_uuid" = 1 ] || return 0
	case "$1" in
	test) echo UUID=6d70626f-6f74-4000-8000-000000000001 ;;
	debian) echo UUID=6d70626f-6f74-4000-8000-0000000000d1 ;;
	esac
}
# panic=10: both inits reboot on failure instead of waiting in a shell,
# and -no-reboot turns that into qemu exiting.
base="console=ttyS0 quiet rw panic=10${BENCH_APPEND:+ $BENCH_APPEND}"
say() { echo "bench-boot: $*"; }

# ------------------------------------------------------------ the images

# BENCH_MPBOOT_INITRD=FILE: boot that image instead (e.g. an older build)
mp_img=${BENCH_MPBOOT_INITRD:-$O/initramfs.cpio.gz}
if [ -z "${BENCH_MPBOOT_INITRD:-}" ]; then
	say "building mpboot's initramfs (make initramfs)"
	make -s -C "$top" initramfs KVER="$KVER" KERNEL_DIR="$KDIR" > "$d/make.log" 2>&1 ||
		{ cat "$d/make.log" >&2; exit 1; }
fi

# The root filesystem's init: the marker first, then what it was booted from.
cat > "$d/root-init" <<'EOF'
#!/test-bin/busybox sh
read -r up _ < /proc/uptime
echo "BENCH-ROOT: uptime $up"
bb=/test-bin/busybox
# the kernel's start of /init and the init's phase times (mpboot only)
$bb dmesg | $bb grep -E 'Run /init as init process|mpboot: timing:' | $bb sed 's/^/BENCH-KMSG: /'
# BENCH_APPEND=bench.dmesg: the whole kernel log, to see where time goes
$bb grep -q bench.dmesg /proc/cmdline && $bb dmesg | $bb sed 's/^/BENCH-DMESG: /'
echo "BENCH-ROOT: root $($bb awk '$2 == "/" { print $1 }' /proc/mounts)"
for m in /sys/block/dm-*; do
	[ -d "$m/dm" ] || continue
	echo "BENCH-ROOT: map ${m##*/} $(cat $m/dm/name) on: $($bb ls $m/slaves | $bb tr '\n' ' ')"
done
$bb sync
$bb poweroff -f
EOF
"$top/scripts/mkimg-root.sh" dos --init "$d/root-init" --scenario /dev/null "$d/disk-test.img"
case " $rootfs_list " in *" debian "*)
	# The Debian root: its test unit (after multi-user.target) runs this.
	cat > "$d/debian-scenario" <<'EOF'
read -r up _ < /proc/uptime
echo "BENCH-ROOT: uptime $up"
echo "BENCH-ROOT: root $(awk '$2 == "/" { print $1 }' /proc/mounts)"
echo "BENCH-ROOT: systemd $(systemd-analyze time 2>/dev/null | head -n 1)"
# the kernel's start of /init, the init's phase times (mpboot only) and
# systemd's first message: the hand-over
dmesg | grep -E 'Run /init as init process|mpboot: timing:' | sed 's/^/BENCH-KMSG: /'
dmesg | grep -m 1 'systemd\[1\]:' | sed 's/^/BENCH-KMSG: handover /'
pass bench-booted
EOF
	say "building the Debian root image (scripts/mkimg-debian.sh)"
	"$top/scripts/mkimg-debian.sh" --scenario "$d/debian-scenario" "$d/disk-debian.img" \
		> "$d/mkimg-debian.log" 2>&1 || { cat "$d/mkimg-debian.log" >&2; exit 1; }
	;;
esac

build_debian() { # OUT
	"$top/scripts/debian-initrd.sh" "$1" "$d/debian-mkinitramfs.log"
}

# ------------------------------------------------------------ the boots

# boot NAME INITRD APPEND: one boot on a fresh copy of the disk image; sets
# r_up (guest uptime at the root's init), r_wall (host seconds from qemu's
# start to the marker), r_rootdev and r_ok.
boot() {
	local name=$1 initrd=$2 append=$3 rootfs=$4 log=$d/$1.console.log img=$d/run.img qpid t0 t1 now mem=512
	[ "$rootfs" = debian ] && mem=1024
	cp --sparse=always "$d/disk-$rootfs.img" "$img"
	rm -f "$log"
	r_up= r_wall= r_rootdev= r_ok=no r_init= r_hand= r_marks=
	exec 9>/tmp/mpboot-qemu.lock
	flock 9
	t0=$(date +%s.%N)
	qemu-system-x86_64 -accel tcg -nodefaults -no-reboot -machine pc -cpu max -m $mem -smp 2 \
		-display none -net none -serial "file:$log" \
		-kernel "$KDIR/vmlinuz" -initrd "$initrd" -append "$append" \
		-blockdev "driver=raw,node-name=lu0,file.driver=file,file.filename=$img,file.locking=off" \
		-device virtio-scsi-pci,id=s0 -device virtio-scsi-pci,id=s1 \
		-device "scsi-hd,bus=s0.0,scsi-id=0,lun=0,drive=lu0,id=p0l0,share-rw=on,wwn=$wwn,serial=MPBOOT-LU0" \
		-device "scsi-hd,bus=s1.0,scsi-id=0,lun=0,drive=lu0,id=p1l0,share-rw=on,wwn=$wwn,serial=MPBOOT-LU0" \
		> "$d/$name.qemu.log" 2>&1 &
	qpid=$!
	t1=
	while kill -0 $qpid 2>/dev/null; do
		now=$(date +%s.%N)
		if [ -z "$t1" ] && [ -f "$log" ] && grep -aq '^BENCH-ROOT: uptime' "$log"; then
			t1=$now
		fi
		if awk "BEGIN { exit !($now - $t0 > $tmo) }"; then
			say "$name: no power-off after ${tmo} s, killing qemu"
			kill $qpid 2>/dev/null || true
			break
		fi
		sleep 0.05
	done
	wait $qpid 2>/dev/null || true
	flock -u 9
	exec 9>&-
	rm -f "$img"
	[ -n "$t1" ] || return 0
	r_wall=$(awk "BEGIN { printf \"%.2f\", $t1 - $t0 }")
	r_up=$(tr -d '\r' < "$log" | sed -n 's/^BENCH-ROOT: uptime \([0-9.]*\).*/\1/p' | head -n 1)
	r_rootdev=$(tr -d '\r' < "$log" | sed -n 's/^BENCH-ROOT: root //p' | head -n 1)
	# /init start (the kernel's "Run /init" stamp) and the hand-over: the
	# test root's init start, or systemd's first message on the Debian root
	r_init=$(tr -d '\r' < "$log" | sed -n 's/^BENCH-KMSG: \[ *\([0-9.]*\)\] Run \/init.*/\1/p' | head -n 1)
	if [ "$rootfs" = debian ]; then
		r_hand=$(tr -d '\r' < "$log" | sed -n 's/^BENCH-KMSG: handover \[ *\([0-9.]*\)\].*/\1/p' | head -n 1)
	else
		r_hand=$r_up
	fi
	r_marks=$(tr -d '\r' < "$log" | sed -n 's/^BENCH-KMSG: \[[ 0-9.]*\] mpboot: timing: *//p' | head -n 1)
	# the kernel's stamp of that line, written right after the run-init
	# mark: the marks are /proc/uptime, the "Run /init" stamp the printk
	# clock, and under TCG the two differ by tens of ms, not the same
	# way in every boot; the table puts the stamp on the marks' clock
	r_kt=$(tr -d '\r' < "$log" | sed -n 's/^BENCH-KMSG: \[ *\([0-9.]*\)\] mpboot: timing:.*/\1/p' | head -n 1)
	[ -z "$r_marks" ] || [ -z "$r_kt" ] || r_marks="kt=$r_kt $r_marks"
	# on the map, not on a member path behind its back
	case "$r_rootdev" in /dev/mapper/*|/dev/dm-*) r_ok=yes ;; esac
	return 0
}

rows=
bench() { # NAME INITRD
	local i sz r n tag fs
	sz=$(stat -c %s "$2")
	for fs in $rootfs_list; do
	for r in $(roots_of "$fs"); do
		case "$r" in UUID=*) tag=uuid ;; *) tag=mapper ;; esac
		n=$1-$fs-$tag
		for i in $(seq 1 "$runs"); do
			say "booting $1 on the $fs root, root=$r (run $i/$runs): $(basename "$2"), $sz bytes"
			boot "$n" "$2" "$base root=$r" "$fs"
			if [ -n "$r_up" ]; then
				say "    root init at ${r_up} s guest uptime, ${r_wall} s wall; root ${r_rootdev}"
			else
				say "    did not reach the root: last console lines ($d/$n.console.log):"
				tr -d '\r' < "$d/$n.console.log" | grep -av '^\s*$' | tail -n 25 | sed 's/^/    | /'
			fi
			rows="$rows$(printf '%-24s %-7s %-7s %10s %8s %8s  %-3s %s' "$1" "$fs" "$tag" "$sz" \
				"${r_up:--}" "${r_wall:--}" "$r_ok" "${r_rootdev:-(no root)}")
"
			# one line a boot for the breakdown: key, /init, hand-over, marks
			[ -n "$r_init" ] && [ -n "$r_hand" ] &&
				echo "$1/$fs/$tag init=$r_init end=$r_hand $r_marks" >> "$d/times.txt"
		done
	done
	done
}

rm -f "$d/times.txt"
if [ "${BENCH_FLOOR:-0}" = 1 ]; then
	# The floor image: ours plus a second archive whose /init (the kernel
	# unpacks both, in order) is bootfloor; the same modules and load.list.
	[ -x "$O/test-bin/bootfloor" ] && [ -x "$O/tools/gen_init_cpio" ] ||
		{ echo "bench-boot: make guest-bins build/tools/gen_init_cpio first" >&2; exit 1; }
	# with floor.min, bootfloor reads min.list instead of load.list
	fl_append=${BENCH_FLOOR_LIST:+ floor.min}
	{
		printf 'file /init %s 0755 0 0\n' "$O/test-bin/bootfloor"
		[ -z "$fl_append" ] ||
			printf 'file /lib/modules/%s/min.list %s 0644 0 0\n' "$KVER" "$(realpath "$BENCH_FLOOR_LIST")"
	} | "$O/tools/gen_init_cpio" - | gzip -n > "$d/floor-overlay.cpio.gz"
	cat "$mp_img" "$d/floor-overlay.cpio.gz" > "$d/floor.cpio.gz"
	# floor and ours alternate, so a change of the machine's load hits both
	for i in $(seq 1 "$runs"); do
		runs=1
		base="$base$fl_append" bench "floor${fl_append:+-list}" "$d/floor.cpio.gz"
		[ "${BENCH_MPBOOT:-1}" = 0 ] || bench "${BENCH_NAME:-mpboot}" "$mp_img"
		say "host load: $(cut -d' ' -f1-3 /proc/loadavg)"
	done
elif [ "${BENCH_MPBOOT:-1}" != 0 ]; then
	bench "${BENCH_NAME:-mpboot}" "$mp_img"
fi
if [ "$want_debian" = 1 ]; then
	say "building Debian's initrd: mkinitramfs (initramfs-tools, multipath-tools-boot) for $KVER"
	# BENCH_DEBIAN_INITRD=FILE: an initrd built before (skips mkinitramfs)
	if [ -n "${BENCH_DEBIAN_INITRD:-}" ]; then
		bench debian-initramfs-tools "$BENCH_DEBIAN_INITRD"
	elif build_debian "$d/debian-initrd.img"; then
		bench debian-initramfs-tools "$d/debian-initrd.img"
	else
		rows="$rows$(printf '%-24s %-7s %-7s %10s %8s %8s  %-3s %s' debian-initramfs-tools - - - - - no \
			"(initrd not built)")
"
	fi
fi

echo
echo "boot-to-root, kernel $KVER, qemu -accel tcg -smp 2 -m 512, 1 LU x 2 virtio-scsi paths"
echo "append: $base root=<mapper: /dev/mapper/$W-part1 | uuid: UUID= of that filesystem>"
printf '%-24s %-7s %-7s %10s %8s %8s  %-3s %s\n' image rootfs root= "size(B)" "guest(s)" "wall(s)" ok "root"
printf '%s' "$rows"
echo "(guest = /proc/uptime when the test root's /sbin/init starts, or when the Debian root reaches"
echo " multi-user.target; wall = host seconds from qemu start"
echo " to that line on the serial console; ok = root mounted from a dm device, not a member path;"
echo " console logs in $d/)"

# The breakdown: /init -> hand-over per image, root and root=, median and
# min over the runs; for mpboot each phase (from the init's "mpboot:
# timing:" line: the uptime each phase began) as the time to the next mark.
[ -s "$d/times.txt" ] && table "$d/times.txt"
exit 0
