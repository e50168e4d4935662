#!/bin/bash
# `make bench` part for issue 12: proofs that a Debian root on a 2-path LU
# boots with root=UUID= from an initramfs built INSIDE the booted guest by
#   initramfs-tools  update-initramfs, with mpboot's hook + local-top script
#   dracut           dracut, with mpboot's 90mpboot module
#   mpboot           mpboot-mkinitramfs (this host's modules, fstab root)
# and the figures for docs/boot.md: each image's size and its boot time,
# beside
#   stock            Debian's own initramfs-tools + multipath-tools-boot
#                    (scripts/debian-initrd.sh, built on the host: the
#                    guest root has no multipath-tools-boot), on the same
#                    disk without mpboot installed, booted with
#                    root=/dev/mapper/WWID-part1, then once with root=UUID=
#                    (which Debian's stack resolves to a member path)
# Not in make check: two Debian boots and an image build under TCG take
# several minutes per proof.
#
#   scripts/bench-distro-initramfs.sh [initramfs-tools] [dracut] [mpboot] [stock]
#   BENCH_DISTRO_REBOOT_ONLY=1 ...   the timed boots only, with the image
#                                    the last run built in the guest
#   BENCH_DISTRO_RUNS=N ...          N timed boots of each image (default 1)
#
# Per proof: scripts/mkimg-debian.sh --variant V --install writes the disk
# (the Debian root with the distribution's builder and mpboot installed;
# the guest side is qemu-tests/distro/initramfs-proof.sh); boot 1 through
# mpboot's build/initramfs.cpio.gz builds the image in the guest and writes
# it to a transfer disk (virtio-blk); the host reads it back; each timed
# boot through that image, on a fresh copy of the disk as mkimg-debian.sh
# wrote it, checks that / and every fstab mount are on the multipath map's
# -partN maps and prints the times.  Prints PASS:/FAIL: lines and a table
# (median, min-max over the runs); exits non-zero on any failure.
# Boot time = dmesg's "Run /init as init process" to the real root's
# systemd start (systemd's UserspaceTimestampMonotonic: after the switch
# when the initrd runs systemd itself, as dracut's does); multi-user =
# multi-user.target's activation; both on the kernel log's clock.  Each
# timed boot's PROOF-TIME line is appended to build/bench-distro/times.txt.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
O=${O:-$top/build}
d=$O/bench-distro
mkdir -p "$d"
export MPBOOT_CACHE=${MPBOOT_CACHE:-$top/build/cache}
KDIR=$("$top/scripts/kernel.sh") || exit 1
KVER=$(basename "$KDIR")
tmo=${BENCH_DISTRO_TIMEOUT:-900}
wwn=0x5000c50015ea7100
U=6d70626f-6f74-4000-8000-0000000000d1
proofs=${*:-initramfs-tools dracut mpboot stock}
runs=${BENCH_DISTRO_RUNS:-1}
W=35000c50015ea7100
status=0
rows=
say() { echo "bench-distro: $*"; }

make -s -C "$top" all initramfs build/tools/gen_init_cpio > "$d/make.log" 2>&1 ||
	{ cat "$d/make.log" >&2; exit 1; }

# boot NAME INITRD APPEND [XFER]: one boot of the disk $d/KIND.img (NAME
# is KIND-STEP); console in $d/NAME.log.
boot() {
	local name=$1 initrd=$2 append=$3 xfer=${4:-} log=$d/$1.log img=$d/${1%-*}.img t0 xargs=()
	[ -n "$xfer" ] && xargs=(-drive "file=$xfer,format=raw,if=virtio")
	rm -f "$log"
	exec 9>/tmp/mpboot-qemu.lock
	flock 9
	t0=$SECONDS
	timeout -k 5 "$tmo" qemu-system-x86_64 -accel tcg -nodefaults -no-reboot -machine pc \
		-cpu max -m 1024 -smp 2 -display none -net none -serial "file:$log" \
		-kernel "$KDIR/vmlinuz" -initrd "$initrd" -append "$append" \
		-blockdev "driver=raw,node-name=lu0,file.driver=file,file.filename=$img,file.locking=off" \
		-device virtio-scsi-pci,id=s0 -device virtio-scsi-pci,id=s1 \
		-device "scsi-hd,bus=s0.0,scsi-id=0,lun=0,drive=lu0,id=p0l0,share-rw=on,wwn=$wwn,serial=MPBOOT-LU0" \
		-device "scsi-hd,bus=s1.0,scsi-id=0,lun=0,drive=lu0,id=p1l0,share-rw=on,wwn=$wwn,serial=MPBOOT-LU0" \
		"${xargs[@]}" > "$d/$name.qemu.log" 2>&1
	echo "qemu exit $? after $((SECONDS - t0)) s" >> "$d/$name.qemu.log"
	flock -u 9
	exec 9>&-
}

