// SPDX-License-Identifier: GPL-2.0
/*
 * Linear memory access.  Every load and store is bounds-checked
 * explicitly (no guard pages: in the kernel a fault is an oops):
 *
 *	lea	ea, [addr + offset - (8 - n)]	; 64-bit, cannot wrap
 *	cmp	ea, rsi				; rsi = mem_size - 8
 *	jg	trap_oob			; exact for n bytes
 *	cmovg	ea, rsi				; Spectre v1: a mispredicted
 *	mov	dst, [membase + ea + 8 - n]	;   jg reads the last n bytes
 *
 * The bound lives in a register (see pin.c): one bound for every size,
 * exact for 8-byte accesses, and for a narrower one whose address is
 * moved by the lea that adds its offset.  With no lea to fold it in (at
 * offset 0: a computed address, or one checked in place in a pinned
 * local's or an entry's register) a narrow access that fails the bound
 * may still fit in the last bytes: its out-of-line slow path, emitted
 * after the function, compares with the exact bound of its size in
 * vmctx and jumps back with the flags of that compare, so the cmovg
 * clamps exactly when that one fails (also when its jg to the trap is
 * mispredicted).  An extra lea there would lengthen the address's
 * dependency chain, a loop's counter's too, and comparing with
 * mem_size - n made in a scratch register costs every access an
 * instruction (base64 and copy 7-9% slower): the slow path costs only
 * code.  The compares are signed: an empty memory (bound -8) traps every
 * access, and its base is published 8 bytes into the allocation so that
 * the clamped -8 still reads inside it (lb_vmctx_set_memory).
 *
 * The clamp's value comes from a register, not from vmctx: a cmov with a
 * memory source measured up to 20% slower on array loops (matmul); the
 * bound itself needs no zeroed scratch register (measured 5-15% on
 * heapsort and nbody).
 *
 * The cmov is what the checks cost (without it matmul and base64 ran as
 * fast as with no checks at all).  A pinned local is checked and clamped
 * in place (lb_addr_pinned), so that until it is written or control
 * flow merges, an access through it of at most that extent needs no
 * check, and one through it plus a small constant (the next array
 * element: lb_pin_derive) is checked without a clamp: on every path,
 * speculative ones included, its address is at most a few bytes past
 * the memory's end, inside the LB_MEM_SLACK readable bytes that follow
 * every linear memory's allocation.
 */
#include "compiler.h"

struct lb_memop {
	u8 type;	/* value type */
	u8 log2;	/* access size */
	u32 op;		/* load opcode (0 for the plain mov / movs*) */
};

/* 0x28 .. 0x3e */
static const struct lb_memop lb_memops[] = {
	{ LB_TYPE_I32, 2, 0 }, { LB_TYPE_I64, 3, 0 },
	{ LB_TYPE_F32, 2, 0 }, { LB_TYPE_F64, 3, 0 },
	{ LB_TYPE_I32, 0, 0x0fbe }, { LB_TYPE_I32, 0, 0x0fb6 },
	{ LB_TYPE_I32, 1, 0x0fbf }, { LB_TYPE_I32, 1, 0x0fb7 },
	{ LB_TYPE_I64, 0, 0x0fbe }, { LB_TYPE_I64, 0, 0x0fb6 },
	{ LB_TYPE_I64, 1, 0x0fbf }, { LB_TYPE_I64, 1, 0x0fb7 },
	{ LB_TYPE_I64, 2, 0x63 }, { LB_TYPE_I64, 2, 0x8b },
	/* stores */
	{ LB_TYPE_I32, 2, 0 }, { LB_TYPE_I64, 3, 0 },
	{ LB_TYPE_F32, 2, 0 }, { LB_TYPE_F64, 3, 0 },
	{ LB_TYPE_I32, 0, 0 }, { LB_TYPE_I32, 1, 0 },
	{ LB_TYPE_I64, 0, 0 }, { LB_TYPE_I64, 1, 0 }, { LB_TYPE_I64, 2, 0 },
};

static int lb_need_memory(struct lb_compiler *c)
{
	if (!c->m->has_memory)
		return lb_fail(c, EINVAL, "unknown memory 0");
	return 0;
}

/* The slow paths' cmp encodes the bound's offset in a disp8. */
_Static_assert(LB_VMCTX_MEM_BOUND + 8 * 3 <= 127, "mem_bound beyond disp8");

