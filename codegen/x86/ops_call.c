// SPDX-License-Identifier: GPL-2.0
/*
 * Calls and returns.  The caller's frame ends in a fixed outgoing area
 * (sized by the largest call, see lb_compile_function), so rsp never
 * moves around a call: parameter i sits at [rsp + 8 * (n - 1 - i)],
 * where the callee finds it at [rbp + 16 + 8 * (n - 1 - i)], and
 * results after the first come back through the slots above them.  The
 * first LB_NARG_REGS integer parameters travel in registers instead
 * (lb_arg_reg()); their slots are left for the callee to use as their
 * home.  Registers are caller-saved: live values are spilled before a
 * call, except the arguments, which are moved straight from where they
 * are.
 */
#include "compiler.h"

/* A register argument on its way: the value and where it goes. */
struct lb_arg_move {
	struct lb_val v;
	u8 dst;
	bool done;
};

/*
 * A call with this many parameters settles its arguments in their own
 * slots (lb_settle_top) and copies them to the outgoing area with a loop,
 * and its results back the same way: O(1) code and, for arguments or
 * results already settled, O(1) compile time, however long the signature
 * (calls taking and returning n values back to back would otherwise cost
 * O(n) each from two bytes of input).  From LB_COPY_LOOP_MIN on it does
 * so if they are settled already but for one (another call's results),
 * since stores straight to the outgoing area are faster code.
 */
#define LB_CALL_LOOP_MIN	16

static bool lb_call_loops(const struct lb_compiler *c,
			  const struct lb_functype *ft)
{
	u32 n = ft->nparams;

	return n >= LB_CALL_LOOP_MIN ||
	       (n >= LB_COPY_LOOP_MIN && c->settled_sp == c->sp &&
		c->settled_n + 1 >= n);
}

/*
 * Slots [base, base + n) to the outgoing area (they are in the same
 * order: slot base + i and parameter i both at 8 * (n - 1 - i) above the
 * lowest), with the scratch registers only:
 *
 *	mov	r11d, n
 * 1:	movsd	xmm15, [rbp + r11 * 8 + slot(base + n)]
 *	movsd	[rsp + r11 * 8 - 8], xmm15
 *	sub	r11d, 1
 *	jnz	1b
 */
static void lb_copy_args(struct lb_compiler *c, u32 base, u32 n)
{
	lb_copy_loop(c, lb_slot(c, base + n), lb_mem_bd(RSP, -8), n);
}

/*
 * Settled arguments of a direct call: copied by a loop, the register ones
 * then loaded from their slots (no parallel move to plan).  The same code
 * for the next call of this signature at this depth (call after call).
 */
static void lb_settled_args(struct lb_compiler *c,
			    const struct lb_functype *ft, u32 base)
{
	struct lb_replay *r = &c->replay[LB_REPLAY_CALL_ARGS];
	u32 i, k = 0, start = lb_pc(&c->as);

	if (lb_replay(c, r, (uintptr_t)ft, base))
		return;
	lb_copy_args(c, base, ft->nparams);
	for (i = 0; i < ft->reg_scan; i++)
		if (!lb_is_float(ft->types[i]) && k < LB_NARG_REGS)
			lb_load(&c->as, lb_is64(ft->types[i]), lb_arg_reg(k++),
				lb_slot(c, base + i));
	lb_replay_keep(c, r, (uintptr_t)ft, base, start);
}

/*
 * Store the top n values, a call's arguments, into the outgoing area,
 * except the register ones, which are left in mv[] (returns how many).
 * Classified by the callee's types, as its prologue does.  A direct call
 * (no prefix) whose arguments are settled loads those from their slots
 * at once: nothing else needs the argument registers before the call.
 */
