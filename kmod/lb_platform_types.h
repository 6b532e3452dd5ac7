/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the engine (codegen/) may use from its host, kernel flavour: the
 * kernel's own integer types, string functions, snprintf and errno values.
 * tools/host/lb_platform_types.h provides the same names for user space,
 * so keep this list in step with the one in codegen/platform.h.
 */
#ifndef LB_PLATFORM_TYPES_H
#define LB_PLATFORM_TYPES_H

#include <linux/compiler.h>	/* likely, __printf, READ_ONCE... */
#include <linux/errno.h>
#include <linux/kernel.h>	/* ARRAY_SIZE, snprintf, vsnprintf */
#include <linux/stdarg.h>	/* va_list for vsnprintf */
#include <linux/stddef.h>	/* NULL, bool, offsetof */
#include <linux/string.h>	/* memcpy, memmove, memset, memcmp */
#include <linux/types.h>	/* u8..u64, s8..s64, size_t */

#endif /* LB_PLATFORM_TYPES_H */
