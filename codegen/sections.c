// SPDX-License-Identifier: GPL-2.0
/*
 * Decoding and validation of every section of the WebAssembly 2.0 binary
 * format except the function bodies (the compiler's) and custom sections
 * (the loader skips them).  Each decoder gets one whole section in memory
 * and fills struct lb_module; messages follow the spec test suite's
 * wording so that assert_malformed / assert_invalid can match them.
 *
 * Arrays grow as entries are decoded, from a first guess bounded by the
 * bytes actually present, so that a forged count cannot make us allocate
 * more than a small multiple of the input size.
 */
#include "leb128.h"
#include "sections.h"

#define LB_MSG_SIMD	"SIMD (v128) is not supported yet"

/* Constant expression opcodes (all that 2.0 allows, plus v128.const). */
#define OP_END		0x0b
#define OP_GLOBAL_GET	0x23
#define OP_I32_CONST	0x41
#define OP_I64_CONST	0x42
#define OP_F32_CONST	0x43
#define OP_F64_CONST	0x44
#define OP_REF_NULL	0xd0
#define OP_REF_FUNC	0xd2
#define OP_SIMD_PREFIX	0xfd

/*
 * Whether a one-byte opcode exists in 2.0 (0xfc and 0xfd are prefixes):
 * in a constant expression an unknown one is malformed, a known but
 * non-constant one invalid.
 */
static bool opcode_exists(u8 op)
{
	if (op <= 0x05 || (op >= 0x0b && op <= 0x11))
		return true;
	if ((op >= 0x1a && op <= 0x1c) || (op >= 0x20 && op <= 0x26))
		return true;
	if (op >= 0x28 && op <= 0xc4)
		return true;
	return (op >= 0xd0 && op <= 0xd2) || op == 0xfc || op == 0xfd;
}

static int nomem(struct lb_error *err, u64 offset)
{
	return lb_err(err, ENOMEM, offset, "out of memory");
}

/*
 * Resize an array of `size`-byte elements holding `used` live ones to
 * `cap` elements; the new tail is zeroed (lb_alloc zeroes).
 */
static int resize_array(void **arr, size_t used, size_t cap, size_t size)
{
	void *p;

	p = lb_alloc(cap ? cap * size : 1);
	if (!p)
		return -ENOMEM;
	if (used)
		memcpy(p, *arr, used * size);
	lb_free(*arr);
	*arr = p;
	return 0;
}

/*
 * First capacity for a vector of `count` entries of at least `min_size`
 * bytes each when `left` bytes remain: a guess that a forged count
 * cannot inflate (grow() handles the rare underestimate).
 */
static size_t vec_cap(u32 count, size_t left, size_t min_size)
{
	size_t fit = left / min_size;

	return count < fit ? count : fit;
}

/*
 * Make room for element `i` (elements 0..i-1 are live) of *arr, whose
 * capacity is *cap: double it, up to `max` elements.
 */
static int grow(void **arr, size_t *cap, size_t i, size_t max, size_t size)
{
	size_t ncap;

	if (i < *cap)
		return 0;
	ncap = *cap * 2 + 1;
	if (ncap > max)
		ncap = max;
	if (ncap <= i || resize_array(arr, i, ncap, size))
		return -ENOMEM;
	*cap = ncap;
	return 0;
}

/* Decodes one vector entry into `entry`. */
typedef int (*lb_decode_entry)(struct lb_module *m, struct lb_reader *r,
			       void *entry, struct lb_error *err);

/*
 * A section that is a vector of `size`-byte entries of at least
 * `min_size` encoded bytes each, into *arr.  Each entry is counted in *n
 * before it is decoded, so that destroy frees what it holds even when
 * decoding it fails half way.
 */
static int decode_vec(struct lb_module *m, struct lb_reader *r, void **arr,
		      u32 *n, size_t size, size_t min_size, u32 count,
		      lb_decode_entry decode, struct lb_error *err)
{
	size_t cap = vec_cap(count, lb_reader_left(r), min_size);
	u32 i;
	int ret;

	if (resize_array(arr, 0, cap, size))
		return nomem(err, lb_reader_offset(r));
	for (i = 0; i < count; i++) {
		if (grow(arr, &cap, i, count, size))
			return nomem(err, lb_reader_offset(r));
		*n = i + 1;
		ret = decode(m, r, (u8 *)*arr + i * size, err);
		if (ret)
			return ret;
	}
	return 0;
}

/*
 * Type bytes are 7-bit signed LEB128 numbers to the reference
 * interpreter: a continuation bit makes them too long, not unknown.
 */
static int read_type_byte(struct lb_reader *r, u8 *out, struct lb_error *err)
{
	int ret = lb_read_u8(r, out, err);

	if (ret)
		return ret;
	if (*out & 0x80)
		return lb_err(err, EINVAL, lb_reader_offset(r) - 1,
			      "integer representation too long");
	return 0;
}

