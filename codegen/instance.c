// SPDX-License-Identifier: GPL-2.0
/*
 * Instances: linear memory, global cells, the Wasm stack and the vmctx
 * that generated code reaches through r15; instantiation (data segments,
 * start function), invocation of exports with checked arguments, and
 * memory.grow.
 */
#include "module.h"

/* Room below the last Wasm frame for helper calls and interrupts. */
#define LB_STACK_RESERVE	(16U << 10)
#define LB_STACK_GRANULE	4096U

/* Results / arguments up to this many live on the C stack. */
#define LB_INVOKE_SMALL		8U

/* A constant expression's value (types were checked at load time). */
static u64 eval_const(const struct lb_instance *inst,
		      const struct lb_const_expr *ce)
{
	switch (ce->kind) {
	case LB_CONST_GLOBAL:
		return inst->globals[ce->index][0];
	case LB_CONST_REF_NULL:
		return 0;
	case LB_CONST_REF_FUNC:
		return (u64)(unsigned long)inst->funcs[ce->index];
	}
	return ce->value;
}

static int init_memory(struct lb_instance *inst, u32 limit,
		       struct lb_error *err)
{
	const struct lb_module *m = inst->module;
	struct lb_memory *mem = &inst->memory;
	u32 max;

	if (m->memory_imported)
		return 0;	/* bound by lb_instance_resolve_imports() */
	lb_vmctx_set_memory(&inst->vmctx, NULL, 0);
	if (!m->has_memory)
		return 0;
	inst->mem = mem;
	if (m->memory.min > limit)
		return lb_err(err, E2BIG, ~0ULL,
			      "memory of %u pages is larger than the limit of %u pages",
			      m->memory.min, limit);
	max = m->memory.max == LB_NO_MAX ? LB_MAX_PAGES : m->memory.max;
	mem->max_pages = max < limit ? max : limit;
	mem->pages = m->memory.min;
	/*
	 * Even an empty memory gets a page: a bounds check's clamped
	 * speculative access must stay inside the allocation.
	 */
	mem->alloc_bytes = (mem->pages ? (u64)mem->pages * LB_PAGE_SIZE :
					 LB_PAGE_SIZE) + LB_MEM_SLACK;
	mem->base = lb_mem_alloc(mem->alloc_bytes);
	if (!mem->base) {
		mem->alloc_bytes = 0;
		return lb_err(err, ENOMEM, ~0ULL,
			      "out of memory for %u pages of linear memory",
			      mem->pages);
	}
	lb_vmctx_set_memory(&inst->vmctx, mem->base,
			    (u64)mem->pages * LB_PAGE_SIZE);
	if (lb_memory_add_user(mem, &inst->vmctx))
		return lb_err(err, ENOMEM, ~0ULL, "out of memory");
	return 0;
}

static int alloc_globals(struct lb_instance *inst, struct lb_error *err)
{
	const struct lb_module *m = inst->module;

	if (!m->nglobals)
		return 0;
	inst->globals = lb_alloc((size_t)m->nglobals * sizeof(*inst->globals));
	if (!inst->globals)
		return lb_err(err, ENOMEM, ~0ULL, "out of memory for globals");
	inst->vmctx.globals = inst->globals;
	return 0;
}

/* Imported cells come first; initialisers may only read those. */
static void init_globals(struct lb_instance *inst)
{
	const struct lb_module *m = inst->module;
	u32 i;

	for (i = m->nimported_globals; i < m->nglobals; i++)
		inst->globals[i][0] = eval_const(inst, &m->globals[i].init);
}

static int init_stack(struct lb_instance *inst, u32 size,
		      struct lb_error *err)
{
	u64 top;

