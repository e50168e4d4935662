# Harness: the scsi_debug topology gives H paths to each of T x L LUs.
# Invariants: 2 hosts x 2 targets x 2 LUNs = 8 disks; every WWID is seen
# exactly twice (once per host), and distinct LUs have distinct WWIDs.
# topology: scsi_debug:2,2,2
# timeout: 120

check_eq disk-count "$(sd_devs | wc -l)" 8
for d in $(sd_devs); do vpd_wwid "$d"; done | sort > /tmp/wwids
check_eq distinct-lus "$(uniq /tmp/wwids | wc -l)" 4
check_eq two-paths-each "$(uniq -c /tmp/wwids | awk '{print $1}' | sort -u)" 2
check_eq naa-wwids "$(grep -vc '^3' /tmp/wwids)" 0
hosts=$(for d in $(sd_devs); do basename "$(readlink -f /sys/block/$d/device)"; done | cut -d: -f1 | sort -u | wc -l)
check_eq two-hosts "$hosts" 2
