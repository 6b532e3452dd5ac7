// SPDX-License-Identifier: GPL-2.0
/*
 * Linking: binding a new instance's imports to other instances' exports.
 *
 * Functions are shared by their struct lb_funcref (which carries the
 * exporter's vmctx), tables by pointer, memories by pointer with the
 * importer's vmctx added to the memory's users (so memory.grow anywhere
 * republishes the base), immutable globals by value and mutable globals
 * by pointer to the exporter's cell.  Type checks follow the spec's
 * import matching (limits subtyping, exact function and global types).
 */
#include "module.h"

int lb_memory_add_user(struct lb_memory *mem, struct lb_vmctx *v)
{
	if (lb_array_reserve((void **)&mem->users, &mem->users_cap,
			     mem->nusers + 1, sizeof(*mem->users), 4))
		return -ENOMEM;
	mem->users[mem->nusers++] = v;
	return 0;
}

void lb_memory_remove_user(struct lb_memory *mem, struct lb_vmctx *v)
{
	u32 i;

	for (i = 0; i < mem->nusers; i++) {
		if (mem->users[i] == v) {
			mem->users[i] = mem->users[--mem->nusers];
			return;
		}
	}
}

/* Where global idx's value lives (through the import, if mutable). */
u64 *lb_global_cell(const struct lb_instance *inst, u32 idx)
{
	const struct lb_global *g = &inst->module->globals[idx];

	if (g->imported && g->mut)
		return (u64 *)(unsigned long)inst->globals[idx][0];
	return inst->globals[idx];
}

/* Limits subtyping: [min, max] of the thing within the import's. */
static bool lb_limits_match(u32 min, u32 max, const struct lb_limits *want)
{
	if (min < want->min)
		return false;
	if (want->max == LB_NO_MAX)
		return true;
	return max != LB_NO_MAX && max <= want->max;
}

static bool lb_functype_equal(const struct lb_functype *a,
			      const struct lb_functype *b)
{
	return a->nparams == b->nparams && a->nresults == b->nresults &&
	       !memcmp(a->types, b->types, a->nparams + a->nresults);
}

static int lb_incompatible(struct lb_error *err, const struct lb_import *im,
			   const char *why)
{
	return lb_err(err, EINVAL, ~0ULL,
		      "incompatible import type for \"%.*s\" \"%.*s\": %s",
		      (int)im->module_len, im->module, (int)im->name_len,
		      im->name, why);
}

/* The funcref of function `index` of instance `owner`. */
static struct lb_funcref *lb_func_of(struct lb_instance *owner, u32 index)
{
	return owner->funcs ? owner->funcs[index] : NULL;
}

static int lb_bind(struct lb_instance *inst, const struct lb_import *im,
		   const struct lb_extern *ext, u32 *counters,
		   struct lb_error *err)
{
	const struct lb_module *m = inst->module;
	struct lb_instance *ex = ext->inst;
	const struct lb_module *em = ex->module;
	u32 slot;

	if (ext->kind != im->kind)
		return lb_incompatible(err, im, "wrong kind");
	switch (im->kind) {
	case LB_EXTERN_FUNC: {
		struct lb_funcref *f = lb_func_of(ex, ext->index);

		if (!f || !lb_functype_equal(&m->types[im->type_idx],
					     lb_func_type(em, ext->index)))
			return lb_incompatible(err, im, "function type");
		inst->funcs[counters[0]++] = f;
		return 0;
	}
	case LB_EXTERN_TABLE: {
		struct lb_table_inst *t = ex->table_ptrs[ext->index];

		if (t->elem_type != im->table_elem ||
		    !lb_limits_match(t->size, t->max, &im->limits))
			return lb_incompatible(err, im, "table type");
		inst->table_ptrs[counters[1]++] = t;
		return 0;
	}
	case LB_EXTERN_MEMORY: {
		struct lb_memory *mem = ex->mem;
		u32 declared = em->memory.max;

		if (!mem || !lb_limits_match(mem->pages, declared, &im->limits))
			return lb_incompatible(err, im, "memory type");
		inst->mem = mem;
		lb_vmctx_set_memory(&inst->vmctx, mem->base,
				    (u64)mem->pages * LB_PAGE_SIZE);
		if (lb_memory_add_user(mem, &inst->vmctx))
			return lb_err(err, ENOMEM, ~0ULL, "out of memory");
		return 0;
	}
	default: {
		const struct lb_global *g = &em->globals[ext->index];
		u64 *cell = lb_global_cell(ex, ext->index);

		if (g->type != im->global_type || g->mut != im->global_mut)
			return lb_incompatible(err, im, "global type");
		slot = counters[3]++;
		if (g->mut) {
			inst->globals[slot][0] = (u64)(unsigned long)cell;
		} else {
			inst->globals[slot][0] = cell[0];
			inst->globals[slot][1] = cell[1];
		}
		return 0;
	}
	}
}

int lb_instance_resolve_imports(struct lb_instance *inst,
				const struct lb_instance_config *cfg,
				struct lb_error *err)
{
	const struct lb_module *m = inst->module;
	u32 counters[4] = { 0 }, i;
	int ret;

	for (i = 0; i < m->nimports; i++) {
		const struct lb_import *im = &m->imports[i];
		struct lb_import_desc d;
		struct lb_extern ext;

		lb_module_import(m, i, &d);
		ret = cfg->resolve ? cfg->resolve(cfg->resolve_ctx, &d, &ext) :
				     -ENOENT;
		if (ret)
			return lb_err(err, ENOENT, ~0ULL,
				      "unknown import \"%.*s\" \"%.*s\"",
				      (int)im->module_len, im->module,
				      (int)im->name_len, im->name);
		ret = lb_bind(inst, im, &ext, counters, err);
		if (ret)
			return ret;
	}
	return 0;
}

int lb_instance_find_export(struct lb_instance *inst, const char *name,
			    u32 len, struct lb_extern *ext)
{
	const struct lb_module *m = inst->module;
	u32 idx;
	int ret = lb_module_find_export(m, name, len, &idx);

	if (ret)
		return ret;
	ext->inst = inst;
	ext->kind = m->exports[idx].kind;
	ext->index = m->exports[idx].index;
	return 0;
}

int lb_instance_global_get(struct lb_instance *inst, u32 export_idx,
			   struct lb_value *out)
{
	const struct lb_module *m = inst->module;
	const struct lb_export *e;
	const struct lb_global *g;
	u64 *cell;

	if (export_idx >= m->nexports)
		return -ENOENT;
	e = &m->exports[export_idx];
	if (e->kind != LB_EXTERN_GLOBAL)
		return -ENOENT;
	g = &m->globals[e->index];
	cell = lb_global_cell(inst, e->index);
	memset(out, 0, sizeof(*out));
	out->type = g->type;
	out->lo = cell[0];
	out->hi = cell[1];
	if (g->type == LB_TYPE_I32 || g->type == LB_TYPE_F32)
		out->lo &= 0xffffffffULL;
	else if (g->type == LB_TYPE_FUNCREF)
		out->lo = lb_funcref_to_host(inst, out->lo);
	return 0;
}
