// SPDX-License-Identifier: GPL-2.0
/*
 * The native ceiling: a benchmark program (progs/NAME.c) compiled with
 * gcc -O2 and linked with this driver, which times one call of run(n).
 *
 * usage: NAME N        prints "CHECKSUM RUN_NS 0" (no compile step)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

uint64_t run(uint32_t n);

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

int main(int argc, char **argv)
{
	uint64_t t0, t1, sum;
	uint32_t n;

	if (argc != 2) {
		fprintf(stderr, "usage: %s N\n", argv[0]);
		return 2;
	}
	n = (uint32_t)strtoul(argv[1], NULL, 0);
	t0 = now_ns();
	sum = run(n);
	t1 = now_ns();
	printf("0x%016llx %llu 0\n", (unsigned long long)sum,
	       (unsigned long long)(t1 - t0));
	return 0;
}
