# A path with a SCSI device handler attached gets it named in the table.
# Invariants: with scsi_dh_alua loaded, scsi_debug paths report dh_state
# "alua"; our table says hwhandler "1 alua" and the kernel's echo of it
# matches, so a re-run changes nothing; -ll shows hwhandler='1 alua'.
# topology: scsi_debug:2,1,1
# modules: scsi_dh_alua
# timeout: 150

D=$(sd_devs | head -n 1)
check_eq dh-state-alua "$(cat /sys/block/$D/device/dh_state)" alua
check create multipath -v0
W=$(vpd_wwid $D)
case "$(dmctl table $W)" in *"multipath 0 1 alua 2 1 service-time 0 1 2 "*) pass table-hwhandler ;;
*) fail table-hwhandler "$(dmctl table $W)" ;; esac
check_eq rerun-nothing "$(multipath -v1)" ""
OUT=$(multipath -ll)
case "$OUT" in *"hwhandler='1 alua' wp=rw"*) pass ll-hwhandler ;; *) fail ll-hwhandler "$OUT" ;; esac
