/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The engine's allocators as test_alloc_fail.c stands in for them (the
 * test is linked with --wrap for each): __real_* are the platform's.
 */
#ifndef LB_TESTS_ALLOC_FAIL_H
#define LB_TESTS_ALLOC_FAIL_H

#include <lb_platform_types.h>
#include "codegen/engine.h"

void *__real_lb_alloc(size_t size);
void *__real_lb_alloc_raw(size_t size);
void __real_lb_free(void *p);
void *__real_lb_mem_alloc(size_t size);
void __real_lb_mem_free(void *p, size_t size);
int __real_lb_code_alloc(struct lb_code *c, size_t size, const void *near);
void __real_lb_code_free(struct lb_code *c);

void *__wrap_lb_alloc(size_t size);
void *__wrap_lb_alloc_raw(size_t size);
void __wrap_lb_free(void *p);
void *__wrap_lb_mem_alloc(size_t size);
void __wrap_lb_mem_free(void *p, size_t size);
int __wrap_lb_code_alloc(struct lb_code *c, size_t size, const void *near);
void __wrap_lb_code_free(struct lb_code *c);

#endif /* LB_TESTS_ALLOC_FAIL_H */
