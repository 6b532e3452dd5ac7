// SPDX-License-Identifier: GPL-2.0
/* bench: n=3000 expect=0x3bb8e3f9d6f8cf2f */
/*
 * i64 and bit manipulation: XXH64 (multiplies, rotates, shifts, unaligned
 * 64-bit loads) and FNV-1a 64 over a 256 KiB buffer, n times with
 * different seeds.
 */
#include "bench.h"

#define BUF_SIZE (256U << 10)

static uint8_t buf[BUF_SIZE];

#define P1 0x9E3779B185EBCA87ULL
#define P2 0xC2B2AE3D27D4EB4FULL
#define P3 0x165667B19E3779F9ULL
#define P4 0x85EBCA77C2B2AE63ULL
#define P5 0x27D4EB2F165667C5ULL

static inline uint64_t rotl64(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

static inline uint64_t read64(const uint8_t *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	       (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 |
	       (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
	       (uint64_t)p[7] << 56;
}

static inline uint64_t round64(uint64_t acc, uint64_t input)
{
	acc += input * P2;
	acc = rotl64(acc, 31);
	return acc * P1;
}

static inline uint64_t merge64(uint64_t acc, uint64_t val)
{
	acc ^= round64(0, val);
	return acc * P1 + P4;
}

static noinline uint64_t xxh64(const uint8_t *p, uint32_t len, uint64_t seed)
{
	const uint8_t *end = p + len;
	uint64_t h;

	if (len >= 32) {
		uint64_t v1 = seed + P1 + P2, v2 = seed + P2;
		uint64_t v3 = seed, v4 = seed - P1;

		do {
			v1 = round64(v1, read64(p));
			v2 = round64(v2, read64(p + 8));
			v3 = round64(v3, read64(p + 16));
			v4 = round64(v4, read64(p + 24));
			p += 32;
		} while (p + 32 <= end);
		h = rotl64(v1, 1) + rotl64(v2, 7) + rotl64(v3, 12) +
		    rotl64(v4, 18);
		h = merge64(h, v1);
		h = merge64(h, v2);
		h = merge64(h, v3);
		h = merge64(h, v4);
	} else {
		h = seed + P5;
	}
	h += len;
	while (p + 8 <= end) {
		h ^= round64(0, read64(p));
		h = rotl64(h, 27) * P1 + P4;
		p += 8;
	}
	while (p < end) {
		h ^= *p++ * P5;
		h = rotl64(h, 11) * P1;
	}
	h ^= h >> 33;
	h *= P2;
	h ^= h >> 29;
	h *= P3;
	h ^= h >> 32;
	return h;
}

static noinline uint64_t fnv1a(const uint8_t *p, uint32_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	while (len--)
		h = (h ^ *p++) * 0x100000001b3ULL;
	return h;
}

BENCH_RUN
{
	uint64_t state = 42, sum = 0;
	uint32_t i;

	for (i = 0; i < BUF_SIZE; i++)
		buf[i] = (uint8_t)bench_rand(&state);
	for (i = 0; i < n; i++) {
		/* Odd lengths and offsets: the tails and unaligned loads. */
		sum = bench_mix(sum, xxh64(buf + (i & 7), BUF_SIZE - 8 - (i & 31),
					   sum));
		if ((i & 7) == 0)
			sum = bench_mix(sum, fnv1a(buf + i % 64, BUF_SIZE / 4));
	}
	return sum;
}
