/* SPDX-License-Identifier: GPL-2.0 */
/*
 * State shared by the pieces of the one-pass x86-64 compiler.
 *
 * The compiler walks a function body once.  For every opcode it decodes
 * the immediates, validates the operand types against an abstract value
 * stack and emits machine code.  The abstract stack is Liftoff's idea:
 * each entry says where its value lives right now (a register, a
 * constant not yet materialised, its own stack slot, or the CPU flags of
 * a compare that has not been turned into a 0/1 yet), so that
 * `i32.add (local.get 0) (i32.const 1)` becomes `mov; add imm` and a
 * compare feeding `br_if` becomes `cmp; jcc`.
 *
 * Frame layout (rbp-based; every value is 8 bytes):
 *
 *   [rbp + 16 + 8 * (nparams - 1 - i)]  parameter i (stored by the caller)
 *   [rbp + 16 + 8 * nparams + 8 * (j-1)] result j >= 1 (caller's space)
 *   [rbp + 8]                           return address
 *   [rbp]                               caller's rbp
 *   [rbp - 8 * (k + 1)]                 declared local k (after params)
 *   [rbp - 8 * (nlocals + d + 1)]       operand stack entry at depth d
 *   [rsp, rsp + max_outgoing)           outgoing area: a call's arguments
 *
 * rsp stays at the bottom of the frame for the whole body.  The first
 * integer parameters travel in registers (lb_arg_reg()); the caller
 * leaves their slots for the callee to keep them in when it must.
 * Result 0 is returned in rax (integers, references) or xmm0 (floats).
 * r15 holds the vmctx, r14 the linear memory base, r11 and xmm15 are
 * scratch.  r14 is current at every instruction: memory.grow reloads it,
 * and so does a call through a funcref (another instance may grow a
 * shared memory); a direct callee returns it current, by the same rule.
 *
 * Some locals live in registers for the whole function instead of in
 * slots (see pin.c): merges need nothing, a pinned local is always in its
 * register.  rbx, r12, r13 are callee-saved here as in the SysV ABI; the
 * function saves them below rbp:
 *
 *   [rbp - 8 * (k + 1)]                 caller's value of pin register k
 *
 * and every other frame offset above moves down by 8 * nsaved.
 *
 * Control flow merges keep one simple invariant: at a block, loop or if
 * boundary every operand stack value lives in its own slot (constants
 * below the block's height may stay constants: nothing inside the block
 * can change them), and a branch moves the values it carries into the
 * target's slots.  That makes every merge state the same by construction
 * and keeps the compiler linear: each value is spilled at most once.
 */
#ifndef LB_X86_COMPILER_H
#define LB_X86_COMPILER_H

#include "asm.h"
#include "../leb128.h"

/*
 * Where an abstract stack entry's value lives.  LOC_STALE is never a
 * live entry's: it marks the first of a run of entries left above sp
 * (see ops_call.c, lb_call_results).  LOC_PIN is a pinned local's
 * register itself (local.get, pin.c): valid until the local is written,
 * and turned into a copy of its own before that (lb_pin_flush).
 */
enum lb_loc { LOC_CONST, LOC_REG, LOC_STACK, LOC_FLAGS, LOC_STALE, LOC_PIN };

/* "Any type": what the validator pops from an unreachable stack. */
#define LB_TYPE_ANY	0

struct lb_val {
	u8 type;	/* LB_TYPE_* or LB_TYPE_ANY */
	u8 loc;		/* enum lb_loc */
	u8 reg;		/* LOC_REG, LOC_PIN */
	u8 cc;		/* LOC_FLAGS: the condition that means "1" */
	u32 lim;	/* i32 in LOC_REG: value < lim if non-zero (ops_int.c) */
	u64 imm;	/* LOC_CONST: the bits; LOC_PIN: the local */
};

enum lb_ctrl_kind { CTRL_BLOCK, CTRL_LOOP, CTRL_IF, CTRL_ELSE, CTRL_FUNC };

struct lb_ctrl {
	u8 kind;		/* enum lb_ctrl_kind */
	bool unreachable;	/* stack is polymorphic (validation) */
	bool dead;		/* no code is being emitted (after a branch) */
	bool entered_dead;	/* the whole construct is unreachable */
	bool end_reached;	/* a live branch targets the end */
	u32 height;		/* operand stack height below the params */
	u32 nparams;
	u32 nresults;
	const u8 *params;	/* LB_TYPE_* */
	const u8 *results;
	u32 label;		/* loop: the header's code offset */
	u32 body;		/* loop: just past the header's poll check */
	u32 patches;		/* forward branches to the end: list head */
	u32 else_jump;		/* if: the jcc to the else arm, 0 if none */
	u32 brt_pad;		/* br_table being compiled: jumps to its pad */
	u32 brt_idx;		/* br_table being compiled: target number + 1 */
	u32 pad_at;		/* a branch's moves + jump here, 0 if none */
	u32 pad_base;		/*   for values in slots from this depth */
};

/* A rel32 to resolve once the code has its final address. */
enum lb_reloc_kind { RELOC_FUNC, RELOC_HELPER };

