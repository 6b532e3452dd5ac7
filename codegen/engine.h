/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The lightbeam engine's public interface: streaming load (decode,
 * validate and compile in one pass), module introspection, instances and
 * invocation.  Used by kmod/ (the ioctl glue) and tools/ (lbctl in user
 * space).  Not thread-safe per object: callers serialise calls on one
 * loader, and invocations and memory accesses on one instance; distinct
 * objects are independent.
 */
#ifndef LB_CODEGEN_ENGINE_H
#define LB_CODEGEN_ENGINE_H

#include "platform.h"
#include "../uapi/linux/lightbeam.h"

/* lb_cpu_features() bits */
#define LB_CPU_POPCNT	(1U << 0)
#define LB_CPU_LZCNT	(1U << 1)
#define LB_CPU_BMI1	(1U << 2)	/* tzcnt */
#define LB_CPU_BMI2	(1U << 3)
#define LB_CPU_SSE41	(1U << 4)
#define LB_CPU_AVX2	(1U << 5)

/* Defaults and hard ceilings of the engine's own limits. */
#define LB_DEFAULT_MAX_MODULE_SIZE	(64U << 20)
#define LB_DEFAULT_MAX_MEMORY_PAGES	1024U		/* 64 MiB */
#define LB_DEFAULT_STACK_SIZE		(256U << 10)
#define LB_MIN_STACK_SIZE		(32U << 10)
#define LB_MAX_STACK_SIZE		(64U << 20)
#define LB_MAX_FUNCTIONS		1000000U
#define LB_MAX_FUNC_BODY_SIZE		(7654321U)
#define LB_MAX_LOCALS			50000U
#define LB_MAX_PARAMS			1000U
#define LB_MAX_RESULTS			1000U
#define LB_MAX_NESTING			10000U
/*
 * Values on a function's operand stack at once: at most 8 MiB of frame
 * and 32 MiB of compiler memory.  Without it a call returning
 * LB_MAX_RESULTS values, two bytes, adds 1000 to the stack: a MiB of
 * such calls would be 8 GiB.
 */
#define LB_MAX_OPERAND_STACK		(1U << 20)

struct lb_config {
	u64 max_module_size;	/* bytes of input; 0: default */
	u32 cpu_features;	/* LB_CPU_* the code may use */
	u32 __pad;
};

struct lb_loader;
struct lb_module;
struct lb_instance;

/*
 * Streaming load.  Feed the module's bytes in chunks of any size; each
 * function body is compiled as soon as its last byte arrives.  Functions
 * return 0 or a negative errno (EINVAL: malformed or invalid module,
 * EOPNOTSUPP: valid but uses a feature not supported yet, E2BIG: past a
 * limit, ENOMEM, ENOSPC: code pool full); on error lb_loader_error() has
 * the byte offset and reason, and every later call fails the same way.
 */
int lb_loader_create(const struct lb_config *cfg, struct lb_loader **out);
int lb_loader_feed(struct lb_loader *ld, const void *buf, size_t len);
int lb_loader_finish(struct lb_loader *ld, struct lb_module **out);
const struct lb_error *lb_loader_error(const struct lb_loader *ld);
void lb_loader_destroy(struct lb_loader *ld);

/* Convenience: create, feed all, finish, destroy. */
int lb_module_load(const struct lb_config *cfg, const void *buf, size_t len,
		   struct lb_module **out, struct lb_error *err);

void lb_module_destroy(struct lb_module *m);

struct lb_func_type_desc {
	const u8 *params;	/* LB_TYPE_* */
	const u8 *results;
	u32 nparams;
	u32 nresults;
};

struct lb_export_desc {
	const char *name;	/* not NUL-terminated */
	u32 name_len;
	u32 kind;		/* LB_EXTERN_* */
	u32 index;		/* in its index space */
	struct lb_func_type_desc type;	/* functions only */
};

struct lb_import_desc {
	const char *module;
	u32 module_len;
	const char *name;
	u32 name_len;
	u32 kind;		/* LB_EXTERN_* */
	struct lb_func_type_desc type;	/* functions only */
};

struct lb_module_stats {
	u64 code_bytes;		/* machine code, including stubs */
	u64 code_section_bytes;	/* input code section size */
	u32 num_funcs;		/* defined functions */
	u32 num_imported_funcs;
	u32 memory_min_pages;	/* ~0U: no memory */
	u32 memory_max_pages;	/* ~0U: no maximum */
};