static u32 lb_store_args(struct lb_compiler *c, const struct lb_functype *ft,
			 u32 prefix, struct lb_arg_move *mv)
{
	u32 n = ft->nparams, nres = ft->nresults, i, k = 0, scan;
	u32 base = c->sp - n, extra = nres > 1 ? nres - 1 : 0;
	u32 bytes = 8 * (n + extra + prefix);
	bool loop = c->call_loop, settled = loop && !prefix;

	if (bytes > c->max_outgoing)
		c->max_outgoing = bytes;
	if (settled)
		lb_settled_args(c, ft, base);
	else if (loop)		/* all of them: the register ones' too */
		lb_copy_args(c, base, n);
	scan = settled ? 0 : loop ? ft->reg_scan : n;
	for (i = 0; i < scan; i++) {
		struct lb_val *v = &c->stack[base + i];

		if (!lb_is_float(ft->types[i]) && k < LB_NARG_REGS) {
			mv[k].v = *v;
			mv[k].dst = (u8)lb_arg_reg(k);
			mv[k].done = false;
			k++;
			continue;
		}
		if (loop)
			continue;
		lb_store_val(c, v, lb_mem_bd(RSP, (s32)(8 * (n - 1 - i))));
		lb_free_val(c, v);
	}
	lb_cut_stack(c, base);
	if (loop && n > 1) {
		/*
		 * The entries of arguments 1 on stay settled above sp.  A push
		 * overwrites the first one (then the mark) before any other.
		 */
		c->stack[base].loc = LOC_STALE;
		c->stale_base = base;
		c->stale_types = ft->types + 1;
		c->stale_n = n - 1;
	}
	return k;
}

/* Does the argument move read a register (a temporary or a pin)? */
static bool lb_arg_reads_reg(const struct lb_arg_move *m)
{
	return m->v.loc == LOC_REG || m->v.loc == LOC_PIN;
}

/* The registers that pending moves write. */
static u32 lb_arg_dsts(const struct lb_arg_move *mv, u32 n)
{
	u32 dsts = 0, i;

	for (i = 0; i < n; i++)
		if (!mv[i].done)
			dsts |= 1U << mv[i].dst;
	return dsts;
}

/*
 * The register arguments into place: a parallel move.  A move whose
 * destination no pending move still reads goes first; what is left is
 * cycles of register moves, undone one xchg at a time (no scratch
 * register: r11 may hold the callee's address).  A pinned local's
 * register (LOC_PIN) is a source like a temporary, but may be read by
 * several moves (readers[] counts them) and is not freed: a caller-saved
 * pin that is an argument register comes back from its home after the
 * call, and a callee-saved one is never written.
 */
