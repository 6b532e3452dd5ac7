// SPDX-License-Identifier: GPL-2.0
/*
 * LB_IOC_LOAD: stream a module from user memory into the compiler.
 *
 * The bytes are copied through a bounce buffer of at most LB_LOAD_CHUNK
 * bytes and fed to the streaming loader chunk by chunk, so the kernel
 * never holds the whole input: only the compiled code and the module's
 * metadata stay.  Between chunks a fatal signal aborts the load and the
 * CPU may be given up.
 */
#include <linux/minmax.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "codegen/engine.h"
#include "ioctl_dev.h"
#include "module_fd.h"
#include "params.h"
#include "uaccess_util.h"

#define LB_LOAD_CHUNK	(64U << 10)

/* Feed wasm_len bytes at wasm_ptr to a new loader; 0 or -errno + err. */
static int lb_load_stream(const struct lb_load *args, u32 max_size,
			  struct lb_module **out, struct lb_error *err)
{
	struct lb_config cfg = {
		.max_module_size = max_size,
		.cpu_features = lb_cpu_features(),
	};
	struct lb_loader *ld;
	size_t chunk;
	u64 off;
	u8 *buf;
	int ret;

	chunk = min_t(u64, args->wasm_len, LB_LOAD_CHUNK);
	buf = kvmalloc(max_t(size_t, chunk, 1), GFP_KERNEL_ACCOUNT);
	if (!buf)
		return -ENOMEM;
	ret = lb_loader_create(&cfg, &ld);
	if (ret) {
		kvfree(buf);
		lb_ioctl_error(err, ~0ULL, "cannot create a loader");
		return ret;
	}

	for (off = 0; off < args->wasm_len; off += chunk) {
		chunk = min_t(u64, args->wasm_len - off, LB_LOAD_CHUNK);
		if (copy_from_user(buf, u64_to_user_ptr(args->wasm_ptr + off),
				   chunk)) {
			ret = -EFAULT;
			lb_ioctl_error(err, off, "cannot read the module's bytes at offset %llu",
				       off);
			goto out;
		}
		ret = lb_loader_feed(ld, buf, chunk);
		if (ret)
			goto engine_error;
		if (fatal_signal_pending(current)) {
			ret = -EINTR;
			lb_ioctl_error(err, off + chunk, "interrupted");
			goto out;
		}
		cond_resched();
	}
	ret = lb_loader_finish(ld, out);
	if (!ret)
		goto out;
engine_error:
	if (lb_loader_error(ld))
		*err = *lb_loader_error(ld);
out:
	lb_loader_destroy(ld);
	kvfree(buf);
	return ret;
}

long lb_ioctl_load(struct lb_file_ctx *ctx, void __user *uarg)
{
	struct lb_module *m = NULL;
	struct lb_error err;
	struct lb_load args;
	u32 max_size;
	int ret;

	ret = lb_get_args(&args, uarg, 0);
	if (ret)
		return ret;

	lb_ioctl_error_init(&err);
	max_size = READ_ONCE(lb_max_module_size);
	if (args.wasm_len > max_size) {
		lb_ioctl_error(&err, 0, "module is %llu bytes, more than max_module_size (%u)",
			       args.wasm_len, max_size);
		return lb_ioctl_fail(-E2BIG, args.error_ptr, &err);
	}

	ret = lb_load_stream(&args, max_size, &m, &err);
	if (ret)
		return lb_ioctl_fail(ret, args.error_ptr, &err);
	return lb_module_fd_create(ctx, m);
}
