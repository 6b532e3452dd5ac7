/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * lightbeam: a one-pass WebAssembly compiler in the kernel.
 *
 * User space opens /dev/lightbeam and loads a module with LB_IOC_LOAD, which
 * returns a module fd.  LB_IOC_INSTANTIATE on a module fd returns an
 * instance fd; LB_IOC_INVOKE on an instance fd runs an exported function.
 * This is the KVM / BPF shape: device fd -> object fds -> ioctls on them.
 *
 * Every argument struct starts with a __u32 size that user space sets to
 * sizeof() of the struct it was built against.  The kernel accepts smaller
 * (older) structs, zero-filling the missing tail, and larger (newer) ones as
 * long as the bytes it does not know are zero (else E2BIG), exactly like
 * openat2() and clone3().  Ioctl numbers carry no size for that reason.
 * All pointers are __u64; no struct has implicit padding.
 */
#ifndef _UAPI_LINUX_LIGHTBEAM_H
#define _UAPI_LINUX_LIGHTBEAM_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define LB_DEVICE_NAME		"lightbeam"
#define LB_IOC_MAGIC		0xB7

/* Value types, numbered as in the WebAssembly binary format. */
#define LB_TYPE_I32		0x7f
#define LB_TYPE_I64		0x7e
#define LB_TYPE_F32		0x7d
#define LB_TYPE_F64		0x7c
#define LB_TYPE_V128		0x7b
#define LB_TYPE_FUNCREF		0x70
#define LB_TYPE_EXTERNREF	0x6f

/*
 * A typed value.  Integers and floats are held by bit pattern in lo (i32
 * and f32 in the low 32 bits, upper bits zero).  References are opaque
 * 64-bit handles, 0 being null.  hi is the upper half of a v128.
 */
struct lb_value {
	__u8	type;		/* LB_TYPE_* */
	__u8	__reserved[7];	/* must be zero */
	__u64	lo;
	__u64	hi;
};

/* Export kinds, numbered as in the binary format. */
#define LB_EXTERN_FUNC		0
#define LB_EXTERN_TABLE		1
#define LB_EXTERN_MEMORY	2
#define LB_EXTERN_GLOBAL	3

/* Trap codes reported by LB_IOC_INVOKE and LB_IOC_INSTANTIATE. */
enum lb_trap_code {
	LB_TRAP_NONE = 0,
	LB_TRAP_UNREACHABLE,		/* "unreachable" */
	LB_TRAP_INT_DIV_ZERO,		/* "integer divide by zero" */
	LB_TRAP_INT_OVERFLOW,		/* "integer overflow" */
	LB_TRAP_MEM_OOB,		/* "out of bounds memory access" */
	LB_TRAP_STACK_EXHAUSTED,	/* "call stack exhausted" */
	LB_TRAP_INTERRUPTED,		/* "interrupted" (signal) */
	LB_TRAP_FUEL_EXHAUSTED,		/* "fuel exhausted" */
	LB_TRAP_TIMEOUT,		/* "time limit exceeded" */
	LB_TRAP_INVALID_CONVERSION,	/* "invalid conversion to integer" */
	LB_TRAP_TABLE_OOB,		/* "undefined element" */
	LB_TRAP_INDIRECT_NULL,		/* "uninitialized element" */
	LB_TRAP_SIG_MISMATCH,		/* "indirect call type mismatch" */
	LB_TRAP_TABLE_ACCESS_OOB,	/* "out of bounds table access" */
	LB_TRAP_NULL_REF,		/* "null reference" */
	LB_TRAP_HOST,			/* a host function failed */
	LB_TRAP_MAX
};

/*
 * Where a load, instantiation or invocation failed: byte offset in the
 * module (or ~0ULL when no offset applies) and a NUL-terminated reason.
 */
#define LB_ERROR_MSG_LEN	120
struct lb_error {
	__u64	offset;
	char	msg[LB_ERROR_MSG_LEN];
};

/*
 * LB_IOC_LOAD, on the device fd: validate and compile a module.
 * Returns a new module fd (O_CLOEXEC).  On failure returns -1 with errno
 * (EINVAL for an invalid module, EOPNOTSUPP for a feature not supported,
 * E2BIG for a size past a limit, EFAULT for a bad pointer) and, if
 * error_ptr is set, fills a struct lb_error there.
 */
struct lb_load {
	__u32	size;		/* sizeof(struct lb_load) */
	__u32	flags;		/* must be zero */
	__u64	wasm_ptr;	/* the module's bytes */
	__u64	wasm_len;
	__u64	error_ptr;	/* optional struct lb_error * */
};

/*
 * LB_IOC_INSTANTIATE, on a module fd: create an instance (linear memory,
 * globals, data segments, start function).  Returns a new instance fd.
 * A trap in the start function fails with ECANCELED and trap_code set.
 * Imports come from the built-in "spectest" module and from instances
 * registered (LB_IOC_REGISTER) on the open file the module was loaded
 * through: ENOENT for an unknown import, EINVAL for one of the wrong type.
 */
struct lb_instantiate {
	__u32	size;		/* sizeof(struct lb_instantiate) */
	__u32	flags;		/* must be zero */
	__u64	error_ptr;	/* optional struct lb_error * */
	__u32	stack_size;	/* bytes of Wasm stack; 0: module default */
	__u32	max_memory_pages; /* 0: module default; capped by it */
	__u64	fuel;		/* for the start function; 0: unlimited */
	__u64	timeout_ns;	/* for the start function; 0: none */
	__u32	trap_code;	/* out: enum lb_trap_code */
	__u32	__reserved;
};

/* LB_IOC_INVOKE flags */
#define LB_INVOKE_BY_INDEX	(1U << 0)	/* use export_index, not name */

