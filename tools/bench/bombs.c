// SPDX-License-Identifier: GPL-2.0
/*
 * Adversarial modules for the one-pass compiler (see bombs.h).  Each
 * generator writes a valid module of about the requested size whose shape
 * would make a compiler with a hidden quadratic step (or a large constant
 * amplification) slow: per-byte compile time is what is compared.
 *
 * The modules are only compiled, never run, so the code need not do
 * anything sensible; it only has to validate.
 */
#include <stdlib.h>

#include "bombs.h"
#include "codegen/engine.h"

/* Opcodes and types used below. */
enum {
	OP_UNREACHABLE = 0x00, OP_BLOCK = 0x02, OP_LOOP = 0x03, OP_IF = 0x04,
	OP_ELSE = 0x05, OP_END = 0x0b, OP_BR = 0x0c, OP_BR_IF = 0x0d,
	OP_BR_TABLE = 0x0e, OP_RETURN = 0x0f, OP_CALL = 0x10,
	OP_CALL_INDIRECT = 0x11,
	OP_DROP = 0x1a, OP_SELECT = 0x1b, OP_LOCAL_GET = 0x20,
	OP_LOCAL_SET = 0x21, OP_LOCAL_TEE = 0x22, OP_I32_LOAD = 0x28,
	OP_I64_LOAD = 0x29, OP_F64_LOAD = 0x2b, OP_I32_STORE = 0x36,
	OP_I64_STORE = 0x37, OP_I32_CONST = 0x41, OP_I64_CONST = 0x42,
	OP_F64_CONST = 0x44, OP_I32_EQZ = 0x45, OP_I32_LT_U = 0x49,
	OP_I32_ADD = 0x6a, OP_I32_SUB = 0x6b, OP_I32_MUL = 0x6c,
	OP_I32_AND = 0x71, OP_I32_XOR = 0x73, OP_I32_SHL = 0x74,
	OP_I32_SHR_U = 0x76, OP_I64_ADD = 0x7c, OP_I64_MUL = 0x7e,
	OP_I64_XOR = 0x85, OP_F64_ADD = 0xa0, OP_F64_MUL = 0xa2,
	OP_I64_EXTEND_I32_U = 0xad,
	T_I32 = 0x7f, T_I64 = 0x7e, T_F32 = 0x7d, T_F64 = 0x7c,
	T_FUNCREF = 0x70, T_VOID = 0x40,
};

/* --- byte buffers ---------------------------------------------------- */

void lb_wbuf_free(struct lb_wbuf *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}

static bool wb_room(struct lb_wbuf *b, size_t n)
{
	size_t cap;
	u8 *p;

	if (b->err)
		return false;
	if (b->len + n <= b->cap)
		return true;
	cap = b->cap ? b->cap : 4096;
	while (cap < b->len + n)
		cap *= 2;
	p = realloc(b->p, cap);
	if (!p) {
		b->err = true;
		return false;
	}
	b->p = p;
	b->cap = cap;
	return true;
}

static void wb_bytes(struct lb_wbuf *b, const void *src, size_t n)
{
	if (!n || !wb_room(b, n))
		return;
	memcpy(b->p + b->len, src, n);
	b->len += n;
}

static void wb_byte(struct lb_wbuf *b, u8 v)
{
	wb_bytes(b, &v, 1);
}

static void wb_uleb(struct lb_wbuf *b, u64 v)
{
	do {
		u8 byte = v & 0x7f;

		v >>= 7;
		wb_byte(b, byte | (v ? 0x80 : 0));
	} while (v);
}

static void wb_sleb(struct lb_wbuf *b, s64 v)
{
	bool more;

	do {
		u8 byte = v & 0x7f;

		v >>= 7;	/* arithmetic: gcc and clang */
		more = !((v == 0 && !(byte & 0x40)) ||
			 (v == -1 && (byte & 0x40)));
		wb_byte(b, byte | (more ? 0x80 : 0));
	} while (more);
}

/* A 5-byte (padded) u32 LEB placeholder, patched by wb_patch(). */
static size_t wb_reserve(struct lb_wbuf *b)
{
	static const u8 zero[5] = { 0x80, 0x80, 0x80, 0x80, 0 };
	size_t at = b->len;

	wb_bytes(b, zero, sizeof(zero));
	return at;
}

static void wb_patch(struct lb_wbuf *b, size_t at)
{
	u32 v = (u32)(b->len - at - 5);
	int i;

	if (b->err)
		return;
	for (i = 0; i < 5; i++, v >>= 7)
		b->p[at + i] = (v & 0x7f) | (i < 4 ? 0x80 : 0);
}

/* --- module builder ----------------------------------------------------- */

struct bmod {
	struct lb_wbuf types, funcs, code, exports, data, elems;
	u32 ntypes, nfuncs, nexports, ndata;
	u32 mem_pages;		/* 0: no memory */
	u32 table_size;		/* 0: no table */
	size_t body_at;
	u64 rng;
	struct lb_wbuf *c;	/* &code, for brevity */
};

