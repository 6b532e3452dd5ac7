/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The per-open-file context of /dev/lightbeam.  Every module and instance
 * created through an open file holds a reference to its context, so the
 * context outlives the device fd when objects do.  It enforces the
 * max_instances limit and holds what linking needs (link.c): the
 * registry of named instances, the built-in spectest instance, and the
 * instances that must live as long as the file does.
 *
 * Two lifetimes: the kref counts memory references (objects pointing
 * here); nfiles counts the open files of the context (the device fd,
 * module fds, instance fds).  When the last of those closes, nothing can
 * run any more, and what the context holds for linking is dropped
 * (lb_link_teardown()), which breaks the reference cycle between the
 * context and the instances it keeps.
 */
#ifndef LB_KMOD_FILE_CTX_H
#define LB_KMOD_FILE_CTX_H

#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>

struct lb_instance_obj;

struct lb_file_ctx {
	struct kref ref;

	/* A leaf lock: nothing else is taken while holding it. */
	struct mutex lock;		/* protects the next three */
	unsigned int ninstances;	/* live instances, <= max_instances */
	unsigned int nfiles;		/* open files; at 0, teardown */
	struct list_head graveyard;	/* dead linked instances, see link.c */

	/*
	 * The link mutex: the state of every linked instance of this file
	 * (see link.c for the lock order), and what follows.
	 */
	struct mutex link;
	struct list_head registry;	/* struct lb_link_name */
	unsigned int nregistered;
	struct list_head pinned;	/* instances kept until teardown */
	struct lb_instance_obj *spectest;	/* created on first import */
};

/* A new context, with one open file (the device fd being opened). */
struct lb_file_ctx *lb_file_ctx_create(void);
void lb_file_ctx_get(struct lb_file_ctx *ctx);
void lb_file_ctx_put(struct lb_file_ctx *ctx);

/*
 * Count a file (module or instance fd) about to be opened, and one that
 * was released.  The caller holds a reference; the close that makes
 * nfiles 0 tears the linking state down, so it must hold no lock.
 */
void lb_file_ctx_open_file(struct lb_file_ctx *ctx);
void lb_file_ctx_close_file(struct lb_file_ctx *ctx);

/* Count one more instance: 0, or -EMFILE past max_instances. */
int lb_file_ctx_add_instance(struct lb_file_ctx *ctx);
void lb_file_ctx_remove_instance(struct lb_file_ctx *ctx);

#endif /* LB_KMOD_FILE_CTX_H */
