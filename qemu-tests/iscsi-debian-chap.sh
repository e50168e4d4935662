# The harness's CHAP (# iscsi-auth:) proved with Debian's iscsistart, the
# reference initiator: the target wants one-way CHAP from alice.
# Invariants: a wrong secret is refused (no session); the right one logs
# in and the LU appears.
# topology: iscsi:1
# iscsi-auth: chap alice alicesecret12
# disk: 16M
# peer: debian-iscsi
# timeout: 150

check net-up iscsi_net_up 1
check portal-reachable wait_until 20 ping -c 1 -W 1 "$(iscsi_portal 0)"
istart() { /iscsi/lib/ld-linux-x86-64.so.2 --library-path /iscsi/lib /iscsi/sbin/iscsistart "$@"; }
check_fails wrong-secret-refused 1 istart -i "$ISCSI_INITIATOR" -t "$ISCSI_TARGET" -g 1 -a "$(iscsi_portal 0)" -u alice -w wrongsecret12
check_eq no-session "$(ls /sys/class/iscsi_session | wc -l)" 0
check right-secret istart -i "$ISCSI_INITIATOR" -t "$ISCSI_TARGET" -g 1 -a "$(iscsi_portal 0)" -u alice -w alicesecret12
check one-path wait_until 20 sh -c '[ $(ls /sys/block | grep -c ^sd) = 1 ]'
