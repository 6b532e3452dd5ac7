// SPDX-License-Identifier: GPL-2.0
/*
 * The happy path through /dev/lightbeam: load, instantiate, invoke, export
 * info, every value type, linear memory from user space, large modules,
 * and invocations from several threads at once.
 */
#include <pthread.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "lb_test.h"

FIXTURE(fib) {
	int dev;
	int mod;
	int inst;
};

FIXTURE_SETUP(fib)
{
	struct lb_error err = { 0 };

	self->dev = lb_open_dev();
	ASSERT_LE(0, self->dev) TH_LOG("open %s: %s", LB_DEV_PATH,
				       strerror(-self->dev));
	self->mod = lb_load_wasm(self->dev, &lb_wasm_fib, &err);
	ASSERT_LE(0, self->mod) TH_LOG("load: %s", err.msg);
	self->inst = lb_instantiate(self->mod, &err);
	ASSERT_LE(0, self->inst) TH_LOG("instantiate: %s", err.msg);
}

FIXTURE_TEARDOWN(fib)
{
	close(self->inst);
	close(self->mod);
	close(self->dev);
}

static uint32_t fib_ref(uint32_t n)
{
	uint32_t a = 1, b = 1, t;

	while (n-- > 1) {
		t = a + b;
		a = b;
		b = t;
	}
	return b;
}

TEST_F(fib, fib_20)
{
	struct lb_value arg = lb_i32(20);
	struct lb_call c = { .name = "fib", .args = &arg, .nargs = 1 };

	ASSERT_EQ(0, lb_invoke_call(self->inst, &c)) TH_LOG("%s", c.err.msg);
	ASSERT_EQ(LB_TRAP_NONE, c.trap);
	ASSERT_EQ(1, c.nresults);
	EXPECT_EQ(LB_TYPE_I32, c.results[0].type);
	EXPECT_EQ(10946, c.results[0].lo);
}

TEST_F(fib, fib_0_to_25)
{
	uint32_t n;

	for (n = 0; n <= 25; n++)
		EXPECT_EQ(fib_ref(n), lb_call_i32(self->inst, "fib", 1, n))
			TH_LOG("fib(%u)", n);
}

TEST_F(fib, invoke_by_index)
{
	struct lb_value arg = lb_i32(10), res = { 0 };
	struct lb_invoke a = {
		.size = sizeof(a),
		.flags = LB_INVOKE_BY_INDEX,
		.export_index = 0,
		.args_ptr = (uintptr_t)&arg,
		.nargs = 1,
		.results_ptr = (uintptr_t)&res,
		.nresults = 1,
	};

	ASSERT_EQ(0, lb_ioctl(self->inst, LB_IOC_INVOKE, &a));
	EXPECT_EQ(LB_TRAP_NONE, a.trap_code);
	EXPECT_EQ(1, a.nresults);
	EXPECT_EQ(89, res.lo);
}

static void check_fib_export(struct __test_metadata *_metadata, int fd)
{
	char name[16];
	unsigned char types[4] = { 0 };
	struct lb_export_info a = {
		.size = sizeof(a),
		.name_ptr = (uintptr_t)name,
		.name_cap = sizeof(name),
		.types_ptr = (uintptr_t)types,
		.types_cap = sizeof(types),
	};

	memset(name, 'x', sizeof(name));
	ASSERT_EQ(0, lb_ioctl(fd, LB_IOC_EXPORT_INFO, &a));
	EXPECT_EQ(1, a.num_exports);
	EXPECT_EQ(LB_EXTERN_FUNC, a.kind);
	EXPECT_EQ(1, a.nparams);
	EXPECT_EQ(1, a.nresults);
	EXPECT_EQ(3, a.name_len);
	EXPECT_STREQ("fib", name);
	EXPECT_EQ(LB_TYPE_I32, types[0]);
	EXPECT_EQ(LB_TYPE_I32, types[1]);
	EXPECT_EQ(0, types[2]);

	/* Past the last export: ENOENT, but the count is still reported. */
	a.index = 1;
	a.num_exports = 0;
	EXPECT_EQ(-ENOENT, lb_ioctl(fd, LB_IOC_EXPORT_INFO, &a));
	EXPECT_EQ(1, a.num_exports);
}

TEST_F(fib, export_info)
{
	check_fib_export(_metadata, self->mod);
	check_fib_export(_metadata, self->inst);
}

