# kpartx on multipath maps: a GPT LU and a DOS LU with logical partitions,
# each seen through two virtio-scsi paths, each under a multipath map named
# by WWID (made by our multipath, or with dmctl before it existed).
# Invariants:
# - `kpartx -a -p -part` makes <wwid>-partN for every partition: one linear
#   target on the multipath map at the partition's start, UUID
#   part<N>-mpath-<wwid>; the extended partition maps 2 sectors; logicals
#   map onto the multipath map itself (not onto the extended map);
# - bytes written through a partition map are at that offset of the LU;
# - -a again reloads (same dev_t), -u after repartitioning reloads changed
#   partitions and removes vanished ones, -d removes only our maps and
#   refuses open ones; a file argument gets a loop device, detached by -d;
# - Debian's kpartx (the booted system's) lists the same partitions and
#   removes the maps we made (same names and UUIDs), and we remove its.
# topology: virtio:2
# disk: script:scripts/mkimg-gpt.sh
# disk: script:scripts/mkimg-dos.sh
# peer: debian
# mem: 768
# timeout: 300

# Debian's kpartx runs chrooted in the peer root (scripts/debian-peer.sh).
for d in proc sys dev run tmp; do mkdir -p /peer/$d && mount --bind /$d /peer/$d; done
PK="chroot /peer /sbin/kpartx"

# paths_of WWID: the two sd names of an LU
paths_of() {
	for d in $(sd_devs); do
		[ "$(vpd_wwid "$d")" = "$1" ] && echo "$d"
	done
}

# mpath WWID: the multipath map multipath-tools would make (two paths, one
# service-time group), named by WWID with UUID mpath-<wwid>.
mpath() {
	set -- "$1" $(paths_of "$1")
	_s=$(cat /sys/block/$2/size)
	dmctl create "$1" "mpath-$1" \
		"0 $_s multipath 0 0 1 1 service-time 0 2 1 $(devno $2) 1 $(devno $3) 1"
}

# majmin NAME: dev_t of a map as maj:min
majmin() { dmctl info "$1" | cut -d' ' -f3; }
uuid_of() { dmctl info "$1" | cut -d' ' -f2; }

G=35000c50015ea7100 D=35000c50015ea7101
check_eq four-paths "$(sd_devs | wc -l)" 4
if [ -x /sbin/multipath ]; then
	# our multipath makes both maps, as the initramfs does
	check multipath multipath -v2
	check_eq mpath-uuid "$(uuid_of $G) $(uuid_of $D)" "mpath-$G mpath-$D"
else
	check mpath-gpt mpath $G
	check mpath-dos mpath $D
fi
GD=$(majmin $G) DD=$(majmin $D)

# ---- -l: what -a would do ----
check_eq list-gpt "$(kpartx -l -p -part /dev/mapper/$G)" "$G-part1 : 0 4096 /dev/mapper/$G 2048
$G-part2 : 0 6144 /dev/mapper/$G 6144
$G-part4 : 0 2048 /dev/mapper/$G 14336"
check_eq list-dos "$(kpartx -p -part /dev/mapper/$D)" "$D-part1 : 0 4096 /dev/mapper/$D 2048
$D-part2 : 0 2 /dev/mapper/$D 6144
$D-part5 : 0 2048 /dev/mapper/$D 8192
$D-part6 : 0 4096 /dev/mapper/$D 12288
$D-part7 : 0 2048 /dev/mapper/$D 18432"
check_eq list-default-delim "$(kpartx -l /dev/mapper/$G | cut -d' ' -f1 | tr '\n' ' ')" \
	"${G}p1 ${G}p2 ${G}p4 "
check_eq list-makes-nothing "$(dmctl ls | wc -l)" 2

# ---- -a ----
check add-gpt kpartx -a -p -part /dev/mapper/$G
check add-dos kpartx -a -p -part /dev/mapper/$D
check_eq maps-after-add "$(dmctl ls | cut -d' ' -f1 | sort | tr '\n' ' ')" \
	"$G $G-part1 $G-part2 $G-part4 $D $D-part1 $D-part2 $D-part5 $D-part6 $D-part7 "
