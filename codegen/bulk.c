// SPDX-License-Identifier: GPL-2.0
/*
 * Bulk memory and table operators, called from generated code.  Each
 * checks the whole range before touching anything (the 2.0 semantics: an
 * out-of-bounds operation writes nothing) with 64-bit arithmetic, and
 * returns 0 or a trap code; table.grow returns the old size or -1.
 */
#include "module.h"

static struct lb_table_inst *lb_table(struct lb_vmctx *v, u32 idx)
{
	return v->tables[idx];
}

u32 lb_rt_memory_copy(struct lb_vmctx *v, u32 dst, u32 src, u32 n)
{
	if ((u64)src + n > v->mem_size || (u64)dst + n > v->mem_size)
		return LB_TRAP_MEM_OOB;
	memmove(v->mem_base + dst, v->mem_base + src, n);
	return 0;
}

u32 lb_rt_memory_fill(struct lb_vmctx *v, u32 dst, u32 val, u32 n)
{
	if ((u64)dst + n > v->mem_size)
		return LB_TRAP_MEM_OOB;
	memset(v->mem_base + dst, (int)(val & 0xff), n);
	return 0;
}

u32 lb_rt_memory_init(struct lb_vmctx *v, u32 seg, u32 dst, u32 src, u32 n)
{
	const struct lb_instance *inst = v->inst;
	const struct lb_data_seg *d = &inst->module->data[seg];
	u64 len = inst->data_dropped[seg] ? 0 : d->len;

	if ((u64)src + n > len || (u64)dst + n > v->mem_size)
		return LB_TRAP_MEM_OOB;
	if (n)
		memcpy(v->mem_base + dst, d->bytes + src, n);
	return 0;
}

u32 lb_rt_data_drop(struct lb_vmctx *v, u32 seg)
{
	v->inst->data_dropped[seg] = 1;
	return 0;
}

u32 lb_rt_elem_drop(struct lb_vmctx *v, u32 seg)
{
	v->inst->elem_dropped[seg] = 1;
	return 0;
}

u32 lb_rt_table_copy(struct lb_vmctx *v, u32 dt, u32 st, u32 d, u32 s,
		     u32 n)
{
	struct lb_table_inst *td = lb_table(v, dt), *ts = lb_table(v, st);

	if ((u64)s + n > ts->size || (u64)d + n > td->size)
		return LB_TRAP_TABLE_ACCESS_OOB;
	if (n)
		memmove(td->elems + d, ts->elems + s, sizeof(u64) * n);
	return 0;
}

u32 lb_rt_table_init(struct lb_vmctx *v, u32 table, u32 seg, u32 d, u32 s,
		     u32 n)
{
	const struct lb_instance *inst = v->inst;
	const struct lb_elem_seg *e = &inst->module->elems[seg];
	struct lb_table_inst *t = lb_table(v, table);
	u64 len = inst->elem_dropped[seg] ? 0 : e->count;
	u32 k;

	if ((u64)s + n > len || (u64)d + n > t->size)
		return LB_TRAP_TABLE_ACCESS_OOB;
	for (k = 0; k < n; k++)
		t->elems[d + k] = lb_elem_value(inst, &e->items[s + k]);
	return 0;
}

u32 lb_rt_table_fill(struct lb_vmctx *v, u32 table, u32 i, u64 val, u32 n)
{
	struct lb_table_inst *t = lb_table(v, table);
	u32 k;

	if ((u64)i + n > t->size)
		return LB_TRAP_TABLE_ACCESS_OOB;
	for (k = 0; k < n; k++)
		t->elems[i + k] = val;
	return 0;
}

u32 lb_rt_table_grow(struct lb_vmctx *v, u32 table, u64 init, u32 n)
{
	struct lb_table_inst *t = lb_table(v, table);
	u64 want = (u64)t->size + n;
	u32 old = t->size, k;
	u64 *elems;

	if (want > t->max || want > LB_MAX_TABLE_SIZE)
		return ~0U;
	if (!n)
		return old;
	lb_exec_end();			/* allocation may sleep */
	elems = lb_alloc(sizeof(u64) * (want + 1));
	if (elems) {
		memcpy(elems, t->elems, sizeof(u64) * old);
		for (k = old; k < want; k++)
			elems[k] = init;
		lb_free(t->elems);
		t->elems = elems;
		t->size = (u32)want;
	}
	lb_exec_begin();
	return elems ? old : ~0U;
}
