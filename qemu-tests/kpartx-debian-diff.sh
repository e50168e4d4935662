# Differential: our kpartx -l against Debian 12's (multipath-tools 0.9.4,
# the booted system's) on every 512-byte-sector image of the corpus, each
# attached as its own LU.  Lines are compared as "name length start"
# (Debian prints partitions nested in a container, such as logicals, as
# "/dev/dm-N <offset in the container>": for those only name and length).
# Invariant: for each image the relation between the two listings is the
# documented one:
#   same    identical listings;
#   ours<   ours is a strict subset: we drop what lies outside the disk or
#           the extended partition, stop looping EBR chains, and refuse an
#           MBR whose boot indicators are not 0x00/0x80;
#   theirs< theirs is a strict subset: we also read BSD/Solaris/UnixWare labels
#           nested in a DOS partition, and Solaris VTOCs (Debian's
#           solaris.c uses `long` fields and finds none on 64-bit).
# For every "same" image both tools then run -a in turn: the maps (name,
# table, UUID) must be identical, logicals included, and each tool's -d
# removes all of them.
# 4 KiB-sector images are covered by the host tests only (the harness
# gives 512-byte LUs).
# topology: virtio:1
# peer: debian
# mem: 768
# timeout: 300
# disk: script:scripts/mkimg-corpus.sh --one dos-sfdisk
# disk: script:scripts/mkimg-corpus.sh --one dos-parted
# disk: script:scripts/mkimg-corpus.sh --one gpt-sgdisk
# disk: script:scripts/mkimg-corpus.sh --one gpt-parted
# disk: script:scripts/mkimg-corpus.sh --one gpt-tiny
# disk: script:scripts/mkimg-corpus.sh --one dos-tiny
# disk: script:scripts/mkimg-corpus.sh --one bsd
# disk: script:scripts/mkimg-corpus.sh --one bsd-in-dos
# disk: script:scripts/mkimg-corpus.sh --one sun
# disk: script:scripts/mkimg-corpus.sh --one solaris
# disk: script:scripts/mkimg-corpus.sh --one solaris-in-dos
# disk: script:scripts/mkimg-corpus.sh --one unixware
# disk: script:scripts/mkimg-corpus.sh --one mac
# disk: script:scripts/mkimg-corpus.sh --one mac-2k
# disk: script:scripts/mkimg-corpus.sh --one bad-sun-csum
# disk: script:scripts/mkimg-corpus.sh --one bad-sun-straddle
# disk: script:scripts/mkimg-corpus.sh --one bad-gpt-no-pmbr
# disk: script:scripts/mkimg-corpus.sh --one bad-gpt-crc
# disk: script:scripts/mkimg-corpus.sh --one bad-gpt-hdr-crc
# disk: script:scripts/mkimg-corpus.sh --one bad-gpt-both
# disk: script:scripts/mkimg-corpus.sh --one bad-gpt-huge-entries
# disk: script:scripts/mkimg-corpus.sh --one bad-gpt-entries-past-end
# disk: script:scripts/mkimg-corpus.sh --one bad-gpt-trunc-entries
# disk: script:scripts/mkimg-corpus.sh --one bad-gpt-past-end
# disk: script:scripts/mkimg-corpus.sh --one bad-dos-past-end
# disk: script:scripts/mkimg-corpus.sh --one bad-dos-overlap
# disk: script:scripts/mkimg-corpus.sh --one bad-dos-boot-flag
# disk: script:scripts/mkimg-corpus.sh --one bad-ebr-loop
# disk: script:scripts/mkimg-corpus.sh --one bad-ebr-self
# disk: script:scripts/mkimg-corpus.sh --one bad-logical-outside
# disk: script:scripts/mkimg-corpus.sh --one bad-dos-130-logicals
# disk: script:scripts/mkimg-corpus.sh --one bad-dos-300-logicals
# disk: script:scripts/mkimg-corpus.sh --one unixware-in-dos

