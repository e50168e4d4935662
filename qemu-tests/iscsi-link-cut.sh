# Recovery of an iSCSI boot after a link loss (issue 19): under a
# write+verify load, the host cuts the initiator's first network link (QMP
# set_link nic0 off) for 30 s, longer than the initiator's NOP timeout (5 s
# every 5 s), so the kernel fails the connection and reports it on
# NETLINK_ISCSI; mpboot's multipathd (carried into the root: this root has
# none of its own) logs in again once the link is back, and its checker
# reinstates the path.  Then the second link, the same.
# Invariants: no I/O error and no lost write across both cuts; each cut
# makes its path fail (the connection really dropped); after each return
# the session is logged in again (same session, its state LOGGED_IN) and
# both paths are active within 10 s, two checker intervals (5 s); the
# kernel logged the loss and the daemon each re-login.  Prints the
# time from each link's return to its path active.
# topology: iscsi:2
# disk: script:scripts/mkimg-root.sh dos
# initramfs: build/initramfs-iscsi.cpio.gz
# append: root=PARTUUID=6d70626f-01 rw rootdelay=30 panic=5 ip=10.10.0.2:::24:::none::52:54:00:10:00:02 ip=10.10.1.2:::24:::none::52:54:00:10:01:02 netroot=iscsi:10.10.0.1::::iqn.2026-12.org.mpboot:target netroot=iscsi:10.10.1.1::::iqn.2026-12.org.mpboot:target rd.iscsi.initiator=iqn.2026-12.org.mpboot:initiator
# host cut0: set_link nic0 off
# host up0: set_link nic0 on
# host cut1: set_link nic1 off
# host up1: set_link nic1 on
# timeout: 300

W=360014050123456789abcd00000000000
active() { dmctl status "$W" | grep -oE '[0-9]+:[0-9]+ A' | wc -l; }
before=$(sessions)
echo "sessions: $before"
# the records the daemon logs in again from (no secret in this scenario)
for r in /run/mpboot/iscsi/*; do
	echo "record ${r##*/}: $(tr '\n' ' ' < "$r")"
done
# what the daemon and its children say, on the console as it happens
dmesg -n 7 2>/dev/null
dd if=/dev/zero of=/wv.img bs=64k count=16 2>/dev/null
wv_start cut /wv.img
for n in 0 1; do
	sleep 3
	host_event cut$n
	check path-$n-fails wait_until 40 sh -c "[ \$(dmctl status $W | grep -oE '[0-9]+:[0-9]+ A' | wc -l) = 1 ]"
	sleep 30
	host_event up$n
	t0=$(ms)
	if wait_until 30 sh -c "[ \$(dmctl status $W | grep -oE '[0-9]+:[0-9]+ A' | wc -l) = 2 ]"; then
		t=$(($(ms) - t0))
		echo "link $n: path active again $t ms after the link's return"
		check_eq path-$n-back-within-10s "$([ $t -le 10000 ] && echo yes)" yes
	else
		fail path-$n-back "status: $(dmctl status $W)"
		dmesg | grep -iE 'iscsi|multipathd|conn' | tail -n 20
	fi
	check_eq sessions-$n-logged-in "$(sessions)" "$before"
done
wv_verify cut /wv.img no-io-error-across-cuts
log=$(dmesg)
echo "$log" | grep -E 'iscsi|conn error' | tail -n 16
check kernel-said-lost sh -c "dmesg | grep -q 'detected conn error'"
check said-relogged sh -c "[ \$(dmesg | grep -c 'iscsi session [0-9]*: logged in again') -ge 2 ]"
mpboot multipathd show paths 2>&1