static int read_valtype(struct lb_reader *r, u8 *out, struct lb_error *err)
{
	u64 off = lb_reader_offset(r);
	int ret;
	u8 b;

	ret = read_type_byte(r, &b, err);
	if (ret)
		return ret;
	switch (b) {
	case LB_TYPE_I32:
	case LB_TYPE_I64:
	case LB_TYPE_F32:
	case LB_TYPE_F64:
	case LB_TYPE_FUNCREF:
	case LB_TYPE_EXTERNREF:
		*out = b;
		return 0;
	case LB_TYPE_V128:
		return lb_err(err, EOPNOTSUPP, off, LB_MSG_SIMD);
	}
	return lb_err(err, EINVAL, off, "malformed value type");
}

static int read_reftype(struct lb_reader *r, u8 *out, struct lb_error *err)
{
	u64 off = lb_reader_offset(r);
	int ret;
	u8 b;

	ret = read_type_byte(r, &b, err);
	if (ret)
		return ret;
	if (b != LB_TYPE_FUNCREF && b != LB_TYPE_EXTERNREF)
		return lb_err(err, EINVAL, off, "malformed reference type");
	*out = b;
	return 0;
}

/*
 * Limits: a flag (read, as the reference interpreter does, as a 1-bit
 * LEB128), the minimum and an optional maximum.
 */
static int read_limits(struct lb_reader *r, struct lb_limits *l,
		       bool *has_max, bool memory, struct lb_error *err)
{
	u64 off = lb_reader_offset(r);
	int ret;
	u8 flag;

	ret = lb_read_u8(r, &flag, err);
	if (ret)
		return ret;
	/* 3: a shared memory with a maximum, from the threads proposal */
	if (memory && flag == 3)
		return lb_err(err, EOPNOTSUPP, off,
			      "threads (shared memory) is not supported yet");
	if ((flag & 0x7f) > 1)
		return lb_err(err, EINVAL, off, "integer too large");
	if (flag & 0x80)
		return lb_err(err, EINVAL, off,
			      "integer representation too long");
	ret = lb_read_u32(r, &l->min, err);
	if (ret)
		return ret;
	l->max = LB_NO_MAX;
	*has_max = flag;
	if (flag)
		ret = lb_read_u32(r, &l->max, err);
	return ret;
}

/*
 * A table maximum of 2^32 - 1 reads as LB_NO_MAX, which means the same
 * for a table; a memory's is checked against has_max.
 */
static int check_table_limits(const struct lb_limits *l, u64 off,
			      struct lb_error *err)
{
	if (l->min > l->max)
		return lb_err(err, EINVAL, off,
			      "size minimum must not be greater than maximum");
	return 0;
}

static int check_memory_limits(const struct lb_limits *l, bool has_max,
			       u64 off, struct lb_error *err)
{
	if (l->min > LB_MAX_PAGES || (has_max && l->max > LB_MAX_PAGES))
		return lb_err(err, EINVAL, off,
			      "memory size must be at most 65536 pages (4GiB)");
	return check_table_limits(l, off, err);
}

static int read_mut(struct lb_reader *r, u8 *out, struct lb_error *err)
{
	u64 off = lb_reader_offset(r);
	int ret;

	ret = lb_read_u8(r, out, err);
	if (ret)
		return ret;
	if (*out > 1)
		return lb_err(err, EINVAL, off, "malformed mutability");
	return 0;
}

/* A copy of a name as a NUL-terminated string. */
static char *dup_name(const u8 *name, u32 len)
{
	char *s = lb_alloc((size_t)len + 1);

	if (s && len)
		memcpy(s, name, len);
	return s;
}

/*
 * A constant expression producing one value of type `want`.  In 2.0,
 * global.get may only name an immutable imported global; ref.func
 * declares its function for use by ref.func in code.  The constness of
 * every instruction is checked before the type, as the reference
 * interpreter does.
 */
static int read_const_expr(struct lb_module *m, struct lb_reader *r, u8 want,
			   struct lb_const_expr *ce, struct lb_error *err)
{
	u64 start = lb_reader_offset(r);
	struct lb_reader peek = *r;
	struct lb_const_expr cur;
	u32 n = 0;
	s32 v;
	int ret;
	u8 op;

