// SPDX-License-Identifier: GPL-2.0
/*
 * Linking the instances of one open /dev/lightbeam file.
 *
 * Imports resolve against the built-in "spectest" module (an instance
 * created on first use) and the file's registry, where LB_IOC_REGISTER
 * names instances.  The engine shares functions, tables, memories and
 * mutable globals between the instances it links, so:
 *
 * Lifetimes.  An importer holds a reference to every instance it
 * imports from (io->deps): their code, memory, tables and globals stay
 * while it lives, whatever the order of close().  The registry holds the
 * instances registered in it.  Some instances are kept by the file
 * itself (ctx->pinned) until its last fd closes: a failed instance
 * (LB_IOC_INSTANTIATE's ECANCELED) whose segments or start function may
 * have put its functions into the tables of others, and an importer that
 * could do the same at run time (lb_link_must_pin()).  Those are
 * references the engine does not count (a table slot pointing into
 * another instance's code), so we keep their targets instead.  When the
 * last fd closes nothing can run any more, and lb_link_teardown() drops
 * all of it.
 *
 * Locking.  An instance's mutex serialises the calls into it and its
 * memory accesses.  That is not enough once instances are linked: a call
 * runs the code of the instances it imports from, on their memories,
 * tables and globals (and memory.grow moves a memory), so two calls into
 * two importers of a common exporter would race.  Hence the file's link
 * mutex: an instance is "linked" when it has imports or was registered
 * (the flag is only ever set: under both its mutex and the link mutex,
 * or before anyone can see the instance), and everything touching a
 * linked instance's state holds the link mutex:
 *
 *   - invocations, memory accesses and global reads of a linked instance
 *     (lb_instance_lock(): the link mutex, then its own mutex; having
 *     taken only its own mutex, it re-checks the flag, and if it became
 *     linked meanwhile, unlocks and starts over in order);
 *   - instantiating a module that imports (resolving, binding, segments
 *     and the start function all touch the exporters), and the spectest
 *     instance's creation within it;
 *   - registering (the registry, and setting the flag);
 *   - destroying a linked instance (leaving a shared memory changes the
 *     exporter's list of its users).  The last reference may go in a
 *     context that cannot wait (closing an fd while another thread runs
 *     an endless loop in the same file), so a dead linked instance goes
 *     to ctx->graveyard and is destroyed by whoever holds or next takes
 *     the link mutex (lb_link_bury(), lb_link_unlock()).
 *
 * Unlinked instances share nothing and keep running in parallel.
 *
 * Lock order (no lockdep in the target kernel: keep it by hand):
 *
 *	ctx->link  ->  io->lock  ->  ctx->lock
 *
 * ctx->lock is a leaf (counters and the graveyard).  No path takes
 * ctx->link while holding an instance mutex: lb_instance_lock() drops
 * the instance mutex first.  Only one instance mutex is ever held at a
 * time: code running in another instance does not take that instance's
 * mutex, the link mutex covers it.  Dropping an instance reference takes
 * ctx->lock, and ctx->link only with a trylock (the graveyard), so it may
 * happen with the link mutex held (a registration replacing another, a
 * failed spectest creation), never with ctx->lock held.
 */
#include <linux/file.h>
#include <linux/minmax.h>
#include <linux/overflow.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "codegen/engine.h"
#include "file_ctx.h"
#include "instance_fd.h"
#include "link.h"
#include "module_fd.h"
#include "params.h"
#include "uaccess_util.h"

/* A registry entry: `name` names instance io. */
struct lb_link_name {
	struct list_head node;		/* on ctx->registry */
	struct lb_instance_obj *io;	/* referenced */
	u32 len;
	char name[];
};

static const char lb_spectest_name[] = "spectest";

static bool lb_name_eq(const char *a, u32 alen, const char *b, u32 blen)
{
	return alen == blen && !memcmp(a, b, alen);
}

/* --- the link mutex and the graveyard -------------------------------- */

int lb_link_lock(struct lb_file_ctx *ctx)
{
	return mutex_lock_killable(&ctx->link);
}

static bool lb_link_graveyard_busy(struct lb_file_ctx *ctx)
{
	bool busy;

	mutex_lock(&ctx->lock);
	busy = !list_empty(&ctx->graveyard);
	mutex_unlock(&ctx->lock);
	return busy;
}

/*
 * With the link mutex held (and a reference to ctx): destroy the engine
 * instances of the graveyard, move their objects to dead, and unlock.
 * An instance buried while we held the mutex, after we looked, was
 * buried by someone whose trylock failed because of us: look again
 * after unlocking, so that nothing stays in the graveyard.
 */
static void lb_link_drain_unlock(struct lb_file_ctx *ctx,
				 struct list_head *dead)
{
	struct lb_instance_obj *x;
	LIST_HEAD(batch);

	do {
		mutex_lock(&ctx->lock);
		list_splice_init(&ctx->graveyard, &batch);
		mutex_unlock(&ctx->lock);
		list_for_each_entry(x, &batch, node) {
			lb_instance_destroy(x->inst);
			x->inst = NULL;
		}
		list_splice_tail_init(&batch, dead);
		mutex_unlock(&ctx->link);
	} while (lb_link_graveyard_busy(ctx) && mutex_trylock(&ctx->link));
}

