// SPDX-License-Identifier: GPL-2.0
/*
 * Integer operators: comparisons (left in the flags for br_if / if /
 * select to consume), arithmetic with immediates folded in, division with
 * its two traps, shifts through cl, bit counts with fallbacks for CPUs
 * without LZCNT / BMI1 / POPCNT, and the width conversions.
 *
 * i32 values in registers are always zero-extended to 64 bits (every
 * 32-bit x86 operation does that), so i64.extend_i32_u costs nothing.
 */
#include "compiler.h"

/* Condition for a comparison opcode's offset from eq (eq ne lt_s ...). */
static const u8 lb_cmp_cc[10] = {
	CC_E, CC_NE, CC_L, CC_B, CC_G, CC_A, CC_LE, CC_BE, CC_GE, CC_AE,
};

/* The condition that holds for (b, a) when cc holds for (a, b). */
static enum lb_cc lb_cc_swap(enum lb_cc cc)
{
	switch (cc) {
	case CC_L: return CC_G;
	case CC_G: return CC_L;
	case CC_LE: return CC_GE;
	case CC_GE: return CC_LE;
	case CC_B: return CC_A;
	case CC_A: return CC_B;
	case CC_BE: return CC_AE;
	case CC_AE: return CC_BE;
	default: return cc;
	}
}

static __always_inline bool lb_imm_ok(const struct lb_val *v)
{
	return v->loc == LOC_CONST &&
	       (!lb_is64(v->type) || lb_fits32((s64)v->imm));
}

/* op ra, b -- b a register, a slot or an immediate; frees b's register. */
static void lb_alu_val(struct lb_compiler *c, bool w, enum lb_alu op, int ra,
		       const struct lb_val *b)
{
	if (b->loc == LOC_PIN) {		/* read only */
		lb_alu_rr(&c->as, w, op, ra, b->reg);
		return;
	}
	switch (b->loc) {
	case LOC_REG:
		lb_alu_rr(&c->as, w, op, ra, b->reg);
		lb_free_reg(c, false, b->reg);
		break;
	case LOC_STACK:
		lb_alu_rm(&c->as, w, op, ra, lb_slot(c, (u32)b->imm));
		break;
	default:
		if (lb_imm_ok(b)) {
			lb_alu_ri(&c->as, w, op, ra, (s32)b->imm);
		} else {
			lb_mov_ri(&c->as, w, LB_SCRATCH, b->imm);
			lb_alu_rr(&c->as, w, op, ra, LB_SCRATCH);
		}
		break;
	}
}

/*
 * Pop b then a, either of them LOC_PIN (a pinned local's register, read
 * only); when `swap` allows it, a constant goes second so that it can
 * become an immediate.  Returns 1 if the operands were swapped.
 */
static int lb_pop2(struct lb_compiler *c, u8 type, struct lb_val *a,
		   struct lb_val *b, bool swap)
{
	struct lb_val t;
	int ret = lb_pop_pin(c, type, b);

	if (!ret)
		ret = lb_pop_pin(c, type, a);
	if (ret)
		return ret;
	if (swap && a->loc == LOC_CONST && b->loc != LOC_CONST) {
		t = *a;
		*a = *b;
		*b = t;
		return 1;
	}
	return 0;
}

/*
 * Bounds of i32 results (lb_val.lim), so that a memory access whose
 * address is known small can skip its check (see ops_mem.c): a masked
 * index, a loaded byte plus a table's address.  The bound follows from
 * what the instructions compute, on any path, speculative or not.
 */
static u64 lb_binop_lim(u8 type, enum lb_alu op, const struct lb_val *a,
			const struct lb_val *b)
{
	u64 la, lb;

	if (type != LB_TYPE_I32 || op == ALU_SUB)
		return 1ULL << 32;
	la = lb_val_lim(a);
	lb = lb_val_lim(b);
	switch (op) {
	case ALU_ADD:			/* no wrap: the sum stays below */
		return la + lb - 1;
	case ALU_AND:
		return la < lb ? la : lb;
	case ALU_OR:
	case ALU_XOR:			/* no bit above both operands' */
		la = la > lb ? la : lb;
		return la <= 1 ? 1 : 1ULL << (64 - __builtin_clzll(la - 1));
	default:
		return 1ULL << 32;
	}
}

/*
 * The displacement *d of a lea for a + b or a - b, b a constant, if it
 * has one (32-bit lea wraps like i32.add).
 */
static __always_inline bool lb_addsub_disp(u8 type, enum lb_alu op,
					   const struct lb_val *b, s64 *d)
{
	bool w = lb_is64(type);

	if ((op != ALU_ADD && op != ALU_SUB) || !lb_imm_ok(b))
		return false;
	*d = w ? (s64)b->imm : (s64)(s32)(u32)b->imm;
	if (op == ALU_SUB)
		*d = -*d;
	return lb_fits32(*d) || !w;
}

/*
 * a + imm or a - imm with a a pinned local's register or the copy of
 * one just made: lea from the local's register instead.
 */
static __always_inline bool lb_lea_pinned(struct lb_compiler *c, u8 type,
					  enum lb_alu op, struct lb_val *a,
					  const struct lb_val *b)
{
	bool w = lb_is64(type);
	u32 start;
	s64 d;
	int pin, r;

	if (!lb_addsub_disp(type, op, b, &d))
		return false;
	pin = lb_pin_take(c, a);
	if (pin < 0)
		return false;
	r = lb_alloc_gpr(c, 0);
	start = lb_pc(&c->as);
	lb_lea(&c->as, w, r, lb_mem_bd(pin, (s32)d));
	lb_push_reg(c, type, r);
	lb_pin_derive(c, pin, (s32)d, start);
	return true;
}

