# multipathd and friendly names (issue 10), the daemon alone: LU0 a plain
# disk, LU1 a partitioned one, user_friendly_names yes, mpathb bound to LU0.
# Invariants:
# - started by the init (MPBOOT_KMSG), it reads the image's bindings and
#   never writes them: LU0 is mpathb, LU1 keeps its WWID name, no
#   bindings line and no wwids file appear;
# - after "handover done" into a root whose bindings file is writable, a
#   reconfigure allocates the next free name as multipath-tools does
#   (mpatha), renames LU1's map and its partition maps by DM rename (same
#   minor, UUIDs kept, a write+verify load on a partition sees no error),
#   and appends "mpatha <wwid>" to the root's bindings and the WWID to
#   its wwids file;
# - LU1 removed and added again while mpatha is bound to another WWID: it
#   gets a new name (mpathc) and its binding line;
# - the root's bindings on a read-only mount: LU1 back with its WWID name,
#   the file unchanged;
# - (#20.6) a live map renamed behind the daemon's back to mpathq, which
#   the bindings lack: a reconfigure keeps mpathq (no rename) and records
#   "mpathq <wwid>", as multipath-tools' use_existing_alias;
# - (#24.12) a binding "control" for LU1, then LU1 removed and added: its
#   map is made under its WWID name with one warning, /dev/mapper/control
#   stays DM's node and DM commands keep working.
# topology: virtio:2
# disk: 64M
# disk: script:scripts/mkimg-root.sh dos
# modules: sg
# host del-lu1-a: @del p0l1
# host del-lu1-b: @del p1l1
# host add-lu1-a: @add p0l1
# host add-lu1-b: @add p1l1
# host del-lu1-c: @del p0l1
# host del-lu1-d: @del p1l1
# host add-lu1-c: @add p0l1
# host add-lu1-d: @add p1l1
# host del-lu1-e: @del p0l1
# host del-lu1-f: @del p1l1
# host add-lu1-e: @add p0l1
# host add-lu1-f: @add p1l1
# timeout: 300

W0=35000c50015ea7100
W1=35000c50015ea7101
there() { dmctl info "$1" >/dev/null 2>&1; }
gone() { ! dmctl info "$1" >/dev/null 2>&1; }
devt() { dmctl info "$1" | cut -d' ' -f3; }
uuid() { dmctl info "$1" | cut -d' ' -f2; }
# $1: root; bindings with one line per further argument pair
conf() {
	r=$1
	shift
	mkdir -p "$r/etc/multipath"
	printf 'defaults {\n\tuser_friendly_names yes\n}\n' > "$r/etc/multipath.conf"
	{
		printf '# Multipath bindings, Version : 1.0\n'
		while [ $# -ge 2 ]; do printf '%s %s\n' "$1" "$2"; shift 2; done
	} > "$r/etc/multipath/bindings"
}

conf "" mpathb "$W0"
check daemon-starts env MPBOOT_KMSG=1 multipathd -i 1
check initramfs-bound-name wait_until 10 there mpathb
check initramfs-unbound-keeps-wwid wait_until 10 there "$W1"
check initramfs-partitions wait_until 10 there "$W1-part2"
check_eq initramfs-bindings-unchanged "$(grep -c . /etc/multipath/bindings)" 2
check initramfs-no-wwids-file test ! -e /etc/multipath/wwids

# the real root: its own files, the kernel's /sys and /dev
mkdir -p /root/sys /root/dev /root/proc /root/run
mount --bind /sys /root/sys
mount --bind /dev /root/dev
mount -t proc proc /root/proc
conf /root mpathb "$W0"
before=$(devt "$W1")
pbefore=$(devt "$W1-part2")
# the load through a node of its own: the writer opens it on every pass,
# and the rename takes /dev/mapper's name away
p1=$(devt "$W1-part1")
mknod /tmp/part1 b "${p1%:*}" "${p1#*:}"
writer_start w /tmp/part1
sleep 1
check handover-begin multipathd handover begin
check handover-done multipathd handover done
check reconfigure multipathd reconfigure
check renamed-to-next-free-name wait_until 10 there mpatha
check old-name-gone gone "$W1"
check_eq rename-same-device "$(devt mpatha)" "$before"
check partition-renamed wait_until 5 there mpatha-part2
check_eq partition-same-device "$(devt mpatha-part2)" "$pbefore"
check_eq partition-uuid-kept "$(uuid mpatha-part1)" "part1-mpath-$W1"
check old-partition-names-gone gone "$W1-part1"
check bound-map-unchanged there mpathb
check_eq binding-appended "$(grep -v '^#' /root/etc/multipath/bindings)" \
	"$(printf 'mpathb %s\nmpatha %s' "$W0" "$W1")"
# the renamed map's WWID; the unchanged one is not touched
check_eq wwids-written "$(grep -v '^#' /root/etc/multipath/wwids)" "/$W1/"
check_eq initramfs-file-still-unchanged "$(grep -c . /etc/multipath/bindings)" 2
sleep 1
reader_stop w
writer_ok w rename-under-io-no-error

# a LU hot-added with no binding (mpatha now bound elsewhere): a new name
conf /root mpathb "$W0" mpatha 3600000000000000000000000000000aa
host_event del-lu1-a
host_event del-lu1-b
check lu1-parts-flushed wait_until 30 gone mpatha-part1
check lu1-map-flushed wait_until 10 gone mpatha
host_event add-lu1-a
host_event add-lu1-b
check hot-added-gets-new-name wait_until 30 there mpathc
check hot-added-partitions wait_until 10 there mpathc-part1
check_eq hot-added-binding-appended "$(grep -c "^mpathc $W1\$" /root/etc/multipath/bindings)" 1

# a read-only root: no name can be recorded, so none is allocated
conf /root mpathb "$W0"
mount --bind /root/etc/multipath /root/etc/multipath
mount -o remount,bind,ro /root/etc/multipath
host_event del-lu1-c
host_event del-lu1-d
check ro-lu1-flushed wait_until 30 gone mpathc
host_event add-lu1-c
host_event add-lu1-d
check ro-root-keeps-wwid-name wait_until 30 there "$W1"
check ro-no-name-allocated gone mpatha
check_eq ro-bindings-unchanged "$(grep -vc '^#' /root/etc/multipath/bindings)" 1

# #20.6: a live name the bindings lack is kept and recorded
umount /root/etc/multipath
conf /root mpathb "$W0"
check rename-behind-back dmctl rename "$W1" mpathq
check reconfigure-live-name multipathd reconfigure
sleep 3
check live-name-kept there mpathq
check live-name-not-renamed gone mpatha
check_eq live-name-recorded "$(grep -c "^mpathq $W1\$" /root/etc/multipath/bindings)" 1

# #24.12: a binding "control" is no map name
conf /root mpathb "$W0" control "$W1"
host_event del-lu1-e
host_event del-lu1-f
check control-lu1-flushed wait_until 30 gone mpathq
host_event add-lu1-e
host_event add-lu1-f
check control-binding-wwid-name wait_until 30 there "$W1"
check control-node-intact test -c /dev/mapper/control
check control-dm-works dmctl ls
check control-no-such-map gone control
multipathd show daemon
check shutdown multipathd shutdown
