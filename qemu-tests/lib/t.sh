# Guest-side test helpers, sourced before every qemu scenario.
# Output lines "PASS: name" / "FAIL: name: why" are what the host counts.

pass() { echo "PASS: $1"; }

fail() {
	echo "FAIL: $1: $2"
	: > /tmp/.t_failed
}

# check NAME CMD [ARGS...]: PASS iff CMD exits 0.
check() {
	_n=$1
	shift
	if _out=$("$@" 2>&1); then
		pass "$_n"
	else
		fail "$_n" "'$*' exited $?: $_out"
	fi
}

# check_fails NAME CODE CMD...: PASS iff CMD exits with exactly CODE.
check_fails() {
	_n=$1 _want=$2
	shift 2
	_out=$("$@" 2>&1)
	_rc=$?
	if [ "$_rc" = "$_want" ]; then
		pass "$_n"
	else
		fail "$_n" "'$*' exited $_rc, want $_want: $_out"
	fi
}

check_eq() {
	if [ "$2" = "$3" ]; then
		pass "$1"
	else
		fail "$1" "got '$2', want '$3'"
	fi
}

# Ask the host to run the command of the header line "# host TAG: ...".
host_event() { echo "HOST-EVENT: $1"; }

# wait_until SECS CMD...: poll every 0.1 s; 0 once CMD succeeds.
wait_until() {
	_t=$(($1 * 10))
	shift
	while ! "$@" >/dev/null 2>&1; do
		_t=$((_t - 1))
		[ $_t -le 0 ] && return 1
		sleep 0.1
	done
	return 0
}

# sd_devs: kernel names of SCSI disks, sorted.
sd_devs() { ls /sys/block | grep '^sd' | sort; }

# devno NAME: maj:min of a block device by kernel name (sdb, dm-0).
devno() { cat "/sys/block/$1/dev"; }

# vpd_wwid NAME: the NAA WWID the kernel's VPD page 0x83 gives
# ("naa.5000c50015ea7100" -> "35000c50015ea7100").
vpd_wwid() {
	_w=$(cat "/sys/block/$1/device/wwid" 2>/dev/null)
	case "$_w" in
	naa.*) echo "3${_w#naa.}" ;;
	*) echo "$_w" ;;
	esac
}

# Background reader: reads DEV with O_DIRECT in a loop until /tmp/stop-NAME
# exists; any dd error is recorded in /tmp/err-NAME.  Use reader_stop to end
# it and reader_ok to judge it.
reader_start() {
	_name=$1 _dev=$2
	rm -f "/tmp/stop-$_name" "/tmp/err-$_name" "/tmp/count-$_name"
	(
		c=0
		while [ ! -e "/tmp/stop-$_name" ]; do
			if ! dd if="$_dev" of=/dev/null bs=64k count=64 iflag=direct 2>>"/tmp/err-$_name.log"; then
				echo "dd failed at pass $c" >> "/tmp/err-$_name"
			fi
			c=$((c + 1))
			echo $c > "/tmp/count-$_name"
		done
	) &
}

reader_stop() {
	: > "/tmp/stop-$1"
	wait
}

reader_ok() {
	_c=$(cat "/tmp/count-$1" 2>/dev/null || echo 0)
	if [ -e "/tmp/err-$1" ]; then
		fail "$2" "reader $1 saw I/O errors: $(cat /tmp/err-$1) $(tail -n 3 /tmp/err-$1.log)"
	elif [ "$_c" -lt 2 ]; then
		fail "$2" "reader $1 made only $_c passes"
	else
		pass "$2"
	fi
}

# Background write+verify load: writes 64 KiB blocks of a random pattern
# with O_DIRECT to DEV (cycling over its first 4 MiB), reads each back with
# O_DIRECT and compares, until /tmp/stop-NAME exists.  A failed dd is
# counted in /tmp/err-NAME, a wrong read-back in /tmp/mis-NAME.  Judge with
# reader_stop and writer_ok.
writer_start() {
	_name=$1 _dev=$2
	rm -f "/tmp/stop-$_name" "/tmp/err-$_name" "/tmp/mis-$_name" "/tmp/count-$_name"
	dd if=/dev/urandom of="/tmp/pat-$_name" bs=64k count=1 2>/dev/null
	(
		c=0
		while [ ! -e "/tmp/stop-$_name" ]; do
			o=$((c % 64))
			if ! dd if="/tmp/pat-$_name" of="$_dev" bs=64k seek=$o count=1 oflag=direct conv=notrunc 2>>"/tmp/err-$_name.log" ||
			   ! dd if="$_dev" of="/tmp/back-$_name" bs=64k skip=$o count=1 iflag=direct 2>>"/tmp/err-$_name.log"; then
				echo "dd failed at pass $c" >> "/tmp/err-$_name"
			elif ! cmp -s "/tmp/pat-$_name" "/tmp/back-$_name"; then
				echo "mismatch at pass $c" >> "/tmp/mis-$_name"
			fi
			c=$((c + 1))
			echo $c > "/tmp/count-$_name"
		done
	) &
}

# writer_ok NAME CHECK: PASS iff no I/O error, no mismatch, >= 2 passes.
writer_ok() {
	if [ -e "/tmp/mis-$1" ]; then
		fail "$2" "writer $1: $(wc -l < /tmp/mis-$1) mismatches: $(head -n 3 /tmp/mis-$1)"
	else
		reader_ok "$1" "$2"
	fi
}