/* An i32.shl by 1-3 that an add of a constant may turn into a lea. */
static bool lb_shl_scales(const struct lb_compiler *c, u8 type,
			  enum lb_shift op, u8 k)
{
	return type == LB_TYPE_I32 && op == SH_SHL && k >= 1 && k <= 3 &&
	       c->as.buf == &c->code;
}

/* lea dst, [src * 2^k + disp] (32 bits: it wraps like i32.shl + add). */
static void lb_lea_scaled(struct lb_asm *a, int dst, int src, u8 k, s32 disp)
{
	u8 *p;

	if (k == 1) {		/* [src + src + disp]: shorter, and as fast */
		lb_lea(a, false, dst, lb_mem_bid(src, src, disp));
		return;
	}
	p = lb_room(a);
	if (dst >= 8 || src >= 8)
		*p++ = (u8)(0x40 | (dst >= 8 ? 4 : 0) | (src >= 8 ? 2 : 0));
	*p++ = 0x8d;
	*p++ = (u8)(((dst & 7) << 3) | 4);
	*p++ = (u8)((k << 6) | ((src & 7) << 3) | 5);	/* no base */
	p = lb_i32(p, (u32)disp);
	lb_done(a, p);
}

/* Is v the result of the last code emitted, an i32.shl by 1-3? */
static bool lb_is_shl(const struct lb_compiler *c, const struct lb_val *v)
{
	return v->loc == LOC_REG && v->reg == c->shl_reg &&
	       c->as.buf == &c->code && lb_pc(&c->as) == c->shl_end &&
	       c->shl_end != c->shl_start;
}

/*
 * i32 (x << k) + imm or + y in a register, k = 1..3, with the shift the
 * last code emitted (see lb_shift): one lea instead, as array indexing
 * wants.
 */
static bool lb_add_scaled(struct lb_compiler *c, u8 type, enum lb_alu op,
			  const struct lb_val *a, const struct lb_val *b)
{
	struct lb_asm *as = &c->as;
	const struct lb_val *y;
	struct lb_mem m;
	int dst;

	if (type != LB_TYPE_I32 || (op != ALU_ADD && op != ALU_SUB))
		return false;
	if (lb_is_shl(c, a) && b->loc == LOC_CONST) {
		lb_rewind(as, c->shl_start);
		c->shl_end = c->shl_start;
		lb_lea_scaled(as, a->reg, c->shl_src, c->shl_k,
			      (s32)(op == ALU_ADD ? (u32)b->imm :
				    0U - (u32)b->imm));
		lb_push_reg(c, type, a->reg);
		return true;
	}
	if (op != ALU_ADD || a->loc != LOC_REG || b->loc != LOC_REG)
		return false;
	if (lb_is_shl(c, b)) {
		y = a;			/* y + (x << k) */
		dst = a->reg;
	} else if (lb_is_shl(c, a)) {
		y = b;			/* (x << k) + y */
		dst = a->reg;
	} else {
		return false;
	}
	lb_rewind(as, c->shl_start);
	c->shl_end = c->shl_start;
	m = lb_mem_bid(y->reg, c->shl_src, 0);
	m.scale = (u8)(1U << c->shl_k);
	lb_lea(as, false, dst, m);
	lb_free_reg(c, false, dst == a->reg ? b->reg : a->reg);
	lb_push_reg(c, type, dst);
	return true;
}

/*
 * `op ra, b` with b folded in when it is the load just emitted (a memory
 * operand) or the copy of a pinned local (its register): returns ra, or
 * -1 when b is neither and nothing was emitted.
 */
static int lb_alu_fold(struct lb_compiler *c, u8 type, enum lb_alu op,
		       struct lb_val *a, struct lb_val *b)
{
	struct lb_mem m;
	int ra, pin;

	if (lb_take_load(c, b, &m)) {
		ra = lb_to_reg(c, a, 0);
		lb_alu_rm(&c->as, lb_is64(type), op, ra, m);
		lb_free_reg(c, false, b->reg);
		return ra;
	}
	pin = lb_pin_take(c, b);
	if (pin < 0)
		return -1;
	ra = lb_to_reg(c, a, 0);
	lb_alu_rr(&c->as, lb_is64(type), op, ra, pin);
	return ra;
}

/*
 * The top two entries a (below) and b, if both have exactly the type
 * (no validation case to handle) and a is in a register, its own or a
 * pinned local's (LOC_PIN): the operators' fast paths work on them in
 * place.
 */
static __always_inline struct lb_val *lb_top2_reg(struct lb_compiler *c,
						   u8 type)
{
	struct lb_val *a;

	if (c->sp < c->frame_height + 2)
		return NULL;
	a = &c->stack[c->sp - 2];
	if (a->type != type || a[1].type != type ||
	    (a->loc != LOC_REG && a->loc != LOC_PIN))
		return NULL;
	return a;
}

/* Is v (a GPR entry) the copy of a pinned local that local.get just made? */
static bool lb_is_pin_copy(const struct lb_compiler *c, const struct lb_val *v)
{
	return c->pin_copy_end != c->pin_copy_start &&
	       c->as.buf == &c->code && lb_pc(&c->as) == c->pin_copy_end &&
	       v->reg == c->pin_copy_reg;
}

