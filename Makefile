# SPDX-License-Identifier: GPL-2.0
#
# lightbeam's top-level build.  Kbuild (read by the kernel's build system,
# not by this file) describes the module; tools/tools.mk the user-space
# tools; selftests/selftests.mk the kselftests.  This file ties them to the
# test VM and the checks.  `make help` lists the targets.

BUILD := build

# Kernel headers to build against: the running kernel's when installed,
# else the newest Debian cloud headers (what the test VM boots).  Deferred
# (=) so that a fresh machine sees the headers tools/deps.sh installs.
newest_cloud_headers = $(shell ls -d /usr/src/linux-headers-*-cloud-amd64 2>/dev/null | sort -V | tail -n 1)
KDIR ?= $(shell d=/lib/modules/$$(uname -r)/build; [ -d $$d ] && echo $$d)
ifeq ($(strip $(KDIR)),)
override KDIR = $(newest_cloud_headers)
endif
VM_KDIR = $(newest_cloud_headers)
VM_RELEASE = $(patsubst linux-headers-%,%,$(notdir $(VM_KDIR)))

# The spec suite: ../shared/testsuite beside the repository unless given.
LB_TESTSUITE ?= $(abspath ../shared/testsuite)
SPEC_DIR := $(BUILD)/spec

# Everything that needs Debian packages depends on this stamp.
DEPS := $(BUILD)/.deps
# Kernel sources extracted once: checkpatch and the kselftest harness.
KSRC := $(BUILD)/ksrc
KSRC_STAMP := $(KSRC)/.stamp
KSRC_TARBALL := /usr/src/linux-source-6.1.tar.xz
KSRC_FILES := scripts/checkpatch.pl scripts/spelling.txt \
	scripts/const_structs.checkpatch \
	tools/testing/selftests/kselftest_harness.h \
	tools/testing/selftests/kselftest.h

.PHONY: all module module-clean deps checkpatch spec-json vm-kernel vm-module \
	vm-prereqs vm-test vm-test-nosse41 demo check clean help
.DEFAULT_GOAL := all

all: module

include tools/tools.mk
include selftests/selftests.mk
include tools/bench/bench.mk

$(DEPS): tools/deps.sh
	tools/deps.sh
	@mkdir -p $(@D)
	@touch $@

deps: $(DEPS)

module: $(DEPS)
	$(MAKE) -C $(KDIR) M=$(CURDIR) W=1 modules

module-clean:
	-[ -z "$(KDIR)" ] || [ ! -d "$(KDIR)" ] || \
		$(MAKE) -C $(KDIR) M=$(CURDIR) clean

$(KSRC_STAMP): | $(DEPS)
	rm -rf $(KSRC)
	mkdir -p $(KSRC)
	tar -xJf $(KSRC_TARBALL) -C $(KSRC) --strip-components=1 \
		$(addprefix linux-source-6.1/,$(KSRC_FILES))
	touch $@

# Every C file and header of ours, tracked or new (git leaves out what
# .gitignore lists: build/, Kbuild's *.mod.c); outside git, find them.
LB_C_FILES = $(shell git ls-files --cached --others --exclude-standard \
	'*.c' '*.h' 2>/dev/null || find . -path ./build -prune -o \
	\( -name '*.c' -o -name '*.h' \) ! -name '*.mod.c' -print)

checkpatch: $(KSRC_STAMP)
	@tools/checkpatch.sh $(KSRC)/scripts/checkpatch.pl $(LB_C_FILES)

# The spec suite, our own scripts (tools/tests/wast, as lb_NAME) and
# LB_FUZZ_KERNEL_SEEDS seeds of the differential fuzzer, with the oracle's
# results (as lb_fuzz_SEED), so that the kernel runs them too.
LB_FUZZ_KERNEL_SEEDS ?= 100
$(SPEC_DIR)/.stamp: $(wildcard $(LB_TESTSUITE)/*.wast tools/tests/wast/*.wast) \
		tools/tests/diff_fuzz.py | $(DEPS)
	@test -d $(LB_TESTSUITE) || \
		{ echo "no spec suite at $(LB_TESTSUITE) (set LB_TESTSUITE)"; exit 1; }
	rm -rf $(SPEC_DIR)
	mkdir -p $(SPEC_DIR)
	for f in $(LB_TESTSUITE)/*.wast; do \
		b=$${f##*/}; \
		wast2json $$f -o $(SPEC_DIR)/$${b%.wast}.json || exit 1; \
	done
	for f in tools/tests/wast/*.wast; do \
		b=$(SPEC_DIR)/lb_$${f##*/}; \
		cp $$f $$b && wast2json $$b -o $${b%.wast}.json && \
			rm $$b || exit 1; \
	done
	python3 tools/tests/diff_fuzz.py --write $(SPEC_DIR) 1 \
		$(LB_FUZZ_KERNEL_SEEDS)
	for b in $(SPEC_DIR)/lb_fuzz_*.wast; do \
		wast2json $$b -o $${b%.wast}.json && rm $$b || exit 1; \
	done
	touch $@