static void lb_move_args(struct lb_compiler *c, struct lb_arg_move *mv,
			 u32 n)
{
	u8 readers[16] = { 0 };
	u32 left = n, srcs = 0, i, j, d, s, t;
	bool progress;

	if (n == 1) {		/* nothing to order: Go's calls take just sp */
		if (mv->v.loc == LOC_REG)
			lb_free_reg(c, false, mv->v.reg);
		if (!lb_arg_reads_reg(mv) || mv->v.reg != mv->dst)
			lb_load_val(c, &mv->v, mv->dst);
		return;
	}
	for (i = 0; i < n; i++) {
		if (!lb_arg_reads_reg(&mv[i]))
			continue;
		if (mv[i].v.loc == LOC_REG)
			lb_free_reg(c, false, mv[i].v.reg);
		if (mv[i].v.reg == mv[i].dst) {
			mv[i].done = true;	/* in place already */
			left--;
		} else {
			readers[mv[i].v.reg]++;
			srcs |= 1U << mv[i].v.reg;
		}
	}
	while (left) {
		progress = false;
		for (i = 0; i < n; i++) {
			if (mv[i].done || (srcs & (1U << mv[i].dst)))
				continue;
			lb_load_val(c, &mv[i].v, mv[i].dst);
			mv[i].done = true;
			left--;
			progress = true;
			s = mv[i].v.reg;
			if (lb_arg_reads_reg(&mv[i]) && !--readers[s])
				srcs &= ~(1U << s);
		}
		if (progress || !left)
			continue;
		/*
		 * Every pending move waits on another: follow them and they
		 * come round in a cycle, of moves each reading the register
		 * that another writes (never a callee-saved pin: the xchg
		 * leaves another value in its source).
		 */
		for (i = 0; i < n; i++)
			if (!mv[i].done && lb_arg_reads_reg(&mv[i]) &&
			    (lb_arg_dsts(mv, n) & (1U << mv[i].v.reg)))
				break;
		/* the two registers trade values, and their readers */
		d = mv[i].dst;
		s = mv[i].v.reg;
		lb_rr(&c->as, 0, true, 0x87, d, s);
		mv[i].done = true;
		left--;
		readers[s]--;
		for (j = 0; j < n; j++) {
			if (mv[j].done || !lb_arg_reads_reg(&mv[j]))
				continue;
			if (mv[j].v.reg == d)
				mv[j].v.reg = (u8)s;
			else if (mv[j].v.reg == s)
				mv[j].v.reg = (u8)d;
		}
		t = readers[d];
		readers[d] = readers[s];
		readers[s] = (u8)t;
		/* a move whose value came to its own register is done */
		for (j = 0; j < n; j++) {
			if (mv[j].done || !lb_arg_reads_reg(&mv[j]) ||
			    mv[j].v.reg != mv[j].dst)
				continue;
			mv[j].done = true;
			left--;
			readers[mv[j].dst]--;
		}
		srcs &= ~(1U << d | 1U << s);
		srcs |= (readers[d] ? 1U << d : 0) | (readers[s] ? 1U << s : 0);
	}
}

/*
 * Results 1 to n - 1, from above the arguments (ascending) to slots
 * base + 1 on (descending), by a loop: r11 counts up to 0, g (a free
 * GPR) down.
 */
static void lb_copy_results(struct lb_compiler *c, const struct lb_functype *ft,
			    u32 base)
{
	struct lb_replay *r = &c->replay[LB_REPLAY_CALL_RESULTS];
	struct lb_asm *a = &c->as;
	int g = lb_alloc_gpr(c, 1U << RAX);
	/* result i (1 .. nres - 1) at r11 = i - nres: the loop ends at 0 */
	struct lb_mem src = lb_mem_bid(RSP, LB_SCRATCH,
				       8 * (s32)(ft->nparams + ft->nresults) -
				       8);
	struct lb_mem dst = lb_slot(c, base);
	u32 top, start = lb_pc(a);

	if (lb_replay(c, r, (uintptr_t)ft, base | (u64)g << 32)) {
		lb_free_reg(c, false, g);
		return;
	}
	src.scale = 8;
	dst.index = (u8)g;
	dst.scale = 8;
	lb_mov_ri(a, true, LB_SCRATCH, (u64)(1 - (s64)ft->nresults));
	lb_mov_ri(a, true, g, (u64)-1);
	top = lb_pc(a);
	lb_sse_rm(a, 0xf2, false, 0x0f10, LB_XSCRATCH, src);
	lb_sse_rm(a, 0xf2, false, 0x0f11, LB_XSCRATCH, dst);
	lb_alu_ri(a, true, ALU_SUB, g, 1);
	lb_alu_ri(a, true, ALU_ADD, LB_SCRATCH, 1);
	lb_jump_back(a, CC_NE, top);
	lb_replay_keep(c, r, (uintptr_t)ft, base | (u64)g << 32, start);
	lb_free_reg(c, false, g);
}

/*
 * After the call: push the results, those after the first copied by a
 * loop for a long signature, and then the first stored in its slot too:
 * all settled, as the next call of a chain wants its arguments.  If the
 * settled entries of an earlier call's arguments are still above sp, of
 * the types of results 1 on, those take them over and cost nothing per
 * value (a call taking n values after one returning them: O(1), not
 * O(n)).
 */
