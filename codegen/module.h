/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The engine's internal model of a decoded module and of an instance, and
 * the interfaces between its parts:
 *
 *   loader.c / sections.c  decode the byte stream, validate everything
 *                          outside function bodies, fill struct lb_module,
 *                          and hand each function body to the compiler;
 *   x86/compile.c          validates and compiles one body (one pass);
 *   x86/link.c             lays the code out in executable memory;
 *   instance.c             memories, globals, segments, start function;
 *   x86/run.c              the entry trampoline, helpers called from
 *                          generated code, lb_run().
 */
#ifndef LB_CODEGEN_MODULE_H
#define LB_CODEGEN_MODULE_H

#include "engine.h"

#define LB_PAGE_SIZE	65536ULL
#define LB_MAX_PAGES	65536U		/* 4 GiB, the 32-bit address space */
#define LB_NO_MAX	(~0U)

/* Error helpers: record offset + printf-style reason, return -errno. */
__printf(4, 5)
int lb_err(struct lb_error *err, int errno_val, u64 offset,
	   const char *fmt, ...);

/* A growable byte buffer: the compiler's output, the loader's input. */
struct lb_buf {
	u8 *data;
	size_t len;
	size_t cap;
};
int lb_buf_reserve(struct lb_buf *b, size_t extra);
int lb_array_grow(void **arr, u32 *cap, u32 need, size_t size, u32 min);

/*
 * Room for `need` elements of `size` bytes in *arr of capacity *cap
 * (doubling from `min`); the common case, room already there, inline.
 */
static inline int lb_array_reserve(void **arr, u32 *cap, u32 need,
				   size_t size, u32 min)
{
	if (need <= *cap)
		return 0;
	return lb_array_grow(arr, cap, need, size, min);
}
void lb_buf_free(struct lb_buf *b);

/* Integer (and reference) parameters passed in registers, see reg_scan. */
#define LB_REG_PARAMS	6

struct lb_functype {
	u32 nparams;
	u32 nresults;
	u8 *types;		/* params then results, LB_TYPE_* */
	/*
	 * The params up to the LB_REG_PARAMS-th integer or reference one
	 * (or all): what a call looks at to find those that travel in
	 * registers, however long the signature.
	 */
	u32 reg_scan;
};

struct lb_limits {
	u32 min;
	u32 max;		/* LB_NO_MAX if absent */
};

struct lb_import {
	char *module;
	char *name;
	u32 module_len;
	u32 name_len;
	u8 kind;		/* LB_EXTERN_* */
	u8 global_type;		/* globals: LB_TYPE_* */
	u8 global_mut;
	u8 table_elem;		/* tables: LB_TYPE_FUNCREF / EXTERNREF */
	u32 type_idx;		/* functions: index into types */
	struct lb_limits limits;/* tables and memories */
};

/* A constant expression: global initialisers and segment offsets. */
enum lb_const_kind {
	LB_CONST_VALUE,		/* value */
	LB_CONST_GLOBAL,	/* global.get index */
	LB_CONST_REF_NULL,
	LB_CONST_REF_FUNC,	/* ref.func index */
};

struct lb_const_expr {
	u8 kind;		/* enum lb_const_kind */
	u8 type;		/* LB_TYPE_* of the result */
	u32 index;
	u64 value;
};

struct lb_global {
	u8 type;		/* LB_TYPE_* */
	u8 mut;
	bool imported;
	struct lb_const_expr init;	/* defined globals only */
};

struct lb_export {
	char *name;
	u32 name_len;
	u8 kind;		/* LB_EXTERN_* */
	u32 index;
};

enum lb_seg_mode { LB_SEG_ACTIVE, LB_SEG_PASSIVE, LB_SEG_DECLARATIVE };

struct lb_table {
	u8 elem_type;		/* LB_TYPE_FUNCREF / EXTERNREF */
	bool imported;
	struct lb_limits limits;
};

/* An element segment; items are ref.func, ref.null or global.get. */
struct lb_elem_seg {
	u8 mode;		/* enum lb_seg_mode */
	u8 elem_type;		/* LB_TYPE_FUNCREF / EXTERNREF */
	u32 table_idx;
	struct lb_const_expr offset;	/* active only */
	u32 count;
	struct lb_const_expr *items;	/* [count] */
};