static inline struct lb_mem_slow *lb_add_slow(struct lb_compiler *c)
{
	if (unlikely(c->nmem_slow >= c->mem_slow_cap) &&
	    lb_array_reserve((void **)&c->mem_slow, &c->mem_slow_cap,
			     c->nmem_slow + 1, sizeof(*c->mem_slow), 64)) {
		c->as.oom = true;
		return NULL;
	}
	return &c->mem_slow[c->nmem_slow++];
}

/*
 * Check an access of 2^log2 bytes at src + offset, its address left in
 * ea (clamped unless !clamp: see lb_spec_ok).  Returns the displacement
 * the access adds to ea.
 *
 * The bound register is exact for 8 bytes.  When ea is free to change
 * (own), a narrower access subtracts 8 - n in the lea that adds its
 * offset (one lea either way) and adds it back in the access: ea + n - 8
 * <= mem_size - 8 is exactly its own bound, so a failed check traps
 * directly and the clamp leaves it at its last n bytes.  Otherwise (no
 * lea: offset 0, or ea a pinned local's or an entry's register checked
 * in place) its out-of-line slow path compares with the exact bound of
 * its size (lb_emit_mem_slow).
 */
static __always_inline s32 lb_bounds_check(struct lb_compiler *c, int ea,
					   int src, u32 offset, u8 log2,
					   bool clamp, bool own)
{
	struct lb_asm *a = &c->as;
	struct lb_mem_slow *sl;
	s32 bias = 0;
	bool slow;
	u32 at;
	u8 *p;

	c->bound_used = true;
	if (offset >= 0x80000000U) {		/* ea == src */
		lb_mov_ri(a, false, LB_SCRATCH, offset);
		lb_alu_rr(a, true, ALU_ADD, ea, LB_SCRATCH);
	} else {
		if (log2 < 3 && own && (offset || ea != src))
			bias = 8 - (1 << log2);
		if (ea != src || offset != (u32)bias)
			lb_lea(a, true, ea, lb_mem_bd(src, (s32)offset - bias));
	}
	slow = log2 < 3 && !bias && a->buf == &c->code;
	/*
	 * cmp ea, rsi; jg trap / slow; cmovg ea, rsi: written at once, this
	 * is the compiler's hottest sequence after the plain moves.
	 */
	p = lb_room(a);
	*p++ = (u8)(0x48 | (ea >> 3));
	*p++ = 0x39;
	*p++ = (u8)(0xc0 | (LB_BOUND_REG << 3) | (ea & 7));
	*p++ = 0x0f;
	*p++ = 0x80 | CC_G;
	at = (u32)(p + 4 - a->base);
	if (!slow) {
		p = lb_i32(p, c->trap_stub[LB_TRAP_MEM_OOB] - at);
	} else {
		p = lb_i32(p, 0);
		sl = lb_add_slow(c);
		if (sl) {
			sl->at = at;
			sl->ea = (u8)ea;
			sl->log2 = log2;
		}
	}
	if (clamp) {
		*p++ = (u8)(0x48 | (ea >> 3) << 2);
		*p++ = 0x0f;
		*p++ = 0x40 | CC_G;
		*p++ = (u8)(0xc0 | (ea & 7) << 3 | LB_BOUND_REG);
	}
	lb_done(a, p);
	return bias;
}

/*
 * Was pinned register pin checked in place for an access of n bytes at
 * offset (its facts hold, and cover that far)?  Then it needs no code.
 */
static inline bool lb_pin_covers(const struct lb_compiler *c, int pin,
				 u32 offset, u32 n)
{
	return (c->pin_facts & (1U << pin)) &&
	       (u64)offset + n <= c->pin_ext[pin];
}

/*
 * Does an access of 2^log2 bytes at offset from an address that is at
 * most mem_size - 8 + s on every path (spec = s + 1, 0: unknown) stay
 * within the allocation's LB_MEM_SLACK even when its check is
 * mispredicted?  Then it needs no clamp.
 */
static bool lb_spec_ok(u32 spec, u32 offset, u8 log2)
{
	return spec && (u64)spec - 1 + offset + (1U << log2) <= 8 + LB_MEM_SLACK;
}

