# multipath.conf, bindings and wwids: differential against Debian's
# multipath-tools 0.9.4 in the same guest with the same files.
# scsi_debug with vpd_use_hostno=0 gives each host its own ALUA port group
# in state host_no % 3 (active/optimized, active/non-optimized, standby);
# scsi_dh_alua is attached.  The config asks for group_by_prio, friendly
# names (LU A bound to mpatha in the bindings file), an alias (LU B),
# rr_weight priorities, a
# blacklisted WWID (LU C) and find_multipaths strict (LU D is not in the
# wwids file).
# Invariants: Debian's multipath and ours make the same maps (names, and
# tables: groups, their order, handler, features) from nothing, and
# write the same table for a LU (rr_weight: repeat count = priority; the
# kernel shows 1 whatever it is given); each
# tool's run over the other's maps changes nothing; LU C and LU D get no
# map; -ll shows the real ALUA priorities 50/10/1; a bad line in the config
# is a warning with file:line and the rest applies; without multipathd no
# map is left queueing (as multipath-tools does); the initramfs mode
# (read-only bindings) names an unbound LU by its WWID.
# topology: scsi_debug:3,1,4
# modules: scsi_dh_alua
# peer: debian
# mem: 768
# timeout: 600

. /lib/peer.sh
peer_mount

set -- $(for d in $(sd_devs); do vpd_wwid $d; done | sort -u)
A=$1 B=$2 C=$3 D=$4
echo "LUs: A=$A B=$B C=$C D=$D"
check_eq four-lus "$#" 4

mkdir -p /etc/multipath /peer/etc/multipath
cat > /etc/multipath.conf <<EOC
defaults {
	user_friendly_names yes
	find_multipaths strict
}
blacklist {
	wwid "^$C\$"
}
devices {
	device {
		vendor "Linux"
		product "scsi_debug"
		path_grouping_policy group_by_prio
		prio alua
		hardware_handler "1 alua"
		failback immediate
		rr_weight priorities
		no_path_retry 12
	}
}
multipaths {
	multipath {
		wwid $B
		alias bravo
	}
}
EOC
printf '# Multipath bindings, Version : 1.0\nmpatha %s\n' "$A" > /etc/multipath/bindings
printf '# Multipath wwids, Version : 1.0\n/%s/\n/%s/\n/%s/\n' "$A" "$B" "$C" > /etc/multipath/wwids
cp /etc/multipath.conf /peer/etc/multipath.conf
cp /etc/multipath/bindings /etc/multipath/wwids /peer/etc/multipath/

# the kernel's ALUA states first (Debian trusts sysfs: lib/peer.sh)
alua_states
check alua-states-settled wait_until 60 alua_settled
alua_states

peer_udevd

# 1. Debian creates
OUT=$(peer /sbin/multipath -v2 2>&1)
echo "debian: $OUT"
peer /bin/udevadm settle --timeout=60
maps > /tmp/debian
cat /tmp/debian
check_eq debian-two-maps "$(wc -l < /tmp/debian)" 2

# 2. ours over Debian's maps: nothing to do (if not: both tables, and
# the states each tool could have read)
OUT=$(multipath -v2 2>&1)
check_eq ours-over-debian-nothing "$OUT" ""
maps > /tmp/after-ours
if cmp -s /tmp/debian /tmp/after-ours; then pass ours-over-debian-same
else
	fail ours-over-debian-same "tables differ: $(diff /tmp/debian /tmp/after-ours | tr '\n' '|')"
	alua_states
	multipath -ll
	peer /sbin/multipath -ll
fi

# 3. from nothing, ours
check flush flush_all
OUT=$(multipath -v2 2>&1)
echo "ours: $OUT"
peer /bin/udevadm settle --timeout=60
maps > /tmp/ours
cat /tmp/ours
if cmp -s /tmp/debian /tmp/ours; then pass same-names-and-tables
else fail same-names-and-tables "$(diff /tmp/debian /tmp/ours)"; fi
grep -q "^mpatha .* 1 alua 3 1 " /tmp/ours && pass friendly-name-3-groups ||
	fail friendly-name-3-groups "$(cat /tmp/ours)"
