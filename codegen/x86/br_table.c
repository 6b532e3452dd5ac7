// SPDX-License-Identifier: GPL-2.0
/*
 * br_table, built from control.c's branch primitives.
 */
#include "compiler.h"

/*
 * br_table: a binary search over runs of equal targets (no indirect
 * jump, so nothing to retpoline), then a landing pad per distinct target
 * that needs values moved.
 *
 * When the runs far outnumber the distinct targets (a long table over a
 * few labels), a table of target numbers (bytes, or u16 beyond 256
 * targets) stored in the code after the search maps the index to its
 * target, and the search is over those numbers: per entry one byte of
 * code instead of a compare and two jumps.
 *
 *	cmp	idx, count
 *	jae	default
 *	cmovae	idx, [vmctx + zero]	; Spectre v1: a mispredicted jae
 *	lea	r11, [rip + table]	;   reads entry 0
 *	movzx	idx, byte [r11 + idx]
 *	<binary search over 0 .. ntargets - 1>
 * table:	.byte	...
 */
struct lb_brt_range {
	u32 lo;		/* first index of the run */
	u32 depth;	/* label depth */
};

struct lb_brt_node {
	u32 lo, hi;	/* ranges [lo, hi) */
	u32 bind;	/* jcc to bind here, 0 if none */
};

/* lb_brt_jump() to a target that needs a pad */
static noinline int lb_brt_jump_pad(struct lb_compiler *c,
				    struct lb_ctrl *t, u32 n, int cc)
{
	u32 at = lb_kept_pad(c, t, n);

	if (at) {
		if (cc < 0)
			lb_jmp(&c->as, at);
		else
			lb_jcc(&c->as, (enum lb_cc)cc, at);
		return 0;
	}
	at = cc < 0 ? lb_jmp(&c->as, 0) : lb_jcc(&c->as, (enum lb_cc)cc, 0);
	if (c->as.buf != &c->code)
		return 0;
	return lb_add_to_list(c, &t->brt_pad, at);
}

/*
 * A jump (jcc when cc != -1) from the search tree towards target t:
 * through a pad if values move or it returns, else straight there (Go's
 * dispatch: every target), by a tail call that needs no stack frame.
 */
static inline int lb_brt_jump(struct lb_compiler *c, struct lb_ctrl *t,
			      u32 n, int cc)
{
	if (t->kind == CTRL_FUNC || (n && !lb_in_place(c, n, t->height)))
		return lb_brt_jump_pad(c, t, n, cc);
	return cc < 0 ? lb_jump_to(c, t) : lb_jcc_to(c, (enum lb_cc)cc, t);
}

/* The binary search on the index in r over ranges[0, nr). */
static int lb_brt_search(struct lb_compiler *c,
			 const struct lb_brt_range *ranges,
			 struct lb_brt_node *nodes, u32 nr, int r, u32 n)
{
	u32 nn = 0;
	int ret;

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
				return ret;
			continue;
		}
		mid = nd.lo + (nd.hi - nd.lo) / 2;
		lb_alu_ri(&c->as, false, ALU_CMP, r, (s32)ranges[mid].lo);
		if (nd.hi - mid == 1) {
			/* one range above: jae straight to its target */
			ret = lb_brt_jump(c, &c->ctrl[c->nctrl - 1 -
						       ranges[mid].depth],
					  n, CC_AE);
			if (ret)
				return ret;
		} else if (mid - nd.lo == 1) {
			/*
			 * one range below: jb straight to its target, and the
			 * ranges above follow (no jae there and jmp here)
			 */
			ret = lb_brt_jump(c, &c->ctrl[c->nctrl - 1 -
						       ranges[nd.lo].depth],
					  n, CC_B);
			if (ret)
				return ret;
			nodes[nn].lo = mid;
			nodes[nn].hi = nd.hi;
			nodes[nn].bind = 0;
			nn++;
			continue;
		} else {
			nodes[nn].lo = mid;
			nodes[nn].hi = nd.hi;
			nodes[nn].bind = lb_jcc(&c->as, CC_AE, 0);
			nn++;
		}
		nodes[nn].lo = nd.lo;
		nodes[nn].hi = mid;
		nodes[nn].bind = 0;
		nn++;
	}
	return 0;
}

/* lea r11, [rip + disp32]; returns the end of the disp32 to patch. */
static u32 lb_lea_rip_scratch(struct lb_asm *a)
{
	static const u8 insn[7] = { 0x4c, 0x8d, 0x1d };	/* REX.WR, modrm */
	u32 i;

	for (i = 0; i < ARRAY_SIZE(insn); i++)
		lb_byte(a, insn[i]);
	return lb_pc(a);
}

/* The table of target numbers, its load already emitted. */
static void lb_brt_emit_table(struct lb_compiler *c, const u32 *depths,
			      u32 count, u32 esize)
{
	u32 i;

	for (i = 0; i < count; i++) {
		u32 j = c->ctrl[c->nctrl - 1 - depths[i]].brt_idx - 1;

		lb_byte(&c->as, (u8)j);
		if (esize == 2)
			lb_byte(&c->as, (u8)(j >> 8));
	}
}

/*
 * The label depths, the distinct targets, the runs and the search's
 * nodes for a table of count + 1 labels, in one scratch area that the
 * next br_table reuses (Go's dispatch has thousands of them).
 */
