// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers shared by the lightbeam selftests; see lb_test.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "lb_test.h"

int lb_open_dev(void)
{
	int fd = open(LB_DEV_PATH, O_RDWR | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

long lb_ioctl(int fd, unsigned long cmd, void *arg)
{
	long ret = ioctl(fd, cmd, arg);

	return ret < 0 ? -errno : ret;
}

int lb_load(int dev, const void *wasm, size_t len, struct lb_error *err)
{
	struct lb_load a = {
		.size = sizeof(a),
		.wasm_ptr = (uintptr_t)wasm,
		.wasm_len = len,
		.error_ptr = (uintptr_t)err,
	};

	return lb_ioctl(dev, LB_IOC_LOAD, &a);
}

int lb_load_wasm(int dev, const struct lb_wasm *w, struct lb_error *err)
{
	return lb_load(dev, w->bytes, w->len, err);
}

int lb_instantiate(int mod, struct lb_error *err)
{
	struct lb_instantiate a = {
		.size = sizeof(a),
		.error_ptr = (uintptr_t)err,
	};

	return lb_ioctl(mod, LB_IOC_INSTANTIATE, &a);
}

int lb_load_instance(int dev, const struct lb_wasm *w)
{
	int mod, inst;

	mod = lb_load_wasm(dev, w, NULL);
	if (mod < 0)
		return mod;
	inst = lb_instantiate(mod, NULL);
	close(mod);
	return inst;
}

int lb_invoke_call(int inst, struct lb_call *c)
{
	struct lb_invoke a = {
		.size = sizeof(a),
		.name_ptr = (uintptr_t)c->name,
		.name_len = strlen(c->name),
		.args_ptr = (uintptr_t)c->args,
		.nargs = c->nargs,
		.results_ptr = (uintptr_t)c->results,
		.nresults = ARRAY_SIZE(c->results),
		.fuel = c->fuel,
		.timeout_ns = c->timeout_ns,
		.error_ptr = (uintptr_t)&c->err,
	};
	int ret;

	memset(&c->err, 0, sizeof(c->err));
	ret = lb_ioctl(inst, LB_IOC_INVOKE, &a);
	c->nresults = a.nresults;
	c->trap = a.trap_code;
	return ret;
}

int64_t lb_call_i32(int inst, const char *name, int nargs, uint32_t arg)
{
	struct lb_value v = lb_i32(arg);
	struct lb_call c = {
		.name = name,
		.args = &v,
		.nargs = nargs,
	};

	if (lb_invoke_call(inst, &c))
		return INT64_MIN;
	if (c.trap)
		return -1 - (int64_t)c.trap;
	return c.nresults ? (uint32_t)c.results[0].lo : 0;
}

int lb_register(int dev, int inst, const char *name)
{
	struct lb_register a = {
		.size = sizeof(a),
		.name_ptr = (uintptr_t)name,
		.name_len = strlen(name),
		.instance_fd = inst,
	};

	return lb_ioctl(dev, LB_IOC_REGISTER, &a);
}

int lb_global_get(int inst, const char *name, struct lb_value *v,
		  struct lb_error *err)
{
	struct lb_global_get a = {
		.size = sizeof(a),
		.name_ptr = (uintptr_t)name,
		.name_len = strlen(name),
		.error_ptr = (uintptr_t)err,
	};
	int ret = lb_ioctl(inst, LB_IOC_GLOBAL_GET, &a);

	if (!ret)
		*v = a.value;
	return ret;
}

int lb_mem_rw(int inst, int write, uint64_t off, void *buf, uint64_t len)
{
	struct lb_mem_access a = {
		.size = sizeof(a),
		.offset = off,
		.buf_ptr = (uintptr_t)buf,
		.len = len,
	};

	return lb_ioctl(inst, write ? LB_IOC_MEM_WRITE : LB_IOC_MEM_READ, &a);
}

struct lb_value lb_i32(uint32_t v)
{
	struct lb_value r = { .type = LB_TYPE_I32, .lo = v };

	return r;
}

struct lb_value lb_i64(uint64_t v)
{
	struct lb_value r = { .type = LB_TYPE_I64, .lo = v };

	return r;
}

struct lb_value lb_f32(float v)
{
	struct lb_value r = { .type = LB_TYPE_F32 };
	uint32_t bits;

	memcpy(&bits, &v, sizeof(bits));
	r.lo = bits;
	return r;
}

struct lb_value lb_f64(double v)
{
	struct lb_value r = { .type = LB_TYPE_F64 };

	memcpy(&r.lo, &v, sizeof(v));
	return r;
}

float lb_as_f32(const struct lb_value *v)
{
	uint32_t bits = v->lo;
	float f;

	memcpy(&f, &bits, sizeof(f));
	return f;
}

double lb_as_f64(const struct lb_value *v)
{
	double d;

	memcpy(&d, &v->lo, sizeof(d));
	return d;
}

long lb_param_get(const char *name)
{
	char path[256];
	long v = -1;
	FILE *f;

	snprintf(path, sizeof(path), LB_PARAM_DIR "%s", name);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (fscanf(f, "%ld", &v) != 1)
		v = -1;
	fclose(f);
	return v;
}

int lb_param_set(const char *name, long value)
{
	char path[256];
	FILE *f;
	int ret;

	snprintf(path, sizeof(path), LB_PARAM_DIR "%s", name);
	f = fopen(path, "w");
	if (!f)
		return -1;
	ret = fprintf(f, "%ld\n", value) < 0;
	ret |= fclose(f) != 0;
	return ret ? -1 : 0;
}

static long meminfo_kb(const char *key)
{
	char line[256];
	size_t n = strlen(key);
	long v = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, n) && line[n] == ':') {
			if (sscanf(line + n + 1, "%ld", &v) != 1)
				v = -1;
			break;
		}
	fclose(f);
	return v;
}

