// SPDX-License-Identifier: GPL-2.0
/*
 * Argument structs and error records across the user boundary; see
 * uaccess_util.h.
 */
#include <linux/kernel.h>
#include <linux/uaccess.h>

#include "uaccess_util.h"

int lb_copy_args_from_user(void *dst, size_t ksize, size_t min,
			   const void __user *uarg)
{
	u32 usize;

	if (get_user(usize, (const u32 __user *)uarg))
		return -EFAULT;
	if (usize < min)
		return -EINVAL;
	if (usize > PAGE_SIZE)
		return -E2BIG;
	return copy_struct_from_user(dst, ksize, uarg, usize);
}

void lb_ioctl_error(struct lb_error *err, u64 offset, const char *fmt, ...)
{
	va_list ap;

	err->offset = offset;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
}

void lb_ioctl_error_init(struct lb_error *err)
{
	memset(err, 0, sizeof(*err));
	err->offset = ~0ULL;
}

int lb_ioctl_put_error(u64 error_ptr, const struct lb_error *err)
{
	if (!error_ptr)
		return 0;
	if (copy_to_user(u64_to_user_ptr(error_ptr), err, sizeof(*err)))
		return -EFAULT;
	return 0;
}

int lb_ioctl_fail(int ret, u64 error_ptr, const struct lb_error *err)
{
	return lb_ioctl_put_error(error_ptr, err) ?: ret;
}
