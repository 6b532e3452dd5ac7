// SPDX-License-Identifier: GPL-2.0
/*
 * Floating-point operators and conversions, in SSE2 (SSE4.1 round* when
 * the CPU has it, an integer-only helper when not).  The C side of the
 * kernel is built without SSE, so nothing here leaves the generated code
 * except those helpers, which work on bit patterns.
 *
 * Wasm wants IEEE 754 with its own NaN and signed-zero rules for min and
 * max, and traps for float-to-int truncations out of range, which x86
 * reports only as the "integer indefinite" value: both need explicit
 * sequences.
 */
#include "compiler.h"

static void lb_xconst(struct lb_compiler *c, int xmm, u64 bits)
{
	lb_mov_ri(&c->as, true, LB_SCRATCH, bits);
	lb_sse_rr(&c->as, 0x66, true, 0x0f6e, xmm, LB_SCRATCH);
}

static u8 lb_ps(bool dbl)
{
	return dbl ? 0xf2 : 0xf3;
}

/* ucomiss / ucomisd */
static void lb_ucomi(struct lb_compiler *c, bool dbl, int x, int y)
{
	lb_sse_rr(&c->as, dbl ? 0x66 : 0, false, 0x0f2e, x, y);
}

static u64 lb_sign_mask(bool dbl)
{
	return dbl ? 1ULL << 63 : 1ULL << 31;
}

/* addsd subsd mulsd divsd (ss with the F3 prefix) */
static const u8 lb_arith[] = { 0x58, 0x5c, 0x59, 0x5e };

static int lb_fbinop(struct lb_compiler *c, u8 t, u8 k)
{
	struct lb_asm *a = &c->as;
	bool dbl = t == LB_TYPE_F64;
	struct lb_val va, vb;
	struct lb_mem m;
	u32 j_nan, j_ne, j_done1, j_done2;
	int ret, xa, xb, pin;

	ret = lb_pop(c, t, &vb);
	if (!ret)
		ret = lb_pop(c, t, &va);
	if (ret)
		return ret;
	/* b is only read: a pinned local's register or a slot will do */
	pin = k <= 5 ? lb_pin_take(c, &vb) : -1;	/* copysign writes b */
	/* ... or the memory a load just read it from */
	if (pin < 0 && k <= 3 && lb_take_load(c, &vb, &m)) {
		xa = lb_to_reg(c, &va, 0);
		lb_sse_rm(a, lb_ps(dbl), false, 0x0f00 | lb_arith[k], xa, m);
		lb_free_reg(c, true, vb.reg);
		lb_push_reg(c, t, xa);
		return 0;
	}
	xa = lb_to_reg(c, &va, 0);
	if (k <= 3 && pin < 0 && vb.loc == LOC_STACK) {
		lb_sse_rm(a, lb_ps(dbl), false, 0x0f00 | lb_arith[k], xa,
			  lb_slot(c, (u32)vb.imm));
		lb_push_reg(c, t, xa);
		return 0;
	}
	xb = pin >= 0 ? pin : lb_to_reg(c, &vb, 0);
	switch (k) {
	case 0: case 1: case 2: case 3:		/* add sub mul div */
		lb_sse_rr(a, lb_ps(dbl), false, 0x0f00 | lb_arith[k], xa, xb);
		break;
	case 4: case 5:				/* min max */
		lb_ucomi(c, dbl, xa, xb);
		j_nan = lb_jcc8(a, CC_P);
		j_ne = lb_jcc8(a, CC_NE);
		/* equal: +0 / -0 decide by the sign bits */
		lb_sse_rr(a, dbl ? 0x66 : 0, false, k == 4 ? 0x0f56 : 0x0f54,
			  xa, xb);
		j_done1 = lb_jmp8(a);
		lb_bind8(a, j_nan);
		lb_sse_rr(a, lb_ps(dbl), false, 0x0f58, xa, xb);  /* quiet NaN */
		j_done2 = lb_jmp8(a);
		lb_bind8(a, j_ne);
		lb_sse_rr(a, lb_ps(dbl), false, k == 4 ? 0x0f5d : 0x0f5f,
			  xa, xb);
		lb_bind8(a, j_done1);
		lb_bind8(a, j_done2);
		break;
	default:				/* copysign */
		lb_xconst(c, LB_XSCRATCH, lb_sign_mask(dbl));
		lb_sse_rr(a, 0, false, 0x0f54, xb, LB_XSCRATCH);   /* andps */
		lb_sse_rr(a, 0, false, 0x0f55, LB_XSCRATCH, xa);   /* andnps */
		lb_sse_rr(a, 0, false, 0x0f56, LB_XSCRATCH, xb);   /* orps */
		lb_sse_rr(a, 0, false, 0x0f28, xa, LB_XSCRATCH);
		break;
	}
	if (pin < 0)
		lb_free_reg(c, true, xb);
	lb_push_reg(c, t, xa);
	return 0;
}

