// SPDX-License-Identifier: GPL-2.0
/*
 * Function references, tables and element segments of an instance.
 *
 * A funcref value is a pointer to a struct lb_funcref owned by the
 * instance that defines the function.  Such pointers never leave the
 * engine: a funcref result handed to the host becomes a function index
 * + 1 (0 for null), and the host can only pass null funcrefs in, so
 * nobody can forge one.
 */
#include "module.h"

int lb_instance_init_funcs(struct lb_instance *inst, struct lb_error *err)
{
	const struct lb_module *m = inst->module;
	u32 ndef = m->nfuncs - m->nimported_funcs, i;

	if (!m->nfuncs)
		return 0;
	inst->funcs = lb_alloc(sizeof(*inst->funcs) * m->nfuncs);
	if (ndef)
		inst->func_objs = lb_alloc(sizeof(*inst->func_objs) * ndef);
	if (!inst->funcs || (ndef && !inst->func_objs))
		return lb_err(err, ENOMEM, ~0ULL, "out of memory");
	for (i = 0; i < ndef; i++) {
		struct lb_funcref *f = &inst->func_objs[i];
		u32 func = m->nimported_funcs + i;

		f->code = m->func_code[i].code;
		f->vmctx = &inst->vmctx;
		f->sig = m->type_sig[m->func_type[func]];
		inst->funcs[func] = f;
	}
	inst->vmctx.funcs = inst->funcs;
	return 0;
}

/* The item of an element segment, as a table value. */
u64 lb_elem_value(const struct lb_instance *inst,
			 const struct lb_const_expr *ce)
{
	switch (ce->kind) {
	case LB_CONST_REF_FUNC:
		return (u64)(unsigned long)inst->funcs[ce->index];
	case LB_CONST_GLOBAL:
		return inst->globals[ce->index][0];
	default:
		return 0;
	}
}

/* Table slots for the whole index space; defined tables created here. */
int lb_instance_alloc_tables(struct lb_instance *inst, struct lb_error *err)
{
	const struct lb_module *m = inst->module;
	u32 i;

	if (m->ndata || m->nelems) {
		inst->data_dropped = lb_alloc(m->ndata + 1);
		inst->elem_dropped = lb_alloc(m->nelems + 1);
		if (!inst->data_dropped || !inst->elem_dropped)
			return lb_err(err, ENOMEM, ~0ULL, "out of memory");
	}
	/* Active and declarative segments count as dropped once applied. */
	for (i = 0; i < m->ndata; i++)
		inst->data_dropped[i] = m->data[i].mode == LB_SEG_ACTIVE;
	for (i = 0; i < m->nelems; i++)
		inst->elem_dropped[i] = m->elems[i].mode != LB_SEG_PASSIVE;
	if (!m->ntables)
		return 0;
	inst->tables = lb_alloc(sizeof(*inst->tables) * m->ntables);
	inst->table_ptrs = lb_alloc(sizeof(*inst->table_ptrs) * m->ntables);
	if (!inst->tables || !inst->table_ptrs)
		return lb_err(err, ENOMEM, ~0ULL, "out of memory");
	for (i = m->nimported_tables; i < m->ntables; i++) {
		struct lb_table_inst *t = &inst->tables[i];
		const struct lb_table *d = &m->tables[i];

		t->size = d->limits.min;
		t->max = d->limits.max;
		t->elem_type = d->elem_type;
		if (t->size > LB_MAX_TABLE_SIZE)
			return lb_err(err, E2BIG, ~0ULL,
				      "table of %u elements is larger than the limit of %u",
				      t->size, LB_MAX_TABLE_SIZE);
		t->elems = lb_alloc(sizeof(u64) * ((size_t)t->size + 1));
		if (!t->elems)
			return lb_err(err, ENOMEM, ~0ULL,
				      "out of memory for a table of %u elements",
				      t->size);
		inst->table_ptrs[i] = t;
	}
	inst->vmctx.tables = inst->table_ptrs;
	return 0;
}

/* Active segments in order; a failing one leaves earlier writes. */
int lb_instance_init_elems(struct lb_instance *inst, u32 *trap,
			   struct lb_error *err)
{
	const struct lb_module *m = inst->module;
	u32 i, k;

	for (i = 0; i < m->nelems; i++) {
		const struct lb_elem_seg *s = &m->elems[i];
		struct lb_table_inst *t;
		u64 off;

		if (s->mode != LB_SEG_ACTIVE)
			continue;
		t = inst->table_ptrs[s->table_idx];
		off = s->offset.kind == LB_CONST_GLOBAL ?
		      (u32)inst->globals[s->offset.index][0] :
		      (u32)s->offset.value;
		if (off + s->count > t->size) {
			*trap = LB_TRAP_TABLE_ACCESS_OOB;
			return lb_err(err, ECANCELED, ~0ULL,
				      "out of bounds table access: element segment %u",
				      i);
		}
		for (k = 0; k < s->count; k++)
			t->elems[off + k] = lb_elem_value(inst, &s->items[k]);
	}
	return 0;
}

void lb_instance_free_tables(struct lb_instance *inst)
{
	u32 i;

	if (inst->tables) {
		for (i = inst->module->nimported_tables;
		     i < inst->module->ntables; i++)
			lb_free(inst->tables[i].elems);
	}
	lb_free(inst->tables);
	lb_free(inst->table_ptrs);
	lb_free(inst->funcs);
	lb_free(inst->func_objs);
	lb_free(inst->data_dropped);
	lb_free(inst->elem_dropped);
}

u64 lb_funcref_to_host(const struct lb_instance *inst, u64 ref)
{
	const struct lb_funcref *f = (const struct lb_funcref *)
				     (unsigned long)ref;
	u32 ndef = inst->module->nfuncs - inst->module->nimported_funcs;

	if (!f)
		return 0;
	if (inst->func_objs && f >= inst->func_objs &&
	    f < inst->func_objs + ndef)
		return inst->module->nimported_funcs +
		       (u64)(f - inst->func_objs) + 1;
	return ~0ULL;		/* another instance's: opaque */
}