struct lb_reloc {
	u32 at;		/* code offset just after the rel32 */
	u32 kind;	/* enum lb_reloc_kind */
	u32 target;	/* function index or enum lb_helper */
};

/* C functions that generated code calls (see run.c). */
enum lb_helper {
	HELPER_POLL,		/* u32 lb_rt_poll(struct lb_vmctx *) */
	HELPER_MEMORY_GROW,	/* u32 lb_rt_memory_grow(vmctx, u32 delta) */
	HELPER_FROUND,		/* u64 lb_rt_fround(u64 bits, u32 how) */
	HELPER_MEMORY_COPY,	/* the bulk operators in codegen/bulk.c */
	HELPER_MEMORY_FILL,
	HELPER_MEMORY_INIT,
	HELPER_DATA_DROP,
	HELPER_ELEM_DROP,
	HELPER_TABLE_COPY,
	HELPER_TABLE_INIT,
	HELPER_TABLE_FILL,
	HELPER_TABLE_GROW,
	HELPER_SIG_EQUAL,	/* u32 lb_rt_sig_equal(funcref, expected) */
	HELPER_RETURN_THUNK,	/* the platform's return thunk */
	HELPER_INDIRECT_THUNK,	/* + reg: the platform's indirect thunks */
	HELPER_MAX = HELPER_INDIRECT_THUNK + 16
};

/* A call to a function of a later chunk: patched when linking ends. */
struct lb_late_call {
	u32 chunk;	/* index into lb_module.chunks */
	u32 at;		/* end of the rel32, in the chunk */
	u32 target;	/* defined function index */
};

/*
 * Code is written to executable memory in chunks of about this size (the
 * last function of a chunk may overrun it), so that the compiler holds at
 * most one chunk and one function besides the final code.
 */
#ifndef LB_CODE_CHUNK
#define LB_CODE_CHUNK	(1U << 20)
#endif

/*
 * Code that comes out byte for byte the same for the same key within a
 * function: encoded once, then copied (lb_replay()).  At most 128 bytes:
 * the caller-saved pins' moves (4 GPRs and 10 XMMs of at most 9 bytes
 * each, after the bound's 4-byte load for a restore) fit.
 */
#define LB_REPLAY_MAX	128

enum lb_replay_kind {
	LB_REPLAY_PIN_SAVE,	/* pin.c, around calls */
	LB_REPLAY_PIN_RESTORE,
	LB_REPLAY_CALL_ARGS,	/* ops_call.c, settled arguments */
	LB_REPLAY_CALL_RESULTS,	/*   and results by a loop */
	LB_NREPLAY
};

struct lb_replay {
	u64 key[2];		/* key[0] == 0: nothing kept */
	u32 len;
	u8 code[LB_REPLAY_MAX];
};

/*
 * What a call's code depends on and changes, besides the stack entries
 * it settles (see ops_call.c, lb_call_memo), compared field by field
 * (lb_call_state_is): a field added here goes into both lb_call_state()
 * and lb_call_state_is().
 */
struct lb_call_state {
	const u8 *settled_types, *stale_types;
	u64 pin_mask;
	u32 sp, low_sp, settled_n, settled_sp, stale_base, stale_n;
	u32 gpr_free, xmm_free, flags_sp, nctrl, npinned;
	bool stale_mark;
};

/* The last call whose code left the state as it found it. */
struct lb_call_memo {
	u32 start, end;		/* its code, in the code buffer */
	u32 rel;		/* the end of its call's rel32, from start */
	u32 func;
	u32 nbound;		/* bound loads it recorded (pin.c) */
	u32 bound_at[2];	/*   where, from start */
	bool valid;
	struct lb_call_state st;
};

struct lb_patch {
	u32 at;		/* end of the rel32 to patch */
	u32 next;	/* index + 1 of the next entry, 0 = end */
};

/*
 * Every function starts with an endbr64 for indirect calls (call_indirect,
 * the entry stubs); direct calls land just after it.
 */
#define LB_ENDBR_LEN	4

/* Allocatable registers: everything but rsp, rbp, r11, r14, r15. */
#define LB_GPR_ALLOC	((1U << RAX) | (1U << RCX) | (1U << RDX) | \
			 (1U << RBX) | (1U << RSI) | (1U << RDI) | \
			 (1U << R8) | (1U << R9) | (1U << R10) | \
			 (1U << R12) | (1U << R13))
#define LB_XMM_ALLOC	0x7fffU		/* xmm0-14; xmm15 is scratch */
/*
 * Integer (and reference) parameter k, counting only those, travels in
 * lb_arg_reg(k) for k < LB_NARG_REGS (see ops_call.c).  The first three
 * are no pins, so the callee can save a callee-saved pin before it moves
 * the argument there; the others are exactly the pins the callee keeps
 * those parameters in (pin.c), so they need no move at all.  None is
 * rax or r11, which the prologue's stack check uses.
 */
#define LB_NARG_REGS	6

static inline int lb_arg_reg(u32 k)
{
	static const u8 regs[LB_NARG_REGS] = { RDI, RCX, RDX, R10, R9, R8 };

	return regs[k];
}

