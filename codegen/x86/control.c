// SPDX-License-Identifier: GPL-2.0
/*
 * Structured control flow: block, loop, if/else, end, br, br_if,
 * br_table, and the bookkeeping behind them (control frames, forward
 * branch lists, reachability).  See compiler.h for the merge invariant
 * that keeps every branch a simple move-then-jump.
 */
#include "compiler.h"

/* --- control frames and forward branches -------------------------- */

static noinline int lb_add_to_list_grow(struct lb_compiler *c, u32 *head,
					u32 at)
{
	if (lb_array_reserve((void **)&c->patches, &c->patches_cap,
			     c->npatches + 1, sizeof(struct lb_patch), 256)) {
		c->as.oom = true;	/* some callers go on: see the driver */
		return lb_fail(c, ENOMEM, "out of memory");
	}
	return lb_add_to_list(c, head, at);
}

/*
 * Add a rel32 ending at `at` to the list at *head (growing the list out
 * of line: a forward branch is too frequent to pay for a stack frame).
 */
int lb_add_to_list(struct lb_compiler *c, u32 *head, u32 at)
{
	struct lb_patch *n;

	if (c->as.buf != &c->code)
		return 0;
	if (unlikely(c->npatches >= c->patches_cap))
		return lb_add_to_list_grow(c, head, at);
	n = &c->patches[c->npatches];
	n->at = at;
	n->next = *head;
	*head = ++c->npatches;
	return 0;
}

static int lb_add_patch(struct lb_compiler *c, struct lb_ctrl *f, u32 at)
{
	if (c->as.buf != &c->code)
		return 0;
	f->end_reached = true;
	return lb_add_to_list(c, &f->patches, at);
}

void lb_bind_list(struct lb_compiler *c, u32 *head)
{
	u32 i = *head;
	u32 here = lb_pc(&c->as);

	c->lset_end = 0;	/* a label: registers hold nothing known */
	while (i) {
		lb_patch_rel32(&c->as, c->patches[i - 1].at, here);
		i = c->patches[i - 1].next;
	}
	*head = 0;
}

static void lb_bind_patches(struct lb_compiler *c, struct lb_ctrl *f)
{
	lb_bind_list(c, &f->patches);
}

/* Emission goes to the code buffer while live, to the sink while dead. */
static inline void lb_update_emit(struct lb_compiler *c)
{
	struct lb_ctrl *f = &c->ctrl[c->nctrl - 1];

	lb_asm_switch(&c->as, f->dead ? &c->sink : &c->code);
}

void lb_set_unreachable(struct lb_compiler *c)
{
	struct lb_ctrl *f = &c->ctrl[c->nctrl - 1];

	f->unreachable = true;
	f->dead = true;
	lb_cut_stack(c, f->height);
	lb_reset_regs(c);
	lb_update_emit(c);
}

/* lb_push_ctrl() with the array full or the nesting at its limit */
static noinline int lb_push_ctrl_grow(struct lb_compiler *c, u8 kind,
				      u32 nparams, const u8 *params,
				      u32 nresults, const u8 *results)
{
	if (c->nctrl >= LB_MAX_NESTING)
		return lb_fail(c, E2BIG, "nesting deeper than %u", LB_MAX_NESTING);
	if (lb_array_reserve((void **)&c->ctrl, &c->ctrl_cap, c->nctrl + 1,
			     sizeof(struct lb_ctrl), 64))
		return lb_fail(c, ENOMEM, "out of memory");
	return lb_push_ctrl(c, kind, nparams, params, nresults, results);
}

/*
 * Room for the frame is there but for the first push or two of a body
 * and a deeper nesting than ever before: the rest is out of line, so
 * that this needs no stack frame of its own.
 */
int lb_push_ctrl(struct lb_compiler *c, u8 kind, u32 nparams,
			const u8 *params, u32 nresults, const u8 *results)
{
	struct lb_ctrl *f;
	bool dead;

	if (unlikely(c->nctrl >= c->ctrl_cap || c->nctrl >= LB_MAX_NESTING))
		return lb_push_ctrl_grow(c, kind, nparams, params, nresults,
					 results);
	dead = c->nctrl ? c->ctrl[c->nctrl - 1].dead : false;
	f = &c->ctrl[c->nctrl++];
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->nparams = nparams;
	f->params = params;
	f->nresults = nresults;
	f->results = results;
	f->height = c->sp - nparams;
	c->frame_height = f->height;
	f->dead = dead;
	f->entered_dead = dead;
	return 0;
}

