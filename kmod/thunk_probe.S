/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Branches the kernel patches for us, so that thunks.c can learn how this
 * kernel hardens indirect calls and returns on this CPU and make
 * generated code do the same.  Nothing here is ever executed.
 *
 * The assembler emits every `ret` of a module as `jmp __x86_return_thunk`
 * and every CALL_NOSPEC as `call __x86_indirect_thunk_<reg>`; objtool
 * lists these sites, and the module loader rewrites each one to what the
 * running kernel chose at boot (apply_returns(), apply_retpolines()): a
 * jump to the real return thunk (x86_return_thunk, not exported) or a
 * plain `ret`; the retpoline thunk, an ITS-safe thunk, `lfence; call
 * *%reg` or a plain `call *%reg`.
 *
 * Some of those choices depend on where a site is (ITS leaves branches in
 * the upper half of a cache line alone), so every site sits at the start
 * of a 64-byte line, the most demanding place: what the loader chose for
 * it is safe anywhere.
 */
#include <linux/linkage.h>
#include <asm/nospec-branch.h>

	.text
	.p2align 6
SYM_FUNC_START(lb_ret_probe)
	RET
SYM_FUNC_END(lb_ret_probe)

/* One call site per register but rsp, which the loader refuses to patch. */
.macro LB_CALL_SITE reg:req
	.p2align 6
.Llb_call_\reg:
	CALL_NOSPEC \reg
.endm

	.p2align 6
SYM_FUNC_START(lb_call_probes)
	LB_CALL_SITE rax
	LB_CALL_SITE rcx
	LB_CALL_SITE rdx
	LB_CALL_SITE rbx
	LB_CALL_SITE rbp
	LB_CALL_SITE rsi
	LB_CALL_SITE rdi
	LB_CALL_SITE r8
	LB_CALL_SITE r9
	LB_CALL_SITE r10
	LB_CALL_SITE r11
	LB_CALL_SITE r12
	LB_CALL_SITE r13
	LB_CALL_SITE r14
	LB_CALL_SITE r15
	RET
SYM_FUNC_END(lb_call_probes)

/* The call sites, by x86 register number (0 for rsp). */
	.section .rodata, "a"
	.balign 8
SYM_DATA_START(lb_call_probe_sites)
	.quad .Llb_call_rax, .Llb_call_rcx, .Llb_call_rdx, .Llb_call_rbx
	.quad 0, .Llb_call_rbp, .Llb_call_rsi, .Llb_call_rdi
	.quad .Llb_call_r8, .Llb_call_r9, .Llb_call_r10, .Llb_call_r11
	.quad .Llb_call_r12, .Llb_call_r13, .Llb_call_r14, .Llb_call_r15
SYM_DATA_END(lb_call_probe_sites)
