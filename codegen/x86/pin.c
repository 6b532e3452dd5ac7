// SPDX-License-Identifier: GPL-2.0
/*
 * Pinned locals: the first locals of a function (parameters first) live
 * in registers for its whole body instead of in frame slots, so loops
 * keep their counters, pointers and accumulators in registers and block
 * merges need nothing (a pinned local is always in its register).
 *
 *   integers: rbx, r12, r13 (callee-saved: calls leave them alone; the
 *             function saves the caller's values below rbp), then r10,
 *             r9, r8, rsi (caller-saved; rax, rcx, rdx, rdi stay for
 *             temporaries: no opcode holds more than three, and rdi,
 *             rcx, rax are the prologue's rep stosq);
 *   floats:   xmm14 .. xmm5 (caller-saved; xmm0-4 for temporaries).
 *
 * Caller-saved pins go to the local's home slot around every call and C
 * helper call (lb_pin_save / lb_pin_restore) and the poll stub keeps
 * them itself.
 *
 * In a module with a memory, rsi is no pin but holds mem_size - 8 for
 * the bounds checks (see ops_mem.c): a compare with a register instead
 * of a load from vmctx at every access.  It is loaded in the prologue
 * and reloaded wherever the pins come back after a call, since a callee
 * or helper clobbers it (and memory.grow changes it).
 *
 * No use counts are needed, so this stays one pass: the choice is by
 * position, which is where compilers put parameters and loop variables,
 * except that a function with more integer locals than pins keeps up to
 * three callee-saved ones for locals that turn out to be a loop's
 * temporaries at their first access (lb_pin_claim): clang numbers an
 * inner loop's short-lived values last (matmul's row pointers).
 */
#include "compiler.h"

struct lb_pin {
	u8 reg;
	bool xmm;
	bool callee_saved;
};

static const struct lb_pin lb_pins[LB_MAX_PINNED] = {
	{ RBX, false, true }, { R12, false, true }, { R13, false, true },
	{ R10, false, false }, { R9, false, false }, { R8, false, false },
	{ RSI, false, false },
	{ 14, true, false }, { 13, true, false }, { 12, true, false },
	{ 11, true, false }, { 10, true, false }, { 9, true, false },
	{ 8, true, false }, { 7, true, false }, { 6, true, false },
	{ 5, true, false },
};

#define LB_FIRST_XMM_PIN	7
#define LB_BOUND_PIN		6	/* rsi: the slot the bound takes */
#define LB_NCALLEE_SAVED	3	/* slots 0-2 */

/*
 * 0x80 in each byte of w that is a float type (0x7c f64 or 0x7d f32, the
 * same but for bit 0), 0 in the others: eight locals at a time, as the
 * locals of a function with a thousand parameters are scanned at every
 * function of a module that has a thousand of them.
 */
static u64 lb_float_bytes(u64 w)
{
	const u64 low7 = 0x7f7f7f7f7f7f7f7fULL;
	u64 y = (w | 0x0101010101010101ULL) ^ 0x7d7d7d7d7d7d7d7dULL;

	return ~(((y & low7) + low7) | y | low7);	/* zero bytes of y */
}

/* How many bytes of f are 0x80 (no popcount: the kernel has no libgcc). */
static u32 lb_count_bytes(u64 f)
{
	return (u32)(((f >> 7) * 0x0101010101010101ULL) >> 56);
}

/* The float bytes among local types [from, to), to - from <= 8. */
static u64 lb_float_word(const struct lb_compiler *c, u32 from, u32 to)
{
	const u8 *t = c->local_types + from;
	u64 w = 0;
	u32 i;

	if (to - from == 8) {
		memcpy(&w, t, 8);		/* one load */
	} else {
		for (i = 0; i < to - from; i++)	/* zeros: no float */
			w |= (u64)t[i] << (8 * i);
	}
	return lb_float_bytes(w);
}

