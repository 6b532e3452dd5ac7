/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The engine's only window onto the platform it runs on.
 *
 * codegen/ is built twice from the same sources: into lightbeam.ko and
 * into user-space tools.  It includes neither <linux/...> kernel headers
 * nor libc; everything it needs from its host is declared here and
 * implemented once by kmod/platform.c and once by tools/host/platform.c.
 *
 * <lb_platform_types.h> comes from the include path of each build
 * (kmod/ or tools/host/) and provides: u8..u64, s8..s64, size_t, bool,
 * NULL, memcpy/memmove/memset/memcmp, snprintf/vsnprintf, the errno
 * constants, likely()/unlikely(), noinline, __printf(), fallthrough,
 * struct_group_tagged() and __user-free ARRAY_SIZE().
 */
#ifndef LB_CODEGEN_PLATFORM_H
#define LB_CODEGEN_PLATFORM_H

#include <lb_platform_types.h>

/* Engine bookkeeping: zeroed, may sleep, accounted to the caller. */
void *lb_alloc(size_t size);
void lb_free(void *p);

/*
 * The same, not zeroed: for buffers only ever read where they were
 * written (struct lb_buf), which zeroing would touch once more for
 * nothing (the code buffer: megabytes per module).  Freed by lb_free().
 */
void *lb_alloc_raw(size_t size);

/* Linear memories and Wasm stacks: zeroed, page-granular, accounted. */
void *lb_mem_alloc(size_t size);
void lb_mem_free(void *p, size_t size);

/*
 * Executable memory.  lb_code_alloc() reserves `size` bytes and tells
 * their final address in c->exec (so rel32 targets can be computed), or
 * fails with -ENOSPC (pool full) / -ENOMEM / -ERANGE (no place within
 * rel32 reach of `near`, user space only).  The engine never writes
 * through c->exec: lb_code_write() copies into it (in the kernel through
 * a temporary writable alias, in user space into the mapping, which is
 * writable and not executable until sealed).  The caller writes all of
 * [0, size) and then calls lb_code_seal(), before any of it runs; after
 * that writes fail with -EPERM.  The bytes past size, to the end of the
 * page, read as int3 (in the kernel the whole range does until written).
 */
struct lb_code {
	void *exec;	/* where the code runs */
	size_t size;
	bool sealed;	/* lb_code_seal() was called: no more writes */
};
int lb_code_alloc(struct lb_code *c, size_t size, const void *near);
int lb_code_write(struct lb_code *c, size_t off, const void *src, size_t len);

/*
 * Store n little-endian 32-bit values at the given offsets of code
 * written before (the linker's late call targets), in one go: in the
 * kernel every write costs a TLB flush, so they are batched.  The
 * offsets ascend.
 */
struct lb_code_patch {
	u32 off;
	u32 val;
};
int lb_code_patch32(struct lb_code *c, const struct lb_code_patch *p,
		    size_t n);
int lb_code_seal(struct lb_code *c);
void lb_code_free(struct lb_code *c);

/*
 * Generated code runs between lb_exec_begin() and lb_exec_end(): in the
 * kernel that is kernel_fpu_begin()/end(), so preemption is off and
 * nothing in between may sleep.  A helper that may sleep closes the
 * section around the sleeping part.
 */
void lb_exec_begin(void);
void lb_exec_end(void);

/*
 * Called from generated code, inside the exec section, when the tick
 * below (or fuel, or lb_instance_kick()) tripped the invocation's poll
 * word: reschedule if needed (leaving the exec section to do so) and
 * report a pending signal as LB_TRAP_INTERRUPTED.  Returns 0 or a trap
 * code.
 */
int lb_poll(void);

/*
 * The tick that makes running code poll.  Generated code only loads and
 * compares a word at loop headers and function entries (a store there
 * would put a store-to-load dependency on every iteration); it calls
 * lb_poll() and checks the deadline when the word is LB_TICK_TRIP.
 *
 * Between lb_tick_start() and lb_tick_stop() the platform stores
 * LB_TICK_TRIP into *word (WRITE_ONCE, from any context: a timer
 * interrupt, a signal handler) about every LB_TICK_PERIOD_NS:
 *   - the kernel always does (signals and rescheduling need it), from
 *     min(timeout_ns, period) on, with an hrtimer that may fire up to a
 *     scheduler tick late (so that it rides on the tick's interrupt);
 *   - user space only when timeout_ns is not 0 (signals need nothing
 *     there: their default action ends the process), from timeout_ns on.
 * The engine re-arms the word itself.  A trip may also come late or be
 * lost to a racing re-arm: the next one follows a period later.
 *
 * Both are called outside the exec section and may sleep.  lb_tick_start()
 * returns 0, or a negative errno when no tick runs (the engine then keeps
 * the word tripped: every check polls, slow but correct).  After
 * lb_tick_stop() returns, the platform touches neither *t nor *word.
 * priv is the platform's (a timer), opaque to the engine.
 */
#define LB_TICK_TRIP		(~0ULL)
#define LB_TICK_PERIOD_NS	1000000ULL

struct lb_tick {
	u64 *word;
	u64 priv[16];
};

int lb_tick_start(struct lb_tick *t, u64 *word, u64 timeout_ns);
void lb_tick_stop(struct lb_tick *t);

/* Monotonic nanoseconds, for time limits. */
u64 lb_now_ns(void);

/* CPU features the generated code may use (LB_CPU_*, see engine.h). */
u32 lb_cpu_features(void);

/*
 * An indirect call from generated code through register `reg` (x86
 * encoding 0-15): the address of a thunk to `call rel32` instead (the
 * kernel's retpoline thunks), or NULL to emit a plain `call *reg`.
 */
const void *lb_indirect_thunk(int reg);

/*
 * Where generated code returns through: the kernel's return thunk when
 * return-thunk mitigations are on (`jmp rel32` to it replaces `ret`), or
 * NULL for a plain `ret`.
 */
const void *lb_return_thunk(void);

#endif /* LB_CODEGEN_PLATFORM_H */
