/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How much memory the engine holds, for lb-bench: the engine's objects
 * are linked with --wrap=lb_alloc,--wrap=lb_free,--wrap=lb_code_alloc,
 * --wrap=lb_code_free, so its calls land in alloc_count.c, which counts
 * and passes them on to the platform's (__real_) functions.
 */
#ifndef LB_BENCH_ALLOC_COUNT_H
#define LB_BENCH_ALLOC_COUNT_H

#include <lb_platform_types.h>
#include "codegen/platform.h"

/* Start counting from zero (nothing held must be freed afterwards). */
void lb_count_reset(void);
/* The most held at once since the last reset, in bytes. */
size_t lb_count_peak(void);

void *__real_lb_alloc(size_t size);
void *__real_lb_alloc_raw(size_t size);
void __real_lb_free(void *p);
int __real_lb_code_alloc(struct lb_code *c, size_t size, const void *near);
void __real_lb_code_free(struct lb_code *c);
void *__wrap_lb_alloc(size_t size);
void *__wrap_lb_alloc_raw(size_t size);
void __wrap_lb_free(void *p);
int __wrap_lb_code_alloc(struct lb_code *c, size_t size, const void *near);
void __wrap_lb_code_free(struct lb_code *c);

#endif /* LB_BENCH_ALLOC_COUNT_H */
