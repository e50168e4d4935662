# Same decisions as Debian's multipath-tools 0.9.4 (issue 20: group order,
# configuration precedence, merged multipath entries, the -t dump), in the
# same guest with the same configuration.
# scsi_debug with vpd_use_hostno=0 gives each host its own ALUA port group
# in state host_no % 3 (active/optimized, active/non-optimized, standby),
# so the alua prioritiser gives each LU's three paths 50, 10 and 1.
# Invariants, for failover, group_by_serial, group_by_node_name and
# group_by_prio: Debian's tables and ours, each made from nothing, are the
# same text; each tool's run over the other's maps prints no create or
# reload and leaves every map's table as it was, and (failover,
# group_by_prio: no group holds the standby path, which fails on I/O) its
# DM event counter too.
# A configuration that sets one setting with different values in
# multipaths, overrides, devices and defaults, with two multipath entries
# for one WWID: the same tables again, and the values of the right level
# (multipaths > overrides > devices > defaults, entries merged, a warning
# as Debian's).  Our multipath -t of that configuration, given to Debian's
# multipath -t as its configuration, gives the same dump as the original
# does, but for the built-in device entries where our table is a later
# multipath-tools' (printed in full for the report); ours reads its own
# dump back to the same text.
# topology: scsi_debug:3,1,2
# modules: scsi_dh_alua
# peer: debian
# mem: 768
# timeout: 900

. /lib/peer.sh
peer_mount

set -- $(for d in $(sd_devs); do vpd_wwid $d; done | sort -u)
A=$1 B=$2
echo "LUs: A=$A B=$B"
check_eq two-lus "$#" 2
mkdir -p /etc/multipath /peer/etc/multipath

# the kernel's ALUA states first (Debian trusts sysfs: lib/peer.sh)
check alua-states-settled wait_until 60 alua_settled
alua_states

peer_udevd

# "name event=N" lines, sorted
events() { for m in $(dmctl ls | cut -d' ' -f1 | sort); do echo "$m $(dmctl info "$m" | grep -o 'event=[0-9]*')"; done; }
conf() { cat > /etc/multipath.conf; cp /etc/multipath.conf /peer/etc/multipath.conf; }

# name: Debian from nothing, ours over it, ours from nothing, Debian over it
differential() {
	n=$1
	check "$n-flush" flush_all
	OUT=$(peer /sbin/multipath -v2 2>&1)
	echo "debian: $OUT"
	peer /bin/udevadm settle --timeout=60
	maps > /tmp/$n.debian
	events > /tmp/$n.debian.ev
	cat /tmp/$n.debian
	check_eq "$n-debian-two-maps" "$(wc -l < /tmp/$n.debian)" 2
	# (Debian warns of a merged multipath entry too: merge_mptable)
	OUT=$(multipath -v2 2>&1 | grep -v ': multipath entry for .* merged into the one at line ')
	check_eq "$n-ours-over-debian-nothing" "$OUT" ""
	maps > /tmp/$n.after-ours
	events > /tmp/$n.after-ours.ev
	check "$n-ours-over-debian-same-tables" cmp /tmp/$n.debian /tmp/$n.after-ours
	check "$n-ours-over-debian-no-event" cmp /tmp/$n.debian.ev /tmp/$n.after-ours.ev
	check "$n-flush2" flush_all
	OUT=$(multipath -v2 2>&1)
	echo "ours: $OUT"
	peer /bin/udevadm settle --timeout=60
	maps > /tmp/$n.ours
	events > /tmp/$n.ours.ev
	if cmp -s /tmp/$n.debian /tmp/$n.ours; then pass "$n-same-tables"
	else fail "$n-same-tables" "$(diff /tmp/$n.debian /tmp/$n.ours | tr '\n' '|')"
		multipath -ll; peer /sbin/multipath -ll
	fi
	OUT=$(peer /sbin/multipath -v2 2>&1)
	echo "debian over ours: ${OUT:-(nothing)}"
	case "$OUT" in *create:* | *reload:* | *rename:*) fail "$n-debian-over-ours-nothing" "$OUT" ;;
	*) pass "$n-debian-over-ours-nothing" ;; esac
	peer /bin/udevadm settle --timeout=60
	maps > /tmp/$n.after-debian
	events > /tmp/$n.after-debian.ev
	check "$n-debian-over-ours-same-tables" cmp /tmp/$n.ours /tmp/$n.after-debian
	# (a group that holds the standby path fails it on the first I/O,
	# udev's probe after Debian's run: a DM event without any reload)
	[ "$2" = one-state-groups ] &&
		check "$n-debian-over-ours-no-event" cmp /tmp/$n.ours.ev /tmp/$n.after-debian.ev
}

# 1. each grouping policy: the groups in priority order, 50 10 1
for pol in failover group_by_serial group_by_node_name group_by_prio; do
	conf <<EOC