/*
 * LB_IOC_INVOKE, on an instance fd: call an exported function.
 * Returns 0 when the call ran, whether it returned or trapped; trap_code
 * tells which, and a trap's message goes to error_ptr.  Argument count or
 * type mismatches and unknown exports fail with EINVAL / ENOENT.
 * Invocations of one instance are serialised.
 */
struct lb_invoke {
	__u32	size;		/* sizeof(struct lb_invoke) */
	__u32	flags;		/* LB_INVOKE_* */
	__u64	name_ptr;	/* export name (not NUL-terminated) */
	__u32	name_len;
	__u32	export_index;	/* with LB_INVOKE_BY_INDEX */
	__u64	args_ptr;	/* struct lb_value[nargs] */
	__u64	results_ptr;	/* struct lb_value[nresults] */
	__u32	nargs;
	__u32	nresults;	/* in: capacity; out: number written */
	__u64	fuel;		/* 0: unlimited */
	__u64	timeout_ns;	/* 0: none */
	__u64	error_ptr;	/* optional struct lb_error * */
	__u32	trap_code;	/* out: enum lb_trap_code */
	__u32	__reserved;
};

/*
 * LB_IOC_MEM_READ / LB_IOC_MEM_WRITE, on an instance fd: copy between user
 * memory and the instance's linear memory 0.  ERANGE past its end.
 */
struct lb_mem_access {
	__u32	size;		/* sizeof(struct lb_mem_access) */
	__u32	flags;		/* must be zero */
	__u64	offset;		/* in linear memory */
	__u64	buf_ptr;
	__u64	len;
};

/*
 * LB_IOC_EXPORT_INFO, on a module or instance fd: describe export `index`.
 * num_exports is always filled in, so index = 0 with a zero-capacity
 * buffer counts the exports.  ENOENT past the last export.  Types of a
 * function are written as params then results, one LB_TYPE_* byte each.
 */
struct lb_export_info {
	__u32	size;		/* sizeof(struct lb_export_info) */
	__u32	flags;		/* must be zero */
	__u32	index;		/* in */
	__u32	num_exports;	/* out */
	__u32	kind;		/* out: LB_EXTERN_* */
	__u32	nparams;	/* out (functions) */
	__u32	nresults;	/* out (functions) */
	__u32	name_len;	/* out: length without NUL */
	__u64	name_ptr;	/* out: NUL-terminated, truncated to name_cap */
	__u64	types_ptr;	/* out: nparams + nresults bytes, to types_cap */
	__u32	name_cap;
	__u32	types_cap;
};

/*
 * LB_IOC_MEM_INFO, on an instance fd: linear memory 0's size.
 */
struct lb_mem_info {
	__u32	size;		/* sizeof(struct lb_mem_info) */
	__u32	flags;		/* must be zero */
	__u64	bytes;		/* out: current size in bytes */
	__u32	pages;		/* out: current size in 64 KiB pages */
	__u32	max_pages;	/* out: the limit that applies */
};

/*
 * LB_IOC_REGISTER, on the device fd: make the exports of an instance
 * importable under the module name `name` by instances later created
 * from modules loaded through the same open /dev/lightbeam file (the
 * spec scripts' "register").  The registry is per open file; registering
 * a name again replaces the earlier instance (which stays alive as long
 * as instances that imported from it do).  The name "spectest" always
 * means the built-in module.  Fails with EBADF when instance_fd is not
 * open, EINVAL when it is not an instance fd of this open file or the
 * name is longer than max_module_size, EMFILE past max_instances names.
 */
struct lb_register {
	__u32	size;		/* sizeof(struct lb_register) */
	__u32	flags;		/* must be zero */
	__u64	name_ptr;	/* module name (not NUL-terminated) */
	__u32	name_len;
	__s32	instance_fd;
};

/* LB_IOC_GLOBAL_GET flags */
#define LB_GLOBAL_BY_INDEX	(1U << 0)	/* use export_index, not name */

/*
 * LB_IOC_GLOBAL_GET, on an instance fd: read an exported global, named
 * like the function of LB_IOC_INVOKE.  ENOENT if there is no such export
 * or it is not a global.  A funcref reads as an opaque handle: 0 for
 * null, else non-zero.
 */
struct lb_global_get {
	__u32	size;		/* sizeof(struct lb_global_get) */
	__u32	flags;		/* LB_GLOBAL_* */
	__u64	name_ptr;	/* export name (not NUL-terminated) */
	__u32	name_len;
	__u32	export_index;	/* with LB_GLOBAL_BY_INDEX */
	__u64	error_ptr;	/* optional struct lb_error * */
	struct lb_value value;	/* out */
};

#define LB_IOC_LOAD		_IO(LB_IOC_MAGIC, 0x01)
#define LB_IOC_INSTANTIATE	_IO(LB_IOC_MAGIC, 0x02)
#define LB_IOC_INVOKE		_IO(LB_IOC_MAGIC, 0x03)
#define LB_IOC_MEM_READ		_IO(LB_IOC_MAGIC, 0x04)
#define LB_IOC_MEM_WRITE	_IO(LB_IOC_MAGIC, 0x05)
#define LB_IOC_EXPORT_INFO	_IO(LB_IOC_MAGIC, 0x06)
#define LB_IOC_MEM_INFO		_IO(LB_IOC_MAGIC, 0x07)
/* Returns 0: the cheapest round trip, for measuring invoke overhead. */
#define LB_IOC_NOP		_IO(LB_IOC_MAGIC, 0x08)
#define LB_IOC_REGISTER		_IO(LB_IOC_MAGIC, 0x09)
#define LB_IOC_GLOBAL_GET	_IO(LB_IOC_MAGIC, 0x0a)

#endif /* _UAPI_LINUX_LIGHTBEAM_H */