/* Only locals below this index are pinned (see pin.c). */
#define LB_PIN_SCAN	64
#define LB_MAX_PINNED	17		/* see pin.c */
#define LB_XMM_PINS	10		/* xmm14 down to xmm5 */
#define LB_SCRATCH	R11
#define LB_XSCRATCH	15
#define LB_VMCTX_REG	R15
#define LB_MEMBASE_REG	R14
#define LB_BOUND_REG	RSI		/* mem_size - 8, see pin.c */

/*
 * A narrow access's jg to its bounds-check slow path (see ops_mem.c), or
 * (log2 LB_SLOW_BOUND_LOAD) a load of the bound register at `at`, to
 * become a nop if the function checks nothing.
 */
struct lb_mem_slow {
	u32 at;		/* end of the jg's rel32: also where to come back */
	u8 ea;		/* the effective address register */
	u8 log2;	/* access size */
};

#define LB_SLOW_BOUND_LOAD	0xff

/* Owner of a register that holds no stack entry but a popped operand. */
#define LB_OWNER_TEMP	0xffffffffU

struct lb_compiler {
	struct lb_module *m;
	struct lb_error *err;
	u32 cpu;		/* LB_CPU_* the code may use */

	struct lb_asm as;
	struct lb_buf code;	/* the chunk being filled */
	struct lb_buf sink;	/* output of unreachable code, discarded */

	struct lb_reloc *relocs;	/* of the chunk being filled */
	u32 nrelocs, relocs_cap;
	u32 chunk_first;	/* first defined function in the chunk */
	u32 nfuncs_done;	/* defined functions compiled so far */
	struct lb_late_call *late;
	u32 nlate, late_cap;

	/* Stubs, emitted at the start of every chunk (same offsets). */
	u32 trap_stub[LB_TRAP_MAX];
	u32 poll_stub;		/* loop headers' */
	u32 entry_poll_stub;	/* prologues': then checks the stack */
	u32 exit_stub;		/* unwind to the entry trampoline */

	/* The function being compiled. */
	u32 func;
	const struct lb_functype *ft;
	struct lb_reader rd;
	const u8 *op_at;	/* the current opcode (lb_op_offset) */
	u8 *local_types;	/* [nlocals] */
	/* whose parameters local_types starts with: they are not copied again */
	const struct lb_functype *local_types_ft;
	u32 nlocals;		/* params + declared */
	u32 nparams;
	u32 locals_cap;

	struct lb_val *stack;
	u32 sp, stack_cap;
	u32 max_depth;
	u32 max_outgoing;	/* bytes pushed for a call, at most */

	struct lb_ctrl *ctrl;
	u32 nctrl, ctrl_cap;
	u32 frame_height;	/* ctrl[nctrl - 1].height, read at every pop */

	struct lb_patch *patches;
	u32 npatches, patches_cap;
	u32 poll_slow;		/* loop headers' jb to their poll calls */

	u32 gpr_free;		/* bitmask of free allocatable GPRs */
	/* What lb_pin_locals() decides, all of it, as pin_memo keeps it. */
	struct_group_tagged(lb_pin_set, pins,
		u32 gpr_alloc;	/* allocatable GPRs: LB_GPR_ALLOC - pinned */
		u32 xmm_alloc;	/* allocatable XMMs: LB_XMM_ALLOC - pinned */
		u32 npinned;	/* locals living in registers */
		u32 nsaved;	/* of them in callee-saved registers */
		u32 ncaller_pins;	/* of them in caller-saved registers */
		u32 pinned_local[LB_MAX_PINNED];
		u8 pinned_slot[LB_MAX_PINNED];	/* index into pin.c's table */
		s8 pin_reg[LB_PIN_SCAN];	/* local -> its register, or -1 */
		/* Callee-saved pins kept for a loop's local (lb_pin_claim) */
		u8 float_slot[3];
		u8 nfloat;	/* of them still free */
		u8 saved_slots;	/* callee-saved pins (bits) to save */
	);
	/*
	 * The last function's pins, for a function with the same type and
	 * the same first declared locals: a module of thousands of small
	 * functions of one type (a thousand parameters, say) decides them
	 * once.  Valid where ft is set.
	 */
	struct {
		const struct lb_functype *ft;
		u32 scan;
		u8 types[LB_PIN_SCAN];	/* local types [nparams, scan) */
		struct lb_pin_set pins;
	} pin_memo;
	struct lb_replay replay[LB_NREPLAY];
	struct lb_call_memo call_memo;
	u64 touched;		/* locals < LB_PIN_SCAN accessed so far */
	/*
	 * Pinned GPRs checked in place (ops_mem.c), valid for the bits of
	 * pin_facts until a write to the local or a merge: pin_ext[r] says
	 * r + pin_ext[r] <= mem_size; pin_spec[r] = s + 1 that r is at most
	 * mem_size - 8 + s on every path, speculative ones included.
	 */
	u32 pin_facts;
	u32 pin_ext[16];
	u8 pin_spec[16];
	/* The last lea from a pinned register (see lb_pin_derive) */
	u32 plea_start, plea_end;
	s32 plea_d;
	u8 plea_reg, plea_pin, plea_type;
	u32 xmm_free;
	u32 owner[32];		/* GPRs 0-15, XMMs 16-31: stack index */
	/*
	 * The top entries last settled (lb_settle_top): settled_n of them
	 * below settled_sp, checked against settled_types, each in its own
	 * slot, its lim cleared.  An entry in its own slot is rewritten in
	 * place only while it is the top one, so those below low_sp - 1
	 * (low_sp: the lowest sp since) are still as settled.
	 */
	const u8 *settled_types;
	u32 settled_n, settled_sp, low_sp;
	bool call_loop;		/* the call being compiled: see ops_call.c */
	/* Settled arguments left above sp by a call (see lb_call_results) */
	const u8 *stale_types;
	u32 stale_base, stale_n;
	struct lb_same_pair {		/* see lb_same_types */
		const u8 *a, *b;
		u32 n;
	} same[2];
	u8 same_next;
	u32 flags_sp;		/* sp after the last compare, or: */
#define LB_NO_FLAGS	0xffffffffU
	/*
	 * The opcode loop looks at flags_sp and stack_cap only once sp
	 * reaches this: min(flags_sp, the sp from which fewer than
	 * LB_OP_ROOM entries are free).  One compare per opcode, not two.
	 */
	u32 op_trip;

