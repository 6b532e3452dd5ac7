/* SPDX-License-Identifier: GPL-2.0 */
/*
 * LB_IOC_EXPORT_INFO, shared by module and instance fds, and finding the
 * export an ioctl names (export_info.c).
 */
#ifndef LB_KMOD_EXPORT_INFO_H
#define LB_KMOD_EXPORT_INFO_H

#include <linux/compiler.h>
#include <linux/types.h>

struct lb_error;
struct lb_module;

long lb_ioctl_export_info(const struct lb_module *m, void __user *uarg);

/*
 * The export an ioctl names, by index or by the name at name_ptr (user
 * memory): its index, or -ENOENT / -EFAULT / -ENOMEM with err set.
 */
int lb_export_lookup(const struct lb_module *m, bool by_index, u64 name_ptr,
		     u32 name_len, u32 index, u32 *idx, struct lb_error *err);

#endif /* LB_KMOD_EXPORT_INFO_H */