/* Take back the copy (lb_is_pin_copy()): its pinned register instead. */
static int lb_undo_pin_copy(struct lb_compiler *c)
{
	lb_rewind(&c->as, c->pin_copy_start);
	c->pin_copy_end = c->pin_copy_start;
	return c->pin_copy_pin;
}

/*
 * op ra, b for b in a register, folding a pinned local's copy or a load
 * just emitted as lb_alu_fold() does; frees b's register.
 */
static void lb_alu_reg_operand(struct lb_compiler *c, bool w, enum lb_alu op,
			       int ra, const struct lb_val *b)
{
	struct lb_mem m;

	if (lb_is_pin_copy(c, b))
		lb_alu_rr(&c->as, w, op, ra, lb_undo_pin_copy(c));
	else if (lb_take_load(c, b, &m))
		lb_alu_rm(&c->as, w, op, ra, m);
	else
		lb_alu_rr(&c->as, w, op, ra, b->reg);
	lb_free_reg(c, false, b->reg);
}

/* Note x + C that cannot wrap: an access may fold C into its operand. */
static inline void lb_note_addc(struct lb_compiler *c, enum lb_alu op,
				u64 lim, const struct lb_val *b, u32 start,
				int ra)
{
	if (op == ALU_ADD && lim < (1ULL << 32) && lb_imm_ok(b) &&
	    c->as.buf == &c->code) {
		c->addc_start = start;
		c->addc_end = lb_pc(&c->as);
		c->addc_imm = (u32)b->imm;
		c->addc_reg = (u8)ra;
	}
}

/*
 * x = x op y (local.get x, y, op, local.set x) with x pinned and a the
 * local's register (LOC_PIN): op goes into that register, the local.set
 * read ahead.  Not for x +- C, which local.set makes a lea that keeps
 * what is known of the register's bound (pin.c, lb_pin_derive).
 */
static __always_inline bool lb_sets_own_local(const struct lb_compiler *c,
					      u8 type, enum lb_alu op,
					      const struct lb_val *a,
					      const struct lb_val *b)
{
	const u8 *p = c->rd.p;

	return a->loc == LOC_PIN && op != ALU_CMP && p + 2 <= c->rd.end &&
	       p[0] == 0x21 && p[1] == a->imm && a->imm < 0x80 &&
	       c->local_types[a->imm] == type &&
	       !((op == ALU_ADD || op == ALU_SUB) && b->loc == LOC_CONST);
}

/* The rest, once lb_sets_own_local() holds: a and b are popped. */
static void lb_binop_into_pin(struct lb_compiler *c, u8 type, enum lb_alu op,
			      const struct lb_val *a, const struct lb_val *b)
{
	u32 idx = (u32)a->imm;
	bool w = lb_is64(type);
	struct lb_mem m;
	bool load = lb_take_load(c, b, &m);	/* x += [mem] */

	c->rd.p += 2;
	if (c->pin_mask)	/* after the load is taken back: emits copies */
		lb_pin_flush(c, a->reg, false);
	if (load) {
		lb_alu_rm(&c->as, w, op, a->reg, m);
		lb_free_reg(c, false, b->reg);
	} else {
		lb_alu_val(c, w, op, a->reg, b);
	}
	lb_local_written(c, idx);
}

/*
 * a op b in place with a a pinned local's register: into a register of
 * its own, by a lea for a +- C.  A b in a register goes the general way
 * (lb_alu_fold: a load just emitted is folded before a's copy).
 */
static bool lb_binop_fast_pin(struct lb_compiler *c, u8 type, enum lb_alu op,
			      struct lb_val *a, u64 lim)
{
	struct lb_val av = *a, b = a[1];
	bool w = lb_is64(type);
	int pin = a->reg, r;
	u32 start;
	s64 d;

	if (b.loc != LOC_PIN && !lb_imm_ok(&b))
		return false;
	if (lb_sets_own_local(c, type, op, a, &b)) {
		lb_cut_stack(c, c->sp - 2);
		lb_binop_into_pin(c, type, op, &av, &b);
		return true;
	}
	if (lb_addsub_disp(type, op, &b, &d)) {
		lb_cut_stack(c, c->sp - 2);
		lb_lea_pinned(c, type, op, &av, &b);
		lb_set_lim(c, lim);
		return true;
	}
	r = lb_alloc_gpr(c, 0);
	lb_mov_rr(&c->as, w, r, pin);
	start = lb_pc(&c->as);
	if (b.loc == LOC_PIN)
		lb_alu_rr(&c->as, w, op, r, b.reg);
	else
		lb_alu_ri(&c->as, w, op, r, (s32)b.imm);
	lb_cut_stack(c, c->sp - 2);
	lb_push_reg(c, type, r);
	lb_set_lim(c, lim);
	lb_note_addc(c, op, lim, &b, start, r);
	return true;
}

/*
 * The most common shapes, with x in a register: x op y (y in a register,
 * the copy local.get just made of a pinned local or a load just emitted:
 * see lb_alu_fold()), x op C (C an immediate) and local +- C (a lea from
 * the pinned register), in place.  They emit what the general path below
 * would, without popping and pushing.
 */
