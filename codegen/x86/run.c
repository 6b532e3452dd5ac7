// SPDX-License-Identifier: GPL-2.0
/*
 * Running generated code: lb_run() and the C helpers that generated code
 * calls (polling for signals and limits, memory.grow, rounding without
 * SSE4.1).  Helpers run inside the exec section (kernel_fpu_begin() in
 * the kernel): one that may sleep closes the section around it.
 */
#include "compiler.h"

_Static_assert(__builtin_offsetof(struct lb_vmctx, mem_size) ==
	       LB_VMCTX_MEM_SIZE, "vmctx layout");
_Static_assert(__builtin_offsetof(struct lb_vmctx, exec) ==
	       LB_VMCTX_EXEC, "vmctx layout");
_Static_assert(__builtin_offsetof(struct lb_exec, saved_rsp) ==
	       LB_EXEC_SAVED_RSP, "exec layout");
_Static_assert(__builtin_offsetof(struct lb_exec, poll_limit) ==
	       LB_EXEC_POLL_LIMIT, "exec layout");
_Static_assert(__builtin_offsetof(struct lb_exec, stack_limit) ==
	       LB_EXEC_STACK_LIMIT, "exec layout");
_Static_assert(__builtin_offsetof(struct lb_vmctx, funcs) ==
	       LB_VMCTX_FUNCS, "vmctx layout");
_Static_assert(__builtin_offsetof(struct lb_vmctx, tables) ==
	       LB_VMCTX_TABLES, "vmctx layout");
_Static_assert(__builtin_offsetof(struct lb_vmctx, zero) ==
	       LB_VMCTX_ZERO, "vmctx layout");
_Static_assert(__builtin_offsetof(struct lb_vmctx, stack_top) ==
	       LB_VMCTX_STACK_TOP, "vmctx layout");
_Static_assert(__builtin_offsetof(struct lb_vmctx, globals) ==
	       LB_VMCTX_GLOBALS, "vmctx layout");
_Static_assert(__builtin_offsetof(struct lb_vmctx, mem_bound) ==
	       LB_VMCTX_MEM_BOUND, "vmctx layout");

typedef u32 (*lb_entry_fn)(struct lb_vmctx *vmctx, const void *code,
			   const u64 *args, u64 *out);

/*
 * Polling.  Loop headers and prologues compare rsp with exec->poll_limit
 * and call here through the poll stub when it is LB_TICK_TRIP (any rsp
 * is below it); a prologue then compares with the real stack_limit.
 * The platform's tick trips the word every millisecond or so, and we
 * re-arm it before looking at signals and the clock, so a trip from
 * then on is seen at the next check.
 *
 * With fuel the word stays tripped: every loop iteration and call comes
 * here and is counted exactly (slow, but fuel is a debugging limit).
 */
u32 lb_rt_poll(struct lb_vmctx *vmctx)
{
	struct lb_exec *x = vmctx->exec;
	int trap;

	if (!x->always_poll)
		WRITE_ONCE(x->poll_limit, x->stack_limit);
	trap = lb_poll();
	if (trap)
		return (u32)trap;
	if (x->deadline_ns && lb_now_ns() >= x->deadline_ns)
		return LB_TRAP_TIMEOUT;
	if (x->fuel_limited) {
		if (!x->fuel_left)
			return LB_TRAP_FUEL_EXHAUSTED;
		x->fuel_left--;
	}
	return 0;
}

/*
 * call_indirect with a signature too long to encode in its id: the ids
 * point to each module's first structurally equal type, so two modules'
 * ids for the same type differ and the types are compared here.
 */
u32 lb_rt_sig_equal(const struct lb_funcref *f, u64 expected)
{
	const struct lb_functype *a, *b;

	if ((f->sig & 1) || (expected & 1))
		return 0;	/* an encoded signature is never a long one */
	a = (const struct lb_functype *)(unsigned long)f->sig;
	b = (const struct lb_functype *)(unsigned long)expected;
	return a->nparams == b->nparams && a->nresults == b->nresults &&
	       !memcmp(a->types, b->types, a->nparams + a->nresults);
}

u32 lb_rt_memory_grow(struct lb_vmctx *vmctx, u32 delta)
{
	s32 r;

	lb_exec_end();			/* allocation may sleep */
	r = lb_memory_grow(vmctx->inst, delta);
	lb_exec_begin();
	return (u32)r;
}

/*
 * ceil / floor / trunc / nearest on an IEEE bit pattern with integer
 * arithmetic only (the kernel's C has no FPU).  how: 0 ceil, 1 floor,
 * 2 trunc, 3 nearest (ties to even); | 4 for f64.
 */