void lb_link_unlock(struct lb_file_ctx *ctx)
{
	LIST_HEAD(dead);

	lb_link_drain_unlock(ctx, &dead);
	/* frees more objects, with no lock held */
	lb_instance_obj_reap(&dead);
}

void lb_link_bury(struct lb_instance_obj *io, struct list_head *dead)
{
	struct lb_file_ctx *ctx = io->ctx;

	/* Whoever drains io may free it, and its reference to ctx. */
	lb_file_ctx_get(ctx);
	mutex_lock(&ctx->lock);
	list_add_tail(&io->node, &ctx->graveyard);
	mutex_unlock(&ctx->lock);
	if (mutex_trylock(&ctx->link))
		lb_link_drain_unlock(ctx, dead);
	lb_file_ctx_put(ctx);
}

/* --- locking an instance --------------------------------------------- */

int lb_instance_lock(struct lb_instance_obj *io)
{
	bool linked = READ_ONCE(io->linked);
	int ret;

	for (;;) {
		if (linked) {
			ret = lb_link_lock(io->ctx);
			if (ret)
				return ret;
		}
		ret = mutex_lock_killable(&io->lock);
		if (ret) {
			if (linked)
				lb_link_unlock(io->ctx);
			return ret;
		}
		/* Stable now: setting it needs io->lock. */
		if (io->linked == linked)
			return 0;
		/* Registered since we looked: the link mutex comes first. */
		mutex_unlock(&io->lock);
		linked = true;
	}
}

void lb_instance_unlock(struct lb_instance_obj *io)
{
	bool linked = io->linked;

	mutex_unlock(&io->lock);
	if (linked)
		lb_link_unlock(io->ctx);
}

/* --- pinning ------------------------------------------------------------ */

static bool lb_types_numeric(const u8 *types, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++) {
		switch (types[i]) {
		case LB_TYPE_I32:
		case LB_TYPE_I64:
		case LB_TYPE_F32:
		case LB_TYPE_F64:
			break;
		default:
			return false;
		}
	}
	return true;
}

/*
 * An instance's functions can only reach another instance as references
 * through a table, a funcref global, or a reference-typed parameter or
 * result of a call.  With nothing but memories and functions of numeric
 * types imported, none of those leads out of the instance; anything
 * else (tables, globals, reference types) might.
 */
bool lb_link_must_pin(const struct lb_module *m)
{
	u32 i, n = lb_module_num_imports(m);
	struct lb_import_desc d;

	for (i = 0; i < n; i++) {
		if (lb_module_import(m, i, &d))
			return true;
		if (d.kind == LB_EXTERN_MEMORY)
			continue;
		if (d.kind != LB_EXTERN_FUNC ||
		    !lb_types_numeric(d.type.params, d.type.nparams) ||
		    !lb_types_numeric(d.type.results, d.type.nresults))
			return true;
	}
	return false;
}

void lb_link_pin(struct lb_file_ctx *ctx, struct lb_instance_obj *io)
{
	list_add_tail(&io->node, &ctx->pinned);
}

/* --- resolving imports -------------------------------------------------- */

/*
 * The file's spectest instance, created on first use; NULL if it cannot
 * be.  Link mutex held.
 */
static struct lb_instance_obj *lb_link_spectest(struct lb_file_ctx *ctx)
{
	struct lb_config cfg = { .cpu_features = lb_cpu_features() };
	/* Its functions run on their callers' stacks: it needs little. */
	struct lb_instance_config icfg = {
		.stack_size = LB_MIN_STACK_SIZE,
		.max_memory_pages = READ_ONCE(lb_max_memory_pages),
	};
	struct lb_instance_obj *io;
	struct lb_module_obj *mo;
	struct lb_module *m;
	struct lb_error err;
	u32 trap;

	if (ctx->spectest)
		return ctx->spectest;
	if (lb_spectest_load(&cfg, &m, &err))
		return NULL;
	mo = lb_module_obj_create(ctx, m);
	if (IS_ERR(mo))
		return NULL;
	io = lb_instance_obj_create(mo, 0);
	lb_module_obj_put(mo);
	if (IS_ERR(io))
		return NULL;
	if (lb_instance_create(mo->m, &icfg, &io->inst, &trap, &err)) {
		lb_instance_obj_put(io);	/* not linked: freed here */
		return NULL;
	}
	io->linked = true;
	ctx->spectest = io;
	return io;
}

static struct lb_instance_obj *lb_link_find(struct lb_link_resolver *r,
					    const char *name, u32 len)
{
	struct lb_link_name *n;

	if (r->last && lb_name_eq(name, len, r->last_name, r->last_len))
		return r->last;
	list_for_each_entry(n, &r->ctx->registry, node) {
		if (lb_name_eq(name, len, n->name, n->len)) {
			r->last_name = name;
			r->last_len = len;
			r->last = n->io;
			return n->io;
		}
	}
	return NULL;
}