/* Read a block type: empty, one value type, or a type index. */
static int lb_read_blocktype(struct lb_compiler *c, u32 *np, const u8 **p,
			     u32 *nr, const u8 **r)
{
	s64 bt;
	int ret = lb_read_s33(&c->rd, &bt, c->err);

	if (ret)
		return ret;
	*np = 0;
	*p = NULL;
	if (bt == -64) {		/* 0x40 */
		*nr = 0;
		*r = NULL;
		return 0;
	}
	if (bt < 0) {
		u8 t = (u8)(bt & 0x7f);

		if (t == LB_TYPE_V128)
			return lb_fail(c, EOPNOTSUPP,
				       "SIMD (v128) is not supported yet");
		if (t != LB_TYPE_I32 && t != LB_TYPE_I64 &&
		    t != LB_TYPE_F32 && t != LB_TYPE_F64 && !lb_is_ref(t))
			return lb_fail(c, EINVAL, "malformed value type 0x%02x",
				       t);
		*nr = 1;
		*r = &c->single_type[t];
		return 0;
	}
	if ((u64)bt >= c->m->ntypes)
		return lb_fail(c, EINVAL, "unknown type %lld", (long long)bt);
	*np = c->m->types[bt].nparams;
	*p = c->m->types[bt].types;
	*nr = c->m->types[bt].nresults;
	*r = c->m->types[bt].types + *np;
	return 0;
}

/*
 * Entries [lo, lo + n), all in the current frame, against types; the
 * order and messages are those of popping them (lb_check_types_slow).
 */
static int lb_check_in_place(struct lb_compiler *c, u32 lo, u32 n,
			     const u8 *types)
{
	u32 i;

	for (i = n; i-- > 0;) {
		struct lb_val *e = &c->stack[lo + i];

		if (e->type == types[i])
			continue;
		if (e->type != LB_TYPE_ANY && types[i] != LB_TYPE_ANY)
			return lb_fail(c, EINVAL,
				       "type mismatch: expected %s, got %s",
				       lb_type_name(types[i]),
				       lb_type_name(e->type));
		if (e->type == LB_TYPE_ANY)
			e->type = types[i];
	}
	return 0;
}

/* lb_check_top_types() for n > 0 (popping and re-pushing keeps locations). */
int lb_check_types_slow(struct lb_compiler *c, u32 n, const u8 *types)
{
	const struct lb_ctrl *f = &c->ctrl[c->nctrl - 1];
	struct lb_val tmp[8], *v = tmp;
	u32 i;
	int ret = 0;

	/*
	 * The frame holds them all: check in place (a br_if carrying many
	 * values must not cost a pop and a push per value).
	 */
	if (c->sp - f->height >= n)
		return lb_check_in_place(c, c->sp - n, n, types);
	if (n > ARRAY_SIZE(tmp)) {
		v = lb_alloc(sizeof(*v) * n);
		if (!v)
			return lb_fail(c, ENOMEM, "out of memory");
	}
	for (i = n; i-- > 0;) {
		ret = lb_pop(c, types[i], &v[i]);
		if (ret)
			goto out;
	}
	ret = lb_stack_reserve(c, n);
	if (ret)
		goto out;
	for (i = 0; i < n; i++) {
		if (v[i].loc == LOC_REG)
			lb_push_reg(c, v[i].type, v[i].reg);
		else
			c->stack[c->sp++] = v[i];
	}
	if (c->sp > c->max_depth)
		c->max_depth = c->sp;
out:
	if (v != tmp)
		lb_free(v);
	return ret;
}

/*
 * Check the top n values' types without touching the stack: below an
 * unreachable frame's height any type matches (br_table's targets may
 * each meet the bottom type differently).
 */
