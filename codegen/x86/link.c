// SPDX-License-Identifier: GPL-2.0
/*
 * The module-level code around the functions, and linking.
 *
 * A module's code is a list of chunks of executable memory, each about
 * LB_CODE_CHUNK bytes, so that the compiler never holds more than the
 * chunk it is filling besides the final code.  Layout of a chunk:
 *
 *	exit stub	unwinds to the entry trampoline's caller (eax = trap)
 *	trap stubs	mov eax, code; jmp exit  -- one per trap kind
 *	poll stubs	call lb_rt_poll() with the registers saved (two)
 *	functions	16-byte aligned
 *	entry stubs	last chunk only: one per function type, C -> Wasm
 *
 * The stubs repeat in every chunk at the same offsets, so jumps to them
 * are plain rel32s within the chunk.  Calls to helpers, thunks and other
 * functions are rel32 to absolute addresses, resolved when the chunk is
 * closed (the code pool is inside the module's own text in the kernel,
 * so everything is within reach); calls to functions of later chunks are
 * patched at the end, in one batch per chunk.
 */
#include "compiler.h"

/* Registers the entry trampoline saves, in push order (after rbp). */
static const u8 lb_saved[] = { RBX, R12, R13, R14, R15 };

static void lb_emit_exit_stub(struct lb_compiler *c)
{
	struct lb_asm *a = &c->as;
	int i;

	c->exit_stub = lb_pc(a);
	lb_load(a, true, LB_SCRATCH, lb_mem_bd(LB_VMCTX_REG, LB_VMCTX_EXEC));
	lb_load(a, true, RSP, lb_mem_bd(LB_SCRATCH, LB_EXEC_SAVED_RSP));
	lb_pop_r(a, RCX);			/* the out pointer */
	for (i = ARRAY_SIZE(lb_saved); i-- > 0;)
		lb_pop_r(a, lb_saved[i]);
	lb_pop_r(a, RBP);
	lb_emit_ret(c);
}

/*
 * The poll stubs call lb_rt_poll() with every register the code may have
 * live saved; a trap leaves through the exit stub.  The entry variant is
 * called by prologues with rax = the lowest rsp the new frame needs: it
 * also checks rax against the real stack limit.
 */
static void lb_emit_poll_stub(struct lb_compiler *c, bool entry)
{
	static const u8 volatile_regs[] = { RAX, RCX, RDX, RSI, RDI, R8, R9,
					    R10 };
	struct lb_asm *a = &c->as;
	int i;

	if (entry)
		c->entry_poll_stub = lb_pc(a);
	else
		c->poll_stub = lb_pc(a);
	for (i = 0; i < (int)ARRAY_SIZE(volatile_regs); i++)
		lb_push_r(a, volatile_regs[i]);
	/*
	 * Entered with rsp = 8 mod 16; 8 pushes keep that.  Below them the
	 * float pins (xmm14 down: pinned locals live across loop heads) and
	 * 8 bytes to realign.
	 */
	lb_alu_ri(a, true, ALU_SUB, RSP, 8 * LB_XMM_PINS + 8);
	for (i = 0; i < LB_XMM_PINS; i++)
		lb_sse_rm(a, 0xf2, false, 0x0f11, 14 - i,
			  lb_mem_bd(RSP, 8 * i));
	lb_mov_rr(a, true, RDI, LB_VMCTX_REG);
	lb_emit_call_helper(c, HELPER_POLL);
	for (i = 0; i < LB_XMM_PINS; i++)
		lb_sse_rm(a, 0xf2, false, 0x0f10, 14 - i,
			  lb_mem_bd(RSP, 8 * i));
	lb_alu_ri(a, true, ALU_ADD, RSP, 8 * LB_XMM_PINS + 8);
	lb_test_rr(a, false, RAX, RAX);
	lb_jcc(a, CC_NE, c->exit_stub);
	for (i = ARRAY_SIZE(volatile_regs); i-- > 0;)
		lb_pop_r(a, volatile_regs[i]);
	if (entry) {
		lb_load(a, true, LB_SCRATCH,
			lb_mem_bd(LB_VMCTX_REG, LB_VMCTX_EXEC));
		lb_alu_rm(a, true, ALU_CMP, RAX,
			  lb_mem_bd(LB_SCRATCH, LB_EXEC_STACK_LIMIT));
		lb_jcc(a, CC_B, c->trap_stub[LB_TRAP_STACK_EXHAUSTED]);
	}
	lb_emit_ret(c);
}

