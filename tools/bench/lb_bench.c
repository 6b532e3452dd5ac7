// SPDX-License-Identifier: GPL-2.0
/*
 * lightbeam's side of `make bench`: the user-space engine (-O2, no
 * sanitizers) with a counting wrapper around its allocation hooks.
 *
 *   lb-bench run FILE.wasm N
 *	load, instantiate, call run(N) once; prints
 *	"CHECKSUM RUN_NS COMPILE_NS" (only the call is in RUN_NS)
 *   lb-bench compile FILE.wasm REPS
 *	load (validate + compile) REPS times; prints "ok FILE_BYTES
 *	CODE_SECTION_BYTES MACHINE_CODE_BYTES MIN_NS MEDIAN_NS PEAK_BYTES
 *	RSS_DELTA_KB", or "rejected ERRNO_NAME OFFSET: MESSAGE
 *	CODE_SECTION_BYTES" when the engine refuses the module
 *   lb-bench bombs DIR SIZE
 *	write the adversarial modules of bombs.c (and normal.wasm) of about
 *	SIZE bytes each into DIR, for the other two modes and for node
 *
 * PEAK_BYTES is the high-water mark, during the first load, of what the
 * engine holds through lb_alloc() and lb_code_alloc() (the linker's
 * --wrap puts alloc_count.c between the engine and the platform);
 * RSS_DELTA_KB is getrusage()'s maxrss growth over the whole run.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <time.h>
#include <sys/resource.h>

#include <lb_platform_types.h>
#include "codegen/engine.h"
#include "alloc_count.h"
#include "bombs.h"

/* --- helpers ------------------------------------------------------------ */

static u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ULL + (u64)ts.tv_nsec;
}

static long maxrss_kb(void)
{
	struct rusage ru;

	return getrusage(RUSAGE_SELF, &ru) ? 0 : ru.ru_maxrss;
}

static u8 *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	u8 *buf = NULL;
	long n = -1;

	if (f && !fseek(f, 0, SEEK_END))
		n = ftell(f);
	if (n >= 0 && !fseek(f, 0, SEEK_SET))
		buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	if (f)
		fclose(f);
	if (!buf) {
		fprintf(stderr, "lb-bench: cannot read %s\n", path);
		exit(2);
	}
	*len = (size_t)n;
	return buf;
}

static bool leb(const u8 *p, size_t len, size_t *off, u64 *v)
{
	int shift = 0;

	*v = 0;
	while (*off < len && shift < 64) {
		u8 b = p[(*off)++];

		*v |= (u64)(b & 0x7f) << shift;
		if (!(b & 0x80))
			return true;
		shift += 7;
	}
	return false;
}

/* The code section's size from the section headers (0 if none). */
static u64 code_section_size(const u8 *p, size_t len)
{
	size_t off = 8;
	u64 size;
	u8 id;

	while (off < len) {
		id = p[off++];
		if (!leb(p, len, &off, &size) || size > len - off)
			return 0;
		if (id == 10)
			return size;
		off += size;
	}
	return 0;
}

static const char *errno_name(int e)
{
	switch (e) {
	case EINVAL:
		return "EINVAL";
	case EOPNOTSUPP:
		return "EOPNOTSUPP";
	case E2BIG:
		return "E2BIG";
	case ENOMEM:
		return "ENOMEM";
	case ENOSPC:
		return "ENOSPC";
	}
	return "E?";
}

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

static void config(struct lb_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->cpu_features = lb_cpu_features();
	cfg->max_module_size = 1ULL << 30;
}

/* --- modes -------------------------------------------------------------- */

