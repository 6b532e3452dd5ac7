/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lbctl: what its parts share -- exit statuses, the backend interface
 * (in-process engine or /dev/lightbeam), value parsing and printing.
 */
#ifndef LBCTL_H
#define LBCTL_H

#include <lb_platform_types.h>
#include "codegen/engine.h"

/* Exit statuses, documented in Documentation/lbctl.rst. */
enum lbctl_status {
	LBCTL_OK = 0,
	LBCTL_TRAP = 1,		/* run: trapped; wast: some check failed */
	LBCTL_USAGE = 2,
	LBCTL_INVALID = 3,	/* the module does not load */
	LBCTL_ERROR = 4,	/* I/O, unknown export, no backend, ... */
};

/* Which engine runs the module. */
enum lbctl_backend_kind {
	LBCTL_BACKEND_KERNEL,	/* /dev/lightbeam; an error if absent */
	LBCTL_BACKEND_USER,	/* the engine linked into lbctl */
	LBCTL_BACKEND_AUTO,	/* kernel if /dev/lightbeam exists, else user */
};

struct lbctl_backend;

/* A loaded module and an instance of it; each backend embeds these. */
struct lbctl_module {
	const struct lbctl_backend *be;
};

struct lbctl_instance {
	const struct lbctl_backend *be;
};

/* An export as the command line and the spec runner need it. */
struct lbctl_export {
	u32 index;		/* export index, for invoke */
	u32 kind;		/* LB_EXTERN_* */
	u32 nparams;
	u32 nresults;
	u8 types[LB_MAX_PARAMS + LB_MAX_RESULTS];	/* params, results */
};

struct lbctl_limits {
	u64 fuel;		/* 0: unlimited */
	u64 timeout_ns;		/* 0: none */
	u32 stack_size;		/* 0: default */
	u32 max_memory_pages;	/* 0: default */
};

/*
 * All operations return 0 or a negative errno; err (offset + reason) is
 * filled on failure.  A trap is not a failure of invoke: it returns 0
 * with *trap set and the trap's message in err.  instantiate returns
 * -ECANCELED with *trap set when the start function traps.
 */
struct lbctl_backend_ops {
	const char *name;
	int (*load)(struct lbctl_backend *be, const void *buf, size_t len,
		    struct lbctl_module **out, struct lb_error *err);
	void (*module_free)(struct lbctl_module *m);
	int (*instantiate)(struct lbctl_module *m,
			   const struct lbctl_limits *lim,
			   struct lbctl_instance **out, u32 *trap,
			   struct lb_error *err);
	void (*instance_free)(struct lbctl_instance *inst);
	/* -ENOENT when there is no such export.  Names may hold NULs. */
	int (*find_export)(struct lbctl_instance *inst, const char *name,
			   size_t len, struct lbctl_export *e);
	int (*invoke)(struct lbctl_instance *inst,
		      const struct lbctl_export *e,
		      const struct lb_value *args, u32 nargs,
		      struct lb_value *results, u32 results_cap,
		      u32 *nresults, const struct lbctl_limits *lim,
		      u32 *trap, struct lb_error *err);
	/* Make inst's exports importable as module `as` (spec "register"). */
	int (*register_instance)(struct lbctl_instance *inst, const char *as,
				 struct lb_error *err);
	/* Read an exported global; -EOPNOTSUPP where the backend can't. */
	int (*get_global)(struct lbctl_instance *inst,
			  const struct lbctl_export *e, struct lb_value *out,
			  struct lb_error *err);
	void (*close)(struct lbctl_backend *be);
};

struct lbctl_backend {
	const struct lbctl_backend_ops *ops;
	int fd;			/* kernel: /dev/lightbeam */
	void *priv;		/* user: the registry, see backend_user.c */
};

extern const struct lbctl_backend_ops lbctl_user_ops;
extern const struct lbctl_backend_ops lbctl_kernel_ops;

#define LBCTL_DEVICE	"/dev/" LB_DEVICE_NAME

/* Open the backend `kind` asks for; prints why on failure. */
int lbctl_backend_open(enum lbctl_backend_kind kind, struct lbctl_backend *be);
void lbctl_backend_close(struct lbctl_backend *be);
int lbctl_kernel_open(struct lbctl_backend *be);
void lbctl_user_open(struct lbctl_backend *be);

/* Fill err from an errno when a backend has nothing better to say. */
void lbctl_errno_error(struct lb_error *err, int errno_val);

/* The in-process engine's configuration (CPU features of this host). */
void lbctl_user_config(struct lb_config *cfg);

/* Whole file into memory; NULL with errno set on failure. */
void *lbctl_read_file(const char *path, size_t *len);

/* Value parsing and printing (value.c). */
int lbctl_parse_arg(const char *s, u8 type, struct lb_value *v);
/* "i32:10946", "f64:1.5 (0x3ff8000000000000)", ... into buf. */
void lbctl_format_value(const struct lb_value *v, char *buf, size_t size);
/* "(i32, i64) -> (f32)" */
void lbctl_format_signature(const u8 *params, u32 nparams,
			    const u8 *results, u32 nresults,
			    char *buf, size_t size);
int lbctl_parse_u64(const char *s, u64 *out);

/* "FILE: error at offset 0x1a: reason" on stderr. */
void lbctl_print_load_error(const char *file, const struct lb_error *err);

/* Commands. */
int lbctl_cmd_run(int argc, char **argv);
int lbctl_cmd_info(int argc, char **argv);
int lbctl_cmd_wast(int argc, char **argv);
int lbctl_cmd_disasm(int argc, char **argv);

extern const char *lbctl_prog;

#endif /* LBCTL_H */
