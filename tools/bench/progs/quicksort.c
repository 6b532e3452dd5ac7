// SPDX-License-Identifier: GPL-2.0
/* bench: n=2000000 expect=0x08327ab4323134bc */
/*
 * Sorting: recursive quicksort (median of three, insertion sort below 16
 * elements) of n pseudo-random 32-bit keys, then a checksum of the sorted
 * array, which is also checked to be in order.
 */
#include "bench.h"

#define MAX_N (4U << 20)

static uint32_t keys[MAX_N];

static void insertion_sort(uint32_t *v, int lo, int hi)
{
	int i, j;

	for (i = lo + 1; i <= hi; i++) {
		uint32_t x = v[i];

		for (j = i - 1; j >= lo && v[j] > x; j--)
			v[j + 1] = v[j];
		v[j + 1] = x;
	}
}

static inline void swap(uint32_t *v, int i, int j)
{
	uint32_t t = v[i];

	v[i] = v[j];
	v[j] = t;
}

static noinline void quicksort(uint32_t *v, int lo, int hi)
{
	while (hi - lo >= 16) {
		int mid = lo + (hi - lo) / 2, i = lo, j = hi;
		uint32_t pivot;

		if (v[mid] < v[lo])
			swap(v, mid, lo);
		if (v[hi] < v[lo])
			swap(v, hi, lo);
		if (v[hi] < v[mid])
			swap(v, hi, mid);
		pivot = v[mid];
		while (i <= j) {
			while (v[i] < pivot)
				i++;
			while (v[j] > pivot)
				j--;
			if (i <= j)
				swap(v, i++, j--);
		}
		/* Recurse into the smaller half: bounded stack depth. */
		if (j - lo < hi - i) {
			quicksort(v, lo, j);
			lo = i;
		} else {
			quicksort(v, i, hi);
			hi = j;
		}
	}
	insertion_sort(v, lo, hi);
}

BENCH_RUN
{
	uint64_t state = 12345, sum = 0;
	uint32_t i;

	if (n > MAX_N)
		n = MAX_N;
	for (i = 0; i < n; i++)
		keys[i] = bench_rand(&state);
	quicksort(keys, 0, (int)n - 1);
	for (i = 0; i < n; i++) {
		if (i && keys[i - 1] > keys[i])
			return 0;
		sum = bench_mix(sum, keys[i]);
	}
	return sum;
}