static bool lb_binop_fast(struct lb_compiler *c, u8 type, enum lb_alu op)
{
	bool w = lb_is64(type);
	struct lb_val *a, *b;
	int pin = -1;
	u32 start;
	u64 lim;
	s64 d = 0;

	a = lb_top2_reg(c, type);
	if (!a)
		return false;
	b = a + 1;
	lim = lb_binop_lim(type, op, a, b);
	if (a->loc == LOC_PIN)
		return lb_binop_fast_pin(c, type, op, a, lim);
	start = lb_pc(&c->as);
	if (b->loc == LOC_PIN) {
		lb_alu_rr(&c->as, w, op, a->reg, b->reg);
	} else if (b->loc == LOC_REG) {
		if (type == LB_TYPE_I32 && op == ALU_ADD &&
		    (lb_is_shl(c, a) || lb_is_shl(c, b)))
			return false;	/* y + (x << k): lb_add_scaled() */
		lb_alu_reg_operand(c, w, op, a->reg, b);
	} else if (!lb_imm_ok(b) ||
		   ((op == ALU_ADD || op == ALU_SUB) && lb_is_shl(c, a))) {
		return false;		/* (x << k) + C: lb_add_scaled() */
	} else if (lb_is_pin_copy(c, a) && lb_addsub_disp(type, op, b, &d)) {
		/* as lb_lea_pinned() */
		pin = lb_undo_pin_copy(c);
		start = lb_pc(&c->as);
		lb_lea(&c->as, w, a->reg, lb_mem_bd(pin, (s32)d));
	} else {
		lb_alu_ri(&c->as, w, op, a->reg, (s32)b->imm);
	}
	lb_cut_stack(c, c->sp - 1);
	a->imm = 0;			/* no longer a local's value */
	a->lim = lim < (1ULL << 32) ? (u32)lim : 0;
	if (pin >= 0)			/* not an x + C to fold */
		lb_pin_derive(c, pin, (s32)d, start);
	else if (start != lb_pc(&c->as))
		lb_note_addc(c, op, lim, b, start, a->reg);
	return true;
}

int lb_binop(struct lb_compiler *c, u8 type, enum lb_alu op, bool commutative)
{
	struct lb_val a, b;
	int ret, ra;
	u32 start;
	u64 lim;

	if (lb_binop_fast(c, type, op))
		return 0;
	ret = lb_pop2(c, type, &a, &b, commutative);
	if (ret < 0)
		return ret;
	if (lb_sets_own_local(c, type, op, &a, &b)) {
		lb_binop_into_pin(c, type, op, &a, &b);
		return 0;
	}
	lim = lb_binop_lim(type, op, &a, &b);
	ra = lb_alu_fold(c, type, op, &a, &b);
	if (ra >= 0) {
		lb_push_reg(c, type, ra);
		lb_set_lim(c, lim);
		return 0;
	}
	if (lb_lea_pinned(c, type, op, &a, &b) ||
	    (lb_pc(&c->as) == c->shl_end &&
	     lb_add_scaled(c, type, op, &a, &b))) {
		lb_set_lim(c, lim);
		return 0;
	}
	ra = lb_to_reg(c, &a, 0);
	start = lb_pc(&c->as);
	lb_alu_val(c, lb_is64(type), op, ra, &b);
	lb_push_reg(c, type, ra);
	lb_set_lim(c, lim);
	lb_note_addc(c, op, lim, &b, start, ra);
	return 0;
}

/*
 * a cmp b with a in a register and b an immediate, in a register, a
 * pinned local's copy or a load just emitted, in place (as below).
 */
static bool lb_compare_fast(struct lb_compiler *c, u8 type, enum lb_cc cc)
{
	bool w = lb_is64(type);
	struct lb_val *a = lb_top2_reg(c, type), *b;
	int ra;

	if (!a)
		return false;
	b = a + 1;
	ra = a->reg;
	if (b->loc == LOC_PIN) {
		lb_alu_rr(&c->as, w, ALU_CMP, ra, b->reg);
	} else if (b->loc == LOC_REG) {
		lb_alu_reg_operand(c, w, ALU_CMP, ra, b);
	} else {
		if (!lb_imm_ok(b))
			return false;
		/* a compare only reads: the pinned register will do */
		if (a->loc == LOC_REG && lb_is_pin_copy(c, a))
			ra = lb_undo_pin_copy(c);
		lb_alu_ri(&c->as, w, ALU_CMP, ra, (s32)b->imm);
	}
	lb_free_val(c, a);
	lb_cut_stack(c, c->sp - 1);
	a->type = LB_TYPE_I32;
	a->loc = LOC_FLAGS;
	lb_flags_pushed(c);
	a->reg = 0;
	a->cc = (u8)cc;
	a->lim = 0;
	a->imm = 0;
	return true;
}

static int lb_compare(struct lb_compiler *c, u8 type, enum lb_cc cc)
{
	struct lb_val a, b;
	int ret, ra, pin;

	if (lb_compare_fast(c, type, cc))
		return 0;
	ret = lb_pop2(c, type, &a, &b, true);
	if (ret < 0)
		return ret;
	if (ret)
		cc = lb_cc_swap(cc);
	ra = lb_alu_fold(c, type, ALU_CMP, &a, &b);
	if (ra >= 0) {
		lb_free_reg(c, false, ra);
		lb_push_flags(c, cc);
		return 0;
	}
	/* a compare only reads: a pinned local's register will do */
	pin = b.loc != LOC_REG || a.loc == LOC_PIN ? lb_pin_take(c, &a) : -1;
	ra = pin >= 0 ? pin : lb_to_reg(c, &a, 0);
	lb_alu_val(c, lb_is64(type), ALU_CMP, ra, &b);
	if (pin < 0)
		lb_free_reg(c, false, ra);
	lb_push_flags(c, cc);
	return 0;
}