TEST_F(fib, export_info_truncated)
{
	char name[2] = { 'x', 'x' };
	struct lb_export_info a = {
		.size = sizeof(a),
		.name_ptr = (uintptr_t)name,
		.name_cap = sizeof(name),
	};

	/* A zero-capacity query counts the exports. */
	struct lb_export_info count = { .size = sizeof(count) };

	ASSERT_EQ(0, lb_ioctl(self->mod, LB_IOC_EXPORT_INFO, &count));
	EXPECT_EQ(1, count.num_exports);

	ASSERT_EQ(0, lb_ioctl(self->mod, LB_IOC_EXPORT_INFO, &a));
	EXPECT_EQ(3, a.name_len);
	EXPECT_EQ('f', name[0]);
	EXPECT_EQ('\0', name[1]);
}

TEST_F(fib, nop_on_every_fd)
{
	EXPECT_EQ(0, lb_ioctl(self->dev, LB_IOC_NOP, NULL));
	EXPECT_EQ(0, lb_ioctl(self->mod, LB_IOC_NOP, NULL));
	EXPECT_EQ(0, lb_ioctl(self->inst, LB_IOC_NOP, NULL));
}

TEST_F(fib, instances_share_a_module)
{
	int a = lb_instantiate(self->mod, NULL);
	int b = lb_instantiate(self->mod, NULL);

	ASSERT_LE(0, a);
	ASSERT_LE(0, b);
	EXPECT_EQ(55, lb_call_i32(a, "fib", 1, 9));
	close(a);
	EXPECT_EQ(89, lb_call_i32(b, "fib", 1, 10));
	EXPECT_EQ(144, lb_call_i32(self->inst, "fib", 1, 11));
	close(b);
}

TEST(value_types)
{
	int dev = lb_open_dev();
	int inst;
	struct lb_value args[4];
	struct lb_call c = { .args = args };

	ASSERT_LE(0, dev);
	inst = lb_load_instance(dev, &lb_wasm_types);
	ASSERT_LE(0, inst);

	args[0] = lb_i64(0xfffffffffULL);
	args[1] = lb_i64(1);
	c.name = "add_i64";
	c.nargs = 2;
	ASSERT_EQ(0, lb_invoke_call(inst, &c)) TH_LOG("%s", c.err.msg);
	ASSERT_EQ(1, c.nresults);
	EXPECT_EQ(LB_TYPE_I64, c.results[0].type);
	EXPECT_EQ(0x1000000000ULL, c.results[0].lo);

	args[0] = lb_f64(1.5);
	args[1] = lb_f64(-4.0);
	c.name = "mul_f64";
	ASSERT_EQ(0, lb_invoke_call(inst, &c)) TH_LOG("%s", c.err.msg);
	EXPECT_EQ(LB_TYPE_F64, c.results[0].type);
	EXPECT_EQ(-6.0, lb_as_f64(&c.results[0]));

	args[0] = lb_f32(2.5f);
	c.name = "neg_f32";
	c.nargs = 1;
	ASSERT_EQ(0, lb_invoke_call(inst, &c)) TH_LOG("%s", c.err.msg);
	EXPECT_EQ(LB_TYPE_F32, c.results[0].type);
	EXPECT_EQ(-2.5f, lb_as_f32(&c.results[0]));
	EXPECT_EQ(0, c.results[0].lo >> 32);

	args[0] = lb_i64(0x1122334455667788ULL);
	c.name = "split";
	ASSERT_EQ(0, lb_invoke_call(inst, &c)) TH_LOG("%s", c.err.msg);
	ASSERT_EQ(2, c.nresults);
	EXPECT_EQ(0x55667788, c.results[0].lo);
	EXPECT_EQ(0x11223344, c.results[1].lo);

	args[0] = lb_i32(-1);
	args[1] = lb_i64(-2);
	args[2] = lb_f32(0.5f);
	args[3] = lb_f64(10.0);
	c.name = "mix";
	c.nargs = 4;
	ASSERT_EQ(0, lb_invoke_call(inst, &c)) TH_LOG("%s", c.err.msg);
	EXPECT_EQ(7.5, lb_as_f64(&c.results[0]));

	close(inst);
	close(dev);
}

FIXTURE(memory) {
	int dev;
	int inst;
};

FIXTURE_SETUP(memory)
{
	self->dev = lb_open_dev();
	ASSERT_LE(0, self->dev);
	self->inst = lb_load_instance(self->dev, &lb_wasm_memory);
	ASSERT_LE(0, self->inst);
}

FIXTURE_TEARDOWN(memory)
{
	close(self->inst);
	close(self->dev);
}