static void bm_init(struct bmod *m)
{
	memset(m, 0, sizeof(*m));
	m->rng = 0x2545f4914f6cdd1dULL;
	m->c = &m->code;
}

static u32 bm_rand(struct bmod *m, u32 below)
{
	m->rng = m->rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return below ? (u32)(m->rng >> 33) % below : 0;
}

static u32 bm_type(struct bmod *m, const u8 *params, u32 np,
		   const u8 *results, u32 nr)
{
	wb_byte(&m->types, 0x60);
	wb_uleb(&m->types, np);
	wb_bytes(&m->types, params, np);
	wb_uleb(&m->types, nr);
	wb_bytes(&m->types, results, nr);
	return m->ntypes++;
}

/* The same type repeated: n params of one type. */
static u32 bm_type_n(struct bmod *m, u8 ptype, u32 np, u8 rtype, u32 nr)
{
	u8 *p = calloc(1, np + nr + 1);
	u32 t;

	if (!p) {
		m->types.err = true;
		return 0;
	}
	memset(p, ptype, np);
	memset(p + np, rtype, nr);
	t = bm_type(m, p, np, p + np, nr);
	free(p);
	return t;
}

/* Start a function body with `ngroups` local declarations to follow. */
static u32 bm_func(struct bmod *m, u32 type, u32 ngroups)
{
	wb_uleb(&m->funcs, type);
	m->body_at = wb_reserve(m->c);
	wb_uleb(m->c, ngroups);
	return m->nfuncs++;
}

static void bm_locals(struct bmod *m, u32 count, u8 type)
{
	wb_uleb(m->c, count);
	wb_byte(m->c, type);
}

/* End the body: the final `end` and its size. */
static void bm_func_end(struct bmod *m)
{
	wb_byte(m->c, OP_END);
	wb_patch(m->c, m->body_at);
}

static void bm_export_func(struct bmod *m, const char *name, u32 len,
			   u32 func)
{
	wb_uleb(&m->exports, len);
	wb_bytes(&m->exports, name, len);
	wb_byte(&m->exports, 0);	/* func */
	wb_uleb(&m->exports, func);
	m->nexports++;
}

static void op(struct bmod *m, u8 o)
{
	wb_byte(m->c, o);
}

static void op_u(struct bmod *m, u8 o, u32 v)
{
	wb_byte(m->c, o);
	wb_uleb(m->c, v);
}

static void op_i32(struct bmod *m, s32 v)
{
	wb_byte(m->c, OP_I32_CONST);
	wb_sleb(m->c, v);
}

static void op_mem(struct bmod *m, u8 o, u32 align, u32 offset)
{
	wb_byte(m->c, o);
	wb_uleb(m->c, align);
	wb_uleb(m->c, offset);
}

static void section(struct lb_wbuf *out, u8 id, u32 count,
		    const struct lb_wbuf *body)
{
	size_t at;

	wb_byte(out, id);
	at = wb_reserve(out);
	wb_uleb(out, count);
	wb_bytes(out, body->p, body->len);
	wb_patch(out, at);
}

/* Assemble the sections into out and free the builder. */
static void bm_finish(struct bmod *m, struct lb_wbuf *out)
{
	static const u8 header[8] = { 0, 'a', 's', 'm', 1, 0, 0, 0 };
	struct lb_wbuf tmp = { 0 };

	wb_bytes(out, header, sizeof(header));
	section(out, 1, m->ntypes, &m->types);
	section(out, 3, m->nfuncs, &m->funcs);
	if (m->table_size) {
		wb_byte(&tmp, T_FUNCREF);
		wb_byte(&tmp, 0);
		wb_uleb(&tmp, m->table_size);
		section(out, 4, 1, &tmp);
		tmp.len = 0;
	}
	if (m->mem_pages) {
		wb_byte(&tmp, 0);
		wb_uleb(&tmp, m->mem_pages);
		section(out, 5, 1, &tmp);
		tmp.len = 0;
	}
	if (m->nexports)
		section(out, 7, m->nexports, &m->exports);
	if (m->table_size)
		section(out, 9, 1, &m->elems);
	section(out, 10, m->nfuncs, &m->code);
	if (m->ndata)
		section(out, 11, m->ndata, &m->data);
	out->err |= m->types.err || m->funcs.err || m->code.err ||
		    m->exports.err || m->data.err || m->elems.err || tmp.err;
	lb_wbuf_free(&tmp);
	lb_wbuf_free(&m->types);
	lb_wbuf_free(&m->funcs);
	lb_wbuf_free(&m->code);
	lb_wbuf_free(&m->exports);
	lb_wbuf_free(&m->data);
	lb_wbuf_free(&m->elems);
}

/* --- the normal module -------------------------------------------------- */

/*
 * (i32 a, i32 b) -> i32 with locals c, d, x, y: i32, e: i64, f: f64, and
 * a body of statements picked at random from what C compiles to.
 */