/* An i32 operand's speculative bound (LB_TAG_SPEC) as s + 1, or 0. */
static u32 lb_val_spec(const struct lb_val *v)
{
	u64 f;

	if (v->loc != LOC_REG || v->type != LB_TYPE_I32)
		return 0;
	f = (v->imm & LB_TAG_SPEC) >> LB_TAG_SPEC_SHIFT;
	return f ? (u32)(8 * (f - 1) + 1) : 0;
}

/*
 * An address that is a pinned local's current value (its copy just made,
 * or an entry tagged with it) is checked in place in the local's own
 * register: after cmp / jg / cmovg the register holds an address whose
 * access of that size is in bounds on every path (the clamp only fires
 * where the check traps or is mispredicted, so the local's value is that
 * of the program), until the local is written or control flow merges
 * (pin_facts).  Until then an access at most that far through it, also
 * at a constant offset, needs no check, and the register plus a small
 * constant needs no clamp (lb_pin_derive).  An access at an offset is
 * checked in a copy and clamps the register to mem_size - 8 - offset:
 * a struct field read and written back is checked once.  Returns true
 * with *m the checked access and *ea a register of its own to free, or
 * -1.
 */
static bool lb_addr_pinned(struct lb_compiler *c, struct lb_val *addr,
			   u32 offset, u8 log2, struct lb_mem *m, int *ea)
{
	u32 bit, s, n = 1U << log2;
	bool clamp;
	int pin, r;
	s32 bias;

	if (offset >= 0x80000000U)
		return false;
	pin = lb_pin_take(c, addr);
	if (pin < 0) {
		pin = lb_pin_of(c, addr);
		if (pin < 0)
			return false;
		lb_free_reg(c, false, addr->reg);
	}
	*ea = -1;
	bit = 1U << pin;
	if (!(c->pin_facts & bit)) {
		c->pin_facts |= bit;
		c->pin_ext[pin] = 0;
		c->pin_spec[pin] = 0;
	}
	if (lb_pin_covers(c, pin, offset, n)) {
		*m = lb_mem_bid(LB_MEMBASE_REG, pin, (s32)offset);
		return true;
	}
	if (!offset) {
		clamp = !lb_spec_ok(c->pin_spec[pin], 0, log2);
		lb_bounds_check(c, pin, pin, 0, log2, clamp, false);
	} else {
		/*
		 * pin + offset checked in a copy; the clamp goes to the
		 * local's register: mem_size - 8 - offset, not below 0 if
		 * the declared minimum memory holds the offset.
		 */
		clamp = !lb_spec_ok(c->pin_spec[pin], offset, log2);
		if (clamp && (u64)c->m->memory.min * LB_PAGE_SIZE < offset + 8) {
			r = lb_alloc_gpr(c, 0);
			bias = lb_bounds_check(c, r, pin, offset, log2, true,
					       true);
			*ea = r;
			*m = lb_mem_bid(LB_MEMBASE_REG, r, bias);
			return true;
		}
		lb_bounds_check(c, LB_SCRATCH, pin, offset, log2, false, true);
		if (clamp) {		/* lea keeps the flags */
			lb_lea(&c->as, true, LB_SCRATCH,
			       lb_mem_bd(LB_BOUND_REG, -(s32)offset));
			lb_cmov_rr(&c->as, true, CC_G, pin, LB_SCRATCH);
		}
	}
	if (clamp) {
		/* at most mem_size - n - offset: the slow path's exact check */
		s = offset + n < 8 ? 8 - n - offset + 1 : 1;
		if (!c->pin_spec[pin] || s < c->pin_spec[pin])
			c->pin_spec[pin] = (u8)s;
	}
	c->pin_ext[pin] = offset + n;
	*m = lb_mem_bid(LB_MEMBASE_REG, pin, (s32)offset);
	return true;
}

/* A load of the bound register (4 bytes) at `at` (see pin.c). */
void lb_note_bound_load(struct lb_compiler *c, u32 at)
{
	struct lb_mem_slow *sl;

	if (c->as.buf != &c->code)
		return;
	sl = lb_add_slow(c);
	if (sl) {
		sl->at = at;
		sl->log2 = LB_SLOW_BOUND_LOAD;
	}
}

/*
 * After the function: the slow paths of its narrow accesses, and nops for
 * the loads of the bound register if it checked nothing (a function of a
 * module with a memory that never touches it: fib).
 */