u32 lb_module_num_exports(const struct lb_module *m);
int lb_module_export(const struct lb_module *m, u32 idx,
		     struct lb_export_desc *d);
int lb_module_find_export(const struct lb_module *m, const char *name,
			  u32 len, u32 *idx);
u32 lb_module_num_imports(const struct lb_module *m);
int lb_module_import(const struct lb_module *m, u32 idx,
		     struct lb_import_desc *d);
void lb_module_stats(const struct lb_module *m, struct lb_module_stats *s);
/*
 * Where defined function `func` (function index space) starts, and its
 * length in bytes, for disassembly.  -ENOENT for imports / bad index.
 */
int lb_module_func_code(const struct lb_module *m, u32 func,
			const void **code, size_t *len);

struct lb_run_limits {
	u64 fuel;		/* loop iterations + calls; 0: unlimited */
	u64 timeout_ns;		/* 0: none */
};

/*
 * Something an import can be bound to: export `index` (in its kind's
 * index space) of a live instance.  The caller keeps `inst` alive for as
 * long as the importing instance lives.
 */
struct lb_extern {
	struct lb_instance *inst;
	u32 kind;		/* LB_EXTERN_* */
	u32 index;
};

/* Find what import `imp` binds to: 0, or -ENOENT if nothing is known. */
typedef int (*lb_resolve_fn)(void *ctx, const struct lb_import_desc *imp,
			     struct lb_extern *ext);

struct lb_instance_config {
	u32 stack_size;		/* 0: LB_DEFAULT_STACK_SIZE */
	u32 max_memory_pages;	/* 0: LB_DEFAULT_MAX_MEMORY_PAGES */
	struct lb_run_limits start_limits;
	lb_resolve_fn resolve;	/* NULL: the module must have no imports */
	void *resolve_ctx;
};

/*
 * Allocate memory and globals, apply data segments, run the start
 * function.  -ECANCELED with *trap set if the start function (or a
 * segment) trapped; -ENOENT for an unknown import, -EINVAL for one of an
 * incompatible type; -ENOMEM, -E2BIG (memory larger than allowed).  err
 * gets the reason.  On -ECANCELED *out may still be set: a failed
 * instance whose functions other instances' tables can reference (the 2.0
 * semantics keep partial writes); do not invoke it, destroy it only when
 * those instances are gone.
 */
int lb_instance_create(struct lb_module *m,
		       const struct lb_instance_config *cfg,
		       struct lb_instance **out, u32 *trap,
		       struct lb_error *err);
void lb_instance_destroy(struct lb_instance *inst);
struct lb_module *lb_instance_module(const struct lb_instance *inst);

/*
 * Invoke export `export_idx` (must be a function).  Checks argument count
 * and types (-EINVAL, reason in err) and result capacity (-ENOSPC).
 * Returns 0 when the function ran: *trap is LB_TRAP_NONE and
 * *nresults results were written, or a trap code and err has its message.
 */
int lb_invoke(struct lb_instance *inst, u32 export_idx,
	      const struct lb_value *args, u32 nargs,
	      struct lb_value *results, u32 results_cap, u32 *nresults,
	      const struct lb_run_limits *lim, u32 *trap,
	      struct lb_error *err);

/* The export called `name` of an instance; -ENOENT if none. */
int lb_instance_find_export(struct lb_instance *inst, const char *name,
			    u32 len, struct lb_extern *ext);

/* The value of exported global `export_idx`; -ENOENT if not a global. */
int lb_instance_global_get(struct lb_instance *inst, u32 export_idx,
			   struct lb_value *out);

/* The built-in "spectest" module of the spec scripts (see spectest.c). */
int lb_spectest_load(const struct lb_config *cfg, struct lb_module **out,
		     struct lb_error *err);

/* Linear memory 0, for host reads and writes; -ENOENT if none. */
int lb_instance_memory(struct lb_instance *inst, u8 **base, u64 *bytes,
		       u32 *pages, u32 *max_pages);

/* Make a running invocation poll (and so see signals / limits) soon. */
void lb_instance_kick(struct lb_instance *inst);

/* "i32", "funcref", ...: the text format's name of a value type. */
const char *lb_type_name(u8 type);

/* "out of bounds memory access", ...: the spec's wording. */
const char *lb_trap_message(u32 code);

#endif /* LB_CODEGEN_ENGINE_H */