enum { L_A, L_B, L_C, L_D, L_X, L_Y, L_E, L_F };

static void normal_stmt(struct bmod *m, u32 callee)
{
	u32 k = bm_rand(m, 4000);

	switch (bm_rand(m, 12)) {
	case 0:
		op_u(m, OP_LOCAL_GET, L_A);
		op_u(m, OP_LOCAL_GET, L_B);
		op(m, OP_I32_ADD);
		op_i32(m, (s32)k);
		op(m, OP_I32_XOR);
		op_u(m, OP_LOCAL_SET, L_C);
		break;
	case 1:
		op_u(m, OP_LOCAL_GET, L_A);
		op_mem(m, OP_I32_LOAD, 2, k);
		op_u(m, OP_LOCAL_GET, L_B);
		op(m, OP_I32_MUL);
		op_u(m, OP_LOCAL_SET, L_D);
		break;
	case 2:
		op_u(m, OP_LOCAL_GET, L_B);
		op_u(m, OP_LOCAL_GET, L_C);
		op_mem(m, OP_I32_STORE, 2, k);
		break;
	case 3:
		op_u(m, OP_BLOCK, T_VOID);
		op_u(m, OP_LOCAL_GET, L_X);
		op_i32(m, (s32)k);
		op(m, OP_I32_LT_U);
		op_u(m, OP_BR_IF, 0);
		op_u(m, OP_LOCAL_GET, L_Y);
		op_i32(m, 1);
		op(m, OP_I32_ADD);
		op_u(m, OP_LOCAL_SET, L_Y);
		op(m, OP_END);
		break;
	case 4:
		op_u(m, OP_LOOP, T_VOID);
		op_u(m, OP_LOCAL_GET, L_X);
		op_u(m, OP_LOCAL_GET, L_A);
		op_mem(m, OP_I32_LOAD, 2, k);
		op(m, OP_I32_ADD);
		op_u(m, OP_LOCAL_SET, L_X);
		op_u(m, OP_LOCAL_GET, L_C);
		op_i32(m, 1);
		op(m, OP_I32_SUB);
		op_u(m, OP_LOCAL_TEE, L_C);
		op_u(m, OP_BR_IF, 0);
		op(m, OP_END);
		break;
	case 5:
		op_u(m, OP_LOCAL_GET, L_A);
		op_u(m, OP_LOCAL_GET, L_D);
		op_u(m, OP_CALL, callee);
		op_u(m, OP_LOCAL_SET, L_D);
		break;
	case 6:
		op_u(m, OP_LOCAL_GET, L_A);
		op_u(m, OP_IF, T_VOID);
		op_u(m, OP_LOCAL_GET, L_B);
		op_i32(m, (s32)(k & 31));
		op(m, OP_I32_SHL);
		op_u(m, OP_LOCAL_SET, L_B);
		op(m, OP_ELSE);
		op_u(m, OP_LOCAL_GET, L_C);
		op_i32(m, (s32)(k & 31));
		op(m, OP_I32_SHR_U);
		op_u(m, OP_LOCAL_SET, L_C);
		op(m, OP_END);
		break;
	case 7:
		op_u(m, OP_LOCAL_GET, L_A);
		op(m, OP_I64_EXTEND_I32_U);
		wb_byte(m->c, OP_I64_CONST);
		wb_sleb(m->c, (s64)k * 0x10001);
		op(m, OP_I64_MUL);
		op_u(m, OP_LOCAL_GET, L_E);
		op(m, OP_I64_XOR);
		op_u(m, OP_LOCAL_SET, L_E);
		break;
	case 8: {
		double d = k * 0.25;

		op_u(m, OP_LOCAL_GET, L_F);
		op(m, OP_F64_CONST);
		wb_bytes(m->c, &d, 8);
		op(m, OP_F64_ADD);
		op_u(m, OP_LOCAL_GET, L_F);
		op(m, OP_F64_MUL);
		op_u(m, OP_LOCAL_SET, L_F);
		break;
	}
	case 9:
		op_u(m, OP_LOCAL_GET, L_B);
		op_mem(m, OP_I64_LOAD, 3, k * 8);
		op_u(m, OP_LOCAL_GET, L_E);
		op(m, OP_I64_ADD);
		op_u(m, OP_LOCAL_SET, L_E);
		break;
	case 10:
		op_u(m, OP_BLOCK, T_I32);
		op_u(m, OP_LOCAL_GET, L_A);
		op_u(m, OP_LOCAL_GET, L_B);
		op_u(m, OP_LOCAL_GET, L_C);
		op(m, OP_SELECT);
		op(m, OP_END);
		op_u(m, OP_LOCAL_SET, L_D);
		break;
	default:
		op_u(m, OP_LOCAL_GET, L_C);
		op_u(m, OP_LOCAL_GET, L_D);
		op(m, OP_I32_AND);
		op_u(m, OP_LOCAL_GET, L_X);
		op(m, OP_I32_ADD);
		op_u(m, OP_LOCAL_SET, L_X);
		break;
	}
}

