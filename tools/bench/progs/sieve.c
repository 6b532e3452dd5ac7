// SPDX-License-Identifier: GPL-2.0
/* bench: n=12 expect=0x44c21d94d1a74836 */
/*
 * Memory traffic: the sieve of Eratosthenes over a 4 MiB byte array, n
 * times, counting the primes and summing a sample of them.  Each round
 * marks with its own stamp, so no clearing pass is needed.
 */
#include "bench.h"

#define SIEVE_SIZE (4U << 20)

static uint8_t mark[SIEVE_SIZE];

BENCH_RUN
{
	uint64_t sum = 0;
	uint32_t round, i, j, count;
	uint8_t stamp;

	for (round = 0; round < n; round++) {
		stamp = (uint8_t)(round % 255 + 1);
		count = 0;
		for (i = 2; i < SIEVE_SIZE; i++) {
			if (mark[i] == stamp)
				continue;
			count++;
			if ((count & 1023) == round)
				sum += i;
			for (j = i + i; j < SIEVE_SIZE; j += i)
				mark[j] = stamp;
		}
		sum = bench_mix(sum, count);
	}
	return sum;
}