static u32 lb_type_hash(const struct lb_functype *t)
{
	u32 h = 2166136261U ^ t->nparams ^ (t->nresults << 16), i;

	for (i = 0; i < t->nparams + t->nresults; i++)
		h = (h ^ t->types[i]) * 16777619U;
	return h;
}

static bool lb_type_equal(const struct lb_functype *a,
			  const struct lb_functype *b)
{
	return a->nparams == b->nparams && a->nresults == b->nresults &&
	       !memcmp(a->types, b->types, a->nparams + a->nresults);
}

/* 3 bits per value type in an encoded signature id; 0 is unused. */
static u64 lb_type_code(u8 t)
{
	switch (t) {
	case LB_TYPE_I32: return 1;
	case LB_TYPE_I64: return 2;
	case LB_TYPE_F32: return 3;
	case LB_TYPE_F64: return 4;
	case LB_TYPE_V128: return 5;
	case LB_TYPE_FUNCREF: return 6;
	default: return 7;
	}
}

#define LB_SIG_MAX_ENCODED	17	/* params + results that fit 64 bits */

/*
 * Signature ids for call_indirect, comparable across modules without any
 * shared registry: a signature of at most 17 value types is encoded
 * exactly (bit 0 set, 5 bits each for the counts, 3 bits per type), so
 * equal ids mean equal types in any module.  A longer signature gets the
 * address of the first structurally equal type of its own module (even,
 * so never equal to an encoded id): equal ids still mean equal types, and
 * when they differ call_indirect asks lb_rt_sig_equal() to compare.
 */
static int lb_sig_ids(struct lb_module *m)
{
	u32 cap = 16, i, k, *slots;

	while (cap < 2 * m->ntypes)
		cap *= 2;
	m->type_sig = lb_alloc(sizeof(u64) * (m->ntypes + 1));
	slots = lb_alloc(sizeof(u32) * cap);
	if (!m->type_sig || !slots) {
		lb_free(slots);
		return -ENOMEM;
	}
	for (i = 0; i < m->ntypes; i++) {
		const struct lb_functype *t = &m->types[i];
		u32 n = t->nparams + t->nresults, h;
		u64 id;

		if (n <= LB_SIG_MAX_ENCODED) {
			id = 1 | (u64)t->nparams << 1 | (u64)t->nresults << 6;
			for (k = 0; k < n; k++)
				id |= lb_type_code(t->types[k]) << (11 + 3 * k);
			m->type_sig[i] = id;
			continue;
		}
		h = lb_type_hash(t) & (cap - 1);
		while (slots[h] && !lb_type_equal(&m->types[slots[h] - 1], t))
			h = (h + 1) & (cap - 1);
		if (!slots[h])
			slots[h] = i + 1;
		m->type_sig[i] = (u64)(unsigned long)&m->types[slots[h] - 1];
	}
	lb_free(slots);
	return 0;
}

/*
 * Every chunk starts with the same stubs at the same offsets, so that the
 * jumps to them (one per bounds check, division, ...) are plain rel32s
 * within the chunk and need no relocation.
 */
static void lb_emit_stubs(struct lb_compiler *c)
{
	u32 i;

	lb_emit_exit_stub(c);
	for (i = 1; i < LB_TRAP_MAX; i++) {
		c->trap_stub[i] = lb_pc(&c->as);
		lb_mov_ri(&c->as, false, RAX, i);
		lb_jmp(&c->as, c->exit_stub);
	}
	lb_emit_poll_stub(c, false);
	lb_emit_poll_stub(c, true);
}

/*
 * The code buffer at its likely size from the start: code comes out 3 to
 * 4 times the size of its Wasm, and a chunk is closed at LB_CODE_CHUNK.
 * Grown by doubling from a page, it was copied about twice over (sql.js:
 * 6% of the load's instructions).
 */
static size_t lb_code_buf_size(const struct lb_module *m)
{
	u64 want = 4ULL * m->code_section_size + 4096;

	return want < LB_CODE_CHUNK + LB_CODE_CHUNK / 16 ?
	       (size_t)want : LB_CODE_CHUNK + LB_CODE_CHUNK / 16;
}

int lb_compiler_begin(struct lb_module *m, struct lb_compiler **out,
		      struct lb_error *err)
{
	struct lb_compiler *c;
	u32 ndef = m->nfuncs - m->nimported_funcs, i;

