/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Linking instances of one open /dev/lightbeam file (link.c): the
 * registry of named instances, the built-in spectest instance, the
 * import resolver, and the locking that keeps linked instances from
 * running into each other.
 */
#ifndef LB_KMOD_LINK_H
#define LB_KMOD_LINK_H

#include <linux/compiler.h>
#include <linux/list.h>
#include <linux/types.h>

struct lb_extern;
struct lb_file_ctx;
struct lb_import_desc;
struct lb_instance_obj;
struct lb_module;

/*
 * The resolver of one instantiation (lb_resolve_fn's context).  Runs
 * under the link mutex; records in io->deps, with a reference, every
 * instance an import binds to.
 */
struct lb_link_resolver {
	struct lb_file_ctx *ctx;
	struct lb_instance_obj *io;	/* the importer */
	u32 deps_cap;			/* io->deps' size */
	/* the last module name looked up, and what it named */
	const char *last_name;
	u32 last_len;
	struct lb_instance_obj *last;
};

int lb_link_resolve(void *resolver, const struct lb_import_desc *imp,
		    struct lb_extern *ext);

/*
 * The link mutex of ctx: 0, or -EINTR on a fatal signal.  Unlocking
 * also destroys the linked instances that died while it was held.
 */
int lb_link_lock(struct lb_file_ctx *ctx);
void lb_link_unlock(struct lb_file_ctx *ctx);

/*
 * Lock an instance for an invocation, memory access or global read: its
 * mutex, after the link mutex if it is linked.  0 or -EINTR.
 */
int lb_instance_lock(struct lb_instance_obj *io);
void lb_instance_unlock(struct lb_instance_obj *io);

/*
 * Whether instances of m, which imports, must be kept until the file's
 * last fd closes, because they may hand references to their own
 * functions to the instances they import from.
 */
bool lb_link_must_pin(const struct lb_module *m);
/* Keep io until teardown; takes over a reference.  Link mutex held. */
void lb_link_pin(struct lb_file_ctx *ctx, struct lb_instance_obj *io);

/*
 * For the reaper (instance_obj.c): destroy dead linked io's engine
 * instance under the link mutex, now if it is free, else by its holder;
 * io then goes on a dead list, ours or the holder's.
 */
void lb_link_bury(struct lb_instance_obj *io, struct list_head *dead);

/* LB_IOC_REGISTER on the device fd. */
long lb_ioctl_register(struct lb_file_ctx *ctx, void __user *uarg);

/* The last file of ctx closed: drop everything kept for linking. */
void lb_link_teardown(struct lb_file_ctx *ctx);

#endif /* LB_KMOD_LINK_H */
