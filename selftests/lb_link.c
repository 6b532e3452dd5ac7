// SPDX-License-Identifier: GPL-2.0
/*
 * Linking: LB_IOC_REGISTER and imports between instances of one open
 * /dev/lightbeam (functions, a shared memory, a mutable global, a table
 * and call_indirect through it), the built-in spectest module, traps
 * across instances, failed instances that stay reachable, every order of
 * close(), LB_IOC_GLOBAL_GET, the errors, concurrent calls into
 * instances linked to a common one, and no leak over many rounds.
 *
 * The modules are selftests/wasm/link_*.wat; the exporter is registered
 * as "exp".
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "lb_test.h"

/* LB_IOC_INSTANTIATE, keeping the trap code: fd or -errno. */
static int instantiate(int mod, uint32_t *trap, struct lb_error *err)
{
	struct lb_instantiate a = {
		.size = sizeof(a),
		.error_ptr = (uintptr_t)err,
	};
	long ret = lb_ioctl(mod, LB_IOC_INSTANTIATE, &a);

	if (trap)
		*trap = a.trap_code;
	return ret;
}

/* Load and instantiate w on dev: fd or -errno; trap and err as above. */
static int load_instance(int dev, const struct lb_wasm *w, uint32_t *trap,
			 struct lb_error *err)
{
	int mod, inst;

	mod = lb_load_wasm(dev, w, NULL);
	if (mod < 0)
		return mod;
	inst = instantiate(mod, trap, err);
	close(mod);
	return inst;
}

static int64_t call2(int inst, const char *name, uint32_t a, uint32_t b)
{
	struct lb_value args[2] = { lb_i32(a), lb_i32(b) };
	struct lb_call c = { .name = name, .args = args, .nargs = 2 };

	if (lb_invoke_call(inst, &c))
		return INT64_MIN;
	if (c.trap)
		return -1 - (int64_t)c.trap;
	return c.nresults ? (uint32_t)c.results[0].lo : 0;
}

FIXTURE(link) {
	int dev;
	int exp;
};

FIXTURE_SETUP(link)
{
	self->dev = lb_open_dev();
	ASSERT_LE(0, self->dev);
	self->exp = lb_load_instance(self->dev, &lb_wasm_link_exporter);
	ASSERT_LE(0, self->exp);
	ASSERT_EQ(0, lb_register(self->dev, self->exp, "exp"));
}

FIXTURE_TEARDOWN(link)
{
	if (self->exp >= 0)
		close(self->exp);
	close(self->dev);
}

TEST_F(link, function_memory_and_global)
{
	unsigned char a[8], b[8];
	int imp;

	imp = lb_load_instance(self->dev, &lb_wasm_link_importer);
	ASSERT_LE(0, imp);

	/* an imported function, directly and re-exported */
	EXPECT_EQ(5, call2(imp, "call_add", 2, 3));
	EXPECT_EQ(9, call2(imp, "add2", 4, 5));

	/* one memory, written from either side and through the ioctls */
	EXPECT_EQ(0, call2(imp, "store", 16, 1234));
	EXPECT_EQ(1234, lb_call_i32(self->exp, "load", 1, 16));
	EXPECT_EQ(0, call2(self->exp, "store", 20, 99));
	EXPECT_EQ(99, lb_call_i32(imp, "load", 1, 20));
	ASSERT_EQ(0, lb_mem_rw(imp, 1, 24, "lightbea", 8));
	ASSERT_EQ(0, lb_mem_rw(self->exp, 0, 16, a, 8));
	ASSERT_EQ(0, lb_mem_rw(imp, 0, 16, b, 8));
	EXPECT_EQ(0, memcmp(a, b, 8));

	/* growing it from the exporter moves it for the importer too */
	EXPECT_EQ(1, lb_call_i32(self->exp, "grow", 1, 1));
	EXPECT_EQ(2, lb_call_i32(imp, "size", 0, 0));
	EXPECT_EQ(1234, lb_call_i32(imp, "load", 1, 16));
	EXPECT_EQ(0, call2(imp, "store", 65536 + 8, 77));
	EXPECT_EQ(77, lb_call_i32(self->exp, "load", 1, 65536 + 8));

	/* one mutable global */
	EXPECT_EQ(100, lb_call_i32(imp, "get_counter", 0, 0));
	EXPECT_EQ(101, lb_call_i32(self->exp, "bump", 0, 0));
	EXPECT_EQ(101, lb_call_i32(imp, "get_counter", 0, 0));
	EXPECT_EQ(0, lb_call_i32(imp, "set_counter", 1, 555));
	EXPECT_EQ(555, lb_call_i32(self->exp, "get_counter", 0, 0));

	/* an immutable one, copied */
	EXPECT_EQ(0xfffffffe, lb_call_i32(imp, "g_i64_low", 0, 0));
	close(imp);

	/* the exporter goes on alone */
	EXPECT_EQ(556, lb_call_i32(self->exp, "bump", 0, 0));
}