/* i32/i64.eqz of a register operand, in place (as lb_eqz below). */
static bool lb_eqz_fast(struct lb_compiler *c, u8 type)
{
	struct lb_val *v;
	int ra;

	if (c->sp <= c->frame_height)
		return false;
	v = &c->stack[c->sp - 1];
	if (v->type != type || v->loc != LOC_REG)
		return false;
	/* a test only reads: the pinned register will do */
	ra = lb_is_pin_copy(c, v) ? lb_undo_pin_copy(c) : v->reg;
	lb_test_rr(&c->as, lb_is64(type), ra, ra);
	lb_free_reg(c, false, v->reg);
	v->type = LB_TYPE_I32;
	v->loc = LOC_FLAGS;
	v->reg = 0;
	v->cc = CC_E;
	v->lim = 0;
	v->imm = 0;
	lb_flags_pushed(c);
	return true;
}

static noinline int lb_eqz(struct lb_compiler *c, u8 type)
{
	struct lb_val a;
	int ret, ra, pin;

	if (lb_eqz_fast(c, type))
		return 0;
	ret = lb_pop_pin(c, type, &a);
	if (ret)
		return ret;
	if (a.loc == LOC_FLAGS) {
		lb_push_flags(c, lb_cc_not((enum lb_cc)a.cc));
		return 0;
	}
	pin = lb_pin_take(c, &a);
	ra = pin >= 0 ? pin : lb_to_reg(c, &a, 0);
	lb_test_rr(&c->as, lb_is64(type), ra, ra);
	if (pin < 0)
		lb_free_reg(c, false, ra);
	lb_push_flags(c, CC_E);
	return 0;
}

/*
 * a * b with a in a register of its own and b in a register, a pinned
 * local's or an immediate, in place: what lb_mul() below emits, without
 * popping and pushing.  A pinned local's copy just made goes the general
 * way, which reads the pinned register instead.
 */
static bool lb_mul_fast(struct lb_compiler *c, u8 type)
{
	struct lb_val *a = lb_top2_reg(c, type), *b;
	bool w = lb_is64(type);
	u64 lim = 1ULL << 32;

	if (!a || a->loc != LOC_REG || lb_is_pin_copy(c, a))
		return false;
	b = a + 1;
	if (b->loc == LOC_REG ? lb_is_pin_copy(c, b) :
	    b->loc != LOC_PIN && !lb_imm_ok(b))
		return false;
	if (type == LB_TYPE_I32)
		lim = (lb_val_lim(a) - 1) * (lb_val_lim(b) - 1) + 1;
	if (b->loc == LOC_CONST)
		lb_imul_rri(&c->as, w, a->reg, a->reg, (s32)b->imm);
	else
		lb_imul_rr(&c->as, w, a->reg, b->reg);
	if (b->loc == LOC_REG)
		lb_free_reg(c, false, b->reg);
	lb_cut_stack(c, c->sp - 1);
	a->imm = 0;
	a->lim = lim < (1ULL << 32) ? (u32)lim : 0;
	return true;
}

static noinline int lb_mul(struct lb_compiler *c, u8 type)
{
	struct lb_val a, b;
	bool w = lb_is64(type);
	int ret, ra, pin;
	u64 lim;

	if (lb_mul_fast(c, type))
		return 0;
	ret = lb_pop2(c, type, &a, &b, true);
	if (ret < 0)
		return ret;
	/* no wrap: the product of the largest values stays below */
	lim = (lb_val_lim(&a) - 1) * (lb_val_lim(&b) - 1) + 1;
	if (type != LB_TYPE_I32)
		lim = 1ULL << 32;
	pin = lb_pin_take(c, &b);
	if (pin >= 0) {
		ra = lb_to_reg(c, &a, 0);
		lb_imul_rr(&c->as, w, ra, pin);
		lb_push_reg(c, type, ra);
		lb_set_lim(c, lim);
		return 0;
	}
	pin = lb_imm_ok(&b) ? lb_pin_take(c, &a) : -1;
	if (pin >= 0) {
		ra = lb_alloc_gpr(c, 0);
		lb_imul_rri(&c->as, w, ra, pin, (s32)b.imm);
		lb_push_reg(c, type, ra);
		lb_set_lim(c, lim);
		return 0;
	}
	ra = lb_to_reg(c, &a, 0);
	switch (b.loc) {
	case LOC_REG:
		lb_imul_rr(&c->as, w, ra, b.reg);
		lb_free_reg(c, false, b.reg);
		break;
	case LOC_STACK:
		lb_imul_rm(&c->as, w, ra, lb_slot(c, (u32)b.imm));
		break;
	default:
		if (lb_imm_ok(&b)) {
			lb_imul_rri(&c->as, w, ra, ra, (s32)b.imm);
		} else {
			lb_mov_ri(&c->as, w, LB_SCRATCH, b.imm);
			lb_imul_rr(&c->as, w, ra, LB_SCRATCH);
		}
		break;
	}
	lb_push_reg(c, type, ra);
	lb_set_lim(c, lim);
	return 0;
}

enum lb_divkind { DIV_S, DIV_U, REM_S, REM_U };

/*
 * x86 div faults on a zero divisor and on INT_MIN / -1; Wasm traps on
 * the first, on the second for div_s, and defines rem_s as 0 there.  So
 * both are checked before the instruction; nothing relies on #DE.
 */