static int lb_funop(struct lb_compiler *c, u8 t, u8 k)
{
	struct lb_asm *a = &c->as;
	bool dbl = t == LB_TYPE_F64;
	struct lb_val v;
	int ret = lb_pop(c, t, &v), x;

	if (ret)
		return ret;
	if (k >= 2 && k <= 5 && !(c->cpu & LB_CPU_SSE41)) {
		/* ceil floor trunc nearest on bit patterns, in C */
		lb_spill_all(c);
		lb_pin_save(c);
		x = lb_to_reg(c, &v, 0);
		lb_sse_rr(a, 0x66, true, 0x0f7e, x, RDI);	/* movq rdi */
		lb_free_reg(c, true, x);
		lb_mov_ri(a, false, RSI, (u32)((k - 2) | (dbl ? 4 : 0)));
		lb_emit_call_helper(c, HELPER_FROUND);
		lb_pin_restore(c);
		x = lb_alloc_xmm(c);
		lb_sse_rr(a, 0x66, true, 0x0f6e, x, RAX);
		lb_push_reg(c, t, x);
		return 0;
	}
	x = lb_to_reg(c, &v, 0);
	switch (k) {
	case 0:					/* abs */
		lb_xconst(c, LB_XSCRATCH, ~lb_sign_mask(dbl) &
			  (dbl ? ~0ULL : 0xffffffffULL));
		lb_sse_rr(a, 0, false, 0x0f54, x, LB_XSCRATCH);
		break;
	case 1:					/* neg */
		lb_xconst(c, LB_XSCRATCH, lb_sign_mask(dbl));
		lb_sse_rr(a, 0, false, 0x0f57, x, LB_XSCRATCH);
		break;
	case 2: case 3: case 4: case 5: {	/* ceil floor trunc nearest */
		static const u8 mode[] = { 0x0a, 0x09, 0x0b, 0x08 };

		lb_round(a, dbl, x, x, mode[k - 2]);
		break;
	}
	default:				/* sqrt */
		lb_sse_rr(a, lb_ps(dbl), false, 0x0f51, x, x);
		break;
	}
	lb_push_reg(c, t, x);
	return 0;
}

/* eq and ne need two flags (ZF and PF); the others fit one condition. */
static int lb_fcompare(struct lb_compiler *c, u8 t, u8 k)
{
	struct lb_asm *a = &c->as;
	bool dbl = t == LB_TYPE_F64;
	struct lb_val va, vb;
	int ret, xa, xb, r, pa, pb;

	ret = lb_pop(c, t, &vb);
	if (!ret)
		ret = lb_pop(c, t, &va);
	if (ret)
		return ret;
	/* ucomis* only reads: a pinned local's register will do */
	pb = lb_pin_take(c, &vb);
	pa = vb.loc != LOC_REG ? lb_pin_take(c, &va) : -1;
	xa = pa >= 0 ? pa : lb_to_reg(c, &va, 0);
	xb = pb >= 0 ? pb : lb_to_reg(c, &vb, 0);
	if (pa >= 0)
		va.loc = LOC_CONST;		/* nothing to free */
	if (pb >= 0)
		vb.loc = LOC_CONST;
	switch (k) {
	case 0: case 1:				/* eq ne */
		r = lb_alloc_gpr(c, 0);
		lb_ucomi(c, dbl, xa, xb);
		lb_setcc(a, k ? CC_P : CC_NP, LB_SCRATCH);
		lb_setcc(a, k ? CC_NE : CC_E, r);
		lb_movzx8_rr(a, r, r);
		lb_movzx8_rr(a, LB_SCRATCH, LB_SCRATCH);
		lb_alu_rr(a, false, k ? ALU_OR : ALU_AND, r, LB_SCRATCH);
		lb_free_val(c, &va);
		lb_free_val(c, &vb);
		lb_push_reg(c, LB_TYPE_I32, r);
		return 0;
	case 2:					/* lt: b > a */
		lb_ucomi(c, dbl, xb, xa);
		lb_push_flags(c, CC_A);
		break;
	case 3:					/* gt */
		lb_ucomi(c, dbl, xa, xb);
		lb_push_flags(c, CC_A);
		break;
	case 4:					/* le: b >= a */
		lb_ucomi(c, dbl, xb, xa);
		lb_push_flags(c, CC_AE);
		break;
	default:				/* ge */
		lb_ucomi(c, dbl, xa, xb);
		lb_push_flags(c, CC_AE);
		break;
	}
	lb_free_val(c, &va);
	lb_free_val(c, &vb);
	return 0;
}

