// SPDX-License-Identifier: GPL-2.0
/*
 * The in-process backend: the engine linked into lbctl, on the user-space
 * platform of tools/host/.  Generated code runs in this process, so a
 * signal (Ctrl-C) simply ends it.
 *
 * Linking: instances registered under a name (the spec's "register") and
 * the built-in "spectest" module resolve imports.  An instance may be
 * imported from after the caller is done with it, so modules and
 * instances are only marked free and destroyed, newest first, when the
 * backend closes.
 */
#include <stdlib.h>

#include "lbctl.h"

struct user_module {
	struct lbctl_module base;
	struct lb_module *m;
	struct user_module *next;	/* all modules, newest first */
};

struct user_instance {
	struct lbctl_instance base;
	struct lb_instance *inst;
	char *name;			/* registered as, or NULL */
	struct user_instance *next;	/* all instances, newest first */
};

struct user_state {
	struct user_module *modules;
	struct user_instance *instances;
	struct lb_module *spectest_module;
	struct lb_instance *spectest;
};

static struct user_state *user_state(const struct lbctl_backend *be)
{
	return be->priv;
}

void lbctl_user_config(struct lb_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->cpu_features = lb_cpu_features();
}

static int user_load(struct lbctl_backend *be, const void *buf, size_t len,
		     struct lbctl_module **out, struct lb_error *err)
{
	struct lb_config cfg;
	struct user_module *um;
	int ret;

	um = calloc(1, sizeof(*um));
	if (!um) {
		lbctl_errno_error(err, ENOMEM);
		return -ENOMEM;
	}
	um->base.be = be;
	lbctl_user_config(&cfg);
	ret = lb_module_load(&cfg, buf, len, &um->m, err);
	if (ret) {
		free(um);
		return ret;
	}
	um->next = user_state(be)->modules;
	user_state(be)->modules = um;
	*out = &um->base;
	return 0;
}

/* Destroyed at close: instances made from it may still be in use. */
static void user_module_free(struct lbctl_module *m)
{
	(void)m;
}

/* Resolve an import: "spectest", or a registered instance's export. */
static int user_resolve(void *ctx, const struct lb_import_desc *imp,
			struct lb_extern *ext)
{
	struct user_state *st = ctx;
	struct user_instance *ui;

	if (imp->module_len == 8 && !memcmp(imp->module, "spectest", 8)) {
		if (!st->spectest) {
			struct lb_config cfg;
			struct lb_error err;
			u32 trap;

			lbctl_user_config(&cfg);
			if (lb_spectest_load(&cfg, &st->spectest_module, &err) ||
			    lb_instance_create(st->spectest_module, NULL,
					       &st->spectest, &trap, &err))
				return -ENOENT;
		}
		return lb_instance_find_export(st->spectest, imp->name,
					       imp->name_len, ext);
	}
	for (ui = st->instances; ui; ui = ui->next) {
		if (ui->name && strlen(ui->name) == imp->module_len &&
		    !memcmp(ui->name, imp->module, imp->module_len))
			return lb_instance_find_export(ui->inst, imp->name,
						       imp->name_len, ext);
	}
	return -ENOENT;
}

static int user_instantiate(struct lbctl_module *m,
			    const struct lbctl_limits *lim,
			    struct lbctl_instance **out, u32 *trap,
			    struct lb_error *err)
{
	struct user_module *um = (struct user_module *)m;
	struct lb_instance_config cfg = {
		.stack_size = lim->stack_size,
		.max_memory_pages = lim->max_memory_pages,
		.start_limits = {
			.fuel = lim->fuel,
			.timeout_ns = lim->timeout_ns,
		},
		.resolve = user_resolve,
		.resolve_ctx = user_state(m->be),
	};
	struct user_instance *ui;
	int ret;

	*trap = LB_TRAP_NONE;
	ui = calloc(1, sizeof(*ui));
	if (!ui) {
		lbctl_errno_error(err, ENOMEM);
		return -ENOMEM;
	}
	ui->base.be = m->be;
	ret = lb_instance_create(um->m, &cfg, &ui->inst, trap, err);
	if (ret && !ui->inst) {
		free(ui);
		return ret;
	}
	/* a failed instance may still be referenced: kept until close */
	ui->next = user_state(m->be)->instances;
	user_state(m->be)->instances = ui;
	if (ret)
		return ret;
	*out = &ui->base;
	return 0;
}

