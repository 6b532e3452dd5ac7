// SPDX-License-Identifier: GPL-2.0
/*
 * Bulk memory and table operators (the 0xfc prefix, table.get/set).
 * table.get, table.set and table.size are inline; the rest call the C
 * helpers in codegen/bulk.c, which check the whole range first.
 */
#include "compiler.h"

static int lb_read_index(struct lb_compiler *c, u32 *idx, u32 limit,
			 const char *what)
{
	int ret = lb_read_u32(&c->rd, idx, c->err);

	if (ret)
		return ret;
	if (*idx >= limit)
		return lb_fail(c, EINVAL, "unknown %s %u", what, *idx);
	return 0;
}

static int lb_read_zero(struct lb_compiler *c)
{
	u8 z;
	int ret = lb_read_u8(&c->rd, &z, c->err);

	if (ret)
		return ret;
	if (z)
		return lb_fail(c, EINVAL, "zero byte expected");
	if (!c->m->has_memory)
		return lb_fail(c, EINVAL, "unknown memory 0");
	return 0;
}

/* Pop n operands of the given types; vals[] in operand order. */
static int lb_pop_operands(struct lb_compiler *c, struct lb_val *vals,
			   const u8 *types, u32 n)
{
	u32 i;
	int ret;

	for (i = n; i-- > 0;) {
		ret = lb_pop(c, types[i], &vals[i]);
		if (ret)
			return ret;
	}
	return 0;
}

/*
 * helper(vmctx, imm..., vals...): the popped operands first go to their
 * own (now free) slots, so loading the argument registers has no
 * conflicts; live values are spilled as around any call.
 */
static void lb_call_rt(struct lb_compiler *c, u32 helper, const u32 *imm,
		       u32 nimm, struct lb_val *vals, u32 nvals, bool traps)
{
	static const u8 argreg[] = { RSI, RDX, RCX, R8, R9 };
	struct lb_asm *a = &c->as;
	u32 i;

	for (i = 0; i < nvals; i++) {
		if (vals[i].loc != LOC_REG)
			continue;
		lb_store_val(c, &vals[i], lb_slot(c, c->sp + i));
		lb_free_val(c, &vals[i]);
		vals[i].loc = LOC_STACK;
		vals[i].imm = c->sp + i;
	}
	lb_spill_all(c);
	lb_pin_save(c);
	for (i = 0; i < nimm; i++)
		lb_mov_ri(a, false, argreg[i], imm[i]);
	for (i = 0; i < nvals; i++)
		lb_load_val(c, &vals[i], argreg[nimm + i]);
	lb_mov_rr(a, true, RDI, LB_VMCTX_REG);
	lb_emit_call_helper(c, helper);
	lb_pin_restore(c);		/* movs: the flags are untouched */
	if (traps) {
		lb_test_rr(a, false, RAX, RAX);
		lb_jcc(a, CC_NE, c->exit_stub);
	}
}

static const u8 lb_3xi32[] = { LB_TYPE_I32, LB_TYPE_I32, LB_TYPE_I32 };

/*
 * A data segment index.  Without a data count section the data section
 * (if any) comes after the code, so whether this is "unknown data
 * segment" or "data count section required" is only known at the end of
 * the module: lb_compiler_finish() decides (still before any code runs).
 */
static int lb_read_data_index(struct lb_compiler *c, u32 *idx)
{
	const struct lb_module *m = c->m;
	int ret;

	if (m->has_data_count)
		return lb_read_index(c, idx, m->data_count, "data segment");
	ret = lb_read_u32(&c->rd, idx, c->err);
	if (!ret && !c->data_use_offset) {
		c->data_use_offset = lb_op_offset(c);
		c->data_use_idx = *idx;
	}
	return ret;
}

static int lb_table_type(struct lb_compiler *c, u32 t)
{
	return c->m->tables[t].elem_type;
}

/* Load the table descriptor pointer of table t into r. */
static void lb_load_table(struct lb_compiler *c, int r, u32 t)
{
	lb_load(&c->as, true, r, lb_mem_bd(LB_VMCTX_REG, LB_VMCTX_TABLES));
	lb_load(&c->as, true, r, lb_mem_bd(r, (s32)(8 * t)));
}

/* table.get / table.set: bounds check, Spectre clamp, access. */
int lb_op_table_access(struct lb_compiler *c, u8 op)
{
	struct lb_asm *a = &c->as;
	struct lb_val idx, val = { 0 };
	struct lb_mem e;
	u32 t;
	int ret, ri, rt, rv = -1;
	u8 et;

	ret = lb_read_index(c, &t, c->m->ntables, "table");
	if (ret)
		return ret;
	et = (u8)lb_table_type(c, t);
	if (op == 0x26) {
		ret = lb_pop(c, et, &val);
		if (ret)
			return ret;
	}
	ret = lb_pop(c, LB_TYPE_I32, &idx);
	if (ret)
		return ret;
	if (op == 0x26)
		rv = lb_to_reg(c, &val, 0);
	ri = lb_to_reg(c, &idx, rv >= 0 ? 1U << rv : 0);
	rt = lb_alloc_gpr(c, (1U << ri) | (rv >= 0 ? 1U << rv : 0));
	lb_load_table(c, rt, t);
	lb_alu_rm(a, false, ALU_CMP, ri, lb_mem_bd(rt, LB_TABLE_SIZE));
	lb_emit_trap_if(c, CC_AE, LB_TRAP_TABLE_ACCESS_OOB);
	lb_cmov_rm(a, true, CC_AE, ri, lb_mem_bd(LB_VMCTX_REG, LB_VMCTX_ZERO));
	lb_load(a, true, rt, lb_mem_bd(rt, LB_TABLE_ELEMS));
	e = lb_mem_bid(rt, ri, 0);
	e.scale = 8;
	lb_free_reg(c, false, ri);
	if (op == 0x25) {
		lb_load(a, true, rt, e);
		lb_push_reg(c, et, rt);
	} else {
		lb_store(a, true, e, rv);
		lb_free_reg(c, false, rv);
		lb_free_reg(c, false, rt);
	}
	return 0;
}