int lb_op_float(struct lb_compiler *c, u8 op)
{
	if (op >= 0x5b && op <= 0x60)
		return lb_fcompare(c, LB_TYPE_F32, op - 0x5b);
	if (op >= 0x61 && op <= 0x66)
		return lb_fcompare(c, LB_TYPE_F64, op - 0x61);
	if (op >= 0x8b && op <= 0x91)
		return lb_funop(c, LB_TYPE_F32, op - 0x8b);
	if (op >= 0x92 && op <= 0x98)
		return lb_fbinop(c, LB_TYPE_F32, op - 0x92);
	if (op >= 0x99 && op <= 0x9f)
		return lb_funop(c, LB_TYPE_F64, op - 0x99);
	return lb_fbinop(c, LB_TYPE_F64, op - 0xa0);
}

/* --- conversions --------------------------------------------------- */

/* IEEE bit patterns of the bounds used below. */
#define F32_BITS_M2P31	0xcf000000ULL		/* -2^31 */
#define F32_BITS_2P31	0x4f000000ULL
#define F32_BITS_2P32	0x4f800000ULL
#define F32_BITS_M2P63	0xdf000000ULL
#define F32_BITS_2P63	0x5f000000ULL
#define F32_BITS_2P64	0x5f800000ULL
#define F32_BITS_M1	0xbf800000ULL
#define F64_BITS_M2P31M1 0xc1e0000000200000ULL	/* -2^31 - 1 */
#define F64_BITS_2P31	0x41e0000000000000ULL
#define F64_BITS_2P32	0x41f0000000000000ULL
#define F64_BITS_M2P63	0xc3e0000000000000ULL
#define F64_BITS_2P63	0x43e0000000000000ULL
#define F64_BITS_2P64	0x43f0000000000000ULL
#define F64_BITS_M1	0xbff0000000000000ULL

struct lb_trunc_bounds {
	u64 lo;		/* exclusive when lo_strict, else inclusive */
	u64 hi;		/* exclusive */
	bool lo_strict;
};

static void lb_trunc_bounds(bool dbl, bool to64, bool sgn,
			    struct lb_trunc_bounds *b)
{
	if (sgn && !to64) {
		b->lo = dbl ? F64_BITS_M2P31M1 : F32_BITS_M2P31;
		b->lo_strict = dbl;
		b->hi = dbl ? F64_BITS_2P31 : F32_BITS_2P31;
	} else if (sgn) {
		b->lo = dbl ? F64_BITS_M2P63 : F32_BITS_M2P63;
		b->lo_strict = false;
		b->hi = dbl ? F64_BITS_2P63 : F32_BITS_2P63;
	} else {
		b->lo = dbl ? F64_BITS_M1 : F32_BITS_M1;
		b->lo_strict = true;
		b->hi = to64 ? (dbl ? F64_BITS_2P64 : F32_BITS_2P64) :
			       (dbl ? F64_BITS_2P32 : F32_BITS_2P32);
	}
}

/* cvtt{ss,sd}2si r, x (64-bit when w) */
static void lb_cvtt(struct lb_compiler *c, bool dbl, bool w, int r, int x)
{
	lb_sse_rr(&c->as, lb_ps(dbl), w, 0x0f2c, r, x);
}

/* In range: convert; u64 above 2^63 goes through x - 2^63. */
static void lb_trunc_in_range(struct lb_compiler *c, bool dbl, bool to64,
			      bool sgn, int r, int x)
{
	struct lb_asm *a = &c->as;
	u32 j_big, j_done;

	if (!to64 || sgn) {
		lb_cvtt(c, dbl, to64 || !sgn, r, x);
		if (!to64)
			lb_mov_rr(a, false, r, r);
		return;
	}
	lb_xconst(c, LB_XSCRATCH, dbl ? F64_BITS_2P63 : F32_BITS_2P63);
	lb_ucomi(c, dbl, x, LB_XSCRATCH);
	j_big = lb_jcc8(a, CC_AE);
	lb_cvtt(c, dbl, true, r, x);
	j_done = lb_jmp8(a);
	lb_bind8(a, j_big);
	lb_sse_rr(a, lb_ps(dbl), false, 0x0f5c, x, LB_XSCRATCH);	/* sub */
	lb_cvtt(c, dbl, true, r, x);
	lb_mov_ri(a, true, LB_SCRATCH, 1ULL << 63);
	lb_alu_rr(a, true, ALU_XOR, r, LB_SCRATCH);
	lb_bind8(a, j_done);
}

