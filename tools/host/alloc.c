// SPDX-License-Identifier: GPL-2.0
/*
 * The engine's bookkeeping allocations in user space (lb_alloc,
 * lb_alloc_raw, lb_free of codegen/platform.h).
 *
 * Most are small and come from malloc.  A block of LB_BIG_BLOCK or more
 * (a module's data segments and their table: 4 MB each for esbuild, the
 * function table, a big function's arrays) is a mapping of its own that
 * starts on a huge page boundary and asks for transparent huge pages:
 * then it is faulted in, cleared and unmapped 2 MiB at a time instead of
 * page by page.  From malloc, the same blocks were 80% of a compile's
 * page faults for esbuild (1700 of 2100), and about 4% of its time.
 * Where THP is off they are plain anonymous mappings, as malloc's own.
 *
 * Every block starts with a header that says which it is, so lb_free
 * needs no size.  Under AddressSanitizer every block comes from malloc,
 * so that its redzones guard the big ones too.
 */
#define _GNU_SOURCE
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#include "alloc.h"
#include "../../codegen/platform.h"

#define LB_BIG_BLOCK	(1UL << 20)
/* Block lengths round to this; the mapping itself is huge page aligned. */
#define LB_PAGE		4096UL

/* Before every block; 16 bytes, so that the block keeps malloc's alignment. */
struct lb_block {
	_Alignas(16) size_t map_len;	/* the mapping's length, 0: malloc */
};

#if defined(__SANITIZE_ADDRESS__)
#define LB_BIG_BLOCKS	0
#else
#define LB_BIG_BLOCKS	1
#endif

/*
 * A mapping of len bytes (page multiple) on a huge page boundary: map
 * LB_HUGE_PAGE more and unmap what is before and after the aligned part.
 */
static void *lb_map_block(size_t len)
{
	uintptr_t start, aligned;
	void *p;

	p = mmap(NULL, len + LB_HUGE_PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	start = (uintptr_t)p;
	aligned = (start + LB_HUGE_PAGE - 1) & ~(LB_HUGE_PAGE - 1);
	if (aligned > start)
		munmap(p, aligned - start);
	if (start + LB_HUGE_PAGE > aligned)
		munmap((void *)(aligned + len),
		       start + LB_HUGE_PAGE - aligned);
	/* Only advice: without it the block is faulted in page by page. */
	madvise((void *)aligned, len, MADV_HUGEPAGE);
	return (void *)aligned;
}

/*
 * A few freed big blocks are kept for the next ones, as malloc keeps its
 * heap: a module's code buffer, its data segments and their table come
 * back at about the same sizes with the next module.  Lock-free: a slot
 * is taken or filled by one atomic exchange.
 */
#define LB_CACHED_BLOCKS	4

static struct lb_block *lb_cached[LB_CACHED_BLOCKS];

/* A cached block of len to 2 * len bytes, or NULL. */
static struct lb_block *lb_reuse_block(size_t len)
{
	struct lb_block *b, *none;
	int i;

	for (i = 0; i < LB_CACHED_BLOCKS; i++) {
		b = __atomic_exchange_n(&lb_cached[i], NULL, __ATOMIC_ACQUIRE);
		if (!b)
			continue;
		if (b->map_len >= len && b->map_len / 2 <= len)
			return b;
		none = NULL;
		if (!__atomic_compare_exchange_n(&lb_cached[i], &none, b, false,
						 __ATOMIC_RELEASE,
						 __ATOMIC_RELAXED))
			munmap(b, b->map_len);
	}
	return NULL;
}

static void lb_free_block(struct lb_block *b)
{
	struct lb_block *none;
	int i;

	for (i = 0; i < LB_CACHED_BLOCKS; i++) {
		none = NULL;
		if (__atomic_compare_exchange_n(&lb_cached[i], &none, b, false,
						__ATOMIC_RELEASE,
						__ATOMIC_RELAXED))
			return;
	}
	munmap(b, b->map_len);
}

static void *lb_block_alloc(size_t size, bool zero)
{
	size_t total = size + sizeof(struct lb_block), len;
	struct lb_block *b;

	if (total < size)
		return NULL;
	if (!LB_BIG_BLOCKS || total < LB_BIG_BLOCK) {
		b = zero ? calloc(1, total) : malloc(total);
		if (!b)
			return NULL;
		b->map_len = 0;
	} else {
		len = (total + LB_PAGE - 1) & ~(LB_PAGE - 1);
		if (len < total || len > SIZE_MAX - LB_HUGE_PAGE)
			return NULL;
		b = lb_reuse_block(len);
		if (b && zero)
			memset(b + 1, 0, size);
		if (!b) {
			/* zeroed, as every fresh mapping */
			b = lb_map_block(len);
			if (!b)
				return NULL;
			b->map_len = len;
		}
	}
	return b + 1;
}

void *lb_alloc(size_t size)
{
	return lb_block_alloc(size, true);
}

void *lb_alloc_raw(size_t size)
{
	return lb_block_alloc(size, false);
}

void lb_free(void *p)
{
	struct lb_block *b;

	if (!p)
		return;
	b = (struct lb_block *)p - 1;
	if (b->map_len)
		lb_free_block(b);
	else
		free(b);
}

size_t lb_alloc_usable(const void *p)
{
	const struct lb_block *b = (const struct lb_block *)p - 1;

	return b->map_len ? b->map_len : malloc_usable_size((void *)b);
}
