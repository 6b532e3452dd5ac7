# SPDX-License-Identifier: GPL-2.0
#
# The user-space side: lbctl (static, for the VM and for users), an ASan +
# UBSan build of it, and the engine's user-space tests.  Included by the
# top-level Makefile; paths are relative to the repository root.
#
#   make tools        build/lbctl (static, -O2)
#   make tools-asan   build/lbctl-asan (-O1 -g, ASan + UBSan, dynamic)
#   make user-test    the test programs and the spec suite under ASan
#
# The engine (codegen/sources.mk) is compiled once per configuration into
# build/obj/<config>/, so static and sanitizer objects never mix.

BUILD ?= build
LB_TESTSUITE ?= $(abspath ../shared/testsuite)

include codegen/sources.mk

# Spec files that must pass 100% ("all": every non-SIMD file); the others
# are run and reported, but only crashes and sanitizer reports fail there.
# The whole core suite is required in user space and in the kernel
# (LB_SPEC_REQUIRED_KERNEL, for make vm-test).
LB_SPEC_REQUIRED ?= all
LB_SPEC_REQUIRED_KERNEL ?= all
# Limit the spec run to these names (default: every non-SIMD file).
LB_SPEC_ONLY ?=
# Per-invocation time limit for the spec run, in ms (needs engine polling).
LB_SPEC_TIMEOUT_MS ?= 20000

LB_JANSSON_A ?= /usr/lib/x86_64-linux-gnu/libjansson.a
WAT2WASM ?= wat2wasm

LB_TOOLS_OBJ := $(BUILD)/obj
# gcc's -Wmaybe-uninitialized changes its mind with every optimisation
# level and version; the kernel turns it off below W=2 (top Makefile), so
# the user-space build does too, to fail on the same warnings as Kbuild.
lb_cc_option = $(shell $(CC) -Werror $(1) -c -x c /dev/null -o /dev/null \
	>/dev/null 2>&1 && echo $(1))
LB_TOOLS_CFLAGS := -std=gnu11 -Wall -Wextra -Werror -MMD -MP \
	$(call lb_cc_option,-Wno-maybe-uninitialized) \
	-Itools/host -I.
# Jump targets and loops unaligned, as arch/x86/Makefile builds the
# module: the compiler's hot paths are bigger than L1i, and the padding
# cost avif's load 4% (20% more I1 misses in cachegrind).
LB_STATIC_CFLAGS := -O2 $(call lb_cc_option,-falign-jumps=1) \
	$(call lb_cc_option,-falign-loops=1)
LB_ASAN_CFLAGS := -O1 -g -fno-omit-frame-pointer \
	-fsanitize=address,undefined -fno-sanitize-recover=all

LB_HOST_SRCS := tools/host/platform.c tools/host/alloc.c
LB_ENGINE_SRCS := $(LB_CODEGEN_SRCS) $(LB_HOST_SRCS)
LB_LBCTL_SRCS := \
	tools/lbctl/main.c \
	tools/lbctl/backend.c \
	tools/lbctl/backend_user.c \
	tools/lbctl/backend_kernel.c \
	tools/lbctl/value.c \
	tools/lbctl/cmd_run.c \
	tools/lbctl/cmd_info.c \
	tools/lbctl/cmd_wast.c \
	tools/lbctl/cmd_disasm.c \
	tools/lbctl/wast_json.c \
	tools/lbctl/wast_value.c

LB_TEST_NAMES := test_platform test_leb128 test_fib test_stream \
	test_bad_input test_bombs test_alloc_fail
LB_TEST_DIR := $(BUILD)/tests
LB_TEST_PROGS := $(addprefix $(LB_TEST_DIR)/,$(LB_TEST_NAMES))
LB_TEST_COMMON := tools/tests/lbt.c

