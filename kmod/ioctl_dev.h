/* SPDX-License-Identifier: GPL-2.0 */
/* File operations of /dev/lightbeam (ioctl_dev.c). */
#ifndef LB_KMOD_IOCTL_DEV_H
#define LB_KMOD_IOCTL_DEV_H

#include <linux/fs.h>

struct lb_file_ctx;

extern const struct file_operations lb_dev_fops;

/* LB_IOC_LOAD (load.c): returns a module fd or -errno. */
long lb_ioctl_load(struct lb_file_ctx *ctx, void __user *uarg);

#endif /* LB_KMOD_IOCTL_DEV_H */