static int lb_table_size(struct lb_compiler *c)
{
	u32 t;
	int ret = lb_read_index(c, &t, c->m->ntables, "table"), r;

	if (ret)
		return ret;
	r = lb_alloc_gpr(c, 0);
	lb_load_table(c, r, t);
	lb_load(&c->as, false, r, lb_mem_bd(r, LB_TABLE_SIZE));
	lb_push_reg(c, LB_TYPE_I32, r);
	return 0;
}

int lb_op_bulk(struct lb_compiler *c, u32 op)
{
	struct lb_val v[3];
	u32 imm[2];
	u8 types[3];
	int ret;

	switch (op) {
	case 8:					/* memory.init */
		if (!c->m->has_memory)
			return lb_fail(c, EINVAL, "unknown memory 0");
		ret = lb_read_data_index(c, &imm[0]);
		if (!ret)
			ret = lb_read_zero(c);
		if (!ret)
			ret = lb_pop_operands(c, v, lb_3xi32, 3);
		if (!ret)
			lb_call_rt(c, HELPER_MEMORY_INIT, imm, 1, v, 3, true);
		return ret;
	case 9:					/* data.drop */
		ret = lb_read_data_index(c, &imm[0]);
		if (!ret)
			lb_call_rt(c, HELPER_DATA_DROP, imm, 1, NULL, 0, false);
		return ret;
	case 10:				/* memory.copy */
		ret = lb_read_zero(c);
		if (!ret)
			ret = lb_read_zero(c);
		if (!ret)
			ret = lb_pop_operands(c, v, lb_3xi32, 3);
		if (!ret)
			lb_call_rt(c, HELPER_MEMORY_COPY, NULL, 0, v, 3, true);
		return ret;
	case 11:				/* memory.fill */
		ret = lb_read_zero(c);
		if (!ret)
			ret = lb_pop_operands(c, v, lb_3xi32, 3);
		if (!ret)
			lb_call_rt(c, HELPER_MEMORY_FILL, NULL, 0, v, 3, true);
		return ret;
	case 12:				/* table.init elem table */
		ret = lb_read_u32(&c->rd, &imm[1], c->err);
		if (!ret)
			ret = lb_read_index(c, &imm[0], c->m->ntables, "table");
		if (ret)
			return ret;
		if (imm[1] >= c->m->nelems)
			return lb_fail(c, EINVAL, "unknown elem segment %u",
				       imm[1]);
		if (c->m->elems[imm[1]].elem_type != lb_table_type(c, imm[0]))
			return lb_fail(c, EINVAL, "type mismatch: table.init");
		ret = lb_pop_operands(c, v, lb_3xi32, 3);
		if (!ret)
			lb_call_rt(c, HELPER_TABLE_INIT, imm, 2, v, 3, true);
		return ret;
	case 13:				/* elem.drop */
		ret = lb_read_index(c, &imm[0], c->m->nelems, "elem segment");
		if (!ret)
			lb_call_rt(c, HELPER_ELEM_DROP, imm, 1, NULL, 0, false);
		return ret;
	case 14:				/* table.copy dst src */
		ret = lb_read_index(c, &imm[0], c->m->ntables, "table");
		if (!ret)
			ret = lb_read_index(c, &imm[1], c->m->ntables, "table");
		if (ret)
			return ret;
		if (lb_table_type(c, imm[0]) != lb_table_type(c, imm[1]))
			return lb_fail(c, EINVAL, "type mismatch: table.copy");
		ret = lb_pop_operands(c, v, lb_3xi32, 3);
		if (!ret)
			lb_call_rt(c, HELPER_TABLE_COPY, imm, 2, v, 3, true);
		return ret;
	case 15:				/* table.grow */
		ret = lb_read_index(c, &imm[0], c->m->ntables, "table");
		if (ret)
			return ret;
		types[0] = (u8)lb_table_type(c, imm[0]);
		types[1] = LB_TYPE_I32;
		ret = lb_pop_operands(c, v, types, 2);
		if (ret)
			return ret;
		lb_call_rt(c, HELPER_TABLE_GROW, imm, 1, v, 2, false);
		lb_claim(c, false, RAX);
		lb_push_reg(c, LB_TYPE_I32, RAX);
		return 0;
	case 16:
		return lb_table_size(c);
	default:				/* 17: table.fill */
		ret = lb_read_index(c, &imm[0], c->m->ntables, "table");
		if (ret)
			return ret;
		types[0] = LB_TYPE_I32;
		types[1] = (u8)lb_table_type(c, imm[0]);
		types[2] = LB_TYPE_I32;
		ret = lb_pop_operands(c, v, types, 3);
		if (!ret)
			lb_call_rt(c, HELPER_TABLE_FILL, imm, 1, v, 3, true);
		return ret;
	}
}