	memset(ce, 0, sizeof(*ce));
	/*
	 * The offset of nearly every segment: i32.const N end, read at once
	 * (a compiled program can have a hundred thousand segments).
	 */
	if (want == LB_TYPE_I32 && r->p < r->end && *r->p == OP_I32_CONST) {
		peek.p++;
		if (!lb_read_s32(&peek, &v, err) && peek.p < peek.end &&
		    *peek.p == OP_END) {
			ce->kind = LB_CONST_VALUE;
			ce->type = LB_TYPE_I32;
			ce->value = (u32)v;
			r->p = peek.p + 1;
			return 0;
		}
		/* else the general path below says what is wrong */
	}
	for (;;) {
		u64 off = lb_reader_offset(r);

		ret = lb_read_u8(r, &op, err);
		if (ret)
			return ret;
		if (op == OP_END)
			break;
		memset(&cur, 0, sizeof(cur));
		cur.kind = LB_CONST_VALUE;
		switch (op) {
		case OP_I32_CONST: {
			s32 v = 0;

			ret = lb_read_s32(r, &v, err);
			cur.type = LB_TYPE_I32;
			cur.value = (u32)v;
			break;
		}
		case OP_I64_CONST: {
			s64 v = 0;

			ret = lb_read_s64(r, &v, err);
			cur.type = LB_TYPE_I64;
			cur.value = (u64)v;
			break;
		}
		case OP_F32_CONST: {
			u32 v = 0;

			ret = lb_read_fixed32(r, &v, err);
			cur.type = LB_TYPE_F32;
			cur.value = v;
			break;
		}
		case OP_F64_CONST:
			ret = lb_read_fixed64(r, &cur.value, err);
			cur.type = LB_TYPE_F64;
			break;
		case OP_GLOBAL_GET:
			ret = lb_read_u32(r, &cur.index, err);
			if (ret)
				return ret;
			if (cur.index >= m->nimported_globals)
				return lb_err(err, EINVAL, off,
					      "unknown global %u", cur.index);
			if (m->globals[cur.index].mut)
				return lb_err(err, EINVAL, off,
					      "constant expression required");
			cur.kind = LB_CONST_GLOBAL;
			cur.type = m->globals[cur.index].type;
			break;
		case OP_REF_NULL:
			ret = read_reftype(r, &cur.type, err);
			cur.kind = LB_CONST_REF_NULL;
			break;
		case OP_REF_FUNC:
			ret = lb_read_u32(r, &cur.index, err);
			if (ret)
				return ret;
			if (cur.index >= m->nfuncs)
				return lb_err(err, EINVAL, off,
					      "unknown function %u", cur.index);
			m->func_declared[cur.index] = 1;
			cur.kind = LB_CONST_REF_FUNC;
			cur.type = LB_TYPE_FUNCREF;
			break;
		case OP_SIMD_PREFIX:
			return lb_err(err, EOPNOTSUPP, off, LB_MSG_SIMD);
		default:
			if (!opcode_exists(op))
				return lb_err(err, EINVAL, off,
					      "illegal opcode %#x", op);
			return lb_err(err, EINVAL, off,
				      "constant expression required");
		}
		if (ret)
			return ret;
		if (++n == 1)
			*ce = cur;
	}
	if (n != 1 || ce->type != want)
		return lb_err(err, EINVAL, start, "type mismatch");
	return 0;
}

/* A vector of value types, validated in place (each is one byte). */
static int read_valtypes(struct lb_reader *r, u32 limit, const char *what,
			 const u8 **types, u32 *n, struct lb_error *err)
{
	u64 off = lb_reader_offset(r);
	u32 k;
	int ret;
	u8 t;

	ret = lb_read_u32(r, n, err);
	if (ret)
		return ret;
	if (*n > limit)
		return lb_err(err, E2BIG, off,
			      "too many %s (%u, the limit is %u)", what, *n,
			      limit);
	*types = r->p;
	for (k = 0; k < *n; k++) {
		ret = read_valtype(r, &t, err);
		if (ret)
			return ret;
	}
	return 0;
}

static int decode_types(struct lb_module *m, struct lb_reader *r,
			struct lb_error *err)
{
	size_t cap;
	u32 count, i;
	int ret;

	ret = lb_read_u32(r, &count, err);
	if (ret)
		return ret;
	cap = vec_cap(count, lb_reader_left(r), 3);
	if (resize_array((void **)&m->types, 0, cap, sizeof(*m->types)))
		return nomem(err, lb_reader_offset(r));
	for (i = 0; i < count; i++) {
		u64 off = lb_reader_offset(r);
		const u8 *params = NULL, *results = NULL;
		struct lb_functype *ft;
		u32 np, nr, j, k;
		u8 form;

		ret = read_type_byte(r, &form, err);
		if (ret)
			return ret;
		if (form != 0x60)
			return lb_err(err, EINVAL, off,
				      "malformed function type");
		ret = read_valtypes(r, LB_MAX_PARAMS, "parameters", &params,
				    &np, err);
		if (!ret)
			ret = read_valtypes(r, LB_MAX_RESULTS, "results",
					    &results, &nr, err);
		if (ret)
			return ret;
		if (grow((void **)&m->types, &cap, i, count, sizeof(*m->types)))
			return nomem(err, off);
		ft = &m->types[i];
		/* Never NULL, even for [] -> []: callers may memcmp it. */
		ft->types = lb_alloc((size_t)np + nr + 1);
		if (!ft->types)
			return nomem(err, off);
		if (np)
			memcpy(ft->types, params, np);
		if (nr)
			memcpy(ft->types + np, results, nr);
		ft->nparams = np;
		ft->nresults = nr;
		for (k = 0, j = 0; j < np && k < LB_REG_PARAMS; j++)
			if (params[j] != LB_TYPE_F32 && params[j] != LB_TYPE_F64)
				k++;
		ft->reg_scan = j;
		m->ntypes = i + 1;
	}
	return 0;
}