TEST_F(link, call_indirect_through_an_imported_table)
{
	int imp;

	imp = lb_load_instance(self->dev, &lb_wasm_link_importer);
	ASSERT_LE(0, imp);
	/* slot 0: the exporter's $seven; slot 1: the importer's $forty_two */
	EXPECT_EQ(7, lb_call_i32(imp, "call_slot", 1, 0));
	EXPECT_EQ(42, lb_call_i32(imp, "call_slot", 1, 1));
	EXPECT_EQ(42, lb_call_i32(self->exp, "call_slot", 1, 1));
	EXPECT_EQ(-1 - LB_TRAP_INDIRECT_NULL,
		  lb_call_i32(self->exp, "call_slot", 1, 2));
	EXPECT_EQ(-1 - LB_TRAP_TABLE_OOB,
		  lb_call_i32(self->exp, "call_slot", 1, 4));

	/* The importer's function stays callable after its fd is gone. */
	close(imp);
	EXPECT_EQ(42, lb_call_i32(self->exp, "call_slot", 1, 1));
}

TEST_F(link, trap_in_an_imported_function)
{
	struct lb_call c = { .name = "call_trap" };
	int imp, i;

	imp = lb_load_instance(self->dev, &lb_wasm_link_importer);
	ASSERT_LE(0, imp);
	for (i = 0; i < 3; i++) {
		ASSERT_EQ(0, lb_invoke_call(imp, &c));
		EXPECT_EQ(LB_TRAP_UNREACHABLE, c.trap);
		EXPECT_STREQ("unreachable", c.err.msg);
		EXPECT_EQ(0, c.nresults);
		/* both sides unwound cleanly and keep working */
		EXPECT_EQ(5, call2(imp, "call_add", 2, 3));
		EXPECT_EQ(7, call2(self->exp, "add", 3, 4));
		EXPECT_EQ(7, lb_call_i32(imp, "call_slot", 1, 0));
	}
	close(imp);
}

TEST_F(link, close_the_exporter_first)
{
	int imp, exp2, imp2;

	imp = lb_load_instance(self->dev, &lb_wasm_link_importer);
	ASSERT_LE(0, imp);
	EXPECT_EQ(0, call2(imp, "store", 32, 4321));

	/* Close the exporter's fd and register another under its name. */
	ASSERT_EQ(0, close(self->exp));
	self->exp = -1;
	exp2 = lb_load_instance(self->dev, &lb_wasm_link_exporter);
	ASSERT_LE(0, exp2);
	ASSERT_EQ(0, lb_register(self->dev, exp2, "exp"));
	ASSERT_EQ(0, close(exp2));

	/* The importer still has the first exporter. */
	EXPECT_EQ(5, call2(imp, "call_add", 2, 3));
	EXPECT_EQ(4321, lb_call_i32(imp, "load", 1, 32));
	EXPECT_EQ(0, lb_call_i32(imp, "set_counter", 1, 7));
	EXPECT_EQ(7, lb_call_i32(imp, "get_counter", 0, 0));
	EXPECT_EQ(7, lb_call_i32(imp, "call_slot", 1, 0));

	/* A new importer gets the second one. */
	imp2 = lb_load_instance(self->dev, &lb_wasm_link_importer);
	ASSERT_LE(0, imp2);
	EXPECT_EQ(0, lb_call_i32(imp2, "load", 1, 32));
	EXPECT_EQ(100, lb_call_i32(imp2, "get_counter", 0, 0));

	/* The device fd too: the registry goes with the last fd only. */
	ASSERT_EQ(0, close(self->dev));
	self->dev = lb_open_dev();
	EXPECT_EQ(4321, lb_call_i32(imp, "load", 1, 32));
	EXPECT_EQ(7, lb_call_i32(imp2, "call_slot", 1, 0));
	close(imp);
	EXPECT_EQ(42, lb_call_i32(imp2, "call_slot", 1, 1));
	close(imp2);
}

