// SPDX-License-Identifier: GPL-2.0
/*
 * Calls and returns.  Arguments are pushed in order, so the callee finds
 * parameter i at [rbp + 16 + 8 * (n - 1 - i)] without copying; results
 * after the first come back through slots the caller reserves above the
 * arguments.  Registers are caller-saved: live values are spilled before
 * a call, except the arguments, which are pushed straight from where
 * they are.
 */
#include "compiler.h"

int lb_op_call(struct lb_compiler *c, u32 func)
{
	struct lb_asm *a = &c->as;
	const struct lb_functype *ft;
	u32 n, nres, extra, pad, bytes, i, base;
	int ret;

	if (func >= c->m->nfuncs)
		return lb_fail(c, EINVAL, "unknown function %u", func);
	ft = lb_func_type(c->m, func);
	n = ft->nparams;
	nres = ft->nresults;
	ret = lb_check_top_types(c, n, ft->types);
	if (ret)
		return ret;
	if (func < c->m->nimported_funcs)
		return lb_fail(c, EOPNOTSUPP,
			       "calls to imported functions are not supported yet");
	extra = nres > 1 ? nres - 1 : 0;
	pad = (n + extra) & 1;
	bytes = 8 * (n + extra + pad);
	if (bytes > c->max_outgoing)
		c->max_outgoing = bytes;

	base = c->sp - n;
	lb_spill_under(c, base);
	if (extra + pad)
		lb_alu_ri(a, true, ALU_SUB, RSP, (s32)(8 * (extra + pad)));
	for (i = 0; i < n; i++) {
		struct lb_val *v = &c->stack[base + i];

		switch (v->loc) {
		case LOC_REG:
			if (lb_is_float(v->type)) {
				lb_alu_ri(a, true, ALU_SUB, RSP, 8);
				lb_sse_rm(a, v->type == LB_TYPE_F64 ? 0xf2 :
					  0xf3, false, 0x0f11, v->reg,
					  lb_mem_bd(RSP, 0));
			} else {
				lb_push_r(a, v->reg);
			}
			lb_free_val(c, v);
			break;
		case LOC_STACK:
			lb_push_m(a, lb_slot(c, (u32)v->imm));
			break;
		default:
			if (!lb_is64(v->type) || lb_fits32((s64)v->imm)) {
				lb_push_i(a, (s32)v->imm);
			} else {
				lb_mov_ri(a, true, LB_SCRATCH, v->imm);
				lb_push_r(a, LB_SCRATCH);
			}
			break;
		}
	}
	c->sp = base;
	lb_add_reloc(c, lb_call(a, 0), RELOC_FUNC, func);
	lb_load(a, true, LB_MEMBASE_REG,
		lb_mem_bd(LB_VMCTX_REG, LB_VMCTX_MEM_BASE));
	ret = lb_stack_reserve(c, nres);
	if (ret)
		return ret;
	for (i = 0; i < nres; i++) {
		u8 t = ft->types[n + i];

		if (i == 0) {
			lb_claim(c, lb_is_float(t), lb_is_float(t) ? 0 : RAX);
			lb_push_reg(c, t, lb_is_float(t) ? 0 : RAX);
			continue;
		}
		lb_load(a, true, LB_SCRATCH,
			lb_mem_bd(RSP, (s32)(8 * (n + i - 1))));
		lb_store(a, true, lb_slot(c, c->sp), LB_SCRATCH);
		lb_push_slot(c, t);
	}
	if (bytes)
		lb_alu_ri(a, true, ALU_ADD, RSP, (s32)bytes);
	return 0;
}

int lb_op_call_indirect(struct lb_compiler *c)
{
	return lb_fail(c, EOPNOTSUPP, "call_indirect is not supported yet");
}

/* Return the function's results (the top values), leave the frame. */
void lb_emit_return(struct lb_compiler *c)
{
	u32 nres = c->ft->nresults, j, base = c->sp - nres;

	for (j = 1; j < nres; j++)
		lb_store_val(c, &c->stack[base + j],
			     lb_mem_bd(RBP, (s32)(16 + 8 * c->nparams +
						  8 * (j - 1))));
	if (nres)
		lb_load_val(c, &c->stack[base],
			    lb_is_float(c->stack[base].type) ? 0 : RAX);
	lb_byte(&c->as, 0xc9);			/* leave */
	lb_emit_ret(c);
}
