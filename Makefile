# mpboot — early-userspace multipath toolkit.  See README.md.
#
# Two flavours of the same sources:
#   build/bin/       the product: static, size-minimised, linked with klcc
#   build/host/      glibc + ASan/UBSan, for host unit tests and fuzzing
#
#   make            build the klibc tools
#   make check      host unit tests + qemu scenarios, one closing line
#   make unit       host unit tests only
#   make qemu-test  qemu scenarios only (SCENARIO=name for one)
#   make size       stripped size of each tool and the total
#   make lint       the layer rule of src/lib/ (scripts/layers.sh), no new
#                   function over 60 lines (scripts/longfn.sh, longfn.allow)

O        := build
# src/lib/ in layers, each may use only the ones before it (make lint,
# scripts/layers.sh): base/ parse/ partitions/ dev/ engine/.  Headers are
# included by bare name, found through one -I per layer.
LAYERS   := base parse partitions dev engine
LIB_INC  := -Isrc/lib $(addprefix -Isrc/lib/,$(LAYERS))
KLCC     ?= klcc
HOSTCC   ?= gcc
WARN     := -Wall -Wextra -Werror
DEPFLAGS  = -MMD -MP

# Product flavour: sections for --gc-sections, no unwind tables; -Oz and no
# jump tables (gcc 12): 2 KiB less than -Os for the whole multi-call ELF,
# and nothing here is bound by instruction speed (sysfs, SCSI, DM ioctls).
# -fno-move-loop-invariants -fno-tree-loop-im -fno-tree-switch-conversion:
# 544 bytes less (gcc 12, measured with make size), for loops that run
# over a few dozen sysfs entries.  -fno-tree-pre -fno-code-hoisting
# -fno-tree-dominator-opts: 568 bytes less of the multipath tools (gcc 12,
# make size, 2026-12-07; the three together: each alone saves nothing or
# adds), no copies of blocks and expressions hoisted into several paths.
# -mpreferred-stack-boundary=3: frames kept 8-byte aligned, not 16, which
# only SSE's aligned loads need: klcc passes -mno-sse and klibc's libc.a
# holds no SSE instruction (objdump -d | grep xmm: none), so no code here
# or there needs more; 960 bytes less of the multipath tools (make size,
# 2026-12-07), no padding and realigning of the stack in every frame.
# -fno-caller-saves -fno-shrink-wrap: values live across calls stay in
# callee-saved registers instead of being saved around each call, and one
# prologue serves every path; 320 bytes less of the multipath tools (make
# size, 2026-12-07).  -fno-optimize-sibling-calls: a call in tail position
# stays a call, no epilogue copied before each jump; 256 bytes less (make
# size, 2026-12-07).  The only self-recursive function is ere.c's gen, its
# depth bounded by MAX_NODES (256) either way.
KCFLAGS  := -Oz -fno-jump-tables -ffunction-sections -fdata-sections \
	    -fno-move-loop-invariants -fno-tree-loop-im -fno-tree-switch-conversion \
	    -fno-tree-pre -fno-code-hoisting -fno-tree-dominator-opts \
	    -mpreferred-stack-boundary=3 -fno-caller-saves -fno-shrink-wrap -fno-optimize-sibling-calls \
	    -fno-asynchronous-unwind-tables -fno-unwind-tables \
	    $(WARN) $(LIB_INC) -Iklibc-compat/include -DMPBOOT_KLIBC
# noseparate-code: no page-aligned padding around .text (saves ~6 KiB a tool);
# common-page-size=64: ld otherwise sometimes page-aligns .data in the file to
# save a page of memory, which made the size jump by up to 4 KiB with no code
# change (1.3 KiB when measured)
KLDFLAGS := -static -s -Wl,--gc-sections -Wl,-z,noseparate-code -Wl,--build-id=none \
	    -Wl,-z,common-page-size=64