struct lb_data_seg {
	u8 mode;		/* enum lb_seg_mode */
	u32 mem_idx;
	struct lb_const_expr offset;	/* active only */
	u8 *bytes;		/* in lb_module.data_bytes */
	u32 len;
};

/*
 * Where a defined function's code lives: `offset` within its chunk while
 * the chunk is being filled, `code` once the chunk is in executable
 * memory (see x86/link.c).
 */
struct lb_func_code {
	const u8 *code;
	u32 offset;
	u32 len;
};

struct lb_module {
	struct lb_config cfg;

	u32 ntypes;
	struct lb_functype *types;

	u32 nimports;
	struct lb_import *imports;

	/* Function index space: imports first, then defined functions. */
	u32 nfuncs;
	u32 nimported_funcs;
	u32 *func_type;		/* [nfuncs]: type index */
	/*
	 * [nfuncs]: 1 if the function is referenced outside function bodies
	 * (exports, global initialisers, element segments), so that ref.func
	 * may name it in code ("undeclared function reference").
	 */
	u8 *func_declared;

	/* Table index space: imports first. */
	u32 ntables;
	u32 nimported_tables;
	struct lb_table *tables;

	/* Memory 0 (the MVP allows one). */
	bool has_memory;
	bool memory_imported;
	struct lb_limits memory;

	/* Global index space: imports first. */
	u32 nglobals;
	u32 nimported_globals;
	struct lb_global *globals;

	u32 nexports;
	struct lb_export *exports;

	bool has_start;
	u32 start_func;

	u32 nelems;
	struct lb_elem_seg *elems;

	bool has_data_count;
	u32 data_count;
	u32 ndata;
	struct lb_data_seg *data;
	u8 *data_bytes;		/* all segments' bytes, in one block */

	/* Filled by the compiler and the linker. */
	u64 code_section_size;
	struct lb_code *chunks;		/* executable, final: [nchunks] */
	u32 nchunks, chunks_cap;
	size_t code_size;		/* of all chunks */
	struct lb_func_code *func_code;	/* [nfuncs - nimported_funcs] */
	const u8 **type_entry;		/* [ntypes]: entry stubs */
	u64 *type_sig;		/* [ntypes]: signature ids, see link.c */
};

static inline const struct lb_functype *
lb_func_type(const struct lb_module *m, u32 func)
{
	return &m->types[m->func_type[func]];
}

/*
 * The compiler, as the loader drives it: begin once the sections before
 * the code section are known, one call per function body (offset = the
 * body's position in the module, for errors), finish at the end of the
 * module to link the code into executable memory.  lb_compiler_abort()
 * frees a compiler that will not be finished.
 */
struct lb_compiler;
int lb_compiler_begin(struct lb_module *m, struct lb_compiler **out,
		      struct lb_error *err);
int lb_compile_function(struct lb_compiler *c, u32 func_idx,
			const u8 *body, u32 len, u64 offset,
			struct lb_error *err);
int lb_compiler_finish(struct lb_compiler *c, struct lb_error *err);
void lb_compiler_abort(struct lb_compiler *c);

/*
 * The instance context that generated code reaches through r15.  The
 * offsets are part of the code generator's contract: keep the
 * LB_VMCTX_* constants and the struct in step (a static assert in
 * x86/run.c checks them).
 *
 * mem_bound[k] is mem_size - (1 << k) as a signed number: an access of
 * 1 << k bytes at effective address ea (64-bit, never wraps) is in bounds
 * iff ea <= mem_bound[k].  Generated code compares, branches to the trap,
 * and then clamps ea with a cmov from `zero` so that a mispredicted
 * branch cannot reach past the memory (Spectre v1).  Only
 * lb_vmctx_set_memory() writes these fields.
 */
