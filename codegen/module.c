// SPDX-License-Identifier: GPL-2.0
/*
 * A loaded module: its teardown and what callers may ask about it
 * (exports, imports, sizes, where each function's code is).
 */
#include "module.h"

void lb_module_destroy(struct lb_module *m)
{
	u32 i;

	if (!m)
		return;
	for (i = 0; i < m->ntypes; i++)
		lb_free(m->types[i].types);
	lb_free(m->types);
	for (i = 0; i < m->nimports; i++) {
		lb_free(m->imports[i].module);
		lb_free(m->imports[i].name);
	}
	lb_free(m->imports);
	lb_free(m->func_type);
	lb_free(m->func_declared);
	lb_free(m->tables);
	lb_free(m->globals);
	for (i = 0; i < m->nexports; i++)
		lb_free(m->exports[i].name);
	lb_free(m->exports);
	for (i = 0; i < m->nelems; i++)
		lb_free(m->elems[i].items);
	lb_free(m->elems);
	lb_free(m->data_bytes);
	lb_free(m->data);
	for (i = 0; i < m->nchunks; i++)
		lb_code_free(&m->chunks[i]);
	lb_free(m->chunks);
	lb_free(m->func_code);
	lb_free(m->type_entry);
	lb_free(m->type_sig);
	lb_free(m);
}

static void type_desc(const struct lb_module *m, u32 type_idx,
		      struct lb_func_type_desc *d)
{
	const struct lb_functype *ft = &m->types[type_idx];

	d->params = ft->types;
	d->results = ft->types ? ft->types + ft->nparams : NULL;
	d->nparams = ft->nparams;
	d->nresults = ft->nresults;
}

u32 lb_module_num_exports(const struct lb_module *m)
{
	return m->nexports;
}

int lb_module_export(const struct lb_module *m, u32 idx,
		     struct lb_export_desc *d)
{
	const struct lb_export *e;

	if (idx >= m->nexports)
		return -ENOENT;
	e = &m->exports[idx];
	memset(d, 0, sizeof(*d));
	d->name = e->name;
	d->name_len = e->name_len;
	d->kind = e->kind;
	d->index = e->index;
	if (e->kind == LB_EXTERN_FUNC)
		type_desc(m, m->func_type[e->index], &d->type);
	return 0;
}

/* Linear: export lookups are per invocation by name, not per call. */
int lb_module_find_export(const struct lb_module *m, const char *name,
			  u32 len, u32 *idx)
{
	u32 i;

	for (i = 0; i < m->nexports; i++) {
		const struct lb_export *e = &m->exports[i];

		if (e->name_len == len && !memcmp(e->name, name, len)) {
			*idx = i;
			return 0;
		}
	}
	return -ENOENT;
}

u32 lb_module_num_imports(const struct lb_module *m)
{
	return m->nimports;
}

int lb_module_import(const struct lb_module *m, u32 idx,
		     struct lb_import_desc *d)
{
	const struct lb_import *im;

	if (idx >= m->nimports)
		return -ENOENT;
	im = &m->imports[idx];
	memset(d, 0, sizeof(*d));
	d->module = im->module;
	d->module_len = im->module_len;
	d->name = im->name;
	d->name_len = im->name_len;
	d->kind = im->kind;
	if (im->kind == LB_EXTERN_FUNC)
		type_desc(m, im->type_idx, &d->type);
	return 0;
}

void lb_module_stats(const struct lb_module *m, struct lb_module_stats *s)
{
	memset(s, 0, sizeof(*s));
	s->code_bytes = m->code_size;
	s->code_section_bytes = m->code_section_size;
	s->num_funcs = m->nfuncs - m->nimported_funcs;
	s->num_imported_funcs = m->nimported_funcs;
	s->memory_min_pages = m->has_memory ? m->memory.min : ~0U;
	s->memory_max_pages = m->has_memory ? m->memory.max : ~0U;
}

int lb_module_func_code(const struct lb_module *m, u32 func,
			const void **code, size_t *len)
{
	const struct lb_func_code *fc;

	if (func < m->nimported_funcs || func >= m->nfuncs ||
	    !m->func_code || !m->nchunks)
		return -ENOENT;
	fc = &m->func_code[func - m->nimported_funcs];
	*code = fc->code;
	*len = fc->len;
	return 0;
}