TEST_F(memory, info_and_data_segments)
{
	struct lb_mem_info mi = { .size = sizeof(mi) };
	unsigned char tail[6];
	char head[10] = { 0 };

	ASSERT_EQ(0, lb_ioctl(self->inst, LB_IOC_MEM_INFO, &mi));
	EXPECT_EQ(65536, mi.bytes);
	EXPECT_EQ(1, mi.pages);
	EXPECT_EQ(4, mi.max_pages);

	ASSERT_EQ(0, lb_mem_rw(self->inst, 0, 0, head, 9));
	EXPECT_STREQ("lightbeam", head);
	ASSERT_EQ(0, lb_mem_rw(self->inst, 0, 65530, tail, 6));
	EXPECT_EQ(1, tail[0]);
	EXPECT_EQ(6, tail[5]);
	EXPECT_EQ('g', lb_call_i32(self->inst, "load8", 1, 2));
}

TEST_F(memory, read_write)
{
	struct lb_value args[2] = { lb_i32(300), lb_i32(0xab) };
	struct lb_call c = { .name = "store8", .args = args, .nargs = 2 };
	unsigned char buf[256];
	int i;

	for (i = 0; i < 256; i++)
		buf[i] = i;
	ASSERT_EQ(0, lb_mem_rw(self->inst, 1, 1000, buf, sizeof(buf)));
	EXPECT_EQ(200, lb_call_i32(self->inst, "load8", 1, 1200));

	/* store8(300, 0xab) through the code, read back through the fd. */
	ASSERT_EQ(0, lb_invoke_call(self->inst, &c));
	ASSERT_EQ(LB_TRAP_NONE, c.trap);
	ASSERT_EQ(0, lb_mem_rw(self->inst, 0, 300, buf, 1));
	EXPECT_EQ(0xab, buf[0]);

	/* Zero-length access at the very end is fine; one byte more is not. */
	EXPECT_EQ(0, lb_mem_rw(self->inst, 0, 65536, buf, 0));
	EXPECT_EQ(-ERANGE, lb_mem_rw(self->inst, 0, 65531, buf, 6));
	EXPECT_EQ(-ERANGE, lb_mem_rw(self->inst, 1, 65536, buf, 1));
	EXPECT_EQ(-ERANGE, lb_mem_rw(self->inst, 0, ~0ULL, buf, 1));
	EXPECT_EQ(-ERANGE, lb_mem_rw(self->inst, 0, 1, buf, ~0ULL));
}

TEST_F(memory, grow)
{
	struct lb_mem_info mi = { .size = sizeof(mi) };
	unsigned char b = 0x5a;

	EXPECT_EQ(1, lb_call_i32(self->inst, "size", 0, 0));
	EXPECT_EQ(1, lb_call_i32(self->inst, "grow", 1, 2));
	EXPECT_EQ(3, lb_call_i32(self->inst, "size", 0, 0));
	/* Past the declared maximum of 4 pages: -1, nothing changes. */
	EXPECT_EQ(0xffffffff, lb_call_i32(self->inst, "grow", 1, 2));
	ASSERT_EQ(0, lb_ioctl(self->inst, LB_IOC_MEM_INFO, &mi));
	EXPECT_EQ(3, mi.pages);
	EXPECT_EQ(3 * 65536, mi.bytes);

	/* The new pages are zero, usable from both sides. */
	EXPECT_EQ(0, lb_call_i32(self->inst, "load8", 1, 3 * 65536 - 1));
	ASSERT_EQ(0, lb_mem_rw(self->inst, 1, 3 * 65536 - 1, &b, 1));
	EXPECT_EQ(0x5a, lb_call_i32(self->inst, "load8", 1, 3 * 65536 - 1));
	/* "Data segments were applied once": the old bytes stayed. */
	EXPECT_EQ('l', lb_call_i32(self->inst, "load8", 1, 0));
}

TEST(no_memory)
{
	int dev = lb_open_dev();
	struct lb_mem_info mi = { .size = sizeof(mi) };
	char c;
	int inst;

	ASSERT_LE(0, dev);
	inst = lb_load_instance(dev, &lb_wasm_fib);
	ASSERT_LE(0, inst);
	EXPECT_EQ(-ENOENT, lb_ioctl(inst, LB_IOC_MEM_INFO, &mi));
	EXPECT_EQ(-ENOENT, lb_mem_rw(inst, 0, 0, &c, 1));
	close(inst);
	close(dev);
}

/*
 * The module header, a type section of `types` (one type) and a function
 * section of nfuncs functions of type 0; s is the section scratch buffer.
 */
