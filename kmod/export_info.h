/* SPDX-License-Identifier: GPL-2.0 */
/* LB_IOC_EXPORT_INFO, shared by module and instance fds (export_info.c). */
#ifndef LB_KMOD_EXPORT_INFO_H
#define LB_KMOD_EXPORT_INFO_H

#include <linux/compiler.h>

struct lb_module;

long lb_ioctl_export_info(const struct lb_module *m, void __user *uarg);

#endif /* LB_KMOD_EXPORT_INFO_H */
