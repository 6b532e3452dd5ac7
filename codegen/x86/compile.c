// SPDX-License-Identifier: GPL-2.0
/*
 * The one-pass compiler's driver: the per-function opcode loop, locals,
 * globals, constants, parametric operators and structured control flow.
 * Operator families live in ops_*.c; the value stack in regalloc.c; the
 * module-level stubs and linking in link.c.
 */
#include "compiler.h"

int lb_fail(struct lb_compiler *c, int errno_val, const char *fmt, ...)
{
	va_list ap;

	if (!c->err->msg[0]) {
		va_start(ap, fmt);
		vsnprintf(c->err->msg, sizeof(c->err->msg), fmt, ap);
		va_end(ap);
		c->err->offset = c->op_offset;
	}
	return -errno_val;
}

bool lb_is_float(u8 type)
{
	return type == LB_TYPE_F32 || type == LB_TYPE_F64;
}

static bool lb_is_ref(u8 type)
{
	return type == LB_TYPE_FUNCREF || type == LB_TYPE_EXTERNREF;
}

const char *lb_type_name(u8 type)
{
	switch (type) {
	case LB_TYPE_I32: return "i32";
	case LB_TYPE_I64: return "i64";
	case LB_TYPE_F32: return "f32";
	case LB_TYPE_F64: return "f64";
	case LB_TYPE_V128: return "v128";
	case LB_TYPE_FUNCREF: return "funcref";
	case LB_TYPE_EXTERNREF: return "externref";
	default: return "any";
	}
}

int lb_add_reloc(struct lb_compiler *c, u32 at, u32 kind, u32 target)
{
	struct lb_reloc *n;

	if (c->as.buf != &c->code)
		return 0;		/* unreachable code: thrown away */
	if (c->nrelocs == c->relocs_cap) {
		u32 cap = c->relocs_cap ? c->relocs_cap * 2 : 256;

		n = lb_alloc(sizeof(*n) * cap);
		if (!n) {
			c->as.oom = true;
			return -ENOMEM;
		}
		if (c->nrelocs)
			memcpy(n, c->relocs, sizeof(*n) * c->nrelocs);
		lb_free(c->relocs);
		c->relocs = n;
		c->relocs_cap = cap;
	}
	n = &c->relocs[c->nrelocs++];
	n->at = at;
	n->kind = kind;
	n->target = target;
	return 0;
}

void lb_emit_call_helper(struct lb_compiler *c, u32 helper)
{
	lb_add_reloc(c, lb_call(&c->as, 0), RELOC_HELPER, helper);
}

/* ret, or a jump to the platform's return thunk. */
void lb_emit_ret(struct lb_compiler *c)
{
	if (lb_return_thunk())
		lb_add_reloc(c, lb_jmp(&c->as, 0), RELOC_HELPER,
			     HELPER_RETURN_THUNK);
	else
		lb_byte(&c->as, 0xc3);
}

/* jcc to the module's stub for `trap`. */
void lb_emit_trap_if(struct lb_compiler *c, enum lb_cc cc, u32 trap)
{
	lb_jcc(&c->as, cc, c->trap_stub[trap]);
}

/* --- control frames and forward branches -------------------------- */