static int lb_call_results(struct lb_compiler *c, const struct lb_functype *ft)
{
	struct lb_asm *a = &c->as;
	u32 n = ft->nparams, nres = ft->nresults, base = c->sp, i;
	const u8 *rt = ft->types + n;
	bool loop = nres >= LB_CALL_LOOP_MIN || (nres > 1 && c->call_loop);
	bool reuse;
	int ret;

	ret = lb_stack_reserve(c, nres);
	if (ret)
		return ret;
	reuse = loop && c->stale_n && c->stale_base == base &&
		c->stack[base].loc == LOC_STALE && nres - 1 <= c->stale_n &&
		lb_same_types(c, rt + 1, c->stale_types, nres - 1);
	if (loop)
		lb_copy_results(c, ft, base);
	for (i = 0; i < nres; i++) {
		u8 t = rt[i];

		if (i == 0 && loop) {
			/* settled with the others: the next call takes them */
			if (lb_is_float(t))
				lb_sse_rm(a, 0xf2, false, 0x0f11, 0,
					  lb_slot(c, base));
			else
				lb_store(a, true, lb_slot(c, base), RAX);
			lb_push_slot(c, t);
			if (reuse)
				break;
			continue;
		}
		if (i == 0) {
			lb_claim(c, lb_is_float(t), lb_is_float(t) ? 0 : RAX);
			lb_push_reg(c, t, lb_is_float(t) ? 0 : RAX);
			continue;
		}
		if (!loop) {
			lb_load(a, true, LB_SCRATCH,
				lb_mem_bd(RSP, (s32)(8 * (n + i - 1))));
			lb_store(a, true, lb_slot(c, c->sp), LB_SCRATCH);
		}
		lb_push_slot(c, t);
	}
	if (loop) {
		/* all in their slots, lims clear (settled) */
		c->sp = base + nres;
		c->settled_types = rt;
		c->settled_n = nres;
		c->settled_sp = c->sp;
		c->low_sp = c->sp;
	} else if (nres > 1) {
		/* results 1 on */
		c->settled_types = rt + 1;
		c->settled_n = nres - 1;
		c->settled_sp = c->sp;
		c->low_sp = c->sp;
	}
	return 0;
}

static int lb_call_funcref(struct lb_compiler *c, const struct lb_functype *ft,
			   int rf);

/* Check a call's arguments; settle them if it copies them by a loop. */
static __always_inline int lb_check_args(struct lb_compiler *c,
					 const struct lb_functype *ft)
{
	c->call_loop = ft->nparams >= LB_COPY_LOOP_MIN && lb_call_loops(c, ft);
	if (unlikely(c->call_loop))
		return lb_settle_top(c, ft->nparams, ft->types);
	return lb_check_top_types(c, ft->nparams, ft->types);
}

/*
 * Calls back to back, each taking the values the last one returned, all
 * settled (a call with as many results as parameters, copied by loops):
 * every one of them finds the state the one before found, so emits the
 * same code.  The first such call is remembered with the state around
 * it; a call of the same function right after it (nothing emitted or
 * popped since) when that state was left as it was found, copies its
 * code: two bytes of input would otherwise cost the host a few hundred
 * instructions per value-moving loop (n values to 2 bytes of input).
 */
static bool lb_stale_mark(const struct lb_compiler *c)
{
	return c->stale_n && c->stale_base < c->stack_cap &&
	       c->stack[c->stale_base].loc == LOC_STALE;
}

static void lb_call_state(const struct lb_compiler *c, struct lb_call_state *s)
{
	s->settled_types = c->settled_types;
	s->stale_types = c->stale_types;
	s->pin_mask = c->pin_mask;
	s->sp = c->sp;
	s->low_sp = c->low_sp;
	s->settled_n = c->settled_n;
	s->settled_sp = c->settled_sp;
	s->stale_base = c->stale_base;
	s->stale_n = c->stale_n;
	s->gpr_free = c->gpr_free;
	s->xmm_free = c->xmm_free;
	s->flags_sp = c->flags_sp;
	s->nctrl = c->nctrl;
	s->npinned = c->npinned;
	s->stale_mark = lb_stale_mark(c);
}

