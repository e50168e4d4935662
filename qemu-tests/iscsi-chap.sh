# CHAP on the iSCSI boot (issue 19): the target guest wants CHAP (user
# alice) and answers mutual CHAP (as tgtuser) on three portals.  Portal 0
# gets a wrong secret, portal 1 one-way CHAP, portal 2 mutual CHAP.
# Invariants: the boot goes on with the two good portals (a 2-path map
# holds the root); the bad portal is one line naming its address; the
# report counts 2 of 3; no secret (right or wrong) is on the console or in
# any line our tools wrote to the kernel log (the kernel itself logs the
# command line three times: "Command line:", "Unknown kernel command line
# parameters" and init's environment; that is the boot loader entry's
# doing, as with dracut).
# topology: iscsi:3
# iscsi-auth: mutual alice alicesecret12 tgtuser tgtsecret1234
# disk: script:scripts/mkimg-root.sh dos
# initramfs: build/initramfs-iscsi.cpio.gz
# append: root=PARTUUID=6d70626f-01 rw rootdelay=30 panic=5 ip=10.10.0.2:::24::eth0:none ip=10.10.1.2:::24::eth1:none ip=10.10.2.2:::24::eth2:none netroot=iscsi:alice:WRONGsecret12@10.10.0.1::::iqn.2026-12.org.mpboot:target netroot=iscsi:alice:alicesecret12@10.10.1.1::::iqn.2026-12.org.mpboot:target netroot=iscsi:alice:alicesecret12:tgtuser:tgtsecret1234@10.10.2.1::::iqn.2026-12.org.mpboot:target rd.iscsi.initiator=iqn.2026-12.org.mpboot:initiator
# host-after: no-secret-on-console ! grep -aE 'secret12|secret1234' console.log
# timeout: 220

W=360014050123456789abcd00000000000
iscsi_root_checks "$W"
addrs=$(cat /sys/class/iscsi_connection/*/persistent_address | sort | tr '\n' ' ')
check_eq good-portals "$addrs" "10.10.1.1 10.10.2.1 "
log=$(dmesg)
has() { printf '%s\n' "$log" | grep -qF -- "$1"; }
check said-2-of-3 has 'iscsi: 2 of 3 portal(s) logged in'
bad=$(printf '%s\n' "$log" | grep -F '10.10.0.1' | grep -iv 'command line')
echo "bad portal said: $bad"
check_eq bad-portal-one-line "$(printf '%s\n' "$bad" | grep -c .)" 1
case "$bad" in *CHAP*) pass bad-portal-says-chap ;; *) fail bad-portal-says-chap "$bad" ;; esac
# ours: "mpboot: ...", "mpinit: ...", "iscsi: ...", "multipath...: ..."
ours=$(printf '%s\n' "$log" | grep -E '\] (mpboot|mpinit|iscsi|multipath|multipathd|kpartx): ')
# the filter must see our lines, or the check below could not fail
case "$ours" in *"iscsi: 10.10.0.1:3260"*) pass our-kmsg-lines-seen ;;
*) fail our-kmsg-lines-seen "$(printf '%s\n' "$log" | tail -n 5)" ;; esac
leaks=$(printf '%s\n' "$ours" | grep -cE 'secret12|secret1234')
check_eq no-secret-in-kmsg "$leaks" 0
for s in /sys/class/iscsi_session/*; do
	echo "session ${s##*/}: $(cat $s/targetname) $(cat $s/state) user=$(cat $s/username 2>&1) user_in=$(cat $s/username_in 2>&1)"
done
