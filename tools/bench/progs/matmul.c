// SPDX-License-Identifier: GPL-2.0
/* bench: n=3 expect=0x3cee5655cbae59f5 */
/*
 * f64 numerics: dense 300x300 matrix multiply (i-k-j order, so the inner
 * loop streams through rows), n times, feeding each product back in.
 */
#include "bench.h"

#define DIM 300

static double a[DIM][DIM], b[DIM][DIM], c[DIM][DIM];

static noinline void matmul(void)
{
	int i, j, k;

	for (i = 0; i < DIM; i++) {
		for (j = 0; j < DIM; j++)
			c[i][j] = 0;
		for (k = 0; k < DIM; k++) {
			double aik = a[i][k];

			for (j = 0; j < DIM; j++)
				c[i][j] += aik * b[k][j];
		}
	}
}

BENCH_RUN
{
	uint64_t state = 3, sum = 0;
	uint32_t round;
	int i, j;

	for (i = 0; i < DIM; i++) {
		for (j = 0; j < DIM; j++) {
			a[i][j] = (double)(bench_rand(&state) % 2000) / 1000.0 - 1;
			b[i][j] = (double)(bench_rand(&state) % 2000) / 1000.0 - 1;
		}
	}
	for (round = 0; round < n; round++) {
		matmul();
		/* Feed back, scaled down so nothing overflows. */
		for (i = 0; i < DIM; i++)
			for (j = 0; j < DIM; j++)
				a[i][j] = c[i][j] * (1.0 / 64);
		sum = bench_mix(sum, bench_f64_bits(c[round % DIM][7]));
	}
	for (i = 0; i < DIM; i += 7)
		sum = bench_mix(sum, bench_f64_bits(c[i][(i * 13) % DIM]));
	return sum;
}