/*
 * After the import section: the function, table and global index spaces
 * start with the imports.
 */
static int index_imports(struct lb_module *m, u64 off, struct lb_error *err)
{
	u32 i, f = 0, t = 0, g = 0;

	if (resize_array((void **)&m->func_type, 0, m->nimported_funcs,
			 sizeof(*m->func_type)) ||
	    resize_array((void **)&m->func_declared, 0, m->nimported_funcs, 1) ||
	    resize_array((void **)&m->tables, 0, m->nimported_tables,
			 sizeof(*m->tables)) ||
	    resize_array((void **)&m->globals, 0, m->nimported_globals,
			 sizeof(*m->globals)))
		return nomem(err, off);
	for (i = 0; i < m->nimports; i++) {
		const struct lb_import *im = &m->imports[i];

		switch (im->kind) {
		case LB_EXTERN_FUNC:
			m->func_type[f++] = im->type_idx;
			break;
		case LB_EXTERN_TABLE:
			m->tables[t].elem_type = im->table_elem;
			m->tables[t].imported = true;
			m->tables[t++].limits = im->limits;
			break;
		case LB_EXTERN_GLOBAL:
			m->globals[g].type = im->global_type;
			m->globals[g].mut = im->global_mut;
			m->globals[g++].imported = true;
			break;
		}
	}
	m->nfuncs = f;
	m->ntables = t;
	m->nglobals = g;
	return 0;
}

static int decode_import(struct lb_module *m, struct lb_reader *r,
			 void *entry, struct lb_error *err)
{
	struct lb_import *im = entry;
	const u8 *name;
	bool has_max;
	u64 off;
	u32 len;
	int ret;

	ret = lb_read_name(r, &name, &len, err);
	if (ret)
		return ret;
	im->module = dup_name(name, len);
	im->module_len = len;
	if (!im->module)
		return nomem(err, lb_reader_offset(r));
	ret = lb_read_name(r, &name, &len, err);
	if (ret)
		return ret;
	im->name = dup_name(name, len);
	im->name_len = len;
	if (!im->name)
		return nomem(err, lb_reader_offset(r));
	off = lb_reader_offset(r);
	ret = lb_read_u8(r, &im->kind, err);
	if (ret)
		return ret;
	switch (im->kind) {
	case LB_EXTERN_FUNC:
		off = lb_reader_offset(r);
		ret = lb_read_u32(r, &im->type_idx, err);
		if (!ret && im->type_idx >= m->ntypes)
			ret = lb_err(err, EINVAL, off, "unknown type %u",
				     im->type_idx);
		if (!ret && m->nimported_funcs >= LB_MAX_FUNCTIONS)
			ret = lb_err(err, E2BIG, off,
				     "too many functions (the limit is %u)",
				     LB_MAX_FUNCTIONS);
		m->nimported_funcs++;
		return ret;
	case LB_EXTERN_TABLE:
		ret = read_reftype(r, &im->table_elem, err);
		if (ret)
			return ret;
		off = lb_reader_offset(r);
		ret = read_limits(r, &im->limits, &has_max, false, err);
		if (!ret)
			ret = check_table_limits(&im->limits, off, err);
		m->nimported_tables++;
		return ret;
	case LB_EXTERN_MEMORY:
		off = lb_reader_offset(r);
		ret = read_limits(r, &im->limits, &has_max, true, err);
		if (!ret)
			ret = check_memory_limits(&im->limits, has_max, off,
						  err);
		if (!ret && m->has_memory)
			ret = lb_err(err, EINVAL, off, "multiple memories");
		m->has_memory = true;
		m->memory_imported = true;
		m->memory = im->limits;
		return ret;
	case LB_EXTERN_GLOBAL:
		ret = read_valtype(r, &im->global_type, err);
		if (!ret)
			ret = read_mut(r, &im->global_mut, err);
		m->nimported_globals++;
		return ret;
	}
	return lb_err(err, EINVAL, off, "malformed import kind");
}

static int decode_imports(struct lb_module *m, struct lb_reader *r,
			  struct lb_error *err)
{
	u32 count;
	int ret;

	ret = lb_read_u32(r, &count, err);
	if (!ret)
		ret = decode_vec(m, r, (void **)&m->imports, &m->nimports,
				 sizeof(*m->imports), 3, count, decode_import,
				 err);
	if (ret)
		return ret;
	return index_imports(m, lb_reader_offset(r), err);
}

