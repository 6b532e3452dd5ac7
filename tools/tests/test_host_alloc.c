// SPDX-License-Identifier: GPL-2.0
/*
 * The user-space host's allocator (tools/host/alloc.c): small blocks from
 * malloc, big ones as huge-page-aligned mappings that ask for THP, a few
 * of those kept for reuse, lb_alloc's always zeroed.  Built without
 * AddressSanitizer, which makes every block a malloc block.
 */
#include <stdlib.h>
#include <string.h>

#include "lbt.h"
#include "alloc.h"

#define BIG	(4U << 20)
#define HEADER	16

/* Is addr mapped, and with MADV_HUGEPAGE ("hg" in smaps' VmFlags)? */
static bool mapped(const void *addr, bool *hg)
{
	uintptr_t a = (uintptr_t)addr;
	unsigned long lo, hi;
	bool in = false, found = false;
	char line[512];
	FILE *f = fopen("/proc/self/smaps", "r");

	*hg = false;
	if (!f)
		return false;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2) {
			in = a >= lo && a < hi;
			found |= in;
		} else if (in && !strncmp(line, "VmFlags:", 8)) {
			*hg = strstr(line, " hg") != NULL;
		}
	}
	fclose(f);
	return found;
}

static bool all_zero(const u8 *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i])
			return false;
	}
	return true;
}

static void test_small(void)
{
	u8 *p = lb_alloc(100), *q = lb_alloc_raw(0);

	if (!lbt_check(p && q, "small blocks: %p %p", p, q))
		return;
	lbt_check(all_zero(p, 100), "lb_alloc(100) is not zeroed");
	lbt_check(lb_alloc_usable(p) >= 100, "usable %zu < 100",
		  lb_alloc_usable(p));
	lbt_check(!((uintptr_t)p & 15), "small block %p misaligned", p);
	memset(p, 0xab, 100);
	lb_free(p);
	lb_free(q);
	lb_free(NULL);
}

static void test_big(void)
{
	u8 *p = lb_alloc(BIG), *q, *r;
	bool hg;

	if (!lbt_check(p != NULL, "lb_alloc(%u) failed", BIG))
		return;
	lbt_check(!(((uintptr_t)p - HEADER) & (LB_HUGE_PAGE - 1)),
		  "big block %p is not on a huge page boundary", p);
	lbt_check(lb_alloc_usable(p) >= BIG, "usable %zu < %u",
		  lb_alloc_usable(p), BIG);
	lbt_check(mapped(p, &hg) && hg, "big block not mapped with THP advice");
	lbt_check(all_zero(p, BIG), "fresh big block is not zeroed");
	memset(p, 0xcd, BIG);
	lb_free(p);

	/* kept: the next block of about its size is the same, zeroed */
	q = lb_alloc(BIG - 100);
	lbt_check(q == p, "freed block %p not reused (got %p)", p, q);
	if (q)
		lbt_check(all_zero(q, BIG - 100), "reused block not zeroed");
	/* not for a block of less than half its size */
	r = lb_alloc_raw(BIG / 2 - 4096);
	lbt_check(r && r != q, "a %u-byte block reused for %u bytes",
		  BIG, BIG / 2 - 4096);
	lb_free(q);
	lb_free(r);

	lbt_check(!lb_alloc(SIZE_MAX) && !lb_alloc_raw(SIZE_MAX - HEADER + 1),
		  "a block of SIZE_MAX bytes");
}

/* At most a few freed blocks stay mapped; the others are unmapped. */
static void test_cache_bound(void)
{
	enum { N = 8 };
	u8 *p[N];
	int i, kept = 0;
	bool hg;

	for (i = 0; i < N; i++) {
		p[i] = lb_alloc_raw(BIG);
		if (!lbt_check(p[i] != NULL, "block %d", i))
			return;
		memset(p[i], i, 4096);
	}
	for (i = 0; i < N; i++)
		lb_free(p[i]);
	for (i = 0; i < N; i++)
		kept += mapped(p[i], &hg);
	lbt_check(kept > 0 && kept < N, "%d of %d freed blocks still mapped",
		  kept, N);
}

int main(void)
{
	test_small();
	test_big();
	test_cache_bound();
	return lbt_summary();
}