TEST_F(link, unknown_import)
{
	struct lb_error err;
	int ret;

	memset(&err, 0, sizeof(err));
	ret = load_instance(self->dev, &lb_wasm_link_unknown, NULL, &err);
	EXPECT_EQ(-ENOENT, ret);
	EXPECT_NE(NULL, strstr(err.msg, "unknown import"));
	EXPECT_NE(NULL, strstr(err.msg, "nosuch"));
	EXPECT_NE(NULL, strstr(err.msg, "thing")) TH_LOG("%s", err.msg);

	memset(&err, 0, sizeof(err));
	ret = load_instance(self->dev, &lb_wasm_link_unknown_field, NULL, &err);
	EXPECT_EQ(-ENOENT, ret);
	EXPECT_NE(NULL, strstr(err.msg, "nothing")) TH_LOG("%s", err.msg);

	/* Registered on another open file: unknown here. */
	ret = lb_open_dev();
	ASSERT_LE(0, ret);
	EXPECT_EQ(-ENOENT, load_instance(ret, &lb_wasm_link_importer, NULL,
					 NULL));
	close(ret);
}

TEST_F(link, incompatible_import)
{
	struct lb_error err;

	memset(&err, 0, sizeof(err));
	EXPECT_EQ(-EINVAL, load_instance(self->dev, &lb_wasm_link_bad, NULL,
					 &err));
	EXPECT_NE(NULL, strstr(err.msg, "incompatible import"))
		TH_LOG("%s", err.msg);
	/* nothing changed */
	EXPECT_EQ(7, call2(self->exp, "add", 3, 4));
}

TEST_F(link, spectest)
{
	int inst, inst2;
	char c = 0;

	inst = lb_load_instance(self->dev, &lb_wasm_link_spectest);
	ASSERT_LE(0, inst);
	EXPECT_EQ(666, lb_call_i32(inst, "get", 0, 0));
	EXPECT_EQ(1, lb_call_i32(inst, "size", 0, 0));
	/* one spectest instance per open file: its memory is shared */
	inst2 = lb_load_instance(self->dev, &lb_wasm_link_spectest);
	ASSERT_LE(0, inst2);
	ASSERT_EQ(0, lb_mem_rw(inst, 1, 100, "x", 1));
	close(inst);
	ASSERT_EQ(0, lb_mem_rw(inst2, 0, 100, &c, 1));
	EXPECT_EQ('x', c);
	EXPECT_EQ(666, lb_call_i32(inst2, "get", 0, 0));
	close(inst2);
}

TEST_F(link, failed_instance_stays_reachable)
{
	struct lb_error err;
	uint32_t trap = 0;

	memset(&err, 0, sizeof(err));
	EXPECT_EQ(-ECANCELED, load_instance(self->dev, &lb_wasm_link_failing,
					    &trap, &err));
	EXPECT_EQ(LB_TRAP_UNREACHABLE, trap);
	EXPECT_STREQ("unreachable", err.msg);
	/* its element segment ran, and its function can be called */
	EXPECT_EQ(43, lb_call_i32(self->exp, "call_slot", 1, 2));
	close(self->exp);
	self->exp = -1;
}