int lb_peek_types(struct lb_compiler *c, u32 n, const u8 *types)
{
	const struct lb_ctrl *f = &c->ctrl[c->nctrl - 1];
	u32 have = c->sp - f->height, i = 0;

	if (n > have) {
		if (!f->unreachable)
			return lb_fail(c, EINVAL,
				       "type mismatch: expected %s, but the stack is empty",
				       lb_type_name(types[0]));
		i = n - have;	/* the missing ones match anything */
	}
	for (; i < n; i++) {
		const struct lb_val *v = &c->stack[c->sp - (n - i)];

		if (v->type != types[i] && v->type != LB_TYPE_ANY)
			return lb_fail(c, EINVAL,
				       "type mismatch: expected %s, got %s",
				       lb_type_name(types[i]),
				       lb_type_name(v->type));
	}
	return 0;
}

/*
 * At an end/else: exactly the frame's results must be on the stack.  From
 * LB_SETTLE_MIN on, they go to their slots (settled) for the merge, unless
 * the frame is the function's: see lb_spill_results().
 */
static noinline int lb_check_frame_end_slow(struct lb_compiler *c,
					    struct lb_ctrl *f, u32 n,
					    const u8 *types)
{
	int ret;

	/* nothing left after a branch: any results will do (lb_reset_to) */
	if (lb_nothing_to_branch(c))
		return 0;
	ret = n >= LB_SETTLE_MIN && f->kind != CTRL_FUNC ?
	      lb_settle_top(c, n, types) : lb_check_top_types(c, n, types);

	if (ret)
		return ret;
	if (c->sp != f->height + n &&
	    !(f->unreachable && c->sp < f->height + n))
		return lb_fail(c, EINVAL,
			       "type mismatch: %u values left at the end of a block that yields %u",
			       c->sp - f->height, n);
	return 0;
}

/* Most blocks yield nothing and leave nothing: no call for those. */
static __always_inline int lb_check_frame_end(struct lb_compiler *c,
					      struct lb_ctrl *f, u32 n,
					      const u8 *types)
{
	if (!n && c->sp == f->height)
		return 0;
	return lb_check_frame_end_slow(c, f, n, types);
}

/* Are the top n values each in its own slot? */
static bool lb_own_slots(const struct lb_compiler *c, u32 n)
{
	u32 i;

	for (i = c->sp - n; i < c->sp; i++)
		if (c->stack[i].loc != LOC_STACK || c->stack[i].imm != i)
			return false;
	return true;
}

/*
 * Slots [from, from + n) to [to, to + n), to < from, by ascending depth
 * (so an overlap is read before it is written), with the scratch
 * registers only:
 *
 *	mov	r11d, n
 * 1:	movsd	xmm15, [rbp + r11 * 8 + slot(from + n)]
 *	movsd	[rbp + r11 * 8 + slot(to + n)], xmm15
 *	sub	r11d, 1
 *	jnz	1b
 */
static void lb_copy_slots(struct lb_compiler *c, u32 from, u32 to, u32 n)
{
	lb_copy_loop(c, lb_slot(c, from + n), lb_slot(c, to + n), n);
}

/*
 * n quadwords from [src + 8 * i] to [dst + 8 * i], i = n down to 1, with
 * the scratch registers only (src and dst: a base and a displacement).
 */
void lb_copy_loop(struct lb_compiler *c, struct lb_mem src, struct lb_mem dst,
		  u32 n)
{
	struct lb_asm *a = &c->as;
	u32 top;

	src.index = LB_SCRATCH;
	src.scale = 8;
	dst.index = LB_SCRATCH;
	dst.scale = 8;
	lb_mov_ri(a, false, LB_SCRATCH, n);
	top = lb_pc(a);
	lb_sse_rm(a, 0xf2, false, 0x0f10, LB_XSCRATCH, src);
	lb_sse_rm(a, 0xf2, false, 0x0f11, LB_XSCRATCH, dst);
	lb_alu_ri(a, false, ALU_SUB, LB_SCRATCH, 1);
	lb_jump_back(a, CC_NE, top);
}

/*
 * lb_emit_return for results in their own slots, the results beyond the
 * first copied by a loop (rax counts -j: it is free until it receives
 * result 0).
 */