check_eq table-gpt1 "$(dmctl table $G-part1)" "0 4096 linear $GD 2048"
check_eq table-gpt2 "$(dmctl table $G-part2)" "0 6144 linear $GD 6144"
check_eq table-gpt4 "$(dmctl table $G-part4)" "0 2048 linear $GD 14336"
check_eq table-dos-ext "$(dmctl table $D-part2)" "0 2 linear $DD 6144"
check_eq table-dos-logical5 "$(dmctl table $D-part5)" "0 2048 linear $DD 8192"
check_eq table-dos-logical7 "$(dmctl table $D-part7)" "0 2048 linear $DD 18432"
check_eq uuid-gpt1 "$(uuid_of $G-part1)" "part1-mpath-$G"
check_eq uuid-gpt4 "$(uuid_of $G-part4)" "part4-mpath-$G"
check_eq uuid-dos6 "$(uuid_of $D-part6)" "part6-mpath-$D"
check node-gpt2 test -b /dev/mapper/$G-part2
check_eq size-dos6 "$(blockdev --getsz /dev/mapper/$D-part6)" 4096

# ---- data lands at the partition's offset on the LU (through a path) ----
set -- $(paths_of $G)
printf 'kpartx-gpt2-marker' | dd of=/dev/mapper/$G-part2 bs=512 seek=3 conv=sync,fsync 2>/dev/null
check_eq data-gpt2 "$(dd if=/dev/$1 bs=512 skip=$((6144 + 3)) count=1 iflag=direct 2>/dev/null | head -c 18)" kpartx-gpt2-marker
set -- $(paths_of $D)
printf 'kpartx-dos6-marker' | dd of=/dev/$2 bs=512 seek=$((12288 + 7)) conv=sync,fsync oflag=direct 2>/dev/null
check_eq data-dos-logical6 "$(dd if=/dev/mapper/$D-part6 bs=512 skip=7 count=1 iflag=direct 2>/dev/null | head -c 18)" kpartx-dos6-marker
check_eq read-past-end "$(dd if=/dev/mapper/$D-part2 bs=512 skip=2 count=1 2>/dev/null | wc -c)" 0

# ---- -a again: reload, not recreate ----
DEV1=$(majmin $G-part1)
check re-add kpartx -a -p -part /dev/mapper/$G
check_eq re-add-same-dev "$(majmin $G-part1)" "$DEV1"

# ---- a name taken by a foreign map is not touched ----
check foreign-map dmctl create $D-part9x - "0 8 linear $DD 0"
check foreign-uuid-map dmctl create other-map part5-mpath-elsewhere "0 8 linear $DD 0"

# ---- differential: Debian's kpartx lists the same (name, length, start
# for maps on the parent; logicals it prints relative to /dev/dm-N) ----
norm() { # kpartx -l lines -> "name len [start]"
	while read -r n _ _ l dev s; do
		case "$dev" in /dev/dm-*) echo "$n $l" ;; *) echo "$n $l $s" ;; esac
	done
}
if [ -x /peer/sbin/kpartx ]; then
	for m in $G $D; do
		ours=$(kpartx -l -p -part /dev/mapper/$m | norm)
		$PK -l -p -part /dev/mapper/$m 2>&1 | sed 's/^/debian-kpartx: /'
		deb=$($PK -l -p -part /dev/mapper/$m 2>/dev/null | norm)
		# our logicals carry their absolute start; Debian's have none
		ours_cut=$(echo "$ours" | while read -r n l s; do
			case "$deb" in *"$n $l $s"*) echo "$n $l $s" ;; *) echo "$n $l" ;; esac
		done)
		check_eq debian-list-$m "$ours_cut" "$deb"
	done
else
	fail debian-peer "no /peer/sbin/kpartx"
fi

# ---- Debian's kpartx recognises our maps as its own: -u keeps them ----
if [ -x /peer/sbin/kpartx ]; then
	check debian-update $PK -u -n -p -part /dev/mapper/$G
	check_eq debian-update-kept "$(majmin $G-part1)" "$DEV1"
	check_eq debian-update-same-table "$(dmctl table $G-part2)" "0 6144 linear $GD 6144"
fi

# ---- -u after repartitioning the GPT LU through the map: the stashed
# gpt-parted label (1 [2048,+4096), 2 [6144,+10240)) replaces it ----
dd if=/dev/mapper/$G of=/dev/mapper/$G bs=512 skip=20480 seek=0 count=34 conv=notrunc,fsync 2>/dev/null
dd if=/dev/mapper/$G of=/dev/mapper/$G bs=512 skip=20514 seek=32735 count=33 conv=notrunc,fsync 2>/dev/null
check update-gpt kpartx -u -p -part /dev/mapper/$G
check_eq update-part2-grown "$(dmctl table $G-part2)" "0 10240 linear $GD 6144"
check_eq update-part1-same-dev "$(majmin $G-part1)" "$DEV1"
check_fails update-part4-gone 1 dmctl info $G-part4
check_eq update-data-kept "$(dd if=/dev/mapper/$G-part2 bs=512 skip=3 count=1 2>/dev/null | head -c 18)" kpartx-gpt2-marker

