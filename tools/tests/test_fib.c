// SPDX-License-Identifier: GPL-2.0
/*
 * End to end in user space: the recursive fib module of issue 2 must give
 * fib(20) = 10946, with the host's CPU features and with none (the
 * fallback code paths), and a few more values on the way; then fuel
 * and time limits.
 *
 * usage: test_fib FIB.wasm
 */
#include <stdlib.h>
#include <time.h>

#include "lbt.h"

/* Iterative fib as the module computes it: fib(0) = fib(1) = 1. */
static u32 ref_fib(u32 n)
{
	u32 a = 1, b = 1, t;

	while (n-- > 1) {
		t = a + b;
		a = b;
		b = t;
	}
	return b;
}

/*
 * Fuel the module's fib(n) burns: one unit per call (its entry) and one
 * on entering the loop (its header); later iterations pass the header's
 * check, since their call polls anyway (control.c, lb_polled()).
 */
static u64 ref_fuel(u32 n)
{
	u64 f[64];
	u32 i, p;

	for (i = 0; i <= n && i < ARRAY_SIZE(f); i++) {
		f[i] = 1;
		if (i < 2)
			continue;
		f[i]++;
		p = i;
		do {
			f[i] += f[p - 1];
			p -= 2;
		} while (p > 1);
	}
	return f[n];
}

static u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ULL + (u64)ts.tv_nsec;
}

/*
 * Limits: fuel is exact (enough for fib(20) runs, one unit less traps);
 * a time limit stops a run that would take minutes, soon after it
 * expires; many short runs with a time limit are unaffected.
 */
static void run_limits(struct lb_instance *inst, u32 idx, u32 features)
{
	struct lb_run_limits lim = { 0 };
	struct lb_error err = { 0 };
	struct lb_value arg = { .type = LB_TYPE_I32 }, res;
	u64 need = ref_fuel(20), t;
	u32 nres, trap, i;
	int ret;

	arg.lo = 20;
	lim.fuel = need;
	ret = lb_invoke(inst, idx, &arg, 1, &res, 1, &nres, &lim, &trap,
			&err);
	lbt_check(!ret && trap == LB_TRAP_NONE && res.lo == 10946,
		  "features 0x%x: fib(20) with %llu fuel: ret %d trap %u",
		  features, (unsigned long long)need, ret, trap);
	lim.fuel = need - 1;
	ret = lb_invoke(inst, idx, &arg, 1, &res, 1, &nres, &lim, &trap,
			&err);
	lbt_check(!ret && trap == LB_TRAP_FUEL_EXHAUSTED,
		  "features 0x%x: fib(20) with %llu fuel: ret %d trap %u",
		  features, (unsigned long long)need - 1, ret, trap);

	lim.fuel = 0;
	lim.timeout_ns = 20000000;
	arg.lo = 60;
	t = now_ns();
	ret = lb_invoke(inst, idx, &arg, 1, &res, 1, &nres, &lim, &trap,
			&err);
	t = now_ns() - t;
	lbt_check(!ret && trap == LB_TRAP_TIMEOUT &&
		  t >= lim.timeout_ns && t < 2000000000ULL,
		  "features 0x%x: fib(60) with a 20 ms limit: ret %d trap %u after %llu ns",
		  features, ret, trap, (unsigned long long)t);

	/*
	 * Short runs under a limit that may expire around their end (a busy
	 * machine may even stop one in time): a stray tick must not harm.
	 */
	lim.timeout_ns = 1000000;
	arg.lo = 10;
	for (i = 0; i < 2000; i++) {
		t = now_ns();
		ret = lb_invoke(inst, idx, &arg, 1, &res, 1, &nres, &lim,
				&trap, &err);
		t = now_ns() - t;
		if (ret || (trap == LB_TRAP_NONE && res.lo != 89) ||
		    (trap != LB_TRAP_NONE &&
		     (trap != LB_TRAP_TIMEOUT || t < lim.timeout_ns)))
			break;
	}
	lbt_check(i == 2000, "features 0x%x: fib(10) run %u of 2000 with a 1 ms limit: ret %d trap %u after %llu ns",
		  features, i, ret, trap, (unsigned long long)t);
}

