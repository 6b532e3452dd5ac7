// SPDX-License-Identifier: GPL-2.0
/*
 * The life of an instance object: creation, references, and freeing.
 *
 * Freeing an instance drops its references to the instances it imported
 * from, which may free those, and so on down a chain as long as the
 * user made it.  That is done with a work list, not recursion: the
 * kernel stack is small.  An importer is destroyed before what it
 * imports from (it holds them until then), which the engine needs: an
 * importer leaving a shared memory updates the exporter's list of the
 * memory's users.  That update is shared state, so a linked instance is
 * destroyed under the link mutex, by whoever holds it (link.c).
 */
#include <linux/slab.h>

#include "codegen/engine.h"
#include "file_ctx.h"
#include "instance_fd.h"
#include "link.h"
#include "module_fd.h"

struct lb_instance_obj *lb_instance_obj_create(struct lb_module_obj *mo,
					       u32 deps_cap)
{
	struct lb_instance_obj *io;
	int ret;

	ret = lb_file_ctx_add_instance(mo->ctx);
	if (ret)
		return ERR_PTR(ret);
	io = kzalloc(sizeof(*io), GFP_KERNEL_ACCOUNT);
	if (!io)
		goto nomem;
	if (deps_cap) {
		io->deps = kvcalloc(deps_cap, sizeof(*io->deps),
				    GFP_KERNEL_ACCOUNT);
		if (!io->deps) {
			kfree(io);
			goto nomem;
		}
	}
	kref_init(&io->ref);
	mutex_init(&io->lock);
	INIT_LIST_HEAD(&io->node);
	lb_module_obj_get(mo);
	io->mo = mo;
	lb_file_ctx_get(mo->ctx);
	io->ctx = mo->ctx;
	return io;
nomem:
	lb_file_ctx_remove_instance(mo->ctx);
	return ERR_PTR(-ENOMEM);
}

void lb_instance_obj_get(struct lb_instance_obj *io)
{
	kref_get(&io->ref);
}

/* kref_put()'s release: the caller puts the object on its work list. */
static void lb_instance_obj_dead(struct kref *ref)
{
}

void lb_instance_obj_reap(struct list_head *dead)
{
	struct lb_instance_obj *x;
	u32 i;

	while ((x = list_first_entry_or_null(dead, struct lb_instance_obj,
					     node))) {
		list_del_init(&x->node);
		if (x->inst && x->linked) {
			/* comes back on a dead list with inst destroyed */
			lb_link_bury(x, dead);
			continue;
		}
		lb_instance_destroy(x->inst);
		for (i = 0; i < x->ndeps; i++) {
			if (kref_put(&x->deps[i]->ref, lb_instance_obj_dead))
				list_add_tail(&x->deps[i]->node, dead);
		}
		kvfree(x->deps);
		mutex_destroy(&x->lock);
		lb_file_ctx_remove_instance(x->ctx);
		lb_file_ctx_put(x->ctx);
		lb_module_obj_put(x->mo);
		kfree(x);
	}
}

void lb_instance_obj_put(struct lb_instance_obj *io)
{
	LIST_HEAD(dead);

	if (kref_put(&io->ref, lb_instance_obj_dead)) {
		list_add_tail(&io->node, &dead);
		lb_instance_obj_reap(&dead);
	}
}