static void lb_return_from_slots(struct lb_compiler *c, u32 n)
{
	struct lb_asm *a = &c->as;
	u32 base = c->sp - n, top;
	struct lb_mem src = lb_slot(c, base);
	struct lb_mem dst = lb_mem_bd(RBP, (s32)(16 + 8 * c->nparams - 8));

	src.index = RAX;	/* result j: [rbp - 8 * j + slot(base)] */
	src.scale = 8;
	dst.index = LB_SCRATCH;	/* [rbp + 8 * j + 16 + 8 * nparams - 8] */
	dst.scale = 8;
	lb_mov_ri(a, false, LB_SCRATCH, n - 1);
	lb_mov_ri(a, true, RAX, (u64)-(s64)(n - 1));
	top = lb_pc(a);
	lb_sse_rm(a, 0xf2, false, 0x0f10, LB_XSCRATCH, src);
	lb_sse_rm(a, 0xf2, false, 0x0f11, LB_XSCRATCH, dst);
	lb_alu_ri(a, true, ALU_ADD, RAX, 1);
	lb_alu_ri(a, false, ALU_SUB, LB_SCRATCH, 1);
	lb_jump_back(a, CC_NE, top);
	lb_load_val(c, &c->stack[base],
		    lb_is_float(c->stack[base].type) ? 0 : RAX);
	lb_pin_epilogue(c);
	lb_byte(a, 0xc9);			/* leave */
	lb_emit_ret(c);
}

/* Values carried by a branch: the top n, moved to the target's slots. */
static void lb_move_branch_values(struct lb_compiler *c, u32 n, u32 height)
{
	u32 i, base = c->sp - n;

	if (n >= LB_COPY_LOOP_MIN && base > height && lb_own_slots(c, n)) {
		lb_copy_slots(c, base, height, n);
		return;
	}

	for (i = 0; i < n; i++) {
		struct lb_val *v = &c->stack[base + i];

		if (v->loc == LOC_STACK && v->imm == height + i)
			continue;
		lb_store_val(c, v, lb_slot(c, height + i));
	}
}

/*
 * lb_same_types() of different vectors.  Most such questions repeat one
 * of the last two (a call's params against the last call's results, and
 * its results against its params, call after call): the last two pairs
 * found equal are remembered.
 */
bool lb_same_types_slow(struct lb_compiler *c, const u8 *a, const u8 *b,
			u32 n)
{
	struct lb_same_pair *s;
	u32 i;

	for (i = 0; i < ARRAY_SIZE(c->same); i++) {
		s = &c->same[i];
		if (n == s->n && ((a == s->a && b == s->b) ||
				  (a == s->b && b == s->a)))
			return true;
	}
	if (memcmp(a, b, n))
		return false;
	s = &c->same[c->same_next];
	c->same_next ^= 1;
	s->a = a;
	s->b = b;
	s->n = n;
	return true;
}

/* Entries [lo, hi) into their own slots, their lims cleared. */
static void lb_settle_range(struct lb_compiler *c, u32 lo, u32 hi)
{
	u32 i;

	for (i = lo; i < hi; i++) {
		struct lb_val *v = &c->stack[i];

		if (v->loc != LOC_STACK || v->imm != i) {
			lb_store_val(c, v, lb_slot(c, i));
			lb_free_val(c, v);
			v->loc = LOC_STACK;
			v->imm = i;
		}
		v->lim = 0;	/* a merge may follow (see lb_reset_to) */
	}
}

/*
 * Check that the top n values have the given types and put each in its
 * own slot: what a branch carrying them, or a block taking or yielding
 * them, needs.  Settling the run last settled (or one ending like it)
 * again only looks at the entries popped or rewritten since, see
 * struct lb_compiler: k br_ifs carrying n values cost O(k + n), not
 * O(k * n).  Types are compared as bytes: a block's params and results,
 * or two blocks of one signature, are different vectors.
 */
int lb_settle_top(struct lb_compiler *c, u32 n, const u8 *types)
{
	u32 base = c->sp - n, from, mid;
	u32 k = c->settled_n < n ? c->settled_n : n;	/* the common part */
	int ret;

	if (c->sp - c->frame_height >= n && k &&
	    c->settled_sp == c->sp &&
	    lb_same_types(c, c->settled_types + c->settled_n - k,
			  types + n - k, k)) {
		/* [mid, from) are as settled; the top first, as in a full check */
		mid = c->sp - k;
		from = c->low_sp > mid + 1 ? c->low_sp - 1 : mid;
		ret = lb_check_in_place(c, from, c->sp - from,
					types + (from - base));
		if (!ret && mid > base)
			ret = lb_check_in_place(c, base, mid - base, types);
		if (ret)
			return ret;
		if (mid > base)
			lb_settle_range(c, base, mid);
	} else {
		ret = lb_check_top_types(c, n, types);
		if (ret)
			return ret;
		from = c->sp - n;	/* sp moves if values were missing */
	}
	lb_settle_range(c, from, c->sp);
	c->settled_types = types;
	c->settled_n = n;
	c->settled_sp = c->sp;
	c->low_sp = c->sp;
	return 0;
}