# Debian's kpartx runs chrooted in the peer root (scripts/debian-peer.sh).
for d in proc sys dev run tmp; do mkdir -p /peer/$d && mount --bind /$d /peer/$d; done
PK="chroot /peer /sbin/kpartx"
# LU index (disk line order above) -> image and expected relation
IMAGES="dos-sfdisk:same dos-parted:same gpt-sgdisk:same gpt-parted:same
gpt-tiny:same dos-tiny:same bsd:same bsd-in-dos:theirs< sun:same
solaris:theirs< solaris-in-dos:theirs< unixware:same mac:same mac-2k:same
bad-sun-csum:same bad-sun-straddle:same bad-gpt-no-pmbr:same bad-gpt-crc:same
bad-gpt-hdr-crc:same bad-gpt-both:same bad-gpt-huge-entries:same
bad-gpt-entries-past-end:same bad-gpt-trunc-entries:same bad-gpt-past-end:ours<
bad-dos-past-end:ours< bad-dos-overlap:same bad-dos-boot-flag:ours<
bad-ebr-loop:ours< bad-ebr-self:same bad-logical-outside:ours<
bad-dos-130-logicals:same bad-dos-300-logicals:same unixware-in-dos:theirs<"

norm() { # kpartx -l lines -> "name len [start]", sorted
	while read -r n _ _ l dev s; do
		[ -z "$n" ] && continue
		case "$dev" in /dev/dm-*) echo "$n $l" ;; *) echo "$n $l $s" ;; esac
	done | sort
}

# subset A B: every line of A is in B
subset() {
	printf '%s\n' "$1" | while read -r x; do
		[ -z "$x" ] && continue
		printf '%s\n' "$2" | grep -qFx "$x" || return 1
	done
}

relation() { # ours theirs
	if [ "$1" = "$2" ]; then echo same
	elif subset "$1" "$2"; then echo "ours<"
	elif subset "$2" "$1"; then echo "theirs<"
	else echo different
	fi
}

[ -x /peer/sbin/kpartx ] || fail debian-peer "no /peer/sbin/kpartx"
check_eq lu-count "$(sd_devs | wc -l)" 33
for d in $(sd_devs); do
	w=$(vpd_wwid $d)
	i=$((0x${w#35000c50015ea71}))
	set -- $IMAGES
	shift $i
	img=${1%%:*} want=${1#*:}
	ours=$(kpartx -l /dev/$d 2>/dev/null)
	deb=$($PK -l /dev/$d 2>/dev/null)
	# Debian prints logicals relative to their container: where a name
	# is printed by both, ours is cut to "name len" if Debian's is
	on=$(echo "$ours" | norm) dn=$(echo "$deb" | norm)
	on=$(printf '%s\n' "$on" | while read -r n l s; do
		[ -z "$n" ] && continue
		if printf '%s\n' "$dn" | grep -qFx "$n $l"; then echo "$n $l"; else echo "$n $l $s"; fi
	done | sort)
	case $img in dos-sfdisk | bsd | sun) echo "$deb" | sed "s/^/debian-kpartx $img: /" ;; esac
	echo "diff $img ($d): ours=$(echo "$ours" | grep -c .) debian=$(echo "$deb" | grep -c .) lines"
	got=$(relation "$on" "$dn")
	if [ "$got" = "$want" ]; then
		pass "$img-$want"
	else
		fail "$img-$want" "relation $got; ours: $(echo $on) debian: $(echo $dn)"
	fi
	[ "$want" = same ] && [ -n "$on" ] && MAPS="$MAPS $d:$img"
done

maps_of() { # the partition maps of sd device $1: "name uuid table"
	for m in $(dmctl ls | cut -d' ' -f1 | grep "^$1[0-9]" | sort); do
		echo "$m $(dmctl info $m | cut -d' ' -f2) $(dmctl table $m)"
	done
}
for x in $MAPS; do
	d=${x%%:*} img=${x#*:}
	$PK -a -n /dev/$d >/dev/null 2>&1
	deb=$(maps_of $d)
	kpartx -d /dev/$d
	left=$(maps_of $d)
	kpartx -a /dev/$d
	ours=$(maps_of $d)
	$PK -d /dev/$d >/dev/null 2>&1
	[ -n "$ours" ] && check_eq add-$img "$ours" "$deb" || fail add-$img "we made no maps"
	check_eq del-$img "$left$(maps_of $d)" ""
done
