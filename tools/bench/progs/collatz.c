// SPDX-License-Identifier: GPL-2.0
/* bench: n=1500000 expect=0x6e4c5401ff010887 */
/*
 * A tight integer loop: the total number of Collatz steps of every start
 * value below n, and the longest chain.  Two compares, a shift, a
 * multiply-add and a counter per iteration; nothing touches memory.
 */
#include "bench.h"

BENCH_RUN
{
	uint64_t total = 0;
	uint32_t best = 0, best_start = 0;
	uint32_t i;

	for (i = 1; i < n; i++) {
		uint64_t x = i;
		uint32_t steps = 0;

		while (x != 1) {
			if (x & 1)
				x = 3 * x + 1;
			else
				x >>= 1;
			steps++;
		}
		total += steps;
		if (steps > best) {
			best = steps;
			best_start = i;
		}
	}
	return bench_mix(bench_mix(total, best), best_start);
}