	u64 data_use_offset;	/* first memory.init / data.drop, if no */
	u32 data_use_idx;	/*   data count section preceded it */

	u32 frame_check_at;	/* disp32 of the prologue's stack check */
	u32 frame_size_at;	/* imm32 of the prologue's sub rsp */

	u8 single_type[256];	/* single_type[t] == t: 1-type vectors */

	/* The last local.get copy of a pinned local (see lb_pin_take). */
	u32 pin_copy_start, pin_copy_end;
	u8 pin_copy_reg, pin_copy_pin;
	/*
	 * The LOC_PIN entries: bit k for stack index pin_base + k, so that
	 * a write to a local or a merge finds them without a walk over the
	 * stack.  Bits go stale (the entry popped or rewritten) and are
	 * dropped when looked at (pin.c, lb_pin_ent_live).  Beyond the 64
	 * indexes, local.get makes a copy.
	 */
	u64 pin_mask;
	u32 pin_base;

	/* Bounds checks' slow paths, emitted after the function (ops_mem.c) */
	struct lb_mem_slow *mem_slow;
	u32 nmem_slow, mem_slow_cap;

	/* br_table's working arrays, kept for the next one (br_table.c) */
	u32 *brt_scratch;
	u32 brt_scratch_cap;

	/* The last plain load from memory (see lb_take_load) */
	u32 load_start, load_end;
	struct lb_mem load_mem;
	u8 load_reg, load_ea;

	/* Stack entries known to equal a local (see pin.c, lb_tag_local) */
	u32 lw_serial;		/* local writes so far */
	u32 lw_log[8];		/* the last ones: local index by serial */
	u32 lget_start, lget_end;	/* the last local.get's code */
	u8 lget_reg;
	bool bound_used;	/* a bounds check read the bound register */

	/* The last local.set from a register (see compile.c, lb_op_local) */
	u32 lset_end, lset_idx;
	u8 lset_reg;

	/* The last i32.shl by 1-3 (see ops_int.c, lb_add_scaled) */
	u32 shl_start, shl_end;
	u8 shl_reg, shl_src, shl_k;

	/* The last add of a constant that cannot wrap (see ops_mem.c) */
	u32 addc_start, addc_end, addc_imm;
	u8 addc_reg;
};

/* The hot predicates: every push and pop asks them. */
static inline bool lb_is_float(u8 type)
{
	return type == LB_TYPE_F32 || type == LB_TYPE_F64;
}

static inline bool lb_is_ref(u8 type)
{
	return type == LB_TYPE_FUNCREF || type == LB_TYPE_EXTERNREF;
}

/* The module offset of the current opcode: errors name it. */
static inline u64 lb_op_offset(const struct lb_compiler *c)
{
	return c->rd.base + (u64)(c->op_at - c->rd.start);
}

/* --- compile.c ------------------------------------------------------ */
int lb_fail(struct lb_compiler *c, int errno_val, const char *fmt, ...)
	__printf(3, 4);
int lb_add_reloc(struct lb_compiler *c, u32 at, u32 kind, u32 target);
void lb_replay_keep(struct lb_compiler *c, struct lb_replay *r, u64 key0,
		    u64 key1, u32 start);

/*
 * Copy the code kept in r if it was kept for this key (key0 != 0).  In
 * whole 32-byte pieces: lb_room() leaves that much, and r->code is a
 * multiple of it.
 */
static inline bool lb_replay(struct lb_compiler *c, struct lb_replay *r,
			     u64 key0, u64 key1)
{
	const u8 *src = r->code;
	u32 len = r->len, n;
	u8 *p;

	if (r->key[0] != key0 || r->key[1] != key1)
		return false;
	while (len) {
		n = len < 32 ? len : 32;
		p = lb_room(&c->as);
		memcpy(p, src, 32);
		lb_done(&c->as, p + n);
		src += 32;
		len -= n;
	}
	return true;
}
int lb_chunk_close(struct lb_compiler *c);
void lb_emit_call_helper(struct lb_compiler *c, u32 helper);
void lb_emit_ret(struct lb_compiler *c);
int lb_check_types_slow(struct lb_compiler *c, u32 n, const u8 *types);

