// SPDX-License-Identifier: GPL-2.0
/*
 * The abstract value stack and the register allocator.
 *
 * A register holds at most one stack entry (no sharing), so the owner
 * table maps each register back to its entry and choosing a spill victim
 * is a walk over 27 registers, not over the stack: the oldest entry goes
 * first, as it is the furthest from being used.
 */
#include "compiler.h"

#define XOWN(r)	(16 + (r))

int lb_stack_grow(struct lb_compiler *c, u32 extra)
{
	if ((u64)c->sp + extra > LB_MAX_OPERAND_STACK)
		return lb_fail(c, E2BIG, "more than %u values on the operand stack",
			       LB_MAX_OPERAND_STACK);
	if (lb_array_reserve((void **)&c->stack, &c->stack_cap, c->sp + extra,
			     sizeof(*c->stack), 64))
		return lb_fail(c, ENOMEM, "out of memory");
	/* the limit is checked here only: room past it does not count */
	if (c->stack_cap > LB_MAX_OPERAND_STACK)
		c->stack_cap = LB_MAX_OPERAND_STACK;
	lb_set_op_trip(c);
	return 0;
}

/*
 * lb_pop()'s uncommon cases: popping below the frame's height (an error,
 * or in unreachable code a value of the wanted type: a constant 0 that is
 * never emitted), a type mismatch, or a value of unknown type.
 */
int lb_pop_slow(struct lb_compiler *c, u8 want, struct lb_val *out)
{
	const struct lb_ctrl *f = &c->ctrl[c->nctrl - 1];
	struct lb_val *v;

	if (c->sp <= f->height) {
		if (!f->unreachable)
			return lb_fail(c, EINVAL,
				       "type mismatch: expected %s, but the stack is empty",
				       lb_type_name(want));
		out->type = want;
		out->loc = LOC_CONST;
		out->imm = 0;
		out->reg = 0;
		out->cc = 0;
		out->lim = 0;
		return 0;
	}
	v = &c->stack[c->sp - 1];
	if (want != LB_TYPE_ANY && v->type != want && v->type != LB_TYPE_ANY)
		return lb_fail(c, EINVAL, "type mismatch: expected %s, got %s",
			       lb_type_name(want), lb_type_name(v->type));
	lb_pop_top(c, out);
	if (out->type == LB_TYPE_ANY)
		out->type = want;
	return 0;
}

static void lb_spill_entry(struct lb_compiler *c, u32 i)
{
	struct lb_val *v = &c->stack[i];

	lb_store_val(c, v, lb_slot(c, i));
	lb_free_val(c, v);
	v->loc = LOC_STACK;
	v->imm = i;
}

/* Spill the oldest stack entry held in a register of the class. */
static int lb_spill_oldest(struct lb_compiler *c, bool xmm, u32 avoid)
{
	u32 held = xmm ? c->xmm_alloc & ~c->xmm_free :
			 c->gpr_alloc & ~c->gpr_free;
	const u32 *owner = xmm ? &c->owner[XOWN(0)] : c->owner;
	u32 best = LB_OWNER_TEMP;
	int r, best_reg = -1;

	/* Temporaries are held too but belong to the opcode at hand. */
	for (held &= ~avoid; held; held &= held - 1) {
		r = __builtin_ctz(held);
		if (owner[r] < best) {
			best = owner[r];
			best_reg = r;
		}
	}
	if (best_reg < 0)
		return -1;
	lb_spill_entry(c, best);
	return best_reg;
}

/* The register allocators' slow paths: every register of the class is taken. */
int lb_alloc_gpr_slow(struct lb_compiler *c, u32 avoid)
{
	int r = lb_spill_oldest(c, false, avoid);

	if (r < 0) {
		/* Cannot happen: opcodes hold at most 4 temporaries. */
		c->as.oom = true;
		return RAX;
	}
	c->gpr_free &= ~(1U << r);
	c->owner[r] = LB_OWNER_TEMP;
	return r;
}

