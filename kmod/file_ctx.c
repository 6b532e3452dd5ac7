// SPDX-License-Identifier: GPL-2.0
/*
 * Per-open-file context of /dev/lightbeam; see file_ctx.h.
 */
#include <linux/slab.h>

#include "file_ctx.h"
#include "params.h"

struct lb_file_ctx *lb_file_ctx_create(void)
{
	struct lb_file_ctx *ctx;

	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL_ACCOUNT);
	if (!ctx)
		return NULL;
	kref_init(&ctx->ref);
	mutex_init(&ctx->lock);
	return ctx;
}

void lb_file_ctx_get(struct lb_file_ctx *ctx)
{
	kref_get(&ctx->ref);
}

static void lb_file_ctx_release(struct kref *ref)
{
	struct lb_file_ctx *ctx = container_of(ref, struct lb_file_ctx, ref);

	WARN_ON_ONCE(ctx->ninstances);
	mutex_destroy(&ctx->lock);
	kfree(ctx);
}

void lb_file_ctx_put(struct lb_file_ctx *ctx)
{
	kref_put(&ctx->ref, lb_file_ctx_release);
}

/*
 * EMFILE, as for RLIMIT_NOFILE: every instance is an open file, and the
 * limit counts them per open /dev/lightbeam.
 */
int lb_file_ctx_add_instance(struct lb_file_ctx *ctx)
{
	int ret = 0;

	mutex_lock(&ctx->lock);
	if (ctx->ninstances >= READ_ONCE(lb_max_instances))
		ret = -EMFILE;
	else
		ctx->ninstances++;
	mutex_unlock(&ctx->lock);
	return ret;
}

void lb_file_ctx_remove_instance(struct lb_file_ctx *ctx)
{
	mutex_lock(&ctx->lock);
	ctx->ninstances--;
	mutex_unlock(&ctx->lock);
}
