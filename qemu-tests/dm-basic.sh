# Foundation: the DM ioctl layer against the real kernel, and devmap_name.
# Invariants: a linear and a multipath map over two virtio paths to one LU
# can be created, read back, resolved by name, UUID and dev_t, and removed,
# with /dev/mapper nodes following the maps; bad names are refused.
# topology: virtio:2
# disk: 64M
# timeout: 120

set -- $(sd_devs)
A=$1 B=$2
check_eq two-paths "$#" 2
check_eq same-wwid "$(vpd_wwid "$A")" "$(vpd_wwid "$B")"
check_eq wwid-value "$(vpd_wwid "$A")" 35000c50015ea7100
DA=$(devno "$A") DB=$(devno "$B")
SIZE=$(cat /sys/block/$A/size)
check_eq disk-size "$SIZE" 131072

check dm-version dmctl version
check linear-target dmctl targetver linear

# A linear map over the second half of path A.
check create-linear dmctl create lin0 TEST-lin0 "0 2048 linear $DA 4096"
check linear-node test -b /dev/mapper/lin0
KDEV=$(dmctl info lin0 | cut -d' ' -f3)
LDM=$(ls /sys/block | grep '^dm-' | head -n 1)
check_eq linear-node-dev "$(stat -L -c '%t:%T' /dev/mapper/lin0 | { IFS=: read a b; printf '%d:%d' 0x$a 0x$b; })" "$KDEV"
check_eq linear-sysfs-dev "$(devno "$LDM")" "$KDEV"
check_eq linear-table "$(dmctl table lin0)" "0 2048 linear $DA 4096"
check_eq linear-sysfs-name "$(cat /sys/block/$LDM/dm/name)" lin0

# Data written through the map lands at the mapped offset of the path.
printf 'mpboot-linear-marker' | dd of=/dev/mapper/lin0 bs=512 seek=10 conv=sync,fsync 2>/dev/null
check_eq linear-data "$(dd if=/dev/$B bs=512 skip=4106 count=1 2>/dev/null | head -c 20)" mpboot-linear-marker

# devmap_name, all three forms, plus the error paths.
MAJ=${KDEV%:*} MIN=${KDEV#*:}
check_eq devmap-majmin "$(devmap_name "$MAJ" "$MIN")" lin0
check_eq devmap-dmN "$(devmap_name "$LDM")" lin0
check_eq devmap-dev-path "$(devmap_name "/dev/$LDM")" lin0
check_eq devmap-uuid "$(devmap_name -u "$MAJ" "$MIN")" TEST-lin0
check_fails devmap-unknown 1 devmap_name "$MAJ" 200
check_fails devmap-not-dm 1 devmap_name "${DA%:*}" "${DA#*:}"
check_fails devmap-no-such-dm 1 devmap_name dm-77
check_fails devmap-bad-args 2 devmap_name foo
check_fails devmap-no-args 2 devmap_name
check devmap-help devmap_name -h

# Bad names never reach the kernel.
check_fails name-slash 1 dmctl create a/b - "0 8 linear $DA 0"
LONG=$(printf '%0128d' 0)
check_fails name-too-long 1 dmctl create "$LONG" - "0 8 linear $DA 0"
check_fails bad-table 1 dmctl create badtab - "0 8 linear 259:999 0"
check_fails bad-table-rolled-back 1 dmctl info badtab

# A multipath map in today's table format over both paths, named by WWID.
W=$(vpd_wwid "$A")
T="0 $SIZE multipath 0 0 2 1 service-time 0 1 1 $DA 1 service-time 0 1 1 $DB 1"
check create-multipath dmctl create "$W" "mpath-$W" "$T"
# The kernel echoes the table in canonical form: service-time reports two
# per-path args (repeat count, relative throughput) and a trailing blank.
check_eq multipath-table "$(dmctl table "$W")" \
	"0 $SIZE multipath 0 0 2 1 service-time 0 1 2 $DA 1 1 service-time 0 1 2 $DB 1 1 "
check_eq multipath-uuid "$(devmap_name -u $(dmctl info "$W" | cut -d' ' -f3 | tr : ' '))" "mpath-$W"
ST=$(dmctl status "$W")
case "$ST" in
*"$DA A 0"*"$DB A 0"*) pass multipath-status-active ;;
*) fail multipath-status-active "status: $ST" ;;
esac
check_eq multipath-data "$(dd if=/dev/mapper/$W bs=512 skip=4106 count=1 2>/dev/null | head -c 20)" mpboot-linear-marker

# Path failure via message, then reinstatement.
check fail-path dmctl message "$W" 0 fail_path "$DA"
case "$(dmctl status "$W")" in *"$DA F 1"*) pass status-failed ;; *) fail status-failed "$(dmctl status "$W")" ;; esac
check reinstate-path dmctl message "$W" 0 reinstate_path "$DA"
check_fails bad-message 1 dmctl message "$W" 0 no_such_message

# Rename keeps the node in step.
check rename dmctl rename lin0 lin1
check renamed-node test -b /dev/mapper/lin1
check_fails old-node-gone 1 test -e /dev/mapper/lin0

# Remove: maps and nodes gone; a map held open is refused.
exec 7</dev/mapper/lin1
check_fails remove-open 1 dmctl remove lin1
exec 7<&-
check remove-linear dmctl remove lin1
check remove-multipath dmctl remove "$W"
check_fails nodes-gone 1 test -e /dev/mapper/lin1
check_eq no-maps-left "$(dmctl ls)" ""