/*
 * How many callee-saved pins to keep for lb_pin_claim: only in a function
 * with more integer locals than pins (the first ones, parameters, get the
 * others by position), at most one per local in excess.
 */
static u32 lb_float_count(const struct lb_compiler *c, u32 scan, u32 gpr_end,
			  u32 *last_float)
{
	u32 i, end, nfl = 0, pfl = 0, np, ngpr, nparams, n;
	u64 f;

	np = c->nparams < scan ? c->nparams : scan;
	*last_float = 0;
	for (i = 0; i < scan; i += 8) {
		end = i + 8 < scan ? i + 8 : scan;
		f = lb_float_word(c, i, end);
		if (!f)
			continue;
		nfl += lb_count_bytes(f);
		*last_float = i + (63 - __builtin_clzll(f)) / 8 + 1;
		if (np > i)		/* the floats among the parameters */
			pfl += lb_count_bytes(np >= end ? f :
				f & ((1ULL << 8 * (np - i)) - 1));
	}
	ngpr = scan - nfl;
	nparams = np - pfl;
	if (ngpr <= gpr_end || nparams >= gpr_end)
		return 0;
	n = ngpr - gpr_end;
	if (n > gpr_end - nparams)
		n = gpr_end - nparams;
	return n < LB_NCALLEE_SAVED ? n : LB_NCALLEE_SAVED;
}

/*
 * The pins depend on the local types in [0, scan) alone (and on whether
 * the module has a memory, the same for all its functions): the same
 * function type gives the same parameters, so only the declared locals
 * among them are compared.
 */
static bool lb_pin_memo_hit(const struct lb_compiler *c, u32 scan)
{
	u32 i;

	if (c->pin_memo.ft != c->ft || c->pin_memo.scan != scan)
		return false;
	for (i = c->nparams; i < scan; i++)
		if (c->pin_memo.types[i] != c->local_types[i])
			return false;
	return true;
}

static void lb_pin_memo_keep(struct lb_compiler *c, u32 scan)
{
	u32 i;

	c->pin_memo.ft = c->ft;
	c->pin_memo.scan = scan;
	for (i = c->nparams; i < scan; i++)
		c->pin_memo.types[i] = c->local_types[i];
	c->pin_memo.pins = c->pins;
}