TEST_F(link, global_get)
{
	struct lb_global_get a = { .size = sizeof(a) };
	struct lb_error err;
	struct lb_value v;
	int imp;

	ASSERT_EQ(0, lb_global_get(self->exp, "counter", &v, NULL));
	EXPECT_EQ(LB_TYPE_I32, v.type);
	EXPECT_EQ(100, v.lo);
	ASSERT_EQ(0, lb_global_get(self->exp, "g_i64", &v, NULL));
	EXPECT_EQ(LB_TYPE_I64, v.type);
	EXPECT_EQ((uint64_t)-2, v.lo);
	ASSERT_EQ(0, lb_global_get(self->exp, "g_f32", &v, NULL));
	EXPECT_EQ(LB_TYPE_F32, v.type);
	EXPECT_EQ(0x3fc00000, v.lo);
	ASSERT_EQ(0, lb_global_get(self->exp, "g_f64", &v, NULL));
	EXPECT_EQ(LB_TYPE_F64, v.type);
	EXPECT_EQ(0xbfd0000000000000ULL, v.lo);
	ASSERT_EQ(0, lb_global_get(self->exp, "g_ref", &v, NULL));
	EXPECT_EQ(LB_TYPE_FUNCREF, v.type);
	EXPECT_NE(0, v.lo);
	EXPECT_EQ(0, v.hi);

	/* by index: exports 0 mem, 1 tab, 2 counter */
	a.flags = LB_GLOBAL_BY_INDEX;
	a.export_index = 2;
	ASSERT_EQ(0, lb_ioctl(self->exp, LB_IOC_GLOBAL_GET, &a));
	EXPECT_EQ(100, a.value.lo);
	a.export_index = 0;
	EXPECT_EQ(-ENOENT, lb_ioctl(self->exp, LB_IOC_GLOBAL_GET, &a));
	a.export_index = 1000;
	EXPECT_EQ(-ENOENT, lb_ioctl(self->exp, LB_IOC_GLOBAL_GET, &a));
	a.flags = 2;
	EXPECT_EQ(-EINVAL, lb_ioctl(self->exp, LB_IOC_GLOBAL_GET, &a));

	memset(&err, 0, sizeof(err));
	EXPECT_EQ(-ENOENT, lb_global_get(self->exp, "add", &v, &err));
	EXPECT_NE(0, err.msg[0]);
	EXPECT_EQ(-ENOENT, lb_global_get(self->exp, "nosuch", &v, NULL));

	/* through an importer's re-export: the exporter's cell */
	imp = lb_load_instance(self->dev, &lb_wasm_link_importer);
	ASSERT_LE(0, imp);
	EXPECT_EQ(101, lb_call_i32(self->exp, "bump", 0, 0));
	ASSERT_EQ(0, lb_global_get(imp, "counter2", &v, NULL));
	EXPECT_EQ(101, v.lo);
	EXPECT_EQ(0, lb_call_i32(imp, "set_counter", 1, 3));
	ASSERT_EQ(0, lb_global_get(self->exp, "counter", &v, NULL));
	EXPECT_EQ(3, v.lo);
	close(imp);

	/* the device fd has no globals to read */
	EXPECT_EQ(-ENOTTY, lb_ioctl(self->dev, LB_IOC_GLOBAL_GET, &a));
}

