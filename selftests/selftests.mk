# SPDX-License-Identifier: GPL-2.0
#
# The kselftests, included by the top-level Makefile.  Static binaries in
# build/selftests/ (the VM has no libc), built with the kernel's
# kselftest_harness.h from $(KSRC) and the .wat test modules compiled and
# linked in (.incbin).  build/selftests/ is the VM's /selftests/.

ST_DIR := $(BUILD)/selftests
ST_TESTS := lb_basic lb_errors lb_traps lb_lifetime lb_link
ST_BINS := $(addprefix $(ST_DIR)/,$(ST_TESTS))
ST_WATS := $(wildcard selftests/wasm/*.wat)
ST_WASMS := $(patsubst selftests/wasm/%.wat,$(ST_DIR)/wasm/%.wasm,$(ST_WATS))
# The harness' macros compare mixed signedness and leave parameters unused.
ST_CFLAGS := -std=gnu11 -D_GNU_SOURCE -O2 -g -Wall -Wextra -Werror \
	-Wno-sign-compare -Wno-unused-parameter -pthread -static \
	-I$(KSRC)/tools/testing/selftests -Iuapi -Iselftests -I$(ST_DIR)
ST_COMMON := $(ST_DIR)/lb_test.o $(ST_DIR)/wasm_blobs.o

.PHONY: selftests
selftests: $(ST_BINS) $(ST_WASMS) $(ST_DIR)/run.sh

$(ST_DIR)/wasm/%.wasm: selftests/wasm/%.wat | $(DEPS)
	@mkdir -p $(@D)
	wat2wasm $< -o $@

# const struct lb_wasm lb_wasm_NAME = { bytes, len } for each
# selftests/wasm/NAME.wat (see lb_test.h).
$(ST_DIR)/wasm_blobs.S: $(ST_WASMS) selftests/selftests.mk
	@mkdir -p $(@D)
	@{ for w in $(ST_WASMS); do \
		n=$$(basename $$w .wasm); \
		echo "	.section .rodata"; \
		echo "$$n.bytes: .incbin \"$$w\""; \
		echo "$$n.end:"; \
		echo "	.section .data.rel.ro"; \
		echo "	.balign 8"; \
		echo "	.globl lb_wasm_$$n"; \
		echo "lb_wasm_$$n: .quad $$n.bytes, $$n.end - $$n.bytes"; \
	  done; \
	  echo '	.section .note.GNU-stack,"",@progbits'; } >$@

$(ST_DIR)/wasm_blobs.o: $(ST_DIR)/wasm_blobs.S
	$(CC) -c $< -o $@

$(ST_DIR)/lb_test.o: selftests/lb_test.c selftests/lb_test.h \
		uapi/linux/lightbeam.h $(KSRC_STAMP)
	@mkdir -p $(@D)
	$(CC) $(ST_CFLAGS) -c $< -o $@

$(ST_DIR)/%: selftests/%.c selftests/lb_test.h uapi/linux/lightbeam.h \
		$(ST_COMMON) $(KSRC_STAMP)
	$(CC) $(ST_CFLAGS) $< $(ST_COMMON) -o $@

$(ST_DIR)/run.sh: selftests/run.sh
	@mkdir -p $(@D)
	cp $< $@