void lb_pin_locals(struct lb_compiler *c)
{
	u32 i, gpr = 0, xmm = LB_FIRST_XMM_PIN, gpr_end = LB_FIRST_XMM_PIN;
	u32 k, scan = c->nlocals < LB_PIN_SCAN ? c->nlocals : LB_PIN_SCAN;
	u32 nfloat, last_float;

	c->nmem_slow = 0;	/* a new function: none left from a failed one */
	c->load_end = c->load_start;
	c->lget_end = c->lget_start;
	c->bound_used = false;
	c->addc_end = c->addc_start;
	c->touched = 0;
	c->pin_facts = 0;
	c->plea_end = c->plea_start;
	if (lb_pin_memo_hit(c, scan)) {
		c->pins = c->pin_memo.pins;
		return;
	}
	c->npinned = 0;
	c->nsaved = 0;
	memset(c->pin_reg, -1, sizeof(c->pin_reg));
	c->gpr_alloc = LB_GPR_ALLOC;
	c->xmm_alloc = LB_XMM_ALLOC;
	c->saved_slots = 0;
	if (c->m->has_memory) {
		c->gpr_alloc &= ~(1U << LB_BOUND_REG);
		gpr_end = LB_BOUND_PIN;
	}
	/* the kept pins are the last callee-saved ones: r13, r12, rbx */
	nfloat = lb_float_count(c, scan, gpr_end, &last_float);
	for (k = 0; k < nfloat; k++) {
		u32 slot = LB_NCALLEE_SAVED - 1 - k;

		c->float_slot[k] = (u8)slot;
		c->gpr_alloc &= ~(1U << lb_pins[slot].reg);
		c->saved_slots |= 1U << slot;
	}
	c->nfloat = (u8)nfloat;
	gpr_end -= nfloat;
	/*
	 * Only the first locals are candidates: a few bytes can declare
	 * thousands of locals, and compile time must not follow that.
	 */
	for (i = 0; i < scan; i++) {
		bool fl = lb_is_float(c->local_types[i]);
		u32 slot;

		if (fl ? xmm >= LB_MAX_PINNED : gpr >= gpr_end)
			continue;
		if (fl)
			slot = xmm++;
		else if (gpr < LB_NCALLEE_SAVED - nfloat)
			slot = gpr++;
		else			/* past the kept ones */
			slot = nfloat + gpr++;
		c->pinned_local[c->npinned] = i;
		c->pinned_slot[c->npinned] = (u8)slot;
		c->pin_reg[i] = (s8)lb_pins[slot].reg;
		c->npinned++;
		if (fl)
			c->xmm_alloc &= ~(1U << lb_pins[slot].reg);
		else
			c->gpr_alloc &= ~(1U << lb_pins[slot].reg);
		if (lb_pins[slot].callee_saved)
			c->saved_slots |= 1U << slot;
		/* all pins given, or no float local left for the others */
		if (gpr >= gpr_end && (xmm >= LB_MAX_PINNED || i + 1 >= last_float))
			break;
	}
	/*
	 * A callee-saved register this function does not save is no
	 * temporary either: the caller may keep a pinned local in it (and
	 * facts about it, such as a checked bound) across the call.
	 */
	for (k = 0; k < LB_NCALLEE_SAVED; k++)
		if (!(c->saved_slots & (1U << k)))
			c->gpr_alloc &= ~(1U << lb_pins[k].reg);
	/* their save area: slot k at rbp - 8 * (k + 1) */
	c->nsaved = c->saved_slots ? 32 - __builtin_clz(c->saved_slots) : 0;
	/* lb_pin_claim() only adds callee-saved ones */
	c->ncaller_pins = 0;
	for (k = 0; k < c->npinned; k++)
		c->ncaller_pins += !lb_pins[c->pinned_slot[k]].callee_saved;
	lb_pin_memo_keep(c, scan);
}

/*
 * A local that has no register yet, at its first access: if it is a
 * loop's temporary (first written inside a loop with a computed value)
 * or first accessed outside any loop (set up for the loops that follow:
 * xxhash's accumulators), it gets one of the kept callee-saved pins for
 * the rest of the function.  A constant set inside a loop is an inner
 * loop's induction variable set up in an outer one, whose temporaries
 * may well come next (matmul: its row pointers are locals 7-9): that
 * local stays in its slot, unless that loop is itself inside a loop: the
 * counter of a loop nested three deep, the innermost most likely, runs
 * the most of all (matmul's j: 12% of its time when it was in a slot,
 * a store and a reload on every iteration's critical path).  That is
 * the code it would have had pinned from the start: no code before
 * touched it, the register held its initial zero since the prologue and
 * nothing else may use it (calls keep it).  Returns the register or -1.
 */
int lb_pin_claim(struct lb_compiler *c, u8 op, u32 idx)
{
	u8 t = idx < c->nlocals ? c->local_types[idx] : 0;
	u32 i, j, slot;
	u64 bit;

	if (idx >= LB_PIN_SCAN)
		return -1;
	bit = 1ULL << idx;
	if (c->touched & bit)
		return -1;
	c->touched |= bit;
	if (idx < c->nparams || c->as.buf != &c->code ||
	    (t != LB_TYPE_I32 && t != LB_TYPE_I64))
		return -1;
	/* i: the innermost loop around (+ 1, 0: none), j: the one around i */
	for (i = c->nctrl; i > 0 && c->ctrl[i - 1].kind != CTRL_LOOP; i--)
		;
	for (j = i ? i - 1 : 0; j > 0 && c->ctrl[j - 1].kind != CTRL_LOOP; j--)
		;
	if (i && op == 0x20)
		return -1;
	if (i && op == 0x21 &&
	    (!c->sp || (c->stack[c->sp - 1].loc == LOC_CONST && !j)))
		return -1;
	slot = c->float_slot[--c->nfloat];
	c->pinned_local[c->npinned] = idx;
	c->pinned_slot[c->npinned] = (u8)slot;
	c->pin_reg[idx] = (s8)lb_pins[slot].reg;
	c->npinned++;
	return lb_pins[slot].reg;
}

