// SPDX-License-Identifier: GPL-2.0
/*
 * The user-space platform (tools/host/platform.c): code memory is within
 * rel32 reach of `near`, filled with int3, writable until lb_code_seal()
 * and executable only after it, and runs what lb_code_write() put there;
 * linear memory comes zeroed; LB_CPU_FEATURES masks the CPU features.
 */
#include <stdlib.h>
#include <inttypes.h>

#include "lbt.h"

#define NCODE	64
/* More than a huge page, as a chunk with its last function's overrun */
#define HUGE_CHUNK	((2U << 20) + 100)

/* The permissions /proc/self/maps shows for addr: "r-xp" etc. */
static bool maps_perms(const void *addr, char perms[5])
{
	uintptr_t a = (uintptr_t)addr;
	unsigned long lo, hi;
	char line[512];
	bool found = false;
	FILE *f = fopen("/proc/self/maps", "r");

	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx %4s", &lo, &hi, perms) == 3 &&
		    a >= lo && a < hi)
			found = true;
	}
	fclose(f);
	return found;
}

static u64 distance(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)a, y = (uintptr_t)b;

	return x > y ? x - y : y - x;
}

static void test_code(void)
{
	/* mov eax, 42; ret */
	static const u8 ret42[] = { 0xb8, 42, 0, 0, 0, 0xc3 };
	static struct lb_code codes[NCODE];
	const void *near = (const void *)&lb_code_alloc;
	struct lb_code c;
	int (*fn)(void);
	char perms[5];
	size_t i;
	int ret;

	ret = lb_code_alloc(&c, 10000, near);
	if (!lbt_check(!ret, "lb_code_alloc: %d", ret))
		return;
	lbt_check(distance(c.exec, near) < (1ULL << 31) - 10000,
		  "code at %p is out of reach of %p", c.exec, near);
	lbt_check(c.size == 10000, "size %zu", c.size);
	/* Past the end, to the end of the page, all is int3. */
	for (i = 10000; i < 12288 && ((const u8 *)c.exec)[i] == 0xcc; i++)
		;
	lbt_check(i == 12288, "byte %zu is not int3", i);
	/* W^X: writable while being filled, executable once sealed. */
	lbt_check(maps_perms(c.exec, perms) && !strcmp(perms, "rw-p"),
		  "unsealed mapping is %s, not rw-p", perms);
	lbt_check(lb_code_write(&c, 9995, ret42, sizeof(ret42)) == -EINVAL,
		  "write past the end accepted");
	lbt_check(lb_code_write(&c, ~(size_t)0, ret42, 1) == -EINVAL,
		  "write at a wrapping offset accepted");
	ret = lb_code_write(&c, 4096, ret42, sizeof(ret42));
	lbt_check(!ret, "lb_code_write: %d", ret);
	ret = lb_code_seal(&c);
	lbt_check(!ret, "lb_code_seal: %d", ret);
	lbt_check(maps_perms(c.exec, perms) && !strcmp(perms, "r-xp"),
		  "sealed code is %s, not r-xp", perms);
	lbt_check(lb_code_write(&c, 0, ret42, 1) == -EPERM,
		  "write after the seal accepted");
	fn = (int (*)(void))((u8 *)c.exec + 4096);
	lbt_check(fn() == 42, "generated code did not return 42");
	lb_code_free(&c);
	lbt_check(!c.exec && !c.sealed, "lb_code_free left the descriptor set");
	lb_code_free(&c);	/* twice is harmless */

	/* Many at once: all in reach, none overlapping the others. */
	for (i = 0; i < NCODE; i++) {
		ret = lb_code_alloc(&codes[i], 100000, near);
		if (!lbt_check(!ret, "allocation %zu: %d", i, ret))
			break;
		lbt_check(distance(codes[i].exec, near) < (1ULL << 31) - 100000,
			  "allocation %zu out of reach", i);
		if (i)
			lbt_check(distance(codes[i].exec, codes[i - 1].exec) >=
				  100000, "allocations %zu and %zu overlap",
				  i - 1, i);
	}
	while (i-- > 0)
		lb_code_free(&codes[i]);

	ret = lb_code_alloc(&c, 100, NULL);
	lbt_check(!ret && c.exec, "lb_code_alloc without near: %d", ret);
	if (!ret)
		lb_code_free(&c);

	/* A chunk's worth: 2 MiB aligned, to take a transparent huge page. */
	ret = lb_code_alloc(&c, HUGE_CHUNK, near);
	if (!lbt_check(!ret, "lb_code_alloc of a chunk: %d", ret))
		return;
	lbt_check(!((uintptr_t)c.exec & ((2U << 20) - 1)),
		  "a chunk at %p is not 2 MiB aligned", c.exec);
	lbt_check(distance(c.exec, near) < (1ULL << 31) - HUGE_CHUNK,
		  "a chunk at %p is out of reach of %p", c.exec, near);
	lbt_check(maps_perms(c.exec, perms) && !strcmp(perms, "rw-p"),
		  "unsealed chunk is %s, not rw-p", perms);
	lbt_check(((const u8 *)c.exec)[HUGE_CHUNK] == 0xcc,
		  "the byte past a chunk is not int3");
	ret = lb_code_write(&c, HUGE_CHUNK - sizeof(ret42), ret42,
			    sizeof(ret42));
	if (!ret)
		ret = lb_code_seal(&c);
	lbt_check(!ret, "writing and sealing a chunk: %d", ret);
	fn = (int (*)(void))((u8 *)c.exec + HUGE_CHUNK - sizeof(ret42));
	lbt_check(!ret && fn() == 42, "a chunk's code did not return 42");
	lb_code_free(&c);
}

