/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small x86-64 assembler: just the encodings the compiler emits.
 *
 * Every emitter appends to struct lb_asm, which the compiler points either
 * at the real code buffer or, while it walks unreachable code, at a sink
 * that is thrown away.  Space is reserved once per instruction; running
 * out of memory sets a sticky flag that the compiler checks per function
 * (until then the code goes harmlessly over the buffer's start again).
 */
#ifndef LB_X86_ASM_H
#define LB_X86_ASM_H

#include "../module.h"

enum lb_reg {
	RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI,
	R8, R9, R10, R11, R12, R13, R14, R15,
};

/* XMM registers share the 0-15 numbering; the class is the caller's. */
#define XMM(n)	(n)

/* Condition codes, as in the low nibble of jcc / setcc / cmovcc. */
enum lb_cc {
	CC_O, CC_NO, CC_B, CC_AE, CC_E, CC_NE, CC_BE, CC_A,
	CC_S, CC_NS, CC_P, CC_NP, CC_L, CC_GE, CC_LE, CC_G,
};

static __always_inline enum lb_cc lb_cc_not(enum lb_cc cc)
{
	return (enum lb_cc)(cc ^ 1);
}

/* ALU group-1 operations: the /digit of 0x81 and (op << 3) | 1 forms. */
enum lb_alu { ALU_ADD, ALU_OR, ALU_ADC, ALU_SBB, ALU_AND, ALU_SUB, ALU_XOR,
	      ALU_CMP };

/* Shift group-2 operations: the /digit of 0xd3 and 0xc1. */
enum lb_shift { SH_ROL = 0, SH_ROR = 1, SH_SHL = 4, SH_SHR = 5, SH_SAR = 7 };

/* A memory operand: [base + index * scale + disp]; index < 0: none. */
struct lb_mem {
	s8 base;
	s8 index;
	u8 scale;	/* 1, 2, 4, 8 */
	s32 disp;
};

static __always_inline struct lb_mem lb_mem_bd(int base, s32 disp)
{
	struct lb_mem m = { .base = (s8)base, .index = -1, .scale = 1,
			    .disp = disp };
	return m;
}

static __always_inline struct lb_mem lb_mem_bid(int base, int index, s32 disp)
{
	struct lb_mem m = { .base = (s8)base, .index = (s8)index, .scale = 1,
			    .disp = disp };
	return m;
}

/*
 * The assembler writes through a cursor: p is where the next byte goes,
 * limit the last place with room for a whole instruction.  Only p moves
 * while emitting; the buffer's len is brought up to date when the
 * assembler lets go of it (lb_asm_sync, lb_asm_switch).  (Going through
 * buf->len for every instruction cost the compiler 2% more instructions:
 * a byte store may alias it, so every emitter reloaded it.)
 */
struct lb_asm {
	u8 *p;
	u8 *limit;	/* base + cap - 32 */
	u8 *base;	/* buf->data */
	struct lb_buf *buf;
	struct lb_buf *sink;	/* thrown away: starts over when full */
	bool oom;
};

void lb_asm_grow(struct lb_asm *a);
bool lb_asm_reserve(struct lb_asm *a, u32 n);

static __always_inline u32 lb_pc(const struct lb_asm *a)
{
	return (u32)(a->p - a->base);
}

/* Make room for one instruction (at most 32 bytes). */
static __always_inline u8 *lb_room(struct lb_asm *a)
{
	if (unlikely(a->p > a->limit))
		lb_asm_grow(a);
	return a->p;
}

static __always_inline void lb_done(struct lb_asm *a, u8 *p)
{
	a->p = p;
}

/* Where code offset `at` is, to patch it. */
static __always_inline u8 *lb_at(const struct lb_asm *a, u32 at)
{
	return a->base + at;
}

/* Take back everything emitted from code offset `at` on. */
static __always_inline void lb_rewind(struct lb_asm *a, u32 at)
{
	a->p = a->base + at;
}

/* The buffer's len, brought up to date. */
static __always_inline void lb_asm_sync(struct lb_asm *a)
{
	a->buf->len = (size_t)(a->p - a->base);
}

/* Emit into b from its len on (b->cap >= 32: see lb_asm_grow). */
static __always_inline void lb_asm_attach(struct lb_asm *a, struct lb_buf *b)
{
	a->buf = b;
	a->base = b->data;
	a->p = b->data + b->len;
	a->limit = b->data + b->cap - 32;
}

/* Go on in b, leaving the buffer emitted into so far up to date. */
static __always_inline void lb_asm_switch(struct lb_asm *a, struct lb_buf *b)
{
	if (a->buf == b)
		return;
	lb_asm_sync(a);
	lb_asm_attach(a, b);
}

static __always_inline void lb_put32(u8 *p, u32 v)
{
	p[0] = (u8)v;
	p[1] = (u8)(v >> 8);
	p[2] = (u8)(v >> 16);
	p[3] = (u8)(v >> 24);
}

static __always_inline u32 lb_get32(const u8 *p)
{
	return p[0] | (p[1] << 8) | (p[2] << 16) | ((u32)p[3] << 24);
}

static __always_inline u8 *lb_i32(u8 *p, u32 v)
{
	lb_put32(p, v);
	return p + 4;
}

static __always_inline bool lb_fits8(s64 v)
{
	return v >= -128 && v <= 127;
}

static __always_inline bool lb_fits32(s64 v)
{
	return v >= -2147483648LL && v <= 2147483647LL;
}

/*
 * REX prefix.  w: 64-bit operand; r: ModRM.reg; x: SIB.index; b: ModRM.rm
 * or SIB.base.  byte_regs: an 8-bit operand that names spl/bpl/sil/dil,
 * which need a REX prefix to be told apart from ah/ch/dh/bh.
 */
static __always_inline u8 *lb_rex(u8 *p, bool w, int r, int x, int b, bool force)
{
	u8 rex = 0x40 | (w ? 8 : 0) | ((r & 8) ? 4 : 0) | ((x & 8) ? 2 : 0) |
		 ((b & 8) ? 1 : 0);

	if (rex != 0x40 || force)
		*p++ = rex;
	return p;
}

static __always_inline u8 *lb_modrm_reg(u8 *p, int reg, int rm)
{
	*p++ = (u8)(0xc0 | ((reg & 7) << 3) | (rm & 7));
	return p;
}

static __always_inline u8 *lb_modrm_mem(u8 *p, int reg, struct lb_mem m)
{
	int base = m.base & 7;
	int mod;

	if (m.disp == 0 && base != RBP)
		mod = 0;
	else if (lb_fits8(m.disp))
		mod = 1;
	else
		mod = 2;
	if (m.index >= 0 || base == RSP) {
		int idx = m.index >= 0 ? (m.index & 7) : 4;
		int ss = __builtin_ctz(m.scale);	/* 1, 2, 4, 8 */

		*p++ = (u8)((mod << 6) | ((reg & 7) << 3) | 4);
		*p++ = (u8)((ss << 6) | (idx << 3) | base);
	} else {
		*p++ = (u8)((mod << 6) | ((reg & 7) << 3) | base);
	}
	if (mod == 1)
		*p++ = (u8)m.disp;
	else if (mod == 2)
		p = lb_i32(p, (u32)m.disp);
	return p;
}

/* Prefix + REX + opcode bytes (op: 1-3 bytes, big-endian in an u32). */
static __always_inline u8 *lb_enc_op(u8 *p, u8 prefix, bool w, int r, int x, int b,
			u32 op, bool force)
{
	if (prefix)
		*p++ = prefix;
	p = lb_rex(p, w, r, x, b, force);
	if (op > 0xffff)
		*p++ = (u8)(op >> 16);
	if (op > 0xff)
		*p++ = (u8)(op >> 8);
	*p++ = (u8)op;
	return p;
}

/* op reg, rm(reg) -- "reg" is ModRM.reg, "rm" is ModRM.rm. */
static __always_inline void lb_rr(struct lb_asm *a, u8 prefix, bool w, u32 op, int reg,
			 int rm)
{
	u8 *p = lb_room(a);

	p = lb_enc_op(p, prefix, w, reg, 0, rm, op, false);
	p = lb_modrm_reg(p, reg, rm);
	lb_done(a, p);
}

/* op reg, [mem] */
static __always_inline void lb_rm(struct lb_asm *a, u8 prefix, bool w, u32 op,
				  int reg, struct lb_mem m)
{
	u8 *p = lb_room(a);

	p = lb_enc_op(p, prefix, w, reg, m.index >= 0 ? m.index : 0, m.base, op,
		  false);
	p = lb_modrm_mem(p, reg, m);
	lb_done(a, p);
}

/* --- moves --------------------------------------------------------- */

static __always_inline void lb_mov_rr(struct lb_asm *a, bool w, int dst, int src)
{
	lb_rr(a, 0, w, 0x89, src, dst);
}

static __always_inline void lb_load(struct lb_asm *a, bool w, int dst, struct lb_mem m)
{
	lb_rm(a, 0, w, 0x8b, dst, m);
}

static __always_inline void lb_store(struct lb_asm *a, bool w, struct lb_mem m, int src)
{
	lb_rm(a, 0, w, 0x89, src, m);
}

/*
 * mov reg, [rbp + disp] (op 0x8b) or mov [rbp + disp], reg (0x89): frame
 * slots and locals, the most frequent memory operands, without lb_rm()'s
 * tests of the operand's shape.  The same bytes as lb_load / lb_store.
 * (Its REX is written here too: through lb_enc_op, avif's load took 0.2%
 * more instructions.)
 */
static __always_inline void lb_mov_frame(struct lb_asm *a, bool w, u8 op,
					 int reg, s32 disp)
{
	u8 *p = lb_room(a);

	if (w || reg >= 8)
		*p++ = (u8)(0x40 | (w ? 8 : 0) | (reg >> 3) << 2);
	*p++ = op;
	if (lb_fits8(disp)) {
		*p++ = (u8)(0x45 | (reg & 7) << 3);
		*p++ = (u8)disp;
	} else {
		*p++ = (u8)(0x85 | (reg & 7) << 3);
		p = lb_i32(p, (u32)disp);
	}
	lb_done(a, p);
}

static __always_inline void lb_store8(struct lb_asm *a, struct lb_mem m, int src)
{
	u8 *p = lb_room(a);

	p = lb_enc_op(p, 0, false, src, m.index >= 0 ? m.index : 0, m.base, 0x88,
		  src >= RSP && src <= RDI);
	p = lb_modrm_mem(p, src, m);
	lb_done(a, p);
}

static __always_inline void lb_store16(struct lb_asm *a, struct lb_mem m, int src)
{
	lb_rm(a, 0x66, false, 0x89, src, m);
}

/* movzx / movsx from memory: op 0x0fb6 (u8) 0x0fb7 (u16) 0x0fbe 0x0fbf */
static __always_inline void lb_loadx(struct lb_asm *a, bool w, u32 op, int dst,
			    struct lb_mem m)
{
	lb_rm(a, 0, w, op, dst, m);
}

/* Load an immediate, choosing the shortest encoding. Keeps the flags. */
static __always_inline void lb_mov_ri(struct lb_asm *a, bool w, int dst, u64 imm)
{
	u8 *p = lb_room(a);

	if (!w)
		imm = (u32)imm;
	if (imm <= 0xffffffffULL) {
		p = lb_rex(p, false, 0, 0, dst, false);
		*p++ = (u8)(0xb8 | (dst & 7));
		p = lb_i32(p, (u32)imm);
	} else if (lb_fits32((s64)imm)) {
		p = lb_rex(p, true, 0, 0, dst, false);
		*p++ = 0xc7;
		p = lb_modrm_reg(p, 0, dst);
		p = lb_i32(p, (u32)imm);
	} else {
		p = lb_rex(p, true, 0, 0, dst, false);
		*p++ = (u8)(0xb8 | (dst & 7));
		p = lb_i32(p, (u32)imm);
		p = lb_i32(p, (u32)(imm >> 32));
	}
	lb_done(a, p);
}

/* mov [mem], imm of 2^log2 bytes (imm32 sign-extended for 8 bytes). */
static __always_inline void lb_store_imm(struct lb_asm *a, u8 log2,
					 struct lb_mem m, s32 imm)
{
	u8 *p = lb_room(a);

	p = lb_enc_op(p, log2 == 1 ? 0x66 : 0, log2 == 3, 0,
		      m.index >= 0 ? m.index : 0, m.base, log2 ? 0xc7 : 0xc6,
		      false);
	p = lb_modrm_mem(p, 0, m);
	*p++ = (u8)imm;
	if (log2) {
		*p++ = (u8)(imm >> 8);
		if (log2 > 1) {
			*p++ = (u8)(imm >> 16);
			*p++ = (u8)(imm >> 24);
		}
	}
	lb_done(a, p);
}

static __always_inline void lb_lea(struct lb_asm *a, bool w, int dst, struct lb_mem m)
{
	lb_rm(a, 0, w, 0x8d, dst, m);
}

/* --- integer arithmetic ------------------------------------------- */

static __always_inline void lb_alu_rr(struct lb_asm *a, bool w, enum lb_alu op, int dst,
			     int src)
{
	lb_rr(a, 0, w, (u32)(op << 3) | 1, src, dst);
}

static __always_inline void lb_alu_rm(struct lb_asm *a, bool w, enum lb_alu op, int dst,
			     struct lb_mem m)
{
	lb_rm(a, 0, w, (u32)(op << 3) | 3, dst, m);
}

static __always_inline void lb_alu_ri(struct lb_asm *a, bool w, enum lb_alu op, int dst,
			     s32 imm)
{
	u8 *p = lb_room(a);

	p = lb_rex(p, w, 0, 0, dst, false);
	if (lb_fits8(imm)) {
		*p++ = 0x83;
		p = lb_modrm_reg(p, op, dst);
		*p++ = (u8)imm;
	} else {
		*p++ = 0x81;
		p = lb_modrm_reg(p, op, dst);
		p = lb_i32(p, (u32)imm);
	}
	lb_done(a, p);
}

static __always_inline void lb_alu_mi(struct lb_asm *a, bool w, enum lb_alu op,
			     struct lb_mem m, s32 imm)
{
	u8 *p = lb_room(a);

	p = lb_enc_op(p, 0, w, 0, m.index >= 0 ? m.index : 0, m.base,
		  lb_fits8(imm) ? 0x83 : 0x81, false);
	p = lb_modrm_mem(p, op, m);
	if (lb_fits8(imm))
		*p++ = (u8)imm;
	else
		p = lb_i32(p, (u32)imm);
	lb_done(a, p);
}

static __always_inline void lb_test_rr(struct lb_asm *a, bool w, int x, int y)
{
	lb_rr(a, 0, w, 0x85, y, x);
}

static __always_inline void lb_imul_rr(struct lb_asm *a, bool w, int dst, int src)
{
	lb_rr(a, 0, w, 0x0faf, dst, src);
}

static __always_inline void lb_imul_rm(struct lb_asm *a, bool w, int dst,
			      struct lb_mem m)
{
	lb_rm(a, 0, w, 0x0faf, dst, m);
}

static __always_inline void lb_imul_rri(struct lb_asm *a, bool w, int dst, int src,
			       s32 imm)
{
	u8 *p = lb_room(a);

	p = lb_rex(p, w, dst, 0, src, false);
	*p++ = lb_fits8(imm) ? 0x6b : 0x69;
	p = lb_modrm_reg(p, dst, src);
	if (lb_fits8(imm))
		*p++ = (u8)imm;
	else
		p = lb_i32(p, (u32)imm);
	lb_done(a, p);
}

/* Group 3: /2 not, /3 neg, /6 div, /7 idiv. */
static __always_inline void lb_grp3(struct lb_asm *a, bool w, int digit, int rm)
{
	lb_rr(a, 0, w, 0xf7, digit, rm);
}

static __always_inline void lb_cdq(struct lb_asm *a, bool w)
{
	u8 *p = lb_room(a);

	if (w)
		*p++ = 0x48;
	*p++ = 0x99;
	lb_done(a, p);
}

static __always_inline void lb_shift_rcl(struct lb_asm *a, bool w, enum lb_shift op,
				int dst)
{
	lb_rr(a, 0, w, 0xd3, op, dst);
}

static __always_inline void lb_shift_ri(struct lb_asm *a, bool w, enum lb_shift op,
			       int dst, u8 imm)
{
	u8 *p = lb_room(a);

	p = lb_rex(p, w, 0, 0, dst, false);
	*p++ = 0xc1;
	p = lb_modrm_reg(p, op, dst);
	*p++ = imm;
	lb_done(a, p);
}

/* F3 0F xx: lzcnt (bd), tzcnt (bc), popcnt (b8); 0F bd bsr, 0F bc bsf */
static __always_inline void lb_bitscan(struct lb_asm *a, bool w, u8 prefix, u32 op,
			       int dst, int src)
{
	lb_rr(a, prefix, w, op, dst, src);
}

static __always_inline void lb_setcc(struct lb_asm *a, enum lb_cc cc, int dst)
{
	u8 *p = lb_room(a);

	p = lb_rex(p, false, 0, 0, dst, dst >= RSP && dst <= RDI);
	*p++ = 0x0f;
	*p++ = (u8)(0x90 | cc);
	p = lb_modrm_reg(p, 0, dst);
	lb_done(a, p);
}

/* movzx r32, r8 */
static __always_inline void lb_movzx8_rr(struct lb_asm *a, int dst, int src)
{
	u8 *p = lb_room(a);

	p = lb_rex(p, false, dst, 0, src, src >= RSP && src <= RDI);
	*p++ = 0x0f;
	*p++ = 0xb6;
	p = lb_modrm_reg(p, dst, src);
	lb_done(a, p);
}

/* movsx / movzx reg, reg: op 0x0fbe (s8) 0x0fbf (s16) 0x0fb7 (u16) */
static __always_inline void lb_movx_rr(struct lb_asm *a, bool w, u32 op, int dst,
			      int src)
{
	u8 *p = lb_room(a);

	p = lb_enc_op(p, 0, w, dst, 0, src, op, op == 0x0fbe && src >= RSP &&
		  src <= RDI);
	p = lb_modrm_reg(p, dst, src);
	lb_done(a, p);
}

/* movsxd r64, r32 */
static __always_inline void lb_movsxd_rr(struct lb_asm *a, int dst, int src)
{
	lb_rr(a, 0, true, 0x63, dst, src);
}

static __always_inline void lb_cmov_rr(struct lb_asm *a, bool w, enum lb_cc cc, int dst,
			      int src)
{
	lb_rr(a, 0, w, 0x0f40 | cc, dst, src);
}

static __always_inline void lb_cmov_rm(struct lb_asm *a, bool w, enum lb_cc cc, int dst,
			      struct lb_mem m)
{
	lb_rm(a, 0, w, 0x0f40 | cc, dst, m);
}

/* --- stack, calls and branches ------------------------------------ */

static __always_inline void lb_push_r(struct lb_asm *a, int r)
{
	u8 *p = lb_room(a);

	p = lb_rex(p, false, 0, 0, r, false);
	*p++ = (u8)(0x50 | (r & 7));
	lb_done(a, p);
}

static __always_inline void lb_pop_r(struct lb_asm *a, int r)
{
	u8 *p = lb_room(a);

	p = lb_rex(p, false, 0, 0, r, false);
	*p++ = (u8)(0x58 | (r & 7));
	lb_done(a, p);
}

static __always_inline void lb_push_m(struct lb_asm *a, struct lb_mem m)
{
	lb_rm(a, 0, false, 0xff, 6, m);
}

static __always_inline void lb_push_i(struct lb_asm *a, s32 imm)
{
	u8 *p = lb_room(a);

	if (lb_fits8(imm)) {
		*p++ = 0x6a;
		*p++ = (u8)imm;
	} else {
		*p++ = 0x68;
		p = lb_i32(p, (u32)imm);
	}
	lb_done(a, p);
}

static __always_inline void lb_byte(struct lb_asm *a, u8 v)
{
	u8 *p = lb_room(a);

	*p++ = v;
	lb_done(a, p);
}

static __always_inline void lb_endbr64(struct lb_asm *a)
{
	u8 *p = lb_room(a);

	*p++ = 0xf3;
	*p++ = 0x0f;
	*p++ = 0x1e;
	*p++ = 0xfa;
	lb_done(a, p);
}

/* Patch the rel32 whose 4 bytes end at code offset `end` to reach `to`. */
static __always_inline void lb_patch_rel32(struct lb_asm *a, u32 end, u32 to)
{
	lb_put32(lb_at(a, end - 4), to - end);
}

/* jmp/jcc/call rel32 to a known code offset; returns the end offset. */
static __always_inline u32 lb_jmp(struct lb_asm *a, u32 to)
{
	u8 *p = lb_room(a);
	u32 end = lb_pc(a) + 5;

	*p++ = 0xe9;
	p = lb_i32(p, to - end);
	lb_done(a, p);
	return end;
}

static __always_inline u32 lb_jcc(struct lb_asm *a, enum lb_cc cc, u32 to)
{
	u8 *p = lb_room(a);
	u32 end = lb_pc(a) + 6;

	*p++ = 0x0f;
	*p++ = (u8)(0x80 | cc);
	p = lb_i32(p, to - end);
	lb_done(a, p);
	return end;
}

/*
 * jcc (jmp when cc < 0) back to a known code offset, two bytes when it
 * is within reach of a rel8 (a loop's back edge, the compiler's own copy
 * loops).  Never patched, so nothing needs its length.
 */
static __always_inline void lb_jump_back(struct lb_asm *a, int cc, u32 to)
{
	u8 *p = lb_room(a);
	s32 d = (s32)(to - (lb_pc(a) + 2));

	if (d < -128 || d > 127) {
		if (cc < 0)
			lb_jmp(a, to);
		else
			lb_jcc(a, (enum lb_cc)cc, to);
		return;
	}
	*p++ = cc < 0 ? 0xeb : (u8)(0x70 | cc);
	*p++ = (u8)d;
	lb_done(a, p);
}

static __always_inline u32 lb_call(struct lb_asm *a, u32 to)
{
	u8 *p = lb_room(a);
	u32 end = lb_pc(a) + 5;

	*p++ = 0xe8;
	p = lb_i32(p, to - end);
	lb_done(a, p);
	return end;
}

/* jcc rel8 forward over a short sequence; returns the offset to patch. */
static __always_inline u32 lb_jcc8(struct lb_asm *a, enum lb_cc cc)
{
	u8 *p = lb_room(a);

	*p++ = (u8)(0x70 | cc);
	*p++ = 0;
	lb_done(a, p);
	return lb_pc(a);
}

static __always_inline u32 lb_jmp8(struct lb_asm *a)
{
	u8 *p = lb_room(a);

	*p++ = 0xeb;
	*p++ = 0;
	lb_done(a, p);
	return lb_pc(a);
}

/* Bind a rel8 jump (end offset `end`) to the current position. */
static __always_inline void lb_bind8(struct lb_asm *a, u32 end)
{
	*lb_at(a, end - 1) = (u8)(lb_pc(a) - end);
}

/* call *reg */
static __always_inline void lb_call_r(struct lb_asm *a, int r)
{
	lb_rr(a, 0, false, 0xff, 2, r);
}

/* --- SSE ------------------------------------------------------------ */

/* prefix 0F op xmm, xmm/r (w adds REX.W: movq, cvt*2si*, cvtsi2*) */
static __always_inline void lb_sse_rr(struct lb_asm *a, u8 prefix, bool w, u32 op,
			     int dst, int src)
{
	lb_rr(a, prefix, w, op, dst, src);
}

static __always_inline void lb_sse_rm(struct lb_asm *a, u8 prefix, bool w, u32 op,
			     int dst, struct lb_mem m)
{
	lb_rm(a, prefix, w, op, dst, m);
}

/* roundss/roundsd xmm, xmm, imm8: 66 0F 3A 0A/0B */
static __always_inline void lb_round(struct lb_asm *a, bool dbl, int dst, int src,
			    u8 mode)
{
	u8 *p = lb_room(a);

	*p++ = 0x66;
	p = lb_rex(p, false, dst, 0, src, false);
	*p++ = 0x0f;
	*p++ = 0x3a;
	*p++ = dbl ? 0x0b : 0x0a;
	p = lb_modrm_reg(p, dst, src);
	*p++ = mode;
	lb_done(a, p);
}

#endif /* LB_X86_ASM_H */
