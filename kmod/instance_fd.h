/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Instance objects: an instance behind an fd (instance_fd.c), or kept
 * without one for linking (the spectest instance, a failed instance,
 * see link.c).  The object holds a reference to its module object (the
 * code it runs), to the file context it is counted in, and to every
 * instance it imports from.  Its mutex serialises invocations and
 * linear-memory accesses, as the engine requires; a linked instance also
 * takes the file's link mutex first (link.c).
 */
#ifndef LB_KMOD_INSTANCE_FD_H
#define LB_KMOD_INSTANCE_FD_H

#include <linux/fs.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>

struct lb_file_ctx;
struct lb_instance;
struct lb_module_obj;

struct lb_instance_obj {
	struct kref ref;
	struct mutex lock;		/* serialises use of inst */
	/*
	 * Imports or is registered: its state may be shared with other
	 * instances of the file.  Only ever set, under both lock and the
	 * link mutex, or before the object is visible.
	 */
	bool linked;
	struct lb_instance *inst;	/* NULL once destroyed */
	struct lb_module_obj *mo;	/* referenced */
	struct lb_file_ctx *ctx;	/* referenced, counts us */
	struct lb_instance_obj **deps;	/* what it imports from, referenced */
	u32 ndeps;
	/* On ctx->pinned while kept, then on a graveyard or reaping list. */
	struct list_head node;
};

/*
 * A new object for inst (which may be NULL until the caller sets it),
 * counted in ctx: -EMFILE past max_instances, -ENOMEM.  deps_cap is how
 * many exporters it may reference (its number of imports).
 */
struct lb_instance_obj *lb_instance_obj_create(struct lb_module_obj *mo,
					       u32 deps_cap);
void lb_instance_obj_get(struct lb_instance_obj *io);
/*
 * Drop a reference.  The last one frees the object, and with it maybe
 * instances it imported from.  It takes ctx->lock, and the link mutex
 * only with a trylock (link.c), so it may be called holding the link
 * mutex, but not ctx->lock.
 */
void lb_instance_obj_put(struct lb_instance_obj *io);
/* Free every object on the list (linked by node), and what they free. */
void lb_instance_obj_reap(struct list_head *dead);

/* The instance object behind one of our instance fds, or NULL. */
struct lb_instance_obj *lb_instance_obj_from_file(struct file *file);

/* LB_IOC_INSTANTIATE on a module fd: an instance fd or -errno. */
long lb_ioctl_instantiate(struct lb_module_obj *mo, void __user *uarg);

/* Instance fd ioctls (invoke.c, instance_mem.c, global_get.c). */
long lb_ioctl_invoke(struct lb_instance_obj *io, void __user *uarg);
long lb_ioctl_mem_access(struct lb_instance_obj *io, void __user *uarg,
			 bool write);
long lb_ioctl_mem_info(struct lb_instance_obj *io, void __user *uarg);
long lb_ioctl_global_get(struct lb_instance_obj *io, void __user *uarg);

#endif /* LB_KMOD_INSTANCE_FD_H */