static void test_memory(void)
{
	size_t sizes[] = { 0, 1, 4096, 65536, 3 << 20 };
	size_t i, j;
	u8 *p;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		p = lb_mem_alloc(sizes[i]);
		if (!lbt_check(p != NULL, "lb_mem_alloc(%zu)", sizes[i]))
			continue;
		for (j = 0; j < sizes[i] && !p[j]; j += 997)
			;
		lbt_check(j >= sizes[i], "memory not zeroed at %zu", j);
		if (sizes[i])
			p[sizes[i] - 1] = 1;
		lb_mem_free(p, sizes[i]);
	}
	p = lb_alloc(100);
	lbt_check(p && !p[0] && !p[99], "lb_alloc not zeroed");
	lb_free(p);
	lb_free(NULL);
	p = lb_alloc_raw(100);
	lbt_check(p != NULL, "lb_alloc_raw(100)");
	lb_free(p);
	p = lb_alloc_raw(0);
	lbt_check(p != NULL, "lb_alloc_raw(0)");
	lb_free(p);
}

static void test_misc(void)
{
	u32 all, masked;
	u64 t0, t1;

	t0 = lb_now_ns();
	t1 = lb_now_ns();
	lbt_check(t1 >= t0 && t0, "lb_now_ns not monotonic");
	lbt_check(lb_poll() == 0, "lb_poll reports a trap");
	lbt_check(!lb_indirect_thunk(0) && !lb_return_thunk(),
		  "user space has no thunks");
	lb_exec_begin();
	lb_exec_end();

	unsetenv("LB_CPU_FEATURES");
	all = lb_cpu_features();
	lbt_check(!(all & ~0x3fU), "unknown feature bits 0x%x", all);
	setenv("LB_CPU_FEATURES", "0", 1);
	lbt_check(lb_cpu_features() == 0, "LB_CPU_FEATURES=0 ignored");
	setenv("LB_CPU_FEATURES", "0x11", 1);
	masked = lb_cpu_features();
	lbt_check(masked == (all & 0x11), "mask 0x11: 0x%x of 0x%x", masked,
		  all);
	unsetenv("LB_CPU_FEATURES");
	printf("cpu features: 0x%x\n", all);
}

int main(void)
{
	test_code();
	test_memory();
	test_misc();
	return lbt_summary();
}