/*
 * The state of one invocation, shared by every instance it runs through:
 * a call into another instance hands the callee the caller's exec, so a
 * trap anywhere unwinds to the right entry and the stack limit, polling,
 * fuel and deadline are those of the stack actually in use.
 *
 * Generated code polls by comparing with poll_limit: every prologue
 * compares its lowest rsp, every loop header rsp itself.  poll_limit is
 * stack_limit, or LB_TICK_TRIP when the code must call lb_rt_poll(): the
 * platform's tick, lb_instance_kick() and fuel trip it (see run.c).
 */
struct lb_exec {
	u64 saved_rsp;		/* entry trampoline's, for unwinding */
	u64 poll_limit;		/* stack_limit or LB_TICK_TRIP */
	u64 stack_limit;	/* lowest rsp a prologue may leave */
	u64 fuel_left;
	u64 deadline_ns;	/* 0: none */
	bool fuel_limited;
	bool always_poll;	/* poll_limit stays tripped: fuel, no tick */
	struct lb_tick tick;
};

#define LB_EXEC_SAVED_RSP	0
#define LB_EXEC_POLL_LIMIT	8
#define LB_EXEC_STACK_LIMIT	16

struct lb_vmctx {
	u8 *mem_base;		/* linear memory 0 */
	u64 mem_size;		/* in bytes */
	struct lb_exec *exec;	/* the running invocation's */
	u64 reserved0[2];
	u64 zero;		/* always 0: Spectre masking source */
	u64 trap_code;		/* set by the trap exit */
	u64 stack_top;		/* where the entry switches rsp to */
	struct lb_instance *inst;
	u64 (*globals)[2];	/* defined and imported global cells */
	s64 mem_bound[5];	/* see above; k = 0..4 (1..16 bytes) */
	struct lb_funcref **funcs;	/* function index space */
	struct lb_table_inst **tables;	/* table index space */
	void *reserved[6];
};

#define LB_VMCTX_MEM_BASE	0
#define LB_VMCTX_MEM_SIZE	8
#define LB_VMCTX_EXEC		16
#define LB_VMCTX_ZERO		40
#define LB_VMCTX_TRAP_CODE	48
#define LB_VMCTX_STACK_TOP	56
#define LB_VMCTX_INST		64
#define LB_VMCTX_GLOBALS	72
#define LB_VMCTX_MEM_BOUND	80
#define LB_VMCTX_FUNCS		120
#define LB_VMCTX_TABLES		128

/*
 * A function as a value: what a funcref points to and a table holds.
 * One per function per instance, so a reference keeps its instance
 * (vmctx) and an indirect call can check the signature by number.
 */
struct lb_funcref {
	const void *code;
	struct lb_vmctx *vmctx;
	u64 sig;		/* signature id, see lb_module.type_sig */
};

#define LB_FUNCREF_CODE		0
#define LB_FUNCREF_VMCTX	8
#define LB_FUNCREF_SIG		16

/* A table instance: elements are funcref pointers or externref handles. */
struct lb_table_inst {
	u64 *elems;
	u32 size;
	u32 max;
	u8 elem_type;
};

/* Tables never grow past this many elements, whatever their maximum. */
#define LB_MAX_TABLE_SIZE	10000000U

#define LB_TABLE_ELEMS		0
#define LB_TABLE_SIZE		8

/*
 * Readable bytes past the end of a linear memory's allocation: generated
 * code may skip the clamp of an access whose address, on every path, is
 * known to be at most this far past the end of the memory (an access
 * next to one that was checked and clamped, see codegen/x86/ops_mem.c).
 * Never written, never part of the memory.
 */
#define LB_MEM_SLACK	4096U

/*
 * The one place that publishes a (new) linear memory to generated code.
 * base must point to at least max(bytes, 64 KiB) + LB_MEM_SLACK readable
 * bytes so that even a speculative access stays inside the allocation.  The
 * clamp sets the address to mem_bound[3] = mem_size - 8, so an empty
 * memory's base is published 8 bytes in: the clamped -8 reads base[0].
 * Nothing else reads an empty memory (every access traps).
 */
static inline void lb_vmctx_set_memory(struct lb_vmctx *v, u8 *base,
				       u64 bytes)
{
	int k;

	v->mem_base = bytes || !base ? base : base + 8;
	v->mem_size = bytes;
	for (k = 0; k < 5; k++)
		v->mem_bound[k] = (s64)bytes - (1LL << k);
}