TEST_F(link, register_errors)
{
	struct lb_register r = {
		.size = sizeof(r),
		.name_ptr = (uintptr_t)"x",
		.name_len = 1,
	};
	struct {
		struct lb_register r;
		uint64_t tail;
	} big = { .r = r, .tail = 1 };
	int mod, other, other_inst, p[2];

	r.instance_fd = -1;
	EXPECT_EQ(-EBADF, lb_ioctl(self->dev, LB_IOC_REGISTER, &r));
	ASSERT_EQ(0, pipe(p));
	close(p[1]);
	r.instance_fd = p[1];
	EXPECT_EQ(-EBADF, lb_ioctl(self->dev, LB_IOC_REGISTER, &r));

	/* not an instance fd */
	r.instance_fd = p[0];
	EXPECT_EQ(-EINVAL, lb_ioctl(self->dev, LB_IOC_REGISTER, &r));
	close(p[0]);
	r.instance_fd = self->dev;
	EXPECT_EQ(-EINVAL, lb_ioctl(self->dev, LB_IOC_REGISTER, &r));
	mod = lb_load_wasm(self->dev, &lb_wasm_fib, NULL);
	ASSERT_LE(0, mod);
	r.instance_fd = mod;
	EXPECT_EQ(-EINVAL, lb_ioctl(self->dev, LB_IOC_REGISTER, &r));
	close(mod);

	/* an instance of another open file */
	other = lb_open_dev();
	ASSERT_LE(0, other);
	other_inst = lb_load_instance(other, &lb_wasm_fib);
	ASSERT_LE(0, other_inst);
	r.instance_fd = other_inst;
	EXPECT_EQ(-EINVAL, lb_ioctl(self->dev, LB_IOC_REGISTER, &r));
	EXPECT_EQ(0, lb_ioctl(other, LB_IOC_REGISTER, &r));
	close(other_inst);
	close(other);

	/* flags, struct size, bad pointers, the ioctl on the wrong fd */
	r.instance_fd = self->exp;
	r.flags = 1;
	EXPECT_EQ(-EINVAL, lb_ioctl(self->dev, LB_IOC_REGISTER, &r));
	r.flags = 0;
	r.size = 4;
	EXPECT_EQ(-EINVAL, lb_ioctl(self->dev, LB_IOC_REGISTER, &r));
	r.size = sizeof(r);
	big.r.instance_fd = self->exp;
	big.r.size = sizeof(big);
	EXPECT_EQ(-E2BIG, lb_ioctl(self->dev, LB_IOC_REGISTER, &big));
	big.tail = 0;
	EXPECT_EQ(0, lb_ioctl(self->dev, LB_IOC_REGISTER, &big));
	r.name_ptr = 16;
	EXPECT_EQ(-EFAULT, lb_ioctl(self->dev, LB_IOC_REGISTER, &r));
	r.name_ptr = (uintptr_t)"x";
	EXPECT_EQ(-ENOTTY, lb_ioctl(self->exp, LB_IOC_REGISTER, &r));

	/* The same instance under several names, the empty one included. */
	EXPECT_EQ(0, lb_register(self->dev, self->exp, "another"));
	EXPECT_EQ(0, lb_register(self->dev, self->exp, ""));
	EXPECT_EQ(0, lb_register(self->dev, self->exp, "exp"));
	EXPECT_EQ(5, call2(self->exp, "add", 2, 3));
}

/* --- concurrency ---------------------------------------------------- */

struct worker {
	int inst;
	uint32_t at;		/* its counter in the shared memory */
	int rounds;
	uint32_t per_round;
	int bad;
	int grown;
};

static void *work(void *p)
{
	struct worker *w = p;
	int i;

	for (i = 0; i < w->rounds; i++) {
		int64_t g = call2(w->inst, "work", w->per_round, w->at);

		if (g < 0)
			w->bad++;
		else
			w->grown += g;
	}
	return NULL;
}

/*
 * Two threads call two instances importing from a common exporter: each
 * call bumps the exporter's counter (a read-modify-write in Wasm code),
 * counts in the shared memory and grows it now and then.  Serialised by
 * the link mutex, no count is lost and no access misses the memory.
 */
