// SPDX-License-Identifier: GPL-2.0
/*
 * Per-open-file context of /dev/lightbeam; see file_ctx.h.
 */
#include <linux/slab.h>

#include "file_ctx.h"
#include "link.h"
#include "params.h"

struct lb_file_ctx *lb_file_ctx_create(void)
{
	struct lb_file_ctx *ctx;

	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL_ACCOUNT);
	if (!ctx)
		return NULL;
	kref_init(&ctx->ref);
	mutex_init(&ctx->lock);
	ctx->nfiles = 1;
	INIT_LIST_HEAD(&ctx->graveyard);
	mutex_init(&ctx->link);
	INIT_LIST_HEAD(&ctx->registry);
	INIT_LIST_HEAD(&ctx->pinned);
	return ctx;
}

void lb_file_ctx_get(struct lb_file_ctx *ctx)
{
	kref_get(&ctx->ref);
}

static void lb_file_ctx_release(struct kref *ref)
{
	struct lb_file_ctx *ctx = container_of(ref, struct lb_file_ctx, ref);

	/* Every instance, kept or dead, holds a reference: all are gone. */
	WARN_ON_ONCE(ctx->ninstances || ctx->nfiles || ctx->spectest);
	WARN_ON_ONCE(!list_empty(&ctx->graveyard) ||
		     !list_empty(&ctx->registry) || !list_empty(&ctx->pinned));
	mutex_destroy(&ctx->link);
	mutex_destroy(&ctx->lock);
	kfree(ctx);
}

void lb_file_ctx_put(struct lb_file_ctx *ctx)
{
	kref_put(&ctx->ref, lb_file_ctx_release);
}

void lb_file_ctx_open_file(struct lb_file_ctx *ctx)
{
	mutex_lock(&ctx->lock);
	ctx->nfiles++;
	mutex_unlock(&ctx->lock);
}

void lb_file_ctx_close_file(struct lb_file_ctx *ctx)
{
	bool last;

	mutex_lock(&ctx->lock);
	last = !--ctx->nfiles;
	mutex_unlock(&ctx->lock);
	/* No file left means no ioctl either: nothing can reach us again. */
	if (last)
		lb_link_teardown(ctx);
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
