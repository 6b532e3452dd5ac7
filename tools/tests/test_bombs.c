// SPDX-License-Identifier: GPL-2.0
/*
 * No compiler bombs: every adversarial module of tools/bench/bombs.c
 * must load, and compiling it may cost at most LB_BOMB_MAX_RATIO times
 * as much per input byte as the normal module of the same size, measured
 * in this process.  The bound is generous (the target is 3x, see
 * Documentation/bench.rst) so that only a real complexity regression --
 * a quadratic step over live values, labels, locals, functions, exports
 * or segments -- fails it, not noise: each module's time is the minimum
 * of several rounds, and the rounds alternate between the modules.
 *
 * usage: test_bombs [SIZE_BYTES]
 */
#include <stdlib.h>
#include <time.h>

#include "lbt.h"
#include "tools/bench/bombs.h"

#define LB_BOMB_MAX_RATIO	20.0
#define LB_BOMB_ROUNDS		3
#define LB_BOMB_SIZE		(1U << 20)
#define LB_BOMB_MAX		32

static u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ULL + (u64)ts.tv_nsec;
}

struct subject {
	const char *name;
	struct lb_wbuf wasm;
	u64 best_ns;
	bool failed;
};

/* One load; its time, or 0 (and a failure) if it did not load. */
static u64 load_once(struct subject *s)
{
	struct lb_error err = { 0 };
	struct lb_module *m = NULL;
	struct lb_config cfg;
	u64 t0, ns;
	int ret;

	lbt_config(&cfg);
	cfg.max_module_size = 1ULL << 30;
	t0 = now_ns();
	ret = lb_module_load(&cfg, s->wasm.p, s->wasm.len, &m, &err);
	ns = now_ns() - t0;
	if (!lbt_check(!ret, "%s: load: %d at 0x%llx: %s", s->name, ret,
		       (unsigned long long)err.offset, err.msg)) {
		s->failed = true;
		return 0;
	}
	lb_module_destroy(m);
	return ns ? ns : 1;
}

/*
 * A module past a limit: E2BIG, at the opcode that went past, which is
 * `tail` bytes before the module's end.
 */
static void expect_e2big(const char *what, struct lb_wbuf *w, size_t tail)
{
	struct lb_error err = { 0 };
	struct lb_module *m = NULL;
	struct lb_config cfg;
	int ret;

	lbt_config(&cfg);
	ret = lb_module_load(&cfg, w->p, w->len, &m, &err);
	lbt_check(ret == -E2BIG && !m,
		  "%s: load gave %d, want %d (E2BIG)", what, ret, -E2BIG);
	lbt_check(err.offset + tail == w->len,
		  "%s: error at 0x%llx of %zu bytes: %s", what,
		  (unsigned long long)err.offset, w->len, err.msg);
	lb_wbuf_free(w);
}

static void limits(void)
{
	struct lb_wbuf w = { 0 };

	/*
	 * Past the operand stack's limit, at the call that went past: the
	 * last call but one byte (unreachable), end and a section end.
	 */
	lb_bomb_deep_results(&w);
	expect_e2big("deep_results", &w, 4);
	/*
	 * Past the nesting limit in a run of empty blocks (compiled as one,
	 * see lb_op_block), at the last block: its 2 bytes, the blocks'
	 * ends and the function's.
	 */
	lb_bomb_deep_blocks(&w);
	expect_e2big("deep_blocks", &w, 2 + LB_MAX_NESTING + 1);
}

int main(int argc, char **argv)
{
	size_t size = argc > 1 ? strtoul(argv[1], NULL, 0) : LB_BOMB_SIZE;
	struct subject subj[LB_BOMB_MAX + 1];
	struct subject *normal = &subj[0];
	const struct lb_bomb *b;
	double normal_pb, pb;
	u32 n = 1, i, r;
	u64 ns;

	memset(subj, 0, sizeof(subj));
	normal->name = "normal";
	lb_bomb_normal(&normal->wasm, size);
	for (b = lb_bombs; b->name && n <= LB_BOMB_MAX; b++, n++) {
		subj[n].name = b->name;
		b->gen(&subj[n].wasm, size);
	}
	for (i = 0; i < n; i++) {
		if (!lbt_check(!subj[i].wasm.err && subj[i].wasm.len > size / 2,
			       "%s: generating %zu bytes failed",
			       subj[i].name, size))
			subj[i].failed = true;
	}
	for (r = 0; r < LB_BOMB_ROUNDS; r++) {
		for (i = 0; i < n; i++) {
			if (subj[i].failed)
				continue;
			ns = load_once(&subj[i]);
			if (ns && (!subj[i].best_ns || ns < subj[i].best_ns))
				subj[i].best_ns = ns;
		}
	}
	if (normal->failed)
		return lbt_summary();
	normal_pb = (double)normal->best_ns / (double)normal->wasm.len;
	printf("normal: %zu bytes, %.1f ns/byte\n", normal->wasm.len,
	       normal_pb);
	for (i = 1; i < n; i++) {
		if (subj[i].failed)
			continue;
		pb = (double)subj[i].best_ns / (double)subj[i].wasm.len;
		printf("%s: %zu bytes, %.1f ns/byte, %.2fx normal\n",
		       subj[i].name, subj[i].wasm.len, pb, pb / normal_pb);
		lbt_check(pb <= LB_BOMB_MAX_RATIO * normal_pb,
			  "%s: %.1f ns/byte is %.1fx the normal module's %.1f (bound %.0fx)",
			  subj[i].name, pb, pb / normal_pb, normal_pb,
			  LB_BOMB_MAX_RATIO);
	}
	for (i = 0; i < n; i++)
		lb_wbuf_free(&subj[i].wasm);
	limits();
	return lbt_summary();
}