void lb_bomb_normal(struct lb_wbuf *out, size_t size)
{
	static const u8 ii[2] = { T_I32, T_I32 };
	struct bmod m;
	u32 t, f, i, n;

	bm_init(&m);
	m.mem_pages = 1;
	t = bm_type(&m, ii, 2, ii, 1);
	while (m.code.len < size && !m.code.err) {
		f = bm_func(&m, t, 3);
		bm_locals(&m, 4, T_I32);
		bm_locals(&m, 1, T_I64);
		bm_locals(&m, 1, T_F64);
		n = 8 + bm_rand(&m, 40);
		for (i = 0; i < n; i++)
			normal_stmt(&m, bm_rand(&m, f + 1));
		op_u(&m, OP_LOCAL_GET, L_X);
		op_u(&m, OP_LOCAL_GET, L_D);
		op(&m, OP_I32_ADD);
		bm_func_end(&m);
	}
	bm_export_func(&m, "f", 1, 0);
	bm_finish(&m, out);
}

/* --- the bombs ---------------------------------------------------------- */

/* Functions of LB_MAX_NESTING - 1 nested block/loop/if, a br_if in each. */
static void bomb_nesting(struct lb_wbuf *out, size_t size)
{
	static const u8 ii[2] = { T_I32, T_I32 };
	u32 depth = LB_MAX_NESTING - 1, i;
	struct bmod m;
	u32 t;

	bm_init(&m);
	t = bm_type(&m, ii, 2, ii, 1);
	while (m.code.len < size && !m.code.err) {
		bm_func(&m, t, 1);
		bm_locals(&m, 1, T_I32);
		for (i = 0; i < depth; i++) {
			switch (i % 3) {
			case 0:
				op_u(&m, OP_BLOCK, T_VOID);
				break;
			case 1:
				op_u(&m, OP_LOOP, T_VOID);
				break;
			default:
				op_u(&m, OP_LOCAL_GET, 0);
				op_u(&m, OP_IF, T_VOID);
				break;
			}
			op_u(&m, OP_LOCAL_GET, 1);
			op_u(&m, OP_BR_IF, i % 7);
		}
		op_u(&m, OP_LOCAL_GET, 0);
		op_u(&m, OP_LOCAL_GET, 1);
		op(&m, OP_I32_ADD);
		op_u(&m, OP_LOCAL_SET, 2);
		op_u(&m, OP_BR, depth / 2);
		for (i = 0; i < depth; i++)
			op(&m, OP_END);
		op_u(&m, OP_LOCAL_GET, 2);
		bm_func_end(&m);
	}
	bm_finish(&m, out);
}

/* br_tables of 100000 targets over 100 enclosing blocks. */
static void bomb_br_table(struct lb_wbuf *out, size_t size)
{
	static const u8 ii[1] = { T_I32 };
	u32 targets = 100000, blocks = 100, i;
	size_t start = 0;
	struct bmod m;
	u32 t;

	bm_init(&m);
	t = bm_type(&m, ii, 1, ii, 1);
	while (m.code.len < size && !m.code.err) {
		if (!m.nfuncs || m.code.len - start > (4U << 20)) {
			if (m.nfuncs) {
				op_i32(&m, 0);
				bm_func_end(&m);
			}
			start = m.code.len;
			bm_func(&m, t, 0);
		}
		for (i = 0; i < blocks; i++)
			op_u(&m, OP_BLOCK, T_VOID);
		op_u(&m, OP_LOCAL_GET, 0);
		op_u(&m, OP_BR_TABLE, targets);
		for (i = 0; i < targets; i++)
			wb_uleb(m.c, (i * 37) % blocks);
		wb_uleb(m.c, blocks - 1);
		for (i = 0; i < blocks; i++)
			op(&m, OP_END);
	}
	op_i32(&m, 0);
	bm_func_end(&m);
	bm_finish(&m, out);
}

/*
 * Functions with 1000 parameters that call each other with 1000
 * arguments, the arguments read from scattered locals.
 */
static void bomb_params(struct lb_wbuf *out, size_t size)
{
	u32 np = LB_MAX_PARAMS, i, j, t;
	struct bmod m;

	bm_init(&m);
	t = bm_type_n(&m, T_I32, np, T_I32, 1);
	while (m.code.len < size && !m.code.err) {
		bm_func(&m, t, 0);
		for (j = 0; j < 4; j++) {
			for (i = 0; i < np; i++)
				op_u(&m, OP_LOCAL_GET, (i * 7 + j) % np);
			op_u(&m, OP_CALL, bm_rand(&m, m.nfuncs));
			op_u(&m, OP_LOCAL_SET, j);
		}
		op_u(&m, OP_LOCAL_GET, 3);
		bm_func_end(&m);
	}
	bm_finish(&m, out);
}

