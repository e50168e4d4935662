# The iSCSI initiator core (issue 19) in one guest: the kernel's LIO
# target (configfs, iscsi_target_mod) exports a 16 MiB fileio LU on
# 127.0.0.1:3260 and our `iscsi` applet logs in to it over lo.
# Invariants: SendTargets discovery lists the target with its portal and
# TPGT; a login with AuthMethod=None makes a kernel session (sysfs shows
# the target name, portal, negotiated parameters) whose LU appears as a
# SCSI disk that reads back what the target's file holds; a wrong target
# name, a closed port and a wrong CHAP secret each fail with exit 1 and
# one line naming the portal and the step; CHAP one-way and mutual log
# in (each login is one more path to the same LU); a wrong target secret
# in mutual CHAP is refused; the kernel session holds the CHAP secrets
# (password, password_in: for iscsid) and no other attribute shows one;
# no secret ever reaches the console, the kernel log or the applet's
# output.
# modules: target_core_mod target_core_file iscsi_target_mod crc32c_generic iscsi_tcp
# timeout: 180

T=iqn.2026-12.org.mpboot:lu0
I=iqn.2026-12.org.mpboot:init
SEC=mpboot-secret-1 TSEC=mpboot-target-2
ip link set lo up
mount -t configfs none /sys/kernel/config 2>/dev/null
C=/sys/kernel/config/target
LU=$C/core/fileio_0/lu0
# the LU's content: a marker at offset 0 the initiator must read back
printf 'MPBOOT-ISCSI-LU' > /tmp/lu.img
truncate -s 16M /tmp/lu.img
mkdir -p "$LU"
echo "fd_dev_name=/tmp/lu.img,fd_dev_size=16777216" > "$LU/control"
echo 1 > "$LU/enable"
TP=$C/iscsi/$T/tpgt_1
mkdir -p "$TP/lun/lun_0"
ln -s "$LU" "$TP/lun/lun_0/lu0"
mkdir "$TP/np/127.0.0.1:3260"
mkdir "$TP/np/[::1]:3260" # IPv6: our own literal parser and sockaddr_in6
for a in generate_node_acls=1 cache_dynamic_acls=1 demo_mode_write_protect=0 authentication=0; do
	echo "${a#*=}" > "$TP/attrib/${a%=*}"
done
echo 1 > "$TP/enable"

out=$(iscsi -d -i $I -a 127.0.0.1 2>&1)
echo "discovery: $out"
# LIO lists every portal of the group, the IPv6 one in brackets
case "$out" in *"127.0.0.1:3260,1 $T"*) pass discovery ;; *) fail discovery "$out" ;; esac
out=$(iscsi -d -i $I -a ::1 2>&1)
echo "discovery over IPv6: $out"
case "$out" in *"[::1]:3260,1 $T"*) pass discovery-ipv6 ;; *) fail discovery-ipv6 "$out" ;; esac

out=$(iscsi -i $I -t $T -g 1 -a 127.0.0.1 2>&1)
echo "login: $out"
case "$out" in "127.0.0.1:3260,1 $T session "*" host "*) pass login ;;
*) fail login "$out" ;; esac
check one-disk wait_until 20 sh -c '[ $(ls /sys/block | grep -c ^sd) = 1 ]'
S=$(ls /sys/class/iscsi_session | head -n 1)
SS=/sys/class/iscsi_session/$S
CC=$(ls -d /sys/class/iscsi_connection/connection* | head -n 1)
for f in targetname tpgt initiatorname initial_r2t immediate_data first_burst_len \
	max_burst_len data_pdu_in_order data_seq_in_order erl max_outstanding_r2t \
	recovery_tmo state; do
	echo "session $f=$(cat $SS/$f 2>/dev/null)"
done
for f in persistent_address persistent_port address port header_digest data_digest \
	max_recv_dlength max_xmit_dlength exp_statsn ping_tmo recv_tmo state; do
	echo "connection $f=$(cat $CC/$f 2>/dev/null)"
done
check_eq sysfs-target "$(cat $SS/targetname)" "$T"
check_eq sysfs-state "$(cat $SS/state)" LOGGED_IN
check_eq sysfs-portal "$(cat $CC/persistent_address):$(cat $CC/persistent_port)" 127.0.0.1:3260
check_eq sysfs-immediate "$(cat $SS/immediate_data)" 1
# LIO's defaults win where the result function lets them: InitialR2T
# Yes (OR), FirstBurstLength 65536 and MaxBurstLength 262144 (minimum),
# its MaxRecvDataSegmentLength declaration (262144 to our 262144) is
# our transmit limit
check_eq sysfs-initial-r2t "$(cat $SS/initial_r2t)" 1
check_eq sysfs-bursts "$(cat $SS/first_burst_len) $(cat $SS/max_burst_len)" "65536 262144"
check_eq sysfs-dlength "$(cat $CC/max_recv_dlength) $(cat $CC/max_xmit_dlength)" "262144 262144"
check_eq sysfs-digest "$(cat $CC/header_digest) $(cat $CC/data_digest)" "0 0"
D=$(sd_devs | head -n 1)
check_eq vendor "$(cat /sys/block/$D/device/vendor | tr -d ' ')" LIO-ORG
check_eq read-back "$(dd if=/dev/$D bs=15 count=1 2>/dev/null)" MPBOOT-ISCSI-LU
# a write through the session lands in the target's file
printf 'WRITTEN-BY-INIT' | dd of=/dev/$D bs=512 seek=1 conv=fsync 2>/dev/null
check_eq write-through "$(dd if=/tmp/lu.img bs=512 skip=1 count=1 2>/dev/null | head -c 15)" WRITTEN-BY-INIT