static noinline int lb_divrem(struct lb_compiler *c, u8 type, enum lb_divkind kind)
{
	struct lb_asm *a = &c->as;
	struct lb_val va, vb;
	bool w = lb_is64(type);
	u32 l1 = 0, l2 = 0;
	int ret, rb, res;

	ret = lb_pop(c, type, &vb);
	if (!ret)
		ret = lb_pop(c, type, &va);
	if (ret)
		return ret;
	lb_evict(c, RAX, 1U << RDX);
	lb_evict(c, RDX, 1U << RAX);
	rb = lb_to_reg(c, &vb, (1U << RAX) | (1U << RDX));
	if (va.loc == LOC_REG && va.reg != RAX) {
		lb_mov_rr(a, w, RAX, va.reg);
		lb_free_reg(c, false, va.reg);
	} else if (va.loc != LOC_REG) {
		lb_load_val(c, &va, RAX);
	}
	c->gpr_free &= ~((1U << RAX) | (1U << RDX));
	c->owner[RAX] = LB_OWNER_TEMP;
	c->owner[RDX] = LB_OWNER_TEMP;

	lb_test_rr(a, w, rb, rb);
	lb_emit_trap_if(c, CC_E, LB_TRAP_INT_DIV_ZERO);
	switch (kind) {
	case DIV_S:
		lb_alu_ri(a, w, ALU_CMP, rb, -1);
		l1 = lb_jcc8(a, CC_NE);
		if (w) {
			lb_mov_ri(a, true, LB_SCRATCH, 1ULL << 63);
			lb_alu_rr(a, true, ALU_CMP, RAX, LB_SCRATCH);
		} else {
			lb_alu_ri(a, false, ALU_CMP, RAX, (s32)0x80000000);
		}
		lb_emit_trap_if(c, CC_E, LB_TRAP_INT_OVERFLOW);
		lb_bind8(a, l1);
		lb_cdq(a, w);
		lb_grp3(a, w, 7, rb);
		res = RAX;
		break;
	case REM_S:
		lb_alu_ri(a, w, ALU_CMP, rb, -1);
		l1 = lb_jcc8(a, CC_NE);
		lb_mov_ri(a, false, RDX, 0);
		l2 = lb_jmp8(a);
		lb_bind8(a, l1);
		lb_cdq(a, w);
		lb_grp3(a, w, 7, rb);
		lb_bind8(a, l2);
		res = RDX;
		break;
	default:
		lb_mov_ri(a, false, RDX, 0);
		lb_grp3(a, w, 6, rb);
		res = kind == DIV_U ? RAX : RDX;
		break;
	}
	lb_free_reg(c, false, rb);
	lb_free_reg(c, false, res == RAX ? RDX : RAX);
	lb_push_reg(c, type, res);
	return 0;
}

/* The bound of an i32 shifted by k (lb_val.lim: 0 if none). */
static u32 lb_shift_lim(u8 type, enum lb_shift op, u64 max, u8 k)
{
	u64 lim = 1ULL << 32;

	if (type == LB_TYPE_I32 && op == SH_SHR)
		lim = (max >> k) + 1;
	else if (type == LB_TYPE_I32 && op == SH_SHL)
		lim = (max << k) + 1;	/* if no bit is lost */
	return lim < (1ULL << 32) ? (u32)lim : 0;
}

static int lb_shift(struct lb_compiler *c, u8 type, enum lb_shift op)
{
	struct lb_val va, vb, *a = lb_top2_reg(c, type);
	bool w = lb_is64(type);
	int ret, ra;
	u8 k;

	/*
	 * By a constant, in a register of its own: in place (but see
	 * lb_add_scaled).
	 */
	if (a && a->loc == LOC_REG && a[1].loc == LOC_CONST &&
	    !lb_shl_scales(c, type, op, (u8)(a[1].imm & (w ? 63 : 31)))) {
		k = (u8)(a[1].imm & (w ? 63 : 31));
		lb_shift_ri(&c->as, w, op, a->reg, k);
		a->lim = lb_shift_lim(type, op, lb_val_lim(a) - 1, k);
		a->imm = 0;		/* no longer a local's value */
		lb_cut_stack(c, c->sp - 1);
		return 0;
	}
	ret = lb_pop_pin(c, type, &vb);		/* lb_load_val */
	if (!ret)
		ret = lb_pop_pin(c, type, &va);	/* lb_pin_take, lb_to_reg */
	if (ret)
		return ret;
	if (vb.loc == LOC_CONST) {
		u64 max = lb_val_lim(&va) - 1;
		bool scale;
		int pin;
		u32 start;

		k = (u8)(vb.imm & (w ? 63 : 31));
		scale = lb_shl_scales(c, type, op, k);
		pin = scale && (va.loc == LOC_PIN ||
				lb_pc(&c->as) == c->pin_copy_end) ?
		      lb_pin_take(c, &va) : -1;
		if (pin >= 0) {
			/* a pinned local's copy: lea from its register */
			ra = lb_alloc_gpr(c, 0);
			start = lb_pc(&c->as);
			lb_lea_scaled(&c->as, ra, pin, k, 0);
		} else {
			ra = lb_to_reg(c, &va, 0);
			start = lb_pc(&c->as);
			lb_shift_ri(&c->as, w, op, ra, k);
		}
		if (scale) {		/* an add of a constant may follow */
			c->shl_start = start;
			c->shl_end = lb_pc(&c->as);
			c->shl_reg = (u8)ra;
			c->shl_src = (u8)(pin >= 0 ? pin : ra);
			c->shl_k = k;
		}
		lb_push_reg(c, type, ra);
		c->stack[c->sp - 1].lim = lb_shift_lim(type, op, max, k);
		return 0;
	}
	lb_evict(c, RCX, 0);
	if (vb.loc != LOC_REG || vb.reg != RCX) {
		if (va.loc == LOC_REG && va.reg == RCX) {
			ra = lb_alloc_gpr(c, 1U << RCX);
			lb_mov_rr(&c->as, w, ra, RCX);
			va.reg = (u8)ra;
		} else {
			c->gpr_free &= ~(1U << RCX);
			c->owner[RCX] = LB_OWNER_TEMP;
		}
		lb_load_val(c, &vb, RCX);
		if (vb.loc == LOC_REG)
			lb_free_reg(c, false, vb.reg);
	}
	ra = lb_to_reg(c, &va, 1U << RCX);
	lb_shift_rcl(&c->as, w, op, ra);
	lb_free_reg(c, false, RCX);
	lb_push_reg(c, type, ra);
	return 0;
}

