# SPDX-License-Identifier: GPL-2.0
#
# make bench: lightbeam against V8 (Liftoff and TurboFan) and native code,
# compile throughput on real-world modules from npm, the compiler-bomb
# report and the in-kernel invoke overhead.  Included by the top-level
# Makefile; see Documentation/bench.rst.  Results go to build/bench/.
#
#   BENCH_REPS=N       repetitions of each measurement (default 5)
#   BENCH_COMPILE_ROUNDS=N  alternating rounds of the real modules (default 3)
#   BENCH_ONLY="a b"   only these programs (tools/bench/progs/NAME.c)
#   BENCH_VM=0         skip the in-kernel invoke benchmark (the VM)
#   BENCH_NPM=0        skip the npm modules (compile throughput)

BENCH_DIR := $(BUILD)/bench
BENCH_REPS ?= 5
BENCH_COMPILE_ROUNDS ?= 3
BENCH_ONLY ?=
BENCH_VM ?= 1
BENCH_NPM ?= 1
BENCH_NODE ?= node
BENCH_WASM_CC ?= clang
BENCH_NATIVE_CC ?= gcc

BENCH_PROGS := $(filter-out libc,$(basename $(notdir \
	$(wildcard tools/bench/progs/*.c))))
BENCH_WASMS := $(patsubst %,$(BENCH_DIR)/wasm/%.wasm,$(BENCH_PROGS))
BENCH_NATIVES := $(patsubst %,$(BENCH_DIR)/native/%,$(BENCH_PROGS))

# Debian's clang finds lld's wasm-ld on the PATH for --target=wasm32.
BENCH_WASM_CFLAGS := --target=wasm32 -O2 -nostdlib -Wall -Wextra -Werror
BENCH_WASM_LDFLAGS := -Wl,--no-entry -Wl,--export=run
BENCH_NATIVE_CFLAGS := -O2 -Wall -Wextra -Werror

# The driver: the engine at -O2 without sanitizers (the same objects as
# build/lbctl), its allocation hooks wrapped to count peak memory.
LB_BENCH_SRCS := tools/bench/lb_bench.c tools/bench/bombs.c \
	tools/bench/alloc_count.c
LB_BENCH_OBJS := $(call lb_objs,static,$(LB_ENGINE_SRCS) $(LB_BENCH_SRCS))
LB_BENCH_WRAP := -Wl,--wrap=lb_alloc,--wrap=lb_alloc_raw,--wrap=lb_free \
	-Wl,--wrap=lb_code_alloc,--wrap=lb_code_free

.PHONY: bench bench-build

$(BENCH_DIR)/lb-bench: $(LB_BENCH_OBJS)
	@mkdir -p $(@D)
	$(CC) -O2 -o $@ $^ $(LB_BENCH_WRAP)

$(BENCH_DIR)/wasm/libc.o: tools/bench/progs/libc.c tools/bench/bench.mk \
		| $(DEPS)
	@mkdir -p $(@D)
	$(BENCH_WASM_CC) $(BENCH_WASM_CFLAGS) -fno-builtin -c $< -o $@

$(BENCH_DIR)/wasm/%.wasm: tools/bench/progs/%.c tools/bench/progs/bench.h \
		$(BENCH_DIR)/wasm/libc.o tools/bench/bench.mk | $(DEPS)
	$(BENCH_WASM_CC) $(BENCH_WASM_CFLAGS) $(BENCH_WASM_LDFLAGS) \
		-o $@ $< $(BENCH_DIR)/wasm/libc.o

$(BENCH_DIR)/native/%: tools/bench/progs/%.c tools/bench/progs/bench.h \
		tools/bench/native_main.c tools/bench/bench.mk
	@mkdir -p $(@D)
	$(BENCH_NATIVE_CC) $(BENCH_NATIVE_CFLAGS) -o $@ $< \
		tools/bench/native_main.c -lm

# Static, like the selftests: the VM has no libc.
$(BENCH_DIR)/invoke_bench: tools/bench/invoke_bench.c \
		uapi/linux/lightbeam.h tools/bench/bench.mk
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -O2 -Wall -Wextra -Werror -static -Iuapi -o $@ $<

bench-build: $(BENCH_DIR)/lb-bench $(BENCH_WASMS) $(BENCH_NATIVES) \
	$(BENCH_DIR)/invoke_bench

bench: bench-build
	@BENCH_REPS='$(BENCH_REPS)' BENCH_ONLY='$(BENCH_ONLY)' \
	BENCH_COMPILE_ROUNDS='$(BENCH_COMPILE_ROUNDS)' \
	BENCH_VM='$(BENCH_VM)' BENCH_NPM='$(BENCH_NPM)' \
	BENCH_NODE='$(BENCH_NODE)' \
	tools/bench/run-bench.sh $(BENCH_DIR)