# judge BOOT: the guest's markers of $d/BOOT.log as distro-BOOT/...; 0 if it passed.
judge() {
	local name=distro-$1 log=$d/$1.log ok=0
	tr -d '\r' < "$log" | sed -n "s|^PASS: |PASS: $name/|p; s|^FAIL: |FAIL: $name/|p"
	grep -aq '^FAIL: ' "$log" && ok=1
	if ! grep -aq '^MPBOOT-TEST-END rc=0' "$log"; then
		echo "FAIL: $name: no clean end marker (timeout, panic or hang; $log)"
		ok=1
	fi
	if [ $ok != 0 ]; then
		echo "---- $name: console (last 40 lines) ----"
		tr -d '\r' < "$log" | grep -av '^\s*$' | tail -n 40
	fi
	return $ok
}

# stats V...: "median (min-max)" of the values, or "-" for none.
stats() {
	[ $# = 0 ] && { echo -; return; }
	printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 }
	END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
	      if (NR == 1) printf "%.2f", m; else printf "%.2f (%.2f-%.2f)", m, v[1], v[NR] }'
}

# Phase 1, per proof: the disk, and the image (built in the guest, or
# Debian's on the host, or reused).
ready=
declare -A its mus okk
for kind in $proofs; do
	install=--install
	case "$kind" in
	initramfs-tools|mpboot) variant=initramfs-tools ;;
	dracut) variant=dracut ;;
	stock) variant=initramfs-tools install= ;;
	*) echo "FAIL: distro-$kind: unknown proof"; status=1; continue ;;
	esac
	# $kind.disk: the disk as mkimg-debian.sh wrote it; every boot gets a copy
	img=$d/$kind.img disk=$d/$kind.disk xfer=$d/$kind.xfer
	say "$kind: disk (Debian root, variant $variant${install:+, mpboot installed})"
	if ! "$top/scripts/mkimg-debian.sh" --variant "$variant" $install \
		--scenario "$top/qemu-tests/distro/initramfs-proof.sh" "$disk" > "$d/$kind.mkimg.log" 2>&1; then
		echo "FAIL: distro-$kind: disk image: $(tail -n 3 "$d/$kind.mkimg.log")"; status=1; continue
	fi
	if [ "${BENCH_DISTRO_REBOOT_ONLY:-0}" = 1 ] && [ -s "$d/$kind.initrd" ]; then
		say "$kind: reusing $d/$kind.initrd (built by an earlier run)"
	elif [ "$kind" = stock ]; then
		say "$kind: Debian's initrd, built on the host (scripts/debian-initrd.sh)"
		"$top/scripts/debian-initrd.sh" "$d/$kind.initrd" "$d/$kind.mkinitramfs.log" ||
			{ echo "FAIL: distro-$kind: Debian's initrd not built"; status=1; continue; }
	else
		rm -f "$xfer" "$d/$kind.initrd"; truncate -s 256M "$xfer"
		cp --sparse=always "$disk" "$img"
		say "$kind: boot 1 (mpboot's image), building the image in the guest"
		boot "$kind-build" "$O/initramfs.cpio.gz" \
			"console=ttyS0 quiet rw panic=10 root=UUID=$U mpboot.proof=build:$kind" "$xfer"
		judge "$kind-build" || { status=1; continue; }
		set -- $(head -c 512 "$xfer" | tr -d '\0' | head -n 1)
		if [ "${1:-}" != MPBOOT-XFER ] || [ -z "${2:-}" ]; then
			echo "FAIL: distro-$kind: no image on the transfer disk"; status=1; continue
		fi
		dd if="$xfer" bs=1M skip=1 2>/dev/null | head -c "$2" > "$d/$kind.initrd"
		rm -f "$xfer"
	fi
	ready="$ready $kind" its[$kind]= mus[$kind]= okk[$kind]=yes