/*
 * Is the state what lb_call_state() saw into s?  Field by field, the
 * likeliest to differ first: this runs before every such call.
 */
static bool lb_call_state_is(const struct lb_compiler *c,
			     const struct lb_call_state *s)
{
	return c->sp == s->sp && c->settled_n == s->settled_n &&
	       c->settled_sp == s->settled_sp && c->low_sp == s->low_sp &&
	       c->settled_types == s->settled_types &&
	       c->stale_n == s->stale_n && c->stale_base == s->stale_base &&
	       c->stale_types == s->stale_types &&
	       c->pin_mask == s->pin_mask && c->gpr_free == s->gpr_free &&
	       c->xmm_free == s->xmm_free && c->flags_sp == s->flags_sp &&
	       c->nctrl == s->nctrl && c->npinned == s->npinned &&
	       lb_stale_mark(c) == s->stale_mark;
}

/* Is this call of func the remembered one again, in the same state? */
static bool lb_call_again(struct lb_compiler *c, u32 func)
{
	return c->call_memo.valid && c->call_memo.func == func &&
	       lb_pc(&c->as) == c->call_memo.end && c->as.buf == &c->code &&
	       lb_call_state_is(c, &c->call_memo.st);
}

/* Its code again: the call relocated, the bound loads recorded. */
static void lb_call_replay(struct lb_compiler *c)
{
	struct lb_call_memo *mo = &c->call_memo;
	struct lb_asm *a = &c->as;
	u32 start = lb_pc(a), len = mo->end - mo->start, i;

	/* the buffer may move: offsets; the old code ends where this starts */
	if (!lb_asm_reserve(a, len))
		return;
	memcpy(a->p, a->base + mo->start, len);
	lb_done(a, a->p + len);
	lb_add_reloc(c, start + mo->rel, RELOC_FUNC, mo->func);
	for (i = 0; i < mo->nbound; i++)
		lb_note_bound_load(c, start + mo->bound_at[i]);
	mo->start = start;
	mo->end = lb_pc(a);
	lb_polled(c);
}

/* Remember the call just compiled if it left the state as it found it. */
static void lb_call_remember(struct lb_compiler *c, u32 func, u32 start,
			     u32 rel, u32 slow0, const struct lb_call_state *st)
{
	struct lb_call_memo *mo = &c->call_memo;
	u32 i;

	mo->valid = false;
	if (c->as.buf != &c->code || c->as.oom || c->nmem_slow - slow0 > 2 ||
	    !lb_call_state_is(c, st))
		return;
	for (i = slow0; i < c->nmem_slow; i++) {
		if (c->mem_slow[i].log2 != LB_SLOW_BOUND_LOAD)
			return;
		mo->bound_at[i - slow0] = c->mem_slow[i].at - start;
	}
	mo->nbound = c->nmem_slow - slow0;
	mo->start = start;
	mo->end = lb_pc(&c->as);
	mo->rel = rel - start;
	mo->func = func;
	mo->st = *st;
	mo->valid = true;
}