static int decode_functions(struct lb_module *m, struct lb_reader *r,
			    struct lb_error *err)
{
	u64 off = lb_reader_offset(r);
	size_t cap, max;
	u32 count, i;
	int ret;

	ret = lb_read_u32(r, &count, err);
	if (ret)
		return ret;
	if (count > LB_MAX_FUNCTIONS - m->nimported_funcs)
		return lb_err(err, E2BIG, off,
			      "too many functions (%u, the limit is %u)",
			      count, LB_MAX_FUNCTIONS);
	max = (size_t)m->nfuncs + count;
	cap = m->nfuncs + vec_cap(count, lb_reader_left(r), 1);
	if (resize_array((void **)&m->func_type, m->nfuncs, cap,
			 sizeof(*m->func_type)) ||
	    resize_array((void **)&m->func_declared, m->nfuncs, cap, 1))
		return nomem(err, off);
	for (i = 0; i < count; i++) {
		size_t dcap = cap;
		u32 t;

		off = lb_reader_offset(r);
		ret = lb_read_u32(r, &t, err);
		if (ret)
			return ret;
		if (t >= m->ntypes)
			return lb_err(err, EINVAL, off, "unknown type %u", t);
		if (grow((void **)&m->func_type, &cap, m->nfuncs, max,
			 sizeof(*m->func_type)) ||
		    grow((void **)&m->func_declared, &dcap, m->nfuncs, max, 1))
			return nomem(err, off);
		m->func_type[m->nfuncs++] = t;
	}
	return 0;
}

static int decode_tables(struct lb_module *m, struct lb_reader *r,
			 struct lb_error *err)
{
	size_t cap, max;
	u32 count, i;
	int ret;

	ret = lb_read_u32(r, &count, err);
	if (ret)
		return ret;
	max = (size_t)m->ntables + count;
	cap = m->ntables + vec_cap(count, lb_reader_left(r), 3);
	if (resize_array((void **)&m->tables, m->ntables, cap,
			 sizeof(*m->tables)))
		return nomem(err, lb_reader_offset(r));
	for (i = 0; i < count; i++) {
		struct lb_table t = { 0 };
		bool has_max;
		u64 off;

		ret = read_reftype(r, &t.elem_type, err);
		if (ret)
			return ret;
		off = lb_reader_offset(r);
		ret = read_limits(r, &t.limits, &has_max, false, err);
		if (!ret)
			ret = check_table_limits(&t.limits, off, err);
		if (ret)
			return ret;
		if (grow((void **)&m->tables, &cap, m->ntables, max,
			 sizeof(*m->tables)))
			return nomem(err, off);
		m->tables[m->ntables++] = t;
	}
	return 0;
}

static int decode_memories(struct lb_module *m, struct lb_reader *r,
			   struct lb_error *err)
{
	u32 count, i;
	int ret;

	ret = lb_read_u32(r, &count, err);
	if (ret)
		return ret;
	for (i = 0; i < count; i++) {
		u64 off = lb_reader_offset(r);
		struct lb_limits l;
		bool has_max;

		ret = read_limits(r, &l, &has_max, true, err);
		if (!ret)
			ret = check_memory_limits(&l, has_max, off, err);
		if (ret)
			return ret;
		if (m->has_memory)
			return lb_err(err, EINVAL, off, "multiple memories");
		m->has_memory = true;
		m->memory = l;
	}
	return 0;
}

static int decode_globals(struct lb_module *m, struct lb_reader *r,
			  struct lb_error *err)
{
	size_t cap, max;
	u32 count, i;
	int ret;

	ret = lb_read_u32(r, &count, err);
	if (ret)
		return ret;
	max = (size_t)m->nglobals + count;
	cap = m->nglobals + vec_cap(count, lb_reader_left(r), 5);
	if (resize_array((void **)&m->globals, m->nglobals, cap,
			 sizeof(*m->globals)))
		return nomem(err, lb_reader_offset(r));
	for (i = 0; i < count; i++) {
		u64 off = lb_reader_offset(r);
		struct lb_global g = { 0 };

		ret = read_valtype(r, &g.type, err);
		if (!ret)
			ret = read_mut(r, &g.mut, err);
		if (!ret)
			ret = read_const_expr(m, r, g.type, &g.init, err);
		if (ret)
			return ret;
		if (grow((void **)&m->globals, &cap, m->nglobals, max,
			 sizeof(*m->globals)))
			return nomem(err, off);
		m->globals[m->nglobals++] = g;
	}
	return 0;
}

static int name_cmp(const struct lb_export *a, const struct lb_export *b)
{
	u32 n = a->name_len < b->name_len ? a->name_len : b->name_len;
	int c = n ? memcmp(a->name, b->name, n) : 0;

	if (c)
		return c;
	return (a->name_len > b->name_len) - (a->name_len < b->name_len);
}