# Test modules: tools/tests/wasm/*.wat and the selftests' fib.
LB_TEST_WATS := $(wildcard tools/tests/wasm/*.wat)
LB_TEST_WASMS := $(patsubst tools/tests/wasm/%.wat,$(LB_TEST_DIR)/wasm/%.wasm,\
	$(LB_TEST_WATS)) $(LB_TEST_DIR)/wasm/fib.wasm

# $(call lb_objs,CONFIG,SOURCES)
lb_objs = $(patsubst %.c,$(LB_TOOLS_OBJ)/$(1)/%.o,$(2))

LB_STATIC_OBJS := $(call lb_objs,static,$(LB_ENGINE_SRCS) $(LB_LBCTL_SRCS))
LB_ASAN_OBJS := $(call lb_objs,asan,$(LB_ENGINE_SRCS) $(LB_LBCTL_SRCS))
LB_ASAN_ENGINE_OBJS := $(call lb_objs,asan,$(LB_ENGINE_SRCS) \
	$(LB_TEST_COMMON))

.PHONY: tools tools-asan user-test user-test-programs

tools: $(BUILD)/lbctl

tools-asan: $(BUILD)/lbctl-asan

# Objects depend on this file too: changed flags rebuild them.
$(LB_TOOLS_OBJ)/static/%.o: %.c tools/tools.mk | $(DEPS)
	@mkdir -p $(@D)
	$(CC) $(LB_TOOLS_CFLAGS) $(LB_STATIC_CFLAGS) -c $< -o $@

$(LB_TOOLS_OBJ)/asan/%.o: %.c tools/tools.mk | $(DEPS)
	@mkdir -p $(@D)
	$(CC) $(LB_TOOLS_CFLAGS) $(LB_ASAN_CFLAGS) -c $< -o $@

$(BUILD)/lbctl: $(LB_STATIC_OBJS)
	$(CC) -static -O2 -o $@ $^ $(LB_JANSSON_A)

$(BUILD)/lbctl-asan: $(LB_ASAN_OBJS)
	$(CC) $(LB_ASAN_CFLAGS) -o $@ $^ -ljansson

$(LB_TEST_PROGS): $(LB_TEST_DIR)/%: $(LB_TOOLS_OBJ)/asan/tools/tests/%.o \
		$(LB_ASAN_ENGINE_OBJS)
	@mkdir -p $(@D)
	$(CC) $(LB_ASAN_CFLAGS) -o $@ $^ $(LB_TEST_LDFLAGS)

# test_host_alloc tests what AddressSanitizer would replace: no ASan.
LB_STATIC_TEST_PROGS := $(LB_TEST_DIR)/test_host_alloc

$(LB_STATIC_TEST_PROGS): $(LB_TEST_DIR)/%: $(LB_TOOLS_OBJ)/static/tools/tests/%.o \
		$(call lb_objs,static,$(LB_ENGINE_SRCS) $(LB_TEST_COMMON))
	@mkdir -p $(@D)
	$(CC) -O2 -o $@ $^

# test_alloc_fail stands in for the engine's allocators.
$(LB_TEST_DIR)/test_alloc_fail: LB_TEST_LDFLAGS := \
	-Wl,--wrap=lb_alloc,--wrap=lb_alloc_raw,--wrap=lb_free \
	-Wl,--wrap=lb_mem_alloc \
	-Wl,--wrap=lb_mem_free,--wrap=lb_code_alloc,--wrap=lb_code_free

$(LB_TEST_DIR)/wasm/%.wasm: tools/tests/wasm/%.wat | $(DEPS)
	@mkdir -p $(@D)
	$(WAT2WASM) $< -o $@

$(LB_TEST_DIR)/wasm/fib.wasm: selftests/wasm/fib.wat | $(DEPS)
	@mkdir -p $(@D)
	$(WAT2WASM) $< -o $@

# test_bombs also links the bomb generator of make bench.
$(LB_TEST_DIR)/test_bombs: $(LB_TOOLS_OBJ)/asan/tools/bench/bombs.o

user-test-programs: $(LB_TEST_PROGS) $(LB_STATIC_TEST_PROGS) $(LB_TEST_WASMS)

# One combined "N passed, M failed" line at the end (see the script).
user-test: user-test-programs $(BUILD)/lbctl-asan
	@LB_TESTSUITE='$(LB_TESTSUITE)' \
	LB_SPEC_REQUIRED='$(LB_SPEC_REQUIRED)' \
	LB_SPEC_ONLY='$(LB_SPEC_ONLY)' \
	LB_SPEC_TIMEOUT_MS='$(LB_SPEC_TIMEOUT_MS)' \
	tools/tests/run-user-tests.sh $(BUILD)

-include $(shell find $(LB_TOOLS_OBJ) -name '*.d' 2>/dev/null)
