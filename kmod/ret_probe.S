/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A return the kernel patches for us.  The compiler and the assembler emit
 * every `ret` of this module as `jmp __x86_return_thunk`, and the module
 * loader rewrites each such site (apply_returns) into either a jump to the
 * return thunk the kernel actually uses (x86_return_thunk, which is not
 * exported) or a plain `ret`.  thunks.c reads the patched bytes of this
 * function to learn that choice, so generated code returns exactly as the
 * module's own code does.
 *
 * Aligned to 64 bytes: with the ITS return thunk the kernel keeps a plain
 * `ret` in the upper half of a cache line, and the probe must sit in the
 * lower half to see the thunk.
 */
#include <linux/linkage.h>

	.text
	.p2align 6
SYM_FUNC_START(lb_ret_probe)
	RET
SYM_FUNC_END(lb_ret_probe)