void lb_emit_mem_slow(struct lb_compiler *c)
{
	static const u8 nop4[] = { 0x0f, 0x1f, 0x40, 0x00 };
	struct lb_asm *a = &c->as;
	u32 i, at;
	u8 *p;


	for (i = 0; i < c->nmem_slow; i++) {
		const struct lb_mem_slow *sl = &c->mem_slow[i];

		if (sl->log2 == LB_SLOW_BOUND_LOAD) {
			if (!c->bound_used)
				memcpy(lb_at(a, sl->at), nop4, 4);
			continue;
		}
		lb_patch_rel32(a, sl->at, lb_pc(a));
		/* cmp ea, [r15 + bound]; jg trap; jmp back: at once */
		p = lb_room(a);
		*p++ = (u8)(0x49 | (sl->ea >> 3) << 2);
		*p++ = 0x3b;
		*p++ = (u8)(0x47 | (sl->ea & 7) << 3);
		*p++ = (u8)(LB_VMCTX_MEM_BOUND + 8 * sl->log2);
		*p++ = 0x0f;
		*p++ = 0x80 | CC_G;
		at = (u32)(p + 4 - a->base);
		p = lb_i32(p, c->trap_stub[LB_TRAP_MEM_OOB] - at);
		*p++ = 0xe9;
		p = lb_i32(p, sl->at - (at + 5));
		lb_done(a, p);
	}
	c->nmem_slow = 0;
}

/*
 * The address operand in a register the check may clobber, and *src the
 * register its value is in.  A pinned local's fresh copy plus a small
 * offset is not copied: the check's lea reads the local's register.
 */
static int lb_addr_reg(struct lb_compiler *c, struct lb_val *addr,
		       u32 offset, u32 avoid, int *src)
{
	int pin;

	if (offset && offset < 0x80000000U) {
		pin = lb_pin_take(c, addr);
		if (pin >= 0) {
			*src = pin;
			return lb_alloc_gpr(c, avoid);
		}
	}
	*src = lb_to_reg(c, addr, avoid);
	return *src;
}

/*
 * An address known small enough for the memory's declared minimum (it
 * never shrinks below that) needs no check and no clamp: the bound
 * (lb_val_lim: a constant, a loaded byte, a masked index plus a table's
 * address) holds on every path, speculative or not.  Then *m is the
 * access and *ea its register (-1 for a constant address) and true.
 */
static bool lb_addr_static(struct lb_compiler *c, struct lb_val *addr,
			   u32 offset, u8 log2, u32 avoid, int *ea,
			   struct lb_mem *m)
{
	u64 min = (u64)c->m->memory.min * LB_PAGE_SIZE;
	u64 end = lb_val_lim(addr) - 1 + offset + (1U << log2);

	if (end > min || offset >= 0x80000000U)
		return false;
	if (addr->loc == LOC_CONST && end < 0x80000000U) {
		*ea = -1;
		*m = lb_mem_bd(LB_MEMBASE_REG, (s32)((u32)addr->imm + offset));
		return true;
	}
	if (addr->loc == LOC_PIN) {		/* read where it is */
		*ea = -1;
		*m = lb_mem_bid(LB_MEMBASE_REG, addr->reg, (s32)offset);
		return true;
	}
	/*
	 * x + C just computed, that cannot wrap (its bound says so): the
	 * add is taken back and C goes into the displacement, as clang's
	 * table[x] (C the table's address) wanted.
	 */
	if (addr->loc == LOC_REG && c->as.buf == &c->code &&
	    lb_pc(&c->as) == c->addc_end && c->addc_end != c->addc_start &&
	    addr->reg == c->addc_reg &&
	    (u64)offset + c->addc_imm < 0x80000000U) {
		lb_rewind(&c->as, c->addc_start);
		c->addc_end = c->addc_start;
		offset += c->addc_imm;
	}
	*ea = lb_to_reg(c, addr, avoid);
	*m = lb_mem_bid(LB_MEMBASE_REG, *ea, (s32)offset);
	return true;
}