/*
 * Check that the top n values have the given types, leaving them where
 * they are.  Most blocks and branches carry none: that costs no call.
 */
static inline int lb_check_top_types(struct lb_compiler *c, u32 n,
				     const u8 *types)
{
	return n ? lb_check_types_slow(c, n, types) : 0;
}

/* --- control.c, br_table.c ----------------------------------------------------- */
int lb_push_ctrl(struct lb_compiler *c, u8 kind, u32 nparams,
		 const u8 *params, u32 nresults, const u8 *results);
void lb_set_unreachable(struct lb_compiler *c);
u32 lb_emit_poll(struct lb_compiler *c);
void lb_polled(struct lb_compiler *c);
int lb_op_block(struct lb_compiler *c, u8 kind);
int lb_op_else(struct lb_compiler *c);
/* lb_op_end's "that was the function's own end": the body is done. */
#define LB_FUNC_END	1
int lb_op_end(struct lb_compiler *c);
int lb_op_br(struct lb_compiler *c);
int lb_op_br_if(struct lb_compiler *c);
int lb_op_br_table(struct lb_compiler *c);
/* branch primitives, shared with br_table.c */
int lb_add_to_list(struct lb_compiler *c, u32 *head, u32 at);
void lb_bind_list(struct lb_compiler *c, u32 *head);
int lb_peek_types(struct lb_compiler *c, u32 n, const u8 *types);
bool lb_nothing_to_branch(const struct lb_compiler *c);
/*
 * From this many values on, a branch (and a call, see ops_call.c) moves
 * the values it carries with a loop when they sit in their own slots: a
 * pad per target depth is then O(1) bytes however many values it moves
 * (k br_ifs to k depths carrying n values would otherwise emit k * n
 * moves from O(k + n) input bytes).
 */
#define LB_COPY_LOOP_MIN	8
void lb_copy_loop(struct lb_compiler *c, struct lb_mem src, struct lb_mem dst,
		  u32 n);
/*
 * Branches and blocks carrying fewer values check and store them
 * directly: for one value, settling costs more than it saves.
 */
#define LB_SETTLE_MIN	2
int lb_settle_top(struct lb_compiler *c, u32 n, const u8 *types);
bool lb_same_types_slow(struct lb_compiler *c, const u8 *a, const u8 *b,
			u32 n);

/* Are the type vectors a and b, n types each, the same? */
static inline bool lb_same_types(struct lb_compiler *c, const u8 *a,
				 const u8 *b, u32 n)
{
	return a == b || !n || lb_same_types_slow(c, a, b, n);
}
u32 lb_arity(const struct lb_ctrl *f, const u8 **types);
int lb_jump_to(struct lb_compiler *c, struct lb_ctrl *f);
int lb_jcc_to(struct lb_compiler *c, enum lb_cc cc, struct lb_ctrl *f);
bool lb_in_place(struct lb_compiler *c, u32 n, u32 height);
int lb_emit_pad(struct lb_compiler *c, struct lb_ctrl *t, u32 n, bool keep);
u32 lb_kept_pad(struct lb_compiler *c, struct lb_ctrl *t, u32 n);

/* --- regalloc.c ----------------------------------------------------- */
int lb_stack_grow(struct lb_compiler *c, u32 extra);
int lb_pop_slow(struct lb_compiler *c, u8 want, struct lb_val *out);
/* The frame slot of operand stack depth `depth`. */
static inline struct lb_mem lb_slot(const struct lb_compiler *c, u32 depth)
{
	return lb_mem_bd(RBP, -8 * (s32)(c->nsaved + c->nlocals -
					 c->nparams + depth + 1));
}

/* A local's home: parameters above the return address, the rest below. */
static inline struct lb_mem lb_local(const struct lb_compiler *c, u32 idx)
{
	if (idx < c->nparams)
		return lb_mem_bd(RBP, 16 + 8 * (s32)(c->nparams - 1 - idx));
	return lb_mem_bd(RBP, -8 * (s32)(c->nsaved + idx - c->nparams + 1));
}

/* --- pin.c ---------------------------------------------------------- */
void lb_pin_locals(struct lb_compiler *c);
void lb_pin_prologue(struct lb_compiler *c);
void lb_pin_epilogue(struct lb_compiler *c);
void lb_pin_save(struct lb_compiler *c);
void lb_pin_restore(struct lb_compiler *c);
int lb_op_pinned_local(struct lb_compiler *c, u8 op, u8 t, int pin, u32 idx);
int lb_pin_claim(struct lb_compiler *c, u8 op, u32 idx);
int lb_pin_of(struct lb_compiler *c, const struct lb_val *v);
void lb_pin_derive(struct lb_compiler *c, int pin, s32 d, u32 start);
int lb_pin_take_slow(struct lb_compiler *c, const struct lb_val *v);
void lb_pin_spill_ents(struct lb_compiler *c);
void lb_pin_flush(struct lb_compiler *c, int pin, bool fl);