int lb_alloc_xmm_slow(struct lb_compiler *c)
{
	int r = lb_spill_oldest(c, true, 0);

	if (r < 0) {
		c->as.oom = true;
		return 0;
	}
	c->xmm_free &= ~(1U << r);
	c->owner[XOWN(r)] = LB_OWNER_TEMP;
	return r;
}

static void lb_movq_xr(struct lb_compiler *c, int xmm, int gpr)
{
	lb_sse_rr(&c->as, 0x66, true, 0x0f6e, xmm, gpr);
}

/* Emit a load of v's value into reg (of v's class); no allocation. */
void lb_load_val(struct lb_compiler *c, const struct lb_val *v, int reg)
{
	struct lb_asm *a = &c->as;
	bool w = lb_is64(v->type);

	/* registers first, and no switch of five: no jump table to mispredict */
	if (v->loc == LOC_REG || v->loc == LOC_PIN) {
		if (v->reg == reg)
			return;
		if (lb_is_float(v->type))
			lb_sse_rr(a, 0, false, 0x0f28, reg, v->reg);
		else
			lb_mov_rr(a, w, reg, v->reg);
		return;
	}
	if (lb_is_float(v->type)) {
		switch (v->loc) {
		case LOC_CONST:
			if (v->imm == 0) {
				lb_sse_rr(a, 0, false, 0x0f57, reg, reg);
			} else {
				lb_mov_ri(a, true, LB_SCRATCH, v->imm);
				lb_movq_xr(c, reg, LB_SCRATCH);
			}
			break;
		case LOC_STACK:
			lb_sse_rm(a, w ? 0xf2 : 0xf3, false, 0x0f10, reg,
				  lb_slot(c, (u32)v->imm));
			break;
		}
		return;
	}
	switch (v->loc) {
	case LOC_CONST:
		lb_mov_ri(a, w, reg, v->imm);
		break;
	case LOC_STACK:
		lb_mov_frame(a, w, 0x8b, reg, lb_slot(c, (u32)v->imm).disp);
		break;
	case LOC_FLAGS:
		lb_setcc(a, (enum lb_cc)v->cc, reg);
		lb_movzx8_rr(a, reg, reg);
		break;
	}
}

/* Emit a store of v's value (any location) to dst. */
void lb_store_val(struct lb_compiler *c, const struct lb_val *v,
		  struct lb_mem dst)
{
	struct lb_asm *a = &c->as;
	bool w = lb_is64(v->type);

	if (v->loc == LOC_REG || v->loc == LOC_PIN) {	/* see lb_load_val */
		if (lb_is_float(v->type))
			lb_sse_rm(a, w ? 0xf2 : 0xf3, false, 0x0f11, v->reg,
				  dst);
		else if (dst.base == RBP && dst.index < 0)
			lb_mov_frame(a, true, 0x89, v->reg, dst.disp);
		else
			lb_store(a, true, dst, v->reg);
		return;
	}
	switch (v->loc) {
	case LOC_CONST:
		if (!w || lb_fits32((s64)v->imm)) {
			lb_store_imm(a, w ? 3 : 2, dst, (s32)v->imm);
		} else {
			lb_mov_ri(a, true, LB_SCRATCH, v->imm);
			lb_store(a, true, dst, LB_SCRATCH);
		}
		break;
	case LOC_STACK: {
		struct lb_mem src = lb_slot(c, (u32)v->imm);

		if (src.disp == dst.disp && dst.base == RBP)
			break;
		lb_load(a, true, LB_SCRATCH, src);
		lb_store(a, true, dst, LB_SCRATCH);
		break;
	}
	case LOC_FLAGS:
		lb_setcc(a, (enum lb_cc)v->cc, LB_SCRATCH);
		lb_movzx8_rr(a, LB_SCRATCH, LB_SCRATCH);
		lb_store(a, true, dst, LB_SCRATCH);
		break;
	}
}

/* lb_to_reg() of a value that is not in a register it may keep. */
int lb_to_reg_slow(struct lb_compiler *c, struct lb_val *v, u32 avoid)
{
	int r;

	if (lb_is_float(v->type)) {
		r = lb_alloc_xmm(c);
	} else {
		r = lb_alloc_gpr(c, avoid);
		if (v->loc == LOC_REG)
			lb_free_reg(c, false, v->reg);
	}
	lb_load_val(c, v, r);
	v->loc = LOC_REG;
	v->reg = (u8)r;
	return r;
}

