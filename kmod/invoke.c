// SPDX-License-Identifier: GPL-2.0
/*
 * LB_IOC_INVOKE: call an exported function of an instance.
 *
 * The export is looked up first so that argument and result arrays are
 * sized by the function's type, never by what user space claims.  The
 * engine checks the arguments' count and types and the results'
 * capacity; the instance's locks (link.c) serialise the call with other
 * calls and memory accesses.
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "codegen/engine.h"
#include "export_info.h"
#include "instance_fd.h"
#include "link.h"
#include "module_fd.h"
#include "uaccess_util.h"

/* The function export the request names: 0 or -errno + err. */
static int lb_invoke_lookup(const struct lb_module *m,
			    const struct lb_invoke *args, u32 *idx,
			    struct lb_export_desc *d, struct lb_error *err)
{
	int ret;

	ret = lb_export_lookup(m, args->flags & LB_INVOKE_BY_INDEX,
			       args->name_ptr, args->name_len,
			       args->export_index, idx, err);
	if (ret)
		return ret;
	ret = lb_module_export(m, *idx, d);
	if (ret)
		return ret;
	if (d->kind != LB_EXTERN_FUNC) {
		lb_ioctl_error(err, ~0ULL, "export %u is not a function", *idx);
		return -EINVAL;
	}
	return 0;
}

static int lb_invoke_get_args(struct lb_value *vals, u64 ptr, u32 n,
			      struct lb_error *err)
{
	u32 i;

	if (copy_from_user(vals, u64_to_user_ptr(ptr), sizeof(*vals) * n))
		return -EFAULT;
	for (i = 0; i < n; i++) {
		if (memchr_inv(vals[i].__reserved, 0,
			       sizeof(vals[i].__reserved))) {
			lb_ioctl_error(err, ~0ULL, "argument %u: reserved bytes are not zero",
				       i);
			return -EINVAL;
		}
	}
	return 0;
}

long lb_ioctl_invoke(struct lb_instance_obj *io, void __user *uarg)
{
	const struct lb_module *m = io->mo->m;
	struct lb_value *args_v = NULL, *res_v = NULL;
	struct lb_run_limits lim;
	struct lb_export_desc d;
	struct lb_invoke args;
	struct lb_error err;
	u32 idx, nres = 0, trap = LB_TRAP_NONE;
	int ret;

	ret = lb_get_args(&args, uarg, LB_INVOKE_BY_INDEX);
	if (ret)
		return ret;
	if (args.__reserved)
		return -EINVAL;

	lb_ioctl_error_init(&err);
	ret = lb_invoke_lookup(m, &args, &idx, &d, &err);
	if (ret)
		return lb_ioctl_fail(ret, args.error_ptr, &err);
	if (args.nargs != d.type.nparams) {
		lb_ioctl_error(&err, ~0ULL, "expected %u arguments, got %u",
			       d.type.nparams, args.nargs);
		return lb_ioctl_fail(-EINVAL, args.error_ptr, &err);
	}

	/* +1: kvmalloc_array(0) would be ZERO_SIZE_PTR, fine but noisy. */
	args_v = kvmalloc_array(d.type.nparams + 1, sizeof(*args_v),
				GFP_KERNEL_ACCOUNT);
	res_v = kvmalloc_array(d.type.nresults + 1, sizeof(*res_v),
			       GFP_KERNEL_ACCOUNT | __GFP_ZERO);
	if (!args_v || !res_v) {
		ret = -ENOMEM;
		goto out;
	}
	ret = lb_invoke_get_args(args_v, args.args_ptr, args.nargs, &err);
	if (ret)
		goto fail;

	lim.fuel = args.fuel;
	lim.timeout_ns = args.timeout_ns;
	ret = lb_instance_lock(io);
	if (ret)
		goto out;
	ret = lb_invoke(io->inst, idx, args_v, args.nargs, res_v,
			min(args.nresults, d.type.nresults), &nres, &lim,
			&trap, &err);
	lb_instance_unlock(io);
	if (ret)
		goto fail;

	if (trap != LB_TRAP_NONE) {
		nres = 0;
		ret = lb_ioctl_put_error(args.error_ptr, &err);
		if (ret)
			goto out;
	} else if (copy_to_user(u64_to_user_ptr(args.results_ptr), res_v,
				sizeof(*res_v) * nres)) {
		ret = -EFAULT;
		goto out;
	}
	args.trap_code = trap;
	args.nresults = nres;
	ret = lb_put_args(uarg, &args);
	goto out;
fail:
	ret = lb_ioctl_fail(ret, args.error_ptr, &err);
out:
	kvfree(res_v);
	kvfree(args_v);
	return ret;
}