/*
 * Functions declaring the most locals allowed (of every type) and
 * touching a few: the locals' initialisation must not cost per local
 * what a whole statement costs.
 */
static void bomb_locals(struct lb_wbuf *out, size_t size)
{
	static const u8 types[4] = { T_I32, T_I64, T_F32, T_F64 };
	static const u8 ii[1] = { T_I32 };
	u32 per = (LB_MAX_LOCALS - 1) / 4, i, t;
	struct bmod m;

	bm_init(&m);
	t = bm_type(&m, ii, 1, ii, 1);
	while (m.code.len < size && !m.code.err) {
		bm_func(&m, t, 4);
		for (i = 0; i < 4; i++)
			bm_locals(&m, per, types[i]);
		/* a few i32 locals (1..per) copied around */
		for (i = 0; i < 16; i++) {
			op_u(&m, OP_LOCAL_GET, 1 + bm_rand(&m, per));
			op_u(&m, OP_LOCAL_GET, 0);
			op(&m, OP_I32_ADD);
			op_u(&m, OP_LOCAL_SET, 1 + bm_rand(&m, per));
		}
		op_u(&m, OP_LOCAL_GET, per);
		bm_func_end(&m);
	}
	bm_finish(&m, out);
}

/* Straight-line code: 4 MiB function bodies of arithmetic on 8 locals. */
static void bomb_straight(struct lb_wbuf *out, size_t size)
{
	static const u8 ii[2] = { T_I32, T_I32 };
	size_t start = 0;
	struct bmod m;
	u32 t, a, b;

	bm_init(&m);
	m.mem_pages = 1;
	t = bm_type(&m, ii, 2, ii, 1);
	while (m.code.len < size && !m.code.err) {
		if (!m.nfuncs || m.code.len - start > (4U << 20)) {
			if (m.nfuncs) {
				op_u(&m, OP_LOCAL_GET, 3);
				bm_func_end(&m);
			}
			start = m.code.len;
			bm_func(&m, t, 1);
			bm_locals(&m, 6, T_I32);
		}
		a = bm_rand(&m, 8);
		b = bm_rand(&m, 8);
		op_u(&m, OP_LOCAL_GET, a);
		op_u(&m, OP_LOCAL_GET, b);
		switch (bm_rand(&m, 4)) {
		case 0:
			op(&m, OP_I32_ADD);
			break;
		case 1:
			op(&m, OP_I32_MUL);
			break;
		case 2:
			op_mem(&m, OP_I32_LOAD, 2, 64);
			op(&m, OP_I32_XOR);
			break;
		default:
			op_mem(&m, OP_I32_STORE, 2, 128);
			continue;
		}
		op_u(&m, OP_LOCAL_SET, (a + b) & 7);
	}
	op_u(&m, OP_LOCAL_GET, 3);
	bm_func_end(&m);
	bm_finish(&m, out);
}

/* A deep operand stack: 50000 values pushed, then added up. */
static void bomb_deep_stack(struct lb_wbuf *out, size_t size)
{
	static const u8 ii[1] = { T_I32 };
	u32 n = 50000, i;
	struct bmod m;
	u32 t;

	bm_init(&m);
	t = bm_type(&m, ii, 1, ii, 1);
	while (m.code.len < size && !m.code.err) {
		bm_func(&m, t, 0);
		for (i = 0; i < n; i++) {
			if (i % 3)
				op_u(&m, OP_LOCAL_GET, 0);
			else
				op_i32(&m, (s32)i);
		}
		for (i = 1; i < n; i++)
			op(&m, i % 2 ? OP_I32_ADD : OP_I32_XOR);
		bm_func_end(&m);
	}
	bm_finish(&m, out);
}

/*
 * Thousands of br_ifs out of a block while thousands of values are live
 * on the operand stack below them: a compiler that spills or walks every
 * live value at each branch is quadratic here.
 */
static void bomb_br_live(struct lb_wbuf *out, size_t size)
{
	static const u8 ii[2] = { T_I32, T_I32 };
	u32 live = 10000, brs = 10000, i;
	struct bmod m;
	u32 t;

	bm_init(&m);
	t = bm_type(&m, ii, 2, ii, 1);
	while (m.code.len < size && !m.code.err) {
		bm_func(&m, t, 0);
		op_u(&m, OP_BLOCK, T_VOID);
		for (i = 0; i < live; i++) {
			op_u(&m, OP_LOCAL_GET, i & 1);
			if (i % 4 == 3) {
				op_i32(&m, (s32)i);
				op(&m, OP_I32_ADD);
			}
		}
		for (i = 0; i < brs; i++) {
			op_u(&m, OP_LOCAL_GET, 1);
			op_u(&m, OP_BR_IF, 0);
		}
		for (i = 0; i < live; i++)
			op(&m, OP_DROP);
		op(&m, OP_END);
		op_u(&m, OP_LOCAL_GET, 0);
		bm_func_end(&m);
	}
	bm_finish(&m, out);
}

