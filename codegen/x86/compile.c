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
		c->err->offset = lb_op_offset(c);
	}
	return -errno_val;
}

/*
 * The buffer is full: make room (see lb_room), or write harmlessly.  The
 * sink just starts over: whatever unreachable code patches in it is at
 * an offset it had, so inside it.
 */
void lb_asm_grow(struct lb_asm *a)
{
	if (a->buf == a->sink)
		lb_rewind(a, 0);
	else
		lb_asm_reserve(a, 0);
}

/*
 * Room for n bytes at once in the code buffer (not the sink), beyond
 * lb_room()'s one instruction; false when out of memory.
 */
bool lb_asm_reserve(struct lb_asm *a, u32 n)
{
	struct lb_buf *b = a->buf;

	if (a->p + n <= a->limit)
		return true;
	lb_asm_sync(a);
	if (lb_buf_reserve(b, (size_t)n + 32)) {
		a->oom = true;
		b->len = 0;	/* keep writing somewhere harmless */
		lb_asm_attach(a, b);
		return false;
	}
	lb_asm_attach(a, b);
	return true;
}

/* Keep the code emitted since `start` in r for the key. */
void lb_replay_keep(struct lb_compiler *c, struct lb_replay *r, u64 key0,
		    u64 key1, u32 start)
{
	u32 len = lb_pc(&c->as) - start;

	/* the sink and an out-of-memory buffer start over when full */
	if (c->as.buf != &c->code || c->as.oom || len > LB_REPLAY_MAX)
		return;
	memcpy(r->code, lb_at(&c->as, start), len);
	r->len = len;
	r->key[0] = key0;
	r->key[1] = key1;
}

static noinline int lb_add_reloc_grow(struct lb_compiler *c, u32 at,
				      u32 kind, u32 target)
{
	if (lb_array_reserve((void **)&c->relocs, &c->relocs_cap,
			     c->nrelocs + 1, sizeof(struct lb_reloc), 256)) {
		c->as.oom = true;
		return -ENOMEM;
	}
	return lb_add_reloc(c, at, kind, target);
}

