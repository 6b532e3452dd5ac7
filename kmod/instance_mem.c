// SPDX-License-Identifier: GPL-2.0
/*
 * LB_IOC_MEM_READ, LB_IOC_MEM_WRITE, LB_IOC_MEM_INFO: linear memory 0 of
 * an instance, seen from user space.  Holding the instance's locks keeps
 * memory.grow (which may move the memory) out while we copy: for a
 * memory shared by linked instances, that is the link mutex (link.c).
 */
#include <linux/sched.h>
#include <linux/sizes.h>
#include <linux/sched/signal.h>
#include <linux/uaccess.h>

#include "codegen/engine.h"
#include "instance_fd.h"
#include "link.h"
#include "uaccess_util.h"

/* Copied per step; between steps a fatal signal stops a huge copy. */
#define LB_MEM_STEP	SZ_1M

static int lb_mem_copy(u8 *mem, void __user *ubuf, u64 len, bool write)
{
	u64 done, n;

	for (done = 0; done < len; done += n) {
		n = min_t(u64, len - done, LB_MEM_STEP);
		if (write ? copy_from_user(mem + done, ubuf + done, n) :
			    copy_to_user(ubuf + done, mem + done, n))
			return -EFAULT;
		if (fatal_signal_pending(current))
			return -EINTR;
		cond_resched();
	}
	return 0;
}

long lb_ioctl_mem_access(struct lb_instance_obj *io, void __user *uarg,
			 bool write)
{
	struct lb_mem_access args;
	u32 pages, max_pages;
	u64 bytes;
	u8 *base;
	int ret;

	ret = lb_get_args(&args, uarg, 0);
	if (ret)
		return ret;

	ret = lb_instance_lock(io);
	if (ret)
		return ret;
	ret = lb_instance_memory(io->inst, &base, &bytes, &pages, &max_pages);
	if (ret)
		goto out;
	if (args.offset > bytes || args.len > bytes - args.offset) {
		ret = -ERANGE;
		goto out;
	}
	ret = lb_mem_copy(base + args.offset, u64_to_user_ptr(args.buf_ptr),
			  args.len, write);
out:
	lb_instance_unlock(io);
	return ret;
}

long lb_ioctl_mem_info(struct lb_instance_obj *io, void __user *uarg)
{
	struct lb_mem_info args;
	u8 *base;
	int ret;

	ret = lb_get_args(&args, uarg, 0);
	if (ret)
		return ret;

	ret = lb_instance_lock(io);
	if (ret)
		return ret;
	ret = lb_instance_memory(io->inst, &base, &args.bytes, &args.pages,
				 &args.max_pages);
	lb_instance_unlock(io);
	if (ret)
		return ret;
	return lb_put_args(uarg, &args);
}