done

# Phase 2: the timed boots, one of each image a round, so that the load
# of a shared machine changing under the runs falls on every image alike.
for r in $(seq 1 "$runs"); do
	for kind in $ready; do
		root=UUID=$U
		[ "$kind" = stock ] && root=/dev/mapper/$W-part1
		say "$kind: timed boot $r/$runs ($(stat -c %s "$d/$kind.initrd") bytes), root=$root"
		cp --sparse=always "$d/$kind.disk" "$d/$kind.img"
		boot "$kind-check$r" "$d/$kind.initrd" "console=ttyS0 quiet rw panic=10 root=$root mpboot.proof=check:$kind"
		judge "$kind-check$r" || { okk[$kind]=no; status=1; }
		times=$(tr -d '\r' < "$d/$kind-check$r.log" | sed -n 's/^PROOF-TIME: //p' | head -n 1)
		echo "$kind run $r: $times" >> "$d/times.txt"
		t0=$(echo "$times" | sed -n 's/^init=\([0-9.]*\).*/\1/p')
		t1=$(echo "$times" | sed -n 's/.* root-init=\([0-9.]*\).*/\1/p')
		mu=$(echo "$times" | sed -n 's/.* multi-user=\([0-9.]*\).*/\1/p')
		[ -n "$t0" ] && [ -n "$t1" ] && its[$kind]="${its[$kind]} $(awk "BEGIN { printf \"%.2f\", $t1 - $t0 }")"
		[ -n "$mu" ] && mus[$kind]="${mus[$kind]} $mu"
	done
done

rows=
for kind in $ready; do
	uuid=boots
	if [ "$kind" = stock ]; then
		# Debian's stack with root=UUID=: expected to take a member path
		say "$kind: boot with root=UUID=$U"
		cp --sparse=always "$d/$kind.disk" "$d/$kind.img"
		tmo=300 boot "$kind-uuid" "$d/$kind.initrd" "console=ttyS0 quiet rw panic=10 root=UUID=$U mpboot.proof=check:$kind"
		if grep -aq '^MPBOOT-TEST-END rc=0' "$d/$kind-uuid.log"; then uuid=boots
		elif grep -aqE 'Kernel panic|due to panic= boot argument' "$d/$kind-uuid.log"; then uuid=panics
		else uuid=fails; fi
		echo "distro-$kind-uuid: root=UUID= $uuid: $(tr -d '\r' < "$d/$kind-uuid.log" | grep -a -m 1 'mount\|Gave up' || echo '(see log)')"
	elif [ "${okk[$kind]}" = no ]; then
		uuid=fails
	fi
	rows="$rows$(printf '%-16s %9s  %-22s %-22s %-7s %s' "$kind" "$(stat -c %s "$d/$kind.initrd")" \
		"$(stats ${its[$kind]})" "$(stats ${mus[$kind]})" "$uuid" "${okk[$kind]}")
"
	rm -f "$d/$kind.img" "$d/$kind.disk"
done

echo
echo "images booted on 1 LU x 2 virtio-scsi paths, $runs timed boot(s) each: median (min-max)"
echo "(kernel $KVER, qemu -accel tcg -smp 2 -m 1024; seconds on the guest's kernel-log clock)"
printf '%-16s %9s  %-22s %-22s %-7s %s\n' image "size(B)" "/init->root's systemd" multi-user.target root=UUID= ok
printf '%s' "$rows"
exit $status
