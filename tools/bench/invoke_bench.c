// SPDX-License-Identifier: GPL-2.0
/*
 * In-kernel invoke overhead: N invocations of an empty exported function
 * through LB_IOC_INVOKE against N LB_IOC_NOP round trips on the same
 * instance fd.  Under software emulation absolute times mean little; the
 * ratio is the figure.  Built static (like the selftests) and run in the
 * VM:
 *
 *   tools/vm/run --file $PWD/build/bench/invoke_bench -- \
 *	$PWD/build/bench/invoke_bench [N]
 *
 * Prints the medians of several alternating rounds and
 * "invoke/nop ratio: R"; exits non-zero if anything fails.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <linux/lightbeam.h>

#define ROUNDS 7

/* (module (func (export "f"))) */
static const unsigned char empty_wasm[] = {
	0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,	/* header */
	0x01, 0x04, 0x01, 0x60, 0x00, 0x00,		/* type () -> () */
	0x03, 0x02, 0x01, 0x00,				/* func 0: type 0 */
	0x07, 0x05, 0x01, 0x01, 'f', 0x00, 0x00,	/* export "f" */
	0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b,		/* body: end */
};

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static int fail(const char *what)
{
	fprintf(stderr, "invoke_bench: %s: %s\n", what, strerror(errno));
	return 1;
}

/* ns per call of N invocations of export 0, or 0 on failure */
static uint64_t time_invoke(int inst, unsigned long n)
{
	struct lb_invoke a;
	unsigned long i;
	uint64_t t0;

	t0 = now_ns();
	for (i = 0; i < n; i++) {
		memset(&a, 0, sizeof(a));
		a.size = sizeof(a);
		a.flags = LB_INVOKE_BY_INDEX;
		a.export_index = 0;
		if (ioctl(inst, LB_IOC_INVOKE, &a) || a.trap_code)
			return 0;
	}
	return (now_ns() - t0) / n;
}

static uint64_t time_nop(int fd, unsigned long n)
{
	unsigned long i;
	uint64_t t0;

	t0 = now_ns();
	for (i = 0; i < n; i++)
		if (ioctl(fd, LB_IOC_NOP, 0))
			return 0;
	return (now_ns() - t0) / n;
}

int main(int argc, char **argv)
{
	unsigned long n = argc > 1 ? strtoul(argv[1], NULL, 0) : 20000;
	uint64_t inv[ROUNDS], nop[ROUNDS];
	struct lb_instantiate ia = { .size = sizeof(ia) };
	struct lb_load la = { .size = sizeof(la) };
	struct lb_error err = { 0 };
	int dev, mod, inst, r;

	if (!n)
		n = 1;
	dev = open("/dev/" LB_DEVICE_NAME, O_RDWR | O_CLOEXEC);
	if (dev < 0)
		return fail("open /dev/" LB_DEVICE_NAME);
	la.wasm_ptr = (uintptr_t)empty_wasm;
	la.wasm_len = sizeof(empty_wasm);
	la.error_ptr = (uintptr_t)&err;
	mod = ioctl(dev, LB_IOC_LOAD, &la);
	if (mod < 0)
		return fail(err.msg[0] ? err.msg : "LB_IOC_LOAD");
	ia.error_ptr = (uintptr_t)&err;
	inst = ioctl(mod, LB_IOC_INSTANTIATE, &ia);
	if (inst < 0)
		return fail(err.msg[0] ? err.msg : "LB_IOC_INSTANTIATE");

	/* Warm up, then alternate so that drifts hit both alike. */
	if (!time_invoke(inst, n / 10 + 1) || !time_nop(inst, n / 10 + 1))
		return fail("warm-up");
	for (r = 0; r < ROUNDS; r++) {
		inv[r] = time_invoke(inst, n);
		nop[r] = time_nop(inst, n);
		if (!inv[r] || !nop[r])
			return fail(inv[r] ? "LB_IOC_NOP" : "LB_IOC_INVOKE");
	}
	qsort(inv, ROUNDS, sizeof(*inv), cmp_u64);
	qsort(nop, ROUNDS, sizeof(*nop), cmp_u64);
	printf("invoke: %llu ns per call (median of %d rounds of %lu)\n",
	       (unsigned long long)inv[ROUNDS / 2], ROUNDS, n);
	printf("nop:    %llu ns per call\n",
	       (unsigned long long)nop[ROUNDS / 2]);
	printf("invoke/nop ratio: %.2f\n",
	       (double)inv[ROUNDS / 2] / (double)nop[ROUNDS / 2]);
	close(inst);
	close(mod);
	close(dev);
	return 0;
}