/*
 * Did the last lb_settle_top() of this opcode leave exactly the top n
 * values, of these types, settled?
 */
static bool lb_just_settled(struct lb_compiler *c, u32 n, const u8 *types)
{
	return c->settled_sp == c->sp && c->settled_n == n &&
	       c->low_sp == c->sp &&
	       lb_same_types(c, c->settled_types, types, n);
}

u32 lb_arity(const struct lb_ctrl *f, const u8 **types)
{
	if (f->kind == CTRL_LOOP) {
		*types = f->params;
		return f->nparams;
	}
	*types = f->results;
	return f->nresults;
}

/* Jump (unconditionally) to the label of frame f. */
int lb_jump_to(struct lb_compiler *c, struct lb_ctrl *f)
{
	if (f->kind == CTRL_LOOP) {
		lb_jump_back(&c->as, -1, f->label);
		return 0;
	}
	return lb_add_patch(c, f, lb_jmp(&c->as, 0));
}

int lb_jcc_to(struct lb_compiler *c, enum lb_cc cc, struct lb_ctrl *f)
{
	if (f->kind == CTRL_LOOP) {
		lb_jump_back(&c->as, cc, f->label);
		return 0;
	}
	return lb_add_patch(c, f, lb_jcc(&c->as, cc, 0));
}

/* Are the top n values already in the slots of a target at `height`? */
bool lb_in_place(struct lb_compiler *c, u32 n, u32 height)
{
	u32 i, base = c->sp - n;

	for (i = 0; i < n; i++) {
		const struct lb_val *v = &c->stack[base + i];

		if (v->loc != LOC_STACK || v->imm != height + i)
			return false;
	}
	return true;
}

/* Branch to the frame `depth` levels out (br), the values on top. */
static int lb_branch(struct lb_compiler *c, struct lb_ctrl *t)
{
	const u8 *types;
	u32 n = lb_arity(t, &types);

	if (t->kind == CTRL_FUNC) {
		if (n >= LB_COPY_LOOP_MIN && lb_own_slots(c, n))
			lb_return_from_slots(c, n);
		else
			lb_emit_return(c);
		return 0;
	}
	lb_move_branch_values(c, n, t->height);
	return lb_jump_to(c, t);
}

static int lb_read_label(struct lb_compiler *c, struct lb_ctrl **t)
{
	u32 depth;
	int ret = lb_read_u32(&c->rd, &depth, c->err);

	if (ret)
		return ret;
	if (depth >= c->nctrl)
		return lb_fail(c, EINVAL, "unknown label %u", depth);
	*t = &c->ctrl[c->nctrl - 1 - depth];
	return 0;
}

/*
 * A loop header with its poll check (the prologue has its own, merged
 * with the stack check); returns the loop's label.  rsp is never below
 * the stack limit here, so it is below poll_limit only when that was
 * tripped (see run.c).  A load and a compare, no store: nothing for the
 * next iteration to wait on.  The call is out of line, after the
 * function (lb_emit_poll_slow), so that entering the loop and every
 * iteration run straight through (no taken branch):
 *
 *	label:	mov r11, [r15 + exec]
 *		cmp rsp, [r11 + poll_limit]
 *		jb slow
 *	body:	...
 *	slow:	call poll_stub		(after the function)
 *		jmp body
 */
u32 lb_emit_poll(struct lb_compiler *c)
{
	struct lb_asm *a = &c->as;
	u32 label = lb_pc(a);

	lb_load(a, true, LB_SCRATCH, lb_mem_bd(LB_VMCTX_REG, LB_VMCTX_EXEC));
	lb_alu_rm(a, true, ALU_CMP, RSP,
		  lb_mem_bd(LB_SCRATCH, LB_EXEC_POLL_LIMIT));
	lb_add_to_list(c, &c->poll_slow, lb_jcc(a, CC_B, 0));
	return label;
}

