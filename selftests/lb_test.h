/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the lightbeam selftests: thin wrappers around the
 * ioctls of uapi/linux/lightbeam.h that return -errno instead of setting
 * errno, typed values, the test modules of selftests/wasm/ (linked in by
 * selftests.mk), and a small builder for generated modules.
 */
#ifndef LB_SELFTEST_H
#define LB_SELFTEST_H

#include <stddef.h>
#include <stdint.h>
#include <linux/lightbeam.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* A module's bytes. */
struct lb_wasm {
	const unsigned char *bytes;
	size_t len;
};

/* lb_wasm_NAME: selftests/wasm/NAME.wat, compiled (see selftests.mk). */
extern const struct lb_wasm lb_wasm_fib, lb_wasm_traps, lb_wasm_memory,
	lb_wasm_types, lb_wasm_start_trap, lb_wasm_start_loop, lb_wasm_tables,
	lb_wasm_table_get, lb_wasm_link_exporter, lb_wasm_link_importer,
	lb_wasm_link_worker, lb_wasm_link_failing, lb_wasm_link_spectest,
	lb_wasm_link_bad, lb_wasm_link_unknown, lb_wasm_link_unknown_field;

#define LB_DEV_PATH	"/dev/" LB_DEVICE_NAME
#define LB_PARAM_DIR	"/sys/module/lightbeam/parameters/"

/* open("/dev/lightbeam"): fd or -errno. */
int lb_open_dev(void);

/* ioctl(): its result, or -errno. */
long lb_ioctl(int fd, unsigned long cmd, void *arg);

/* LB_IOC_LOAD: module fd or -errno; err may be NULL. */
int lb_load(int dev, const void *wasm, size_t len, struct lb_error *err);
int lb_load_wasm(int dev, const struct lb_wasm *w, struct lb_error *err);

/* LB_IOC_INSTANTIATE with default limits: instance fd or -errno. */
int lb_instantiate(int mod, struct lb_error *err);

/* Load and instantiate (closing the module fd): instance fd or -errno. */
int lb_load_instance(int dev, const struct lb_wasm *w);

struct lb_call {
	const char *name;
	const struct lb_value *args;
	uint32_t nargs;
	uint64_t fuel;
	uint64_t timeout_ns;
	/* out */
	struct lb_value results[4];
	uint32_t nresults;
	uint32_t trap;
	struct lb_error err;
};

/* LB_IOC_INVOKE by name: 0 (ran: see trap) or -errno. */
int lb_invoke_call(int inst, struct lb_call *c);

/*
 * Invoke an export taking no argument or one i32 and returning at most
 * one i32, without limits: the result, or -1 - trap code on a trap, or
 * INT64_MIN on an ioctl error.
 */
int64_t lb_call_i32(int inst, const char *name, int nargs, uint32_t arg);

/* LB_IOC_REGISTER inst under name on dev: 0 or -errno. */
int lb_register(int dev, int inst, const char *name);

/* LB_IOC_GLOBAL_GET by name: 0 or -errno; err may be NULL. */
int lb_global_get(int inst, const char *name, struct lb_value *v,
		  struct lb_error *err);

/* LB_IOC_MEM_READ / LB_IOC_MEM_WRITE: 0 or -errno. */
int lb_mem_rw(int inst, int write, uint64_t off, void *buf, uint64_t len);

struct lb_value lb_i32(uint32_t v);
struct lb_value lb_i64(uint64_t v);
struct lb_value lb_f32(float v);
struct lb_value lb_f64(double v);
float lb_as_f32(const struct lb_value *v);
double lb_as_f64(const struct lb_value *v);

/* A module parameter of lightbeam.ko: its value or -1; set: 0 or -1. */
long lb_param_get(const char *name);
int lb_param_set(const char *name, long value);

/* Kernel memory in use, and every slab cache's object count. */
struct lb_mem_use {
	long slab_kb;
	long vmalloc_kb;
	long pool_used;
	int ncaches;
	struct {
		char name[64];
		long objs;
	} cache[1024];
};

/* Fill m (after letting RCU-deferred frees land). */
void lb_mem_use(struct lb_mem_use *m);
/* Caches of b grown by at least `objs` objects in a, logged: how many. */
int lb_mem_caches_grown(const struct lb_mem_use *b, const struct lb_mem_use *a,
			long objs);

/* Monotonic time in nanoseconds. */
uint64_t lb_now(void);

/* A growing byte buffer, for generated modules.  Aborts on ENOMEM. */
struct lb_buf {
	unsigned char *p;
	size_t len;
	size_t cap;
};

void lb_buf_bytes(struct lb_buf *b, const void *p, size_t n);
void lb_buf_byte(struct lb_buf *b, unsigned char c);
void lb_buf_uleb(struct lb_buf *b, uint64_t v);
void lb_buf_sleb(struct lb_buf *b, int64_t v);
/* The header "\0asm" version 1. */
void lb_buf_header(struct lb_buf *b);
/* Append section `id` holding the bytes of `content`, then free them. */
void lb_buf_section(struct lb_buf *b, unsigned char id, struct lb_buf *content);
void lb_buf_free(struct lb_buf *b);

#endif /* LB_SELFTEST_H */
