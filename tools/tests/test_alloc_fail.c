// SPDX-License-Identifier: GPL-2.0
/*
 * Out of memory, everywhere: every allocation a module's load,
 * instantiation and invocations make is made to fail in turn, one per
 * round.  Each round must end in a clean -ENOMEM with a message, never
 * a crash, and everything the engine held must be given back (ASan's
 * leak check runs at exit; the counts here say which round leaked).
 * The one exception is memory.grow, whose failure the program sees
 * (it returns -1) and may well survive.
 *
 * The test is linked with --wrap=lb_alloc,--wrap=lb_alloc_raw,
 * --wrap=lb_free,--wrap=lb_mem_alloc,--wrap=lb_mem_free,
 * --wrap=lb_code_alloc,--wrap=lb_code_free (tools/tools.mk), so the
 * engine's allocations land here.
 *
 * usage: test_alloc_fail FILE.wasm...
 */
#include <stdlib.h>

#include "lbt.h"
#include "alloc_fail.h"

#define RUN_FUEL	1000000

static unsigned long calls;	/* allocations so far this round */
static unsigned long fail_at;	/* the one to fail (1-based), 0: none */
static long held;		/* allocations not given back */
static bool running;		/* inside lb_invoke() */
static bool failed_grow;	/* this round failed a memory.grow */

static bool fail_now(void)
{
	return ++calls == fail_at;
}

void *__wrap_lb_alloc(size_t size)
{
	void *p = fail_now() ? NULL : __real_lb_alloc(size);

	held += p != NULL;
	return p;
}

void *__wrap_lb_alloc_raw(size_t size)
{
	void *p = fail_now() ? NULL : __real_lb_alloc_raw(size);

	held += p != NULL;
	return p;
}

void __wrap_lb_free(void *p)
{
	held -= p != NULL;
	__real_lb_free(p);
}

void *__wrap_lb_mem_alloc(size_t size)
{
	void *p = NULL;

	/* linear memory grown while running: only memory.grow does that */
	if (fail_now())
		failed_grow = running;
	else
		p = __real_lb_mem_alloc(size);
	held += p != NULL;
	return p;
}

void __wrap_lb_mem_free(void *p, size_t size)
{
	held -= p != NULL;
	__real_lb_mem_free(p, size);
}

int __wrap_lb_code_alloc(struct lb_code *c, size_t size, const void *near)
{
	int ret;

	if (fail_now()) {
		memset(c, 0, sizeof(*c));
		return -ENOMEM;
	}
	ret = __real_lb_code_alloc(c, size, near);
	held += !ret;
	return ret;
}

void __wrap_lb_code_free(struct lb_code *c)
{
	held -= c->exec != NULL;
	__real_lb_code_free(c);
}

/*
 * Load (fed in chunks of 7 bytes, so the loader's own buffer is in
 * play), instantiate, invoke every export without parameters.  Returns
 * the first error, 0 if all went through.
 */
static int round_trip(const u8 *buf, size_t len, char *msg, size_t msg_len)
{
	struct lb_instance_config icfg = {
		.start_limits = { .fuel = RUN_FUEL },
	};
	struct lb_run_limits lim = { .fuel = RUN_FUEL };
	struct lb_instance *inst = NULL;
	struct lb_export_desc d;
	struct lb_value res[16];
	struct lb_error err = { 0 };
	struct lb_module *m;
	struct lb_config cfg;
	u32 i, n, nres, trap = 0;
	int ret;

	lbt_config(&cfg);
	ret = lbt_load_chunked(buf, len, 7, &cfg, &m, &err);
	if (ret)
		goto out;
	ret = lb_instance_create(m, &icfg, &inst, &trap, &err);
	if (ret)
		goto out_module;
	n = lb_module_num_exports(m);
	for (i = 0; i < n && !ret; i++) {
		if (lb_module_export(m, i, &d) || d.kind != LB_EXTERN_FUNC ||
		    d.type.nparams || d.type.nresults > ARRAY_SIZE(res))
			continue;
		running = true;
		ret = lb_invoke(inst, i, NULL, 0, res, ARRAY_SIZE(res), &nres,
				&lim, &trap, &err);
		running = false;
	}
	lb_instance_destroy(inst);
out_module:
	lb_module_destroy(m);
out:
	snprintf(msg, msg_len, "%s", err.msg);
	return ret;
}

static void check_module(const char *name, const u8 *buf, size_t len)
{
	unsigned long total, k;
	char msg[256];
	int ret;

	fail_at = 0;
	calls = 0;
	held = 0;
	ret = round_trip(buf, len, msg, sizeof(msg));
	total = calls;
	if (!lbt_check(!ret && !held, "%s: %d (%s) with no failure, %ld held",
		       name, ret, msg, held))
		return;
	for (k = 1; k <= total; k++) {
		fail_at = k;
		calls = 0;
		held = 0;
		failed_grow = false;
		ret = round_trip(buf, len, msg, sizeof(msg));
		lbt_check((ret == -ENOMEM && msg[0]) || (failed_grow && !ret),
			  "%s, allocation %lu of %lu failing: %d (%s)", name,
			  k, total, ret, msg);
		lbt_check(!held, "%s, allocation %lu of %lu failing: %ld held",
			  name, k, total, held);
	}
	printf("%s: %lu allocations, each failed in turn\n", name, total);
}

int main(int argc, char **argv)
{
	size_t len;
	int i;
	u8 *buf;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE.wasm...\n", argv[0]);
		return 2;
	}
	for (i = 1; i < argc; i++) {
		buf = lbt_read_file(argv[i], &len);
		check_module(argv[i], buf, len);
		free(buf);
	}
	return lbt_summary();
}
