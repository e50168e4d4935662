# Hardware handlers in the kernel: scsi_debug posing as an EMC CLARiiON
# (inq_vendor DGC, "1 emc" in the built-in table) and as an LSI/NetApp
# E-Series (LSI INF-01-00, "1 rdac"), first with scsi_dh_alua, scsi_dh_emc
# and scsi_dh_rdac loaded before the disks appear (scsi_debug reports
# TPGS, so the kernel attaches alua at scan), then without scsi_dh_alua.
# Invariants: whatever handler the kernel attached at scan (dh_state) is
# the one in the table we write and in the kernel's table after the load
# (multipath-tools' retain_attached_hw_handler); with none attached, the
# table we want names the table's handler, and the map is made with it
# or the load is refused by the kernel (EINVAL), never made without it.
# topology: scsi_debug:2,1,1
# modules: scsi_dh_alua scsi_dh_emc scsi_dh_rdac
# timeout: 240

# pose VENDOR PRODUCT: two paths to one LU with these INQUIRY strings
# (none: only remove scsi_debug)
npose=0
pose() {
	for m in $(dmctl ls | cut -d' ' -f1); do dmctl remove "$m" >/dev/null 2>&1; done
	i=0
	while [ -n "$(sd_devs)" ] && [ $i -lt 100 ]; do
		rmmod scsi_debug 2>/dev/null
		sleep 0.1
		i=$((i + 1))
	done
	npose=$((npose + 1))
	check "scsi-debug-gone-$npose" [ -z "$(sd_devs)" ]
	[ "$1" = none ] && return 0
	modprobe scsi_debug add_host=2 num_tgts=1 max_luns=1 vpd_use_hostno=0 \
		dev_size_mb=8 inq_vendor="$1" inq_product="$2"
	i=0
	while [ "$(sd_devs | wc -l)" -lt 2 ] && [ $i -lt 200 ]; do sleep 0.1; i=$((i + 1)); done
}

# one NAME HANDLER: the scenario for one pose; HANDLER the table's.
one() {
	name=$1 want=$2
	for d in $(sd_devs); do
		echo "$name: $d $(cat /sys/block/$d/device/vendor) $(cat /sys/block/$d/device/model)" \
			"dh_state=$(cat /sys/block/$d/device/dh_state)"
	done
	dh=$(cat /sys/block/$(sd_devs | head -1)/device/dh_state)
	OT=$(multipath -v3 -d 2>&1 | sed -n 's/^table: 0 [0-9]* multipath //p' | tail -1)
	echo "$name: we want: $OT"
	[ "$dh" = detached ] || want=$dh
	case "$OT" in
	*" 1 $want 2 1 "*) pass "$name-want-$want" ;;
	*) fail "$name-want-$want" "$OT" ;;
	esac
	OUT=$(multipath -v2 2>&1)
	rc=$?
	echo "$name: multipath rc=$rc: $OUT"
	T=$(dmctl table "$(vpd_wwid "$(sd_devs | head -1)")" 2>/dev/null)
	echo "$name: kernel table: $T"
	if [ "$dh" != detached ]; then
		case "$T" in *" 1 $dh 2 1 "*) pass "$name-attached-kept" ;;
		*) fail "$name-attached-kept" "dh_state $dh, table '$T'" ;; esac
	elif [ -n "$T" ]; then
		case "$T" in *" 1 $want 2 1 "*) pass "$name-loaded-with-$want" ;;
		*) fail "$name-loaded-with-$want" "$T" ;; esac
	else
		case "$OUT" in *"DM_TABLE_LOAD: Invalid argument"*) pass "$name-kernel-refuses-$want" ;;
		*) fail "$name-kernel-refuses-$want" "no map, rc $rc: $OUT" ;; esac
	fi
}

pose DGC "RAID 5"
one emc-alua emc
pose LSI INF-01-00
one rdac-alua rdac
# without scsi_dh_alua: what scsi_dh_emc / scsi_dh_rdac make of it
pose none none
rmmod scsi_dh_alua
check alua-unloaded [ ! -d /sys/module/scsi_dh_alua ]
pose DGC "RAID 5"
one emc emc
pose LSI INF-01-00
one rdac rdac
dmesg | grep -i "emc\|rdac\|scsi_dh\|device-mapper" | tail -20