/* The loop headers' calls to the poll stub, after the function. */
static void lb_emit_poll_slow(struct lb_compiler *c)
{
	struct lb_asm *a = &c->as;
	u32 i = c->poll_slow;

	while (i) {
		u32 at = c->patches[i - 1].at;

		lb_patch_rel32(a, at, lb_pc(a));
		lb_call(a, c->poll_stub);
		lb_jmp(a, at);
		i = c->patches[i - 1].next;
	}
	c->poll_slow = 0;
}

/*
 * A call was just emitted, and the callee's prologue polls.  In a loop's
 * own body (no block around the call), the code from here to the loop's
 * end runs only after the call, so its branches back to the loop need
 * not poll again: they go past the header's check.
 */
void lb_polled(struct lb_compiler *c)
{
	struct lb_ctrl *f = &c->ctrl[c->nctrl - 1];

	if (f->kind == CTRL_LOOP && c->as.buf == &c->code)
		f->label = f->body;
}

/* Everything in registers to its slot, and the top n values (constants too). */
static inline void lb_spill_with_top(struct lb_compiler *c, u32 n)
{
	if (n)
		lb_spill_below(c, c->sp - n);
	else
		lb_spill_all(c);
}

/*
 * Empty blocks right after a block: everything is in its slot already,
 * nothing to check or spill, only their frames to push, all the same.
 * Go opens one per resumption point of a function before its br_table,
 * 60 in a row on average (esbuild: 95% of its blocks).  A block past
 * LB_MAX_NESTING is left to the opcode loop, to fail where it is.
 */
static int lb_push_block_run(struct lb_compiler *c)
{
	const u8 *p = c->rd.p, *end = c->rd.end;
	u32 n = 0, i;
	int ret;

	if (end - p < 2 || p[0] != 0x02 || p[1] != 0x40)
		return 0;
	c->op_at = p;
	c->rd.p = p + 2;
	ret = lb_push_ctrl(c, CTRL_BLOCK, 0, NULL, 0, NULL);
	if (ret)
		return ret;
	/* the rest are copies of that one, up to the nesting limit */
	for (p += 2; end - p >= 2 && p[0] == 0x02 && p[1] == 0x40 &&
	     c->nctrl + n < LB_MAX_NESTING; p += 2)
		n++;
	if (!n)
		return 0;
	if (lb_array_reserve((void **)&c->ctrl, &c->ctrl_cap, c->nctrl + n,
			     sizeof(struct lb_ctrl), 64))
		return lb_fail(c, ENOMEM, "out of memory");
	for (i = 0; i < n; i++)
		c->ctrl[c->nctrl + i] = c->ctrl[c->nctrl - 1];
	c->nctrl += n;
	c->op_at = p - 2;
	c->rd.p = p;
	return 0;
}

int lb_op_block(struct lb_compiler *c, u8 kind)
{
	u32 np, nr;
	const u8 *p, *r;
	struct lb_val cond = { 0 };
	enum lb_cc cc = CC_NE;
	bool settle;
	int ret;

	ret = lb_read_blocktype(c, &np, &p, &nr, &r);
	if (ret)
		return ret;
	if (kind == CTRL_IF) {
		ret = lb_pop_pin(c, LB_TYPE_I32, &cond);
		if (ret)
			return ret;
	}
	/* the params into their slots (movs: flags survive), see below */
	settle = np >= LB_SETTLE_MIN;
	ret = settle ? lb_settle_top(c, np, p) : lb_check_top_types(c, np, p);
	if (ret)
		return ret;
	if (kind == CTRL_IF && cond.loc != LOC_FLAGS) {
		/* a pinned local's register: tested where it is */
		int rc = cond.loc == LOC_PIN ? cond.reg : lb_to_reg(c, &cond, 0);

		lb_spill_with_top(c, settle ? 0 : np);
		lb_test_rr(&c->as, false, rc, rc);
		lb_free_val(c, &cond);
	} else {
		if (kind == CTRL_IF)
			cc = (enum lb_cc)cond.cc;
		lb_spill_with_top(c, settle ? 0 : np);
	}
	ret = lb_push_ctrl(c, kind, np, p, nr, r);
	if (ret)
		return ret;
	lb_reset_regs(c);
	c->lset_end = 0;
	if (kind == CTRL_LOOP) {
		c->ctrl[c->nctrl - 1].label = lb_emit_poll(c);
		c->ctrl[c->nctrl - 1].body = lb_pc(&c->as);
	} else if (kind == CTRL_IF) {
		c->ctrl[c->nctrl - 1].else_jump =
			lb_jcc(&c->as, lb_cc_not(cc), 0);
	}
	return kind == CTRL_BLOCK ? lb_push_block_run(c) : 0;
}