void lb_materialize_flags_slow(struct lb_compiler *c)
{
	struct lb_val *v;
	int r;

	r = lb_alloc_gpr(c, 0);
	v = &c->stack[c->sp - 1];
	lb_load_val(c, v, r);
	v->loc = LOC_REG;
	v->reg = (u8)r;
	c->owner[r] = c->sp - 1;
}

/*
 * Every register-held entry to its slot (before C calls and merges),
 * pinned locals' (LOC_PIN) too.
 */
void lb_spill_all(struct lb_compiler *c)
{
	lb_materialize_flags(c);
	lb_spill_under(c, LB_OWNER_TEMP);
	if (c->pin_mask)
		lb_pin_spill_ents(c);
}

/* Entries at depth >= `depth` into their slots, constants included. */
void lb_spill_below(struct lb_compiler *c, u32 depth)
{
	u32 i;

	lb_spill_all(c);
	for (i = depth; i < c->sp; i++) {
		if (c->stack[i].loc == LOC_CONST) {
			lb_store_val(c, &c->stack[i], lb_slot(c, i));
			c->stack[i].loc = LOC_STACK;
			c->stack[i].imm = i;
		}
	}
}

/*
 * Free `reg` (a GPR) for a fixed-register instruction: its stack entry
 * moves to another register (not in avoid) or, failing that, its slot.
 */
void lb_evict(struct lb_compiler *c, int reg, u32 avoid)
{
	u32 o;
	int r;

	if (c->gpr_free & (1U << reg))
		return;
	o = c->owner[reg];
	if (o == LB_OWNER_TEMP)
		return;		/* the caller's own operand: it handles it */
	if (c->gpr_free & ~avoid & ~(1U << reg)) {
		r = __builtin_ctz(c->gpr_free & ~avoid & ~(1U << reg));
		c->gpr_free &= ~(1U << r);
		lb_mov_rr(&c->as, true, r, reg);
		c->stack[o].reg = (u8)r;
		c->owner[r] = o;
		c->gpr_free |= 1U << reg;
	} else {
		lb_spill_entry(c, o);
	}
}

void lb_reset_regs(struct lb_compiler *c)
{
	c->gpr_free = c->gpr_alloc;
	c->xmm_free = c->xmm_alloc;
	c->pin_facts = 0;	/* a merge: other paths checked nothing */
}

/*
 * Spill the register-held entries below `limit` (a call's arguments
 * stay where they are: they are pushed from there).
 */
static noinline void lb_spill_regs_under(struct lb_compiler *c, u32 limit,
					 u32 gprs, u32 xmms)
{
	while (gprs) {
		int r = __builtin_ctz(gprs);
		u32 o = c->owner[r];

		gprs &= gprs - 1;
		if (o != LB_OWNER_TEMP && o < limit)
			lb_spill_entry(c, o);
	}
	while (xmms) {
		int r = __builtin_ctz(xmms);
		u32 o = c->owner[XOWN(r)];

		xmms &= xmms - 1;
		if (o != LB_OWNER_TEMP && o < limit)
			lb_spill_entry(c, o);
	}
}

void lb_spill_under(struct lb_compiler *c, u32 limit)
{
	u32 gprs = c->gpr_alloc & ~c->gpr_free;
	u32 xmms = c->xmm_alloc & ~c->xmm_free;

	/* Only the registers in use: usually none or a few. */
	if (gprs | xmms)
		lb_spill_regs_under(c, limit, gprs, xmms);
}

/* Take a register that the caller knows to be free (call results). */
void lb_claim(struct lb_compiler *c, bool xmm, int reg)
{
	if (xmm) {
		c->xmm_free &= ~(1U << reg);
		c->owner[XOWN(reg)] = LB_OWNER_TEMP;
	} else {
		c->gpr_free &= ~(1U << reg);
		c->owner[reg] = LB_OWNER_TEMP;
	}
}
