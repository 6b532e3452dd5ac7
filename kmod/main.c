// SPDX-License-Identifier: GPL-2.0
/*
 * lightbeam: a one-pass WebAssembly compiler in the kernel.
 *
 * Module entry and exit, the /dev/lightbeam misc device, and the module
 * parameters (limits that apply to every load and instance).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/moduleparam.h>

#include "codegen/engine.h"
#include "code_pool.h"
#include "ioctl_dev.h"
#include "params.h"
#include "thunks.h"

/*
 * Limits.  Each has a hard range so that a typo cannot make the kernel
 * attempt absurd allocations; writes outside it fail with EINVAL.
 */
#define LB_PARAM_BOUNDED(name, var, lo, hi, desc)			\
	static int lb_param_set_##name(const char *val,			\
				       const struct kernel_param *kp)	\
	{								\
		return param_set_uint_minmax(val, kp, lo, hi);		\
	}								\
	static const struct kernel_param_ops lb_param_ops_##name = {	\
		.set = lb_param_set_##name,				\
		.get = param_get_uint,					\
	};								\
	module_param_cb(name, &lb_param_ops_##name, &var, 0644);	\
	MODULE_PARM_DESC(name, desc)

unsigned int lb_max_module_size = LB_DEFAULT_MAX_MODULE_SIZE;
LB_PARAM_BOUNDED(max_module_size, lb_max_module_size, 8, 1U << 30,
		 "Largest .wasm input accepted by LB_IOC_LOAD, in bytes (default 64 MiB)");

unsigned int lb_max_memory_pages = LB_DEFAULT_MAX_MEMORY_PAGES;
LB_PARAM_BOUNDED(max_memory_pages, lb_max_memory_pages, 1, 65536,
		 "Largest linear memory of an instance, in 64 KiB pages (default 1024 = 64 MiB)");

unsigned int lb_default_stack_size = LB_DEFAULT_STACK_SIZE;
LB_PARAM_BOUNDED(default_stack_size, lb_default_stack_size,
		 LB_MIN_STACK_SIZE, LB_MAX_STACK_SIZE,
		 "Wasm stack of an instance that asks for none, in bytes (default 256 KiB)");

unsigned int lb_max_stack_size = 8U << 20;
LB_PARAM_BOUNDED(max_stack_size, lb_max_stack_size,
		 LB_MIN_STACK_SIZE, LB_MAX_STACK_SIZE,
		 "Largest Wasm stack an instance may ask for, in bytes (default 8 MiB)");

unsigned int lb_max_instances = 1024;
LB_PARAM_BOUNDED(max_instances, lb_max_instances, 0, 1U << 20,
		 "Live instances per open /dev/lightbeam file (default 1024)");

static ushort device_mode = 0600;
module_param(device_mode, ushort, 0444);
MODULE_PARM_DESC(device_mode, "Permissions of /dev/lightbeam (default 0600)");

static struct miscdevice lb_miscdev = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= LB_DEVICE_NAME,
	.fops	= &lb_dev_fops,
};

static int __init lb_init(void)
{
	int ret;

	lb_thunks_init();
	ret = lb_code_pool_init();
	if (ret)
		return ret;

	lb_miscdev.mode = device_mode & 0666;
	ret = misc_register(&lb_miscdev);
	if (ret) {
		lb_code_pool_exit();
		return ret;
	}
	pr_info("/dev/%s ready, code pool %u KiB\n", LB_DEVICE_NAME,
		(unsigned int)(LB_CODE_POOL_SIZE >> 10));
	return 0;
}

/*
 * Every open file of ours pins this module (fops.owner), so by the time we
 * get here no device, module or instance fd is left and the pool is empty.
 */
static void __exit lb_exit(void)
{
	misc_deregister(&lb_miscdev);
	lb_code_pool_exit();
}

module_init(lb_init);
module_exit(lb_exit);

MODULE_LICENSE("GPL");	/* kernel_fpu_begin/end are GPL-only */
MODULE_DESCRIPTION("lightbeam: one-pass WebAssembly compiler and runtime");
MODULE_AUTHOR("The lightbeam authors");