spec-json: $(SPEC_DIR)/.stamp

# --- the test VM (tools/vm/run) ----------------------------------------

vm-kernel: $(DEPS)
	@test -n "$(VM_RELEASE)" || { echo "no cloud kernel headers"; exit 1; }
	@test -e $(BUILD)/vm/vmlinuz-$(VM_RELEASE) || { \
		mkdir -p $(BUILD)/vm && \
		echo "fetching linux-image-$(VM_RELEASE)" && \
		tools/vm/fetch-kernel.sh $(VM_RELEASE) \
			$(BUILD)/vm/vmlinuz-$(VM_RELEASE); }
	@ln -sfn vmlinuz-$(VM_RELEASE) $(BUILD)/vm/vmlinuz

# The VM boots the cloud kernel.  When KDIR is that kernel's headers, the
# module `make` built is the one; otherwise build a second copy in a tree
# of symlinks (Kbuild writes objects beside the sources).
vm-module: $(DEPS)
	@mkdir -p $(BUILD)/vm
	@if [ "$$(realpath $(KDIR))" = "$$(realpath $(VM_KDIR))" ]; then \
		$(MAKE) --no-print-directory module && \
		cp lightbeam.ko $(BUILD)/vm/lightbeam.ko; \
	else \
		t=$(CURDIR)/$(BUILD)/vm/kbuild && mkdir -p $$t && \
		cp -rsf $(CURDIR)/Kbuild $(CURDIR)/kmod $(CURDIR)/codegen \
			$(CURDIR)/uapi $$t/ && \
		$(MAKE) -C $(VM_KDIR) M=$$t W=1 modules && \
		cp $$t/lightbeam.ko $(BUILD)/vm/lightbeam.ko; \
	fi

vm-prereqs: vm-kernel vm-module tools selftests

# Selftests and the spec suite through /dev/lightbeam, in one boot, with
# the spec policy of tools/tools.mk (LB_SPEC_*).
vm-test: vm-prereqs spec-json
	LB_VM_NO_BUILD=1 tools/vm/run --file $(CURDIR)/tools/vm/vm-test.sh \
		--file $(CURDIR)/$(SPEC_DIR) -- \
		"LB_SPEC_REQUIRED='$(LB_SPEC_REQUIRED_KERNEL)'" \
		"LB_SPEC_ONLY='$(LB_SPEC_ONLY)'" \
		"LB_SPEC_TIMEOUT_MS='$(LB_SPEC_TIMEOUT_MS)'" \
		sh $(CURDIR)/tools/vm/vm-test.sh $(CURDIR)/$(SPEC_DIR)

# A second boot, on a CPU without SSE4.1 (nor POPCNT, LZCNT, BMI): the
# float-heavy spec files (and i32/i64 for the bit-counting fallbacks)
# run the engine's fallback paths in the kernel.  The VM checks that
# /proc/cpuinfo lacks sse4_1.
LB_VM_NOSSE41_CPU ?= core2duo
LB_SPEC_NOSSE41 ?= f32 f64 float_exprs float_misc conversions f32_cmp \
	f64_cmp float_literals float_memory f32_bitwise f64_bitwise i32 i64 \
	lb_float_round
vm-test-nosse41: vm-prereqs spec-json
	LB_VM_NO_BUILD=1 tools/vm/run --cpu $(LB_VM_NOSSE41_CPU) \
		--file $(CURDIR)/tools/vm/vm-test.sh \
		--file $(CURDIR)/$(SPEC_DIR) -- \
		"LB_SPEC_REQUIRED=all" \
		"LB_SPEC_ONLY='$(LB_SPEC_NOSSE41)'" \
		"LB_SPEC_TIMEOUT_MS='$(LB_SPEC_TIMEOUT_MS)'" \
		"LB_VM_SELFTESTS=0" "LB_VM_NO_CPU_FLAG=sse4_1" \
		"LB_VM_LABEL=vm-nosse41" \
		sh $(CURDIR)/tools/vm/vm-test.sh $(CURDIR)/$(SPEC_DIR)

demo: vm-prereqs
	LB_VM_NO_BUILD=1 tools/vm/run -- lbctl run /selftests/wasm/fib.wasm fib 20

# Everything, ending with one "N passed, M failed" line.
check:
	@tools/check.sh

clean: module-clean
	rm -rf $(BUILD)

help:
	@echo "make [module]   build lightbeam.ko (KDIR=$(KDIR))"
	@echo "make tools      build/lbctl and the user-space engine"
	@echo "make user-test  unit tests and the spec suite in user space (ASan)"
	@echo "make vm-test    selftests and the spec suite in the QEMU VM"
	@echo "make vm-test-nosse41  float spec files on a CPU without SSE4.1"
	@echo "make checkpatch checkpatch.pl on every .c/.h"
	@echo "make demo       fib(20) in the kernel, in the VM"
	@echo "make check      all of the above: N passed, M failed"
	@echo "make clean      remove build outputs"