/* Destroyed at close: other instances may have imported from it. */
static void user_instance_free(struct lbctl_instance *inst)
{
	(void)inst;
}

static int user_find_export(struct lbctl_instance *inst, const char *name,
			    size_t len, struct lbctl_export *e)
{
	struct user_instance *ui = (struct user_instance *)inst;
	const struct lb_module *m = lb_instance_module(ui->inst);
	struct lb_export_desc d;
	u32 idx;
	int ret;

	if (len > ~0U)
		return -ENOENT;
	ret = lb_module_find_export(m, name, (u32)len, &idx);
	if (ret)
		return ret;
	ret = lb_module_export(m, idx, &d);
	if (ret)
		return ret;
	memset(e, 0, offsetof(struct lbctl_export, types));
	e->index = idx;
	e->kind = d.kind;
	if (d.kind != LB_EXTERN_FUNC)
		return 0;
	if (d.type.nparams > LB_MAX_PARAMS || d.type.nresults > LB_MAX_RESULTS)
		return -E2BIG;
	e->nparams = d.type.nparams;
	e->nresults = d.type.nresults;
	if (e->nparams)
		memcpy(e->types, d.type.params, e->nparams);
	if (e->nresults)
		memcpy(e->types + e->nparams, d.type.results, e->nresults);
	return 0;
}

static int user_invoke(struct lbctl_instance *inst,
		       const struct lbctl_export *e,
		       const struct lb_value *args, u32 nargs,
		       struct lb_value *results, u32 results_cap,
		       u32 *nresults, const struct lbctl_limits *lim,
		       u32 *trap, struct lb_error *err)
{
	struct user_instance *ui = (struct user_instance *)inst;
	struct lb_run_limits rl = {
		.fuel = lim->fuel,
		.timeout_ns = lim->timeout_ns,
	};

	return lb_invoke(ui->inst, e->index, args, nargs, results,
			 results_cap, nresults, &rl, trap, err);
}

static int user_register(struct lbctl_instance *inst, const char *as,
			 struct lb_error *err)
{
	struct user_instance *ui = (struct user_instance *)inst;
	struct user_instance *o;

	/* A later registration under the same name wins. */
	for (o = user_state(inst->be)->instances; o; o = o->next) {
		if (o->name && !strcmp(o->name, as)) {
			free(o->name);
			o->name = NULL;
		}
	}
	free(ui->name);
	ui->name = strdup(as);
	if (!ui->name) {
		lbctl_errno_error(err, ENOMEM);
		return -ENOMEM;
	}
	return 0;
}

static int user_get_global(struct lbctl_instance *inst,
			   const struct lbctl_export *e, struct lb_value *out,
			   struct lb_error *err)
{
	struct user_instance *ui = (struct user_instance *)inst;
	int ret = lb_instance_global_get(ui->inst, e->index, out);

	if (ret) {
		err->offset = ~0ULL;
		snprintf(err->msg, sizeof(err->msg), "not a global");
	}
	return ret;
}

static void user_close(struct lbctl_backend *be)
{
	struct user_state *st = user_state(be);

	if (!st)
		return;
	while (st->instances) {
		struct user_instance *ui = st->instances;

		st->instances = ui->next;
		lb_instance_destroy(ui->inst);
		free(ui->name);
		free(ui);
	}
	lb_instance_destroy(st->spectest);
	lb_module_destroy(st->spectest_module);
	while (st->modules) {
		struct user_module *um = st->modules;

		st->modules = um->next;
		lb_module_destroy(um->m);
		free(um);
	}
	free(st);
	be->priv = NULL;
}

const struct lbctl_backend_ops lbctl_user_ops = {
	.name = "user",
	.load = user_load,
	.module_free = user_module_free,
	.instantiate = user_instantiate,
	.instance_free = user_instance_free,
	.find_export = user_find_export,
	.invoke = user_invoke,
	.register_instance = user_register,
	.get_global = user_get_global,
	.close = user_close,
};

void lbctl_user_open(struct lbctl_backend *be)
{
	be->ops = &lbctl_user_ops;
	be->fd = -1;
	be->priv = calloc(1, sizeof(struct user_state));
	if (!be->priv) {
		fprintf(stderr, "%s: out of memory\n", lbctl_prog);
		exit(LBCTL_ERROR);
	}
}