static int cmd_run(const char *file, u32 n)
{
	struct lb_instance_config icfg = { 0 };
	struct lb_run_limits lim = { 0 };
	struct lb_error err = { 0 };
	struct lb_instance *inst = NULL;
	struct lb_module *m = NULL;
	struct lb_value arg = { 0 }, res = { 0 };
	struct lb_config cfg;
	u32 idx, nres = 0, trap = 0;
	u64 t0, t1, t2, t3;
	size_t len;
	u8 *buf;
	int ret;

	buf = read_file(file, &len);
	config(&cfg);
	t0 = now_ns();
	ret = lb_module_load(&cfg, buf, len, &m, &err);
	t1 = now_ns();
	if (ret) {
		fprintf(stderr, "%s: load: %s at 0x%llx: %s\n", file,
			errno_name(-ret), err.offset, err.msg);
		return 1;
	}
	icfg.max_memory_pages = 4096;
	ret = lb_instance_create(m, &icfg, &inst, &trap, &err);
	if (ret || lb_module_find_export(m, "run", 3, &idx)) {
		fprintf(stderr, "%s: instantiate: %d: %s\n", file, ret,
			err.msg);
		return 1;
	}
	arg.type = LB_TYPE_I32;
	arg.lo = n;
	t2 = now_ns();
	ret = lb_invoke(inst, idx, &arg, 1, &res, 1, &nres, &lim, &trap,
			&err);
	t3 = now_ns();
	if (ret || trap || nres != 1 || res.type != LB_TYPE_I64) {
		fprintf(stderr, "%s: run(%u): ret %d trap %u: %s\n", file, n,
			ret, trap, trap ? lb_trap_message(trap) : err.msg);
		return 1;
	}
	printf("0x%016llx %llu %llu\n", res.lo, t3 - t2, t1 - t0);
	lb_instance_destroy(inst);
	lb_module_destroy(m);
	free(buf);
	return 0;
}

static int cmd_compile(const char *file, u32 reps)
{
	struct lb_module_stats st = { 0 };
	struct lb_error err = { 0 };
	struct lb_module *m = NULL;
	struct lb_config cfg;
	size_t len, peak0 = 0;
	long rss0;
	u64 *ns, t0;
	u32 i;
	u8 *buf;
	int ret;

	if (!reps)
		reps = 1;
	buf = read_file(file, &len);
	ns = calloc(reps, sizeof(*ns));
	if (!ns)
		return 2;
	config(&cfg);
	rss0 = maxrss_kb();
	for (i = 0; i < reps; i++) {
		lb_count_reset();
		t0 = now_ns();
		ret = lb_module_load(&cfg, buf, len, &m, &err);
		ns[i] = now_ns() - t0;
		if (ret) {
			printf("rejected %s 0x%llx: %s %llu\n", errno_name(-ret),
			       err.offset, err.msg,
			       code_section_size(buf, len));
			return 0;
		}
		if (!i) {
			peak0 = lb_count_peak();
			lb_module_stats(m, &st);
		}
		lb_module_destroy(m);
	}
	qsort(ns, reps, sizeof(*ns), cmp_u64);
	printf("ok %zu %llu %llu %llu %llu %zu %ld\n", len,
	       st.code_section_bytes, st.code_bytes, ns[0], ns[reps / 2],
	       peak0, maxrss_kb() - rss0);
	free(ns);
	free(buf);
	return 0;
}

static int write_module(const char *dir, const char *name,
			const struct lb_wbuf *b)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s.wasm", dir, name);
	f = fopen(path, "wb");
	if (!f || b->err || fwrite(b->p, 1, b->len, f) != b->len ||
	    fclose(f)) {
		fprintf(stderr, "lb-bench: cannot write %s\n", path);
		return 1;
	}
	return 0;
}

static int cmd_bombs(const char *dir, size_t size)
{
	struct lb_wbuf b = { 0 };
	const struct lb_bomb *bomb;
	int ret;

	lb_bomb_normal(&b, size);
	ret = write_module(dir, "normal", &b);
	lb_wbuf_free(&b);
	for (bomb = lb_bombs; bomb->name && !ret; bomb++) {
		bomb->gen(&b, size);
		ret = write_module(dir, bomb->name, &b);
		lb_wbuf_free(&b);
	}
	return ret;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "run"))
		return cmd_run(argv[2], (u32)strtoul(argv[3], NULL, 0));
	if (argc == 4 && !strcmp(argv[1], "compile"))
		return cmd_compile(argv[2], (u32)strtoul(argv[3], NULL, 0));
	if (argc == 4 && !strcmp(argv[1], "bombs"))
		return cmd_bombs(argv[2], strtoul(argv[3], NULL, 0));
	fprintf(stderr,
		"usage: lb-bench run FILE.wasm N\n"
		"       lb-bench compile FILE.wasm REPS\n"
		"       lb-bench bombs DIR SIZE\n");
	return 2;
}