# Background writer+verifier: writes 64 KiB blocks of four random patterns
# to 16 slots of DEV (O_DIRECT, fsync), reading each back at once and
# comparing, until /tmp/stop-NAME exists.  Write or read errors and
# mismatches go to /tmp/err-NAME; the pattern last written to each slot to
# /tmp/slot-NAME-<i>, so wv_verify can check every slot at the end.
wv_start() {
	_name=$1 _dev=$2
	rm -f "/tmp/stop-$_name" "/tmp/err-$_name" "/tmp/count-$_name" /tmp/slot-$_name-*
	for _k in 0 1 2 3; do
		[ -e /tmp/pat$_k ] || dd if=/dev/urandom of=/tmp/pat$_k bs=64k count=1 2>/dev/null
	done
	(
		c=0
		while [ ! -e "/tmp/stop-$_name" ]; do
			s=$((c % 16)) k=$((c % 4))
			if ! dd if=/tmp/pat$k of="$_dev" bs=64k seek=$s count=1 oflag=direct conv=notrunc,fsync 2>>"/tmp/err-$_name.log"; then
				echo "write failed at pass $c" >> "/tmp/err-$_name"
			else
				echo $k > "/tmp/slot-$_name-$s"
				dd if="$_dev" of=/tmp/rb-$_name bs=64k skip=$s count=1 iflag=direct 2>>"/tmp/err-$_name.log" ||
					echo "read failed at pass $c" >> "/tmp/err-$_name"
				cmp -s /tmp/rb-$_name /tmp/pat$k || echo "mismatch at pass $c slot $s" >> "/tmp/err-$_name"
			fi
			c=$((c + 1))
			echo $c > "/tmp/count-$_name"
		done
	) &
	echo $! > "/tmp/pid-$_name"
}

# wv_verify NAME DEV CHECK: stop the writer, re-read every slot written and
# judge: no error, at least 16 passes, every slot holds its last pattern.
wv_verify() {
	: > "/tmp/stop-$1"
	wait "$(cat "/tmp/pid-$1")"
	_c=$(cat "/tmp/count-$1" 2>/dev/null || echo 0)
	for _f in /tmp/slot-$1-*; do
		[ -e "$_f" ] || continue
		_s=${_f##*-}
		dd if="$2" of=/tmp/rb-$1 bs=64k skip=$_s count=1 iflag=direct 2>/dev/null
		cmp -s /tmp/rb-$1 /tmp/pat$(cat "$_f") || echo "slot $_s lost its data" >> "/tmp/err-$1"
	done
	if [ -e "/tmp/err-$1" ]; then
		fail "$3" "writer $1 after $_c passes: $(head -n 5 /tmp/err-$1) $(tail -n 3 /tmp/err-$1.log 2>/dev/null)"
	elif [ "$_c" -lt 16 ]; then
		fail "$3" "writer $1 made only $_c passes"
	else
		pass "$3"
		echo "writer $1: $_c verified writes"
	fi
}

# "# topology: iscsi:N" (qemu-tests/lib/iscsi-target): the target's name,
# and network P's addresses: the target 10.10.P.1, this guest 10.10.P.2 on
# ethP.
ISCSI_TARGET=iqn.2026-12.org.mpboot:target
ISCSI_INITIATOR=iqn.2026-12.org.mpboot:initiator
iscsi_portal() { echo "10.10.$1.1"; }
# iscsi_net_up N: busybox ip for networks 0..N-1 (test-init scenarios that
# do not test our own network set-up)
iscsi_net_up() {
	_p=0
	while [ $_p -lt "$1" ]; do
		ip link set "eth$_p" up && ip addr add "10.10.$_p.2/24" dev "eth$_p" || return 1
		_p=$((_p + 1))
	done
}
# map_of_name NAME: kernel name (dm-N) of the device-mapper map NAME.
map_of_name() {
	for _m in /sys/block/dm-*; do
		[ "$(cat "$_m/dm/name" 2>/dev/null)" = "$1" ] && { basename "$_m"; return 0; }
	done
	return 1
}

# ms: the guest's uptime in milliseconds (the clock event timings use)
ms() { awk '{ printf "%d", $1 * 1000 }' /proc/uptime; }
# sessions: every iSCSI session with its state ("session1:LOGGED_IN ...")
sessions() {
	for _s in /sys/class/iscsi_session/*; do
		printf '%s ' "${_s##*/}:$(cat "$_s/state")"
	done
}
# cut_link0 WWID BOUND_S: under a write+verify load on /wv.img (wv_start
# cut), cut network 0 (the host's "cut0" event) until map WWID's path over
# it fails, 30 s more (past the NOP-Out timeout, so the connection drops),
# then restore it ("up0").  Sets t0 (uptime ms of the return) and t (ms
# from the return to both paths active in dmsetup status; empty if not
# within BOUND_S).  The caller verifies with wv_verify cut /wv.img.
cut_link0() {
	dd if=/dev/zero of=/wv.img bs=64k count=16 2>/dev/null
	wv_start cut /wv.img
	sleep 3
	host_event cut0
	check path-fails wait_until 40 sh -c "[ \$(dmsetup status $1 | grep -oE '[0-9]+:[0-9]+ A' | wc -l) = 1 ]"
	sleep 30
	host_event up0
	t0=$(ms) t=
	echo "link back at uptime ${t0} ms"
	# dmsetup alone in the loop: a multipath -ll costs seconds under TCG
	if wait_until "$2" sh -c "[ \$(dmsetup status $1 | grep -oE '[0-9]+:[0-9]+ A' | wc -l) = 2 ]"; then
		t=$(($(ms) - t0))
	fi
}