static void gen_prelude(struct lb_buf *m, struct lb_buf *s, const char *types,
			size_t len, uint32_t nfuncs)
{
	uint32_t k;

	lb_buf_header(m);
	lb_buf_bytes(s, types, len);
	lb_buf_section(m, 1, s);
	lb_buf_uleb(s, nfuncs);
	for (k = 0; k < nfuncs; k++)
		lb_buf_byte(s, 0);
	lb_buf_section(m, 3, s);
}

/* Append one function body to the code section s; body starts over. */
static void gen_add_body(struct lb_buf *s, struct lb_buf *body)
{
	lb_buf_uleb(s, body->len);
	lb_buf_bytes(s, body->p, body->len);
	body->len = 0;
}

/*
 * A module of `nfuncs` functions [] -> i32, function k returning k + 1
 * after `pad` nops (large input, little code); exports "first" and "last".
 */
static void gen_large(struct lb_buf *m, uint32_t nfuncs, uint32_t pad)
{
	struct lb_buf s = { 0 }, body = { 0 };
	uint32_t k, i;

	/* type 0: [] -> [i32] */
	gen_prelude(m, &s, "\x01\x60\x00\x01\x7f", 5, nfuncs);
	lb_buf_byte(&s, 2);
	lb_buf_bytes(&s, "\005first\000\000", 8);	/* func 0 */
	lb_buf_bytes(&s, "\004last\000", 6);		/* func nfuncs - 1 */
	lb_buf_uleb(&s, nfuncs - 1);
	lb_buf_section(m, 7, &s);
	lb_buf_uleb(&s, nfuncs);
	for (k = 0; k < nfuncs; k++) {
		lb_buf_byte(&body, 0);		/* no locals */
		lb_buf_byte(&body, 0x41);	/* i32.const k */
		lb_buf_sleb(&body, k);
		for (i = 0; i < pad; i++)
			lb_buf_byte(&body, 0x01);
		lb_buf_bytes(&body, "\x41\x01\x6a\x0b", 4);	/* +1, end */
		gen_add_body(&s, &body);
	}
	lb_buf_free(&body);
	lb_buf_section(m, 10, &s);
}

TEST(large_module)
{
	struct lb_export_info count = { .size = sizeof(count) };
	struct lb_buf m = { 0 };
	struct lb_error err = { 0 };
	int dev, mod, inst;

	/* About 1 MiB: many load chunks, bodies straddling chunk borders. */
	gen_large(&m, 3000, 340);
	ASSERT_LT(1000000, m.len);
	dev = lb_open_dev();
	ASSERT_LE(0, dev);
	mod = lb_load(dev, m.p, m.len, &err);
	ASSERT_LE(0, mod) TH_LOG("load: %s (offset %llu)", err.msg,
				 (unsigned long long)err.offset);
	ASSERT_EQ(0, lb_ioctl(mod, LB_IOC_EXPORT_INFO, &count));
	EXPECT_EQ(2, count.num_exports);
	inst = lb_instantiate(mod, &err);
	ASSERT_LE(0, inst) TH_LOG("instantiate: %s", err.msg);
	EXPECT_EQ(1, lb_call_i32(inst, "first", 0, 0));
	EXPECT_EQ(3000, lb_call_i32(inst, "last", 0, 0));
	close(inst);
	close(mod);
	close(dev);
	lb_buf_free(&m);
}

/*
 * Enough machine code for several code chunks (about 1 MiB each, see
 * codegen/x86/link.c), with calls between them both ways: function k
 * (k < nfuncs) is x -> f(k + 1)(x + pad), the last one returns x + pad,
 * and one more function ("back") calls function 0, backwards across all
 * chunks.  So back(x) = x + nfuncs * pad.
 */
static void gen_chunky(struct lb_buf *m, uint32_t nfuncs, uint32_t pad)
{
	struct lb_buf s = { 0 }, body = { 0 };
	uint32_t k, i;

	/* type 0: [i32] -> [i32] */
	gen_prelude(m, &s, "\x01\x60\x01\x7f\x01\x7f", 6, nfuncs + 1);
	lb_buf_byte(&s, 1);
	lb_buf_bytes(&s, "\004back\000", 6);
	lb_buf_uleb(&s, nfuncs);
	lb_buf_section(m, 7, &s);
	lb_buf_uleb(&s, nfuncs + 1);
	for (k = 0; k <= nfuncs; k++) {
		lb_buf_byte(&body, 0);			/* no locals */
		lb_buf_bytes(&body, "\x20\x00", 2);	/* local.get 0 */
		for (i = 0; k < nfuncs && i < pad; i++)
			lb_buf_bytes(&body, "\x41\x01\x6a", 3);	/* +1 */
		if (k + 1 < nfuncs || k == nfuncs) {
			lb_buf_byte(&body, 0x10);		/* call */
			lb_buf_uleb(&body, k == nfuncs ? 0 : k + 1);
		}
		lb_buf_byte(&body, 0x0b);
		gen_add_body(&s, &body);
	}
	lb_buf_free(&body);
	lb_buf_section(m, 10, &s);
}