/*
 * A linear memory.  Instances that import it share it; each has its own
 * vmctx copy of base and bounds (one load per access), so growing it
 * republishes the new base to every user.
 */
struct lb_memory {
	u8 *base;
	u64 alloc_bytes;	/* what base points to, LB_MEM_SLACK included */
	u32 pages;
	u32 max_pages;		/* min(declared max, configured limit) */
	struct lb_vmctx **users;
	u32 nusers, users_cap;
};

struct lb_instance {
	struct lb_module *module;
	struct lb_vmctx vmctx;
	struct lb_memory memory;	/* its own, if it defines one */
	struct lb_memory *mem;		/* memory 0: own or imported */
	u64 (*globals)[2];	/* [module->nglobals] value cells */
	struct lb_funcref *func_objs;	/* defined functions' references */
	struct lb_funcref **funcs;	/* [nfuncs] */
	struct lb_table_inst *tables;	/* [ntables] */
	struct lb_table_inst **table_ptrs;	/* [ntables] */
	u8 *data_dropped;	/* [ndata]: data.drop'ped or active */
	u8 *elem_dropped;	/* [nelems]: elem.drop'ped, active, declarative */
	void *stack;		/* Wasm stack, stack_size bytes */
	u32 stack_size;
	struct lb_exec exec;	/* for invocations entering here */
};

/*
 * Run function `func` (function index space) with raw 64-bit arguments;
 * results land in results[] (raw bits).  Returns LB_TRAP_NONE or a trap
 * code.  The caller checked the types.
 */
u32 lb_run(struct lb_instance *inst, u32 func, const u64 *args,
	   u64 *results, const struct lb_run_limits *lim);

/* table.c: function references, tables and element segments. */
int lb_instance_init_funcs(struct lb_instance *inst, struct lb_error *err);
int lb_instance_alloc_tables(struct lb_instance *inst, struct lb_error *err);
int lb_instance_init_elems(struct lb_instance *inst, u32 *trap,
			   struct lb_error *err);

/* imports.c: linking. */
int lb_instance_resolve_imports(struct lb_instance *inst,
				const struct lb_instance_config *cfg,
				struct lb_error *err);
int lb_memory_add_user(struct lb_memory *mem, struct lb_vmctx *v);
void lb_memory_remove_user(struct lb_memory *mem, struct lb_vmctx *v);
u64 *lb_global_cell(const struct lb_instance *inst, u32 idx);
void lb_instance_free_tables(struct lb_instance *inst);
u64 lb_funcref_to_host(const struct lb_instance *inst, u64 ref);
u64 lb_elem_value(const struct lb_instance *inst,
		  const struct lb_const_expr *ce);

/* bulk.c: bulk memory and table operators (0 or a trap code). */
u32 lb_rt_memory_copy(struct lb_vmctx *v, u32 dst, u32 src, u32 n);
u32 lb_rt_memory_fill(struct lb_vmctx *v, u32 dst, u32 val, u32 n);
u32 lb_rt_memory_init(struct lb_vmctx *v, u32 seg, u32 dst, u32 src, u32 n);
u32 lb_rt_data_drop(struct lb_vmctx *v, u32 seg);
u32 lb_rt_elem_drop(struct lb_vmctx *v, u32 seg);
u32 lb_rt_table_copy(struct lb_vmctx *v, u32 dt, u32 st, u32 d, u32 s,
		     u32 n);
u32 lb_rt_table_init(struct lb_vmctx *v, u32 table, u32 seg, u32 d, u32 s,
		     u32 n);
u32 lb_rt_table_fill(struct lb_vmctx *v, u32 table, u32 i, u64 val, u32 n);
u32 lb_rt_table_grow(struct lb_vmctx *v, u32 table, u64 init, u32 n);

/* Grow memory 0 by delta pages: old size in pages, or -1. */
s32 lb_memory_grow(struct lb_instance *inst, u32 delta);

#endif /* LB_CODEGEN_MODULE_H */