/* Move local k between its register and its home slot. */
static void lb_pin_move(struct lb_compiler *c, u32 k, bool to_reg)
{
	const struct lb_pin *p = &lb_pins[c->pinned_slot[k]];
	u32 idx = c->pinned_local[k];
	u8 t = c->local_types[idx];
	struct lb_mem home = lb_local(c, idx);

	if (p->xmm)
		lb_sse_rm(&c->as, t == LB_TYPE_F64 ? 0xf2 : 0xf3, false,
			  to_reg ? 0x0f10 : 0x0f11, p->reg, home);
	else if (to_reg)
		lb_load(&c->as, lb_is64(t), p->reg, home);
	else
		lb_store(&c->as, true, home, p->reg);
}

/* mem_size - 8 into the bound register, from our own vmctx. */
static void lb_load_bound(struct lb_compiler *c)
{
	u32 at = lb_pc(&c->as);

	if (!c->m->has_memory)
		return;
	lb_load(&c->as, true, LB_BOUND_REG,
		lb_mem_bd(LB_VMCTX_REG, LB_VMCTX_MEM_BOUND + 8 * 3));
	lb_note_bound_load(c, at);
}

/*
 * Save the callee-saved pins below rbp and load the pinned locals.  The
 * k-th integer parameter arrives in lb_arg_reg(k) (k < LB_NARG_REGS) and
 * goes to its pin.  Kept pins (lb_pin_claim) shift the later pins up by
 * up to three slots, so a pin may be the argument register of a later
 * parameter: parameters move from the last one down, each after every
 * later one has left its register.  Other locals are zeroed after that.
 */
void lb_pin_prologue(struct lb_compiler *c)
{
	struct lb_asm *a = &c->as;
	u8 ords[LB_MAX_PINNED];
	u32 k, idx, ord, i = 0, n = 0;

	lb_load_bound(c);
	/*
	 * Each pinned parameter's integer ordinal, in one pass: the pinned
	 * parameters come in ascending order (claims come later and are no
	 * parameters).
	 */
	for (k = 0; k < c->npinned; k++) {
		idx = c->pinned_local[k];
		if (idx >= c->nparams)
			continue;
		for (; i < idx; i++)
			n += !lb_is_float(c->local_types[i]);
		ords[k] = (u8)(n < LB_NARG_REGS ? n : LB_NARG_REGS);
	}

	for (k = 0; k < LB_NCALLEE_SAVED; k++)
		if (c->saved_slots & (1U << k))
			lb_store(a, true, lb_mem_bd(RBP, -8 * (s32)(k + 1)),
				 lb_pins[k].reg);
	for (k = 0; k < c->nfloat; k++)		/* a local's initial zero */
		lb_alu_rr(a, false, ALU_XOR, lb_pins[c->float_slot[k]].reg,
			  lb_pins[c->float_slot[k]].reg);
	for (k = c->npinned; k-- > 0;) {
		const struct lb_pin *p = &lb_pins[c->pinned_slot[k]];

		idx = c->pinned_local[k];
		if (idx >= c->nparams)
			continue;
		ord = p->xmm ? LB_NARG_REGS : ords[k];
		if (ord >= LB_NARG_REGS)
			lb_pin_move(c, k, true);	/* from its slot */
		else if (lb_arg_reg(ord) != p->reg)
			lb_mov_rr(a, lb_is64(c->local_types[idx]), p->reg,
				  lb_arg_reg(ord));
	}
	for (k = 0; k < c->npinned; k++) {
		const struct lb_pin *p = &lb_pins[c->pinned_slot[k]];

		if (c->pinned_local[k] < c->nparams)
			continue;
		if (p->xmm)
			lb_sse_rr(a, 0, false, 0x0f57, p->reg, p->reg);
		else	/* no flags live yet: the zero idiom */
			lb_alu_rr(a, false, ALU_XOR, p->reg, p->reg);
	}
}

