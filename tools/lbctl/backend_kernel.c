// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel backend: /dev/lightbeam and its module and instance fds
 * (uapi/linux/lightbeam.h).  A running invocation polls for signals in
 * the kernel, so Ctrl-C or kill -9 ends an endless loop here too.
 */
#include <stdlib.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/ioctl.h>

#include "lbctl.h"

struct kernel_module {
	struct lbctl_module base;
	int fd;
};

struct kernel_instance {
	struct lbctl_instance base;
	int fd;
};

/* The kernel may say nothing (old module, EFAULT): fall back to errno. */
static int kernel_fail(struct lb_error *err, int errno_val)
{
	if (!err->msg[0])
		lbctl_errno_error(err, errno_val);
	return -errno_val;
}

static void clear_error(struct lb_error *err)
{
	err->offset = ~0ULL;
	err->msg[0] = '\0';
}

static int kernel_load(struct lbctl_backend *be, const void *buf, size_t len,
		       struct lbctl_module **out, struct lb_error *err)
{
	struct lb_load arg = {
		.size = sizeof(arg),
		.wasm_ptr = (uintptr_t)buf,
		.wasm_len = len,
		.error_ptr = (uintptr_t)err,
	};
	struct kernel_module *km;
	int fd;

	clear_error(err);
	km = calloc(1, sizeof(*km));
	if (!km) {
		lbctl_errno_error(err, ENOMEM);
		return -ENOMEM;
	}
	fd = ioctl(be->fd, LB_IOC_LOAD, &arg);
	if (fd < 0) {
		free(km);
		return kernel_fail(err, errno);
	}
	km->base.be = be;
	km->fd = fd;
	*out = &km->base;
	return 0;
}

static void kernel_module_free(struct lbctl_module *m)
{
	struct kernel_module *km = (struct kernel_module *)m;

	close(km->fd);
	free(km);
}

static int kernel_instantiate(struct lbctl_module *m,
			      const struct lbctl_limits *lim,
			      struct lbctl_instance **out, u32 *trap,
			      struct lb_error *err)
{
	struct kernel_module *km = (struct kernel_module *)m;
	struct lb_instantiate arg = {
		.size = sizeof(arg),
		.error_ptr = (uintptr_t)err,
		.stack_size = lim->stack_size,
		.max_memory_pages = lim->max_memory_pages,
		.fuel = lim->fuel,
		.timeout_ns = lim->timeout_ns,
	};
	struct kernel_instance *ki;
	int fd;

	clear_error(err);
	*trap = LB_TRAP_NONE;
	ki = calloc(1, sizeof(*ki));
	if (!ki) {
		lbctl_errno_error(err, ENOMEM);
		return -ENOMEM;
	}
	fd = ioctl(km->fd, LB_IOC_INSTANTIATE, &arg);
	if (fd < 0) {
		int e = errno;

		free(ki);
		*trap = arg.trap_code;
		return kernel_fail(err, e);
	}
	ki->base.be = m->be;
	ki->fd = fd;
	*out = &ki->base;
	return 0;
}

static void kernel_instance_free(struct lbctl_instance *inst)
{
	struct kernel_instance *ki = (struct kernel_instance *)inst;

	close(ki->fd);
	free(ki);
}

static int kernel_export_info(int fd, u32 idx, struct lbctl_export *e,
			      char *name, u32 name_cap)
{
	struct lb_export_info arg = {
		.size = sizeof(arg),
		.index = idx,
		.name_ptr = (uintptr_t)name,
		.name_cap = name_cap,
		.types_ptr = (uintptr_t)e->types,
		.types_cap = sizeof(e->types),
	};

	if (ioctl(fd, LB_IOC_EXPORT_INFO, &arg))
		return -errno;
	e->index = idx;
	e->kind = arg.kind;
	e->nparams = arg.kind == LB_EXTERN_FUNC ? arg.nparams : 0;
	e->nresults = arg.kind == LB_EXTERN_FUNC ? arg.nresults : 0;
	if (e->nparams > LB_MAX_PARAMS || e->nresults > LB_MAX_RESULTS)
		return -E2BIG;
	/* name_len is the full length: a longer name was truncated. */
	return arg.name_len < name_cap ? (int)arg.name_len : -ENAMETOOLONG;
}

