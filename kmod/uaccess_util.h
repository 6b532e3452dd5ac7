/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copying ioctl argument structs and error records across the user
 * boundary, with the extensible-struct rules of the uapi header.
 */
#ifndef LB_KMOD_UACCESS_UTIL_H
#define LB_KMOD_UACCESS_UTIL_H

#include <linux/compiler.h>
#include <linux/types.h>

#include "uapi/linux/lightbeam.h"

/*
 * Read an argument struct whose first member is `__u32 size`: EINVAL if
 * user space says it is smaller than the first version (min), E2BIG if it
 * is absurdly large or has non-zero bytes past what we know, EFAULT on a
 * bad pointer.  Missing tail bytes read as zero.
 */
int lb_copy_args_from_user(void *dst, size_t ksize, size_t min,
			   const void __user *uarg);

/*
 * Every argument struct has `__u32 flags` right after `size`: flags
 * outside `allowed` are EINVAL, so each ioctl states what it accepts.
 */
#define lb_get_args(kstruct, uarg, allowed) \
	(lb_copy_args_from_user(kstruct, sizeof(*(kstruct)), \
				sizeof(*(kstruct)), uarg) ?: \
	 (((kstruct)->flags & ~(u32)(allowed)) ? -EINVAL : 0))

/*
 * Write back the (output fields of an) argument struct.  User space
 * provided at least sizeof(*kstruct) bytes, or lb_get_args() failed.
 */
#define lb_put_args(uarg, kstruct) \
	(copy_to_user(uarg, kstruct, sizeof(*(kstruct))) ? -EFAULT : 0)

/* An error record for an error found here rather than in the engine. */
__printf(3, 4)
void lb_ioctl_error(struct lb_error *err, u64 offset, const char *fmt, ...);
void lb_ioctl_error_init(struct lb_error *err);

/* Copy err to error_ptr if user space gave one: 0 or -EFAULT. */
int lb_ioctl_put_error(u64 error_ptr, const struct lb_error *err);

/*
 * Finish a failed operation: report err, and return ret, or -EFAULT if
 * the report could not be written (user space asked for it at a bad
 * address; the bpf log buffer behaves the same).
 */
int lb_ioctl_fail(int ret, u64 error_ptr, const struct lb_error *err);

#endif /* LB_KMOD_UACCESS_UTIL_H */
