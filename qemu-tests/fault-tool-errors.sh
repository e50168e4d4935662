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
files() { ls -la /etc/multipath /run 2>/dev/null | grep -v ' \.\.\?$'; }
F0=$(files)

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
	elif [ "$_want" = 2 ] && ! printf '%s' "$_o" | grep -q -e '^usage: ' -e ': not supported$'; then
		# a usage error is the usage line, or "TOOL: -X: not supported"
		# for a multipath-tools option mpboot does not implement
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
# every option that takes a value, without it and with a wrong one;
# operands where none or another count is wanted
err mp-v-range 2 multipath -v 10
err mp-v-word 2 multipath -vx
err mp-bad-selector 2 multipath -s bogus
err mp-C-missing 2 multipath -C
err mp-b-missing 2 multipath -b
err mp-p-missing 2 multipath -p
err mp-s-missing 2 multipath -s
err mp-f-missing 2 multipath -f
err mp-two-devices 2 multipath sda sdb
err mp-two-wwid-ops 2 multipath -a -w /dev/$A
err kp-p-missing 2 kpartx -l -p
err kp-t-missing 2 kpartx -l -t
err kp-two-devices 2 kpartx -l /dev/$A /dev/$A
err kp-three-actions 2 kpartx -a -d -u /dev/$A
err dn-u-alone 2 devmap_name -u
err dn-three-args 2 devmap_name 1 2 3
err dn-bad-option 2 devmap_name -x 1
err dn-huge-major 2 devmap_name 99999999999 0
err mpinit-no-cmd 2 mpinit
err mpinit-wait-n-word 2 mpinit wait -n x
err mpinit-wait-q-missing 2 mpinit wait -q
err mpinit-wait-t-word 2 mpinit wait -t x
err mpinit-wait-operand 2 mpinit wait extra
err mpinit-findroot-none 2 mpinit findroot
err mpinit-probe-none 2 mpinit probe
err mpinit-probe-two 2 mpinit probe /dev/$A /dev/$A
err mpinit-move-one 2 mpinit move /tmp
err mpinit-cmdline-two 2 mpinit cmdline a b
err mpinit-udevdb-two 2 mpinit udevdb a b
err mpinit-hideparts-arg 2 mpinit hideparts x
err mpd-v-missing 2 multipathd -v
err mpd-v-word 2 multipathd -v x
err mpd-i-zero 2 multipathd -i 0
err mpd-i-word 2 multipathd -i x
err mpd-n-bogus 2 multipathd -n bogus
err mpd-c-bogus 2 multipathd -c bogus
err mpd-p-bogus 2 multipathd -p bogus
err mpd-b-bogus 2 multipathd -b bogus
err mpd-k-alone 2 multipathd -k

# --- runtime failures named in one line
err mp-f-no-such-map 1 multipath -f nosuchmap
err mp-a-not-a-path 1 multipath -a /dev/null
err mp-w-not-a-path 1 multipath -w /dev/null
err mpd-no-daemon 1 multipathd show maps
err mpinit-cmdline-missing 1 mpinit cmdline /nonexistent
err mpinit-move-missing 1 mpinit move /nonexistent /tmp
err kp-a-dev-null 1 kpartx -a /dev/null

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
err nr-multipath-F 1 $NR multipath -F
err nr-kpartx-d 1 $NR kpartx -d -p -part /dev/mapper/$W
err nr-mpinit-udevdb 1 $NR mpinit udevdb
err nr-mpinit-hideparts 1 $NR mpinit hideparts

# --- /sys hidden
mkdir -p /tmp/empty
mount --bind /tmp/empty /sys
err nosys-multipath 1 multipath
err nosys-multipath-l 1 multipath -l
err nosys-mpinit-hideparts 1 mpinit hideparts
err nosys-mpinit-udevdb 1 mpinit udevdb /tmp/nosys-udevdb
err nosys-devmap-name 1 devmap_name dm-0
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
check_eq no-file-written "$(files)" "$F0"

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