/* (The list grows out of line, as lb_add_to_list's.) */
int lb_add_reloc(struct lb_compiler *c, u32 at, u32 kind, u32 target)
{
	struct lb_reloc *n;

	if (c->as.buf != &c->code)
		return 0;		/* unreachable code: thrown away */
	if (unlikely(c->nrelocs >= c->relocs_cap))
		return lb_add_reloc_grow(c, at, kind, target);
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

static __always_inline void lb_load_mem(struct lb_compiler *c, u8 type, int reg,
			struct lb_mem m)
{
	if (lb_is_float(type))
		lb_sse_rm(&c->as, type == LB_TYPE_F64 ? 0xf2 : 0xf3, false,
			  0x0f10, reg, m);
	else
		lb_load(&c->as, lb_is64(type), reg, m);
}

static inline int lb_alloc_for(struct lb_compiler *c, u8 type)
{
	return lb_is_float(type) ? lb_alloc_xmm(c) : lb_alloc_gpr(c, 0);
}

static bool lb_reg_free(const struct lb_compiler *c, u8 type, int reg)
{
	return ((lb_is_float(type) ? c->xmm_free : c->gpr_free) >> reg) & 1;
}

/* local.get of a local in its frame slot: a load, tagged with the local */
static void lb_frame_get(struct lb_compiler *c, u32 idx)
{
	u8 t = c->local_types[idx];
	u32 at = lb_pc(&c->as);
	int r;

	if (at == c->lset_end && idx == c->lset_idx &&
	    c->as.buf == &c->code && lb_reg_free(c, t, c->lset_reg)) {
		/* right after its local.set: the register still has it */
		lb_claim(c, lb_is_float(t), c->lset_reg);
		lb_push_reg(c, t, c->lset_reg);
		lb_tag_local(c, idx, at);
		return;
	}
	r = lb_alloc_for(c, t);
	at = lb_pc(&c->as);
	if (lb_is_float(t))
		lb_load_mem(c, t, r, lb_local(c, idx));
	else
		lb_mov_frame(&c->as, lb_is64(t), 0x8b, r,
			     lb_local(c, idx).disp);
	lb_push_reg(c, t, r);
	lb_tag_local(c, idx, at);
}

/* local.set and local.tee of a local in its frame slot */
static noinline int lb_op_slot_set(struct lb_compiler *c, u8 op, u32 idx)
{
	u8 t = c->local_types[idx];
	struct lb_val v;
	u64 lim;
	int ret, r;

	ret = lb_pop_pin(c, t, &v);		/* lb_store_val, lb_to_reg */
	if (ret)
		return ret;
	lb_local_written(c, idx);
	if (op == 0x21) {			/* local.set */
		/* a pinned local's copy just made: from the pin itself */
		r = lb_pc(&c->as) == c->pin_copy_end ? lb_pin_take(c, &v) : -1;
		if (r >= 0)
			v.reg = (u8)r;
		lb_store_val(c, &v, lb_local(c, idx));
		if (r < 0)
			lb_free_val(c, &v);
		if (r < 0 && v.loc == LOC_REG && c->as.buf == &c->code) {
			c->lset_end = lb_pc(&c->as);
			c->lset_idx = idx;
			c->lset_reg = v.reg;
		}
		return 0;
	}
	lim = lb_val_lim(&v);			/* local.tee */
	r = lb_to_reg(c, &v, 0);
	v.loc = LOC_REG;
	lb_store_val(c, &v, lb_local(c, idx));
	lb_push_reg(c, t, r);
	lb_set_lim(c, lim);
	lb_tag_local(c, idx, lb_pc(&c->as));
	return 0;
}

/*
 * Only a dispatcher, so that it needs no frame of its own: each case is
 * a call of its own (most often a tail call).
 */
static int lb_op_local(struct lb_compiler *c, u8 op)
{
	u32 idx;
	int ret = lb_read_local(c, &idx), pin;

	if (ret)
		return ret;
	pin = lb_pinned_reg(c, idx);
	if (pin < 0 && c->nfloat)
		pin = lb_pin_claim(c, op, idx);
	if (pin >= 0) {
		if (op != 0x20)
			return lb_op_pinned_local(c, op, c->local_types[idx],
						  pin, idx);
		lb_pinned_get(c, c->local_types[idx], pin, idx);
		return 0;
	}
	if (op == 0x20) {			/* local.get */
		lb_frame_get(c, idx);
		return 0;
	}
	return lb_op_slot_set(c, op, idx);
}

/*
 * r11 + 16 * idx addresses the global's cell; an imported mutable global
 * is reached through the pointer its own cell holds (then r11 is made to
 * point 16 * idx before that target so the caller's addressing holds).
 */
static void lb_global_addr(struct lb_compiler *c, const struct lb_global *g,
			   u32 idx)
{
	lb_load(&c->as, true, LB_SCRATCH,
		lb_mem_bd(LB_VMCTX_REG, LB_VMCTX_GLOBALS));
	if (g->imported && g->mut) {
		lb_load(&c->as, true, LB_SCRATCH,
			lb_mem_bd(LB_SCRATCH, (s32)(16 * idx)));
		lb_lea(&c->as, true, LB_SCRATCH,
		       lb_mem_bd(LB_SCRATCH, -(s32)(16 * idx)));
	}
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
		lb_global_addr(c, g, idx);
		lb_load_mem(c, g->type, r, cell);
		lb_push_reg(c, g->type, r);
		return 0;
	}
	if (!g->mut)
		return lb_fail(c, EINVAL, "global is immutable: global %u", idx);
	ret = lb_pop_pin(c, g->type, &v);	/* stored as it is */
	if (ret)
		return ret;
	if (v.loc != LOC_PIN) {
		r = lb_to_reg(c, &v, 0);
		v.loc = LOC_REG;
		v.reg = (u8)r;
	}
	lb_global_addr(c, g, idx);
	lb_store_val(c, &v, cell);
	lb_free_val(c, &v);
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
	u8 t = LB_TYPE_ANY, res;
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
	/*
	 * Unreachable with unknown operands: the result is unknown too,
	 * computed in a GPR (never emitted live).
	 */
	res = t;
	if (t == LB_TYPE_ANY)
		t = LB_TYPE_I32;
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
	lb_push_reg(c, res, ra);
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

/*
 * local.get with a one-byte index, the most frequent opcode, in the loop
 * itself: lb_op_local()'s call and frame cost as much as the rest of it
 * for a pinned local (whose index is below nlocals), and a third of a
 * load from a frame slot (avif: two local.gets in three).  A local that
 * lb_pin_claim() may still pin takes the long way.
 */
static __always_inline bool lb_local_get_fast(struct lb_compiler *c)
{
	const u8 *p = c->rd.p;
	u8 idx;
	int pin;

	if (unlikely(p >= c->rd.end || *p >= LB_PIN_SCAN))
		return false;
	idx = *p;
	pin = c->pin_reg[idx];
	if (pin >= 0) {
		c->rd.p = p + 1;
		lb_pinned_get(c, c->local_types[idx], pin, idx);
		return true;
	}
	if (idx >= c->nlocals ||
	    (c->nfloat && !(c->touched & (1ULL << idx))))
		return false;
	c->rd.p = p + 1;
	lb_frame_get(c, idx);
	return true;
}

/* Opcodes that consume a compare's flags directly. */
static bool lb_takes_flags(u8 op)
{
	return op == 0x04 || op == 0x0d || op == 0x1b || op == 0x45;
}

/*
 * Before an opcode, when sp reached op_trip: room for what it pushes
 * (LB_OP_ROOM: an opcode pushes at most what it pops plus a small
 * constant), and a compare's flags, which are for the next opcode only:
 * after it they are consumed or in a register, so look just once.
 */
static int lb_op_trip(struct lb_compiler *c, u8 op)
{
	int ret;

	ret = lb_stack_reserve(c, LB_OP_ROOM);
	if (ret)
		return ret;
	if (c->flags_sp == c->sp) {
		c->flags_sp = LB_NO_FLAGS;
		if (lb_top_is_flags(c) && !lb_takes_flags(op))
			lb_materialize_flags_slow(c);
	}
	lb_set_op_trip(c);
	return 0;
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
		if (lb_nothing_to_branch(c))
			return 0;
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
		ret = lb_pop_pin(c, LB_TYPE_ANY, &v);
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
	case 0x25: case 0x26:
		return lb_op_table_access(c, op);
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
	/* the most frequent straight to their code: no second dispatch */
	case 0x28 ... 0x35:
		return lb_op_load(c, op);
	case 0x36 ... 0x3e:
		return lb_op_store(c, op);
	case 0x3f: case 0x40:
		return lb_op_memory_size_grow(c, op);
	case 0x6a:
		return lb_binop(c, LB_TYPE_I32, ALU_ADD, true);
	case 0x7c:
		return lb_binop(c, LB_TYPE_I64, ALU_ADD, true);
	case 0x45 ... 0x5a:
	case 0x67 ... 0x69:
	case 0x6b ... 0x7b:
	case 0x7d ... 0x8a:
	case 0xa7:
	case 0xac:
	case 0xad:
	case 0xc0 ... 0xc4:
		return lb_op_int(c, op);
	case 0x5b ... 0x66:
	case 0x8b ... 0xa6:
		return lb_op_float(c, op);
	case 0xa8 ... 0xab:
	case 0xae ... 0xbf:
		return lb_op_convert(c, op);
	default:
		break;
	}
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
		c->local_types_ft = NULL;
	}
	/* Declared locals go after the parameters and leave them be. */
	if (c->local_types_ft != c->ft) {
		if (c->nparams)
			memcpy(c->local_types, c->ft->types, c->nparams);
		c->local_types_ft = c->ft;
	}
	c->rd = save;
	for (i = 0; i < groups; i++) {
		c->op_at = c->rd.p;
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

/*
 * The prologue.  Its poll stub call sits out of line just before the
 * function (`slow`, which ends in a jmp8 at `back`), so that an entry
 * runs straight through, no taken branch:
 *
 *	slow:	call entry_poll_stub
 *		jmp back
 *		(int3 to the 16-byte boundary)
 *	entry:	endbr64; push rbp; mov rbp, rsp
 *		lea rax, [rsp - frame]
 *		mov r11, [r15 + exec]
 *		cmp rax, [r11 + poll_limit]
 *		jb slow
 *	back:	sub rsp, frame
 */
static void lb_emit_prologue(struct lb_compiler *c, u32 slow, u32 back)
{
	struct lb_asm *a = &c->as;
	u32 nzero = c->nlocals - c->nparams, i, k;
	u8 *p;

	lb_endbr64(a);
	lb_push_r(a, RBP);
	lb_mov_rr(a, true, RBP, RSP);
	/*
	 * lea rax, [rsp - frame - outgoing] (patched at the end), checked
	 * before rsp moves: an interrupt must never find rsp off the stack.
	 * Nothing is live in registers at entry, so rax is free.
	 */
	p = lb_room(a);
	*p++ = 0x48;
	*p++ = 0x8d;
	*p++ = 0x84;
	*p++ = 0x24;
	p = lb_i32(p, 0);
	lb_done(a, p);
	c->frame_check_at = lb_pc(a) - 4;
	/*
	 * The poll check rides on the stack check: poll_limit is the stack
	 * limit, or above every rsp when tripped.  Below it, the entry poll
	 * stub polls and then traps if rax is below the real limit.
	 */
	lb_load(a, true, LB_SCRATCH, lb_mem_bd(LB_VMCTX_REG, LB_VMCTX_EXEC));
	lb_alu_rm(a, true, ALU_CMP, RAX,
		  lb_mem_bd(LB_SCRATCH, LB_EXEC_POLL_LIMIT));
	p = lb_room(a);
	*p++ = 0x70 | CC_B;		/* jb slow, rel8 backwards */
	*p = (u8)(slow - (lb_pc(a) + 2));
	lb_done(a, p + 1);
	lb_bind8(a, back);
	/* sub rsp, imm32: patched at the end */
	p = lb_room(a);
	*p++ = 0x48;
	*p++ = 0x81;
	*p++ = 0xec;
	p = lb_i32(p, 0);
	lb_done(a, p);
	c->frame_size_at = lb_pc(a) - 4;
	/*
	 * Register parameters that are not pinned (past LB_PIN_SCAN) go
	 * to their home slots, which the caller left for them.
	 */
	for (i = 0, k = 0; i < c->nparams && k < LB_NARG_REGS; i++) {
		if (lb_is_float(c->local_types[i]))
			continue;
		if (lb_pinned_reg(c, i) < 0)
			lb_store(a, true, lb_local(c, i), lb_arg_reg(k));
		k++;
	}
	lb_pin_prologue(c);
	if (nzero <= 16) {
		for (i = c->nparams; i < c->nlocals; i++)
			if (lb_pinned_reg(c, i) < 0)
				lb_store_imm(a, 3, lb_local(c, i), 0);
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
	u32 start, frame, slow, back, i;
	u8 op;
	int ret;

	c->err = err;
	err->msg[0] = 0;
	lb_asm_switch(&c->as, &c->code);
	if (lb_pc(&c->as) >= LB_CODE_CHUNK) {
		ret = lb_chunk_close(c);
		if (ret)
			return ret;
	}
	c->func = func_idx;
	c->ft = lb_func_type(c->m, func_idx);
	c->nparams = c->ft->nparams;
	lb_reader_init(&c->rd, body, len, offset);
	c->op_at = c->rd.p;
	ret = lb_read_locals(c);
	if (ret)
		return ret;

	slow = lb_pc(&c->as);		/* see lb_emit_prologue() */
	lb_call(&c->as, c->entry_poll_stub);
	back = lb_jmp8(&c->as);
	while (lb_pc(&c->as) & 15)
		lb_byte(&c->as, 0xcc);
	start = lb_pc(&c->as);
	c->sp = 0;
	c->pin_mask = 0;
	c->pin_base = 0;
	c->settled_n = 0;
	c->stale_n = 0;
	c->flags_sp = LB_NO_FLAGS;
	lb_set_op_trip(c);
	c->max_depth = 0;
	c->max_outgoing = 0;
	c->nctrl = 0;
	c->npatches = 0;
	for (i = 0; i < LB_NREPLAY; i++)
		c->replay[i].key[0] = 0;
	c->call_memo.valid = false;
	c->poll_slow = 0;
	lb_pin_locals(c);
	c->shl_end = c->shl_start;
	c->lset_end = 0;	/* never a local.get's offset: the prologue */
	lb_reset_regs(c);
	lb_emit_prologue(c, slow, back);
	ret = lb_push_ctrl(c, CTRL_FUNC, 0, NULL, c->ft->nresults,
			   c->ft->types + c->ft->nparams);
	if (ret)
		return ret;

	for (;;) {
		c->op_at = c->rd.p;
		ret = lb_read_u8(&c->rd, &op, c->err);
		if (ret)
			return ret;
		if (unlikely(c->sp >= c->op_trip)) {
			ret = lb_op_trip(c, op);
			if (ret)
				return ret;
		}
		/*
		 * Out of the switch, the most frequent opcode takes a branch
		 * of its own instead of the switch's one indirect jump, whose
		 * target is the hardest to predict (esbuild 2% faster).
		 */
		if (op == 0x20 && lb_local_get_fast(c))
			continue;
		ret = lb_op(c, op);
		if (unlikely(ret)) {
			if (ret == LB_FUNC_END)
				break;
			return ret;
		}
	}
	if (c->as.oom)
		return lb_fail(c, ENOMEM, "out of memory for code");
	if (!lb_reader_eof(&c->rd))
		return lb_fail(c, EINVAL, "section size mismatch: bytes after the function's end");

	/* the outgoing area for calls at the bottom (see ops_call.c) */
	frame = 8 * (c->nsaved + c->nlocals - c->nparams + c->max_depth) +
		c->max_outgoing;
	frame = (frame + 15) & ~15U;
	lb_put32(c->code.data + c->frame_check_at, (u32)-(s32)frame);
	lb_put32(c->code.data + c->frame_size_at, frame);

	fc = &c->m->func_code[func_idx - c->m->nimported_funcs];
	fc->offset = start;
	fc->len = lb_pc(&c->as) - start;
	c->nfuncs_done = func_idx - c->m->nimported_funcs + 1;
	return 0;
}