/*
 * An address at offset 0 that is a stack entry's value (the entry itself,
 * or a local.get of the local a live entry was tagged with, pin.c) is
 * checked in place in that entry's register: after cmp / jg / cmovg the
 * register holds an address whose access of that size is in bounds on
 * every path, speculative ones included (the clamp went there), and the
 * memory never shrinks.  So the next access of at most that size through
 * the same entry (a[i] += x: load, then store) needs no check.  Returns
 * the register to address with, or -1; *own says it is addr's (to free)
 * rather than the entry's that stays on the stack.
 */
static int lb_addr_checked(struct lb_compiler *c, struct lb_val *addr,
			   u32 offset, u8 log2, bool *own)
{
	struct lb_asm *a = &c->as;
	struct lb_val *e;
	u64 done;

	if (offset || addr->loc != LOC_REG || addr->type != LB_TYPE_I32)
		return -1;
	done = (addr->imm & LB_TAG_CHECKED) >> LB_TAG_CHECKED_SHIFT;
	if (done > log2) {
		*own = true;
		return addr->reg;
	}
	e = lb_tag_alias(c, addr);
	if (!e)
		return -1;
	/* the local.get's copy is not needed: take it back if it is last */
	if (a->buf == &c->code && lb_pc(a) == c->lget_end &&
	    addr->reg == c->lget_reg && c->lget_end != c->lget_start) {
		lb_rewind(a, c->lget_start);
		c->lget_end = c->lget_start;
	}
	lb_free_reg(c, false, addr->reg);
	done = (e->imm & LB_TAG_CHECKED) >> LB_TAG_CHECKED_SHIFT;
	if (done <= log2) {
		lb_bounds_check(c, e->reg, e->reg, 0, log2, true, false);
		e->imm = (e->imm & ~LB_TAG_CHECKED) |
			 (u64)(log2 + 1) << LB_TAG_CHECKED_SHIFT;
	}
	*own = false;
	return e->reg;
}

static int lb_read_memarg_slow(struct lb_compiler *c, u8 log2, u32 *offset)
{
	u32 align;
	int ret;

	ret = lb_read_u32(&c->rd, &align, c->err);

	if (!ret)
		ret = lb_read_u32(&c->rd, offset, c->err);
	if (ret)
		return ret;
	ret = lb_need_memory(c);
	if (ret)
		return ret;
	if (align > log2)
		return lb_fail(c, EINVAL, "alignment must not be larger than natural");
	return 0;
}

/*
 * Every access reads one: inline for the usual alignment byte (at most
 * log2, < 0x80 when valid; lb_read_u32 reads a one-byte offset inline),
 * the rest, and the errors, out of line.
 */
static __always_inline int lb_read_memarg(struct lb_compiler *c, u8 log2,
					  u32 *offset)
{
	const u8 *p = c->rd.p;

	if (likely(p < c->rd.end && *p <= log2 && c->m->has_memory)) {
		c->rd.p = p + 1;
		return lb_read_u32(&c->rd, offset, c->err);
	}
	return lb_read_memarg_slow(c, log2, offset);
}

/* Remember a plain load just emitted, for lb_take_load. */
static void lb_note_load(struct lb_compiler *c, u32 start, struct lb_mem m,
			 int reg, int ea)
{
	if (c->as.buf != &c->code)
		return;
	c->load_start = start;
	c->load_end = lb_pc(&c->as);
	c->load_mem = m;
	c->load_reg = (u8)reg;
	c->load_ea = (u8)ea;
}

/*
 * An operator whose operand v is the value a plain i32/i64/f32/f64 load
 * just produced may read the memory operand instead (add eax, [mem]):
 * if that load is the last instruction emitted, it is taken back and *m
 * is its (checked) operand.  The address register (0xff: none) is v's
 * own for an integer load; for a float load it was freed, and is still
 * unchanged if it is still free (whatever took it would have emitted).
 * The caller frees v's register after emitting.
 */
bool lb_take_load(struct lb_compiler *c, const struct lb_val *v,
		  struct lb_mem *m)
{
	struct lb_asm *a = &c->as;
	bool fl = lb_is_float(v->type);

	if (v->loc != LOC_REG || a->buf != &c->code ||
	    c->load_end == c->load_start || lb_pc(a) != c->load_end ||
	    v->reg + (fl ? 16 : 0) != c->load_reg ||
	    (fl && c->load_ea != 0xff &&
	     !(c->gpr_free & (1U << c->load_ea))))
		return false;
	lb_rewind(a, c->load_start);
	c->load_end = c->load_start;
	*m = c->load_mem;
	return true;
}