out=$(iscsi -i $I -t $T.nothere -a 127.0.0.1 2>&1); rc=$?
echo "wrong target: rc=$rc $out"
check_eq wrong-target-rc $rc 1
case "$out" in "iscsi: 127.0.0.1:3260 $T.nothere: login: login status 0301: service unavailable (no such target name on this portal?)") pass wrong-target-msg ;;
*) fail wrong-target-msg "$out" ;; esac
out=$(iscsi -i $I -t $T -a 127.0.0.1 -p 3261 2>&1); rc=$?
echo "closed port: rc=$rc $out"
check_eq closed-port-rc $rc 1
case "$out" in "iscsi: 127.0.0.1:3261 $T: connect: Connection refused") pass closed-port-msg ;;
*) fail closed-port-msg "$out" ;; esac
out=$(iscsi -i $I -t $T -g 7 -a 127.0.0.1 -n 2>&1); rc=$?
echo "wrong tpgt: rc=$rc $out"
check_eq wrong-tpgt-rc $rc 1

# CHAP, one-way: the demo-mode ACL's credentials (LIO wants no newline)
echo 1 > "$TP/attrib/authentication"
printf %s user1 > "$TP/auth/userid"
printf %s "$SEC" > "$TP/auth/password"
# -v shows the keys, never the secret nor CHAP_C/CHAP_R
out=$(iscsi -v -i $I -t $T -a 127.0.0.1 -u user1 -w wrong-secret-9 -n 2>&1)
echo "$out"
case "$out" in *wrong-secret-9* | *CHAP_R=0x* | *CHAP_C=0x*) fail verbose-masks "$out" ;;
*"CHAP_N=user1"*) pass verbose-masks ;; *) fail verbose-masks "$out" ;; esac
out=$(iscsi -i $I -t $T -a 127.0.0.1 -u user1 -w wrong-secret-9 2>&1); rc=$?
echo "wrong secret: rc=$rc $out"
check_eq chap-wrong-rc $rc 1
case "$out" in *": CHAP: target refused our CHAP response (wrong user name or secret)") pass chap-wrong-msg ;;
*) fail chap-wrong-msg "$out" ;; esac
echo "$SEC" > /tmp/secret
out=$(iscsi -i $I -t $T -a 127.0.0.1 -u user1 -w @/tmp/secret 2>&1); rc=$?
echo "chap: rc=$rc $out"
check_eq chap-login $rc 0
check two-disks wait_until 20 sh -c '[ $(ls /sys/block | grep -c ^sd) = 2 ]'

# CHAP, mutual
printf %s tgt1 > "$TP/auth/userid_mutual"
printf %s "$TSEC" > "$TP/auth/password_mutual"
out=$(iscsi -i $I -t $T -a 127.0.0.1 -u user1 -w "$SEC" -U tgt1 -W wrong-target-3 2>&1); rc=$?
echo "mutual wrong: rc=$rc $out"
check_eq mutual-wrong-rc $rc 1
case "$out" in *": CHAP: target failed mutual CHAP (wrong target user name or secret)") pass mutual-wrong-msg ;;
*) fail mutual-wrong-msg "$out" ;; esac
out=$(iscsi -i $I -t $T -a 127.0.0.1 -u user1 -w "$SEC" -U tgt1 -W "$TSEC" 2>&1); rc=$?
echo "mutual: rc=$rc $out"
check_eq mutual-login $rc 0
check three-disks wait_until 20 sh -c '[ $(ls /sys/block | grep -c ^sd) = 3 ]'
check_eq sessions "$(ls /sys/class/iscsi_session | wc -l)" 3
# three sessions, one LU: one WWID on every path
W=$(for d in $(sd_devs); do vpd_wwid $d; done | sort -u | wc -l)
check_eq one-wwid "$W" 1

# we listen while the kernel announces a new session
case "$(dmesg)" in *"Cannot notify userspace of session event"*)
	fail session-event-heard "$(dmesg | grep 'Cannot notify' | head -n 1)" ;;
*) pass session-event-heard ;; esac
log=$(dmesg; cat /sys/class/iscsi_session/*/username 2>/dev/null)
case "$log" in *"$SEC"* | *"$TSEC"*) fail no-secret-in-log "a secret is in dmesg" ;;
*) pass no-secret-in-log ;; esac
# The kernel holds the secrets for an iscsid that adopts the session
# (docs/iscsi.md), in password and password_in only, which it shows to
# CAP_SYS_ADMIN alone (iscsi-debian-iscsid reads them as another user)
if for f in /sys/class/iscsi_session/*/* /sys/class/iscsi_connection/*/*; do
	case "${f##*/}" in password | password_in) ;; *) cat "$f" 2>/dev/null ;; esac
done | grep -q -e "$SEC" -e "$TSEC"; then
	fail no-secret-in-other-sysfs "a secret is in the iSCSI sysfs beside password, password_in"
else
	pass no-secret-in-other-sysfs
fi
# exported, not in the arguments: a failing check prints those
export SEC TSEC
check secret-held-for-iscsid sh -c 'cat /sys/class/iscsi_session/*/password | grep -qx -e "$SEC"'
check mutual-secret-held-for-iscsid sh -c 'cat /sys/class/iscsi_session/*/password_in | grep -qx -e "$TSEC"'
