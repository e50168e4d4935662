# The iSCSI re-login beside the root's own multipathd (issue 19): the real
# Debian 12 root of iscsi-debian-root, booted over two portals, has
# Debian's multipath-tools, so the init hands mpboot's multipathd over with
# "handover iscsi": Debian's multipathd takes the control socket and the
# map, and mpboot's follows the root keeping only the re-login of the
# sessions mpboot made.  Under a write+verify load the host cuts the
# first network link for 30 s (longer than the initiator's NOP timeout,
# 5 s every 5 s, so the kernel fails the connection) and restores it.
# Invariants:
# - systemd reaches "running" (a control socket still held by ours would
#   fail multipathd.socket), and every filesystem is on the map;
# - Debian's multipathd answers on the control socket with the pid
#   systemd started it as, and lists the map;
# - mpboot's multipathd is alive beside it in iSCSI-only mode: a process
#   named multipathd other than Debian's, whose executable is the deleted
#   initramfs file, whose root is the booted root, and which said
#   "iSCSI re-login only" in the kernel log;
# - the cut makes the path fail in the map (the connection really
#   dropped); after the link's return the same session is LOGGED_IN again,
#   logged in by mpboot's daemon, and both paths are active in dmsetup
#   status, then in Debian's multipath -ll, within 15 s: the re-login
#   within 5 s (an attempt in flight ends within 3 s, "No route to host"
#   once ARP gives up, then at most the 2 s back-off), then two checker
#   intervals of Debian's multipathd, which alone reinstates the path here
#   (polling_interval 5, how often it checks a failed path; its first
#   check after the re-login was seen to find the path still down);
# - no I/O error and no lost write across the cut;
# - SIGTERM (what systemd-shutdown sends every process) ends mpboot's
#   daemon within 5 s; Debian's keeps its pid file and socket.
# Prints the time from the link's return to the path active.
# topology: iscsi:2
# disk: script:scripts/mkimg-debian.sh
# initramfs: build/initramfs-iscsi.cpio.gz
# append: root=UUID=6d70626f-6f74-4000-8000-0000000000d1 rw ip=10.10.0.2:::24:::none::52:54:00:10:00:02 ip=10.10.1.2:::24:::none::52:54:00:10:01:02 netroot=iscsi:10.10.0.1::::iqn.2026-12.org.mpboot:target netroot=iscsi:10.10.1.1::::iqn.2026-12.org.mpboot:target rd.iscsi.initiator=iqn.2026-12.org.mpboot:initiator
# host cut0: set_link nic0 off
# host up0: set_link nic0 on
# mem: 1024
# timeout: 600

. /usr/lib/debian-checks.sh
W=360014050123456789abcd00000000000
# each "maj:min" of the status line followed by A is an active path
active() {
	dmsetup status "$W" | awk '{ for (i = 1; i < NF; i++) if ($i ~ /^[0-9]+:[0-9]+$/ && $(i + 1) == "A") n++ } END { print n + 0 }'
}
ll_active() { multipath -ll "$W" 2>/dev/null | grep -cE '[0-9]+:[0-9]+:[0-9]+:[0-9]+ sd[a-z]+ .*active ready'; }

debian_boot_checks
check_eq two-paths-active "$(active)" 2

# Debian's multipathd holds the control socket and the map
deb=$(systemctl show -p MainPID --value multipathd.service)
check_eq debian-mpd-owns-socket "$(multipathd show daemon 2>&1 | sed -n 's/^pid \([0-9]*\) .*/\1/p')" "$deb"
check debian-mpd-has-map sh -c "multipathd show maps 2>&1 | grep -q '$W'"

# mpboot's, beside it: the other process named multipathd
ours=
for p in /proc/[0-9]*; do
	[ "$(cat "$p/comm" 2>/dev/null)" = multipathd ] && [ "${p#/proc/}" != "$deb" ] && ours=${p#/proc/}
done
echo "multipathd: Debian's pid $deb, mpboot's pid ${ours:-none}"
check mpboot-mpd-alive [ -n "$ours" ]
check_eq mpboot-mpd-from-initramfs "$(readlink "/proc/$ours/exe" 2>&1 | grep -c '(deleted)')" 1
check_eq mpboot-mpd-follows-root "$(readlink "/proc/$ours/root")" /
check said-iscsi-only sh -c "dmesg | grep -q 'iSCSI re-login only'"
check init-said-iscsi-only sh -c "dmesg | grep -q 'ours keeps the iSCSI re-login'"

before=$(sessions)
echo "sessions: $before"
dmesg -n 7 2>/dev/null
cut_link0 "$W" 30
if [ -n "$t" ]; then
	# the re-login's time on the same clock (the kernel log's uptime)
	tl=$(dmesg | sed -n 's/^\[ *\([0-9]*\)\.\([0-9][0-9][0-9]\).*iscsi session [0-9]*: logged in again.*/\1\2/p' | tail -n 1)
	echo "TIMING: path active again $t ms after the link's return (logged in again $((${tl:-0} - t0)) ms after it)"
	check_eq path-back-within-15s "$([ $t -le 15000 ] && echo yes)" yes
else
	fail path-back "status: $(dmsetup status $W); $(multipath -ll $W 2>&1 | tr '\n' ';')"
	dmesg | grep -iE 'iscsi|multipathd|conn' | tail -n 20
fi
check_eq session-logged-in-again "$(sessions)" "$before"
check_eq debian-ll-both-active "$(ll_active)" 2
wv_verify cut /wv.img no-io-error-across-cut
check kernel-said-lost sh -c "dmesg | grep -q 'detected conn error'"
check said-relogged sh -c "dmesg | grep -q 'iscsi session [0-9]*: logged in again'"
check mpboot-mpd-still-alive [ -d "/proc/$ours" ]
# shutdown: systemd-shutdown's SIGTERM to every process must end it (the
# harness powers off without one), and leave the root's daemon its pid
# file and its socket
pf=$(cat /run/multipathd.pid 2>/dev/null)
kill -TERM "$ours"
check mpboot-mpd-ends-at-sigterm wait_until 5 sh -c "[ ! -d /proc/$ours ] || grep -q '^State:.*Z' /proc/$ours/status"
check_eq debian-pidfile-kept "$(cat /run/multipathd.pid 2>/dev/null)" "$pf"
check_eq debian-mpd-still-owns-socket "$(multipathd show daemon 2>&1 | sed -n 's/^pid \([0-9]*\) .*/\1/p')" "$deb"
dmesg | grep -E 'multipathd|iscsi|conn error' | tail -n 16
# Debian's multipathd's view of the cut, on the kernel's clock
journalctl -b -u multipathd -o short-monotonic --no-pager 2>&1 | tail -n 25
multipath -ll "$W" 2>&1 | sed 's/^/multipath -ll: /'
