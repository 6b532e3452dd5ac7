// SPDX-License-Identifier: GPL-2.0
/*
 * The counting wrappers of alloc_count.h.  Heap blocks count with their
 * usable size (what the host's allocator really set aside), code with
 * its size.
 */
#include "alloc.h"
#include "alloc_count.h"

static size_t held, peak;

static void count(size_t add, size_t sub)
{
	held = held + add - sub;
	if (held > peak)
		peak = held;
}

void lb_count_reset(void)
{
	held = 0;
	peak = 0;
}

size_t lb_count_peak(void)
{
	return peak;
}

void *__wrap_lb_alloc(size_t size)
{
	void *p = __real_lb_alloc(size);

	if (p)
		count(lb_alloc_usable(p), 0);
	return p;
}

void *__wrap_lb_alloc_raw(size_t size)
{
	void *p = __real_lb_alloc_raw(size);

	if (p)
		count(lb_alloc_usable(p), 0);
	return p;
}

void __wrap_lb_free(void *p)
{
	if (p)
		count(0, lb_alloc_usable(p));
	__real_lb_free(p);
}

int __wrap_lb_code_alloc(struct lb_code *c, size_t size, const void *near)
{
	int ret = __real_lb_code_alloc(c, size, near);

	if (!ret)
		count(size, 0);
	return ret;
}

void __wrap_lb_code_free(struct lb_code *c)
{
	if (c->exec)
		count(0, c->size);
	__real_lb_code_free(c);
}
