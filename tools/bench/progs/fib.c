// SPDX-License-Identifier: GPL-2.0
/* bench: n=37 expect=0x0000000001709e79 */
/*
 * Recursion and calls: the doubly recursive Fibonacci function, one
 * call per node of the call tree (about 30 million calls for n = 35).
 */
#include "bench.h"

static noinline uint32_t fib(uint32_t n)
{
	if (n < 2)
		return n;
	return fib(n - 1) + fib(n - 2);
}

BENCH_RUN
{
	return fib(n);
}