	if (!size)
		size = LB_DEFAULT_STACK_SIZE;
	if (size < LB_MIN_STACK_SIZE)
		size = LB_MIN_STACK_SIZE;
	if (size > LB_MAX_STACK_SIZE)
		size = LB_MAX_STACK_SIZE;
	size = (size + LB_STACK_GRANULE - 1) & ~(LB_STACK_GRANULE - 1);
	inst->stack = lb_mem_alloc(size);
	if (!inst->stack)
		return lb_err(err, ENOMEM, ~0ULL,
			      "out of memory for a %u-byte stack", size);
	inst->stack_size = size;
	top = (u64)(unsigned long)inst->stack + size;
	inst->vmctx.stack_top = top & ~15ULL;
	inst->exec.stack_limit = (u64)(unsigned long)inst->stack +
				 LB_STACK_RESERVE;
	return 0;
}

/*
 * Active data segments, in order, with the 2.0 (bulk memory) semantics:
 * each is bounds-checked as a whole when its turn comes, and a failing
 * one traps after the earlier ones were written.
 */
static int apply_data(struct lb_instance *inst, u32 *trap,
		      struct lb_error *err)
{
	const struct lb_module *m = inst->module;
	u32 i;

	for (i = 0; i < m->ndata; i++) {
		const struct lb_data_seg *d = &m->data[i];
		u64 off;

		if (d->mode != LB_SEG_ACTIVE)
			continue;
		off = (u32)eval_const(inst, &d->offset);
		if (off + d->len > inst->vmctx.mem_size) {
			*trap = LB_TRAP_MEM_OOB;
			return lb_err(err, ECANCELED, ~0ULL, "%s",
				      lb_trap_message(LB_TRAP_MEM_OOB));
		}
		if (d->len)
			memcpy(inst->mem->base + off, d->bytes, d->len);
	}
	return 0;
}

static int run_start(struct lb_instance *inst,
		     const struct lb_instance_config *cfg, u32 *trap,
		     struct lb_error *err)
{
	const struct lb_module *m = inst->module;
	u64 none[1] = { 0 };
	u32 code;

	if (!m->has_start)
		return 0;
	code = lb_run(inst, m->start_func, none, none, &cfg->start_limits);
	if (code == LB_TRAP_NONE)
		return 0;
	*trap = code;
	return lb_err(err, ECANCELED, ~0ULL, "%s", lb_trap_message(code));
}

int lb_instance_create(struct lb_module *m,
		       const struct lb_instance_config *cfg,
		       struct lb_instance **out, u32 *trap,
		       struct lb_error *err)
{
	static const struct lb_instance_config defaults;
	struct lb_instance *inst;
	u32 limit;
	int ret;

	*out = NULL;
	*trap = LB_TRAP_NONE;
	if (!cfg)
		cfg = &defaults;
	limit = cfg->max_memory_pages ? cfg->max_memory_pages :
					LB_DEFAULT_MAX_MEMORY_PAGES;
	if (limit > LB_MAX_PAGES)
		limit = LB_MAX_PAGES;

	inst = lb_alloc(sizeof(*inst));
	if (!inst)
		return lb_err(err, ENOMEM, ~0ULL, "out of memory");
	inst->module = m;
	inst->vmctx.inst = inst;
	inst->vmctx.exec = &inst->exec;
	inst->vmctx.zero = 0;
	ret = lb_instance_init_funcs(inst, err);
	if (!ret)
		ret = lb_instance_alloc_tables(inst, err);
	if (!ret)
		ret = alloc_globals(inst, err);
	if (!ret)
		ret = lb_instance_resolve_imports(inst, cfg, err);
	if (!ret)
		ret = init_memory(inst, limit, err);
	if (!ret) {
		init_globals(inst);
		ret = init_stack(inst, cfg->stack_size, err);
	}
	if (!ret)
		ret = lb_instance_init_elems(inst, trap, err);
	if (!ret)
		ret = apply_data(inst, trap, err);
	if (!ret)
		ret = run_start(inst, cfg, trap, err);
	if (ret == -ECANCELED && m->nimports) {
		/*
		 * Its segments or start function may have put references to
		 * its functions into imported tables or globals: the caller
		 * keeps it alive (unusable) as long as those can be reached.
		 */
		*out = inst;
		return ret;
	}
	if (ret) {
		lb_instance_destroy(inst);
		return ret;
	}
	*out = inst;
	return 0;
}

