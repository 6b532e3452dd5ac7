// SPDX-License-Identifier: GPL-2.0
/*
 * lbctl info: what a module imports and exports, its memory, and what
 * compiling it costs.  Always uses the in-process engine, which is the
 * same compiler the kernel runs, so the compile time is measured here
 * without ioctl and copy overheads.
 */
#include <stdlib.h>
#include <time.h>

#include "lbctl.h"

static const char *kind_name(u32 kind)
{
	switch (kind) {
	case LB_EXTERN_FUNC:
		return "func";
	case LB_EXTERN_TABLE:
		return "table";
	case LB_EXTERN_MEMORY:
		return "memory";
	case LB_EXTERN_GLOBAL:
		return "global";
	}
	return "?";
}

static u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ULL + (u64)ts.tv_nsec;
}

static void print_sig(const struct lb_func_type_desc *t)
{
	char sig[512];

	lbctl_format_signature(t->params, t->nparams, t->results,
			       t->nresults, sig, sizeof(sig));
	printf(" %s", sig);
}

static void print_imports(const struct lb_module *m)
{
	u32 i, n = lb_module_num_imports(m);
	struct lb_import_desc d;

	printf("imports: %u\n", n);
	for (i = 0; i < n; i++) {
		if (lb_module_import(m, i, &d))
			continue;
		printf("  %s %.*s.%.*s", kind_name(d.kind),
		       (int)d.module_len, d.module, (int)d.name_len, d.name);
		if (d.kind == LB_EXTERN_FUNC)
			print_sig(&d.type);
		printf("\n");
	}
}

static void print_exports(const struct lb_module *m)
{
	u32 i, n = lb_module_num_exports(m);
	struct lb_export_desc d;

	printf("exports: %u\n", n);
	for (i = 0; i < n; i++) {
		if (lb_module_export(m, i, &d))
			continue;
		printf("  %s \"%.*s\"", kind_name(d.kind), (int)d.name_len,
		       d.name);
		if (d.kind == LB_EXTERN_FUNC)
			print_sig(&d.type);
		printf(" (%s %u)\n", kind_name(d.kind), d.index);
	}
}

static void print_stats(const struct lb_module *m, size_t len, u64 ns)
{
	struct lb_module_stats s;
	double rate;

	lb_module_stats(m, &s);
	if (s.memory_min_pages == ~0U)
		printf("memory: none\n");
	else if (s.memory_max_pages == ~0U)
		printf("memory: min %u pages, no maximum\n",
		       s.memory_min_pages);
	else
		printf("memory: min %u pages, max %u pages\n",
		       s.memory_min_pages, s.memory_max_pages);
	printf("functions: %u defined, %u imported\n", s.num_funcs,
	       s.num_imported_funcs);
	printf("code section: %llu bytes\n",
	       (unsigned long long)s.code_section_bytes);
	printf("machine code: %llu bytes", (unsigned long long)s.code_bytes);
	if (s.code_section_bytes)
		printf(" (%.2f per input byte)",
		       (double)s.code_bytes / (double)s.code_section_bytes);
	printf("\n");
	rate = ns ? (double)len * 1e9 / (double)ns : 0.0;
	printf("compile time: %.1f us (%.1f %s of module)\n",
	       (double)ns / 1e3, rate >= 1e6 ? rate / 1e6 : rate / 1e3,
	       rate >= 1e6 ? "MB/s" : "KB/s");
}

int lbctl_cmd_info(int argc, char **argv)
{
	struct lb_error err = { .offset = ~0ULL };
	struct lb_module *m = NULL;
	struct lb_config cfg;
	const char *file;
	size_t len;
	void *buf;
	u64 t0, t1;
	int ret;

	if (argc != 2 || argv[1][0] == '-') {
		fprintf(stderr, "usage: %s info FILE.wasm\n", lbctl_prog);
		return LBCTL_USAGE;
	}
	file = argv[1];
	buf = lbctl_read_file(file, &len);
	if (!buf) {
		fprintf(stderr, "%s: %s: %s\n", lbctl_prog, file,
			strerror(errno));
		return LBCTL_ERROR;
	}
	lbctl_user_config(&cfg);
	t0 = now_ns();
	ret = lb_module_load(&cfg, buf, len, &m, &err);
	t1 = now_ns();
	if (ret) {
		lbctl_print_load_error(file, &err);
		free(buf);
		return ret == -EINVAL || ret == -EOPNOTSUPP || ret == -E2BIG ?
		       LBCTL_INVALID : LBCTL_ERROR;
	}
	printf("file: %s (%zu bytes)\n", file, len);
	print_imports(m);
	print_exports(m);
	print_stats(m, len, t1 - t0);
	lb_module_destroy(m);
	free(buf);
	return fflush(stdout) ? LBCTL_ERROR : LBCTL_OK;
}
