# 100 forced reloads of a live multipath map (multipath -r) and 100
# kpartx -u of its partition maps, under a writer+verifier on two
# partitions (t.sh wv_start: O_DIRECT 64 KiB writes, each read back).
# Invariants: every multipath -r and kpartx -u exits 0; no write or read
# fails, no block read back differs, and at the end every slot holds what
# was last written to it; no map is left suspended; the maps keep their
# dev_t (reloaded, never torn down).  100 rounds take ~15 s under TCG, so
# the full count runs in make check; mpboot.storm=N on the guest's command
# line would change it.
# topology: virtio:2
# disk: script:scripts/mkimg-dos.sh
# timeout: 600

N=100
for a in $(cat /proc/cmdline); do case $a in mpboot.storm=*) N=${a#mpboot.storm=} ;; esac; done
W=$(vpd_wwid "$(sd_devs | head -n 1)")
check multipath multipath
OUT=$(multipath -r -v2 2>&1); echo "$OUT"
case "$OUT" in *reload*) pass r-reloads ;; *) fail r-reloads "$OUT" ;; esac
check kpartx-add kpartx -a -p -part "/dev/mapper/$W"
MAP0=$(dmctl info "$W" | cut -d' ' -f3)
P1=$(dmctl info "$W-part1" | cut -d' ' -f3)
P5=$(dmctl info "$W-part5" | cut -d' ' -f3)
wv_start w1 "/dev/mapper/$W-part1"
wv_start w5 "/dev/mapper/$W-part5"
wait_until 20 test -s /tmp/count-w5

t0=$(cut -d' ' -f1 /proc/uptime)
mpfail=0 kpfail=0 i=0
while [ $i -lt $N ]; do
	multipath -r >/tmp/mp.out 2>&1 || { mpfail=$((mpfail + 1)); cat /tmp/mp.out; }
	kpartx -u -p -part "/dev/mapper/$W" >/tmp/kp.out 2>&1 || { kpfail=$((kpfail + 1)); cat /tmp/kp.out; }
	i=$((i + 1))
done
t1=$(cut -d' ' -f1 /proc/uptime)
echo "storm: $N x (multipath -r + kpartx -u) in $(awk "BEGIN { print $t1 - $t0 }") s"
check_eq multipath-r-all-ok "$mpfail" 0
check_eq kpartx-u-all-ok "$kpfail" 0
wv_verify w1 "/dev/mapper/$W-part1" part1-no-data-lost
wv_verify w5 "/dev/mapper/$W-part5" part5-no-data-lost
sus=
for d in /sys/block/dm-*; do
	[ "$(cat $d/dm/suspended)" = 0 ] || sus="$sus $(cat $d/dm/name)"
done
check_eq none-suspended "$sus" ""
check_eq map-same-dev "$(dmctl info "$W" | cut -d' ' -f3)" "$MAP0"
check_eq part1-same-dev "$(dmctl info "$W-part1" | cut -d' ' -f3)" "$P1"
check_eq part5-same-dev "$(dmctl info "$W-part5" | cut -d' ' -f3)" "$P5"