# ---- -d: only ours; an open map is refused ----
exec 7</dev/mapper/$D-part5
check_fails delete-open-refused 1 kpartx -d -p -part /dev/mapper/$D
check still-open-part5 dmctl info $D-part5
check_fails others-removed 1 dmctl info $D-part6
exec 7<&-
check delete-dos kpartx -d -p -part /dev/mapper/$D
check_eq foreign-kept "$(dmctl ls | cut -d' ' -f1 | sort | tr '\n' ' ')" \
	"$G $G-part1 $G-part2 $D $D-part9x other-map "
check_fails removed-node 1 test -e /dev/mapper/$D-part7
check foreign-remove dmctl remove $D-part9x
check foreign-remove2 dmctl remove other-map

# ---- Debian's kpartx -d removes maps we made; we remove maps it made ----
if [ -x /peer/sbin/kpartx ]; then
	check debian-delete-ours $PK -d -p -part /dev/mapper/$G
	check_eq debian-deleted-ours "$(dmctl ls | cut -d' ' -f1 | sort | tr '\n' ' ')" "$G $D "
	check debian-add $PK -a -n -p -part /dev/mapper/$D
	check_eq debian-made-uuid "$(uuid_of $D-part5)" "part5-mpath-$D"
	check_eq debian-logical-table "$(dmctl table $D-part5)" "0 2048 linear $DD 8192"
	check we-delete-debians kpartx -d -p -part /dev/mapper/$D
	check_eq we-deleted-debians "$(dmctl ls | cut -d' ' -f1 | sort | tr '\n' ' ')" "$G $D "
else
	check delete-gpt kpartx -d -p -part /dev/mapper/$G
fi

# ---- a regular file: loop device attached by -a, detached by -d ----
set -- $(paths_of $D)
dd if=/dev/$1 of=/tmp/dos.img bs=1M count=16 2>/dev/null
check file-add kpartx -a /tmp/dos.img
L=$(cat /sys/block/loop*/loop/backing_file 2>/dev/null | grep -c /tmp/dos.img)
check_eq file-loop-attached "$L" 1
LD=$(for l in /sys/block/loop*; do [ "$(cat $l/loop/backing_file 2>/dev/null)" = /tmp/dos.img ] && basename $l; done)
check_eq file-maps "$(dmctl ls | cut -d' ' -f1 | grep "^${LD}p" | sort | tr '\n' ' ')" \
	"${LD}p1 ${LD}p2 ${LD}p5 ${LD}p6 ${LD}p7 "
check_eq file-uuid "$(uuid_of ${LD}p1)" "part1-devnode_$(devno $LD)_Wh5pYvM"
DEVF=$(majmin ${LD}p5)
check file-re-add kpartx -a /tmp/dos.img
check_eq file-same-loop "$(cat /sys/block/loop*/loop/backing_file 2>/dev/null | grep -c /tmp/dos.img)" 1
check_eq file-reloaded "$(majmin ${LD}p5)" "$DEVF"
check file-delete kpartx -d /tmp/dos.img
check_eq file-loop-detached "$(cat /sys/block/loop*/loop/backing_file 2>/dev/null | grep -c /tmp/dos.img)" 0
check_eq file-maps-gone "$(dmctl ls | cut -d' ' -f1 | sort | tr '\n' ' ')" "$G $D "
check_eq file-list-no-loop-left "$(kpartx -l /tmp/dos.img | wc -l; cat /sys/block/loop*/loop/backing_file 2>/dev/null | grep -c /tmp/dos.img)" "5
0"

# ---- -r, -v, -t ----
check_eq verbose-add "$(kpartx -a -r -v -p -part /dev/mapper/$G | head -n 1)" \
	"add map $G-part1 : 0 4096 linear $GD 2048"
check_eq ro-map "$(blockdev --getro /dev/mapper/$G-part2)" 1
check_eq rw-parent "$(blockdev --getro /dev/mapper/$G)" 0
check ro-delete kpartx -d /dev/mapper/$G
check_eq only-dos-label "$(kpartx -l -t dos /dev/mapper/$G)" ""
check_eq only-gpt-label "$(kpartx -l -t gpt /dev/mapper/$G | wc -l)" 2
check_fails unknown-label 1 kpartx -l -t nope /dev/mapper/$G

# ---- usage errors ----
check_fails no-device 2 kpartx -a
check_fails bad-device 1 kpartx -l /nonexistent
check_fails not-block 1 kpartx -l /dev/null