/* popcount without POPCNT: the classic SWAR reduction. */
static void lb_popcnt_swar(struct lb_compiler *c, bool w, int ra)
{
	struct lb_asm *a = &c->as;
	int t = lb_alloc_gpr(c, 1U << ra);
	u64 m1 = 0x5555555555555555ULL, m2 = 0x3333333333333333ULL;
	u64 m4 = 0x0f0f0f0f0f0f0f0fULL, h01 = 0x0101010101010101ULL;

	lb_mov_rr(a, w, t, ra);
	lb_shift_ri(a, w, SH_SHR, t, 1);
	lb_mov_ri(a, w, LB_SCRATCH, m1);
	lb_alu_rr(a, w, ALU_AND, t, LB_SCRATCH);
	lb_alu_rr(a, w, ALU_SUB, ra, t);
	lb_mov_ri(a, w, LB_SCRATCH, m2);
	lb_mov_rr(a, w, t, ra);
	lb_shift_ri(a, w, SH_SHR, t, 2);
	lb_alu_rr(a, w, ALU_AND, t, LB_SCRATCH);
	lb_alu_rr(a, w, ALU_AND, ra, LB_SCRATCH);
	lb_alu_rr(a, w, ALU_ADD, ra, t);
	lb_mov_rr(a, w, t, ra);
	lb_shift_ri(a, w, SH_SHR, t, 4);
	lb_alu_rr(a, w, ALU_ADD, ra, t);
	lb_mov_ri(a, w, LB_SCRATCH, m4);
	lb_alu_rr(a, w, ALU_AND, ra, LB_SCRATCH);
	lb_mov_ri(a, w, LB_SCRATCH, h01);
	lb_imul_rr(a, w, ra, LB_SCRATCH);
	lb_shift_ri(a, w, SH_SHR, ra, w ? 56 : 24);
	lb_free_reg(c, false, t);
}

static noinline int lb_bitcount(struct lb_compiler *c, u8 type, int which)
{
	struct lb_asm *a = &c->as;
	struct lb_val v;
	bool w = lb_is64(type);
	int ret = lb_pop(c, type, &v), ra;

	if (ret)
		return ret;
	ra = lb_to_reg(c, &v, 0);
	switch (which) {
	case 0:					/* clz */
		if (c->cpu & LB_CPU_LZCNT) {
			lb_bitscan(a, w, 0xf3, 0x0fbd, ra, ra);
		} else {
			lb_bitscan(a, w, 0, 0x0fbd, ra, ra);	/* bsr */
			lb_mov_ri(a, true, LB_SCRATCH, ~0ULL);
			lb_cmov_rr(a, w, CC_E, ra, LB_SCRATCH);
			lb_grp3(a, w, 3, ra);			/* neg */
			lb_alu_ri(a, w, ALU_ADD, ra, w ? 63 : 31);
		}
		break;
	case 1:					/* ctz */
		if (c->cpu & LB_CPU_BMI1) {
			lb_bitscan(a, w, 0xf3, 0x0fbc, ra, ra);
		} else {
			lb_bitscan(a, w, 0, 0x0fbc, ra, ra);	/* bsf */
			lb_mov_ri(a, false, LB_SCRATCH, w ? 64 : 32);
			lb_cmov_rr(a, w, CC_E, ra, LB_SCRATCH);
		}
		break;
	default:				/* popcnt */
		if (c->cpu & LB_CPU_POPCNT)
			lb_bitscan(a, w, 0xf3, 0x0fb8, ra, ra);
		else
			lb_popcnt_swar(c, w, ra);
		break;
	}
	lb_push_reg(c, type, ra);
	return 0;
}

/*
 * i64.extend_i32_u; i64.const C; i64.add; i32.wrap_i64 on an i32 x is
 * (x + C) mod 2^32: an i32.add of C's low half, in one opcode instead of
 * four, and one lea instead of a 64-bit lea and a 32-bit move.  Go
 * computes most addresses this way (esbuild: a fifth of its opcodes).
 * Only for an i32 on top of a live frame's stack, which makes the four
 * valid, and a constant of at most 9 bytes, which cannot be malformed
 * (only a 10th byte can): otherwise each is compiled, and fails, alone.
 */
