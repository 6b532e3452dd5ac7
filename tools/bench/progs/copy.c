// SPDX-License-Identifier: GPL-2.0
/* bench: n=150 expect=0xdb2288f86dd44917 */
/*
 * Memory traffic: memcpy- and memmove-like loops over 1 MiB buffers,
 * word and byte granular, forwards and backwards, with a light transform
 * so that the compilers cannot replace them by library calls.
 */
#include "bench.h"

#define WORDS (256U << 10)

static uint32_t a[WORDS], b[WORDS];

static noinline void copy_words(uint32_t *dst, const uint32_t *src,
				uint32_t count, uint32_t key)
{
	uint32_t i;

	for (i = 0; i < count; i++)
		dst[i] = src[i] ^ key;
}

static noinline void move_back(uint8_t *dst, const uint8_t *src, uint32_t count)
{
	while (count--)
		dst[count] = (uint8_t)(src[count] + 1);
}

BENCH_RUN
{
	uint64_t state = 7, sum = 0;
	uint32_t i, round;

	for (i = 0; i < WORDS; i++)
		a[i] = bench_rand(&state);
	for (round = 0; round < n; round++) {
		copy_words(b, a, WORDS, round * 0x9e3779b9U);
		/* Overlapping, backwards: a memmove shape. */
		move_back((uint8_t *)a + 1 + (round & 7), (uint8_t *)b,
			  WORDS * 4 - 8);
		sum = bench_mix(sum, a[round % WORDS] ^ b[(round * 31) % WORDS]);
	}
	for (i = 0; i < WORDS; i += 97)
		sum = bench_mix(sum, a[i]);
	return sum;
}
