// SPDX-License-Identifier: GPL-2.0
/*
 * LB_IOC_GLOBAL_GET: read an exported global of an instance.  A mutable
 * global may be another instance's (imported) and written by its code,
 * so the read takes the instance's locks like an invocation (link.c).
 */
#include "codegen/engine.h"
#include "export_info.h"
#include "instance_fd.h"
#include "link.h"
#include "module_fd.h"
#include "uaccess_util.h"

long lb_ioctl_global_get(struct lb_instance_obj *io, void __user *uarg)
{
	struct lb_global_get args;
	struct lb_error err;
	u32 idx;
	int ret;

	ret = lb_get_args(&args, uarg, LB_GLOBAL_BY_INDEX);
	if (ret)
		return ret;

	lb_ioctl_error_init(&err);
	ret = lb_export_lookup(io->mo->m, args.flags & LB_GLOBAL_BY_INDEX,
			       args.name_ptr, args.name_len, args.export_index,
			       &idx, &err);
	if (ret)
		return lb_ioctl_fail(ret, args.error_ptr, &err);

	ret = lb_instance_lock(io);
	if (ret)
		return ret;
	ret = lb_instance_global_get(io->inst, idx, &args.value);
	lb_instance_unlock(io);
	if (ret) {
		lb_ioctl_error(&err, ~0ULL, "export %u is not a global", idx);
		return lb_ioctl_fail(ret, args.error_ptr, &err);
	}
	return lb_put_args(uarg, &args);
}