/*
 * An operator that only reads an operand may read a pinned local's own
 * register instead of the copy local.get made, if that copy is the last
 * instruction emitted: then nothing can have changed the local since,
 * and the copy is taken back.  Returns the pinned register (read-only
 * for the caller; v's register is freed) or -1.  Asked of most
 * operands, and most often no: that costs no call.
 */
static inline int lb_pin_take(struct lb_compiler *c, const struct lb_val *v)
{
	if (v->loc == LOC_PIN)
		return v->reg;
	if (v->loc != LOC_REG || lb_pc(&c->as) != c->pin_copy_end)
		return -1;
	return lb_pin_take_slow(c, v);
}
struct lb_val *lb_tag_alias(struct lb_compiler *c, const struct lb_val *v);

/*
 * lb_val.imm of an i32 LOC_REG entry (unused otherwise): LB_TAG_LOCAL if
 * the value is that of local (imm & 0xffffff) as of local write serial
 * (imm >> 24 & 0xffffffff); the bits at LB_TAG_CHECKED_SHIFT hold
 * log2(size) + 1 if the register was checked in place for an access of
 * that size (see ops_mem.c).
 */
#define LB_TAG_LOCAL		(1ULL << 63)
#define LB_TAG_CHECKED_SHIFT	56
#define LB_TAG_CHECKED		(7ULL << LB_TAG_CHECKED_SHIFT)
/*
 * And f at LB_TAG_SPEC_SHIFT, if non-zero: the value is at most
 * mem_size - 8 + 8 * (f - 1) on every path, speculative ones included
 * (a checked pinned local plus a small constant, see ops_mem.c).
 */
#define LB_TAG_SPEC_SHIFT	59
#define LB_TAG_SPEC		(15ULL << LB_TAG_SPEC_SHIFT)
#define LB_SPEC_MAX		(8 * 14)

/*
 * The i32 value of entry v, in a register, is local idx's (local.get,
 * local.tee): tag it, so that a memory access through a later local.get
 * of the same local can use this entry instead, and its bounds check
 * (see ops_mem.c).  at is where a local.get's own code starts (a tee's:
 * none).
 */
static inline void lb_tag_entry(struct lb_compiler *c, struct lb_val *v,
				u32 idx, u32 at)
{
	if (v->type != LB_TYPE_I32 || idx > 0xffffff)
		return;
	v->imm = LB_TAG_LOCAL | (u64)c->lw_serial << 24 | idx;
	c->lget_start = at;
	c->lget_end = lb_pc(&c->as);
	c->lget_reg = v->reg;
}

/* The same for the value just pushed. */
static inline void lb_tag_local(struct lb_compiler *c, u32 idx, u32 at)
{
	lb_tag_entry(c, &c->stack[c->sp - 1], idx, at);
}

/* The register local idx lives in, or -1 (asked at every local access). */
static inline int lb_pinned_reg(const struct lb_compiler *c, u32 idx)
{
	return idx < LB_PIN_SCAN ? c->pin_reg[idx] : -1;
}

/* local.set / tee: tags of idx from before are stale from now on. */
static inline void lb_local_written(struct lb_compiler *c, u32 idx)
{
	int pin = lb_pinned_reg(c, idx);

	c->lw_serial++;
	c->lw_log[c->lw_serial & 7] = idx;
	if (pin >= 0)
		c->pin_facts &= ~(1U << pin);	/* so are its checks */
}

int lb_alloc_gpr_slow(struct lb_compiler *c, u32 avoid);
int lb_alloc_xmm_slow(struct lb_compiler *c);

/* A free register of the class (not in avoid), else spill the oldest. */
static inline int lb_alloc_gpr(struct lb_compiler *c, u32 avoid)
{
	u32 m = c->gpr_free & ~avoid;
	int r;

	if (unlikely(!m))
		return lb_alloc_gpr_slow(c, avoid);
	r = __builtin_ctz(m);
	c->gpr_free &= ~(1U << r);
	c->owner[r] = LB_OWNER_TEMP;
	return r;
}

static inline int lb_alloc_xmm(struct lb_compiler *c)
{
	int r;

	if (unlikely(!c->xmm_free))
		return lb_alloc_xmm_slow(c);
	r = __builtin_ctz(c->xmm_free);
	c->xmm_free &= ~(1U << r);
	c->owner[16 + r] = LB_OWNER_TEMP;	/* XMMs own 16-31 */
	return r;
}

static inline void lb_free_reg(struct lb_compiler *c, bool xmm, int reg)
{
	if (xmm)
		c->xmm_free |= 1U << reg;
	else
		c->gpr_free |= 1U << reg;
}

static inline void lb_free_val(struct lb_compiler *c, const struct lb_val *v)
{
	if (v->loc == LOC_REG)
		lb_free_reg(c, lb_is_float(v->type), v->reg);
}

