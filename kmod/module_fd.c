// SPDX-License-Identifier: GPL-2.0
/*
 * The module fd: LB_IOC_INSTANTIATE, LB_IOC_EXPORT_INFO, LB_IOC_NOP.
 */
#include <linux/anon_inodes.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "codegen/engine.h"
#include "export_info.h"
#include "file_ctx.h"
#include "instance_fd.h"
#include "module_fd.h"

static void lb_module_obj_release(struct kref *ref)
{
	struct lb_module_obj *mo = container_of(ref, struct lb_module_obj, ref);

	lb_module_destroy(mo->m);
	lb_file_ctx_put(mo->ctx);
	kfree(mo);
}

void lb_module_obj_get(struct lb_module_obj *mo)
{
	kref_get(&mo->ref);
}

void lb_module_obj_put(struct lb_module_obj *mo)
{
	kref_put(&mo->ref, lb_module_obj_release);
}

static int lb_module_fd_release(struct inode *inode, struct file *file)
{
	struct lb_module_obj *mo = file->private_data;

	lb_file_ctx_close_file(mo->ctx);
	lb_module_obj_put(mo);
	return 0;
}

static long lb_module_fd_ioctl(struct file *file, unsigned int cmd,
			       unsigned long arg)
{
	struct lb_module_obj *mo = file->private_data;
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case LB_IOC_INSTANTIATE:
		return lb_ioctl_instantiate(mo, uarg);
	case LB_IOC_EXPORT_INFO:
		return lb_ioctl_export_info(mo->m, uarg);
	case LB_IOC_NOP:
		return 0;
	default:
		return -ENOTTY;
	}
}

static const struct file_operations lb_module_fops = {
	.owner		= THIS_MODULE,
	.release	= lb_module_fd_release,
	.unlocked_ioctl	= lb_module_fd_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
	.llseek		= noop_llseek,
};

struct lb_module_obj *lb_module_obj_create(struct lb_file_ctx *ctx,
					   struct lb_module *m)
{
	struct lb_module_obj *mo;

	mo = kzalloc(sizeof(*mo), GFP_KERNEL_ACCOUNT);
	if (!mo) {
		lb_module_destroy(m);
		return ERR_PTR(-ENOMEM);
	}
	kref_init(&mo->ref);
	mo->m = m;
	lb_file_ctx_get(ctx);
	mo->ctx = ctx;
	return mo;
}

int lb_module_fd_create(struct lb_file_ctx *ctx, struct lb_module *m)
{
	struct lb_module_obj *mo;
	int fd;

	mo = lb_module_obj_create(ctx, m);
	if (IS_ERR(mo))
		return PTR_ERR(mo);
	/* Not the last file: the device fd is open, we are in its ioctl. */
	lb_file_ctx_open_file(ctx);
	fd = anon_inode_getfd("lightbeam-module", &lb_module_fops, mo,
			      O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		lb_file_ctx_close_file(ctx);
		lb_module_obj_put(mo);
	}
	return fd;
}