	c = lb_alloc(sizeof(*c));
	if (!c)
		return lb_err(err, ENOMEM, ~0ULL, "out of memory");
	c->m = m;
	c->err = err;
	c->cpu = m->cfg.cpu_features;
	for (i = 0; i < 256; i++)
		c->single_type[i] = (u8)i;
	if (lb_buf_reserve(&c->code, lb_code_buf_size(m)) ||
	    lb_buf_reserve(&c->sink, 4096) || lb_sig_ids(m))
		goto oom;
	c->as.sink = &c->sink;
	lb_asm_attach(&c->as, &c->code);
	if (ndef) {
		m->func_code = lb_alloc(sizeof(*m->func_code) * ndef);
		if (!m->func_code)
			goto oom;
	}

	lb_emit_stubs(c);
	if (c->as.oom)
		goto oom;
	*out = c;
	return 0;
oom:
	lb_compiler_abort(c);
	return lb_err(err, ENOMEM, ~0ULL, "out of memory");
}

/*
 * Entry from C: u32 entry(struct lb_vmctx *vmctx, const void *code,
 * const u64 *args, u64 *out).  Switches to the instance's stack, pushes
 * the arguments, calls, and stores rax in out[0], xmm0 in out[1] and
 * result j >= 1 in out[j + 1].  A trap unwinds through the exit stub.
 */
static void lb_emit_entry(struct lb_compiler *c, const struct lb_functype *ft)
{
	struct lb_asm *a = &c->as;
	u32 n = ft->nparams, nres = ft->nresults, i, k;
	u32 extra = nres > 1 ? nres - 1 : 0, pad = (n + extra) & 1;
	const void *thunk = lb_indirect_thunk(RSI);

	lb_endbr64(a);
	lb_push_r(a, RBP);
	lb_mov_rr(a, true, RBP, RSP);
	for (i = 0; i < ARRAY_SIZE(lb_saved); i++)
		lb_push_r(a, lb_saved[i]);
	lb_push_r(a, RCX);			/* the out pointer */
	lb_load(a, true, LB_SCRATCH, lb_mem_bd(RDI, LB_VMCTX_EXEC));
	lb_store(a, true, lb_mem_bd(LB_SCRATCH, LB_EXEC_SAVED_RSP), RSP);
	lb_mov_rr(a, true, LB_VMCTX_REG, RDI);
	lb_load(a, true, LB_MEMBASE_REG,
		lb_mem_bd(LB_VMCTX_REG, LB_VMCTX_MEM_BASE));
	lb_load(a, true, RSP, lb_mem_bd(LB_VMCTX_REG, LB_VMCTX_STACK_TOP));
	if (extra + pad)
		lb_alu_ri(a, true, ALU_SUB, RSP, (s32)(8 * (extra + pad)));
	for (i = 0; i < n; i++)
		lb_push_m(a, lb_mem_bd(RDX, (s32)(8 * i)));
	/* and the register ones (see lb_arg_reg(): rdx is one of them) */
	lb_mov_rr(a, true, LB_SCRATCH, RDX);
	for (i = 0, k = 0; i < n && k < LB_NARG_REGS; i++) {
		if (lb_is_float(ft->types[i]))
			continue;
		lb_load(a, lb_is64(ft->types[i]), lb_arg_reg(k++),
			lb_mem_bd(LB_SCRATCH, (s32)(8 * i)));
	}
	if (thunk)
		lb_add_reloc(c, lb_call(a, 0), RELOC_HELPER,
			     HELPER_INDIRECT_THUNK + RSI);
	else
		lb_call_r(a, RSI);
	lb_load(a, true, RCX, lb_mem_bd(LB_VMCTX_REG, LB_VMCTX_EXEC));
	lb_load(a, true, RCX, lb_mem_bd(RCX, LB_EXEC_SAVED_RSP));
	lb_load(a, true, RCX, lb_mem_bd(RCX, 0));
	lb_store(a, true, lb_mem_bd(RCX, 0), RAX);
	lb_sse_rm(a, 0xf2, false, 0x0f11, 0, lb_mem_bd(RCX, 8));
	for (i = 1; i < nres; i++) {
		lb_load(a, true, RAX, lb_mem_bd(RSP, (s32)(8 * (n + i - 1))));
		lb_store(a, true, lb_mem_bd(RCX, (s32)(8 * (i + 1))), RAX);
	}
	lb_mov_ri(a, false, RAX, 0);
	lb_jmp(a, c->exit_stub);
}