_Static_assert(sizeof(struct lb_brt_range) == 2 * sizeof(u32) &&
	       sizeof(struct lb_brt_node) == 3 * sizeof(u32),
	       "br_table scratch is counted in u32 words");

static int lb_brt_arrays(struct lb_compiler *c, u32 count, u32 **depths,
			 u32 **targets, struct lb_brt_range **ranges,
			 struct lb_brt_node **nodes)
{
	u64 n = (u64)count + 2, words = 2 * n + 2 * n + 3 * n;
	u32 *w;

	if (words > 0xffffffffULL ||
	    lb_array_reserve((void **)&c->brt_scratch, &c->brt_scratch_cap,
			     (u32)words, sizeof(u32), 1024))
		return lb_fail(c, ENOMEM, "out of memory");
	w = c->brt_scratch;
	*depths = w;
	*targets = w + n;
	*ranges = (struct lb_brt_range *)(w + 2 * n);
	*nodes = (struct lb_brt_node *)(w + 4 * n);
	return 0;
}

int lb_op_br_table(struct lb_compiler *c)
{
	struct lb_brt_range *ranges;
	struct lb_brt_node *nodes;
	u32 *depths, *targets;
	struct lb_val idx;
	struct lb_ctrl *t;
	const u8 *types, *tt, *last = NULL;
	u32 count, i, n, nr = 0, k = 0, esize = 0, table_at = 0;
	int ret, r;

	ret = lb_read_len(&c->rd, &count, c->err);
	if (ret)
		return ret;
	ret = lb_brt_arrays(c, count, &depths, &targets, &ranges, &nodes);
	if (ret)
		return ret;
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
	/*
	 * Number the distinct targets; check each one's types once, and
	 * types met just before not again (n values to k targets of one
	 * signature cost O(k + n), not O(k * n)).
	 */
	for (i = 0; i <= count; i++) {
		struct lb_ctrl *u = &c->ctrl[c->nctrl - 1 - depths[i]];

		if (u->brt_idx)
			continue;
		u->brt_idx = ++k;
		targets[k - 1] = depths[i];
		if (i == count)
			break;
		if (lb_arity(u, &tt) != n) {
			ret = lb_fail(c, EINVAL,
				      "type mismatch: br_table targets have different arities");
			goto out;
		}
		/* the default's are checked below */
		if (lb_same_types(c, tt, types, n) ||
		    (last && lb_same_types(c, tt, last, n)))
			continue;
		ret = lb_peek_types(c, n, tt);
		if (ret)
			goto out;
		last = tt;
	}
	if (lb_nothing_to_branch(c)) {
		lb_set_unreachable(c);
		goto out;
	}
	/* all in their own slots: pads are kept */
	ret = n ? lb_settle_top(c, n, types) : 0;
	if (ret)
		goto out;

	r = lb_to_reg(c, &idx, 0);
	lb_spill_all(c);
	for (i = 0; i < k; i++)
		c->ctrl[c->nctrl - 1 - targets[i]].brt_pad = 0;
	for (i = 0; i < count; i++) {
		if (nr && ranges[nr - 1].depth == depths[i])
			continue;
		ranges[nr].lo = i;
		ranges[nr].depth = depths[i];
		nr++;
	}
	/* The table when it is smaller: a search leaf is ~17 bytes. */
	if (k <= 0x10000) {
		esize = k <= 0x100 ? 1 : 2;
		if ((u64)count * esize + 17ULL * k + 32 >= 17ULL * nr)
			esize = 0;
	}

	/* index >= count (unsigned): the default. */
	if (count) {
		lb_alu_ri(&c->as, false, ALU_CMP, r, (s32)count);
		ret = lb_brt_jump(c, t, n, CC_AE);
	} else {
		ret = lb_brt_jump(c, t, n, -1);
	}
	if (ret)
		goto out;
	if (esize) {
		struct lb_mem e = lb_mem_bid(LB_SCRATCH, r, 0);

		/* 32-bit: also clears the index's upper half */
		lb_cmov_rm(&c->as, false, CC_AE, r,
			   lb_mem_bd(LB_VMCTX_REG, LB_VMCTX_ZERO));
		table_at = lb_lea_rip_scratch(&c->as);
		e.scale = (u8)esize;
		lb_loadx(&c->as, false, esize == 1 ? 0x0fb6 : 0x0fb7, r, e);
		for (i = 0; i < k; i++) {
			ranges[i].lo = i;
			ranges[i].depth = targets[i];
		}
		nr = k;
	}
	ret = lb_brt_search(c, ranges, nodes, nr, r, n);
	if (ret)
		goto out;
	lb_free_reg(c, false, r);
	if (esize) {
		lb_patch_rel32(&c->as, table_at, lb_pc(&c->as));
		lb_brt_emit_table(c, depths, count, esize);
	}

	/* One pad per distinct target that needs one; brt_pad empties. */
	for (i = 0; i < k; i++) {
		struct lb_ctrl *u = &c->ctrl[c->nctrl - 1 - targets[i]];

		if (!u->brt_pad)
			continue;
		lb_bind_list(c, &u->brt_pad);
		ret = lb_emit_pad(c, u, n, true);
		if (ret)
			goto out;
	}
	lb_set_unreachable(c);
out:
	for (i = 0; i < k; i++)
		c->ctrl[c->nctrl - 1 - targets[i]].brt_idx = 0;
	return ret;
}
