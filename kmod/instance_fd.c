// SPDX-License-Identifier: GPL-2.0
/*
 * The instance fd: created by LB_IOC_INSTANTIATE on a module fd; serves
 * LB_IOC_INVOKE, LB_IOC_MEM_READ/WRITE, LB_IOC_MEM_INFO,
 * LB_IOC_GLOBAL_GET, LB_IOC_EXPORT_INFO and LB_IOC_NOP.
 *
 * No invocation needs stopping when the fd is closed: an ioctl in
 * progress holds a reference to the file, so release only runs once the
 * instance is idle.
 */
#include <linux/anon_inodes.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "codegen/engine.h"
#include "export_info.h"
#include "file_ctx.h"
#include "instance_fd.h"
#include "link.h"
#include "module_fd.h"
#include "params.h"
#include "uaccess_util.h"

static int lb_instance_fd_release(struct inode *inode, struct file *file)
{
	struct lb_instance_obj *io = file->private_data;

	lb_file_ctx_close_file(io->ctx);
	lb_instance_obj_put(io);
	return 0;
}

static long lb_instance_fd_ioctl(struct file *file, unsigned int cmd,
				 unsigned long arg)
{
	struct lb_instance_obj *io = file->private_data;
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case LB_IOC_INVOKE:
		return lb_ioctl_invoke(io, uarg);
	case LB_IOC_MEM_READ:
		return lb_ioctl_mem_access(io, uarg, false);
	case LB_IOC_MEM_WRITE:
		return lb_ioctl_mem_access(io, uarg, true);
	case LB_IOC_MEM_INFO:
		return lb_ioctl_mem_info(io, uarg);
	case LB_IOC_EXPORT_INFO:
		return lb_ioctl_export_info(io->mo->m, uarg);
	case LB_IOC_GLOBAL_GET:
		return lb_ioctl_global_get(io, uarg);
	case LB_IOC_NOP:
		return 0;
	default:
		return -ENOTTY;
	}
}

static const struct file_operations lb_instance_fops = {
	.owner		= THIS_MODULE,
	.release	= lb_instance_fd_release,
	.unlocked_ioctl	= lb_instance_fd_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
	.llseek		= noop_llseek,
};

struct lb_instance_obj *lb_instance_obj_from_file(struct file *file)
{
	return file->f_op == &lb_instance_fops ? file->private_data : NULL;
}

/* The instance configuration from the request and the module parameters. */
static int lb_instance_config(const struct lb_instantiate *args,
			      struct lb_instance_config *cfg,
			      struct lb_error *err)
{
	u32 max_stack = READ_ONCE(lb_max_stack_size);
	u32 max_pages = READ_ONCE(lb_max_memory_pages);

	cfg->stack_size = args->stack_size ?: READ_ONCE(lb_default_stack_size);
	if (cfg->stack_size < LB_MIN_STACK_SIZE) {
		lb_ioctl_error(err, ~0ULL, "stack size %u is below the minimum (%u)",
			       cfg->stack_size, LB_MIN_STACK_SIZE);
		return -EINVAL;
	}
	if (cfg->stack_size > max_stack) {
		lb_ioctl_error(err, ~0ULL, "stack size %u is above max_stack_size (%u)",
			       cfg->stack_size, max_stack);
		return -E2BIG;
	}
	cfg->max_memory_pages = args->max_memory_pages ?
				min(args->max_memory_pages, max_pages) :
				max_pages;
	cfg->start_limits.fuel = args->fuel;
	cfg->start_limits.timeout_ns = args->timeout_ns;
	return 0;
}

/* Wrap io in a file and an fd, reporting success in args first. */
static int lb_instance_fd_install(struct lb_instance_obj *io,
				  struct lb_instantiate *args,
				  void __user *uarg)
{
	struct lb_file_ctx *ctx = io->ctx;
	struct file *file;
	int fd;

	fd = get_unused_fd_flags(O_CLOEXEC);
	if (fd < 0) {
		lb_instance_obj_put(io);
		return fd;
	}
	/* Not the last file: the module fd is open, we are in its ioctl. */
	lb_file_ctx_open_file(ctx);
	file = anon_inode_getfile("lightbeam-instance", &lb_instance_fops, io,
				  O_RDWR);
	if (IS_ERR(file)) {
		put_unused_fd(fd);
		lb_file_ctx_close_file(ctx);
		lb_instance_obj_put(io);
		return PTR_ERR(file);
	}
	/* The fd is not visible yet, so a fault here undoes everything. */
	args->trap_code = LB_TRAP_NONE;
	if (lb_put_args(uarg, args)) {
		put_unused_fd(fd);
		fput(file);		/* releases io */
		return -EFAULT;
	}
	fd_install(fd, file);
	return fd;
}

/*
 * Instantiate a module that imports, under the link mutex (link.c): the
 * imports bind to other instances' state, and the segments and the start
 * function may run their code.  0 or -errno; on failure, io->inst may
 * be a failed instance that others can reference: the file keeps it.
 */
static int lb_instantiate_linked(struct lb_instance_obj *io,
				 struct lb_instance_config *cfg,
				 u32 nimports, u32 *trap, struct lb_error *err)
{
	struct lb_link_resolver res = {
		.ctx = io->ctx,
		.io = io,
		.deps_cap = nimports,
	};
	int ret;

	cfg->resolve = lb_link_resolve;
	cfg->resolve_ctx = &res;
	io->linked = true;
	ret = lb_link_lock(io->ctx);
	if (ret)
		return ret;
	ret = lb_instance_create(io->mo->m, cfg, &io->inst, trap, err);
	if (ret && io->inst) {
		lb_instance_obj_get(io);
		lb_link_pin(io->ctx, io);
	} else if (!ret && lb_link_must_pin(io->mo->m)) {
		lb_instance_obj_get(io);
		lb_link_pin(io->ctx, io);
	}
	lb_link_unlock(io->ctx);
	return ret;
}

long lb_ioctl_instantiate(struct lb_module_obj *mo, void __user *uarg)
{
	struct lb_instance_config cfg = {};
	struct lb_instantiate args;
	struct lb_instance_obj *io;
	struct lb_error err;
	u32 trap = LB_TRAP_NONE, nimports;
	int ret;

	ret = lb_get_args(&args, uarg, 0);
	if (ret)
		return ret;
	if (args.__reserved)
		return -EINVAL;

	lb_ioctl_error_init(&err);
	ret = lb_instance_config(&args, &cfg, &err);
	if (ret)
		return lb_ioctl_fail(ret, args.error_ptr, &err);

	nimports = lb_module_num_imports(mo->m);
	io = lb_instance_obj_create(mo, nimports);
	if (IS_ERR(io)) {
		ret = PTR_ERR(io);
		if (ret == -EMFILE)
			lb_ioctl_error(&err, ~0ULL, "this open file has max_instances (%u) instances",
				       READ_ONCE(lb_max_instances));
		return lb_ioctl_fail(ret, args.error_ptr, &err);
	}

	if (nimports)
		ret = lb_instantiate_linked(io, &cfg, nimports, &trap, &err);
	else
		ret = lb_instance_create(mo->m, &cfg, &io->inst, &trap, &err);
	if (!ret)
		return lb_instance_fd_install(io, &args, uarg);

	/*
	 * Gone with our reference, unless kept for the sake of instances
	 * linked to it (without imports none can be).
	 */
	lb_instance_obj_put(io);
	args.trap_code = trap;
	if (lb_put_args(uarg, &args))
		return -EFAULT;
	return lb_ioctl_fail(ret, args.error_ptr, &err);
}