/*
 * Duplicate export names, found by a bottom-up merge sort of the export
 * indices: O(n log n) comparisons whatever the names (a hash table could
 * be driven quadratic by chosen collisions), and no recursion.  `offs`
 * has each export's module offset, to name the second of a pair.
 */
static int check_duplicate_exports(struct lb_module *m, const u64 *offs,
				   struct lb_error *err)
{
	u32 n = m->nexports;
	u32 *buf, *a, *b, *t;
	size_t width, i;
	int ret = 0;

	if (n < 2)
		return 0;
	buf = lb_alloc(2 * (size_t)n * sizeof(*buf));
	if (!buf)
		return nomem(err, offs[0]);
	a = buf;
	b = buf + n;
	for (i = 0; i < n; i++)
		a[i] = i;
	for (width = 1; width < n; width *= 2) {
		for (i = 0; i < n; i += 2 * width) {
			size_t mid = i + width < n ? i + width : n;
			size_t hi = i + 2 * width < n ? i + 2 * width : n;
			size_t x = i, y = mid, k = i;

			while (x < mid && y < hi) {
				if (name_cmp(&m->exports[a[y]],
					     &m->exports[a[x]]) < 0)
					b[k++] = a[y++];
				else
					b[k++] = a[x++];
			}
			while (x < mid)
				b[k++] = a[x++];
			while (y < hi)
				b[k++] = a[y++];
		}
		t = a;
		a = b;
		b = t;
	}
	for (i = 1; i < n; i++) {
		if (!name_cmp(&m->exports[a[i - 1]], &m->exports[a[i]])) {
			/* Stable sort: a[i] is the later one. */
			ret = lb_err(err, EINVAL, offs[a[i]],
				     "duplicate export name");
			break;
		}
	}
	lb_free(buf);
	return ret;
}

static int check_export_index(struct lb_module *m, const struct lb_export *e,
			      u64 off, struct lb_error *err)
{
	switch (e->kind) {
	case LB_EXTERN_FUNC:
		if (e->index >= m->nfuncs)
			return lb_err(err, EINVAL, off, "unknown function %u",
				      e->index);
		m->func_declared[e->index] = 1;
		return 0;
	case LB_EXTERN_TABLE:
		if (e->index >= m->ntables)
			return lb_err(err, EINVAL, off, "unknown table %u",
				      e->index);
		return 0;
	case LB_EXTERN_MEMORY:
		if (e->index >= (m->has_memory ? 1U : 0U))
			return lb_err(err, EINVAL, off, "unknown memory %u",
				      e->index);
		return 0;
	case LB_EXTERN_GLOBAL:
		if (e->index >= m->nglobals)
			return lb_err(err, EINVAL, off, "unknown global %u",
				      e->index);
		return 0;
	}
	return lb_err(err, EINVAL, off, "malformed export kind");
}

static int decode_exports(struct lb_module *m, struct lb_reader *r,
			  struct lb_error *err)
{
	u64 *offs = NULL;
	size_t cap;
	u32 count, i;
	int ret;

	ret = lb_read_u32(r, &count, err);
	if (ret)
		return ret;
	cap = vec_cap(count, lb_reader_left(r), 3);
	if (resize_array((void **)&m->exports, 0, cap, sizeof(*m->exports)))
		return nomem(err, lb_reader_offset(r));
	offs = lb_alloc(cap ? cap * sizeof(*offs) : 1);
	if (!offs)
		return nomem(err, lb_reader_offset(r));
	for (i = 0; i < count; i++) {
		u64 off = lb_reader_offset(r);
		struct lb_export *e;
		const u8 *name;
		size_t ocap = cap;
		u32 len;
		u8 kind;

		if (grow((void **)&m->exports, &cap, i, count,
			 sizeof(*m->exports)) ||
		    (cap != ocap && resize_array((void **)&offs, i, cap,
						 sizeof(*offs)))) {
			ret = nomem(err, off);
			goto out;
		}
		e = &m->exports[i];
		offs[i] = off;
		ret = lb_read_name(r, &name, &len, err);
		if (ret)
			goto out;
		e->name = dup_name(name, len);
		e->name_len = len;
		if (!e->name) {
			ret = nomem(err, off);
			goto out;
		}
		m->nexports = i + 1;
		ret = lb_read_u8(r, &kind, err);
		if (!ret && kind > LB_EXTERN_GLOBAL)
			ret = lb_err(err, EINVAL, lb_reader_offset(r) - 1,
				     "malformed export kind");
		if (!ret)
			ret = lb_read_u32(r, &e->index, err);
		if (ret)
			goto out;
		e->kind = kind;
		ret = check_export_index(m, e, off, err);
		if (ret)
			goto out;
	}
	ret = check_duplicate_exports(m, offs, err);
out:
	lb_free(offs);
	return ret;
}

