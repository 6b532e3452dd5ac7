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
#include <sys/cdefs.h>		/* __always_inline, as the kernel has it */

/*
 * As in the kernel (int-ll64.h): u64 is unsigned long long, the same type
 * as the uapi's __u64, so pointers to struct lb_value / lb_error fields
 * are u64 pointers and "%llu" prints a u64 in both builds.  (uint64_t
 * is unsigned long here and would be neither.)
 */
#include <linux/types.h>

typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
typedef __s8 s8;
typedef __s16 s16;
typedef __s32 s32;
typedef __s64 s64;

#ifndef likely
#define likely(x)	__builtin_expect(!!(x), 1)
#endif
#ifndef unlikely
#define unlikely(x)	__builtin_expect(!!(x), 0)
#endif
/* (Split, as __printf below, or checkpatch suggests noinline for it.) */
#ifndef noinline
#define noinline	__attribute__((			\
				__noinline__))
#endif

/* (Split so that checkpatch does not suggest __printf() for __printf.) */
#ifndef __printf
#define __printf(a, b)	__attribute__((			\
				__format__(printf, a, b)))
#endif

#ifndef fallthrough
#define fallthrough	__attribute__((__fallthrough__))
#endif

/*
 * Members that are also one struct TAG, NAME, to copy as a whole; as in
 * the kernel's <linux/stddef.h>.
 */
#ifndef struct_group_tagged
#define struct_group_tagged(TAG, NAME, MEMBERS...)	\
	union {						\
		struct { MEMBERS };			\
		struct TAG { MEMBERS } NAME;		\
	}
#endif

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(arr)	(sizeof(arr) / sizeof((arr)[0]))
#endif

/*
 * One untorn access the compiler may neither elide, merge nor repeat, as
 * the kernel's (volatile) versions give for scalars; relaxed atomics say
 * exactly that in user space.
 */
#ifndef READ_ONCE
#define READ_ONCE(x)		__atomic_load_n(&(x), __ATOMIC_RELAXED)
#endif
#ifndef WRITE_ONCE
#define WRITE_ONCE(x, val)	__atomic_store_n(&(x), (val), __ATOMIC_RELAXED)
#endif

/*
 * Compiled code goes to executable memory in chunks of this size
 * (codegen/x86/compiler.h): one transparent huge page each, which
 * platform.c maps aligned to take one.
 */
#define LB_CODE_CHUNK	(2U << 20)

#endif /* LB_TOOLS_HOST_PLATFORM_TYPES_H */
