# kpartx agrees with the kernel's partition parser (block/partitions/*.c):
# every case of the partition corpus (tests/partitions/expect: every label
# type, BSD in DOS with absolute and FreeBSD-relative offsets, OpenBSD,
# Solaris, UnixWare and Minix in DOS, logical chains up to 300, hostile tables,
# 4 KiB sectors) is bound to a read-only loop device with the kernel's
# partition scan on (tests/guest/loopscan.c, LO_FLAGS_PARTSCAN, the case's
# sector size), and the kernel's partitions (/sys/class/block/loopNpM:
# partition, start, size) are compared with `kpartx -l`.
# Invariants:
# - for every case, every partition both list has the same number, start
#   and size; what only one side has is exactly the documented difference
#   of that case (docs/interop.md, "kpartx and the kernel"), listed below as "case: diff";
# - `kpartx -v` on a label whose every slice was dropped names the label
#   and why, never "no label".
# topology: virtio:1
# disk: script:scripts/mkimg-parity.sh
# mem: 768
# timeout: 900

# Differences by design, docs/interop.md (each line: case, then
# "k N S Z" for a partition only the kernel has, "m N S Z" for one only
# kpartx maps, or "k N.." for every kernel-only partition numbered N or
# more, of which there must be at least one):
allowed="
bad-dos-past-end: k 2 4096 12288
bad-dos-past-end: k 3 16284 100
bad-dos-300-logicals: m 256 4082 14
bad-ebr-loop: k 8..
bad-ebr-self: k 6..
bad-gpt-crc: m 1 34 967
bad-gpt-crc: m 2 1001 1000
bad-gpt-entries-past-end: m 1 34 967
bad-gpt-hdr-crc: m 1 34 967
bad-gpt-huge-entries: m 1 34 967
bad-gpt-huge-entries: m 2 1001 1000
bad-gpt-past-end: k 3 500 18446744073709551517
bad-logical-outside: k 6 3050 5000
bad-sun-straddle: k 1 512 2048
bsd: m 1 64 2048
bsd: m 2 2112 1024
bsd: m 3 0 16384
bsd: m 4 4096 512
solaris: m 1 256 512
solaris: m 2 1024 2048
solaris: m 3 4096 1024
solaris-in-dos: k 7 10048 1000
unixware: m 1 64 1024
unixware: m 2 2048 2048
unixware: m 3 4096 512
unixware-in-dos: k 7 9000 2000
minix-in-dos: k 7 9000 2000
"

# filter_ranges RULES: drop diff lines (stdin) a "k N.." rule covers;
# a rule that covered nothing leaves a line "unused rule k N.." behind.
filter_ranges() {
	awk -v rules="$1" 'BEGIN { n = split(rules, r, "\n") }
		{ keep = 1
		  for (i = 1; i <= n; i++) if (r[i] ~ /\.\.$/) {
			split(r[i], f, " "); lo = f[2]; sub(/\.\./, "", lo)
			if ($1 == f[1] && $2 + 0 >= lo + 0) { keep = 0; used[i] = 1 } }
		  if (keep) print }
		END { for (i = 1; i <= n; i++) if (r[i] ~ /\.\.$/ && !used[i]) print "unused rule " r[i] }'
}

D=/dev/$(sd_devs | head -n 1)
index=$(dd if=$D bs=1M count=1 2>/dev/null | tr -d '\000')
ncase=0
while read -r c off size ssz; do
	[ -n "$c" ] || continue
	ncase=$((ncase + 1))
	L=$(loopscan -b "$ssz" -o "$off" -s "$size" "$D") || { fail "$c-attach" "loopscan failed"; continue; }
	n=${L#/dev/}
	kern=$(for p in /sys/class/block/${n}p*; do
		[ -e "$p/partition" ] || continue
		echo "$(cat $p/partition) $(cat $p/start) $(cat $p/size)"
	done | sort -n)
	ours=$(kpartx -l "$L" 2>/tmp/kpartx.err | while read -r name _ _ len _ start; do
		echo "${name#${n}p} $start $len"
	done | sort -n)
	diff=$( { echo "$kern" | sed '/^$/d; s/^/k /'; echo "$ours" | sed '/^$/d; s/^/m /'; } |
		sort -k2,2n -k1,1 | awk '{ key=$2" "$3" "$4; c[key]++; l[key]=$0; o[NR]=key }
			END { for (i = 1; i <= NR; i++) if (c[o[i]] == 1) print l[o[i]] }')
	rules=$(echo "$allowed" | sed -n "s/^$c: //p")
	diff=$(echo "$diff" | sed '/^$/d' | filter_ranges "$rules")
	want=$(echo "$rules" | grep -v '\.\.$')
	echo "parity $c ($ssz): kernel [$(echo $kern | tr '\n' ' ')] kpartx [$(echo $ours | tr '\n' ' ')]"
	check_eq "$c" "$diff" "$want"
	loopscan -d "$L" || fail "$c-detach" "cannot detach $L"
done <<EOI
$index
EOI
check_eq cases-seen "$([ $ncase -ge 40 ] && echo yes)" yes

# kpartx -v on a label whose only partition was dropped (it runs past the
# end: start 100, 1 Mi sectors on a 1 MiB file) says so, and why.
dd if=/dev/zero of=/tmp/pe.img bs=1M count=1 2>/dev/null
printf '\000\000\000\000\203\000\000\000\144\000\000\000\000\000\020\000' |
	dd of=/tmp/pe.img bs=1 seek=446 conv=notrunc 2>/dev/null
printf '\125\252' | dd of=/tmp/pe.img bs=1 seek=510 conv=notrunc 2>/dev/null
out=$(kpartx -v -l /tmp/pe.img 2>&1)
echo "$out" | sed 's/^/kpartx -v: /'
check_eq verbose-dropped-why "$(echo "$out" | grep -c 'dos partition 1: ends beyond the device, ignored')" 1
check_eq verbose-label-found "$(echo "$out" | grep -c 'dos label found, no usable partition (1 warning above)')" 1
check_eq verbose-not-no-label "$(echo "$out" | grep -ci 'no label')" 0
kpartx -d /tmp/pe.img >/dev/null 2>&1 || true