static int decode_start(struct lb_module *m, struct lb_reader *r,
			struct lb_error *err)
{
	u64 off = lb_reader_offset(r);
	const struct lb_functype *ft;
	int ret;

	ret = lb_read_u32(r, &m->start_func, err);
	if (ret)
		return ret;
	if (m->start_func >= m->nfuncs)
		return lb_err(err, EINVAL, off, "unknown function %u",
			      m->start_func);
	ft = lb_func_type(m, m->start_func);
	if (ft->nparams || ft->nresults)
		return lb_err(err, EINVAL, off, "start function");
	m->has_start = true;
	return 0;
}

/* An element kind byte (flags 1-3 and 0 implied): only funcref exists. */
static int read_elemkind(struct lb_reader *r, u8 *out, struct lb_error *err)
{
	u64 off = lb_reader_offset(r);
	int ret;
	u8 b;

	ret = lb_read_u8(r, &b, err);
	if (ret)
		return ret;
	if (b != 0x00)
		return lb_err(err, EINVAL, off, "malformed element kind");
	*out = LB_TYPE_FUNCREF;
	return 0;
}

/*
 * One element segment, any of the eight encodings.  Flag bits: 0 =
 * passive or declarative (else active), 1 = declarative if bit 0, else
 * explicit table index, 2 = items are expressions (else function
 * indices) with a reference type (else an element kind).
 */
static int decode_elem(struct lb_module *m, struct lb_reader *r,
		       void *entry, struct lb_error *err)
{
	struct lb_elem_seg *s = entry;
	u64 off = lb_reader_offset(r);
	bool exprs;
	size_t cap;
	u32 flags, count, i;
	int ret;

	ret = lb_read_u32(r, &flags, err);
	if (ret)
		return ret;
	if (flags > 7)
		return lb_err(err, EINVAL, off,
			      "malformed elements segment kind");
	exprs = flags & 4;
	s->elem_type = LB_TYPE_FUNCREF;
	if (flags & 1) {
		s->mode = flags & 2 ? LB_SEG_DECLARATIVE : LB_SEG_PASSIVE;
	} else {
		s->mode = LB_SEG_ACTIVE;
		if (flags & 2) {
			ret = lb_read_u32(r, &s->table_idx, err);
			if (ret)
				return ret;
		}
		if (s->table_idx >= m->ntables)
			return lb_err(err, EINVAL, off, "unknown table %u",
				      s->table_idx);
		ret = read_const_expr(m, r, LB_TYPE_I32, &s->offset, err);
		if (ret)
			return ret;
	}
	if (flags & 3) {
		ret = exprs ? read_reftype(r, &s->elem_type, err) :
			      read_elemkind(r, &s->elem_type, err);
		if (ret)
			return ret;
	}
	if (s->mode == LB_SEG_ACTIVE &&
	    m->tables[s->table_idx].elem_type != s->elem_type)
		return lb_err(err, EINVAL, off, "type mismatch");
	ret = lb_read_u32(r, &count, err);
	if (ret)
		return ret;
	cap = vec_cap(count, lb_reader_left(r), exprs ? 3 : 1);
	if (resize_array((void **)&s->items, 0, cap, sizeof(*s->items)))
		return nomem(err, off);
	for (i = 0; i < count; i++) {
		struct lb_const_expr it = { 0 };
		u64 ioff = lb_reader_offset(r);

		if (exprs) {
			ret = read_const_expr(m, r, s->elem_type, &it, err);
			if (ret)
				return ret;
		} else {
			ret = lb_read_u32(r, &it.index, err);
			if (ret)
				return ret;
			if (it.index >= m->nfuncs)
				return lb_err(err, EINVAL, ioff,
					      "unknown function %u", it.index);
			m->func_declared[it.index] = 1;
			it.kind = LB_CONST_REF_FUNC;
			it.type = LB_TYPE_FUNCREF;
		}
		if (grow((void **)&s->items, &cap, i, count, sizeof(*s->items)))
			return nomem(err, ioff);
		s->items[i] = it;
		s->count = i + 1;
	}
	return 0;
}

static int decode_elems(struct lb_module *m, struct lb_reader *r,
			struct lb_error *err)
{
	u32 count;
	int ret;

	ret = lb_read_u32(r, &count, err);
	if (ret)
		return ret;
	return decode_vec(m, r, (void **)&m->elems, &m->nelems,
			  sizeof(*m->elems), 3, count, decode_elem, err);
}

static int decode_data_count(struct lb_module *m, struct lb_reader *r,
			     struct lb_error *err)
{
	int ret = lb_read_u32(r, &m->data_count, err);

	if (!ret)
		m->has_data_count = true;
	return ret;
}