TEST_F(link, two_threads_on_a_common_exporter)
{
	struct worker w[2];
	pthread_t t[2];
	struct lb_value v;
	uint32_t got;
	int i;

	for (i = 0; i < 2; i++) {
		w[i] = (struct worker){
			.at = 1024 + 4 * i,
			.rounds = 40,
			.per_round = 500,
		};
		w[i].inst = lb_load_instance(self->dev, &lb_wasm_link_worker);
		ASSERT_LE(0, w[i].inst);
	}
	for (i = 0; i < 2; i++)
		ASSERT_EQ(0, pthread_create(&t[i], NULL, work, &w[i]));
	/* and the exporter itself, from here */
	for (i = 0; i < 200; i++)
		EXPECT_LT(100, lb_call_i32(self->exp, "bump", 0, 0));
	for (i = 0; i < 2; i++) {
		pthread_join(t[i], NULL);
		EXPECT_EQ(0, w[i].bad);
		ASSERT_EQ(0, lb_mem_rw(self->exp, 0, w[i].at, &got, 4));
		EXPECT_EQ(w[i].rounds * w[i].per_round, got);
		close(w[i].inst);
	}
	ASSERT_EQ(0, lb_global_get(self->exp, "counter", &v, NULL));
	EXPECT_EQ(100 + 200 + 2 * 40 * 500, v.lo);
	EXPECT_EQ(1 + w[0].grown + w[1].grown,
		  lb_call_i32(self->exp, "size", 0, 0));
	EXPECT_LT(0, w[0].grown + w[1].grown);
}

struct bumper {
	int inst;
	int n;
	int bad;
};

static void *bump(void *p)
{
	struct bumper *b = p;
	int i;

	for (i = 0; i < b->n; i++)
		if (lb_call_i32(b->inst, "bump", 0, 0) < 0)
			b->bad++;
	return NULL;
}

/*
 * An instance is registered, and imported from, while another thread
 * keeps calling it: its calls move under the link mutex on the way.
 */
TEST_F(link, register_while_invoking)
{
	struct bumper b = { .n = 3000 };
	struct worker w = { .at = 2048, .rounds = 20, .per_round = 100 };
	struct lb_value v;
	pthread_t t;
	int i;

	b.inst = lb_load_instance(self->dev, &lb_wasm_link_exporter);
	ASSERT_LE(0, b.inst);
	ASSERT_EQ(0, pthread_create(&t, NULL, bump, &b));
	usleep(1000);
	ASSERT_EQ(0, lb_register(self->dev, b.inst, "exp"));
	w.inst = lb_load_instance(self->dev, &lb_wasm_link_worker);
	ASSERT_LE(0, w.inst);
	work(&w);
	pthread_join(t, NULL);
	EXPECT_EQ(0, b.bad);
	EXPECT_EQ(0, w.bad);
	ASSERT_EQ(0, lb_global_get(b.inst, "counter", &v, NULL));
	EXPECT_EQ(100 + 3000 + 20 * 100, v.lo);
	for (i = 0; i < 2; i++)
		close(i ? b.inst : w.inst);
}

struct long_call {
	int inst;
	int ret;
	struct lb_call c;
	struct lb_value args[2];
};

static void *long_call(void *p)
{
	struct long_call *l = p;

	l->ret = lb_invoke_call(l->inst, &l->c);
	return NULL;
}

/*
 * Closing the last fd of a linked instance while another thread runs
 * code of the same file does not wait for that call: the instance is
 * destroyed when the call gives the link mutex up.
 */
TEST_F(link, close_during_a_linked_call)
{
	struct long_call l = { 0 };
	pthread_t t;
	uint64_t t0, dt;
	int w2;

	l.inst = lb_load_instance(self->dev, &lb_wasm_link_worker);
	ASSERT_LE(0, l.inst);
	w2 = lb_load_instance(self->dev, &lb_wasm_link_worker);
	ASSERT_LE(0, w2);
	l.args[0] = lb_i32(0x7fffffff);
	l.args[1] = lb_i32(512);
	l.c.name = "work";
	l.c.args = l.args;
	l.c.nargs = 2;
	l.c.timeout_ns = 1500 * 1000000ULL;
	ASSERT_EQ(0, pthread_create(&t, NULL, long_call, &l));
	usleep(300000);

	t0 = lb_now();
	ASSERT_EQ(0, close(w2));
	dt = lb_now() - t0;
	EXPECT_GT(500 * 1000000ULL, dt) TH_LOG("close took %llu ms",
					       (unsigned long long)dt / 1000000);

	pthread_join(t, NULL);
	EXPECT_EQ(0, l.ret);
	EXPECT_EQ(LB_TRAP_TIMEOUT, l.c.trap);
	EXPECT_LT(100, lb_call_i32(self->exp, "bump", 0, 0));
	close(l.inst);
}