# Host flavour: sanitizers on, every UB report fatal.
HCFLAGS  := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	    -fno-sanitize-recover=all $(WARN) $(LIB_INC) -D_GNU_SOURCE
HLDFLAGS := -fsanitize=address,undefined

# Tools that run on the host only (never in the initramfs).
HOST_TOOLS := gen_init_cpio iscsi_nodes
# Every src/<tool>/ with a main.c is a product tool.
TOOLS    := $(filter-out lib $(HOST_TOOLS),$(notdir $(patsubst %/main.c,%,$(wildcard src/*/main.c))))
LIB_SRCS := $(wildcard src/lib/*.c src/lib/*/*.c src/lib/*/*/*.c)
COMPAT_SRCS := $(wildcard klibc-compat/*.c)

KOBJ     = $(patsubst %.c,$(O)/klibc/%.o,$(1))
HOBJ     = $(patsubst %.c,$(O)/host/%.o,$(1))

# The product is one multi-call ELF, build/bin/mpboot, and a symlink to
# it per tool (src/mpboot/mpboot.c dispatches on argv[0]).  Each tool's
# objects are built a second time with main renamed mpboot_<tool>_main.
MULTI      := $(O)/bin/mpboot
BINS       := $(addprefix $(O)/bin/,$(TOOLS))
MOBJ        = $(patsubst %.c,$(O)/klibc/multi/%.o,$(1))
MULTI_OBJS := $(foreach t,$(TOOLS),$(call MOBJ,$(wildcard src/$(t)/*.c)))
# Small static helpers used only inside qemu test guests.
GUEST_TESTS := $(notdir $(basename $(wildcard tests/guest/*.c)))
GUEST_BINS  := $(addprefix $(O)/test-bin/,$(GUEST_TESTS))
UNIT_TESTS  := $(notdir $(basename $(wildcard tests/t_*.c)))
UNIT_BINS   := $(addprefix $(O)/host/tests/,$(UNIT_TESTS))
HOST_BINS   := $(addprefix $(O)/host/bin/,$(HOST_TOOLS))
# their plain builds, which the image builder runs (below)
HOST_TOOL_BINS := $(addprefix $(O)/tools/,$(HOST_TOOLS))

all: $(MULTI) $(BINS)

# A machine without klibc: one line naming the packages, not "klcc: No
# such file or directory" (make check, make demo and .ci/run install them
# through scripts/deps.sh; plain make installs nothing).  klcc runs gcc,
# which Debian's libklibc-dev does not depend on.
need-klcc:
	$(if $(shell command -v $(KLCC) >/dev/null 2>&1 && command -v gcc 2>/dev/null),,$(error \
		$(KLCC) or gcc not found: install Debian's libklibc-dev and gcc (as root: scripts/deps.sh)))

$(O)/klibc/%.o: %.c | need-klcc
	@mkdir -p $(dir $@)
	$(KLCC) $(KCFLAGS) $(DEPFLAGS) -c $< -o $@

$(O)/host/%.o: %.c
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HCFLAGS) $(DEPFLAGS) -c $< -o $@

# klibc-compat/strerror.c's texts, from the kernel headers klibc ships.
$(O)/gen/errlist.h: scripts/errlist.sh | need-klcc
	@mkdir -p $(dir $@)
	scripts/errlist.sh > $@.tmp && mv $@.tmp $@
$(O)/klibc/klibc-compat/strerror.o: $(O)/gen/errlist.h
$(O)/klibc/klibc-compat/strerror.o: KCFLAGS += -I$(O)/gen

$(O)/klibc/libmpboot.a: $(call KOBJ,$(LIB_SRCS) $(COMPAT_SRCS))
	@rm -f $@
	ar rcs $@ $^

$(O)/host/libmpboot.a: $(call HOBJ,$(LIB_SRCS))
	@rm -f $@
	ar rcs $@ $^

$(O)/klibc/multi/src/%.o: src/%.c | need-klcc
	@mkdir -p $(dir $@)
	$(KLCC) $(KCFLAGS) $(DEPFLAGS) -Dmain=mpboot_$(firstword $(subst /, ,$*))_main -c $< -o $@

# The tool list of the dispatcher, rewritten only when it changes.
$(O)/klibc/multi/multi-tools.h: FORCE
	@mkdir -p $(dir $@)
	@printf 'TOOL(%s)\n' $(TOOLS) > $@.tmp
	@cmp -s $@.tmp $@ || mv $@.tmp $@; rm -f $@.tmp

$(O)/klibc/multi/mpboot.o: src/mpboot/mpboot.c $(O)/klibc/multi/multi-tools.h | need-klcc
	$(KLCC) $(KCFLAGS) -I$(O)/klibc/multi -c $< -o $@

# The map shows which klibc members are linked: tests/klibc-compat.check
# reads it to prove klibc-compat/ replaced klibc's own (no size cost).
$(MULTI): $(O)/klibc/multi/mpboot.o $(MULTI_OBJS) $(O)/klibc/libmpboot.a
	@mkdir -p $(dir $@)
	$(KLCC) $(KLDFLAGS) -Wl,-Map=$(O)/mpboot.map -o $@ $^

$(BINS): | $(MULTI)
	ln -sf mpboot $@

# What counts against the iSCSI + network budget (32 KiB) rather than the
# multipath tools' 128 KiB: the applets ISCSI_TOOLS, and the sources
# ISCSI_SRCS of other tools (mpinit's network and iSCSI phases).  `make
# size` links the multi-call ELF a second time without them
# (build/size/mpboot-base: the other tools' objects compiled again with
# -DMPBOOT_NO_ISCSI, which is to compile out their calls into
# ISCSI_SRCS) and shows the difference as its own row.
ISCSI_TOOLS := iscsi
ISCSI_SRCS  := src/mpinit/net.c src/mpinit/iscsi.c src/mpinit/args.c \
	       src/multipathd/iscsi.c src/multipathd/relogin.c
BASE_TOOLS  := $(filter-out $(ISCSI_TOOLS),$(TOOLS))
BOBJ         = $(patsubst %.c,$(O)/klibc/base/%.o,$(1))
BASE_OBJS   := $(call BOBJ,$(filter-out $(ISCSI_SRCS),$(foreach t,$(BASE_TOOLS),$(wildcard src/$(t)/*.c))))
$(O)/klibc/base/src/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(KLCC) $(KCFLAGS) $(DEPFLAGS) -DMPBOOT_NO_ISCSI -Dmain=mpboot_$(firstword $(subst /, ,$*))_main -c $< -o $@
$(O)/klibc/base/multi-tools.h: FORCE
	@mkdir -p $(dir $@)
	@printf 'TOOL(%s)\n' $(BASE_TOOLS) > $@.tmp
	@cmp -s $@.tmp $@ || mv $@.tmp $@; rm -f $@.tmp
$(O)/klibc/base/mpboot.o: src/mpboot/mpboot.c $(O)/klibc/base/multi-tools.h
	$(KLCC) $(KCFLAGS) -I$(O)/klibc/base -c $< -o $@
$(O)/size/mpboot-base: $(O)/klibc/base/mpboot.o $(BASE_OBJS) $(O)/klibc/libmpboot.a
	@mkdir -p $(dir $@)
	$(KLCC) $(KLDFLAGS) -o $@ $^

.SECONDEXPANSION:

$(O)/test-bin/%: $(O)/klibc/tests/guest/%.o $(O)/klibc/libmpboot.a
	@mkdir -p $(dir $@)
	$(KLCC) $(KLDFLAGS) -o $@ $^

$(O)/host/bin/%: $$(call HOBJ,$$(wildcard src/%/*.c)) $(O)/host/libmpboot.a
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HLDFLAGS) -o $@ $^

# A unit test may ask for link-time wrapping: t_dm_LDFLAGS := -Wl,--wrap=ioctl
t_dm_LDFLAGS := -Wl,--wrap=ioctl
t_plan_LDFLAGS := -Wl,--wrap=ioctl
t_partmap_LDFLAGS := -Wl,--wrap=ioctl
t_sync_LDFLAGS := -Wl,--wrap=ioctl
t_sgbatch_LDFLAGS := $(foreach f,readlink open write read poll close,-Wl,--wrap=$(f))
t_iscsi_handoff_LDFLAGS := $(foreach f,create_session create_conn bind_conn set_param \
	start_conn destroy_conn destroy_session,-Wl,--wrap=iscsi_nl_$(f))
$(O)/host/tests/t_dm $(O)/host/tests/t_plan $(O)/host/tests/t_partmap \
$(O)/host/tests/t_sync: $(O)/host/tests/fake_dm.o
# ...or extra objects of a host tool whose pure parts it tests.
$(O)/host/tests/t_cpio $(O)/host/tests/t_fuzz_cpio: $(O)/host/src/gen_init_cpio/cpio_list.o
$(O)/host/tests/t_mpinit: $(O)/host/src/mpinit/probe.o
$(O)/host/tests/t_args: $(O)/host/src/mpinit/args.o
$(O)/host/tests/t_udevdb: $(O)/host/src/mpinit/udevdb.o
$(O)/host/tests/t_mpd: $(addprefix $(O)/host/src/multipathd/,cmd.o npr.o json.o out.o backoff.o)
$(O)/host/tests/t_values: $(addprefix $(O)/host/src/multipathd/,cmd.o npr.o)
$(O)/host/tests/t_loop: $(addprefix $(O)/host/src/multipathd/,conn.o cmd.o out.o)
$(O)/host/tests/t_fuzz_cmd: $(O)/host/src/multipathd/cmd.o
$(O)/host/tests/t_relogin: $(O)/host/src/multipathd/relogin.o
$(O)/host/tests/t_pathstate: $(addprefix $(O)/host/src/multipathd/,pathstate.o npr.o backoff.o ready.o \
	follow.o)
$(O)/host/tests/%: $(O)/host/tests/%.o $(O)/host/libmpboot.a
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HLDFLAGS) $($*_LDFLAGS) -o $@ $(filter %.o,$^) $(filter %.a,$^)

# Host tools also get a plain (unsanitized, -O2) build for use by the build
# itself (make initramfs): no ASan runtime quirks, fast on big modules.
PLAIN_CFLAGS := -O2 $(WARN) $(LIB_INC) -D_GNU_SOURCE
$(O)/tools/%: $$(wildcard src/%/*.c src/%/*.h) $(LIB_SRCS) $(wildcard src/lib/*/*.h src/lib/*/*/*.h)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(PLAIN_CFLAGS) -o $@ $(filter %.c,$^)

host: $(UNIT_BINS) $(HOST_BINS)
guest-bins: $(GUEST_BINS)

deps:
	scripts/deps.sh

unit: host all $(HOST_TOOL_BINS) $(O)/size/mpboot-base
	scripts/check.sh --unit-only

qemu-test: all guest-bins initramfs initramfs-conf initramfs-iscsi initramfs-iscsi-nodes \
	$(O)/host/tests/t_ibft
	scripts/check.sh --qemu-only $(SCENARIO)

lint:
	scripts/layers.sh
	scripts/longfn.sh --check

check: deps
	$(MAKE) all host guest-bins initramfs initramfs-conf initramfs-iscsi initramfs-iscsi-nodes $(O)/size/mpboot-base
	scripts/check.sh

# make install [DESTDIR=] [PREFIX=/usr], make uninstall: scripts/install.sh
# (layout and manifest there; docs/install.md).
PREFIX ?= /usr
install: all $(HOST_TOOL_BINS)
	O=$(O) PREFIX=$(PREFIX) DESTDIR=$(DESTDIR) scripts/install.sh install
uninstall:
	O=$(O) PREFIX=$(PREFIX) DESTDIR=$(DESTDIR) scripts/install.sh uninstall

# The Debian package (debian/): build/deb/mpboot_*.deb, lintian clean of
# errors (scripts/deb.sh); make deb-test installs it in a Debian chroot.
deb:
	scripts/deps.sh deb
	scripts/deb.sh
deb-test: deb
	scripts/deb-test.sh

# Benchmarks (not tests: they print numbers): every scripts/bench-*.sh.
bench: all guest-bins
	for b in scripts/bench-*.sh; do $$b || exit 1; done

# The boot-time table alone: /init -> hand-over per phase, ours beside
# Debian's initramfs-tools (BENCH_BOOT_RUNS=N, see scripts/bench-boot.sh).
bench-boot: all guest-bins
	scripts/bench-boot.sh

# The floor under it (issue 13): an /init that only loads the same modules,
# waits for both disks and mounts the root (tests/guest/bootfloor.c), boot
# by boot beside ours on the test root; BENCH_BOOT_RUNS=N (default 5).
bench-boot-floor: all guest-bins $(O)/tools/gen_init_cpio
	BENCH_FLOOR=1 BENCH_DEBIAN=0 BENCH_UUID=0 BENCH_ROOTFS=test \
		BENCH_BOOT_RUNS=$${BENCH_BOOT_RUNS:-5} scripts/bench-boot.sh

# Fails when a row is over its budget (scripts/size.sh, run last so the
# initramfs line is printed anyway); tests/size.check makes it a test.
size: all initramfs $(O)/size/mpboot-base
	@scripts/mkinitramfs.sh $(INITRAMFS_OPTS) -n -o $(O)/initramfs-nomod.cpio.gz 2>/dev/null
	@printf '%-16s %7d bytes gzip (%d with modules); %d / %d uncompressed\n' initramfs \
		$$(stat -c %s $(O)/initramfs-nomod.cpio.gz) $$(stat -c %s $(O)/initramfs.cpio.gz) \
		$$(gzip -dc $(O)/initramfs-nomod.cpio.gz | wc -c) $$(gzip -dc $(O)/initramfs.cpio.gz | wc -c)
	scripts/size.sh --base $(O)/size/mpboot-base $(MULTI) $(BINS)

# The boot image: make initramfs [KVER=...] [KERNEL_DIR=...] and switches
# BUSYBOX=1, MULTIPATH_CONF=file, BINDINGS=file, WWIDS=file.
INITRAMFS_OPTS = $(if $(KVER),-k $(KVER)) $(if $(KERNEL_DIR),-K $(KERNEL_DIR)) \
	$(if $(BUSYBOX),--busybox) $(if $(MULTIPATH_CONF),--conf $(MULTIPATH_CONF)) \
	$(if $(BINDINGS),--bindings $(BINDINGS)) $(if $(WWIDS),--wwids $(WWIDS))
initramfs: all $(HOST_TOOL_BINS)
	scripts/mkinitramfs.sh $(INITRAMFS_OPTS) -o $(O)/initramfs.cpio.gz

# The image of qemu-tests/boot-conf.sh: the same build with a config,
# bindings and wwids (tests/boot-conf/), as MULTIPATH_CONF=, BINDINGS=,
# WWIDS= give it.
BOOT_CONF := --conf tests/boot-conf/multipath.conf --bindings tests/boot-conf/bindings \
	--wwids tests/boot-conf/wwids
initramfs-conf: all $(HOST_TOOL_BINS)
	scripts/mkinitramfs.sh $(if $(KVER),-k $(KVER)) $(if $(KERNEL_DIR),-K $(KERNEL_DIR)) \
		$(BOOT_CONF) -o $(O)/initramfs-conf.cpio.gz

# The image of the iSCSI scenarios (qemu-tests/iscsi-*.sh): the same build
# with the initiator modules, ipconfig and the guests' network driver.
initramfs-iscsi: all $(HOST_TOOL_BINS)
	scripts/mkinitramfs.sh $(if $(KVER),-k $(KVER)) $(if $(KERNEL_DIR),-K $(KERNEL_DIR)) \
		--iscsi --add-modules virtio_net -o $(O)/initramfs-iscsi.cpio.gz

# The image of qemu-tests/iscsi-nodes.sh: built as on a host whose
# open-iscsi holds node records (tests/iscsi-nodes/etc: the test target's two
# portals, node.startup automatic, CHAP; a manual record of another target)
# and whose root is on a map over sessions to both portals, one network
# static, one by DHCP (tests/iscsi-nodes/host.sh: its sysfs, mounts and a
# fake `ip`): no netroot= and no ip= needed at boot.
initramfs-iscsi-nodes: all $(HOST_TOOL_BINS)
	tests/iscsi-nodes/host.sh $(O)/iscsi-nodes-host
	kdir=$${KERNEL_DIR:-$$(KVER=$(KVER) scripts/kernel.sh)} && \
	PATH=$(O)/iscsi-nodes-host/bin:$$PATH \
	scripts/mpboot-mkinitramfs -q -b "$$kdir" -k "$$(basename "$$kdir")" --iscsi \
		--add-modules virtio_net --etc tests/iscsi-nodes/etc --sysfs $(O)/iscsi-nodes-host/sys \
		--fstab /dev/null --mounts $(O)/iscsi-nodes-host/mounts -r PARTUUID=6d70626f-01 -t ext4 \
		-o $(O)/initramfs-iscsi-nodes.cpio.gz

# Boot a multipathed root in qemu: see scripts/demo.sh.
demo: deps
	$(MAKE) initramfs
	scripts/demo.sh

# Boot a root from an iSCSI LU over two networks: see scripts/demo-iscsi.sh.
demo-iscsi: deps
	$(MAKE) initramfs-iscsi
	scripts/demo-iscsi.sh

clean:
	rm -rf $(O)/klibc $(O)/host $(O)/bin $(O)/test-bin $(O)/qemu $(O)/tools $(O)/size \
		$(O)/initramfs-work $(O)/initramfs*.cpio.gz $(O)/demo $(O)/demo-iscsi

distclean:
	rm -rf $(O)

# libFuzzer, one target per parser of untrusted input: tests/t_fuzz_NAME.c
# (its seeds in tests/fuzz/NAME/, its dictionary tests/fuzz/NAME.dict if
# any).  `make fuzz` runs every target FUZZ_TIME seconds in turn (or only
# FUZZ_TARGETS=...), one process (no -jobs: nothing runs in parallel): new inputs go to
# build/fuzz/corpus/NAME, crashes to build/fuzz/NAME-crash-*.  FUZZ_RUNS=N
# stops each at N executions instead (the campaign in docs/reliability.md).  `make unit`
# replays tests/fuzz/NAME with gcc + ASan/UBSan.
FUZZ_TIME ?= 60
# Longest input tried (bytes); a line parser needs no 64 KiB to reach
# every branch, and long inputs make a loaded machine crawl.
FUZZ_MAXLEN ?= 65536
FUZZ_ALL := $(patsubst tests/t_fuzz_%.c,%,$(wildcard tests/t_fuzz_*.c))
FUZZ_TARGETS ?= $(FUZZ_ALL)
FUZZ_CLANG = clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	$(WARN) $(LIB_INC) -Itests -D_GNU_SOURCE -DMPBOOT_LIBFUZZER
fuzz_partitions_SRCS := $(wildcard src/lib/partitions/*.c) src/lib/base/str.c
fuzz_vpd_SRCS := src/lib/parse/vpd.c
fuzz_uevent_SRCS := src/lib/parse/uevent.c src/lib/parse/mpath.c src/lib/base/str.c
fuzz_dmtable_SRCS := src/lib/parse/mpath.c src/lib/base/str.c
fuzz_cmdline_SRCS := src/lib/parse/cmdline.c
fuzz_cpio_SRCS := src/gen_init_cpio/cpio_list.c src/lib/base/str.c
fuzz_bindings_SRCS := src/lib/parse/names.c
fuzz_wwids_SRCS := src/lib/parse/names.c
fuzz_cmd_SRCS := src/multipathd/cmd.c src/lib/parse/mpath.c src/lib/parse/conf_values.c src/lib/base/str.c
fuzz_conf_SRCS := $(wildcard src/lib/parse/conf*.c) src/lib/parse/ere.c src/lib/parse/hwtable.c src/lib/parse/names.c \
	src/lib/parse/mpath.c src/lib/base/str.c
ISCSI_PURE := src/lib/parse/iscsi/text.c src/lib/parse/iscsi/param.c src/lib/parse/iscsi/chap.c src/lib/parse/iscsi/md5.c \
	src/lib/base/str.c
fuzz_iscsi_pdu_SRCS := src/lib/parse/iscsi/pdu.c $(ISCSI_PURE)
fuzz_iscsi_text_SRCS := src/lib/parse/iscsi/sendtargets.c src/lib/parse/iscsi/inaddr.c $(ISCSI_PURE)
fuzz_netboot_SRCS := src/lib/base/str.c src/lib/parse/netconf.c src/lib/parse/iscsiconf.c src/lib/parse/iscsi/sendtargets.c \
	src/lib/parse/iscsi/text.c
fuzz_iscsinode_SRCS := src/lib/base/str.c src/lib/parse/iscsinode.c src/lib/parse/iscsiconf.c \
	src/lib/parse/iscsi/sendtargets.c src/lib/parse/iscsi/text.c
$(O)/fuzz/fuzz_%: tests/t_fuzz_%.c $$(fuzz_$$*_SRCS) tests/fuzz_replay.h
	@mkdir -p $(dir $@)
	$(FUZZ_CLANG) -o $@ $< $(fuzz_$*_SRCS)
fuzz: $(addprefix $(O)/fuzz/fuzz_,$(FUZZ_TARGETS))
	@for t in $(FUZZ_TARGETS); do \
		mkdir -p $(O)/fuzz/corpus/$$t; \
		echo "== fuzz $$t"; \
		$(O)/fuzz/fuzz_$$t $(if $(FUZZ_RUNS),-runs=$(FUZZ_RUNS),-max_total_time=$(FUZZ_TIME)) \
			-max_len=$(FUZZ_MAXLEN) -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
			$$( [ -f tests/fuzz/$$t.dict ] && echo -dict=tests/fuzz/$$t.dict ) \
			-artifact_prefix=$(O)/fuzz/$$t- $(O)/fuzz/corpus/$$t tests/fuzz/$$t || exit 1; \
	done

# The configuration parsers alone: make fuzz-conf.
fuzz-conf:
	$(MAKE) fuzz FUZZ_TARGETS=conf

FORCE:

.PHONY: lint
.PHONY: FORCE need-klcc install uninstall deb deb-test fuzz-conf initramfs-conf initramfs-iscsi initramfs-iscsi-nodes all host guest-bins deps unit qemu-test check bench bench-boot bench-boot-floor size clean distclean fuzz initramfs demo demo-iscsi
.DELETE_ON_ERROR:
.SECONDARY:

# Dependency files only from the build's own object folders: build/ also
# holds other trees (the cached Debian root has files such as
# usr/sbin/invoke-rc.d), and one stray *.d breaks every make.
-include $(shell find $(O)/klibc $(O)/host -name '*.d' -type f 2>/dev/null)