/* Add a rel32 ending at `at` to the list at *head. */
static int lb_add_to_list(struct lb_compiler *c, u32 *head, u32 at)
{
	struct lb_patch *n;

	if (c->as.buf != &c->code)
		return 0;
	if (c->npatches == c->patches_cap) {
		u32 cap = c->patches_cap ? c->patches_cap * 2 : 256;

		n = lb_alloc(sizeof(*n) * cap);
		if (!n)
			return lb_fail(c, ENOMEM, "out of memory");
		if (c->npatches)
			memcpy(n, c->patches, sizeof(*n) * c->npatches);
		lb_free(c->patches);
		c->patches = n;
		c->patches_cap = cap;
	}
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

static void lb_bind_list(struct lb_compiler *c, u32 *head)
{
	u32 i = *head;
	u32 here = lb_pc(&c->as);

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
static void lb_update_emit(struct lb_compiler *c)
{
	struct lb_ctrl *f = &c->ctrl[c->nctrl - 1];

	c->as.buf = f->dead ? &c->sink : &c->code;
}

static void lb_set_unreachable(struct lb_compiler *c)
{
	struct lb_ctrl *f = &c->ctrl[c->nctrl - 1];

	f->unreachable = true;
	f->dead = true;
	c->sp = f->height;
	lb_reset_regs(c);
	lb_update_emit(c);
}

static int lb_push_ctrl(struct lb_compiler *c, u8 kind, u32 nparams,
			const u8 *params, u32 nresults, const u8 *results)
{
	struct lb_ctrl *f;
	bool dead = c->nctrl ? c->ctrl[c->nctrl - 1].dead : false;

	if (c->nctrl >= LB_MAX_NESTING)
		return lb_fail(c, E2BIG, "nesting deeper than %u", LB_MAX_NESTING);
	if (c->nctrl == c->ctrl_cap) {
		u32 cap = c->ctrl_cap ? c->ctrl_cap * 2 : 64;

		f = lb_alloc(sizeof(*f) * cap);
		if (!f)
			return lb_fail(c, ENOMEM, "out of memory");
		if (c->nctrl)
			memcpy(f, c->ctrl, sizeof(*f) * c->nctrl);
		lb_free(c->ctrl);
		c->ctrl = f;
		c->ctrl_cap = cap;
	}
	f = &c->ctrl[c->nctrl++];
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->nparams = nparams;
	f->params = params;
	f->nresults = nresults;
	f->results = results;
	f->height = c->sp - nparams;
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
 * Check that the top n values have the given types, leaving them where
 * they are (popping and re-pushing keeps their locations).
 */
int lb_check_top_types(struct lb_compiler *c, u32 n, const u8 *types)
{
	struct lb_val tmp[8], *v = tmp;
	u32 i, sp0;
	int ret = 0;

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
	sp0 = c->sp;
	ret = lb_stack_reserve(c, n);
	if (ret)
		goto out;
	for (i = 0; i < n; i++) {
		if (v[i].loc == LOC_REG) {
			lb_push_reg(c, v[i].type, v[i].reg);
		} else {
			c->stack[c->sp] = v[i];
			/* values made up by a polymorphic pop get a slot of
			 * their own depth (they are never emitted live) */
			if (v[i].loc == LOC_STACK)
				c->stack[c->sp].imm = v[i].imm;
			c->sp++;
		}
	}
	if (c->sp > c->max_depth)
		c->max_depth = c->sp;
	(void)sp0;
out:
	if (v != tmp)
		lb_free(v);
	return ret;
}

/* At an end/else: exactly the frame's results must be on the stack. */
static int lb_check_frame_end(struct lb_compiler *c, struct lb_ctrl *f,
			      u32 n, const u8 *types)
{
	int ret = lb_check_top_types(c, n, types);

	if (ret)
		return ret;
	if (c->sp != f->height + n &&
	    !(f->unreachable && c->sp < f->height + n))
		return lb_fail(c, EINVAL,
			       "type mismatch: %u values left at the end of a block that yields %u",
			       c->sp - f->height, n);
	return 0;
}

/* Values carried by a branch: the top n, moved to the target's slots. */
static void lb_move_branch_values(struct lb_compiler *c, u32 n, u32 height)
{
	u32 i, base = c->sp - n;

	for (i = 0; i < n; i++) {
		struct lb_val *v = &c->stack[base + i];

		if (v->loc == LOC_STACK && v->imm == height + i)
			continue;
		lb_store_val(c, v, lb_slot(c, height + i));
	}
}

static u32 lb_arity(const struct lb_ctrl *f, const u8 **types)
{
	if (f->kind == CTRL_LOOP) {
		*types = f->params;
		return f->nparams;
	}
	*types = f->results;
	return f->nresults;
}

/* Jump (unconditionally) to the label of frame f. */
static int lb_jump_to(struct lb_compiler *c, struct lb_ctrl *f)
{
	if (f->kind == CTRL_LOOP) {
		lb_jmp(&c->as, f->label);
		return 0;
	}
	return lb_add_patch(c, f, lb_jmp(&c->as, 0));
}

static int lb_jcc_to(struct lb_compiler *c, enum lb_cc cc, struct lb_ctrl *f)
{
	if (f->kind == CTRL_LOOP) {
		lb_jcc(&c->as, cc, f->label);
		return 0;
	}
	return lb_add_patch(c, f, lb_jcc(&c->as, cc, 0));
}

/* Are the top n values already in the slots of a target at `height`? */
static bool lb_in_place(struct lb_compiler *c, u32 n, u32 height)
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

/* The poll check at loop headers and function entry: see run.c. */
static void lb_emit_poll(struct lb_compiler *c)
{
	struct lb_asm *a = &c->as;
	u32 skip;

	lb_alu_mi(a, true, ALU_SUB,
		  lb_mem_bd(LB_VMCTX_REG, LB_VMCTX_POLL_COUNTER), 1);
	skip = lb_jcc8(a, CC_NS);
	lb_call(a, c->poll_stub);
	lb_bind8(a, skip);
}

static int lb_op_block(struct lb_compiler *c, u8 kind)
{
	u32 np, nr;
	const u8 *p, *r;
	struct lb_val cond = { 0 };
	enum lb_cc cc = CC_NE;
	int ret;

	ret = lb_read_blocktype(c, &np, &p, &nr, &r);
	if (ret)
		return ret;
	if (kind == CTRL_IF) {
		ret = lb_pop(c, LB_TYPE_I32, &cond);
		if (ret)
			return ret;
	}
	ret = lb_check_top_types(c, np, p);
	if (ret)
		return ret;
	if (kind == CTRL_IF && cond.loc != LOC_FLAGS) {
		int rc = lb_to_reg(c, &cond, 0);

		lb_spill_below(c, c->sp - np);
		lb_test_rr(&c->as, false, rc, rc);
		lb_free_reg(c, false, rc);
	} else {
		if (kind == CTRL_IF)
			cc = (enum lb_cc)cond.cc;
		lb_spill_below(c, c->sp - np);	/* movs: flags survive */
	}
	ret = lb_push_ctrl(c, kind, np, p, nr, r);
	if (ret)
		return ret;
	lb_reset_regs(c);
	if (kind == CTRL_LOOP) {
		c->ctrl[c->nctrl - 1].label = lb_pc(&c->as);
		lb_emit_poll(c);
	} else if (kind == CTRL_IF) {
		c->ctrl[c->nctrl - 1].else_jump =
			lb_jcc(&c->as, lb_cc_not(cc), 0);
	}
	return 0;
}

/* After a merge: the frame's values sit in their slots, nothing else. */
static int lb_reset_to(struct lb_compiler *c, u32 height, u32 n,
		       const u8 *types)
{
	u32 i;
	int ret;

	c->sp = height;
	ret = lb_stack_reserve(c, n);
	if (ret)
		return ret;
	for (i = 0; i < n; i++)
		lb_push_slot(c, types[i]);
	lb_reset_regs(c);
	return 0;
}

static int lb_op_else(struct lb_compiler *c)
{
	struct lb_ctrl *f = &c->ctrl[c->nctrl - 1];
	int ret;

	if (f->kind != CTRL_IF)
		return lb_fail(c, EINVAL, "else without a matching if");
	ret = lb_check_frame_end(c, f, f->nresults, f->results);
	if (ret)
		return ret;
	if (!f->dead) {
		lb_spill_below(c, f->height);
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
	return lb_reset_to(c, f->height, f->nparams, f->params);
}

static int lb_op_end(struct lb_compiler *c)
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
		return 0;
	}
	if (f->kind == CTRL_IF) {
		/* No else: the params pass through as the results. */
		if (f->nparams != f->nresults ||
		    (f->nparams && memcmp(f->params, f->results, f->nparams)))
			return lb_fail(c, EINVAL,
				       "type mismatch: if without else must yield its parameters");
	}
	if (!f->dead)
		lb_spill_below(c, f->height);
	live_after = !f->entered_dead &&
		     (!f->dead || f->end_reached ||
		      (f->kind == CTRL_IF && f->else_jump));
	/* Bind while still emitting into the real buffer if live. */
	c->as.buf = &c->code;
	if (!f->entered_dead) {
		lb_bind_patches(c, f);
		if (f->kind == CTRL_IF && f->else_jump)
			lb_patch_rel32(&c->as, f->else_jump, lb_pc(&c->as));
	}
	height = f->height;
	n = f->nresults;
	types = f->results;
	c->nctrl--;
	c->ctrl[c->nctrl - 1].dead = !live_after;
	lb_update_emit(c);
	return lb_reset_to(c, height, n, types);
}

static int lb_op_br(struct lb_compiler *c)
{
	struct lb_ctrl *t;
	const u8 *types;
	u32 n;
	int ret = lb_read_label(c, &t);

	if (ret)
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

static int lb_op_br_if(struct lb_compiler *c)
{
	struct lb_ctrl *t;
	struct lb_val cond;
	const u8 *types;
	enum lb_cc cc = CC_NE;
	u32 n;
	int ret = lb_read_label(c, &t);

	if (ret)
		return ret;
	ret = lb_pop(c, LB_TYPE_I32, &cond);
	if (ret)
		return ret;
	n = lb_arity(t, &types);
	ret = lb_check_top_types(c, n, types);
	if (ret)
		return ret;
	if (cond.loc == LOC_FLAGS) {
		cc = (enum lb_cc)cond.cc;
	} else {
		int r = lb_to_reg(c, &cond, 0);

		lb_test_rr(&c->as, false, r, r);
		lb_free_reg(c, false, r);
	}
	if (t->kind == CTRL_FUNC) {
		u32 skip = lb_jcc(&c->as, lb_cc_not(cc), 0);

		lb_emit_return(c);
		lb_patch_rel32(&c->as, skip, lb_pc(&c->as));
	} else if (lb_in_place(c, n, t->height)) {
		ret = lb_jcc_to(c, cc, t);
	} else {
		u32 skip = lb_jcc(&c->as, lb_cc_not(cc), 0);

		ret = lb_branch(c, t);
		lb_patch_rel32(&c->as, skip, lb_pc(&c->as));
	}
	return ret;
}

/*
 * br_table: a binary search over runs of equal targets (no indirect
 * jump, so nothing to retpoline and no table to index speculatively),
 * then a landing pad per distinct target that needs values moved.
 */
struct lb_brt_range {
	u32 lo;		/* first index of the run */
	u32 depth;	/* label depth */
};

struct lb_brt_node {
	u32 lo, hi;	/* ranges [lo, hi) */
	u32 bind;	/* jcc to bind here, 0 if none */
};

/* Does a branch to t need a pad (moves or a return sequence)? */
static bool lb_brt_needs_pad(struct lb_compiler *c, struct lb_ctrl *t, u32 n)
{
	return t->kind == CTRL_FUNC || !lb_in_place(c, n, t->height);
}

/* A jump (jcc when cc != -1) from the search tree towards target t. */
static int lb_brt_jump(struct lb_compiler *c, struct lb_ctrl *t, u32 n,
		       int cc)
{
	u32 at;

	if (!lb_brt_needs_pad(c, t, n))
		return cc < 0 ? lb_jump_to(c, t) :
				lb_jcc_to(c, (enum lb_cc)cc, t);
	at = cc < 0 ? lb_jmp(&c->as, 0) : lb_jcc(&c->as, (enum lb_cc)cc, 0);
	if (c->as.buf != &c->code)
		return 0;
	return lb_add_to_list(c, &t->brt_pad, at);
}

static int lb_op_br_table(struct lb_compiler *c)
{
	struct lb_brt_range *ranges = NULL;
	struct lb_brt_node *nodes = NULL;
	u32 *depths = NULL;
	struct lb_val idx;
	struct lb_ctrl *t;
	const u8 *types, *tt;
	u32 count, i, n, nr = 0, nn = 0;
	int ret, r;

	ret = lb_read_len(&c->rd, &count, c->err);
	if (ret)
		return ret;
	depths = lb_alloc(sizeof(*depths) * ((size_t)count + 1));
	ranges = lb_alloc(sizeof(*ranges) * ((size_t)count + 1));
	nodes = lb_alloc(sizeof(*nodes) * ((size_t)count + 2));
	if (!depths || !ranges || !nodes) {
		ret = lb_fail(c, ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i <= count; i++) {
		ret = lb_read_u32(&c->rd, &depths[i], c->err);
		if (ret)
			goto out;
		if (depths[i] >= c->nctrl) {
			ret = lb_fail(c, EINVAL, "unknown label %u", depths[i]);
			goto out;
		}
	}
	ret = lb_pop(c, LB_TYPE_I32, &idx);
	if (ret)
		goto out;
	t = &c->ctrl[c->nctrl - 1 - depths[count]];
	n = lb_arity(t, &types);
	for (i = 0; i < count; i++) {
		struct lb_ctrl *u = &c->ctrl[c->nctrl - 1 - depths[i]];

		if (lb_arity(u, &tt) != n) {
			ret = lb_fail(c, EINVAL,
				      "type mismatch: br_table targets have different arities");
			goto out;
		}
		ret = lb_check_top_types(c, n, tt);
		if (ret)
			goto out;
	}
	ret = lb_check_top_types(c, n, types);
	if (ret)
		goto out;

	r = lb_to_reg(c, &idx, 0);
	lb_spill_below(c, c->sp - n);
	for (i = 0; i <= count; i++)
		c->ctrl[c->nctrl - 1 - depths[i]].brt_pad = 0;

	/* index >= count (unsigned): the default. */
	if (count) {
		lb_alu_ri(&c->as, false, ALU_CMP, r, (s32)count);
		ret = lb_brt_jump(c, t, n, CC_AE);
	} else {
		ret = lb_brt_jump(c, t, n, -1);
	}
	if (ret)
		goto out;
	for (i = 0; i < count; i++) {
		if (nr && ranges[nr - 1].depth == depths[i])
			continue;
		ranges[nr].lo = i;
		ranges[nr].depth = depths[i];
		nr++;
	}
	if (nr) {
		nodes[0].lo = 0;
		nodes[0].hi = nr;
		nodes[0].bind = 0;
		nn = 1;
	}
	while (nn) {
		struct lb_brt_node nd = nodes[--nn];
		u32 mid;

		if (nd.bind)
			lb_patch_rel32(&c->as, nd.bind, lb_pc(&c->as));
		if (nd.hi - nd.lo == 1) {
			ret = lb_brt_jump(c, &c->ctrl[c->nctrl - 1 -
						       ranges[nd.lo].depth],
					  n, -1);
			if (ret)
				goto out;
			continue;
		}
		mid = nd.lo + (nd.hi - nd.lo) / 2;
		lb_alu_ri(&c->as, false, ALU_CMP, r, (s32)ranges[mid].lo);
		nodes[nn].lo = mid;
		nodes[nn].hi = nd.hi;
		nodes[nn].bind = lb_jcc(&c->as, CC_AE, 0);
		nn++;
		nodes[nn].lo = nd.lo;
		nodes[nn].hi = mid;
		nodes[nn].bind = 0;
		nn++;
	}
	lb_free_reg(c, false, r);

	/* One pad per distinct target that needs one; brt_pad empties. */
	for (i = 0; i <= count; i++) {
		struct lb_ctrl *u = &c->ctrl[c->nctrl - 1 - depths[i]];

		if (!u->brt_pad)
			continue;
		lb_bind_list(c, &u->brt_pad);
		ret = lb_branch(c, u);
		if (ret)
			goto out;
	}
	lb_set_unreachable(c);
out:
	lb_free(depths);
	lb_free(ranges);
	lb_free(nodes);
	return ret;
}

/* --- locals, globals, constants, parametric operators ---------------- */

static int lb_read_local(struct lb_compiler *c, u32 *idx)
{
	int ret = lb_read_u32(&c->rd, idx, c->err);

	if (ret)
		return ret;
	if (*idx >= c->nlocals)
		return lb_fail(c, EINVAL, "unknown local %u", *idx);
	return 0;
}

static void lb_load_mem(struct lb_compiler *c, u8 type, int reg,
			struct lb_mem m)
{
	if (lb_is_float(type))
		lb_sse_rm(&c->as, type == LB_TYPE_F64 ? 0xf2 : 0xf3, false,
			  0x0f10, reg, m);
	else
		lb_load(&c->as, lb_is64(type), reg, m);
}

static int lb_alloc_for(struct lb_compiler *c, u8 type)
{
	return lb_is_float(type) ? lb_alloc_xmm(c) : lb_alloc_gpr(c, 0);
}

static int lb_op_local(struct lb_compiler *c, u8 op)
{
	struct lb_val v;
	u32 idx;
	u8 t;
	int ret = lb_read_local(c, &idx), r;

	if (ret)
		return ret;
	t = c->local_types[idx];
	if (op == 0x20) {			/* local.get */
		r = lb_alloc_for(c, t);
		lb_load_mem(c, t, r, lb_local(c, idx));
		lb_push_reg(c, t, r);
		return 0;
	}
	ret = lb_pop(c, t, &v);
	if (ret)
		return ret;
	if (op == 0x21) {			/* local.set */
		lb_store_val(c, &v, lb_local(c, idx));
		lb_free_val(c, &v);
		return 0;
	}
	r = lb_to_reg(c, &v, 0);		/* local.tee */
	v.loc = LOC_REG;
	lb_store_val(c, &v, lb_local(c, idx));
	lb_push_reg(c, t, r);
	return 0;
}

static int lb_op_global(struct lb_compiler *c, u8 op)
{
	const struct lb_global *g;
	struct lb_val v;
	struct lb_mem cell;
	u32 idx;
	int ret = lb_read_u32(&c->rd, &idx, c->err), r;

	if (ret)
		return ret;
	if (idx >= c->m->nglobals)
		return lb_fail(c, EINVAL, "unknown global %u", idx);
	g = &c->m->globals[idx];
	cell = lb_mem_bd(LB_SCRATCH, (s32)(16 * idx));
	if (op == 0x23) {			/* global.get */
		r = lb_alloc_for(c, g->type);
		lb_load(&c->as, true, LB_SCRATCH,
			lb_mem_bd(LB_VMCTX_REG, LB_VMCTX_GLOBALS));
		lb_load_mem(c, g->type, r, cell);
		lb_push_reg(c, g->type, r);
		return 0;
	}
	if (!g->mut)
		return lb_fail(c, EINVAL, "global is immutable: global %u", idx);
	ret = lb_pop(c, g->type, &v);
	if (ret)
		return ret;
	r = lb_to_reg(c, &v, 0);
	lb_load(&c->as, true, LB_SCRATCH,
		lb_mem_bd(LB_VMCTX_REG, LB_VMCTX_GLOBALS));
	lb_store_val(c, &v, cell);
	lb_free_reg(c, lb_is_float(g->type), r);
	return 0;
}

static int lb_op_const(struct lb_compiler *c, u8 op)
{
	s64 sv;
	u32 u32v;
	u64 u64v;
	int ret;

	switch (op) {
	case 0x41:
		ret = lb_read_sleb(&c->rd, 32, &sv, c->err);
		if (!ret)
			lb_push_const(c, LB_TYPE_I32, (u32)sv);
		return ret;
	case 0x42:
		ret = lb_read_s64(&c->rd, &sv, c->err);
		if (!ret)
			lb_push_const(c, LB_TYPE_I64, (u64)sv);
		return ret;
	case 0x43:
		ret = lb_read_fixed32(&c->rd, &u32v, c->err);
		if (!ret)
			lb_push_const(c, LB_TYPE_F32, u32v);
		return ret;
	default:
		ret = lb_read_fixed64(&c->rd, &u64v, c->err);
		if (!ret)
			lb_push_const(c, LB_TYPE_F64, u64v);
		return ret;
	}
}

static int lb_op_select(struct lb_compiler *c, bool typed)
{
	struct lb_val cond, a, b;
	enum lb_cc cc = CC_NE;
	u8 t = LB_TYPE_ANY;
	int ret, ra, rb, rc = -1;

	if (typed) {
		u32 n;

		ret = lb_read_u32(&c->rd, &n, c->err);
		if (ret)
			return ret;
		if (n != 1)
			return lb_fail(c, EINVAL, "invalid result arity");
		ret = lb_read_u8(&c->rd, &t, c->err);
		if (ret)
			return ret;
		if (t == LB_TYPE_V128)
			return lb_fail(c, EOPNOTSUPP,
				       "SIMD (v128) is not supported yet");
		if (t != LB_TYPE_I32 && t != LB_TYPE_I64 && t != LB_TYPE_F32 &&
		    t != LB_TYPE_F64 && !lb_is_ref(t))
			return lb_fail(c, EINVAL, "malformed value type");
	}
	ret = lb_pop(c, LB_TYPE_I32, &cond);
	if (ret)
		return ret;
	ret = lb_pop(c, t, &b);
	if (ret)
		return ret;
	if (t == LB_TYPE_ANY)
		t = b.type;
	ret = lb_pop(c, t, &a);
	if (ret)
		return ret;
	if (t == LB_TYPE_ANY)
		t = a.type;
	if (!typed && (lb_is_ref(t) || t == LB_TYPE_V128))
		return lb_fail(c, EINVAL, "type mismatch: select needs a type for %s",
			       lb_type_name(t));
	if (t == LB_TYPE_ANY)
		t = LB_TYPE_I32;	/* unreachable: any will do */
	a.type = t;
	b.type = t;
	if (cond.loc == LOC_FLAGS)
		cc = (enum lb_cc)cond.cc;
	else
		rc = lb_to_reg(c, &cond, 0);
	/* Only movs from here to the cmov / jcc: the flags survive. */
	ra = lb_to_reg(c, &a, rc >= 0 ? 1U << rc : 0);
	if (lb_is_float(t)) {
		u32 skip;

		rb = lb_to_reg(c, &b, 0);
		if (rc >= 0) {
			lb_test_rr(&c->as, false, rc, rc);
			lb_free_reg(c, false, rc);
		}
		skip = lb_jcc8(&c->as, cc);
		lb_sse_rr(&c->as, 0, false, 0x0f28, ra, rb);
		lb_bind8(&c->as, skip);
		lb_free_reg(c, true, rb);
	} else {
		if (rc >= 0) {
			lb_test_rr(&c->as, false, rc, rc);
			lb_free_reg(c, false, rc);
		}
		if (b.loc == LOC_REG) {
			lb_cmov_rr(&c->as, lb_is64(t), lb_cc_not(cc), ra, b.reg);
			lb_free_reg(c, false, b.reg);
		} else if (b.loc == LOC_STACK) {
			lb_cmov_rm(&c->as, lb_is64(t), lb_cc_not(cc), ra,
				   lb_slot(c, (u32)b.imm));
		} else {
			lb_mov_ri(&c->as, lb_is64(t), LB_SCRATCH, b.imm);
			lb_cmov_rr(&c->as, lb_is64(t), lb_cc_not(cc), ra,
				   LB_SCRATCH);
		}
	}
	lb_push_reg(c, t, ra);
	return 0;
}

static int lb_op_ref(struct lb_compiler *c, u8 op)
{
	struct lb_val v;
	u32 idx;
	u8 t;
	int ret, r;

	if (op == 0xd0) {			/* ref.null t */
		ret = lb_read_u8(&c->rd, &t, c->err);
		if (ret)
			return ret;
		if (!lb_is_ref(t))
			return lb_fail(c, EINVAL, "malformed reference type");
		lb_push_const(c, t, 0);
		return 0;
	}
	if (op == 0xd1) {			/* ref.is_null */
		ret = lb_pop_any(c, &v);
		if (ret)
			return ret;
		if (v.type != LB_TYPE_ANY && !lb_is_ref(v.type))
			return lb_fail(c, EINVAL,
				       "type mismatch: ref.is_null of %s",
				       lb_type_name(v.type));
		v.type = LB_TYPE_I64;
		r = lb_to_reg(c, &v, 0);
		lb_test_rr(&c->as, true, r, r);
		lb_free_reg(c, false, r);
		lb_push_flags(c, CC_E);
		return 0;
	}
	ret = lb_read_u32(&c->rd, &idx, c->err);	/* ref.func */
	if (ret)
		return ret;
	if (idx >= c->m->nfuncs)
		return lb_fail(c, EINVAL, "unknown function %u", idx);
	if (!c->m->func_declared[idx])
		return lb_fail(c, EINVAL, "undeclared function reference");
	r = lb_alloc_gpr(c, 0);
	lb_load(&c->as, true, r, lb_mem_bd(LB_VMCTX_REG, LB_VMCTX_FUNCS));
	lb_load(&c->as, true, r, lb_mem_bd(r, (s32)(8 * idx)));
	lb_push_reg(c, LB_TYPE_FUNCREF, r);
	return 0;
}

/* --- the opcode loop -------------------------------------------------- */

/* Opcodes that consume a compare's flags directly. */
static bool lb_takes_flags(u8 op)
{
	return op == 0x04 || op == 0x0d || op == 0x1b || op == 0x45;
}

static int lb_op(struct lb_compiler *c, u8 op)
{
	struct lb_val v;
	u32 idx;
	int ret;

	switch (op) {
	case 0x00:				/* unreachable */
		lb_jmp(&c->as, c->trap_stub[LB_TRAP_UNREACHABLE]);
		lb_set_unreachable(c);
		return 0;
	case 0x01:				/* nop */
		return 0;
	case 0x02:
		return lb_op_block(c, CTRL_BLOCK);
	case 0x03:
		return lb_op_block(c, CTRL_LOOP);
	case 0x04:
		return lb_op_block(c, CTRL_IF);
	case 0x05:
		return lb_op_else(c);
	case 0x0b:
		return lb_op_end(c);
	case 0x0c:
		return lb_op_br(c);
	case 0x0d:
		return lb_op_br_if(c);
	case 0x0e:
		return lb_op_br_table(c);
	case 0x0f:				/* return */
		ret = lb_check_top_types(c, c->ft->nresults,
				   c->ft->types + c->ft->nparams);
		if (ret)
			return ret;
		lb_emit_return(c);
		lb_set_unreachable(c);
		return 0;
	case 0x10:
		ret = lb_read_u32(&c->rd, &idx, c->err);
		if (ret)
			return ret;
		return lb_op_call(c, idx);
	case 0x11:
		return lb_op_call_indirect(c);
	case 0x1a:				/* drop */
		ret = lb_pop_any(c, &v);
		if (!ret)
			lb_free_val(c, &v);
		return ret;
	case 0x1b:
		return lb_op_select(c, false);
	case 0x1c:
		return lb_op_select(c, true);
	case 0x20: case 0x21: case 0x22:
		return lb_op_local(c, op);
	case 0x23: case 0x24:
		return lb_op_global(c, op);
	case 0x41: case 0x42: case 0x43: case 0x44:
		return lb_op_const(c, op);
	case 0xd0: case 0xd1: case 0xd2:
		return lb_op_ref(c, op);
	case 0xfc:
		ret = lb_read_u32(&c->rd, &idx, c->err);
		if (ret)
			return ret;
		return lb_op_misc_prefix(c, idx);
	case 0xfd:
		return lb_fail(c, EOPNOTSUPP, "SIMD (v128) is not supported yet");
	default:
		break;
	}
	if (op >= 0x28 && op <= 0x40)
		return lb_op_memory(c, op);
	if ((op >= 0x45 && op <= 0x5a) || (op >= 0x67 && op <= 0x8a) ||
	    op == 0xa7 || op == 0xac || op == 0xad ||
	    (op >= 0xc0 && op <= 0xc4))
		return lb_op_int(c, op);
	if ((op >= 0x5b && op <= 0x66) || (op >= 0x8b && op <= 0xa6))
		return lb_op_float(c, op);
	if (op >= 0xa8 && op <= 0xbf)
		return lb_op_convert(c, op);
	return lb_fail(c, EINVAL, "illegal opcode 0x%02x", op);
}

static int lb_read_locals(struct lb_compiler *c)
{
	struct lb_reader save;
	u32 groups, i, n, total = c->nparams;
	u64 sum = c->nparams;
	u8 t;
	int ret;

	ret = lb_read_u32(&c->rd, &groups, c->err);
	if (ret)
		return ret;
	save = c->rd;
	for (i = 0; i < groups; i++) {		/* first pass: count */
		ret = lb_read_u32(&c->rd, &n, c->err);
		if (!ret)
			ret = lb_read_u8(&c->rd, &t, c->err);
		if (ret)
			return ret;
		sum += n;
		if (sum > LB_MAX_LOCALS)
			return lb_fail(c, EINVAL, "too many locals");
	}
	if (sum + 1 > c->locals_cap) {
		lb_free(c->local_types);
		c->local_types = lb_alloc(sum + 1);
		if (!c->local_types) {
			c->locals_cap = 0;
			return lb_fail(c, ENOMEM, "out of memory");
		}
		c->locals_cap = (u32)sum + 1;
	}
	if (c->nparams)
		memcpy(c->local_types, c->ft->types, c->nparams);
	c->rd = save;
	for (i = 0; i < groups; i++) {
		c->op_offset = lb_reader_offset(&c->rd);
		lb_read_u32(&c->rd, &n, c->err);
		lb_read_u8(&c->rd, &t, c->err);
		if (t == LB_TYPE_V128)
			return lb_fail(c, EOPNOTSUPP,
				       "SIMD (v128) is not supported yet");
		if (t != LB_TYPE_I32 && t != LB_TYPE_I64 && t != LB_TYPE_F32 &&
		    t != LB_TYPE_F64 && !lb_is_ref(t))
			return lb_fail(c, EINVAL, "malformed value type 0x%02x",
				       t);
		memset(c->local_types + total, t, n);
		total += n;
	}
	c->nlocals = total;
	return 0;
}

static void lb_emit_prologue(struct lb_compiler *c)
{
	struct lb_asm *a = &c->as;
	u32 nzero = c->nlocals - c->nparams, i;
	u8 *p;

	lb_endbr64(a);
	lb_push_r(a, RBP);
	lb_mov_rr(a, true, RBP, RSP);
	/* lea r11, [rsp - frame - outgoing]: patched at the end */
	p = lb_room(a);
	*p++ = 0x4c;
	*p++ = 0x8d;
	*p++ = 0x9c;
	*p++ = 0x24;
	p = lb_i32(p, 0);
	lb_done(a, p);
	c->frame_check_at = lb_pc(a) - 4;
	lb_alu_rm(a, true, ALU_CMP, LB_SCRATCH,
		  lb_mem_bd(LB_VMCTX_REG, LB_VMCTX_STACK_LIMIT));
	lb_emit_trap_if(c, CC_B, LB_TRAP_STACK_EXHAUSTED);
	/* sub rsp, imm32: patched at the end */
	p = lb_room(a);
	*p++ = 0x48;
	*p++ = 0x81;
	*p++ = 0xec;
	p = lb_i32(p, 0);
	lb_done(a, p);
	c->frame_size_at = lb_pc(a) - 4;
	lb_emit_poll(c);
	if (nzero <= 16) {
		for (i = 0; i < nzero; i++)
			lb_store_imm(a, true, lb_local(c, c->nparams + i), 0);
	} else {
		lb_lea(a, true, RDI, lb_local(c, c->nlocals - 1));
		lb_mov_ri(a, false, RCX, nzero);
		lb_mov_ri(a, false, RAX, 0);
		p = lb_room(a);
		*p++ = 0xf3;		/* rep stosq */
		*p++ = 0x48;
		*p++ = 0xab;
		lb_done(a, p);
	}
}

int lb_compile_function(struct lb_compiler *c, u32 func_idx,
			const u8 *body, u32 len, u64 offset,
			struct lb_error *err)
{
	struct lb_func_code *fc;
	u32 start, frame, check;
	u8 op;
	int ret;

	c->err = err;
	err->msg[0] = 0;
	c->func = func_idx;
	c->ft = lb_func_type(c->m, func_idx);
	c->nparams = c->ft->nparams;
	lb_reader_init(&c->rd, body, len, offset);
	c->op_offset = offset;
	ret = lb_read_locals(c);
	if (ret)
		return ret;

	c->as.buf = &c->code;
	while (lb_pc(&c->as) & 15)
		lb_byte(&c->as, 0xcc);
	start = lb_pc(&c->as);
	c->sp = 0;
	c->max_depth = 0;
	c->max_outgoing = 0;
	c->nctrl = 0;
	c->npatches = 0;
	lb_reset_regs(c);
	lb_emit_prologue(c);
	ret = lb_push_ctrl(c, CTRL_FUNC, 0, NULL, c->ft->nresults,
			   c->ft->types + c->ft->nparams);
	if (ret)
		return ret;

	while (c->nctrl) {
		c->op_offset = lb_reader_offset(&c->rd);
		ret = lb_read_u8(&c->rd, &op, c->err);
		if (ret)
			return ret;
		ret = lb_stack_reserve(c, 4);
		if (ret)
			return ret;
		if (!lb_takes_flags(op))
			lb_materialize_flags(c);
		if (c->as.buf == &c->sink)
			c->sink.len = 0;
		ret = lb_op(c, op);
		if (ret)
			return ret;
		if (c->as.oom)
			return lb_fail(c, ENOMEM, "out of memory for code");
	}
	if (!lb_reader_eof(&c->rd))
		return lb_fail(c, EINVAL, "section size mismatch: bytes after the function's end");

	frame = 8 * (c->nlocals - c->nparams + c->max_depth);
	frame = (frame + 15) & ~15U;
	check = frame + c->max_outgoing;
	lb_put32(c->code.data + c->frame_check_at, (u32)-(s32)check);
	lb_put32(c->code.data + c->frame_size_at, frame);

	fc = &c->m->func_code[func_idx - c->m->nimported_funcs];
	fc->offset = start;
	fc->len = lb_pc(&c->as) - start;
	return 0;
}