void lb_instance_destroy(struct lb_instance *inst)
{
	if (!inst)
		return;
	if (inst->stack)
		lb_mem_free(inst->stack, inst->stack_size);
	if (inst->mem)
		lb_memory_remove_user(inst->mem, &inst->vmctx);
	if (inst->memory.base)
		lb_mem_free(inst->memory.base, inst->memory.alloc_bytes);
	lb_free(inst->memory.users);
	lb_free(inst->globals);
	lb_instance_free_tables(inst);
	lb_free(inst);
}

struct lb_module *lb_instance_module(const struct lb_instance *inst)
{
	return inst->module;
}

static int check_arg(const struct lb_value *v, u8 want, u32 i,
		     struct lb_error *err)
{
	u32 k;

	if (v->type != want)
		return lb_err(err, EINVAL, ~0ULL,
			      "argument %u: expected %s, got %s", i,
			      lb_type_name(want), lb_type_name(v->type));
	for (k = 0; k < sizeof(v->__reserved); k++)
		if (v->__reserved[k])
			return lb_err(err, EINVAL, ~0ULL,
				      "argument %u: reserved bytes must be zero",
				      i);
	if ((want == LB_TYPE_I32 || want == LB_TYPE_F32) && (v->lo >> 32))
		return lb_err(err, EINVAL, ~0ULL,
			      "argument %u: %s value has bits set above bit 31",
			      i, lb_type_name(want));
	if (v->hi)
		return lb_err(err, EINVAL, ~0ULL,
			      "argument %u: upper half must be zero for %s",
			      i, lb_type_name(want));
	/*
	 * A function reference from outside could point anywhere: only
	 * null ones may come in until handles are validated.
	 */
	if (want == LB_TYPE_FUNCREF && v->lo)
		return lb_err(err, EINVAL, ~0ULL,
			      "argument %u: only a null funcref can be passed in",
			      i);
	return 0;
}

int lb_invoke(struct lb_instance *inst, u32 export_idx,
	      const struct lb_value *args, u32 nargs,
	      struct lb_value *results, u32 results_cap, u32 *nresults,
	      const struct lb_run_limits *lim, u32 *trap,
	      struct lb_error *err)
{
	static const struct lb_run_limits no_limits;
	const struct lb_module *m = inst->module;
	u64 small_args[LB_INVOKE_SMALL], small_res[LB_INVOKE_SMALL];
	u64 *raw_args = small_args, *raw_res = small_res;
	const struct lb_functype *ft;
	const struct lb_export *e;
	u32 i, code;
	int ret = 0;

	*nresults = 0;
	*trap = LB_TRAP_NONE;
	if (export_idx >= m->nexports)
		return lb_err(err, ENOENT, ~0ULL, "no export %u", export_idx);
	e = &m->exports[export_idx];
	if (e->kind != LB_EXTERN_FUNC)
		return lb_err(err, ENOENT, ~0ULL,
			      "export \"%.*s\" is not a function",
			      (int)(e->name_len > 64 ? 64 : e->name_len),
			      e->name);
	ft = lb_func_type(m, e->index);
	if (nargs != ft->nparams)
		return lb_err(err, EINVAL, ~0ULL,
			      "expected %u arguments, got %u", ft->nparams,
			      nargs);
	if (results_cap < ft->nresults)
		return lb_err(err, ENOSPC, ~0ULL,
			      "%u results do not fit in room for %u",
			      ft->nresults, results_cap);
	for (i = 0; i < nargs; i++) {
		ret = check_arg(&args[i], ft->types[i], i, err);
		if (ret)
			return ret;
	}
	if (nargs > LB_INVOKE_SMALL) {
		raw_args = lb_alloc((size_t)nargs * sizeof(u64));
		if (!raw_args)
			return lb_err(err, ENOMEM, ~0ULL, "out of memory");
	}
	if (ft->nresults > LB_INVOKE_SMALL) {
		raw_res = lb_alloc((size_t)ft->nresults * sizeof(u64));
		if (!raw_res) {
			ret = lb_err(err, ENOMEM, ~0ULL, "out of memory");
			goto out;
		}
	}
	for (i = 0; i < nargs; i++)
		raw_args[i] = args[i].lo;

