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

O        := build
KLCC     ?= klcc
HOSTCC   ?= gcc
WARN     := -Wall -Wextra -Werror
DEPFLAGS  = -MMD -MP

# Product flavour: -Os, sections for --gc-sections, no unwind tables.
KCFLAGS  := -Os -ffunction-sections -fdata-sections \
	    -fno-asynchronous-unwind-tables -fno-unwind-tables \
	    $(WARN) -Isrc/lib -Iklibc-compat/include -DMPBOOT_KLIBC
# noseparate-code: no page-aligned padding around .text (saves ~6 KiB a tool)
KLDFLAGS := -static -s -Wl,--gc-sections -Wl,-z,noseparate-code -Wl,--build-id=none

# Host flavour: sanitizers on, every UB report fatal.
HCFLAGS  := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	    -fno-sanitize-recover=all $(WARN) -Isrc/lib -D_GNU_SOURCE
HLDFLAGS := -fsanitize=address,undefined

# Tools that run on the host only (never in the initramfs).
HOST_TOOLS :=
# Every src/<tool>/ with a main.c is a product tool.
TOOLS    := $(filter-out lib $(HOST_TOOLS),$(notdir $(patsubst %/main.c,%,$(wildcard src/*/main.c))))
LIB_SRCS := $(wildcard src/lib/*.c src/lib/*/*.c)
COMPAT_SRCS := $(wildcard klibc-compat/*.c)

KOBJ     = $(patsubst %.c,$(O)/klibc/%.o,$(1))
HOBJ     = $(patsubst %.c,$(O)/host/%.o,$(1))

BINS       := $(addprefix $(O)/bin/,$(TOOLS))
# Small static helpers used only inside qemu test guests.
GUEST_TESTS := $(notdir $(basename $(wildcard tests/guest/*.c)))
GUEST_BINS  := $(addprefix $(O)/test-bin/,$(GUEST_TESTS))
UNIT_TESTS  := $(notdir $(basename $(wildcard tests/t_*.c)))
UNIT_BINS   := $(addprefix $(O)/host/tests/,$(UNIT_TESTS))
HOST_BINS   := $(addprefix $(O)/host/bin/,$(HOST_TOOLS))

all: $(BINS)

$(O)/klibc/%.o: %.c
	@mkdir -p $(dir $@)
	$(KLCC) $(KCFLAGS) $(DEPFLAGS) -c $< -o $@

$(O)/host/%.o: %.c
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HCFLAGS) $(DEPFLAGS) -c $< -o $@

$(O)/klibc/libmpboot.a: $(call KOBJ,$(LIB_SRCS) $(COMPAT_SRCS))
	@rm -f $@
	ar rcs $@ $^

$(O)/host/libmpboot.a: $(call HOBJ,$(LIB_SRCS))
	@rm -f $@
	ar rcs $@ $^

.SECONDEXPANSION:
$(O)/bin/%: $$(call KOBJ,$$(wildcard src/%/*.c)) $(O)/klibc/libmpboot.a
	@mkdir -p $(dir $@)
	$(KLCC) $(KLDFLAGS) -o $@ $^

$(O)/test-bin/%: $(O)/klibc/tests/guest/%.o $(O)/klibc/libmpboot.a
	@mkdir -p $(dir $@)
	$(KLCC) $(KLDFLAGS) -o $@ $^

$(O)/host/bin/%: $$(call HOBJ,$$(wildcard src/%/*.c)) $(O)/host/libmpboot.a
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HLDFLAGS) -o $@ $^

# A unit test may ask for link-time wrapping: t_dm_LDFLAGS := -Wl,--wrap=ioctl
t_dm_LDFLAGS := -Wl,--wrap=ioctl
$(O)/host/tests/%: $(O)/host/tests/%.o $(O)/host/libmpboot.a
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HLDFLAGS) $($*_LDFLAGS) -o $@ $^

host: $(UNIT_BINS) $(HOST_BINS)
guest-bins: $(GUEST_BINS)

deps:
	scripts/deps.sh

unit: host
	scripts/check.sh --unit-only

qemu-test: all guest-bins
	scripts/check.sh --qemu-only $(SCENARIO)

check: deps
	$(MAKE) all host guest-bins
	scripts/check.sh

# Benchmarks (not tests: they print numbers): every scripts/bench-*.sh.
bench: all guest-bins
	for b in scripts/bench-*.sh; do $$b || exit 1; done

size: all
	scripts/size.sh $(BINS)

clean:
	rm -rf $(O)/klibc $(O)/host $(O)/bin $(O)/test-bin $(O)/qemu

distclean:
	rm -rf $(O)

# libFuzzer over every partition parser (tests/t_fuzz_partitions.c), from
# the committed seeds; new inputs go to build/fuzz/corpus, crashes to
# build/fuzz/.  `make unit` replays tests/fuzz/partitions with ASan.
FUZZ_TIME ?= 60
FUZZ_SRCS := tests/t_fuzz_partitions.c $(wildcard src/lib/partitions/*.c) src/lib/str.c
$(O)/fuzz/fuzz_partitions: $(FUZZ_SRCS)
	@mkdir -p $(dir $@)
	clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		$(WARN) -Isrc/lib -D_GNU_SOURCE -DMPBOOT_LIBFUZZER -o $@ $(FUZZ_SRCS)
fuzz: $(O)/fuzz/fuzz_partitions
	@mkdir -p $(O)/fuzz/corpus
	$< -max_total_time=$(FUZZ_TIME) -max_len=65536 -timeout=10 \
		-dict=tests/fuzz/partitions.dict -artifact_prefix=$(O)/fuzz/ \
		$(O)/fuzz/corpus tests/fuzz/partitions

.PHONY: all host guest-bins deps unit qemu-test check bench size clean distclean fuzz
.DELETE_ON_ERROR:
.SECONDARY:

-include $(shell find $(O) -name '*.d' -type f 2>/dev/null)
