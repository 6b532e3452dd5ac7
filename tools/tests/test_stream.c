// SPDX-License-Identifier: GPL-2.0
/*
 * Streaming: however the bytes are split into lb_loader_feed() calls, a
 * module must load to the same thing -- the same error at the same
 * offset, or a module with the same exports, code size and behaviour.
 * Each input is loaded whole, then fed in chunks of 1, 2, 3, 7, 64 and
 * 4096 bytes; every result is compared with the whole load's.  Each
 * valid module is also cut short and corrupted in the middle, so error
 * paths are compared too.
 *
 * Behaviour: every exported function without parameters is invoked (with
 * a fuel limit) and its results or trap become part of the fingerprint.
 *
 * usage: test_stream FILE.wasm...
 */
#include <stdlib.h>

#include "lbt.h"

#define FP_SIZE		8192
#define RUN_FUEL	1000000

static const size_t chunks[] = { 1, 2, 3, 7, 64, 4096 };

struct fp {
	char s[FP_SIZE];
	size_t len;
};

__printf(2, 3)
static void fp_add(struct fp *f, const char *fmt, ...)
{
	va_list ap;

	if (f->len >= sizeof(f->s) - 1)
		return;
	va_start(ap, fmt);
	f->len += (size_t)vsnprintf(f->s + f->len, sizeof(f->s) - f->len,
				    fmt, ap);
	va_end(ap);
	if (f->len > sizeof(f->s) - 1)
		f->len = sizeof(f->s) - 1;
}

static void fp_invoke(struct fp *f, struct lb_instance *inst, u32 idx,
		      const struct lb_export_desc *d)
{
	struct lb_run_limits lim = { .fuel = RUN_FUEL };
	struct lb_value res[16];
	struct lb_error err = { 0 };
	u32 nres = 0, trap = 0, i;
	int ret;

	if (d->type.nparams || d->type.nresults > ARRAY_SIZE(res))
		return;
	memset(res, 0, sizeof(res));
	ret = lb_invoke(inst, idx, NULL, 0, res, ARRAY_SIZE(res), &nres,
			&lim, &trap, &err);
	fp_add(f, " %.*s()=", (int)d->name_len, d->name);
	if (ret) {
		fp_add(f, "err%d", ret);
		return;
	}
	if (trap) {
		fp_add(f, "trap%u", trap);
		return;
	}
	for (i = 0; i < nres; i++)
		fp_add(f, "%s%02x:%llx:%llx", i ? "," : "",
		       res[i].type, res[i].lo, res[i].hi);
}

/* Everything observable about one load. */
static void fingerprint(const u8 *buf, size_t len, size_t chunk,
			struct fp *f)
{
	struct lb_instance_config icfg = {
		.start_limits = { .fuel = RUN_FUEL },
	};
	struct lb_instance *inst = NULL;
	struct lb_module_stats st;
	struct lb_export_desc d;
	struct lb_module *m;
	struct lb_config cfg;
	struct lb_error err;
	u32 i, n, trap = 0;
	int ret;

	memset(f, 0, sizeof(*f));
	lbt_config(&cfg);
	ret = lbt_load_chunked(buf, len, chunk, &cfg, &m, &err);
	if (ret) {
		fp_add(f, "error %d at 0x%llx: %s", ret, err.offset,
		       err.msg);
		return;
	}
	lb_module_stats(m, &st);
	fp_add(f, "code %llu section %llu funcs %u+%u mem %u/%u",
	       st.code_bytes, st.code_section_bytes, st.num_imported_funcs,
	       st.num_funcs, st.memory_min_pages, st.memory_max_pages);
	n = lb_module_num_exports(m);
	for (i = 0; i < n; i++) {
		if (!lb_module_export(m, i, &d))
			fp_add(f, " export %.*s:%u:%u", (int)d.name_len,
			       d.name, d.kind, d.index);
	}
	ret = lb_instance_create(m, &icfg, &inst, &trap, &err);
	if (ret) {
		fp_add(f, " instantiate %d trap %u: %s", ret, trap, err.msg);
	} else {
		for (i = 0; i < n; i++)
			if (!lb_module_export(m, i, &d) &&
			    d.kind == LB_EXTERN_FUNC)
				fp_invoke(f, inst, i, &d);
		lb_instance_destroy(inst);
	}
	lb_module_destroy(m);
}

static void check_input(const char *name, const u8 *buf, size_t len)
{
	struct fp *whole = malloc(sizeof(*whole));
	struct fp *part = malloc(sizeof(*part));
	size_t i;

	if (!whole || !part) {
		lbt_check(false, "out of memory");
		goto out;
	}
	fingerprint(buf, len, 0, whole);
	for (i = 0; i < ARRAY_SIZE(chunks); i++) {
		fingerprint(buf, len, chunks[i], part);
		lbt_check(!strcmp(whole->s, part->s),
			  "%s in chunks of %zu:\n  whole: %s\n  chunks: %s",
			  name, chunks[i], whole->s, part->s);
	}
out:
	free(whole);
	free(part);
}

int main(int argc, char **argv)
{
	char name[512];
	size_t len;
	int i;
	u8 *buf;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE.wasm...\n", argv[0]);
		return 2;
	}
	for (i = 1; i < argc; i++) {
		struct fp *f = malloc(sizeof(*f));

		buf = lbt_read_file(argv[i], &len);
		/* The unmodified module must load at all. */
		if (f) {
			fingerprint(buf, len, 0, f);
			lbt_check(strncmp(f->s, "error", 5), "%s: %s", argv[i],
				  f->s);
			free(f);
		}
		check_input(argv[i], buf, len);
		/* Error paths: cut short, and a byte spoiled mid-body. */
		snprintf(name, sizeof(name), "%s cut at %zu", argv[i],
			 len * 2 / 3);
		check_input(name, buf, len * 2 / 3);
		if (len > 12) {
			buf[len - 3] ^= 0xff;
			snprintf(name, sizeof(name), "%s with byte %zu spoiled",
				 argv[i], len - 3);
			check_input(name, buf, len);
		}
		free(buf);
	}
	return lbt_summary();
}