TEST(code_chunks)
{
	const uint32_t nfuncs = 200, pad = 5000;
	struct lb_buf m = { 0 };
	struct lb_error err = { 0 };
	int dev, mod, inst;

	/* About 3 MB of code: three chunks. */
	gen_chunky(&m, nfuncs, pad);
	dev = lb_open_dev();
	ASSERT_LE(0, dev);
	mod = lb_load(dev, m.p, m.len, &err);
	ASSERT_LE(0, mod) TH_LOG("load: %s (offset %llu)", err.msg,
				 (unsigned long long)err.offset);
	inst = lb_instantiate(mod, &err);
	ASSERT_LE(0, inst) TH_LOG("instantiate: %s", err.msg);
	EXPECT_EQ(7 + nfuncs * pad, lb_call_i32(inst, "back", 1, 7));
	close(inst);
	close(mod);
	close(dev);
	lb_buf_free(&m);
}

TEST(large_data_segment)
{
	struct lb_buf m = { 0 }, s = { 0 };
	struct lb_wasm w;
	const uint32_t len = 300000, at = 1000;
	unsigned char *want, *got;
	int dev, inst;
	uint32_t i;

	want = malloc(len);
	got = malloc(len);
	ASSERT_NE(NULL, want);
	ASSERT_NE(NULL, got);
	for (i = 0; i < len; i++)
		want[i] = (i * 7 + i / 256) & 0xff;

	lb_buf_header(&m);
	lb_buf_bytes(&s, "\x01\x00\x08", 3);		/* memory min 8 pages */
	lb_buf_section(&m, 5, &s);
	lb_buf_bytes(&s, "\x01\x00\x41", 3);		/* active, mem 0, at: */
	lb_buf_sleb(&s, at);
	lb_buf_byte(&s, 0x0b);
	lb_buf_uleb(&s, len);
	lb_buf_bytes(&s, want, len);
	lb_buf_section(&m, 11, &s);

	dev = lb_open_dev();
	ASSERT_LE(0, dev);
	w.bytes = m.p;
	w.len = m.len;
	inst = lb_load_instance(dev, &w);
	ASSERT_LE(0, inst);
	ASSERT_EQ(0, lb_mem_rw(inst, 0, at, got, len));
	EXPECT_EQ(0, memcmp(want, got, len));
	ASSERT_EQ(0, lb_mem_rw(inst, 0, 0, got, at));
	for (i = 0; i < at; i++)
		ASSERT_EQ(0, got[i]);
	close(inst);
	close(dev);
	lb_buf_free(&m);
	free(want);
	free(got);
}

struct fib_worker {
	int inst;
	int rounds;
	int bad;
};

static void *fib_worker(void *p)
{
	struct fib_worker *w = p;
	int i;

	for (i = 0; i < w->rounds; i++)
		if (lb_call_i32(w->inst, "fib", 1, 20) != 10946)
			w->bad++;
	return NULL;
}

/* Two threads on two instances, then two threads on one (serialised). */
TEST(two_threads)
{
	struct fib_worker w[2];
	pthread_t t[2];
	int dev, i, shared;

	dev = lb_open_dev();
	ASSERT_LE(0, dev);
	for (i = 0; i < 2; i++) {
		w[i].inst = lb_load_instance(dev, &lb_wasm_fib);
		ASSERT_LE(0, w[i].inst);
		w[i].rounds = 20;
		w[i].bad = 0;
	}
	for (i = 0; i < 2; i++)
		ASSERT_EQ(0, pthread_create(&t[i], NULL, fib_worker, &w[i]));
	for (i = 0; i < 2; i++) {
		pthread_join(t[i], NULL);
		EXPECT_EQ(0, w[i].bad);
		close(w[i].inst);
	}

	shared = lb_load_instance(dev, &lb_wasm_fib);
	ASSERT_LE(0, shared);
	for (i = 0; i < 2; i++) {
		w[i].inst = shared;
		w[i].bad = 0;
		ASSERT_EQ(0, pthread_create(&t[i], NULL, fib_worker, &w[i]));
	}
	for (i = 0; i < 2; i++) {
		pthread_join(t[i], NULL);
		EXPECT_EQ(0, w[i].bad);
	}
	close(shared);
	close(dev);
}

TEST_HARNESS_MAIN