void lb_mem_use(struct lb_mem_use *m)
{
	char line[512];
	FILE *f;

	/* Let RCU-deferred frees (struct file, ...) land first. */
	usleep(500000);
	m->slab_kb = meminfo_kb("Slab");
	m->vmalloc_kb = meminfo_kb("VmallocUsed");
	m->pool_used = lb_param_get("code_pool_used");
	m->ncaches = 0;
	f = fopen("/proc/slabinfo", "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f) && m->ncaches < 1024) {
		if (line[0] == '#' || !strncmp(line, "slabinfo", 8))
			continue;
		if (sscanf(line, "%63s %ld", m->cache[m->ncaches].name,
			   &m->cache[m->ncaches].objs) == 2)
			m->ncaches++;
	}
	fclose(f);
}

int lb_mem_caches_grown(const struct lb_mem_use *b, const struct lb_mem_use *a,
			long objs)
{
	int i, j, grown = 0;

	for (i = 0; i < a->ncaches; i++)
		for (j = 0; j < b->ncaches; j++) {
			if (strcmp(a->cache[i].name, b->cache[j].name))
				continue;
			if (a->cache[i].objs - b->cache[j].objs >= objs) {
				fprintf(stderr, "# %s: %ld -> %ld objects\n",
					a->cache[i].name, b->cache[j].objs,
					a->cache[i].objs);
				grown++;
			}
		}
	return grown;
}

uint64_t lb_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

void lb_buf_bytes(struct lb_buf *b, const void *p, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2 + 64;
		b->p = realloc(b->p, b->cap);
		if (!b->p)
			abort();
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

void lb_buf_byte(struct lb_buf *b, unsigned char c)
{
	lb_buf_bytes(b, &c, 1);
}

void lb_buf_uleb(struct lb_buf *b, uint64_t v)
{
	do {
		unsigned char c = v & 0x7f;

		v >>= 7;
		lb_buf_byte(b, c | (v ? 0x80 : 0));
	} while (v);
}

void lb_buf_sleb(struct lb_buf *b, int64_t v)
{
	for (;;) {
		unsigned char c = v & 0x7f;

		v >>= 7;	/* arithmetic shift: gcc defines it */
		if ((v == 0 && !(c & 0x40)) || (v == -1 && (c & 0x40))) {
			lb_buf_byte(b, c);
			return;
		}
		lb_buf_byte(b, c | 0x80);
	}
}

void lb_buf_header(struct lb_buf *b)
{
	lb_buf_bytes(b, "\0asm\1\0\0\0", 8);
}

void lb_buf_section(struct lb_buf *b, unsigned char id, struct lb_buf *content)
{
	lb_buf_byte(b, id);
	lb_buf_uleb(b, content->len);
	lb_buf_bytes(b, content->p, content->len);
	lb_buf_free(content);
}

void lb_buf_free(struct lb_buf *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}