u64 lb_rt_fround(u64 bits, u32 how)
{
	bool dbl = how & 4;
	int mbits = dbl ? 52 : 23, ebits = dbl ? 11 : 8;
	int bias = (1 << (ebits - 1)) - 1;
	u64 sign, mag;

	/* an f32 is the low half of the xmm register; the rest is anything */
	if (!dbl)
		bits = (u32)bits;
	sign = bits & (1ULL << (mbits + ebits));
	mag = bits & ~sign;
	int e = (int)(mag >> mbits) - bias;
	u64 one = (u64)bias << mbits;	/* 1.0 */
	u64 frac_mask, frac, half;
	int mode = how & 3;

	if (e >= mbits) {			/* integral, inf or NaN */
		if (e == bias + 1 && (mag & ((1ULL << mbits) - 1)))
			bits |= 1ULL << (mbits - 1);	/* quiet the NaN */
		return bits;
	}
	if (e < 0) {				/* |x| < 1 */
		if (!mag)
			return bits;
		switch (mode) {
		case 0:
			return sign ? sign : one;
		case 1:
			return sign ? (sign | one) : 0;
		case 2:
			return sign;
		default:
			/* 0.5 < |x| < 1 rounds to 1; 0.5 exactly to 0 */
			return (e == -1 && mag > ((u64)(bias - 1) << mbits)) ?
			       (sign | one) : sign;
		}
	}
	frac_mask = (1ULL << (mbits - e)) - 1;
	frac = mag & frac_mask;
	if (!frac)
		return bits;
	mag &= ~frac_mask;			/* truncated */
	switch (mode) {
	case 0:
		if (!sign)
			mag += frac_mask + 1;
		break;
	case 1:
		if (sign)
			mag += frac_mask + 1;
		break;
	case 2:
		break;
	default:
		half = (frac_mask + 1) >> 1;
		if (frac > half || (frac == half && (mag & (frac_mask + 1))))
			mag += frac_mask + 1;
		break;
	}
	return sign | mag;	/* a carry into the exponent is correct */
}

u32 lb_run(struct lb_instance *inst, u32 func, const u64 *args,
	   u64 *results, const struct lb_run_limits *lim)
{
	struct lb_module *m = inst->module;
	const struct lb_functype *ft;
	u64 out_small[8], *out = out_small;
	lb_entry_fn entry;
	struct lb_exec *x;
	const u8 *code;
	bool ticking;
	u64 timeout;
	u32 trap, i;

	if (func < m->nimported_funcs) {
		/* a re-exported import: run it in the instance defining it */
		const struct lb_funcref *f = inst->funcs[func];
		struct lb_instance *owner = f->vmctx->inst;

		return lb_run(owner, owner->module->nimported_funcs +
			      (u32)(f - owner->func_objs), args, results, lim);
	}
	ft = lb_func_type(m, func);
	if (ft->nresults + 1 > ARRAY_SIZE(out_small)) {
		out = lb_alloc(sizeof(u64) * (ft->nresults + 1));
		if (!out)
			return LB_TRAP_HOST;
	}
	code = m->func_code[func - m->nimported_funcs].code;
	entry = (lb_entry_fn)(unsigned long)m->type_entry[m->func_type[func]];
	x = &inst->exec;
	inst->vmctx.exec = x;
	x->fuel_limited = lim && lim->fuel;
	x->fuel_left = x->fuel_limited ? lim->fuel : 0;
	timeout = lim ? lim->timeout_ns : 0;
	x->deadline_ns = timeout ? lb_now_ns() + timeout : 0;
	x->always_poll = x->fuel_limited;
	x->poll_limit = x->always_poll ? LB_TICK_TRIP : x->stack_limit;
	ticking = !x->always_poll &&
		  !lb_tick_start(&x->tick, &x->poll_limit, timeout);
	if (!ticking && !x->always_poll) {
		/* no tick: poll at every check instead */
		x->always_poll = true;
		x->poll_limit = LB_TICK_TRIP;
	}

	lb_exec_begin();
	trap = entry(&inst->vmctx,
		     code,
		     args, out);
	lb_exec_end();
	if (ticking)
		lb_tick_stop(&x->tick);

	if (trap == LB_TRAP_NONE) {
		for (i = 0; i < ft->nresults; i++) {
			u8 t = ft->types[ft->nparams + i];
			u64 v = i ? out[i + 1] : lb_is_float(t) ? out[1] : out[0];

			if (t == LB_TYPE_I32 || t == LB_TYPE_F32)
				v = (u32)v;
			results[i] = v;
		}
	}
	if (out != out_small)
		lb_free(out);
	return trap;
}

const char *lb_trap_message(u32 code)
{
	static const char * const msg[LB_TRAP_MAX] = {
		[LB_TRAP_NONE] = "no trap",
		[LB_TRAP_UNREACHABLE] = "unreachable",
		[LB_TRAP_INT_DIV_ZERO] = "integer divide by zero",
		[LB_TRAP_INT_OVERFLOW] = "integer overflow",
		[LB_TRAP_MEM_OOB] = "out of bounds memory access",
		[LB_TRAP_STACK_EXHAUSTED] = "call stack exhausted",
		[LB_TRAP_INTERRUPTED] = "interrupted",
		[LB_TRAP_FUEL_EXHAUSTED] = "fuel exhausted",
		[LB_TRAP_TIMEOUT] = "time limit exceeded",
		[LB_TRAP_INVALID_CONVERSION] = "invalid conversion to integer",
		[LB_TRAP_TABLE_OOB] = "undefined element",
		[LB_TRAP_INDIRECT_NULL] = "uninitialized element",
		[LB_TRAP_SIG_MISMATCH] = "indirect call type mismatch",
		[LB_TRAP_TABLE_ACCESS_OOB] = "out of bounds table access",
		[LB_TRAP_NULL_REF] = "null reference",
		[LB_TRAP_HOST] = "host function failed",
	};

	if (code >= LB_TRAP_MAX || !msg[code])
		return "unknown trap";
	return msg[code];
}