/* Give the caller its callee-saved registers back (before leave). */
void lb_pin_epilogue(struct lb_compiler *c)
{
	u32 k;

	for (k = 0; k < LB_NCALLEE_SAVED; k++)
		if (c->saved_slots & (1U << k))
			lb_load(&c->as, true, lb_pins[k].reg,
				lb_mem_bd(RBP, -8 * (s32)(k + 1)));
}

/*
 * Around calls: caller-saved pins to their home slots and back.  The
 * bytes are the same at every call of a function (the pins and their
 * slots are fixed by the prologue; lb_pin_claim only adds callee-saved
 * ones), so the first call encodes them and the others copy them: a
 * function with several float pins would otherwise spend more on these
 * moves than on the rest of the call.
 */
void lb_pin_save(struct lb_compiler *c)
{
	struct lb_replay *r = &c->replay[LB_REPLAY_PIN_SAVE];
	u32 k, start = lb_pc(&c->as);

	if (!c->ncaller_pins || lb_replay(c, r, c->npinned + 1, 0))
		return;
	for (k = 0; k < c->npinned; k++)
		if (!lb_pins[c->pinned_slot[k]].callee_saved)
			lb_pin_move(c, k, false);
	lb_replay_keep(c, r, c->npinned + 1, 0, start);
}

/* And back, with the bound reloaded: r15 must be our vmctx again. */
void lb_pin_restore(struct lb_compiler *c)
{
	struct lb_replay *r = &c->replay[LB_REPLAY_PIN_RESTORE];
	u32 k, start = lb_pc(&c->as);

	if (!c->ncaller_pins) {
		lb_load_bound(c);
		return;
	}
	if (lb_replay(c, r, c->npinned + 1, 0)) {
		if (c->m->has_memory)		/* the first load */
			lb_note_bound_load(c, start);
		return;
	}
	lb_load_bound(c);
	for (k = 0; k < c->npinned; k++)
		if (!lb_pins[c->pinned_slot[k]].callee_saved)
			lb_pin_move(c, k, true);
	lb_replay_keep(c, r, c->npinned + 1, 0, start);
}

/*
 * local.set of a pinned local to the value a local.get of a slot local
 * loaded last: load it into the pin instead (one instruction, not two).
 */
static bool lb_lget_take(struct lb_compiler *c, const struct lb_val *v,
			 int pin)
{
	struct lb_asm *a = &c->as;
	u32 src = (u32)(v->imm & 0xffffff);

	if (v->loc != LOC_REG || v->type != LB_TYPE_I32 ||
	    !(v->imm & LB_TAG_LOCAL) || a->buf != &c->code ||
	    lb_pc(a) != c->lget_end || c->lget_end == c->lget_start ||
	    v->reg != c->lget_reg || lb_pinned_reg(c, src) >= 0)
		return false;
	lb_rewind(a, c->lget_start);
	c->lget_end = c->lget_start;
	lb_free_reg(c, false, v->reg);
	lb_load(a, false, pin, lb_local(c, src));
	return true;
}

/* --- LOC_PIN entries: local.get without code ------------------------ */

/* pin_mask without the bits of indexes at sp or above (all stale). */
static u64 lb_pin_bits(const struct lb_compiler *c)
{
	u32 n = c->sp - c->pin_base;

	if (c->sp < c->pin_base)
		return 0;
	return n >= 64 ? c->pin_mask : c->pin_mask & ((1ULL << n) - 1);
}