/* brs br_ifs to a block with nres results: each carries them all. */
static void bomb_brs(struct lb_wbuf *out, size_t size, u32 nres, u32 brs)
{
	static const u8 ii[2] = { T_I32, T_I32 };
	struct bmod m;
	u32 t, bt, i;

	bm_init(&m);
	t = bm_type(&m, ii, 2, ii, 1);
	bt = bm_type_n(&m, T_I32, 0, T_I32, nres);
	while (m.code.len < size && !m.code.err) {
		bm_func(&m, t, 0);
		op(&m, OP_BLOCK);
		wb_sleb(m.c, bt);
		for (i = 0; i < nres; i++)
			op_u(&m, OP_LOCAL_GET, i & 1);
		for (i = 0; i < brs; i++) {
			op_u(&m, OP_LOCAL_GET, 1);
			op_u(&m, OP_BR_IF, 0);
		}
		op(&m, OP_END);
		for (i = 1; i < nres; i++)
			op(&m, OP_I32_ADD);
		bm_func_end(&m);
	}
	bm_finish(&m, out);
}

/* Thousands of br_ifs carrying 32 values (multi-value) ... */
static void bomb_br_results(struct lb_wbuf *out, size_t size)
{
	bomb_brs(out, size, 32, 10000);
}

/*
 * ... and the most a block may have: each br_if must not cost a check
 * and a store per carried value.
 */
static void bomb_br_wide(struct lb_wbuf *out, size_t size)
{
	bomb_brs(out, size, LB_MAX_RESULTS, 100000);
}

/*
 * Branches in code that cannot run (after `unreachable`, the stack is
 * polymorphic), each carrying the most results allowed: br, br_table and
 * return, two or three bytes each.
 */
static void bomb_dead_br(struct lb_wbuf *out, size_t size)
{
	u32 nres = LB_MAX_RESULTS, brs = 100000, i;
	struct bmod m;
	u32 t;

	bm_init(&m);
	t = bm_type_n(&m, T_I32, 0, T_I32, nres);
	while (m.code.len < size && !m.code.err) {
		bm_func(&m, t, 0);
		op(&m, OP_BLOCK);
		wb_sleb(m.c, t);
		op(&m, OP_UNREACHABLE);
		for (i = 0; i < brs; i++) {
			switch (i % 3) {
			case 0:
				op_u(&m, OP_BR, 0);
				break;
			case 1:
				op_i32(&m, 0);
				op_u(&m, OP_BR_TABLE, 1);
				wb_uleb(m.c, 0);
				wb_uleb(m.c, 1);
				break;
			default:
				op(&m, OP_RETURN);
				break;
			}
		}
		op(&m, OP_END);
		bm_func_end(&m);
	}
	bm_finish(&m, out);
}

/*
 * Blocks nested LB_MAX_NESTING - 1 deep, each taking and yielding the
 * most values allowed: entering and leaving one is three bytes.
 */
static void bomb_block_wide(struct lb_wbuf *out, size_t size)
{
	u32 n = LB_MAX_RESULTS, depth = LB_MAX_NESTING - 1, i;
	struct bmod m;
	u32 t, bt;

	bm_init(&m);
	t = bm_type_n(&m, T_I32, 0, T_I32, n);
	bt = bm_type_n(&m, T_I32, n, T_I32, n);
	while (m.code.len < size && !m.code.err) {
		bm_func(&m, t, 0);
		for (i = 0; i < n; i++)
			op_i32(&m, (s32)i);
		for (i = 0; i < depth; i++) {
			op(&m, i % 2 ? OP_LOOP : OP_BLOCK);
			wb_sleb(m.c, bt);
		}
		for (i = 0; i < depth; i++)
			op(&m, OP_END);
		bm_func_end(&m);
	}
	bm_finish(&m, out);
}

/* Calls taking and returning n values, back to back: two bytes each. */
static void bomb_calls(struct lb_wbuf *out, size_t size, u32 n)
{
	u32 calls = 100000, i;
	struct bmod m;
	u32 t, tw;

	bm_init(&m);
	t = bm_type_n(&m, T_I32, 0, T_I32, n);
	tw = bm_type_n(&m, T_I32, n, T_I32, n);
	bm_func(&m, tw, 0);		/* func 0: the identity */
	for (i = 0; i < n; i++)
		op_u(&m, OP_LOCAL_GET, i);
	bm_func_end(&m);
	while (m.code.len < size && !m.code.err) {
		bm_func(&m, t, 0);
		for (i = 0; i < n; i++)
			op_i32(&m, (s32)i);
		for (i = 0; i < calls; i++)
			op_u(&m, OP_CALL, 0);
		bm_func_end(&m);
	}
	bm_finish(&m, out);
}

/* ... of the most values allowed */
static void bomb_call_wide(struct lb_wbuf *out, size_t size)
{
	bomb_calls(out, size, LB_MAX_RESULTS);
}

/*
 * ... of 15 values: below the length from which a call always copies by
 * loops (ops_call.c), the results of one are the arguments of the next.
 */
