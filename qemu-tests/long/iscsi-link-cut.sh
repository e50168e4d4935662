# Not in make check yet: after the cut the path stays failed, since nothing
# logs in to the target again (the re-login of issue 19 is still to come).
# Run it by hand: qemu-tests/run long/iscsi-link-cut
# One network link of an iSCSI boot cut and restored under a write+verify
# load (issue 19, first step): the host's "set_link nic0 off/on" on the
# initiator's first NIC.  The cut (10 s) is shorter than LIO's NOP-In
# timeout, so the TCP connection may resume (TESTBED.md): this checks the
# harness's link events and that a blip costs no I/O error; a cut long
# enough for the target to drop the connection needs the daemon's
# re-login (not here yet).
# Invariants: no I/O error and no lost write across the cut; both paths
# are in the map again after it.  Today the second fails: the kernel
# fails the connection during the cut and nothing logs in again (the
# re-login is the daemon's part of issue 19, not done yet).
# topology: iscsi:2
# disk: script:scripts/mkimg-root.sh dos
# initramfs: build/initramfs-iscsi.cpio.gz
# append: root=PARTUUID=6d70626f-01 rw rootdelay=30 panic=5 ip=10.10.0.2:::24::eth0:none ip=10.10.1.2:::24::eth1:none netroot=iscsi:10.10.0.1::::iqn.2026-12.org.mpboot:target netroot=iscsi:10.10.1.1::::iqn.2026-12.org.mpboot:target rd.iscsi.initiator=iqn.2026-12.org.mpboot:initiator
# host cut0: set_link nic0 off
# host up0: set_link nic0 on
# timeout: 240

W=360014050123456789abcd00000000000
dd if=/dev/zero of=/wv.img bs=64k count=16 2>/dev/null
wv_start cut /wv.img
sleep 3
host_event cut0
sleep 10
host_event up0
sleep 15
wv_verify cut /wv.img no-io-error-across-cut
echo "paths after the cut:"
mpboot multipathd show paths 2>&1
# dm-multipath's status: "MAJ:MIN A|F ..." per path (a group's own
# status letter follows no device number)
echo "status: $(dmctl status "$W")"
check two-paths-active wait_until 60 sh -c "[ \$(dmctl status $W | grep -oE '[0-9]+:[0-9]+ A' | wc -l) = 2 ]"
for c in /sys/class/iscsi_connection/*; do
	echo "${c##*/}: $(cat $c/persistent_address) $(cat $c/state)"
done