/* --- lifetimes ------------------------------------------------------ */

/*
 * One round: an exporter, importers of each kind (kept by the file, and
 * not), a failed instance, spectest, in one of six close orders.
 */
static int link_round(int order)
{
	int fds[6], dev, n = 0, i, ok = 1;
	uint32_t trap;

	dev = lb_open_dev();
	if (dev < 0)
		return dev;
	fds[n++] = dev;
	fds[n] = lb_load_instance(dev, &lb_wasm_link_exporter);
	if (fds[n] < 0 || lb_register(dev, fds[n], "exp"))
		return -EIO;
	n++;
	fds[n++] = lb_load_instance(dev, &lb_wasm_link_importer);
	fds[n++] = lb_load_instance(dev, &lb_wasm_link_worker);
	fds[n++] = lb_load_instance(dev, &lb_wasm_link_spectest);
	fds[n] = lb_load_wasm(dev, &lb_wasm_link_failing, NULL);
	for (i = 2; i <= n; i++)
		if (fds[i] < 0)
			return -EIO;
	ok = instantiate(fds[n], &trap, NULL) == -ECANCELED;
	n++;
	ok = ok && lb_call_i32(fds[2], "call_slot", 1, 2) == 43;
	ok = ok && call2(fds[3], "work", 10, 64) == 1;
	ok = ok && lb_call_i32(fds[4], "get", 0, 0) == 666;

	/* rotate and reverse: six different orders */
	for (i = 0; i < n; i++) {
		int k = (order & 1) ? n - 1 - i : i;

		close(fds[(k + order / 2) % n]);
	}
	return ok ? 0 : -EIO;
}

TEST(close_linked_in_many_orders)
{
	int order;

	for (order = 0; order < 12; order++)
		ASSERT_EQ(0, link_round(order)) TH_LOG("order %d", order);
}

/* A process exits with everything linked and open. */
TEST(exit_with_links)
{
	pid_t pid = fork();
	int status = 0;

	ASSERT_LE(0, pid);
	if (pid == 0) {
		int dev = lb_open_dev();
		int exp = lb_load_instance(dev, &lb_wasm_link_exporter);

		if (exp < 0 || lb_register(dev, exp, "exp") ||
		    lb_load_instance(dev, &lb_wasm_link_importer) < 0)
			_exit(2);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

FIXTURE(leaks) {
	struct lb_mem_use before;
	struct lb_mem_use after;
};

FIXTURE_SETUP(leaks)
{
}

FIXTURE_TEARDOWN(leaks)
{
}

TEST_F_TIMEOUT(leaks, linked_rounds, 600)
{
	const int rounds = 300;
	int i;

	for (i = 0; i < 30; i++)
		ASSERT_EQ(0, link_round(i % 12));
	lb_mem_use(&self->before);
	for (i = 0; i < rounds; i++)
		ASSERT_EQ(0, link_round(i % 12)) TH_LOG("round %d", i);
	lb_mem_use(&self->after);

	TH_LOG("Slab %ld -> %ld kB, VmallocUsed %ld -> %ld kB, code pool %ld -> %ld",
	       self->before.slab_kb, self->after.slab_kb,
	       self->before.vmalloc_kb, self->after.vmalloc_kb,
	       self->before.pool_used, self->after.pool_used);
	EXPECT_GT(1024, self->after.slab_kb - self->before.slab_kb);
	EXPECT_GT(256, self->after.vmalloc_kb - self->before.vmalloc_kb);
	EXPECT_EQ(self->before.pool_used, self->after.pool_used);
	ASSERT_LT(0, self->after.ncaches) TH_LOG("no /proc/slabinfo");
	EXPECT_EQ(0, lb_mem_caches_grown(&self->before, &self->after,
					 rounds / 2));
}

TEST_HARNESS_MAIN
