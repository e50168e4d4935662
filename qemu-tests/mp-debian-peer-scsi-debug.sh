# Interop with Debian multipath-tools on scsi_debug, whose VPD page 0x83 has a
# T10 vendor id and an NAA 3h (locally assigned) designator: udev, Debian
# and we must all pick the NAA one.
# Debian runs in the same guest with its udev.
# Invariants: udev's ID_SERIAL (the WWID Debian uses) equals our WWID for
# every path; Debian's `multipath -ll` lists each of our maps under the same
# name, WWID and dm-N with all its paths; Debian's `multipath` then creates
# no second map (same map names, same dev_t), and our re-run afterwards
# leaves its table alone or reloads in place.
# topology: scsi_debug:2,1,2
# peer: debian
# mem: 768
# timeout: 400

for d in proc sys dev run tmp; do mkdir -p /peer/$d && mount --bind /$d /peer/$d; done
# systemd tools refuse to act in a chroot unless told otherwise.
peer() { SYSTEMD_IGNORE_CHROOT=1 chroot /peer "$@"; }

check ours-create multipath -v2
dmctl ls | sort > /tmp/maps0
check_eq two-maps "$(wc -l < /tmp/maps0)" 2
check_eq naa-local-names "$(grep -c '^33333333000' /tmp/maps0)" 2

peer /lib/systemd/systemd-udevd --daemon --resolve-names=never 2>/tmp/udevd.err
check udev-trigger peer /bin/udevadm trigger --action=add --subsystem-match=block
peer /bin/udevadm settle --timeout=120
ok=1
for d in $(sd_devs); do
	S=$(peer /bin/udevadm info -q property -n /dev/$d | sed -n 's/^ID_SERIAL=//p')
	W=$(vpd_wwid $d)
	[ "$S" = "$W" ] || { ok=0; echo "$d: udev ID_SERIAL '$S', ours '$W'"; }
done
[ $ok = 1 ] && pass udev-id-serial-equals-wwid || fail udev-id-serial-equals-wwid "see above"

LL=$(peer /sbin/multipath -ll 2>&1)
echo "$LL"
for W in $(dmctl ls | cut -d" " -f1); do
	DM=dm-$(dmctl info $W | cut -d' ' -f3 | cut -d: -f2)
	case "$LL" in *"$W $DM Linux,scsi_debug"*) pass "debian-ll-lists-$W" ;;
	*) fail "debian-ll-lists-$W" "no '$W $DM' in: $LL" ;; esac
done
check_eq debian-ll-paths "$(echo "$LL" | grep -c ' sd[a-z]* [0-9]*:[0-9]* *active ready running')" 4

OUT=$(peer /sbin/multipath -v2 2>&1)
echo "debian multipath: $OUT"
case "$OUT" in *"create:"*) fail debian-creates-nothing "$OUT" ;; *) pass debian-creates-nothing ;; esac
peer /bin/udevadm settle --timeout=60
dmctl ls | sort > /tmp/maps1
check no-second-map cmp /tmp/maps0 /tmp/maps1
LL2=$(peer /sbin/multipath -ll 2>&1)
check_eq debian-ll-still-two "$(echo "$LL2" | grep -c '^33333333000.* dm-')" 2

OUT=$(multipath -v2 2>&1)
echo "ours after debian: ${OUT:-(nothing to do)}"
dmctl ls | sort > /tmp/maps2
check ours-rerun-same-maps cmp /tmp/maps0 /tmp/maps2