	code = lb_run(inst, e->index, raw_args, raw_res,
		      lim ? lim : &no_limits);
	if (code != LB_TRAP_NONE) {
		*trap = code;
		lb_err(err, 0, ~0ULL, "%s", lb_trap_message(code));
		goto out;
	}
	for (i = 0; i < ft->nresults; i++) {
		u8 t = ft->types[ft->nparams + i];
		struct lb_value *v = &results[i];

		memset(v, 0, sizeof(*v));
		v->type = t;
		v->lo = raw_res[i];
		if (t == LB_TYPE_I32 || t == LB_TYPE_F32)
			v->lo &= 0xffffffffULL;
		else if (t == LB_TYPE_FUNCREF)
			v->lo = lb_funcref_to_host(inst, v->lo);
	}
	*nresults = ft->nresults;
out:
	if (raw_args != small_args)
		lb_free(raw_args);
	if (raw_res != small_res)
		lb_free(raw_res);
	return ret;
}

int lb_instance_memory(struct lb_instance *inst, u8 **base, u64 *bytes,
		       u32 *pages, u32 *max_pages)
{
	if (!inst->module->has_memory)
		return -ENOENT;
	*base = inst->mem->base;
	*bytes = inst->vmctx.mem_size;
	*pages = inst->mem->pages;
	*max_pages = inst->mem->max_pages;
	return 0;
}

void lb_instance_kick(struct lb_instance *inst)
{
	/* Seen at the next loop head or call, which then polls. */
	WRITE_ONCE(inst->exec.poll_limit, LB_TICK_TRIP);
}

/*
 * memory.grow, called by a helper outside the exec section (so we may
 * sleep).  The allocation at least doubles so that growing page by page
 * copies each byte a bounded number of times; it never exceeds
 * max_pages, and its tail stays zero until the size covers it.
 */
s32 lb_memory_grow(struct lb_instance *inst, u32 delta)
{
	struct lb_memory *mem = inst->mem;
	u64 pages, bytes;
	u32 old, i;

	if (!mem)
		return -1;
	pages = (u64)mem->pages + delta;
	bytes = pages * LB_PAGE_SIZE;
	old = mem->pages;
	if (pages > mem->max_pages)
		return -1;
	if (bytes + LB_MEM_SLACK > mem->alloc_bytes) {
		u64 need = bytes + LB_MEM_SLACK;
		u64 cap = mem->alloc_bytes * 2;
		u64 max = (u64)mem->max_pages * LB_PAGE_SIZE + LB_MEM_SLACK;
		u8 *base;

		if (cap < need)
			cap = need;
		if (cap > max)
			cap = max;
		base = lb_mem_alloc(cap);
		if (!base && cap > need) {
			cap = need;
			base = lb_mem_alloc(cap);
		}
		if (!base)
			return -1;
		memcpy(base, mem->base, (size_t)old * LB_PAGE_SIZE);
		lb_mem_free(mem->base, mem->alloc_bytes);
		mem->base = base;
		mem->alloc_bytes = cap;
	}
	mem->pages = (u32)pages;
	for (i = 0; i < mem->nusers; i++)
		lb_vmctx_set_memory(mem->users[i], mem->base, bytes);
	return (s32)old;
}
