#!/bin/sh
# The host that make initramfs-iscsi-nodes builds the image "on", beside
# its /etc (tests/iscsi-nodes/etc): its root mounted from a multipath map
# (dm-0) over two iSCSI sessions, to 10.10.0.1 and 10.10.1.1 (the test
# target's portals), reached through eth0 with the static 10.10.0.2/24 and
# eth1 with a DHCP lease of 10.10.1.2/24; the NICs have the initiator
# guest's MACs (qemu-tests/run).  Writes, under DIR: sys/ (for --sysfs),
# mounts (for --mounts), bin/ip (put first on PATH: `ip -o -4 route get`
# and `ip -o -4 addr show dev` as iproute2 prints them).
#   tests/iscsi-nodes/host.sh DIR
set -eu
rm -rf "$1"
mkdir -p "$1"
d=$(cd "$1" && pwd) # the sysfs links below are absolute
s=$d/sys
mkdir -p "$s/class/block" "$s/block/dm-0/slaves" "$s/block/dm-0/dm" "$d/bin"
echo 360014050123456789abcd00000000000-part1 > "$s/block/dm-0/dm/name"
ln -s "$s/block/dm-0" "$s/class/block/dm-0"
for i in 1 2; do
	n=$((i - 1)) sd=sd$(echo a b | cut -d' ' -f$i)
	b=$s/devices/platform/host$n/session$i/target$n:0:0/$n:0:0:0/block/$sd
	mkdir -p "$b" "$s/class/iscsi_session/session$i" "$s/class/iscsi_connection/connection$i:0" \
		"$s/class/net/eth$n/device"
	ln -s "$b" "$s/class/block/$sd"
	ln -s "$b" "$s/block/dm-0/slaves/$sd"
	echo iqn.2026-12.org.mpboot:target > "$s/class/iscsi_session/session$i/targetname"
	echo "10.10.$n.1" > "$s/class/iscsi_connection/connection$i:0/persistent_address"
	echo "52:54:00:10:0$n:02" > "$s/class/net/eth$n/address"
done
printf '/dev/mapper/360014050123456789abcd00000000000-part1 / ext4 rw 0 0\n' > "$d/mounts"
cat > "$d/bin/ip" <<'EOS'
#!/bin/sh
case "$*" in
"-o -4 route get 10.10.0.1") echo '10.10.0.1 dev eth0 src 10.10.0.2 uid 0 \    cache ' ;;
"-o -4 route get 10.10.1.1") echo '10.10.1.1 dev eth1 src 10.10.1.2 uid 0 \    cache ' ;;
"-o -4 addr show dev eth0")
	echo '2: eth0    inet 10.10.0.2/24 brd 10.10.0.255 scope global eth0\       valid_lft forever preferred_lft forever' ;;
"-o -4 addr show dev eth1")
	echo '3: eth1    inet 10.10.1.2/24 brd 10.10.1.255 scope global dynamic eth1\       valid_lft 86317sec preferred_lft 86317sec' ;;
*) echo "host.sh's ip: $*: not faked" >&2; exit 2 ;;
esac
EOS
chmod 755 "$d/bin/ip"