/* Is the entry of pin_mask's bit k a LOC_PIN one (not a stale bit)? */
static bool lb_pin_ent_live(const struct lb_compiler *c, u32 k)
{
	return c->pin_base + k < c->sp && c->stack[c->pin_base + k].loc == LOC_PIN;
}

/*
 * local.get beyond pin_mask's 64 indexes: with no LOC_PIN entry left,
 * the window starts again at the frame's height (every LOC_PIN entry
 * is in the current frame: a block spills them at its start).
 */
bool lb_pin_rebase(struct lb_compiler *c)
{
	u64 m = lb_pin_bits(c);
	u32 k;

	for (; m; m &= m - 1) {
		k = __builtin_ctzll(m);
		if (lb_pin_ent_live(c, k))
			return false;
	}
	c->pin_mask = 0;
	c->pin_base = c->frame_height;
	return c->sp - c->pin_base < 64;
}

/*
 * A copy of a pinned local in a register of its own, which an operator
 * that only reads it may take back (lb_pin_take()).
 */
static void lb_pin_copy_to(struct lb_compiler *c, u8 t, int pin, int r)
{
	bool fl = lb_is_float(t);

	c->pin_copy_start = lb_pc(&c->as);
	if (fl)
		lb_sse_rr(&c->as, 0, false, 0x0f28, r, pin);
	else
		lb_mov_rr(&c->as, lb_is64(t), r, pin);
	c->pin_copy_end = lb_pc(&c->as);
	c->pin_copy_reg = (u8)(r + (fl ? 16 : 0));
	c->pin_copy_pin = (u8)pin;
}

/* local.get as a copy: beyond pin_mask's 64 indexes. */
void lb_pinned_copy(struct lb_compiler *c, u8 t, int pin, u32 idx)
{
	int r = lb_is_float(t) ? lb_alloc_xmm(c) : lb_alloc_gpr(c, 0);

	lb_pin_copy_to(c, t, pin, r);
	lb_push_reg(c, t, r);
	lb_tag_local(c, idx, c->pin_copy_start);
}

/* LOC_PIN entry i becomes the copy local.get would have made. */
static void lb_pin_copy_one(struct lb_compiler *c, u32 i)
{
	struct lb_val *v = &c->stack[i];
	u32 idx = (u32)v->imm;
	bool fl = lb_is_float(v->type);
	int r = fl ? lb_alloc_xmm(c) : lb_alloc_gpr(c, 0);

	lb_pin_copy_to(c, v->type, v->reg, r);
	v->loc = LOC_REG;
	v->reg = (u8)r;
	v->imm = 0;
	c->owner[fl ? 16 + r : r] = i;
	lb_tag_entry(c, v, idx, c->pin_copy_start);
}

/*
 * A LOC_PIN entry popped by an operator that wants a register of its
 * own.  An entry below it that is LOC_PIN too is copied first, in the
 * order local.get made them: a binary operator's second operand is then
 * the last copy, which it may take back (lb_pin_take()).
 */
void lb_pin_copy_entry(struct lb_compiler *c, u32 i)
{
	if (i > c->frame_height && c->stack[i - 1].loc == LOC_PIN)
		lb_pin_copy_one(c, i - 1);
	lb_pin_copy_one(c, i);
}

/* Before the local in `pin` changes: its entries become copies. */
static __always_inline void lb_pin_flush_inline(struct lb_compiler *c,
						int pin, bool fl)
{
	u64 m = lb_pin_bits(c);
	u32 k, i;

	c->pin_mask = m;
	for (; m; m &= m - 1) {
		k = __builtin_ctzll(m);
		i = c->pin_base + k;
		if (!lb_pin_ent_live(c, k)) {
			c->pin_mask &= ~(1ULL << k);
		} else if (c->stack[i].reg == pin &&
			   lb_is_float(c->stack[i].type) == fl) {
			lb_pin_copy_one(c, i);
			c->pin_mask &= ~(1ULL << k);
		}
	}
}

void lb_pin_flush(struct lb_compiler *c, int pin, bool fl)
{
	lb_pin_flush_inline(c, pin, fl);
}