/* The uapi looks exports up by index: walk them comparing names. */
static int kernel_find_export(struct lbctl_instance *inst, const char *name,
			      size_t want, struct lbctl_export *e)
{
	struct kernel_instance *ki = (struct kernel_instance *)inst;
	u32 cap = (u32)want + 2;
	char *buf;
	u32 idx;
	int ret;

	if (want > (1U << 20))
		return -ENOENT;
	buf = malloc(cap);
	if (!buf)
		return -ENOMEM;
	for (idx = 0;; idx++) {
		ret = kernel_export_info(ki->fd, idx, e, buf, cap);
		if (ret == -ENAMETOOLONG)
			continue;
		if (ret < 0)
			break;
		if ((size_t)ret == want && !memcmp(buf, name, want)) {
			ret = 0;
			break;
		}
	}
	free(buf);
	return ret;
}

static int kernel_invoke(struct lbctl_instance *inst,
			 const struct lbctl_export *e,
			 const struct lb_value *args, u32 nargs,
			 struct lb_value *results, u32 results_cap,
			 u32 *nresults, const struct lbctl_limits *lim,
			 u32 *trap, struct lb_error *err)
{
	struct kernel_instance *ki = (struct kernel_instance *)inst;
	struct lb_invoke arg = {
		.size = sizeof(arg),
		.flags = LB_INVOKE_BY_INDEX,
		.export_index = e->index,
		.args_ptr = (uintptr_t)args,
		.results_ptr = (uintptr_t)results,
		.nargs = nargs,
		.nresults = results_cap,
		.fuel = lim->fuel,
		.timeout_ns = lim->timeout_ns,
		.error_ptr = (uintptr_t)err,
	};

	clear_error(err);
	*nresults = 0;
	*trap = LB_TRAP_NONE;
	if (ioctl(ki->fd, LB_IOC_INVOKE, &arg))
		return kernel_fail(err, errno);
	*nresults = arg.nresults;
	*trap = arg.trap_code;
	if (*trap && !err->msg[0])
		snprintf(err->msg, sizeof(err->msg), "%s",
			 lb_trap_message(*trap));
	return 0;
}

/*
 * LB_IOC_REGISTER: the exports of inst become importable under `as` by
 * instances of modules loaded later through the same /dev/lightbeam
 * open (this backend's).  The kernel keeps the instance alive for as
 * long as it is registered or imported from, so closing our fd later
 * (kernel_instance_free) is fine.
 */
static int kernel_register(struct lbctl_instance *inst, const char *as,
			   struct lb_error *err)
{
	struct kernel_instance *ki = (struct kernel_instance *)inst;
	struct lb_register arg = {
		.size = sizeof(arg),
		.name_ptr = (uintptr_t)as,
		.name_len = (u32)strlen(as),
		.instance_fd = ki->fd,
	};

	clear_error(err);
	if (ioctl(inst->be->fd, LB_IOC_REGISTER, &arg))
		return kernel_fail(err, errno);
	return 0;
}

static int kernel_get_global(struct lbctl_instance *inst,
			     const struct lbctl_export *e,
			     struct lb_value *out, struct lb_error *err)
{
	struct kernel_instance *ki = (struct kernel_instance *)inst;
	struct lb_global_get arg = {
		.size = sizeof(arg),
		.flags = LB_GLOBAL_BY_INDEX,
		.export_index = e->index,
		.error_ptr = (uintptr_t)err,
	};

	clear_error(err);
	if (ioctl(ki->fd, LB_IOC_GLOBAL_GET, &arg))
		return kernel_fail(err, errno);
	*out = arg.value;
	return 0;
}

static void kernel_close(struct lbctl_backend *be)
{
	if (be->fd >= 0)
		close(be->fd);
	be->fd = -1;
}

const struct lbctl_backend_ops lbctl_kernel_ops = {
	.name = "kernel",
	.load = kernel_load,
	.module_free = kernel_module_free,
	.instantiate = kernel_instantiate,
	.instance_free = kernel_instance_free,
	.find_export = kernel_find_export,
	.invoke = kernel_invoke,
	.register_instance = kernel_register,
	.get_global = kernel_get_global,
	.close = kernel_close,
};

int lbctl_kernel_open(struct lbctl_backend *be)
{
	int fd = open(LBCTL_DEVICE, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	be->ops = &lbctl_kernel_ops;
	be->fd = fd;
	return 0;
}