/*
 * After a merge: the frame's values sit in their slots, nothing else.
 * If lb_check_frame_end() just settled them there (n values at the
 * frame's height: its results, the same as the params for an else),
 * the entries stay as they are.
 */
static int lb_reset_to(struct lb_compiler *c, u32 height, u32 n,
		       const u8 *types)
{
	u32 i;
	int ret;

	if (!n) {			/* most blocks */
		lb_cut_stack(c, height);
		lb_reset_regs(c);
		return 0;
	}
	if (n >= LB_SETTLE_MIN && c->sp == height + n &&
	    lb_just_settled(c, n, types)) {
		lb_reset_regs(c);
		return 0;
	}
	lb_cut_stack(c, height);
	ret = lb_stack_reserve(c, n);
	if (ret)
		return ret;
	for (i = 0; i < n; i++)
		lb_push_slot(c, types[i]);
	lb_reset_regs(c);
	return 0;
}

/* Everything in registers to its slot, the frame's results included. */
static void lb_spill_results(struct lb_compiler *c, const struct lb_ctrl *f)
{
	/* settled results are in their slots already (lb_check_frame_end) */
	lb_spill_with_top(c, f->nresults >= LB_SETTLE_MIN ? 0 : c->sp - f->height);
}

int lb_op_else(struct lb_compiler *c)
{
	struct lb_ctrl *f = &c->ctrl[c->nctrl - 1];
	int ret;

	if (f->kind != CTRL_IF)
		return lb_fail(c, EINVAL, "else without a matching if");
	ret = lb_check_frame_end(c, f, f->nresults, f->results);
	if (ret)
		return ret;
	if (!f->dead) {
		lb_spill_results(c, f);
		ret = lb_add_patch(c, f, lb_jmp(&c->as, 0));
		if (ret)
			return ret;
	}
	f->kind = CTRL_ELSE;
	f->unreachable = false;
	f->dead = f->entered_dead;
	lb_update_emit(c);
	if (f->else_jump && !f->dead)
		lb_patch_rel32(&c->as, f->else_jump, lb_pc(&c->as));
	f->else_jump = 0;
	c->lset_end = 0;	/* a label: registers hold nothing known */
	return lb_reset_to(c, f->height, f->nparams, f->params);
}

int lb_op_end(struct lb_compiler *c)
{
	struct lb_ctrl *f = &c->ctrl[c->nctrl - 1];
	bool live_after;
	u32 height, n;
	const u8 *types;
	int ret;

	ret = lb_check_frame_end(c, f, f->nresults, f->results);
	if (ret)
		return ret;
	if (f->kind == CTRL_FUNC) {
		if (!f->dead)
			lb_emit_return(c);
		c->nctrl--;
		c->frame_height = 0;
		lb_asm_switch(&c->as, &c->code);	/* its length is read */
		lb_emit_mem_slow(c);
		lb_emit_poll_slow(c);
		return LB_FUNC_END;
	}
	if (f->kind == CTRL_IF) {
		/* No else: the params pass through as the results. */
		if (f->nparams != f->nresults ||
		    (f->nparams && memcmp(f->params, f->results, f->nparams)))
			return lb_fail(c, EINVAL,
				       "type mismatch: if without else must yield its parameters");
	}
	if (!f->dead)
		lb_spill_results(c, f);
	live_after = !f->entered_dead &&
		     (!f->dead || f->end_reached ||
		      (f->kind == CTRL_IF && f->else_jump));
	/* Bind while still emitting into the real buffer if live. */
	lb_asm_switch(&c->as, &c->code);
	if (!f->entered_dead) {
		lb_bind_patches(c, f);
		if (f->kind == CTRL_IF && f->else_jump)
			lb_patch_rel32(&c->as, f->else_jump, lb_pc(&c->as));
	}
	height = f->height;
	n = f->nresults;
	types = f->results;
	c->nctrl--;
	c->frame_height = c->ctrl[c->nctrl - 1].height;
	c->ctrl[c->nctrl - 1].dead = !live_after;
	lb_update_emit(c);
	c->lset_end = 0;	/* a label: registers hold nothing known */
	return lb_reset_to(c, height, n, types);
}

