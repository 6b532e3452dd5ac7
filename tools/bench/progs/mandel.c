// SPDX-License-Identifier: GPL-2.0
/* bench: n=600 expect=0x35d7addf871b9503 */
/*
 * f64 numerics with data-dependent loop exits: the Mandelbrot set on an
 * n x n grid, up to 200 iterations per point; the checksum covers every
 * point's iteration count.
 */
#include "bench.h"

#define MAX_ITER 200

BENCH_RUN
{
	uint64_t sum = 0;
	uint32_t x, y, k;

	for (y = 0; y < n; y++) {
		double ci = 2.0 * y / n - 1.0;
		uint32_t row = 0;

		for (x = 0; x < n; x++) {
			double cr = 2.5 * x / n - 2.0;
			double zr = 0, zi = 0, t;

			for (k = 0; k < MAX_ITER; k++) {
				if (zr * zr + zi * zi > 4.0)
					break;
				t = zr * zr - zi * zi + cr;
				zi = 2.0 * zr * zi + ci;
				zr = t;
			}
			row = row * 31 + k;
		}
		sum = bench_mix(sum, row);
	}
	return sum;
}
