// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/lightbeam: each open gets its own context (file_ctx.c); the only
 * object-creating ioctl here is LB_IOC_LOAD, and LB_IOC_REGISTER names
 * instances for linking (link.c).  Modules and instances live behind fds
 * of their own (module_fd.c, instance_fd.c).
 */
#include <linux/fs.h>
#include <linux/module.h>

#include "uapi/linux/lightbeam.h"
#include "file_ctx.h"
#include "ioctl_dev.h"
#include "link.h"

static int lb_dev_open(struct inode *inode, struct file *file)
{
	struct lb_file_ctx *ctx;

	ctx = lb_file_ctx_create();
	if (!ctx)
		return -ENOMEM;
	/* misc_open() pointed private_data at the miscdevice; replace it. */
	file->private_data = ctx;
	return 0;
}

static int lb_dev_release(struct inode *inode, struct file *file)
{
	struct lb_file_ctx *ctx = file->private_data;

	lb_file_ctx_close_file(ctx);
	lb_file_ctx_put(ctx);
	return 0;
}

static long lb_dev_ioctl(struct file *file, unsigned int cmd,
			 unsigned long arg)
{
	struct lb_file_ctx *ctx = file->private_data;
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case LB_IOC_LOAD:
		return lb_ioctl_load(ctx, uarg);
	case LB_IOC_REGISTER:
		return lb_ioctl_register(ctx, uarg);
	case LB_IOC_NOP:
		return 0;
	default:
		return -ENOTTY;
	}
}

const struct file_operations lb_dev_fops = {
	.owner		= THIS_MODULE,
	.open		= lb_dev_open,
	.release	= lb_dev_release,
	.unlocked_ioctl	= lb_dev_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
	.llseek		= noop_llseek,
};
