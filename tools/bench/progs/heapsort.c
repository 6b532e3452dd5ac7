// SPDX-License-Identifier: GPL-2.0
/* bench: n=1000000 expect=0xb7784d49b2115535 */
/*
 * Sorting: heapsort of n pseudo-random 64-bit keys (sift-down with
 * data-dependent branches and scattered loads), then a checksum of the
 * sorted array, which is also checked to be in order.
 */
#include "bench.h"

#define MAX_N (2U << 20)

static uint64_t keys[MAX_N];

static void sift_down(uint64_t *v, uint32_t root, uint32_t end)
{
	uint64_t x = v[root];
	uint32_t child;

	while ((child = 2 * root + 1) < end) {
		if (child + 1 < end && v[child] < v[child + 1])
			child++;
		if (v[child] <= x)
			break;
		v[root] = v[child];
		root = child;
	}
	v[root] = x;
}

static noinline void heapsort(uint64_t *v, uint32_t count)
{
	uint32_t i;
	uint64_t t;

	for (i = count / 2; i-- > 0;)
		sift_down(v, i, count);
	for (i = count - 1; i > 0; i--) {
		t = v[0];
		v[0] = v[i];
		v[i] = t;
		sift_down(v, 0, i);
	}
}

BENCH_RUN
{
	uint64_t state = 99, sum = 0;
	uint32_t i;

	if (n > MAX_N)
		n = MAX_N;
	for (i = 0; i < n; i++)
		keys[i] = (uint64_t)bench_rand(&state) << 32 |
			  bench_rand(&state);
	heapsort(keys, n);
	for (i = 0; i < n; i++) {
		if (i && keys[i - 1] > keys[i])
			return 0;
		sum = bench_mix(sum, keys[i]);
	}
	return sum;
}
