/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Instance objects: an instance behind an fd (instance_fd.c).  The
 * instance holds a reference to its module object (the code it runs) and
 * to the file context it is counted in.  Its mutex serialises
 * invocations and linear-memory accesses, as the engine requires.
 */
#ifndef LB_KMOD_INSTANCE_FD_H
#define LB_KMOD_INSTANCE_FD_H

#include <linux/kref.h>
#include <linux/mutex.h>

struct lb_file_ctx;
struct lb_instance;
struct lb_module_obj;

struct lb_instance_obj {
	struct kref ref;
	struct mutex lock;		/* serialises use of inst */
	struct lb_instance *inst;
	struct lb_module_obj *mo;	/* referenced */
	struct lb_file_ctx *ctx;	/* referenced, counts us */
};

void lb_instance_obj_get(struct lb_instance_obj *io);
void lb_instance_obj_put(struct lb_instance_obj *io);

/* LB_IOC_INSTANTIATE on a module fd: an instance fd or -errno. */
long lb_ioctl_instantiate(struct lb_module_obj *mo, void __user *uarg);

/* Instance fd ioctls (invoke.c, instance_mem.c). */
long lb_ioctl_invoke(struct lb_instance_obj *io, void __user *uarg);
long lb_ioctl_mem_access(struct lb_instance_obj *io, void __user *uarg,
			 bool write);
long lb_ioctl_mem_info(struct lb_instance_obj *io, void __user *uarg);

#endif /* LB_KMOD_INSTANCE_FD_H */