grep -q "^bravo " /tmp/ours && pass alias || fail alias "$(cat /tmp/ours)"
# no_path_retry 12 puts queue_if_no_path in the table; without multipathd
# both tools then switch queueing off (multipath-tools' queue_without_daemon)
case "$OUT" in *"features='1 queue_if_no_path'"*) pass npr-queue-in-table ;;
*) fail npr-queue-in-table "$OUT" ;; esac
check_eq no-daemon-no-queueing "$(grep -c queue_if_no_path /tmp/ours)" 0
check_eq blacklisted-and-strict "$(grep -c "$C\|$D" /tmp/ours)" 0

LL=$(multipath -ll 2>&1)
echo "$LL"
for p in 50 10 1; do
	case "$LL" in *"prio=$p status="*) pass "ll-prio-$p" ;; *) fail "ll-prio-$p" "$LL" ;; esac
done
DLL=$(peer /sbin/multipath -ll 2>&1)
echo "$DLL"
check_eq ll-prios-as-debian "$(echo "$LL" | grep -o 'prio=[0-9]*' | tr '\n' ' ')" \
	"$(echo "$DLL" | grep -o 'prio=[0-9]*' | tr '\n' ' ')"

# 4. Debian over ours: changes nothing
OUT=$(peer /sbin/multipath -v2 2>&1)
echo "debian after ours: ${OUT:-(nothing)}"
case "$OUT" in *create:* | *reload:* | *rename:*) fail debian-changes-nothing "$OUT" ;;
*) pass debian-changes-nothing ;; esac
peer /bin/udevadm settle --timeout=60
maps > /tmp/ours2
check debian-same-tables cmp /tmp/ours /tmp/ours2

# the table each tool writes for LU A, before the kernel normalises the
# repeat counts: the same, with the priorities 50 10 1 as repeat counts
DT=$(peer /sbin/multipath -v4 -d -r "$A" 2>&1 | sed -n 's/^.*: assembled map \[\(.*\)\]$/\1/p' | tail -1)
OT=$(multipath -v3 -d -r "$A" 2>&1 | sed -n 's/^table: 0 [0-9]* multipath //p' | tail -1)
echo "debian writes: $DT"
echo "ours writes:   $OT"
# from the handler on: the features differ by design here (over a live map
# that no longer queues, ours keeps its state; Debian writes
# queue_if_no_path and switches it off by message after the load)
after_features() { set -- $1; shift $(($1 + 1)); echo "$*"; }
check_eq rr-weight-same-table "$(after_features "$OT")" "$(after_features "$DT")"
case "$OT" in *" 50 service-time 0 1 1 "*" 10 service-time 0 1 1 "*" 1") pass rr-weight-prio ;;
*) fail rr-weight-prio "$OT" ;; esac

# 5. a bad line: a warning with file:line, the rest still applies
sed -i 's/^\tfind_multipaths strict/\tfind_multipaths strict\n\tfrobnicate 3/' /etc/multipath.conf
OUT=$(multipath -v2 2>&1)
case "$OUT" in *"/etc/multipath.conf:4: unknown keyword 'frobnicate'"*) pass warn-file-line ;;
*) fail warn-file-line "$OUT" ;; esac
maps > /tmp/ours3
check bad-line-rest-applies cmp /tmp/ours /tmp/ours3

# 6. the initramfs mode: read-only bindings, an unbound LU keeps its WWID
check flush2 flush_all
printf '# Multipath bindings, Version : 1.0\n' > /etc/multipath/bindings
MPBOOT_KMSG=1 multipath -v0
check_eq ro-wwid-name "$(dmctl ls | cut -d' ' -f1 | sort | tr '\n' ' ')" "$A bravo "
check_eq ro-bindings-untouched "$(grep -vc '^#' /etc/multipath/bindings)" 0
# outside it, the unbound LU gets the next name, appended in the file's format
check rename-to-friendly multipath -v0
check_eq renamed "$(dmctl ls | cut -d' ' -f1 | sort | tr '\n' ' ')" "bravo mpatha "
check_eq binding-appended "$(grep -v '^#' /etc/multipath/bindings)" "mpatha $A"