int lb_to_reg_slow(struct lb_compiler *c, struct lb_val *v, u32 avoid);
void lb_load_val(struct lb_compiler *c, const struct lb_val *v, int reg);
void lb_store_val(struct lb_compiler *c, const struct lb_val *v,
		  struct lb_mem dst);
void lb_materialize_flags_slow(struct lb_compiler *c);
void lb_spill_all(struct lb_compiler *c);
void lb_spill_below(struct lb_compiler *c, u32 depth);
void lb_evict(struct lb_compiler *c, int reg, u32 avoid);
void lb_reset_regs(struct lb_compiler *c);
void lb_spill_under(struct lb_compiler *c, u32 limit);
void lb_claim(struct lb_compiler *c, bool xmm, int reg);

/*
 * Bring a popped value into a register that the caller may clobber and
 * must free or push.  `avoid` (GPRs only) lists registers it must not be.
 * Most often it is in one already: that costs no call.
 */
static inline int lb_to_reg(struct lb_compiler *c, struct lb_val *v,
			    u32 avoid)
{
	if (v->loc == LOC_REG &&
	    (lb_is_float(v->type) || !(avoid & (1U << v->reg))))
		return v->reg;
	return lb_to_reg_slow(c, v, avoid);
}

static inline bool lb_val_is_xmm(const struct lb_val *v)
{
	return v->loc == LOC_REG && lb_is_float(v->type);
}

/*
 * The value stack's hot paths, inline: every opcode pushes and pops.
 * Pushers rely on room reserved once per opcode (lb_stack_reserve(): an
 * opcode pushes at most what it pops plus a small constant).
 */
#define LB_OP_ROOM	4

/* Recompute op_trip after flags_sp or stack_cap changed. */
static inline void lb_set_op_trip(struct lb_compiler *c)
{
	u32 t = c->stack_cap >= LB_OP_ROOM ? c->stack_cap - LB_OP_ROOM + 1 : 0;

	c->op_trip = c->flags_sp < t ? c->flags_sp : t;
}

static inline int lb_stack_reserve(struct lb_compiler *c, u32 extra)
{
	if (likely(c->sp + extra <= c->stack_cap))
		return 0;
	return lb_stack_grow(c, extra);
}

static inline struct lb_val *lb_push(struct lb_compiler *c, u8 type, u8 loc,
				     u64 imm)
{
	struct lb_val *v = &c->stack[c->sp++];
	struct lb_val n = { .type = type, .loc = loc, .imm = imm };

	*v = n;
	if (c->sp > c->max_depth)
		c->max_depth = c->sp;
	return v;
}

static inline void lb_push_reg(struct lb_compiler *c, u8 type, int reg)
{
	struct lb_val *v = lb_push(c, type, LOC_REG, 0);

	v->reg = (u8)reg;
	c->owner[lb_is_float(type) ? 16 + reg : reg] = c->sp - 1;
}

static inline void lb_push_const(struct lb_compiler *c, u8 type, u64 imm)
{
	lb_push(c, type, LOC_CONST, imm);
}

/* The top entry just became a compare's flags, for the next opcode. */
static inline void lb_flags_pushed(struct lb_compiler *c)
{
	c->flags_sp = c->sp;
	c->op_trip = c->sp;	/* stack_cap's trip is never below sp */
}

static inline void lb_push_flags(struct lb_compiler *c, enum lb_cc cc)
{
	lb_push(c, LB_TYPE_I32, LOC_FLAGS, 0)->cc = (u8)cc;
	lb_flags_pushed(c);
}

/*
 * LOC_STACK entries keep their depth in imm, so that a popped copy still
 * knows its slot.
 */
static inline void lb_push_slot(struct lb_compiler *c, u8 type)
{
	lb_push(c, type, LOC_STACK, c->sp);
}

void lb_pin_copy_entry(struct lb_compiler *c, u32 i);

/*
 * Take the top entry, known to exist; its register becomes a temporary.
 * A LOC_PIN entry becomes a copy first (what local.get made before
 * LOC_PIN), unless the caller takes it as it is (lazy: see lb_pop_pin).
 */
static __always_inline void lb_pop_entry(struct lb_compiler *c,
					 struct lb_val *out, bool lazy)
{
	const struct lb_val *v = &c->stack[c->sp - 1];

	if (!lazy && unlikely(v->loc == LOC_PIN))
		lb_pin_copy_entry(c, c->sp - 1);
	c->sp--;
	*out = *v;
	if (v->loc == LOC_REG)
		c->owner[lb_is_float(v->type) ? 16 + v->reg : v->reg] =
			LB_OWNER_TEMP;
	if (c->low_sp > c->sp)
		c->low_sp = c->sp;
}

static inline void lb_pop_top(struct lb_compiler *c, struct lb_val *out)
{
	lb_pop_entry(c, out, false);
}

/* Lower sp to `sp` other than by popping (see struct lb_compiler, low_sp). */
static inline void lb_cut_stack(struct lb_compiler *c, u32 sp)
{
	c->sp = sp;
	if (c->low_sp > sp)
		c->low_sp = sp;
}

/*
 * Pop an operand of type `want` (LB_TYPE_ANY: any); see lb_pop_slow() for
 * the stack-polymorphic and error cases.
 */