static int lb_trunc(struct lb_compiler *c, bool dbl, bool to64, bool sgn,
		    bool sat)
{
	struct lb_asm *a = &c->as;
	u8 from = dbl ? LB_TYPE_F64 : LB_TYPE_F32;
	u8 to = to64 ? LB_TYPE_I64 : LB_TYPE_I32;
	struct lb_trunc_bounds b;
	struct lb_val v;
	u32 j_nan, j_lo, j_hi, j_d1, j_d2, j_d3;
	int ret = lb_pop(c, from, &v), x, r;

	if (ret)
		return ret;
	x = lb_to_reg(c, &v, 0);
	r = lb_alloc_gpr(c, 0);
	lb_trunc_bounds(dbl, to64, sgn, &b);
	if (!sat) {
		lb_ucomi(c, dbl, x, x);
		lb_emit_trap_if(c, CC_P, LB_TRAP_INVALID_CONVERSION);
		lb_xconst(c, LB_XSCRATCH, b.lo);
		lb_ucomi(c, dbl, x, LB_XSCRATCH);
		lb_emit_trap_if(c, b.lo_strict ? CC_BE : CC_B,
				LB_TRAP_INT_OVERFLOW);
		lb_xconst(c, LB_XSCRATCH, b.hi);
		lb_ucomi(c, dbl, x, LB_XSCRATCH);
		lb_emit_trap_if(c, CC_AE, LB_TRAP_INT_OVERFLOW);
		lb_trunc_in_range(c, dbl, to64, sgn, r, x);
	} else {
		u64 min = sgn ? (to64 ? 1ULL << 63 : 0x80000000ULL) : 0;
		u64 max = sgn ? (to64 ? ~0ULL >> 1 : 0x7fffffffULL) :
				(to64 ? ~0ULL : 0xffffffffULL);

		lb_ucomi(c, dbl, x, x);
		j_nan = lb_jcc(a, CC_P, 0);
		lb_xconst(c, LB_XSCRATCH, b.lo);
		lb_ucomi(c, dbl, x, LB_XSCRATCH);
		j_lo = lb_jcc(a, b.lo_strict ? CC_BE : CC_B, 0);
		lb_xconst(c, LB_XSCRATCH, b.hi);
		lb_ucomi(c, dbl, x, LB_XSCRATCH);
		j_hi = lb_jcc(a, CC_AE, 0);
		lb_trunc_in_range(c, dbl, to64, sgn, r, x);
		j_d1 = lb_jmp(a, 0);
		lb_patch_rel32(a, j_nan, lb_pc(a));
		lb_mov_ri(a, false, r, 0);
		j_d2 = lb_jmp(a, 0);
		lb_patch_rel32(a, j_lo, lb_pc(a));
		lb_mov_ri(a, true, r, min);
		j_d3 = lb_jmp(a, 0);
		lb_patch_rel32(a, j_hi, lb_pc(a));
		lb_mov_ri(a, true, r, max);
		lb_patch_rel32(a, j_d1, lb_pc(a));
		lb_patch_rel32(a, j_d2, lb_pc(a));
		lb_patch_rel32(a, j_d3, lb_pc(a));
	}
	lb_free_reg(c, true, x);
	lb_push_reg(c, to, r);
	return 0;
}

static int lb_convert_to_float(struct lb_compiler *c, bool dbl, bool from64,
			       bool sgn)
{
	struct lb_asm *a = &c->as;
	struct lb_val v;
	u32 j_big, j_done;
	int ret = lb_pop(c, from64 ? LB_TYPE_I64 : LB_TYPE_I32, &v), r, x;

	if (ret)
		return ret;
	r = lb_to_reg(c, &v, 0);
	x = lb_alloc_xmm(c);
	lb_sse_rr(a, 0, false, 0x0f57, x, x);		/* break the dep */
	if (!from64 || sgn) {
		/* u32 is zero-extended: a 64-bit signed convert is exact */
		lb_sse_rr(a, lb_ps(dbl), from64 || !sgn, 0x0f2a, x, r);
	} else {
		lb_test_rr(a, true, r, r);
		j_big = lb_jcc8(a, CC_S);
		lb_sse_rr(a, lb_ps(dbl), true, 0x0f2a, x, r);
		j_done = lb_jmp8(a);
		lb_bind8(a, j_big);
		/* halve, keeping the low bit for correct rounding */
		lb_mov_rr(a, true, LB_SCRATCH, r);
		lb_shift_ri(a, true, SH_SHR, LB_SCRATCH, 1);
		lb_alu_ri(a, true, ALU_AND, r, 1);
		lb_alu_rr(a, true, ALU_OR, LB_SCRATCH, r);
		lb_sse_rr(a, lb_ps(dbl), true, 0x0f2a, x, LB_SCRATCH);
		lb_sse_rr(a, lb_ps(dbl), false, 0x0f58, x, x);
		lb_bind8(a, j_done);
	}
	lb_free_reg(c, false, r);
	lb_push_reg(c, dbl ? LB_TYPE_F64 : LB_TYPE_F32, x);
	return 0;
}