/* lb_addr() for what its two shortcuts do not take. */
static noinline int lb_addr_slow(struct lb_compiler *c, struct lb_val *addr,
				 u32 offset, u8 log2, u32 avoid,
				 struct lb_mem *m, bool *own)
{
	int ea, src;
	bool clamp;
	s32 bias;

	if (lb_addr_static(c, addr, offset, log2, avoid, &ea, m) ||
	    lb_addr_pinned(c, addr, offset, log2, m, &ea)) {
		*own = ea >= 0;
		return ea;
	}
	ea = lb_addr_checked(c, addr, offset, log2, own);
	if (ea >= 0) {
		*m = lb_mem_bid(LB_MEMBASE_REG, ea, 0);
		return ea;
	}
	clamp = !lb_spec_ok(lb_val_spec(addr), offset, log2);
	ea = lb_addr_reg(c, addr, offset, avoid, &src);
	bias = lb_bounds_check(c, ea, src, offset, log2, clamp, true);
	*own = true;
	*m = lb_mem_bid(LB_MEMBASE_REG, ea, bias);
	return ea;
}

/*
 * The memory operand *m of an access of 2^log2 bytes at addr + offset,
 * checked: a static address, a pinned local's, an entry checked before,
 * or a register checked now.  Returns the address register (-1: none);
 * *own says whether the caller frees it.  avoid: registers to keep.
 * The two most frequent cases inline, in each access's own code.
 */
static __always_inline int lb_addr(struct lb_compiler *c,
				   struct lb_val *addr, u32 offset, u8 log2,
				   u32 avoid, struct lb_mem *m, bool *own)
{
	s32 bias;

	/*
	 * Most often nothing is known: a computed address in a register of
	 * its own (no tag, no bound: not static, pinned or checked before;
	 * a memory of 4 GiB takes the long way for load8's static case).
	 */
	if (addr->loc == LOC_REG && !addr->imm && !addr->lim &&
	    !(avoid & (1U << addr->reg)) && offset < 0x80000000U &&
	    c->m->memory.min < 0x10000) {
		bias = lb_bounds_check(c, addr->reg, addr->reg, offset, log2,
				       true, true);
		*own = true;
		*m = lb_mem_bid(LB_MEMBASE_REG, addr->reg, bias);
		return addr->reg;
	}
	/*
	 * Next most often (Go's frame accesses): a pinned local checked in
	 * place for this access already, which needs no code at all.
	 */
	if (addr->loc == LOC_PIN &&
	    lb_pin_covers(c, addr->reg, offset, 1U << log2)) {
		*own = false;
		*m = lb_mem_bid(LB_MEMBASE_REG, addr->reg, (s32)offset);
		return -1;
	}
	return lb_addr_slow(c, addr, offset, log2, avoid, m, own);
}

int lb_op_load(struct lb_compiler *c, u8 op)
{
	const struct lb_memop *mo = &lb_memops[op - 0x28];
	struct lb_asm *a = &c->as;
	struct lb_val addr;
	struct lb_mem m;
	u32 offset, start;
	int ret, ea, x;
	bool own;

	ret = lb_read_memarg(c, mo->log2, &offset);
	if (!ret)
		ret = lb_pop_pin(c, LB_TYPE_I32, &addr);
	if (ret)
		return ret;
	ea = lb_addr(c, &addr, offset, mo->log2, 0, &m, &own);
	if (lb_is_float(mo->type)) {
		x = lb_alloc_xmm(c);
		start = lb_pc(a);
		lb_sse_rm(a, mo->type == LB_TYPE_F64 ? 0xf2 : 0xf3, false,
			  0x0f10, x, m);
		if (own)
			lb_free_reg(c, false, ea);
		/* an entry's register stays: nothing may change it */
		lb_note_load(c, start, m, x + 16, own ? ea : 0xff);
		lb_push_reg(c, mo->type, x);
		return 0;
	}
	if (!own)
		ea = -1;
	if (ea < 0)
		ea = lb_alloc_gpr(c, 0);
	start = lb_pc(a);
	if (mo->op == 0) {
		lb_load(a, mo->type == LB_TYPE_I64, ea, m);
		lb_note_load(c, start, m, ea, m.index == ea ? ea : 0xff);
	} else if (mo->op == 0x8b) {		/* i64.load32_u */
		lb_load(a, false, ea, m);
	} else if (mo->op == 0x63) {		/* i64.load32_s */
		lb_rm(a, 0, true, 0x63, ea, m);
	} else {
		lb_loadx(a, mo->type == LB_TYPE_I64 &&
			 (mo->op == 0x0fbe || mo->op == 0x0fbf), mo->op, ea, m);
	}
	lb_push_reg(c, mo->type, ea);
	if (mo->type == LB_TYPE_I32 && mo->op == 0x0fb6)	/* load8_u */
		lb_set_lim(c, 1U << 8);
	else if (mo->type == LB_TYPE_I32 && mo->op == 0x0fb7)	/* 16_u */
		lb_set_lim(c, 1U << 16);
	return 0;
}

