/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the user-space host adds to the engine's allocator (alloc.c).
 */
#ifndef LB_HOST_ALLOC_H
#define LB_HOST_ALLOC_H

#include <stddef.h>

/* An x86-64 transparent huge page: big blocks and code chunks use them. */
#define LB_HUGE_PAGE	(2UL << 20)

/* The bytes a block from lb_alloc / lb_alloc_raw really holds. */
size_t lb_alloc_usable(const void *p);

#endif /* LB_HOST_ALLOC_H */
