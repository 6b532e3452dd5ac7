// SPDX-License-Identifier: GPL-2.0
/*
 * LB_IOC_EXPORT_INFO: describe one export of a module; and the lookup of
 * the export that LB_IOC_INVOKE or LB_IOC_GLOBAL_GET names.  A module is
 * immutable after loading, so no lock is needed.
 */
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "codegen/engine.h"
#include "export_info.h"
#include "params.h"
#include "uaccess_util.h"

int lb_export_lookup(const struct lb_module *m, bool by_index, u64 name_ptr,
		     u32 name_len, u32 index, u32 *idx, struct lb_error *err)
{
	char *name;
	int ret;

	if (by_index) {
		*idx = index;
		if (index >= lb_module_num_exports(m)) {
			lb_ioctl_error(err, ~0ULL, "no export %u (the module has %u)",
				       index, lb_module_num_exports(m));
			return -ENOENT;
		}
		return 0;
	}
	/* No name can be longer than the largest module. */
	if (name_len > READ_ONCE(lb_max_module_size)) {
		lb_ioctl_error(err, ~0ULL, "no export with a %u-byte name",
			       name_len);
		return -ENOENT;
	}
	name = kvmalloc(max_t(u32, name_len, 1), GFP_KERNEL_ACCOUNT);
	if (!name)
		return -ENOMEM;
	if (copy_from_user(name, u64_to_user_ptr(name_ptr), name_len)) {
		kvfree(name);
		return -EFAULT;
	}
	ret = lb_module_find_export(m, name, name_len, idx);
	if (ret)
		lb_ioctl_error(err, ~0ULL, "no export named \"%.*s\"",
			       (int)min_t(u32, name_len, 64), name);
	kvfree(name);
	return ret;
}

/* Name, NUL-terminated and truncated to cap bytes (cap 0: nothing). */
static int lb_put_name(u64 ptr, u32 cap, const char *name, u32 len)
{
	char __user *u = u64_to_user_ptr(ptr);
	u32 n;

	if (!cap)
		return 0;
	n = min(len, cap - 1);
	if (copy_to_user(u, name, n) || put_user('\0', u + n))
		return -EFAULT;
	return 0;
}

/* Param then result types, one LB_TYPE_* byte each, truncated to cap. */
static int lb_put_types(u64 ptr, u32 cap, const struct lb_func_type_desc *t)
{
	u8 __user *u = u64_to_user_ptr(ptr);
	u32 np = min(t->nparams, cap);
	u32 nr = min(t->nresults, cap - np);

	if (copy_to_user(u, t->params, np) ||
	    copy_to_user(u + np, t->results, nr))
		return -EFAULT;
	return 0;
}

long lb_ioctl_export_info(const struct lb_module *m, void __user *uarg)
{
	struct lb_export_info args;
	struct lb_export_desc d;
	int ret;

	ret = lb_get_args(&args, uarg, 0);
	if (ret)
		return ret;

	args.num_exports = lb_module_num_exports(m);
	if (args.index >= args.num_exports) {
		/* Still report the count: index 0 of none is how to ask. */
		return lb_put_args(uarg, &args) ?: -ENOENT;
	}
	ret = lb_module_export(m, args.index, &d);
	if (ret)
		return ret;

	args.kind = d.kind;
	if (d.kind == LB_EXTERN_FUNC) {
		args.nparams = d.type.nparams;
		args.nresults = d.type.nresults;
	} else {
		args.nparams = 0;
		args.nresults = 0;
		memset(&d.type, 0, sizeof(d.type));
	}
	args.name_len = d.name_len;
	if (lb_put_name(args.name_ptr, args.name_cap, d.name, d.name_len) ||
	    lb_put_types(args.types_ptr, args.types_cap, &d.type))
		return -EFAULT;
	return lb_put_args(uarg, &args);
}
