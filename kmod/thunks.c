// SPDX-License-Identifier: GPL-2.0
/*
 * Which thunks generated code must branch through, so that it is exactly
 * as hardened as the kernel's own code on this machine.
 *
 * Indirect calls: with CONFIG_RETPOLINE the kernel exports one thunk per
 * register.  Their bodies are patched at boot to whatever this CPU needs
 * (a retpoline, lfence + jmp, or a plain jmp), so calling them is always
 * correct.
 *
 * Returns: the kernel picks a return thunk at boot (retbleed, SRSO, ITS or
 * none) and keeps it in x86_return_thunk, which modules cannot read.  It
 * rewrites every `jmp __x86_return_thunk` of a module into a jump to that
 * thunk, or into `ret` when none is needed; ret_probe.S has one such site
 * and lb_thunks_init() decodes what the loader made of it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/nospec-branch.h>

#include "codegen/platform.h"
#include "thunks.h"

#define LB_OP_JMP32	0xe9

static const void *lb_ret_thunk;

#ifdef CONFIG_RETPOLINE
/* Indexed by the x86 register encoding: rax, rcx, rdx, rbx, rsp, ... */
static const void *const lb_thunk_by_reg[16] = {
	__x86_indirect_thunk_rax, __x86_indirect_thunk_rcx,
	__x86_indirect_thunk_rdx, __x86_indirect_thunk_rbx,
	__x86_indirect_thunk_rsp, __x86_indirect_thunk_rbp,
	__x86_indirect_thunk_rsi, __x86_indirect_thunk_rdi,
	__x86_indirect_thunk_r8, __x86_indirect_thunk_r9,
	__x86_indirect_thunk_r10, __x86_indirect_thunk_r11,
	__x86_indirect_thunk_r12, __x86_indirect_thunk_r13,
	__x86_indirect_thunk_r14, __x86_indirect_thunk_r15,
};
#endif

const void *lb_indirect_thunk(int reg)
{
#ifdef CONFIG_RETPOLINE
	if (reg >= 0 && reg < ARRAY_SIZE(lb_thunk_by_reg))
		return lb_thunk_by_reg[reg];
#endif
	return NULL;
}

const void *lb_return_thunk(void)
{
	return lb_ret_thunk;
}

void lb_thunks_init(void)
{
	static const u8 endbr64[] = { 0xf3, 0x0f, 0x1e, 0xfa };
	const u8 *p = (const u8 *)lb_ret_probe;
	s32 rel;

	if (!memcmp(p, endbr64, sizeof(endbr64)))
		p += sizeof(endbr64);
	if (p[0] != LB_OP_JMP32) {
		lb_ret_thunk = NULL;	/* a plain ret: no thunk in use */
		return;
	}
	memcpy(&rel, p + 1, sizeof(rel));
	lb_ret_thunk = p + 5 + rel;
	pr_debug("return thunk %pS\n", lb_ret_thunk);
}