defaults {
	user_friendly_names no
	find_multipaths no
}
devices {
	device {
		vendor "Linux"
		product "scsi_debug"
		path_grouping_policy $pol
		prio alua
		hardware_handler "1 alua"
	}
}
EOC
	case $pol in failover | group_by_prio) differential "$pol" one-state-groups ;;
	*) differential "$pol" ;; esac
	LL=$(multipath -ll "$A" 2>&1)
	echo "$LL"
	case $pol in
	failover | group_by_prio) want="prio=50 prio=10 prio=1 " ;;
	*) want="prio=20 " ;; # one group of all three: (50 + 10 + 1) / 3
	esac
	check_eq "$pol-group-order" "$(echo "$LL" | grep -o 'prio=[0-9]*' | tr '\n' ' ')" "$want"
done

# 2. one setting at every level (and a quote in a value, for -t)
conf <<EOC
defaults {
	user_friendly_names no
	find_multipaths no
	path_grouping_policy multibus
	path_selector "round-robin 0"
	features "2 pg_init_retries 50"
}
devices {
	device {
		vendor "Linux"
		product "scsi_debug"
		path_grouping_policy group_by_serial
		path_selector "queue-length 0"
		prio alua
		hardware_handler "1 alua"
	}
	device {
		vendor "ACME"
		product "Q""uote"
		path_grouping_policy multibus
	}
}
overrides {
	path_grouping_policy group_by_prio
}
multipaths {
	multipath {
		wwid $A
		path_grouping_policy failover
		features "2 pg_init_retries 5"
	}
	multipath {
		wwid $A
		path_selector "service-time 0"
	}
}
EOC
differential levels one-state-groups
OUT=$(multipath -v2 2>&1)
case "$OUT" in *"/etc/multipath.conf:"*": multipath entry for $A merged into the one at line "*) pass levels-merge-warned ;;
*) fail levels-merge-warned "$OUT" ;; esac
# A: failover (multipaths), service-time (the second entry), retries 5 (the
# first entry); B: group_by_prio (overrides), queue-length (devices),
# retries 50 (defaults)
grep "^$A " /tmp/levels.ours | grep -q " 2 pg_init_retries 5 1 alua 3 1 service-time 0 1 " &&
	pass levels-multipaths-merged || fail levels-multipaths-merged "$(cat /tmp/levels.ours)"
grep "^$B " /tmp/levels.ours | grep -q " 2 pg_init_retries 50 1 alua 3 1 queue-length 0 1 " &&
	pass levels-overrides-devices-defaults || fail levels-overrides-devices-defaults "$(cat /tmp/levels.ours)"

# 3. -t: Debian reads our dump as it reads the original
peer /sbin/multipath -t > /tmp/t.debian-orig 2>/tmp/t.err1
multipath -t > /tmp/t.ours 2>/tmp/t.err0
grep -q 'product "Q""uote"' /tmp/t.ours && pass t-quote-doubled || fail t-quote-doubled "$(grep -n uote /tmp/t.ours)"
cp /tmp/t.ours /peer/etc/multipath.conf
peer /sbin/multipath -t > /tmp/t.debian-ours 2>/tmp/t.err2
cat /tmp/t.err0 /tmp/t.err1 /tmp/t.err2
# Every section but the built-in device entries: ours are a later
# multipath-tools' table (see the report of differences), which Debian then
# reads as the user's.  The configuration's own device entries, its last
# two, must come out the same.
no_devices() { awk '/^devices [{]/ { skip = 1 } !skip { print } skip && /^[}]/ { skip = 0 }' "$1"; }
user_devices() {
	awk '/^devices [{]/ { on = 1; next } on && /^[}]/ { on = 0 } on' "$1" |
		awk '/^\tdevice [{]/ { n++ } { b[n] = b[n] $0 "\n" } END { printf "%s%s", b[n - 1], b[n] }'
}
for f in orig ours; do
	no_devices /tmp/t.debian-$f > /tmp/t.debian-$f.nodev
	user_devices /tmp/t.debian-$f > /tmp/t.debian-$f.user
done
if cmp -s /tmp/t.debian-orig.nodev /tmp/t.debian-ours.nodev; then pass t-debian-reads-ours-as-original
else fail t-debian-reads-ours-as-original "$(diff /tmp/t.debian-orig.nodev /tmp/t.debian-ours.nodev | head -c 3000 | tr '\n' '|')"
fi
cat /tmp/t.debian-orig.user
if [ -s /tmp/t.debian-orig.user ] && cmp -s /tmp/t.debian-orig.user /tmp/t.debian-ours.user; then
	pass t-debian-reads-our-device-entries
else fail t-debian-reads-our-device-entries "$(diff /tmp/t.debian-orig.user /tmp/t.debian-ours.user | tr '\n' '|')"
fi
# the whole difference, for the report
diff /tmp/t.debian-orig /tmp/t.debian-ours > /tmp/t.diff
echo "t-diff: $(grep -c '^[-+][^-+]' /tmp/t.diff) lines"
cat /tmp/t.diff
# ours reads its own dump to the same dump
multipath -C /tmp/t.ours -t > /tmp/t.ours2 2>&1
check t-ours-round-trip cmp /tmp/t.ours /tmp/t.ours2