/* Every LOC_PIN entry to its slot (lb_spill_all: a merge or a C call). */
void lb_pin_spill_ents(struct lb_compiler *c)
{
	u64 m = lb_pin_bits(c);
	u32 i;

	for (; m; m &= m - 1) {
		i = c->pin_base + __builtin_ctzll(m);
		if (c->stack[i].loc != LOC_PIN)
			continue;
		lb_store_val(c, &c->stack[i], lb_slot(c, i));
		c->stack[i].loc = LOC_STACK;
		c->stack[i].imm = i;
	}
	c->pin_mask = 0;
}

/* --- local.set and local.tee of a pinned local ------------------------ */

int lb_op_pinned_local(struct lb_compiler *c, u8 op, u8 t, int pin, u32 idx)
{
	bool fl = lb_is_float(t), w = lb_is64(t);
	struct lb_val v;
	int ret, r;
	u64 lim, spec;

	ret = lb_pop_pin(c, t, &v);
	if (ret)
		return ret;
	if (v.loc == LOC_PIN && v.reg == pin) {
		/* its own value: nothing changes */
		if (op == 0x22)
			lb_pinned_get(c, t, pin, idx);
		return 0;
	}
	if (c->pin_mask)
		lb_pin_flush_inline(c, pin, fl);
	lb_local_written(c, idx);
	if (v.loc == LOC_PIN) {			/* another pinned local's */
		lb_load_val(c, &v, pin);
		if (op == 0x22)
			lb_pinned_get(c, t, pin, idx);
		return 0;
	}
	if (op == 0x21 && v.loc != LOC_REG) {
		lb_load_val(c, &v, pin);
		return 0;
	}
	/* a speculative bound goes with the value (lb_pin_derive) */
	spec = t == LB_TYPE_I32 ? v.imm & LB_TAG_SPEC : 0;
	if (spec) {
		c->pin_facts |= 1U << pin;
		c->pin_ext[pin] = 0;
		c->pin_spec[pin] = (u8)(8 * ((spec >> LB_TAG_SPEC_SHIFT) - 1) + 1);
	}
	if (op == 0x21 && lb_lget_take(c, &v, pin))
		return 0;
	if (op == 0x21) {
		/* another pinned local's value: one move, not two */
		r = lb_pc(&c->as) == c->pin_copy_end ? lb_pin_take(c, &v) : -1;
		if (r >= 0) {
			if (r != pin && fl)
				lb_sse_rr(&c->as, 0, false, 0x0f28, pin, r);
			else if (r != pin)
				lb_mov_rr(&c->as, w, pin, r);
			return 0;
		}
	}
	lim = lb_val_lim(&v);
	if (v.loc == LOC_REG && !fl &&
	    lb_pc(&c->as) == c->plea_end && v.reg == c->plea_reg &&
	    c->plea_end != c->plea_start && t == c->plea_type) {
		/*
		 * i = i + d: one lea into the local's register, which a tee
		 * leaves on the stack (a loop's i++ then its compare).
		 */
		lb_rewind(&c->as, c->plea_start);
		c->plea_end = c->plea_start;
		lb_lea(&c->as, w, pin, lb_mem_bd(c->plea_pin, c->plea_d));
		lb_free_reg(c, false, v.reg);
		if (op == 0x22) {
			lb_pinned_get(c, t, pin, idx);
			lb_set_lim(c, lim);
		}
		return 0;
	}
	r = lb_to_reg(c, &v, 0);
	if (fl)
		lb_sse_rr(&c->as, 0, false, 0x0f28, pin, r);
	else
		lb_mov_rr(&c->as, w, pin, r);
	if (op == 0x21) {
		lb_free_reg(c, fl, r);
	} else {
		lb_push_reg(c, t, r);		/* the same value, bound and all */
		lb_set_lim(c, lim);
		lb_tag_local(c, idx, lb_pc(&c->as));
		c->stack[c->sp - 1].imm |= spec;
	}
	return 0;
}