static void run(const u8 *wasm, size_t len, u32 features)
{
	static const u32 inputs[] = { 0, 1, 2, 3, 10, 20, 25 };
	struct lb_error err = { 0 };
	struct lb_instance_config icfg = { 0 };
	struct lb_run_limits lim = { 0 };
	struct lb_instance *inst = NULL;
	struct lb_module *m = NULL;
	struct lb_config cfg;
	struct lb_value arg, res;
	u32 idx, nres, trap;
	size_t i;
	int ret;

	lbt_config(&cfg);
	cfg.cpu_features &= features;
	ret = lb_module_load(&cfg, wasm, len, &m, &err);
	if (!lbt_check(!ret, "features 0x%x: load: %d at 0x%llx: %s",
		       features, ret, (unsigned long long)err.offset, err.msg))
		return;
	ret = lb_instance_create(m, &icfg, &inst, &trap, &err);
	if (!lbt_check(!ret, "features 0x%x: instantiate: %d: %s", features,
		       ret, err.msg))
		goto out;
	if (!lbt_check(!lbt_find_func(m, "fib", &idx), "no export fib"))
		goto out;
	for (i = 0; i < ARRAY_SIZE(inputs); i++) {
		memset(&arg, 0, sizeof(arg));
		arg.type = LB_TYPE_I32;
		arg.lo = inputs[i];
		memset(&res, 0, sizeof(res));
		nres = 0;
		trap = ~0U;
		ret = lb_invoke(inst, idx, &arg, 1, &res, 1, &nres, &lim,
				&trap, &err);
		lbt_check(!ret && trap == LB_TRAP_NONE && nres == 1 &&
			  res.type == LB_TYPE_I32 &&
			  res.lo == ref_fib(inputs[i]),
			  "features 0x%x: fib(%u): ret %d trap %u nres %u got %llu, want %u (%s)",
			  features, inputs[i], ret, trap, nres, res.lo,
			  ref_fib(inputs[i]), err.msg);
	}
	/* The value issue 2 names, spelled out. */
	arg.lo = 20;
	ret = lb_invoke(inst, idx, &arg, 1, &res, 1, &nres, &lim, &trap,
			&err);
	lbt_check(!ret && !trap && res.lo == 10946, "fib(20) != 10946");

	/* Wrong argument type and count are refused, not run. */
	arg.type = LB_TYPE_I64;
	ret = lb_invoke(inst, idx, &arg, 1, &res, 1, &nres, &lim, &trap,
			&err);
	lbt_check(ret == -EINVAL, "i64 argument accepted: %d", ret);
	ret = lb_invoke(inst, idx, NULL, 0, &res, 1, &nres, &lim, &trap,
			&err);
	lbt_check(ret == -EINVAL, "missing argument accepted: %d", ret);
	arg.type = LB_TYPE_I32;
	ret = lb_invoke(inst, idx, &arg, 1, &res, 0, &nres, &lim, &trap,
			&err);
	lbt_check(ret == -ENOSPC, "no room for the result accepted: %d",
		  ret);

	/* Fuel runs out on a deep recursion. */
	lim.fuel = 100;
	arg.lo = 30;
	ret = lb_invoke(inst, idx, &arg, 1, &res, 1, &nres, &lim, &trap,
			&err);
	lbt_check(!ret && trap == LB_TRAP_FUEL_EXHAUSTED,
		  "fib(30) with 100 fuel: ret %d trap %u", ret, trap);
	lim.fuel = 0;
	/* ...and the instance still works afterwards. */
	arg.lo = 20;
	ret = lb_invoke(inst, idx, &arg, 1, &res, 1, &nres, &lim, &trap,
			&err);
	lbt_check(!ret && !trap && res.lo == 10946,
		  "fib(20) after a trap: ret %d trap %u got %llu", ret, trap,
		  (unsigned long long)res.lo);
	run_limits(inst, idx, features);
out:
	if (inst)
		lb_instance_destroy(inst);
	lb_module_destroy(m);
}

int main(int argc, char **argv)
{
	size_t len;
	u8 *wasm;

	if (argc != 2) {
		fprintf(stderr, "usage: %s FIB.wasm\n", argv[0]);
		return 2;
	}
	wasm = lbt_read_file(argv[1], &len);
	run(wasm, len, ~0U);
	run(wasm, len, 0);
	free(wasm);
	return lbt_summary();
}