static void bomb_call_chain(struct lb_wbuf *out, size_t size)
{
	bomb_calls(out, size, 15);
}

/*
 * Calls returning the most values allowed, each followed by a call
 * taking them all: two calls, four bytes.
 */
static void bomb_call_pairs(struct lb_wbuf *out, size_t size)
{
	u32 n = LB_MAX_RESULTS, pairs = 100000, i;
	struct bmod m;
	u32 tr, tp, tv;

	bm_init(&m);
	tr = bm_type_n(&m, T_I32, 0, T_I32, n);
	tp = bm_type_n(&m, T_I32, n, T_I32, 0);
	tv = bm_type_n(&m, T_I32, 0, T_I32, 0);
	bm_func(&m, tr, 0);		/* func 0: n values */
	op(&m, OP_UNREACHABLE);
	bm_func_end(&m);
	bm_func(&m, tp, 0);		/* func 1: takes them */
	bm_func_end(&m);
	while (m.code.len < size && !m.code.err) {
		bm_func(&m, tv, 0);
		for (i = 0; i < pairs; i++) {
			op_u(&m, OP_CALL, 0);
			op_u(&m, OP_CALL, 1);
		}
		bm_func_end(&m);
	}
	bm_finish(&m, out);
}

/*
 * Functions of the longest signature allowed, 1000 parameters and 1000
 * results, each body one `unreachable`.
 */
static void bomb_sig_wide(struct lb_wbuf *out, size_t size)
{
	struct bmod m;
	u32 t;

	bm_init(&m);
	t = bm_type_n(&m, T_I32, LB_MAX_PARAMS, T_I32, LB_MAX_RESULTS);
	while (m.code.len < size && !m.code.err) {
		bm_func(&m, t, 0);
		op(&m, OP_UNREACHABLE);
		bm_func_end(&m);
	}
	bm_finish(&m, out);
}

/* One huge active data segment. */
static void bomb_data(struct lb_wbuf *out, size_t size)
{
	static const u8 none[1] = { 0 };
	u64 rng = 1;
	struct bmod m;
	size_t i;
	u32 t;

	bm_init(&m);
	t = bm_type(&m, none, 0, none, 0);
	bm_func(&m, t, 0);
	bm_func_end(&m);
	m.mem_pages = (u32)(size >> 16) + 1;
	m.ndata = 1;
	wb_byte(&m.data, 0);		/* active, memory 0 */
	wb_byte(&m.data, OP_I32_CONST);
	wb_sleb(&m.data, 0);
	wb_byte(&m.data, OP_END);
	wb_uleb(&m.data, size);
	if (wb_room(&m.data, size)) {
		for (i = 0; i < size; i++) {
			rng = rng * 6364136223846793005ULL + 1;
			m.data.p[m.data.len + i] = (u8)(rng >> 56);
		}
		m.data.len += size;
	}
	bm_finish(&m, out);
}

/* Many small data segments. */
static void bomb_data_many(struct lb_wbuf *out, size_t size)
{
	static const u8 none[1] = { 0 };
	static const u8 bytes[16] = "0123456789abcdef";
	struct bmod m;
	u32 t;

	bm_init(&m);
	t = bm_type(&m, none, 0, none, 0);
	bm_func(&m, t, 0);
	bm_func_end(&m);
	m.mem_pages = 16;
	while (m.data.len < size && !m.data.err) {
		wb_byte(&m.data, 0);
		wb_byte(&m.data, OP_I32_CONST);
		wb_sleb(&m.data, (s32)bm_rand(&m, (16U << 16) - 16));
		wb_byte(&m.data, OP_END);
		wb_uleb(&m.data, sizeof(bytes));
		wb_bytes(&m.data, bytes, sizeof(bytes));
		m.ndata++;
	}
	bm_finish(&m, out);
}

/* Many tiny functions calling each other, one type. */
static void bomb_many_funcs(struct lb_wbuf *out, size_t size)
{
	static const u8 ii[1] = { T_I32 };
	struct bmod m;
	u32 t;

	bm_init(&m);
	t = bm_type(&m, ii, 1, ii, 1);
	while (m.code.len < size && !m.code.err) {
		bm_func(&m, t, 0);
		op_u(&m, OP_LOCAL_GET, 0);
		if (m.nfuncs > 1 && m.nfuncs % 4 == 0)
			op_u(&m, OP_CALL, m.nfuncs - 2);
		op_i32(&m, 1);
		op(&m, OP_I32_ADD);
		bm_func_end(&m);
	}
	bm_finish(&m, out);
}

