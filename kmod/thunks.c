// SPDX-License-Identifier: GPL-2.0
/*
 * Which thunks generated code must branch through, so that it is exactly
 * as hardened as the kernel's own code on this machine.
 *
 * The kernel decides at boot: retpolines or not, with or without lfence,
 * ITS-safe indirect thunks, and a return thunk for retbleed, SRSO or ITS
 * (x86_return_thunk, which modules cannot read).  It then patches every
 * module's indirect calls and returns to match.  thunk_probe.S holds one
 * such call per register and one return; lb_thunks_init() decodes what
 * the loader made of them and the platform hooks hand that on to the
 * code generator.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/cpufeature.h>
#include <asm/nospec-branch.h>

#include "codegen/platform.h"
#include "thunks.h"

#define LB_OP_CS	0x2e
#define LB_OP_REX_B	0x41
#define LB_OP_CALL32	0xe8
#define LB_OP_JMP32	0xe9
#define LB_OP_RET	0xc3
#define LB_OP_GRP5	0xff

static const void *lb_ret_thunk;
static const void *lb_call_thunk[16];

#ifdef CONFIG_RETPOLINE
/* Indexed by the x86 register encoding: rax, rcx, rdx, rbx, rsp, ... */
static const void *const lb_retpoline_by_reg[16] = {
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
	if (reg < 0 || reg >= ARRAY_SIZE(lb_call_thunk))
		return NULL;
	return lb_call_thunk[reg];
}

const void *lb_return_thunk(void)
{
	return lb_ret_thunk;
}

static const void *lb_rel32_target(const u8 *insn)
{
	s32 rel;

	memcpy(&rel, insn + 1, sizeof(rel));
	return insn + 5 + rel;
}

/* The retpoline thunk; its body is patched to what this CPU needs. */
static const void *lb_retpoline(int reg)
{
#ifdef CONFIG_RETPOLINE
	return lb_retpoline_by_reg[reg];
#else
	return NULL;
#endif
}

/*
 * What an indirect call through `reg` became: a direct call to a thunk
 * (the retpoline, or an ITS-safe one) is that thunk; `call *%reg` needs
 * none; `lfence; call *%reg` is what the retpoline thunk does too.
 */
static const void *lb_decode_call(const u8 *p, int reg)
{
	static const u8 lfence[] = { 0x0f, 0xae, 0xe8 };

	if (!p)
		return NULL;
	if (p[0] == LB_OP_CS)
		p++;
	if (p[0] == LB_OP_CALL32)
		return lb_rel32_target(p);
	if (!memcmp(p, lfence, sizeof(lfence)))
		return lb_retpoline(reg);
	if (p[0] == LB_OP_REX_B)
		p++;
	if (p[0] == LB_OP_GRP5 && p[1] == 0xd0 + (reg & 7))
		return NULL;
	pr_warn("unexpected indirect call sequence %*ph\n", 6, p);
	return lb_retpoline(reg);
}

/* What a `ret` became: a jump to the return thunk, or a plain `ret`. */
static const void *lb_decode_ret(const u8 *p)
{
	static const u8 endbr64[] = { 0xf3, 0x0f, 0x1e, 0xfa };

	if (!memcmp(p, endbr64, sizeof(endbr64)))
		p += sizeof(endbr64);
	if (p[0] == LB_OP_JMP32)
		return lb_rel32_target(p);
	if (p[0] == LB_OP_RET)
		return NULL;
	pr_warn("unexpected return sequence %*ph\n", 5, p);
#ifdef CONFIG_RETHUNK
	if (cpu_feature_enabled(X86_FEATURE_RETHUNK))
		return __x86_return_thunk;
#endif
	return NULL;
}

void lb_thunks_init(void)
{
	int reg;

	for (reg = 0; reg < ARRAY_SIZE(lb_call_thunk); reg++) {
		lb_call_thunk[reg] = lb_decode_call(lb_call_probe_sites[reg],
						    reg);
		pr_debug("call *%%r%d: thunk %pS\n", reg, lb_call_thunk[reg]);
	}
	lb_ret_thunk = lb_decode_ret((const u8 *)lb_ret_probe);
	pr_debug("return thunk %pS\n", lb_ret_thunk);
}
