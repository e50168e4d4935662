# open-iscsi's iscsid takes over the sessions mpboot made (issue 19): the
# real Debian 12 root of iscsi-debian-root, with Debian's open-iscsi
# installed as its packages leave it (scripts/debian-root.sh open-iscsi:
# iscsid.socket and open-iscsi.service enabled), booted over two portals
# with CHAP: mutual on portal 0, one-way on portal 1.  open-iscsi.service
# runs at boot (the kernel has sessions) and its iscsiadm starts iscsid,
# which adopts both sessions; mpboot's multipathd leaves a lost
# connection to it.  Under a write+verify load the host cuts network 0
# (the mutual CHAP portal) until its path fails, then 30 s more (the
# target drops the connection: only a new login brings it back).
# Invariants:
# - systemd reaches "running", every filesystem on the map, both paths;
# - the kernel holds each session's CHAP names and secrets (what iscsid
#   reads back to log in again) and shows the secrets to root only;
# - iscsid runs, and iscsiadm lists both sessions with iscsid's own
#   state for each (adopted: "NO CHANGE", not "Unknown");
# - after the link's return iscsid logs in again with the secrets it
#   read from the kernel: the same session LOGGED_IN, iscsid's journal
#   says the connection is operational after recovery, mpboot's daemon
#   said "left to iscsid" and did not log in itself; the path is active
#   again in dmsetup status within 60 s (iscsid's retry, then Debian's
#   multipathd's checks);
# - no I/O error and no lost write across the cut;
# - no secret on the console.
# topology: iscsi:2
# iscsi-auth: mutual alice alicesecret12 tgtuser tgtsecret1234
# disk: script:scripts/mkimg-debian.sh --variant open-iscsi
# initramfs: build/initramfs-iscsi.cpio.gz
# append: root=UUID=6d70626f-6f74-4000-8000-0000000000d1 rw ip=10.10.0.2:::24:::none::52:54:00:10:00:02 ip=10.10.1.2:::24:::none::52:54:00:10:01:02 netroot=iscsi:alice:alicesecret12:tgtuser:tgtsecret1234@10.10.0.1::::iqn.2026-12.org.mpboot:target netroot=iscsi:alice:alicesecret12@10.10.1.1::::iqn.2026-12.org.mpboot:target rd.iscsi.initiator=iqn.2026-12.org.mpboot:initiator
# host cut0: set_link nic0 off
# host up0: set_link nic0 on
# host-after: no-secret-on-console ! grep -aE 'secret12|secret1234' console.log
# mem: 1024
# timeout: 600

. /usr/lib/debian-checks.sh
W=360014050123456789abcd00000000000
nactive() { dmsetup status "$W" | grep -oE '[0-9]+:[0-9]+ A' | wc -l; }
# the session of portal $1 (its connection's persistent_address)
sess_of() {
	for c in /sys/class/iscsi_connection/*; do
		[ "$(cat "$c/persistent_address")" = "$1" ] || continue
		c=${c##*/connection}
		echo "session${c%%:*}"
	done
}
# session $1's attribute $2 equals the variable named $3: a failing check
# prints its arguments, and the secrets must stay off the console
P=alicesecret12 PIN=tgtsecret1234
holds() { eval "[ \"\$(cat /sys/class/iscsi_session/$1/$2 2>/dev/null)\" = \"\$$3\" ]"; }
# the kernel log without its own copies of the command line
klog() { dmesg | grep -viE 'command line|netroot='; }

debian_boot_checks
check_eq two-paths-active "$(nactive)" 2
s0=$(sess_of 10.10.0.1) s1=$(sess_of 10.10.1.1)
echo "portal 0: $s0, portal 1: $s1"
check portal0-user [ "$(cat /sys/class/iscsi_session/$s0/username)" = alice ]
check portal0-pass holds "$s0" password P
check portal0-user-in [ "$(cat /sys/class/iscsi_session/$s0/username_in)" = tgtuser ]
check portal0-pass-in holds "$s0" password_in PIN
check portal1-pass holds "$s1" password P
check_fails pass-root-only 1 setpriv --reuid=65534 --regid=65534 --clear-groups \
	sh -c "cat /sys/class/iscsi_session/$s0/password >/dev/null"

# iscsid: socket-activated (iscsid.socket), and nothing here has asked
# for it yet -- open-iscsi.service's iscsiadm, with no node records, never
# connects.  iscsiadm -m session reads sysfs only; -P 1 asks iscsid for
# its state of each session, which starts it.  At its start iscsid adopts
# every session made from user space by logging in again on its own
# connection (usr/iscsid.c sync_session, usr/initiator.c
# iscsi_sync_session: STOP_CONN_RECOVER, then a login) with the CHAP names
# and secrets it reads from the session's sysfs: the adoption is itself
# the first proof.
iscsiadm -m session -P 1 >/dev/null 2>&1
check iscsid-active wait_until 30 systemctl is-active -q iscsid.service
check iscsid-pidfile [ -s /run/iscsid.pid ]
n0=${s0#session} n1=${s1#session}
recovered() { journalctl -b -u iscsid --no-pager 2>/dev/null | grep -c "connection$1:0 is operational after recovery"; }
check iscsid-adopted-portal0 wait_until 60 sh -c "[ \$(journalctl -b -u iscsid --no-pager | grep -c 'connection$n0:0 is operational after recovery') = 1 ]"
check iscsid-adopted-portal1 wait_until 60 sh -c "[ \$(journalctl -b -u iscsid --no-pager | grep -c 'connection$n1:0 is operational after recovery') = 1 ]"
check both-logged-in wait_until 30 sh -c "[ \"\$(cat /sys/class/iscsi_session/*/state | sort -u)\" = LOGGED_IN ]"
iscsiadm -m session 2>&1 | sed 's/^/iscsiadm: /'
check_eq iscsiadm-lists-both "$(iscsiadm -m session 2>/dev/null | grep -c 'iqn.2026-12.org.mpboot:target')" 2
check_eq iscsid-knows-both "$(iscsiadm -m session -P 1 2>/dev/null | grep -c 'Internal iscsid Session State: NO CHANGE')" 2
check paths-back-after-adoption wait_until 30 sh -c "[ \$(dmsetup status $W | grep -oE '[0-9]+:[0-9]+ A' | wc -l) = 2 ]"
check said-iscsi-only sh -c "dmesg | grep -q 'iSCSI re-login only'"

before=$(sessions)
echo "sessions: $before"
cut_link0 "$W" 60
if [ -n "$t" ]; then
	echo "TIMING: path active again $t ms after the link's return"
	pass path-back-within-60s
else
	fail path-back-within-60s "status: $(dmsetup status $W)"
fi
check_eq session-logged-in-again "$(sessions)" "$before"
wv_verify cut /wv.img no-io-error-across-cut
check kernel-said-lost sh -c "dmesg | grep -q 'detected conn error'"
check mpboot-left-it-to-iscsid sh -c "dmesg | grep -q 'iscsi session ${s0#session}: left to iscsid'"
check_fails mpboot-did-not-relogin 1 sh -c "dmesg | grep -q 'iscsi session [0-9]*: logged in again'"
check_eq iscsid-logged-in-again "$(recovered "$n0")" 2
check_eq iscsid-still-knows-both "$(iscsiadm -m session -P 1 2>/dev/null | grep -c 'Internal iscsid Session State: NO CHANGE')" 2
journalctl -b -u iscsid -o short-monotonic --no-pager 2>&1 | tail -n 20
klog | grep -E 'multipathd|iscsi|conn error' | tail -n 12