int lb_op_call(struct lb_compiler *c, u32 func)
{
	struct lb_arg_move mv[LB_NARG_REGS];
	const struct lb_functype *ft;
	struct lb_call_state before;
	u32 nmv, start = 0, slow0 = 0, rel;
	bool memo;
	int ret;

	if (func >= c->m->nfuncs)
		return lb_fail(c, EINVAL, "unknown function %u", func);
	if (lb_call_again(c, func)) {
		lb_call_replay(c);
		return 0;
	}
	ft = lb_func_type(c->m, func);
	/* see lb_call_again: back to back, as many results as params */
	memo = ft->nparams == ft->nresults &&
	       ft->nparams >= LB_COPY_LOOP_MIN &&
	       func >= c->m->nimported_funcs;
	if (memo) {
		lb_call_state(c, &before);
		start = lb_pc(&c->as);
		slow0 = c->nmem_slow;
	}
	ret = lb_check_args(c, ft);
	if (ret)
		return ret;
	memo = memo && c->call_loop;
	lb_spill_under(c, c->sp - ft->nparams);
	lb_pin_save(c);
	if (func < c->m->nimported_funcs) {
		int rf = lb_alloc_gpr(c, 0);

		lb_load(&c->as, true, rf,
			lb_mem_bd(LB_VMCTX_REG, LB_VMCTX_FUNCS));
		lb_load(&c->as, true, rf, lb_mem_bd(rf, (s32)(8 * func)));
		return lb_call_funcref(c, ft, rf);
	}
	nmv = lb_store_args(c, ft, 0, mv);
	if (nmv)
		lb_move_args(c, mv, nmv);
	rel = lb_call(&c->as, 0);
	lb_add_reloc(c, rel, RELOC_FUNC, func);
	lb_polled(c);
	lb_pin_restore(c);
	ret = lb_call_results(c, ft);
	if (!ret && memo)
		lb_call_remember(c, func, start, rel, slow0, &before);
	else
		c->call_memo.valid = false;
	return ret;
}

/*
 * call_indirect: bounds-check the index against the table (clamped
 * for Spectre), null-check the entry, compare signature ids, and call
 * with the callee's own vmctx (it may belong to another instance), r15
 * saved on the stack above the arguments.
 */
int lb_op_call_indirect(struct lb_compiler *c)
{
	struct lb_asm *a = &c->as;
	const struct lb_functype *ft;
	struct lb_val idx;
	u32 type, table;
	int ret, ri, rf;
	u64 sig;

	ret = lb_read_u32(&c->rd, &type, c->err);
	if (!ret)
		ret = lb_read_u32(&c->rd, &table, c->err);
	if (ret)
		return ret;
	if (type >= c->m->ntypes)
		return lb_fail(c, EINVAL, "unknown type %u", type);
	if (table >= c->m->ntables)
		return lb_fail(c, EINVAL, "unknown table %u", table);
	if (c->m->tables[table].elem_type != LB_TYPE_FUNCREF)
		return lb_fail(c, EINVAL,
			       "type mismatch: call_indirect through a table of externref");
	ft = &c->m->types[type];
	sig = c->m->type_sig[type];
	ret = lb_pop(c, LB_TYPE_I32, &idx);
	if (!ret)
		ret = lb_check_args(c, ft);
	if (ret)
		return ret;
	/* a long signature may need the C comparison: nothing live then */
	if (!(sig & 1))
		lb_spill_below(c, c->call_loop ? c->sp : c->sp - ft->nparams);
	lb_spill_under(c, c->sp - ft->nparams);
	lb_pin_save(c);
	ri = lb_to_reg(c, &idx, 0);
	rf = lb_alloc_gpr(c, 1U << ri);

	lb_load(a, true, rf, lb_mem_bd(LB_VMCTX_REG, LB_VMCTX_TABLES));
	lb_load(a, true, rf, lb_mem_bd(rf, (s32)(8 * table)));
	lb_alu_rm(a, false, ALU_CMP, ri, lb_mem_bd(rf, LB_TABLE_SIZE));
	lb_emit_trap_if(c, CC_AE, LB_TRAP_TABLE_OOB);
	lb_cmov_rm(a, true, CC_AE, ri, lb_mem_bd(LB_VMCTX_REG, LB_VMCTX_ZERO));
	lb_load(a, true, rf, lb_mem_bd(rf, LB_TABLE_ELEMS));
	{
		struct lb_mem e = lb_mem_bid(rf, ri, 0);

		e.scale = 8;
		lb_load(a, true, rf, e);
	}
	lb_free_reg(c, false, ri);
	lb_test_rr(a, true, rf, rf);
	lb_emit_trap_if(c, CC_E, LB_TRAP_INDIRECT_NULL);
	lb_mov_ri(a, true, LB_SCRATCH, sig);
	lb_alu_rm(a, true, ALU_CMP, LB_SCRATCH, lb_mem_bd(rf, LB_FUNCREF_SIG));
	if (sig & 1) {
		/* encoded ids are exact across modules */
		lb_emit_trap_if(c, CC_NE, LB_TRAP_SIG_MISMATCH);
	} else {
		/* another module's id for a long signature: compare types */
		u32 same = lb_jcc(a, CC_E, 0);

		lb_push_r(a, rf);
		lb_alu_ri(a, true, ALU_SUB, RSP, 8);
		lb_mov_rr(a, true, RDI, rf);
		lb_mov_rr(a, true, RSI, LB_SCRATCH);
		lb_emit_call_helper(c, HELPER_SIG_EQUAL);
		/* the answer aside: rf, popped next, may be rax */
		lb_mov_rr(a, false, LB_SCRATCH, RAX);
		lb_alu_ri(a, true, ALU_ADD, RSP, 8);
		lb_pop_r(a, rf);
		lb_test_rr(a, false, LB_SCRATCH, LB_SCRATCH);
		lb_emit_trap_if(c, CC_E, LB_TRAP_SIG_MISMATCH);
		lb_patch_rel32(a, same, lb_pc(a));
	}

	return lb_call_funcref(c, ft, rf);
}