static const void *lb_helper_addr(u32 h)
{
	switch (h) {
	case HELPER_POLL:
		return (const void *)lb_rt_poll;
	case HELPER_MEMORY_GROW:
		return (const void *)lb_rt_memory_grow;
	case HELPER_FROUND:
		return (const void *)lb_rt_fround;
	case HELPER_MEMORY_COPY:
		return (const void *)lb_rt_memory_copy;
	case HELPER_MEMORY_FILL:
		return (const void *)lb_rt_memory_fill;
	case HELPER_MEMORY_INIT:
		return (const void *)lb_rt_memory_init;
	case HELPER_DATA_DROP:
		return (const void *)lb_rt_data_drop;
	case HELPER_ELEM_DROP:
		return (const void *)lb_rt_elem_drop;
	case HELPER_TABLE_COPY:
		return (const void *)lb_rt_table_copy;
	case HELPER_TABLE_INIT:
		return (const void *)lb_rt_table_init;
	case HELPER_TABLE_FILL:
		return (const void *)lb_rt_table_fill;
	case HELPER_TABLE_GROW:
		return (const void *)lb_rt_table_grow;
	case HELPER_SIG_EQUAL:
		return (const void *)lb_rt_sig_equal;
	case HELPER_RETURN_THUNK:
		return lb_return_thunk();
	default:
		return lb_indirect_thunk((int)(h - HELPER_INDIRECT_THUNK));
	}
}

/* The rel32 at code offset `at` (its end) of a chunk at exec, to `to`. */
static int lb_rel32(struct lb_compiler *c, u32 at, u64 exec, u64 to, u32 *rel)
{
	s64 d = (s64)(to - (exec + at));

	if (!lb_fits32(d))
		return lb_err(c->err, ERANGE, ~0ULL,
			      "code placed out of rel32 reach of the runtime");
	*rel = (u32)d;
	return 0;
}

/*
 * Move the chunk being filled to executable memory: its functions get
 * their final addresses, its calls to helpers and to placed functions are
 * resolved, and calls to functions not compiled yet wait in c->late.
 * Then the next chunk starts with its stubs.
 */
int lb_chunk_close(struct lb_compiler *c)
{
	struct lb_module *m = c->m;
	struct lb_code *chunk;
	u8 *code;
	u64 exec;
	u32 i, rel;
	int ret;

	lb_asm_sync(&c->as);		/* c->as is on c->code */
	code = c->code.data;
	if (lb_array_reserve((void **)&m->chunks, &m->chunks_cap,
			     m->nchunks + 1, sizeof(*m->chunks), 4))
		return lb_err(c->err, ENOMEM, ~0ULL, "out of memory");
	chunk = &m->chunks[m->nchunks];
	ret = lb_code_alloc(chunk, c->code.len, (const void *)lb_rt_poll);
	if (ret)
		return lb_err(c->err, -ret, ~0ULL,
			      ret == -ENOSPC ? "code pool full (%zu bytes wanted)" :
			      "cannot allocate %zu bytes of executable memory",
			      c->code.len);
	m->nchunks++;
	exec = (u64)(unsigned long)chunk->exec;
	for (i = c->chunk_first; i < c->nfuncs_done; i++)
		m->func_code[i].code = (const u8 *)chunk->exec +
				       m->func_code[i].offset;
	for (i = 0; i < c->nrelocs; i++) {
		const struct lb_reloc *r = &c->relocs[i];
		const u8 *to;

		if (r->kind == RELOC_HELPER) {
			to = lb_helper_addr(r->target);
		} else {
			to = m->func_code[r->target - m->nimported_funcs].code;
			if (to)
				to += LB_ENDBR_LEN;	/* direct: no endbr64 */
			if (!to) {
				if (lb_array_reserve((void **)&c->late,
						     &c->late_cap, c->nlate + 1,
						     sizeof(*c->late), 256))
					return lb_err(c->err, ENOMEM, ~0ULL,
						      "out of memory");
				c->late[c->nlate].chunk = m->nchunks - 1;
				c->late[c->nlate].at = r->at;
				c->late[c->nlate].target = r->target -
							   m->nimported_funcs;
				c->nlate++;
				continue;
			}
		}
		ret = lb_rel32(c, r->at, exec, (u64)(unsigned long)to, &rel);
		if (ret)
			return ret;
		lb_put32(code + r->at - 4, rel);
	}
	ret = lb_code_write(chunk, 0, code, c->code.len);
	if (ret)
		return lb_err(c->err, -ret, ~0ULL, "cannot write the code");
	m->code_size += c->code.len;
	lb_rewind(&c->as, 0);
	c->nrelocs = 0;
	c->chunk_first = c->nfuncs_done;
	lb_emit_stubs(c);
	return c->as.oom ? lb_err(c->err, ENOMEM, ~0ULL, "out of memory") : 0;
}

