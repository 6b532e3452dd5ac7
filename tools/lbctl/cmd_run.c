// SPDX-License-Identifier: GPL-2.0
/*
 * lbctl run: load a module, instantiate it, invoke one export with
 * arguments parsed against its signature, print the results.
 */
#include <stdlib.h>

#include "lbctl.h"

static void run_usage(void)
{
	fprintf(stderr,
		"usage: %s run [--user|--kernel|--auto] [--fuel N] [--timeout MS]\n"
		"       [--stack-size BYTES] [--max-pages N] FILE.wasm FUNC [ARG...]\n",
		lbctl_prog);
}

struct run_opts {
	enum lbctl_backend_kind backend;
	struct lbctl_limits lim;
};

/* Options come before FILE; what follows FUNC is arguments ("-1"). */
static int parse_run_opts(int argc, char **argv, struct run_opts *o,
			  int *first)
{
	int i;
	u64 v;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--")) {
			i++;
			break;
		}
		if (!strcmp(a, "--user")) {
			o->backend = LBCTL_BACKEND_USER;
			continue;
		}
		if (!strcmp(a, "--kernel")) {
			o->backend = LBCTL_BACKEND_KERNEL;
			continue;
		}
		if (!strcmp(a, "--auto")) {
			o->backend = LBCTL_BACKEND_AUTO;
			continue;
		}
		if (i + 1 >= argc || lbctl_parse_u64(argv[i + 1], &v)) {
			fprintf(stderr, "%s run: %s needs a number\n",
				lbctl_prog, a);
			return -EINVAL;
		}
		if (!strcmp(a, "--fuel")) {
			o->lim.fuel = v;
		} else if (!strcmp(a, "--timeout")) {
			if (v > ~0ULL / 1000000)
				return -ERANGE;
			o->lim.timeout_ns = v * 1000000;
		} else if (!strcmp(a, "--stack-size") && v <= ~0U) {
			o->lim.stack_size = (u32)v;
		} else if (!strcmp(a, "--max-pages") && v <= ~0U) {
			o->lim.max_memory_pages = (u32)v;
		} else {
			fprintf(stderr, "%s run: bad option %s\n", lbctl_prog,
				a);
			return -EINVAL;
		}
		i++;
	}
	*first = i;
	return 0;
}

/* A load failure: 3 when the module itself is at fault. */
static int load_status(int ret)
{
	return ret == -EINVAL || ret == -EOPNOTSUPP || ret == -E2BIG ?
	       LBCTL_INVALID : LBCTL_ERROR;
}

static int parse_args(const struct lbctl_export *e, const char *func,
		      char **argv, int argc, struct lb_value *args)
{
	char sig[256];
	int i;

	lbctl_format_signature(e->types, e->nparams, e->types + e->nparams,
			       e->nresults, sig, sizeof(sig));
	if ((u32)argc != e->nparams) {
		fprintf(stderr, "%s run: %s %s takes %u argument%s, got %d\n",
			lbctl_prog, func, sig, e->nparams,
			e->nparams == 1 ? "" : "s", argc);
		return -EINVAL;
	}
	for (i = 0; i < argc; i++) {
		if (lbctl_parse_arg(argv[i], e->types[i], &args[i])) {
			fprintf(stderr,
				"%s run: argument %d of %s %s: bad %s '%s'\n",
				lbctl_prog, i + 1, func, sig,
				lb_type_name(e->types[i]), argv[i]);
			return -EINVAL;
		}
	}
	return 0;
}

static int invoke_and_print(struct lbctl_backend *be,
			    struct lbctl_instance *inst, const char *file,
			    const char *func, char **argv, int argc,
			    const struct lbctl_limits *lim)
{
	static struct lbctl_export e;
	struct lb_value *args = NULL, *results = NULL;
	struct lb_error err = { .offset = ~0ULL };
	u32 nres = 0, trap = 0, i;
	char buf[128];
	int ret, status = LBCTL_ERROR;

	ret = be->ops->find_export(inst, func, strlen(func), &e);
	if (ret) {
		fprintf(stderr, "%s: %s: %s\n", file, func,
			ret == -ENOENT ? "no such export" : strerror(-ret));
		return LBCTL_ERROR;
	}
	if (e.kind != LB_EXTERN_FUNC) {
		fprintf(stderr, "%s: %s: export is not a function\n", file,
			func);
		return LBCTL_ERROR;
	}
	args = calloc(e.nparams + 1, sizeof(*args));
	results = calloc(e.nresults + 1, sizeof(*results));
	if (!args || !results) {
		fprintf(stderr, "%s: out of memory\n", lbctl_prog);
		goto out;
	}
	if (parse_args(&e, func, argv, argc, args)) {
		status = LBCTL_USAGE;
		goto out;
	}
	ret = be->ops->invoke(inst, &e, args, e.nparams, results, e.nresults,
			      &nres, lim, &trap, &err);
	if (ret) {
		fprintf(stderr, "%s: %s: %s\n", file, func, err.msg);
		goto out;
	}
	if (trap) {
		fprintf(stderr, "trap: %s\n",
			err.msg[0] ? err.msg : lb_trap_message(trap));
		status = LBCTL_TRAP;
		goto out;
	}
	for (i = 0; i < nres; i++) {
		lbctl_format_value(&results[i], buf, sizeof(buf));
		printf("%s\n", buf);
	}
	status = fflush(stdout) ? LBCTL_ERROR : LBCTL_OK;
out:
	free(args);
	free(results);
	return status;
}

int lbctl_cmd_run(int argc, char **argv)
{
	struct run_opts o = { .backend = LBCTL_BACKEND_KERNEL };
	struct lb_error err = { .offset = ~0ULL };
	struct lbctl_backend be = { .fd = -1 };
	struct lbctl_module *m = NULL;
	struct lbctl_instance *inst = NULL;
	const char *file, *func;
	void *buf = NULL;
	size_t len;
	u32 trap = 0;
	int first, ret, status = LBCTL_ERROR;

	if (parse_run_opts(argc, argv, &o, &first) || argc - first < 2) {
		run_usage();
		return LBCTL_USAGE;
	}
	file = argv[first];
	func = argv[first + 1];

	buf = lbctl_read_file(file, &len);
	if (!buf) {
		fprintf(stderr, "%s: %s: %s\n", lbctl_prog, file,
			strerror(errno));
		return LBCTL_ERROR;
	}
	if (lbctl_backend_open(o.backend, &be))
		goto out;

	ret = be.ops->load(&be, buf, len, &m, &err);
	if (ret) {
		lbctl_print_load_error(file, &err);
		status = load_status(ret);
		goto out;
	}
	ret = be.ops->instantiate(m, &o.lim, &inst, &trap, &err);
	if (ret) {
		if (ret == -ECANCELED && trap) {
			fprintf(stderr, "trap: %s\n", err.msg[0] ? err.msg :
				lb_trap_message(trap));
			status = LBCTL_TRAP;
		} else {
			lbctl_print_load_error(file, &err);
		}
		goto out;
	}
	status = invoke_and_print(&be, inst, file, func, argv + first + 2,
				  argc - first - 2, &o.lim);
out:
	if (inst)
		be.ops->instance_free(inst);
	if (m)
		be.ops->module_free(m);
	lbctl_backend_close(&be);
	free(buf);
	return status;
}