int lb_op_store(struct lb_compiler *c, u8 op)
{
	const struct lb_memop *mo = &lb_memops[op - 0x28];
	struct lb_asm *a = &c->as;
	struct lb_val addr, val;
	struct lb_mem m;
	bool fl = lb_is_float(mo->type), own;
	u32 offset;
	int ret, ea, rv, pin;

	ret = lb_read_memarg(c, mo->log2, &offset);
	if (!ret)
		ret = lb_pop_pin(c, mo->type, &val);
	if (!ret)
		ret = lb_pop_pin(c, LB_TYPE_I32, &addr);
	if (ret)
		return ret;
	/* a constant goes into the store's immediate */
	if (!fl && val.loc == LOC_CONST &&
	    (mo->log2 < 3 || lb_fits32((s64)val.imm))) {
		ea = lb_addr(c, &addr, offset, mo->log2, 0, &m, &own);
		lb_store_imm(a, mo->log2, m, (s32)val.imm);
		if (own)
			lb_free_reg(c, false, ea);
		return 0;
	}
	/* a store only reads its value: a pinned local's register will do */
	pin = lb_pin_take(c, &val);
	rv = pin >= 0 ? pin : lb_to_reg(c, &val, 0);
	ea = lb_addr(c, &addr, offset, mo->log2, fl ? 0 : 1U << rv, &m, &own);
	if (fl)
		lb_sse_rm(a, mo->type == LB_TYPE_F64 ? 0xf2 : 0xf3, false,
			  0x0f11, rv, m);
	else if (mo->log2 == 0)
		lb_store8(a, m, rv);
	else if (mo->log2 == 1)
		lb_store16(a, m, rv);
	else
		lb_store(a, mo->log2 == 3, m, rv);
	if (pin < 0)
		lb_free_reg(c, fl, rv);
	if (own)
		lb_free_reg(c, false, ea);
	return 0;
}

/* memory.size, memory.grow */
int lb_op_memory_size_grow(struct lb_compiler *c, u8 op)
{
	struct lb_asm *a = &c->as;
	struct lb_val delta;
	u8 zero;
	int ret, r;

	ret = lb_read_u8(&c->rd, &zero, c->err);
	if (ret)
		return ret;
	if (zero)
		return lb_fail(c, EINVAL, "zero byte expected");
	ret = lb_need_memory(c);
	if (ret)
		return ret;
	if (op == 0x3f) {			/* memory.size */
		r = lb_alloc_gpr(c, 0);
		lb_load(a, true, r,
			lb_mem_bd(LB_VMCTX_REG, LB_VMCTX_MEM_SIZE));
		lb_shift_ri(a, true, SH_SHR, r, 16);
		lb_push_reg(c, LB_TYPE_I32, r);
		return 0;
	}
	ret = lb_pop(c, LB_TYPE_I32, &delta);
	if (ret)
		return ret;
	lb_spill_all(c);			/* a C call clobbers them */
	lb_pin_save(c);
	lb_load_val(c, &delta, RSI);
	lb_free_val(c, &delta);
	lb_mov_rr(a, true, RDI, LB_VMCTX_REG);
	lb_emit_call_helper(c, HELPER_MEMORY_GROW);
	lb_pin_restore(c);
	lb_load(a, true, LB_MEMBASE_REG,
		lb_mem_bd(LB_VMCTX_REG, LB_VMCTX_MEM_BASE));
	lb_claim(c, false, RAX);
	lb_push_reg(c, LB_TYPE_I32, RAX);
	return 0;
}
