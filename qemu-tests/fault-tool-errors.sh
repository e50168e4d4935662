# Every tool refuses what it cannot do with a short error and its
# documented exit code, and changes nothing: run without root, with /sys
# hidden, with an empty /dev/mapper, on things that are not disks and
# with wrong arguments, next to a live multipath map and its partitions.
# Invariants: runtime errors exit 1 with exactly one line on stderr
# naming the tool; usage errors exit 2 and start with "usage:"; the maps
# and their tables are the same before and after every case.
# topology: virtio:2
# disk: script:scripts/mkimg-dos.sh
# timeout: 200

W=$(vpd_wwid "$(sd_devs | head -n 1)")
A=$(sd_devs | head -n 1)
check multipath multipath
check kpartx-add kpartx -a -p -part "/dev/mapper/$W"
state() { for m in $(dmctl ls | cut -d' ' -f1 | sort); do echo "$m $(dmctl info $m) $(dmctl table $m)"; done; }
S0=$(state)

# err NAME RC CMD...: exit code RC; RC 1: one stderr line naming the
# tool; RC 2: a usage text.
err() {
	_n=$1 _want=$2
	shift 2
	_t=$1
	[ "$_t" = runas ] && _t=$4
	_o=$("$@" 2>&1 >/dev/null)
	_rc=$?
	_l=$(printf '%s\n' "$_o" | sed '/^$/d' | wc -l)
	echo "case $_n: rc=$_rc: $(printf '%s' "$_o" | head -n 2 | tr '\n' '|')"
	if [ "$_rc" != "$_want" ]; then
		fail "$_n" "exit $_rc, want $_want: $_o"
	elif [ "$_want" = 1 ] && { [ "$_l" != 1 ] || ! printf '%s' "$_o" | grep -q "^${_t##*/}: "; }; then
		fail "$_n" "want one line starting '${_t##*/}: ', got $_l: $_o"
	elif [ "$_want" = 2 ] && ! printf '%s' "$_o" | grep -q '^usage: '; then
		fail "$_n" "no usage text: $_o"
	else
		pass "$_n"
	fi
}

# --- wrong arguments
err mp-bad-option 2 multipath -x
err mp-bad-policy 2 multipath -p nonsense
err mp-missing-arg 2 multipath -v
err kp-no-device 2 kpartx -l
err kp-bad-option 2 kpartx -z /dev/$A
err kp-two-actions 2 kpartx -a -d /dev/$A
err dn-no-args 2 devmap_name
err dn-bad-number 2 devmap_name x y
err mpinit-bad-cmd 2 mpinit bogus
err mpd-bad-option 2 multipathd -x

# --- not disks
err kp-dev-null 1 kpartx -l /dev/null
err kp-directory 1 kpartx -l /tmp
err kp-missing 1 kpartx -l /dev/nonexistent
err mp-not-a-path 1 multipath /dev/null
err dn-not-dm 1 devmap_name 1 3
err dn-sd-disk 1 devmap_name $(devno $A | tr : ' ')
err dn-no-such-dm 1 devmap_name dm-999
err mpinit-probe-null 1 mpinit probe /dev/null

# --- not root
NR="runas 65534 65534"
err nr-multipath 1 $NR multipath
err nr-multipath-l 1 $NR multipath -l
err nr-kpartx-a 1 $NR kpartx -a -p -part /dev/mapper/$W
err nr-kpartx-l 1 $NR kpartx -l /dev/$A
err nr-devmap-name 1 $NR devmap_name dm-0
err nr-multipathd 1 $NR multipathd -d

# --- /sys hidden
mkdir -p /tmp/empty
mount --bind /tmp/empty /sys
err nosys-multipath 1 multipath
err nosys-multipath-l 1 multipath -l
# kpartx needs no sysfs: it reads the device and talks to device-mapper
check nosys-kpartx-a-works kpartx -a -p -part /dev/mapper/$W
umount /sys

# --- /dev/mapper empty (no control node): the tools make control again
# from sysfs and work; with udev absent the map entries are the init's.
mount -t tmpfs tmpfs /dev/mapper
check nomapper-multipath-l multipath -l
check nomapper-devmap-name devmap_name dm-0
umount /dev/mapper

check_eq nothing-changed "$(state)" "$S0"

# A map name taken by a map that is not a multipath map: refused, named,
# the other map untouched, no half-built multipath map.
check kpartx-d kpartx -d -p -part /dev/mapper/$W
check flush-for-name multipath -F
dd if=/dev/zero of=/tmp/other.img bs=1M count=1 2>/dev/null
LO=$(losetup -f --show /tmp/other.img 2>/dev/null || { losetup -f /tmp/other.img && losetup -a | sed -n 's|^\(/dev/loop[0-9]*\):.*other.img.*|\1|p'; })
check other-map dmctl create "$W" - "0 2048 linear $LO 0"
T0=$(dmctl table "$W")
err name-taken 1 multipath
out=$(multipath 2>&1)
case "$out" in *"$W: a map of that name exists with UUID ''"*) pass name-taken-says-why ;;
*) fail name-taken-says-why "$out" ;; esac
check_eq other-map-untouched "$(dmctl table "$W")" "$T0"
check_eq no-multipath-map "$(dmctl ls | cut -d' ' -f1 | grep -vc "^$W$")" 0