/* Every function exported under its own name, and its own type. */
static void bomb_many_exports(struct lb_wbuf *out, size_t size)
{
	static const u8 kinds[4] = { T_I32, T_I64, T_F32, T_F64 };
	u8 params[32];
	char name[32];
	struct bmod m;
	u32 f, t, np, v;
	int len;

	bm_init(&m);
	while (m.code.len + m.exports.len + m.types.len < size &&
	       !m.code.err) {
		/* A distinct signature per function: its index in base 4. */
		np = 0;
		v = m.nfuncs + 1;
		while (v && np < sizeof(params)) {
			params[np++] = kinds[v & 3];
			v >>= 2;
		}
		t = bm_type(&m, params, np, params, 0);
		f = bm_func(&m, t, 0);
		bm_func_end(&m);
		len = snprintf(name, sizeof(name), "export_%u", f);
		bm_export_func(&m, name, (u32)len, f);
	}
	bm_finish(&m, out);
}

/* A big table filled by one element segment; call_indirect through it. */
static void bomb_elems(struct lb_wbuf *out, size_t size)
{
	static const u8 ii[1] = { T_I32 };
	u32 nfuncs = 64, count, i;
	struct bmod m;
	u32 t;

	bm_init(&m);
	t = bm_type(&m, ii, 1, ii, 1);
	for (i = 0; i < nfuncs; i++) {
		bm_func(&m, t, 0);
		op_u(&m, OP_LOCAL_GET, 0);
		op_u(&m, OP_LOCAL_GET, 0);
		op_u(&m, OP_CALL_INDIRECT, t);
		wb_byte(m.c, 0);
		bm_func_end(&m);
	}
	count = (u32)(size / 2);
	m.table_size = count;
	wb_byte(&m.elems, 0);		/* active, table 0, funcref */
	wb_byte(&m.elems, OP_I32_CONST);
	wb_sleb(&m.elems, 0);
	wb_byte(&m.elems, OP_END);
	wb_uleb(&m.elems, count);
	for (i = 0; i < count; i++)
		wb_uleb(&m.elems, i % nfuncs);
	bm_finish(&m, out);
}

void lb_bomb_deep_results(struct lb_wbuf *out)
{
	u32 n = LB_MAX_RESULTS, i;
	struct bmod m;
	u32 tr, tv;

	bm_init(&m);
	tr = bm_type_n(&m, T_I32, 0, T_I32, n);
	tv = bm_type_n(&m, T_I32, 0, T_I32, 0);
	bm_func(&m, tr, 0);		/* func 0: n values */
	op(&m, OP_UNREACHABLE);
	bm_func_end(&m);
	bm_func(&m, tv, 0);
	for (i = 0; i <= LB_MAX_OPERAND_STACK / n; i++)
		op_u(&m, OP_CALL, 0);
	op(&m, OP_UNREACHABLE);
	bm_func_end(&m);
	bm_finish(&m, out);
}

void lb_bomb_deep_blocks(struct lb_wbuf *out)
{
	struct bmod m;
	u32 t, i;

	bm_init(&m);
	t = bm_type_n(&m, T_I32, 0, T_I32, 0);
	bm_func(&m, t, 0);
	for (i = 0; i < LB_MAX_NESTING; i++)
		op_u(&m, OP_BLOCK, T_VOID);
	for (i = 0; i < LB_MAX_NESTING; i++)
		op(&m, OP_END);
	bm_func_end(&m);
	bm_finish(&m, out);
}

const struct lb_bomb lb_bombs[] = {
	{ "nesting", "block/loop/if nested 9999 deep, a br_if at each level",
	  bomb_nesting },
	{ "br_table", "br_tables of 100000 targets", bomb_br_table },
	{ "params", "1000-parameter functions called with 1000 arguments",
	  bomb_params },
	{ "locals", "49999 locals per function, a few used", bomb_locals },
	{ "straight", "4 MiB straight-line function bodies", bomb_straight },
	{ "deep_stack", "50000 values on the operand stack", bomb_deep_stack },
	{ "br_live", "10000 br_ifs over 10000 live values", bomb_br_live },
	{ "br_results", "10000 br_ifs carrying 32 results each",
	  bomb_br_results },
	{ "br_wide", "100000 br_ifs carrying 1000 results each",
	  bomb_br_wide },
	{ "dead_br", "unreachable br/br_table/return carrying 1000 values",
	  bomb_dead_br },
	{ "block_wide", "blocks 9999 deep taking and yielding 1000 values",
	  bomb_block_wide },
	{ "call_wide", "calls taking and returning 1000 values",
	  bomb_call_wide },
	{ "call_pairs", "calls returning 1000 values, then one taking them",
	  bomb_call_pairs },
	{ "call_chain", "calls taking and returning 15 values",
	  bomb_call_chain },
	{ "sig_wide", "functions of 1000 params and results, body unreachable",
	  bomb_sig_wide },
	{ "data", "one huge data segment", bomb_data },
	{ "data_many", "many 16-byte data segments", bomb_data_many },
	{ "many_funcs", "many tiny functions", bomb_many_funcs },
	{ "many_exports", "every function exported, each its own type",
	  bomb_many_exports },
	{ "elems", "a table of size/2 entries from one element segment",
	  bomb_elems },
	{ NULL, NULL, NULL },
};
