# kpartx on 4 KiB logical sectors, real kernel: the corpus DOS (with
# logicals) and GPT images made by fdisk -b 4096, bound to loop devices
# with 4096-byte sectors (tests/guest/loop4k.c).
# Invariants: LBAs are scaled to 512-byte DM sectors (x8); the extended
# partition maps one 4 KiB sector; the maps read back the bytes at those
# offsets; Debian's kpartx lists the same partitions.
# topology: virtio:1
# disk: script:scripts/mkimg-corpus.sh --one dos-4k
# disk: script:scripts/mkimg-corpus.sh --one gpt-4k
# peer: debian
# mem: 768
# timeout: 180

# Debian's kpartx runs chrooted in the peer root (scripts/debian-peer.sh).
for d in proc sys dev run tmp; do mkdir -p /peer/$d && mount --bind /$d /peer/$d; done
PK="chroot /peer /sbin/kpartx"
norm() { # name len, plus start when relative to the parent itself
	while read -r n _ _ l dev s; do
		[ -z "$n" ] && continue
		case "$dev" in /dev/dm-*) echo "$n $l" ;; *) echo "$n $l $s" ;; esac
	done
}

for d in $(sd_devs); do
	w=$(vpd_wwid $d)
	case $w in
	*00) img=dos ;;
	*01) img=gpt ;;
	esac
	dd if=/dev/$d of=/tmp/$img.img bs=1M 2>/dev/null
	L=$(loop4k /tmp/$img.img)
	check_eq $img-sector-size "$(blockdev --getss $L)" 4096
	n=${L#/dev/}
	case $img in
	dos) want="${n}p1 : 0 2048 $L 2048
${n}p2 : 0 8 $L 4096
${n}p5 : 0 2048 $L 6144
${n}p6 : 0 4096 $L 10240" ;;
	gpt) want="${n}p1 : 0 4096 $L 2048
${n}p2 : 0 8192 $L 6144" ;;
	esac
	check_eq $img-list "$(kpartx -l $L)" "$want"
	if [ -x /peer/sbin/kpartx ]; then
		deb=$($PK -l $L 2>/dev/null | norm)
		echo "$($PK -l $L 2>&1)" | sed "s/^/debian-kpartx $img: /"
		ours=$(echo "$want" | norm | while read -r a b c; do
			case "$deb" in *"$a $b $c"*) echo "$a $b $c" ;; *) echo "$a $b" ;; esac
		done)
		check_eq $img-debian-list "$ours" "$deb"
	fi
	check $img-add kpartx -a $L
	check_eq $img-uuid "$(dmctl info ${n}p1 | cut -d' ' -f2)" "part1-devnode_$(devno $n)_Wh5pYvM"
	check_eq $img-table "$(dmctl table ${n}p2)" "$(echo "$want" | sed -n 2p | { read -r m _ _ l _ s; echo "0 $l linear $(devno $n) $s"; })"
	# last partition: bytes written through the map are at start*512
	last=$(echo "$want" | tail -n 1)
	set -- $last
	printf 'kpartx-4k-marker' | dd of=/dev/mapper/$1 bs=4096 seek=1 conv=sync,fsync 2>/dev/null
	check_eq $img-data "$(dd if=/tmp/$img.img bs=512 skip=$(($6 + 8)) count=1 2>/dev/null | head -c 16)" kpartx-4k-marker
	check $img-delete kpartx -d $L
	check_eq $img-maps-gone "$(dmctl ls | grep -c "^${n}p")" 0
	check $img-detach loop4k -d $L
done