/* Segment m->ndata - 1; its bytes go after the previous one's. */
static int decode_data_seg(struct lb_module *m, struct lb_reader *r,
			   void *entry, struct lb_error *err)
{
	struct lb_data_seg *d = entry;
	u64 off = lb_reader_offset(r);
	const u8 *bytes = NULL;
	u32 flags;
	int ret;

	ret = lb_read_u32(r, &flags, err);
	if (ret)
		return ret;
	if (flags > 2)
		return lb_err(err, EINVAL, off,
			      "malformed data segment kind");
	if (flags == 1) {
		d->mode = LB_SEG_PASSIVE;
	} else {
		d->mode = LB_SEG_ACTIVE;
		if (flags == 2) {
			ret = lb_read_u32(r, &d->mem_idx, err);
			if (ret)
				return ret;
		}
		if (d->mem_idx >= (m->has_memory ? 1U : 0U))
			return lb_err(err, EINVAL, off, "unknown memory %u",
				      d->mem_idx);
		ret = read_const_expr(m, r, LB_TYPE_I32, &d->offset, err);
		if (ret)
			return ret;
	}
	/* A short segment runs into the end (unlike a long name). */
	ret = lb_read_u32(r, &d->len, err);
	if (!ret)
		ret = lb_read_bytes(r, d->len, &bytes, err);
	if (ret)
		return ret;
	d->bytes = m->data_bytes;
	if (m->ndata > 1)
		d->bytes = d[-1].bytes + d[-1].len;
	if (d->len)
		memcpy(d->bytes, bytes, d->len);
	return 0;
}

static int decode_data(struct lb_module *m, struct lb_reader *r,
		       struct lb_error *err)
{
	u64 off = lb_reader_offset(r);
	u32 count;
	int ret;

	ret = lb_read_u32(r, &count, err);
	if (ret)
		return ret;
	if (m->has_data_count && count != m->data_count)
		return lb_err(err, EINVAL, off,
			      "data count and data section have inconsistent lengths");
	/*
	 * One block for all segments' bytes (a compiled program can have a
	 * hundred thousand): they are within the section, so its size is
	 * enough.  Not zeroed: only what the segments fill is ever read.
	 */
	m->data_bytes = lb_alloc_raw(lb_reader_left(r) + 1);
	if (!m->data_bytes)
		return nomem(err, lb_reader_offset(r));
	return decode_vec(m, r, (void **)&m->data, &m->ndata,
			  sizeof(*m->data), 2, count, decode_data_seg, err);
}

int lb_decode_section(struct lb_module *m, u8 id, const u8 *buf, size_t len,
		      u64 base, struct lb_error *err)
{
	struct lb_reader r;
	int ret;

	lb_reader_init(&r, buf, len, base);
	switch (id) {
	case LB_SEC_TYPE:
		ret = decode_types(m, &r, err);
		break;
	case LB_SEC_IMPORT:
		ret = decode_imports(m, &r, err);
		break;
	case LB_SEC_FUNCTION:
		ret = decode_functions(m, &r, err);
		break;
	case LB_SEC_TABLE:
		ret = decode_tables(m, &r, err);
		break;
	case LB_SEC_MEMORY:
		ret = decode_memories(m, &r, err);
		break;
	case LB_SEC_GLOBAL:
		ret = decode_globals(m, &r, err);
		break;
	case LB_SEC_EXPORT:
		ret = decode_exports(m, &r, err);
		break;
	case LB_SEC_START:
		ret = decode_start(m, &r, err);
		break;
	case LB_SEC_ELEMENT:
		ret = decode_elems(m, &r, err);
		break;
	case LB_SEC_DATA:
		ret = decode_data(m, &r, err);
		break;
	case LB_SEC_DATA_COUNT:
		ret = decode_data_count(m, &r, err);
		break;
	default:
		return lb_err(err, EINVAL, base, "malformed section id");
	}
	if (ret)
		return ret;
	if (!lb_reader_eof(&r))
		return lb_err(err, EINVAL, lb_reader_offset(&r),
			      "section size mismatch");
	return 0;
}

int lb_check_code_count(const struct lb_module *m, u32 count, u64 offset,
			struct lb_error *err)
{
	if (count != m->nfuncs - m->nimported_funcs)
		return lb_err(err, EINVAL, offset,
			      "function and code section have inconsistent lengths");
	return 0;
}

int lb_check_module_end(const struct lb_module *m, u32 seen, u64 offset,
			struct lb_error *err)
{
	if (!(seen & (1U << LB_SEC_CODE)) && m->nfuncs != m->nimported_funcs)
		return lb_err(err, EINVAL, offset,
			      "function and code section have inconsistent lengths");
	if (!(seen & (1U << LB_SEC_DATA)) && m->has_data_count &&
	    m->data_count)
		return lb_err(err, EINVAL, offset,
			      "data count and data section have inconsistent lengths");
	return 0;
}