int lb_link_resolve(void *resolver, const struct lb_import_desc *imp,
		    struct lb_extern *ext)
{
	struct lb_link_resolver *r = resolver;
	struct lb_instance_obj *io = r->io, *ex;
	u32 i;
	int ret;

	/* Many imports may take a while; this is not the FPU section. */
	cond_resched();
	if (lb_name_eq(imp->module, imp->module_len, lb_spectest_name,
		       sizeof(lb_spectest_name) - 1))
		ex = lb_link_spectest(r->ctx);
	else
		ex = lb_link_find(r, imp->module, imp->module_len);
	if (!ex)
		return -ENOENT;
	ret = lb_instance_find_export(ex->inst, imp->name, imp->name_len, ext);
	if (ret)
		return ret;

	for (i = 0; i < io->ndeps; i++) {
		if (io->deps[i] == ex)
			return 0;
	}
	/* One resolve per import, and deps_cap is the number of imports. */
	if (WARN_ON_ONCE(io->ndeps >= r->deps_cap))
		return -ENOENT;
	lb_instance_obj_get(ex);
	io->deps[io->ndeps++] = ex;
	return 0;
}

/* --- the registry ------------------------------------------------------- */

/* The instance behind instance_fd if it belongs to ctx, referenced. */
static struct lb_instance_obj *lb_link_get_instance(struct lb_file_ctx *ctx,
						    int instance_fd, int *ret)
{
	struct lb_instance_obj *io;
	struct fd f = fdget(instance_fd);

	if (!f.file) {
		*ret = -EBADF;
		return NULL;
	}
	io = lb_instance_obj_from_file(f.file);
	if (io && io->ctx == ctx)
		lb_instance_obj_get(io);
	else
		io = NULL;
	fdput(f);
	*ret = io ? 0 : -EINVAL;
	return io;
}

/* Link mutex held: mark io linked, waiting for a call in progress. */
static int lb_link_mark(struct lb_instance_obj *io)
{
	int ret;

	if (io->linked)
		return 0;
	ret = mutex_lock_killable(&io->lock);
	if (ret)
		return ret;
	WRITE_ONCE(io->linked, true);
	mutex_unlock(&io->lock);
	return 0;
}

long lb_ioctl_register(struct lb_file_ctx *ctx, void __user *uarg)
{
	struct lb_instance_obj *io, *old = NULL;
	struct lb_link_name *n, *e;
	struct lb_register args;
	int ret;

	ret = lb_get_args(&args, uarg, 0);
	if (ret)
		return ret;
	/* No import can name more than the largest module holds. */
	if (args.name_len > READ_ONCE(lb_max_module_size))
		return -EINVAL;

	n = kvmalloc(struct_size(n, name, args.name_len), GFP_KERNEL_ACCOUNT);
	if (!n)
		return -ENOMEM;
	n->len = args.name_len;
	if (copy_from_user(n->name, u64_to_user_ptr(args.name_ptr),
			   args.name_len)) {
		ret = -EFAULT;
		goto free;
	}
	io = lb_link_get_instance(ctx, args.instance_fd, &ret);
	if (!io)
		goto free;
	n->io = io;

	ret = lb_link_lock(ctx);
	if (ret)
		goto put;
	list_for_each_entry(e, &ctx->registry, node) {
		if (lb_name_eq(e->name, e->len, n->name, n->len)) {
			old = e->io;
			break;
		}
	}
	if (!old && ctx->nregistered >= READ_ONCE(lb_max_instances))
		ret = -EMFILE;
	if (!ret)
		ret = lb_link_mark(io);
	if (!ret && old) {
		e->io = io;		/* the later registration wins */
	} else if (!ret) {
		list_add_tail(&n->node, &ctx->registry);
		ctx->nregistered++;
		n = NULL;
	}
	lb_link_unlock(ctx);
	if (ret)
		goto put;
	/* the entry's reference to io was taken by lb_link_get_instance() */
	if (old)
		lb_instance_obj_put(old);
	kvfree(n);
	return 0;
put:
	lb_instance_obj_put(io);
free:
	kvfree(n);
	return ret;
}

/* --- the end of the file ---------------------------------------------- */

void lb_link_teardown(struct lb_file_ctx *ctx)
{
	struct lb_instance_obj *io, *spectest;
	struct lb_link_name *n, *tmp;
	LIST_HEAD(names);
	LIST_HEAD(pinned);

	/*
	 * No file left, so no ioctl: only reapers may hold the mutex, and
	 * they do not wait for anything.
	 */
	mutex_lock(&ctx->link);
	list_splice_init(&ctx->registry, &names);
	ctx->nregistered = 0;
	list_splice_init(&ctx->pinned, &pinned);
	spectest = ctx->spectest;
	ctx->spectest = NULL;
	lb_link_unlock(ctx);

	list_for_each_entry_safe(n, tmp, &names, node) {
		lb_instance_obj_put(n->io);
		kvfree(n);
	}
	while ((io = list_first_entry_or_null(&pinned, struct lb_instance_obj,
					      node))) {
		list_del_init(&io->node);
		lb_instance_obj_put(io);
	}
	if (spectest)
		lb_instance_obj_put(spectest);
}