/*
 * The calls that went to later chunks, a batch per chunk.  The patch
 * records reuse c->late's memory: each is no larger than its source and
 * is written at or before it.
 */
_Static_assert(sizeof(struct lb_code_patch) <= sizeof(struct lb_late_call),
	       "late call records are rewritten into patches in place");

static int lb_patch_late_calls(struct lb_compiler *c)
{
	struct lb_module *m = c->m;
	struct lb_code_patch *p = (struct lb_code_patch *)c->late;
	u32 i = 0, n, start;
	int ret;

	while (i < c->nlate) {
		u32 k = c->late[i].chunk;
		u64 exec = (u64)(unsigned long)m->chunks[k].exec;

		for (start = i, n = 0; i < c->nlate && c->late[i].chunk == k;
		     i++, n++) {
			const struct lb_late_call l = c->late[i];
			u64 to = (u64)(unsigned long)m->func_code[l.target].code +
				 LB_ENDBR_LEN;

			ret = lb_rel32(c, l.at, exec, to, &p[start + n].val);
			if (ret)
				return ret;
			p[start + n].off = l.at - 4;
		}
		ret = lb_code_patch32(&m->chunks[k], p + start, n);
		if (ret)
			return lb_err(c->err, -ret, ~0ULL,
				      "cannot write the code");
	}
	return 0;
}

int lb_compiler_finish(struct lb_compiler *c, struct lb_error *err)
{
	struct lb_module *m = c->m;
	u32 *entry_at = NULL, i;
	int ret;

	c->err = err;
	if (c->data_use_offset) {
		ret = lb_err(err, EINVAL, c->data_use_offset,
			     c->data_use_idx >= m->ndata ?
			     "unknown data segment %u" :
			     "data count section required (data segment %u)",
			     c->data_use_idx);
		goto out;
	}
	lb_asm_switch(&c->as, &c->code);
	m->type_entry = lb_alloc(sizeof(*m->type_entry) * (m->ntypes + 1));
	entry_at = lb_alloc(sizeof(*entry_at) * (m->ntypes + 1));
	if (!m->type_entry || !entry_at) {
		ret = lb_err(err, ENOMEM, ~0ULL, "out of memory");
		goto out;
	}
	for (i = 0; i < m->ntypes; i++) {
		while (lb_pc(&c->as) & 15)
			lb_byte(&c->as, 0xcc);
		entry_at[i] = lb_pc(&c->as);
		lb_emit_entry(c, &m->types[i]);
	}
	if (c->as.oom) {
		ret = lb_err(err, ENOMEM, ~0ULL, "out of memory for code");
		goto out;
	}
	ret = lb_chunk_close(c);
	if (ret)
		goto out;
	for (i = 0; i < m->ntypes; i++)
		m->type_entry[i] = (const u8 *)m->chunks[m->nchunks - 1].exec +
				   entry_at[i];
	ret = lb_patch_late_calls(c);
	for (i = 0; !ret && i < m->nchunks; i++) {
		ret = lb_code_seal(&m->chunks[i]);
		if (ret)
			ret = lb_err(err, -ret, ~0ULL,
				     "cannot make the code executable");
	}
out:
	lb_free(entry_at);
	lb_compiler_abort(c);
	return ret;
}

void lb_compiler_abort(struct lb_compiler *c)
{
	if (!c)
		return;
	lb_buf_free(&c->code);
	lb_buf_free(&c->sink);
	lb_free(c->relocs);
	lb_free(c->late);
	lb_free(c->stack);
	lb_free(c->ctrl);
	lb_free(c->patches);
	lb_free(c->mem_slow);
	lb_free(c->brt_scratch);
	lb_free(c->local_types);
	lb_free(c);
}