/* lb_pin_take() once the copy is known to be the last code emitted. */
int lb_pin_take_slow(struct lb_compiler *c, const struct lb_val *v)
{
	struct lb_asm *a = &c->as;

	if (a->buf != &c->code ||
	    v->reg + (lb_is_float(v->type) ? 16 : 0) != c->pin_copy_reg ||
	    c->pin_copy_end == c->pin_copy_start)
		return -1;
	lb_rewind(a, c->pin_copy_start);
	c->pin_copy_end = c->pin_copy_start;
	lb_free_reg(c, lb_is_float(v->type), v->reg);
	return c->pin_copy_pin;
}

/* Is the tag still the local's value (no write to it since)? */
static bool lb_tag_valid(const struct lb_compiler *c, u64 tag)
{
	u32 s = (u32)(tag >> 24), idx = (u32)(tag & 0xffffff);

	if (!(tag & LB_TAG_LOCAL) || c->lw_serial - s > 7)
		return false;		/* the log does not reach back */
	while (s != c->lw_serial)
		if (c->lw_log[++s & 7] == idx)
			return false;
	return true;
}

/*
 * A register entry among the top of the stack that holds the same value
 * as v (both tagged with the same local, no write to it since), or NULL.
 * Stack entries in registers never change, and none survives a block
 * boundary (they are spilled there), so equal tags mean equal values.
 */
struct lb_val *lb_tag_alias(struct lb_compiler *c, const struct lb_val *v)
{
	u32 i, lo = c->sp > 8 ? c->sp - 8 : 0;

	if (v->loc != LOC_REG || v->type != LB_TYPE_I32 ||
	    !lb_tag_valid(c, v->imm))
		return NULL;
	for (i = c->sp; i-- > lo;) {
		struct lb_val *e = &c->stack[i];

		if (e->loc == LOC_REG && e->type == LB_TYPE_I32 &&
		    (u32)(e->imm & 0xffffff) == (u32)(v->imm & 0xffffff) &&
		    lb_tag_valid(c, e->imm))
			return e;
	}
	return NULL;
}

/*
 * The pinned register whose local's current value v is (a copy tagged
 * with a pinned local that was not written since), or -1.
 */
int lb_pin_of(struct lb_compiler *c, const struct lb_val *v)
{
	u32 idx = (u32)(v->imm & 0xffffff);

	if (v->loc != LOC_REG || v->type != LB_TYPE_I32 ||
	    !lb_tag_valid(c, v->imm))
		return -1;
	return lb_pinned_reg(c, idx);
}

/*
 * The value just pushed is pinned register pin + d, a lea emitted at
 * start: remembered, so that local.set can write it to its local's
 * register directly.  If pin is at most mem_size - 8 + s on every path
 * (its local was checked in place) and d >= 0, an i32 value is at most
 * mem_size - 8 + s + d or, wrapped, below d: an access through it that
 * fails its check needs no clamp (LB_MEM_SLACK).  An empty memory has a
 * negative bound and wraps: only with a non-empty minimum.
 */
void lb_pin_derive(struct lb_compiler *c, int pin, s32 d, u32 start)
{
	struct lb_val *v = &c->stack[c->sp - 1];
	u64 s;

	if (c->as.buf == &c->code) {
		c->plea_start = start;
		c->plea_end = lb_pc(&c->as);
		c->plea_d = d;
		c->plea_reg = v->reg;
		c->plea_pin = (u8)pin;
		c->plea_type = v->type;
	}
	if (d < 0 || v->type != LB_TYPE_I32 ||
	    !(c->pin_facts & (1U << pin)) || !c->pin_spec[pin] ||
	    !c->m->memory.min)
		return;
	s = c->pin_spec[pin] - 1 + (u64)d;
	if (s <= LB_SPEC_MAX)
		v->imm |= ((s + 7) / 8 + 1) << LB_TAG_SPEC_SHIFT;
}
