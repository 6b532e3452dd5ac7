/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The user-space side of <lb_platform_types.h>: what codegen/ may use
 * from its host when it is built into lbctl and the user-space tests
 * (kmod/ provides the kernel's version).  Plain libc headers plus the
 * handful of kernel idioms the engine is written with.
 */
#ifndef LB_TOOLS_HOST_PLATFORM_TYPES_H
#define LB_TOOLS_HOST_PLATFORM_TYPES_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <string.h>
#include <stdio.h>
#include <stdarg.h>
#include <errno.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

#ifndef likely
#define likely(x)	__builtin_expect(!!(x), 1)
#endif
#ifndef unlikely
#define unlikely(x)	__builtin_expect(!!(x), 0)
#endif

#ifndef __printf
#define __printf(a, b)	__attribute__((__format__(printf, a, b)))
#endif

#ifndef fallthrough
#define fallthrough	__attribute__((__fallthrough__))
#endif

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(arr)	(sizeof(arr) / sizeof((arr)[0]))
#endif

/* Volatile accesses, as the kernel's for scalar types. */
#ifndef READ_ONCE
#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#endif
#ifndef WRITE_ONCE
#define WRITE_ONCE(x, val)	(*(volatile __typeof__(x) *)&(x) = (val))
#endif

#endif /* LB_TOOLS_HOST_PLATFORM_TYPES_H */
