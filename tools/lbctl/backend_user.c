// SPDX-License-Identifier: GPL-2.0
/*
 * The in-process backend: the engine linked into lbctl, on the user-space
 * platform of tools/host/.  Generated code runs in this process, so a
 * signal (Ctrl-C) simply ends it.
 */
#include <stdlib.h>

#include "lbctl.h"
#include "codegen/module.h"	/* get_global only; see there */

struct user_module {
	struct lbctl_module base;
	struct lb_module *m;
};

struct user_instance {
	struct lbctl_instance base;
	struct lb_instance *inst;
};

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
	*out = &um->base;
	return 0;
}

static void user_module_free(struct lbctl_module *m)
{
	struct user_module *um = (struct user_module *)m;

	lb_module_destroy(um->m);
	free(um);
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
	if (ret) {
		free(ui);
		return ret;
	}
	*out = &ui->base;
	return 0;
}

static void user_instance_free(struct lbctl_instance *inst)
{
	struct user_instance *ui = (struct user_instance *)inst;

	lb_instance_destroy(ui->inst);
	free(ui);
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

/* The engine resolves no imports yet: nothing to register in. */
static int user_register(struct lbctl_instance *inst, const char *as,
			 struct lb_error *err)
{
	(void)inst;
	(void)as;
	err->offset = ~0ULL;
	snprintf(err->msg, sizeof(err->msg),
		 "linking is not supported by the engine yet");
	return -EOPNOTSUPP;
}

/*
 * The engine has no public call for reading a global yet, so this looks
 * at the instance's global cells through the engine's internal model
 * (codegen/module.h).  Only the spec runner's "get" action uses it.
 */
static int user_get_global(struct lbctl_instance *inst,
			   const struct lbctl_export *e, struct lb_value *out,
			   struct lb_error *err)
{
	struct user_instance *ui = (struct user_instance *)inst;
	const struct lb_module *m = ui->inst->module;
	u32 g;

	if (e->kind != LB_EXTERN_GLOBAL || e->index >= m->nexports) {
		snprintf(err->msg, sizeof(err->msg), "not a global");
		err->offset = ~0ULL;
		return -EINVAL;
	}
	g = m->exports[e->index].index;
	if (g >= m->nglobals || !ui->inst->globals) {
		snprintf(err->msg, sizeof(err->msg), "no global %u", g);
		err->offset = ~0ULL;
		return -ENOENT;
	}
	memset(out, 0, sizeof(*out));
	out->type = m->globals[g].type;
	out->lo = ui->inst->globals[g][0];
	out->hi = ui->inst->globals[g][1];
	return 0;
}

static void user_close(struct lbctl_backend *be)
{
	(void)be;
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
}
