# Kernel command-line values with blanks, quotes and shell metacharacters
# are data to the init, never code (initramfs/init reads them through
# `mpinit cmdline`, src/lib/parse/cmdline.c, split as the kernel splits them).
# Invariants: root="LABEL=<label with a blank, ';', '$(...)' and '*'>"
# finds and boots that filesystem; a command substitution, a ';' or
# backquotes in mpath.policy=, mpath.queue= and panic= never run (their
# marker files do not exist) and those values are refused by name, shown
# literally; a quoted newline-free value with a backslash is shown as is.
# topology: virtio:2
# disk: script:scripts/mkimg-root.sh dos
# fs-label: mp root;$(x)*
# initramfs: build/initramfs.cpio.gz
# append: root="LABEL=mp root;$(x)*" mpath.policy="$(touch /run/pwned-policy)" mpath.queue="1;touch /run/pwned-queue" panic=`touch${IFS}/run/pwned-panic` mpboot.junk="a\c b" rootdelay=20
# timeout: 150

W=35000c50015ea7100
rk=$(root_kname)
check_eq root-by-hostile-label "$(cat /sys/block/$rk/dm/name 2>/dev/null)" "$W-part1"
for m in policy queue panic; do
	check_eq "not-run-$m" "$(ls /run/pwned-$m 2>/dev/null)" ""
done
log=$(dmesg)
has() { printf '%s\n' "$log" | grep -qF -- "$1"; }
check refused-policy has 'mpboot: ignoring mpath.policy=$(touch /run/pwned-policy)'
check refused-queue has 'mpboot: ignoring mpath.queue=1;touch /run/pwned-queue'
check refused-panic has 'mpboot: ignoring panic=`touch${IFS}/run/pwned-panic`'
check root-said-literally has 'mpboot: root=LABEL=mp root;$(x)* is /dev/'
