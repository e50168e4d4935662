# Helpers of the multipathd scenarios with a LU that stops answering
# (mpd-hung.sh, mpd-hostile.sh): LU0 is the harness's two
# virtio paths, LU1 two scsi_debug paths whose commands scsi_debug can
# swallow (every_nth=1 opts=4: "ignore the command", so each times out).
# Sourced by a scenario after t.sh (qemu-tests/run puts every lib/*.sh in
# the guest's /lib).

sd=/sys/bus/pseudo/drivers/scsi_debug

# hung_lu_setup: load scsi_debug (LU1), wait for its two disks; lu0 and
# lu1 are then each LU's disks; LU1's have a device timeout of 4 s.
hung_lu_setup() {
	check scsi-debug-loads modprobe scsi_debug add_host=2 num_tgts=1 max_luns=1 vpd_use_hostno=0 dev_size_mb=8
	wait_until 30 sh -c '[ "$(ls /sys/block | grep -c "^sd")" = 4 ]'
	lu0= lu1=
	for _d in $(sd_devs); do
		case "$(readlink -f /sys/block/$_d/device)" in
		*/virtio*) lu0="$lu0 $_d" ;;
		*) lu1="$lu1 $_d"; echo 4 > "/sys/block/$_d/device/timeout" ;;
		esac
	done
}

# hang N OPTS: scsi_debug's every_nth and opts (1 4: LU1 hangs; 0 0: it
# answers again).
hang() { echo "$1" > "$sd/every_nth"; echo "$2" > "$sd/opts"; }

# st_of MAP DISK: the disk's state in the map's status (A or F);
# st_is MAP DISK STATE.
st_of() { dmctl status "$1" | tr ' ' '\n' | grep -A1 "^$(devno "$2")\$" | tail -n 1; }
st_is() { [ "$(st_of "$1" "$2")" = "$3" ]; }
