/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Module objects: a compiled module behind an fd (module_fd.c).  The fd
 * holds one reference, and every instance of the module holds another,
 * so the code stays in place while anything can still run it.  The
 * built-in spectest module has an object but no fd.
 */
#ifndef LB_KMOD_MODULE_FD_H
#define LB_KMOD_MODULE_FD_H

#include <linux/kref.h>

struct lb_file_ctx;
struct lb_module;

struct lb_module_obj {
	struct kref ref;
	struct lb_module *m;		/* immutable once loaded */
	struct lb_file_ctx *ctx;	/* referenced */
};

/* Wrap m (consumed, even on failure) in a new object, without an fd. */
struct lb_module_obj *lb_module_obj_create(struct lb_file_ctx *ctx,
					   struct lb_module *m);
/* Wrap m (consumed, even on failure) in a new module fd. */
int lb_module_fd_create(struct lb_file_ctx *ctx, struct lb_module *m);
void lb_module_obj_get(struct lb_module_obj *mo);
void lb_module_obj_put(struct lb_module_obj *mo);

#endif /* LB_KMOD_MODULE_FD_H */