static bool lb_fuse_add_wrap(struct lb_compiler *c)
{
	const u8 *p = c->rd.p, *end = c->rd.end, *q;
	struct lb_reader r;
	s64 k;

	if (c->sp <= c->frame_height ||
	    c->stack[c->sp - 1].type != LB_TYPE_I32 ||
	    p >= end || *p != 0x42)			/* i64.const */
		return false;
	for (q = p + 1; q < end && (*q & 0x80); q++)
		if (q - p == 9)
			return false;
	if (end - q < 3 || q[1] != 0x7c || q[2] != 0xa7)  /* add, wrap */
		return false;
	r = c->rd;
	r.p = p + 1;
	lb_read_s64(&r, &k, c->err);		/* q - p <= 9: cannot fail */
	c->rd.p = q + 3;
	lb_push_const(c, LB_TYPE_I32, (u32)k);
	return true;
}

/* wrap, extend and the sign-extension operators. */
static noinline int lb_convert_int(struct lb_compiler *c, u8 op)
{
	u8 from = (op == 0xac || op == 0xad || op == 0xc0 || op == 0xc1) ?
		  LB_TYPE_I32 : LB_TYPE_I64;
	u8 to = (op == 0xa7 || op == 0xc0 || op == 0xc1) ?
		LB_TYPE_I32 : LB_TYPE_I64;
	struct lb_val v;
	int ret, ra, src;

	if (op == 0xad && lb_fuse_add_wrap(c))
		return lb_binop(c, LB_TYPE_I32, ALU_ADD, true);
	ret = lb_pop_pin(c, from, &v);
	if (ret)
		return ret;
	if (op == 0xad && v.loc == LOC_PIN) {
		/* the pinned register holds the i64 as it is (zero-extended) */
		lb_pinned_get(c, to, v.reg, (u32)v.imm);
		return 0;
	}
	if (op == 0xad && v.loc == LOC_CONST) {		/* extend_i32_u */
		lb_push_const(c, to, (u32)v.imm);
		return 0;
	}
	if (op == 0xa7 && v.loc == LOC_CONST) {		/* wrap */
		lb_push_const(c, to, (u32)v.imm);
		return 0;
	}
	/*
	 * wrap of a pinned i64 local's copy just made: the copy becomes a
	 * 32-bit move (no longer the pin's value, so nothing takes it back).
	 */
	if (op == 0xa7 && v.loc == LOC_REG && lb_is_pin_copy(c, &v)) {
		lb_mov_rr(&c->as, false, v.reg, lb_undo_pin_copy(c));
		lb_push_reg(c, to, v.reg);
		return 0;
	}
	/* a pinned local's register is read where it is */
	if (v.loc == LOC_PIN) {
		src = v.reg;
		ra = lb_alloc_gpr(c, 0);
	} else {
		ra = lb_to_reg(c, &v, 0);
		src = ra;
	}
	switch (op) {
	case 0xa7:				/* i32.wrap_i64 */
		lb_mov_rr(&c->as, false, ra, src);
		break;
	case 0xac:				/* i64.extend_i32_s */
	case 0xc4:				/* i64.extend32_s */
		lb_movsxd_rr(&c->as, ra, src);
		break;
	case 0xad:				/* zero-extended already */
		break;
	case 0xc0:
	case 0xc2:
		lb_movx_rr(&c->as, op == 0xc2, 0x0fbe, ra, src);
		break;
	default:				/* 0xc1, 0xc3 */
		lb_movx_rr(&c->as, op == 0xc3, 0x0fbf, ra, src);
		break;
	}
	lb_push_reg(c, to, ra);
	return 0;
}

static const u8 lb_alu_of[] = {
	/* and or xor, from offset 7 of the binary group */
	ALU_AND, ALU_OR, ALU_XOR,
};

int lb_op_int(struct lb_compiler *c, u8 op)
{
	u8 t;
	u8 k;

	if (op == 0x45 || op == 0x50)
		return lb_eqz(c, op == 0x45 ? LB_TYPE_I32 : LB_TYPE_I64);
	if (op >= 0x46 && op <= 0x4f)
		return lb_compare(c, LB_TYPE_I32,
				  (enum lb_cc)lb_cmp_cc[op - 0x46]);
	if (op >= 0x51 && op <= 0x5a)
		return lb_compare(c, LB_TYPE_I64,
				  (enum lb_cc)lb_cmp_cc[op - 0x51]);
	if (op >= 0x67 && op <= 0x78) {
		t = LB_TYPE_I32;
		k = op - 0x67;
	} else if (op >= 0x79 && op <= 0x8a) {
		t = LB_TYPE_I64;
		k = op - 0x79;
	} else {
		return lb_convert_int(c, op);
	}
	switch (k) {
	case 0: case 1: case 2:
		return lb_bitcount(c, t, k);
	case 3:
		return lb_binop(c, t, ALU_ADD, true);
	case 4:
		return lb_binop(c, t, ALU_SUB, false);
	case 5:
		return lb_mul(c, t);
	case 6: case 7: case 8: case 9:
		return lb_divrem(c, t, (enum lb_divkind)(k - 6));
	case 10: case 11: case 12:
		return lb_binop(c, t, (enum lb_alu)lb_alu_of[k - 10], true);
	case 13:
		return lb_shift(c, t, SH_SHL);
	case 14:
		return lb_shift(c, t, SH_SAR);
	case 15:
		return lb_shift(c, t, SH_SHR);
	case 16:
		return lb_shift(c, t, SH_ROL);
	default:
		return lb_shift(c, t, SH_ROR);
	}
}