static int lb_reinterpret(struct lb_compiler *c, u8 from, u8 to)
{
	struct lb_val v;
	int ret = lb_pop(c, from, &v), r, x;
	bool w = lb_is64(from);

	if (ret)
		return ret;
	if (v.loc == LOC_CONST) {
		lb_push_const(c, to, v.imm);
		return 0;
	}
	if (lb_is_float(from)) {
		x = lb_to_reg(c, &v, 0);
		r = lb_alloc_gpr(c, 0);
		lb_sse_rr(&c->as, 0x66, w, 0x0f7e, x, r);
		lb_free_reg(c, true, x);
		lb_push_reg(c, to, r);
	} else {
		r = lb_to_reg(c, &v, 0);
		x = lb_alloc_xmm(c);
		lb_sse_rr(&c->as, 0x66, w, 0x0f6e, x, r);
		lb_free_reg(c, false, r);
		lb_push_reg(c, to, x);
	}
	return 0;
}

static int lb_demote_promote(struct lb_compiler *c, bool demote)
{
	struct lb_val v;
	int ret = lb_pop(c, demote ? LB_TYPE_F64 : LB_TYPE_F32, &v), x;

	if (ret)
		return ret;
	x = lb_to_reg(c, &v, 0);
	lb_sse_rr(&c->as, demote ? 0xf2 : 0xf3, false, 0x0f5a, x, x);
	lb_push_reg(c, demote ? LB_TYPE_F32 : LB_TYPE_F64, x);
	return 0;
}

int lb_op_convert(struct lb_compiler *c, u8 op)
{
	switch (op) {
	case 0xa8: return lb_trunc(c, false, false, true, false);
	case 0xa9: return lb_trunc(c, false, false, false, false);
	case 0xaa: return lb_trunc(c, true, false, true, false);
	case 0xab: return lb_trunc(c, true, false, false, false);
	case 0xae: return lb_trunc(c, false, true, true, false);
	case 0xaf: return lb_trunc(c, false, true, false, false);
	case 0xb0: return lb_trunc(c, true, true, true, false);
	case 0xb1: return lb_trunc(c, true, true, false, false);
	case 0xb2: return lb_convert_to_float(c, false, false, true);
	case 0xb3: return lb_convert_to_float(c, false, false, false);
	case 0xb4: return lb_convert_to_float(c, false, true, true);
	case 0xb5: return lb_convert_to_float(c, false, true, false);
	case 0xb6: return lb_demote_promote(c, true);
	case 0xb7: return lb_convert_to_float(c, true, false, true);
	case 0xb8: return lb_convert_to_float(c, true, false, false);
	case 0xb9: return lb_convert_to_float(c, true, true, true);
	case 0xba: return lb_convert_to_float(c, true, true, false);
	case 0xbb: return lb_demote_promote(c, false);
	case 0xbc: return lb_reinterpret(c, LB_TYPE_F32, LB_TYPE_I32);
	case 0xbd: return lb_reinterpret(c, LB_TYPE_F64, LB_TYPE_I64);
	case 0xbe: return lb_reinterpret(c, LB_TYPE_I32, LB_TYPE_F32);
	default:   return lb_reinterpret(c, LB_TYPE_I64, LB_TYPE_F64);
	}
}

/* 0xfc prefix: the saturating truncations here, bulk ops in ops_bulk.c. */
int lb_op_misc_prefix(struct lb_compiler *c, u32 op)
{
	if (op <= 7)
		return lb_trunc(c, op & 2, op >= 4, !(op & 1), true);
	if (op <= 17)
		return lb_op_bulk(c, op);
	return lb_fail(c, EINVAL, "illegal opcode 0xfc %u", op);
}
