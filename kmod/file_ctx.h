/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The per-open-file context of /dev/lightbeam.  Every module and instance
 * created through an open file holds a reference to its context, so the
 * context outlives the device fd when objects do.  It enforces the
 * max_instances limit, and is where named instances will be registered
 * for linking.
 */
#ifndef LB_KMOD_FILE_CTX_H
#define LB_KMOD_FILE_CTX_H

#include <linux/kref.h>
#include <linux/mutex.h>

struct lb_file_ctx {
	struct kref ref;
	struct mutex lock;		/* protects what follows */
	unsigned int ninstances;	/* live instances, <= max_instances */
};

struct lb_file_ctx *lb_file_ctx_create(void);
void lb_file_ctx_get(struct lb_file_ctx *ctx);
void lb_file_ctx_put(struct lb_file_ctx *ctx);

/* Count one more instance: 0, or -EMFILE past max_instances. */
int lb_file_ctx_add_instance(struct lb_file_ctx *ctx);
void lb_file_ctx_remove_instance(struct lb_file_ctx *ctx);

#endif /* LB_KMOD_FILE_CTX_H */
