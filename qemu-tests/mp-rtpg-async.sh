# multipath's REPORT TARGET PORT GROUPS and -ll's TEST UNIT READYs go out
# all at once on the sg nodes (issue 23), and give what one command after
# the other through SG_IO on /dev/sdX gives.  scsi_debug (vpd_use_hostno=0)
# answers each port's RTPG with its own group only, in a state that
# follows the host number (active/optimized, active/non-optimized,
# standby: host_no % 3), so every path needs its own answer and the paths
# of an LU get different priorities.  No scsi_dh_alua: the alua
# prioritiser, not the kernel's access_state, decides.
# Invariants: with sg loaded the maps' tables and `multipath -ll` are byte
# for byte those made after `rmmod sg` (the SG_IO path, kept as the
# fallback); -ll shows priorities 50, 10 and 1; with sg, a -ll run makes
# no SG_IO ioctl: at least one RTPG and one TUR a path fewer ioctls than
# without sg.
# topology: scsi_debug:3,1,4
# modules: sg
# timeout: 240

N=12
check_eq paths "$(sd_devs | wc -l)" $N
check_eq sg-nodes "$(ls /sys/class/scsi_generic | grep -c '^sg')" $N
tables() { for W in $(dmctl ls | cut -d' ' -f1 | sort); do echo "$W $(dmctl table "$W")"; done; }
ioctls() { sysccount "$@" 2>&1 >/dev/null | sed -n 's/.*seg=all.* ioctl=\([0-9]*\).*/\1/p'; }

check create-async multipath -v0
check_eq four-maps "$(dmctl ls | wc -l)" 4
tables > /tmp/t.async
multipath -ll > /tmp/ll.async 2>&1
A=$(ioctls multipath -ll)
cat /tmp/ll.async
for p in 50 10 1; do
	case "$(cat /tmp/ll.async)" in *"prio=$p "*) pass "ll-prio-$p" ;;
	*) fail "ll-prio-$p" "no group of priority $p" ;; esac
done

check flush multipath -F
check rmmod-sg rmmod sg
check create-sgio multipath -v0
tables > /tmp/t.sgio
multipath -ll > /tmp/ll.sgio 2>&1
S=$(ioctls multipath -ll)
check same-tables cmp /tmp/t.async /tmp/t.sgio
check same-ll cmp /tmp/ll.async /tmp/ll.sgio
echo "ioctls of -ll: sg $A, SG_IO $S"
if [ -n "$A" ] && [ -n "$S" ] && [ $((S - A)) -ge $((2 * N)) ]; then
	pass ll-no-sgio
else
	fail ll-no-sgio "ioctls with sg ${A:-?}, without ${S:-?}"
fi