static __always_inline int lb_pop_as(struct lb_compiler *c, u8 want,
				     struct lb_val *out, bool lazy)
{
	u32 sp = c->sp;

	if (likely(sp > c->frame_height &&
		   (c->stack[sp - 1].type == want || want == LB_TYPE_ANY))) {
		lb_pop_entry(c, out, lazy);
		return 0;
	}
	return lb_pop_slow(c, want, out);
}

static inline int lb_pop(struct lb_compiler *c, u8 want, struct lb_val *out)
{
	return lb_pop_as(c, want, out, false);
}

/*
 * lb_pop() for an operator that takes a pinned local's register as it is
 * (LOC_PIN: it reads it at once, lb_pin_take(), or through lb_to_reg,
 * lb_load_val or lb_store_val, and never frees it).
 */
static inline int lb_pop_pin(struct lb_compiler *c, u8 want,
			     struct lb_val *out)
{
	return lb_pop_as(c, want, out, true);
}

static inline bool lb_top_is_flags(const struct lb_compiler *c)
{
	return c->sp && c->stack[c->sp - 1].loc == LOC_FLAGS;
}

/* A compare's flags on top of the stack into a 0/1 register. */
static inline void lb_materialize_flags(struct lb_compiler *c)
{
	if (lb_top_is_flags(c))
		lb_materialize_flags_slow(c);
}

static inline int lb_pop_any(struct lb_compiler *c, struct lb_val *out)
{
	return lb_pop(c, LB_TYPE_ANY, out);
}

/*
 * An exclusive upper bound of an i32 operand's value: its constant's, or
 * the one the operator that computed it into a register recorded
 * (lb_val.lim), else 2^32.
 */
static inline u64 lb_val_lim(const struct lb_val *v)
{
	if (v->type != LB_TYPE_I32)
		return 1ULL << 32;
	if (v->loc == LOC_CONST)
		return (u64)(u32)v->imm + 1;
	if ((v->loc == LOC_REG || v->loc == LOC_PIN) && v->lim)
		return v->lim;
	return 1ULL << 32;
}

/* Record the bound of the value just pushed (if it says anything). */
static inline void lb_set_lim(struct lb_compiler *c, u64 lim)
{
	if (lim < (1ULL << 32))
		c->stack[c->sp - 1].lim = (u32)lim;
}

static inline bool lb_is64(u8 type)
{
	return type == LB_TYPE_I64 || type == LB_TYPE_F64 ||
	       type == LB_TYPE_FUNCREF || type == LB_TYPE_EXTERNREF;
}

void lb_pinned_copy(struct lb_compiler *c, u8 t, int pin, u32 idx);
bool lb_pin_rebase(struct lb_compiler *c);

/*
 * local.get of a pinned local: the local's register itself (LOC_PIN), no
 * code.  The most frequent opcode there is, so inline, apart from set
 * and tee (pin.c).
 */
static __always_inline void lb_pinned_get(struct lb_compiler *c, u8 t,
					  int pin, u32 idx)
{
	struct lb_val *v;

	if (unlikely(c->sp - c->pin_base >= 64) && !lb_pin_rebase(c)) {
		lb_pinned_copy(c, t, pin, idx);
		return;
	}
	c->pin_mask |= 1ULL << (c->sp - c->pin_base);
	v = lb_push(c, t, LOC_PIN, idx);
	v->reg = (u8)pin;
}

/* --- ops_*.c: one function per opcode family ------------------------ */
int lb_op_int(struct lb_compiler *c, u8 op);
int lb_binop(struct lb_compiler *c, u8 type, enum lb_alu op, bool commutative);
int lb_op_float(struct lb_compiler *c, u8 op);
int lb_op_convert(struct lb_compiler *c, u8 op);
int lb_op_misc_prefix(struct lb_compiler *c, u32 op);
int lb_op_load(struct lb_compiler *c, u8 op);
int lb_op_store(struct lb_compiler *c, u8 op);
int lb_op_memory_size_grow(struct lb_compiler *c, u8 op);
void lb_emit_mem_slow(struct lb_compiler *c);
void lb_note_bound_load(struct lb_compiler *c, u32 at);
bool lb_take_load(struct lb_compiler *c, const struct lb_val *v,
		  struct lb_mem *m);
int lb_op_bulk(struct lb_compiler *c, u32 op);
int lb_op_table_access(struct lb_compiler *c, u8 op);
int lb_op_call(struct lb_compiler *c, u32 func);
int lb_op_call_indirect(struct lb_compiler *c);
void lb_emit_return(struct lb_compiler *c);
void lb_emit_trap_if(struct lb_compiler *c, enum lb_cc cc, u32 trap);

/* --- run.c: what generated code calls ------------------------------ */
u32 lb_rt_poll(struct lb_vmctx *vmctx);
u32 lb_rt_memory_grow(struct lb_vmctx *vmctx, u32 delta);
u64 lb_rt_fround(u64 bits, u32 how);
u32 lb_rt_sig_equal(const struct lb_funcref *f, u64 expected);

#endif /* LB_X86_COMPILER_H */