/*
 * Call the function that funcref register rf points to: it may belong to
 * another instance, so r15 is saved above the arguments and the callee's
 * vmctx and memory base are loaded for the call.  The caller saved the
 * caller-saved pins; they come back here.  The register arguments move
 * last, when rf is no longer needed (it may be one of their registers).
 */
static int lb_call_funcref(struct lb_compiler *c, const struct lb_functype *ft,
			   int rf)
{
	struct lb_asm *a = &c->as;
	struct lb_arg_move mv[LB_NARG_REGS];
	u32 nres = ft->nresults, nmv;
	struct lb_mem save = lb_mem_bd(RSP, (s32)(8 * (ft->nparams +
						       (nres > 1 ? nres - 1 : 0))));

	nmv = lb_store_args(c, ft, 1, mv);
	lb_store(a, true, save, LB_VMCTX_REG);
	/* the callee runs in our invocation: hand it our exec */
	lb_load(a, true, LB_SCRATCH, lb_mem_bd(LB_VMCTX_REG, LB_VMCTX_EXEC));
	lb_load(a, true, LB_VMCTX_REG, lb_mem_bd(rf, LB_FUNCREF_VMCTX));
	lb_store(a, true, lb_mem_bd(LB_VMCTX_REG, LB_VMCTX_EXEC), LB_SCRATCH);
	lb_load(a, true, LB_MEMBASE_REG,
		lb_mem_bd(LB_VMCTX_REG, LB_VMCTX_MEM_BASE));
	lb_load(a, true, LB_SCRATCH, lb_mem_bd(rf, LB_FUNCREF_CODE));
	lb_free_reg(c, false, rf);
	if (nmv)
		lb_move_args(c, mv, nmv);
	if (lb_indirect_thunk(LB_SCRATCH))
		lb_add_reloc(c, lb_call(a, 0), RELOC_HELPER,
			     HELPER_INDIRECT_THUNK + LB_SCRATCH);
	else
		lb_call_r(a, LB_SCRATCH);
	lb_polled(c);
	lb_load(a, true, LB_VMCTX_REG, save);
	if (c->m->has_memory)		/* the callee may have grown it */
		lb_load(a, true, LB_MEMBASE_REG,
			lb_mem_bd(LB_VMCTX_REG, LB_VMCTX_MEM_BASE));
	lb_pin_restore(c);		/* reloads the bound from our vmctx */
	return lb_call_results(c, ft);
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
	lb_pin_epilogue(c);
	lb_byte(&c->as, 0xc9);			/* leave */
	lb_emit_ret(c);
}