/*
 * Nothing left of a frame that cannot be left (after a branch, its stack
 * is polymorphic): a br, br_table or return there matches any types and
 * its code is discarded, so it costs nothing per value it would carry.
 */
bool lb_nothing_to_branch(const struct lb_compiler *c)
{
	const struct lb_ctrl *f = &c->ctrl[c->nctrl - 1];

	return f->unreachable && c->sp == f->height;
}

int lb_op_br(struct lb_compiler *c)
{
	struct lb_ctrl *t;
	const u8 *types;
	u32 n;
	int ret = lb_read_label(c, &t);

	if (ret || lb_nothing_to_branch(c))
		return ret;
	n = lb_arity(t, &types);
	ret = lb_check_top_types(c, n, types);
	if (ret)
		return ret;
	ret = lb_branch(c, t);
	if (ret)
		return ret;
	lb_set_unreachable(c);
	return 0;
}

/*
 * The moves and jump of a branch to t, out of line.  With the values
 * all in their own slots (or none carried) it only depends on their
 * depth: t keeps it, and later branches from the same depth jump to it
 * instead of repeating it (a pad per branch would be a move per carried
 * value per br_if or br_table target).
 */
int lb_emit_pad(struct lb_compiler *c, struct lb_ctrl *t, u32 n,
		       bool keep)
{
	u32 at = lb_pc(&c->as);
	int ret = lb_branch(c, t);

	if (keep && c->as.buf == &c->code) {
		t->pad_at = at;
		t->pad_base = c->sp - n;
	}
	return ret;
}

/* t's kept pad, if it serves branches with the top n in their slots. */
u32 lb_kept_pad(struct lb_compiler *c, struct lb_ctrl *t, u32 n)
{
	return t->pad_at && t->pad_base == c->sp - n ? t->pad_at : 0;
}

int lb_op_br_if(struct lb_compiler *c)
{
	struct lb_ctrl *t;
	struct lb_val cond;
	const u8 *types;
	enum lb_cc cc = CC_NE;
	bool own = false, in_place;
	u32 n, pad;
	int ret = lb_read_label(c, &t);

	if (ret)
		return ret;
	ret = lb_pop_pin(c, LB_TYPE_I32, &cond);
	if (ret)
		return ret;
	n = lb_arity(t, &types);
	/*
	 * Store the carried values into their own slots once, on both
	 * paths, when they sit at the target's depth (then this and every
	 * later br_if to it is a bare jcc) or when there are several (then
	 * the pad moving them can be shared, see lb_emit_pad), instead of
	 * storing them all again on every taken path.  Movs and setcc keep
	 * the flags.
	 */
	if (n >= LB_SETTLE_MIN) {
		ret = lb_settle_top(c, n, types);
		own = true;
	} else {
		ret = lb_check_top_types(c, n, types);
		if (t->kind != CTRL_FUNC && c->sp - n == t->height) {
			lb_settle_range(c, c->sp - n, c->sp);
			own = true;
		}
	}
	if (ret)
		return ret;
	in_place = t->kind != CTRL_FUNC &&
		   ((own && c->sp - n == t->height) ||
		    lb_in_place(c, n, t->height));
	if (cond.loc == LOC_FLAGS) {
		cc = (enum lb_cc)cond.cc;
	} else if (cond.loc == LOC_PIN) {	/* the pinned register itself */
		lb_test_rr(&c->as, false, cond.reg, cond.reg);
	} else {
		int r = lb_to_reg(c, &cond, 0);

		lb_test_rr(&c->as, false, r, r);
		lb_free_reg(c, false, r);
	}
	own = own || !n;
	pad = own ? lb_kept_pad(c, t, n) : 0;
	if (in_place) {
		ret = lb_jcc_to(c, cc, t);
	} else if (pad) {
		lb_jcc(&c->as, cc, pad);
	} else {
		u32 skip = lb_jcc(&c->as, lb_cc_not(cc), 0);

		ret = lb_emit_pad(c, t, n, own);
		lb_patch_rel32(&c->as, skip, lb_pc(&c->as));
	}
	return ret;
}
