// SPDX-License-Identifier: GPL-2.0
/*
 * Every trap kind through LB_IOC_INVOKE, and every way to stop code that
 * never returns: fuel, a time limit, a signal to the invoking thread, and
 * SIGKILL from another process.  After each the instance (and the
 * kernel) must still work.
 */
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "lb_test.h"

#define MS	1000000ULL

FIXTURE(traps) {
	int dev;
	int inst;
};

FIXTURE_SETUP(traps)
{
	self->dev = lb_open_dev();
	ASSERT_LE(0, self->dev);
	self->inst = lb_load_instance(self->dev, &lb_wasm_traps);
	ASSERT_LE(0, self->inst) TH_LOG("%s", strerror(-self->inst));
}

FIXTURE_TEARDOWN(traps)
{
	close(self->inst);
	close(self->dev);
}

/*
 * Invoke `name` with up to two i32 arguments (or one f32 / i64 in args)
 * and expect trap `code` with a message containing `msg`, then check the
 * instance still answers.
 */
static void expect_trap(struct __test_metadata *_metadata, int inst,
			const char *name, const struct lb_value *args,
			int nargs, uint32_t code, const char *msg)
{
	struct lb_call c = { .name = name, .args = args, .nargs = nargs,
			     .timeout_ns = 30000 * MS };

	ASSERT_EQ(0, lb_invoke_call(inst, &c)) TH_LOG("%s: %s", name,
						      c.err.msg);
	EXPECT_EQ(code, c.trap) TH_LOG("%s: %s", name, c.err.msg);
	EXPECT_EQ(0, c.nresults);
	EXPECT_NE(NULL, strstr(c.err.msg, msg))
		TH_LOG("%s: \"%s\" lacks \"%s\"", name, c.err.msg, msg);
	EXPECT_EQ(1, lb_call_i32(inst, "ok", 0, 0));
}

TEST_F(traps, unreachable)
{
	expect_trap(_metadata, self->inst, "unreachable", NULL, 0,
		    LB_TRAP_UNREACHABLE, "unreachable");
}

TEST_F(traps, divide_by_zero)
{
	struct lb_value a[1] = { lb_i32(0) };
	struct lb_value b[1] = { lb_i64(0) };

	expect_trap(_metadata, self->inst, "div_zero", a, 1,
		    LB_TRAP_INT_DIV_ZERO, "integer divide by zero");
	expect_trap(_metadata, self->inst, "rem_zero", b, 1,
		    LB_TRAP_INT_DIV_ZERO, "integer divide by zero");
	EXPECT_EQ(0, lb_call_i32(self->inst, "div_zero", 1, 2));
}

TEST_F(traps, integer_overflow)
{
	struct lb_value a[2] = { lb_i32(0x80000000), lb_i32(-1) };

	expect_trap(_metadata, self->inst, "overflow", a, 2,
		    LB_TRAP_INT_OVERFLOW, "integer overflow");
}

TEST_F(traps, out_of_bounds_memory)
{
	static const uint32_t addrs[] = {
		65533, 65536, 0x7fffffff, 0x80000000, 0xfffffffc, 0xffffffff,
	};
	struct lb_value a[1];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(addrs); i++) {
		a[0] = lb_i32(addrs[i]);
		expect_trap(_metadata, self->inst, "load", a, 1,
			    LB_TRAP_MEM_OOB, "out of bounds memory access");
	}
	/* store writes 8 bytes at addr + 8: the last fitting address. */
	EXPECT_EQ(0, lb_call_i32(self->inst, "load", 1, 65532));
	EXPECT_EQ(0, lb_call_i32(self->inst, "store", 1, 65536 - 16));
	a[0] = lb_i32(65536 - 15);
	expect_trap(_metadata, self->inst, "store", a, 1, LB_TRAP_MEM_OOB,
		    "out of bounds memory access");
}

TEST_F(traps, call_stack_exhausted)
{
	struct lb_instantiate in = { .size = sizeof(in) };
	struct lb_value a[1] = { lb_i32(0) };
	static const uint32_t stacks[] = { 32 << 10, 0, 1 << 20 };
	unsigned int i;
	int mod, inst;

	mod = lb_load_wasm(self->dev, &lb_wasm_traps, NULL);
	ASSERT_LE(0, mod);
	for (i = 0; i < ARRAY_SIZE(stacks); i++) {
		in.stack_size = stacks[i];
		inst = lb_ioctl(mod, LB_IOC_INSTANTIATE, &in);
		ASSERT_LE(0, inst);
		expect_trap(_metadata, inst, "recurse", a, 1,
			    LB_TRAP_STACK_EXHAUSTED, "call stack exhausted");
		/* Twice: the stack is usable again after the first. */
		expect_trap(_metadata, inst, "recurse", a, 1,
			    LB_TRAP_STACK_EXHAUSTED, "call stack exhausted");
		close(inst);
	}
	close(mod);
}

TEST_F(traps, invalid_conversion)
{
	struct lb_value a[1] = { lb_f32(__builtin_nanf("")) };

	expect_trap(_metadata, self->inst, "invalid_conversion", a, 1,
		    LB_TRAP_INVALID_CONVERSION, "invalid conversion to integer");
	a[0] = lb_f32(3e9f);
	expect_trap(_metadata, self->inst, "invalid_conversion", a, 1,
		    LB_TRAP_INT_OVERFLOW, "integer overflow");
}

TEST(tables)
{
	struct lb_value a[1] = { lb_i32(0) };
	int dev = lb_open_dev(), inst;

	ASSERT_LE(0, dev);
	inst = lb_load_instance(dev, &lb_wasm_tables);
	ASSERT_LE(0, inst) TH_LOG("%s", strerror(-inst));
	EXPECT_EQ(7, lb_call_i32(inst, "call_slot", 1, 0));
	a[0] = lb_i32(1);
	expect_trap(_metadata, inst, "call_slot", a, 1,
		    LB_TRAP_INDIRECT_NULL, "uninitialized element");
	a[0] = lb_i32(2);
	expect_trap(_metadata, inst, "call_slot", a, 1,
		    LB_TRAP_TABLE_OOB, "undefined element");
	a[0] = lb_i32(0);
	expect_trap(_metadata, inst, "call_slot_wrong_type", a, 1,
		    LB_TRAP_SIG_MISMATCH, "indirect call type mismatch");
	close(inst);
	close(dev);
}

TEST(table_access)
{
	struct lb_value a[1] = { lb_i32(2) };
	struct lb_error err = { 0 };
	int dev = lb_open_dev(), mod, inst;

	ASSERT_LE(0, dev);
	mod = lb_load_wasm(dev, &lb_wasm_table_get, &err);
	/* A feature the engine does not support yet says so. */
	if (mod == -EOPNOTSUPP)
		SKIP(return, "%s", err.msg);
	ASSERT_LE(0, mod) TH_LOG("%s", err.msg);
	inst = lb_instantiate(mod, NULL);
	ASSERT_LE(0, inst);
	expect_trap(_metadata, inst, "table_get", a, 1,
		    LB_TRAP_TABLE_ACCESS_OOB, "out of bounds table access");
	close(inst);
	close(mod);
	close(dev);
}

TEST_F(traps, fuel_exhausted)
{
	static const char * const fns[] = { "loop_forever", "call_forever" };
	struct lb_value arg = lb_i32(20);
	struct lb_call c = { .fuel = 100000, .timeout_ns = 30000 * MS };
	unsigned int i;

	for (i = 0; i < 2; i++) {
		c.name = fns[i];
		ASSERT_EQ(0, lb_invoke_call(self->inst, &c));
		EXPECT_EQ(LB_TRAP_FUEL_EXHAUSTED, c.trap) TH_LOG("%s", fns[i]);
		EXPECT_NE(NULL, strstr(c.err.msg, "fuel exhausted"));
	}

	/* Calls burn fuel too: runaway recursion stops early. */
	c.name = "recurse";
	c.args = &arg;
	c.nargs = 1;
	c.fuel = 100;
	ASSERT_EQ(0, lb_invoke_call(self->inst, &c));
	EXPECT_EQ(LB_TRAP_FUEL_EXHAUSTED, c.trap);
	EXPECT_EQ(1, lb_call_i32(self->inst, "ok", 0, 0));
}

TEST(fuel_is_enough)
{
	struct lb_value arg = lb_i32(20);
	struct lb_call c = { .name = "fib", .args = &arg, .nargs = 1 };
	int dev = lb_open_dev(), inst;

	ASSERT_LE(0, dev);
	inst = lb_load_instance(dev, &lb_wasm_fib);
	ASSERT_LE(0, inst);
	c.fuel = 10;
	ASSERT_EQ(0, lb_invoke_call(inst, &c));
	EXPECT_EQ(LB_TRAP_FUEL_EXHAUSTED, c.trap);
	c.fuel = 1000000;
	ASSERT_EQ(0, lb_invoke_call(inst, &c));
	EXPECT_EQ(LB_TRAP_NONE, c.trap);
	EXPECT_EQ(10946, c.results[0].lo);
	close(inst);
	close(dev);
}

TEST_F(traps, time_limit)
{
	static const char * const fns[] = { "loop_forever", "call_forever" };
	struct lb_call c = { .timeout_ns = 300 * MS };
	uint64_t t0, dt;
	unsigned int i;

	for (i = 0; i < 2; i++) {
		c.name = fns[i];
		t0 = lb_now();
		ASSERT_EQ(0, lb_invoke_call(self->inst, &c));
		dt = lb_now() - t0;
		EXPECT_EQ(LB_TRAP_TIMEOUT, c.trap) TH_LOG("%s", fns[i]);
		EXPECT_NE(NULL, strstr(c.err.msg, "time limit exceeded"));
		EXPECT_LE(300 * MS, dt);
		/* Generous: TCG is slow, but not seconds late. */
		EXPECT_GT(5000 * MS, dt) TH_LOG("%s took %llu ms", fns[i],
						(unsigned long long)(dt / MS));
	}
	EXPECT_EQ(1, lb_call_i32(self->inst, "ok", 0, 0));
}

static void on_signal(int sig)
{
	(void)sig;
}

/* A handled signal (no SA_RESTART) interrupts the code: a clean trap. */
TEST_F(traps, interrupted_by_signal)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct itimerval it = { .it_value = { .tv_usec = 200000 } };
	struct lb_call c = { .name = "loop_forever",
			     .timeout_ns = 30000 * MS };
	uint64_t t0;
	int ret;

	ASSERT_EQ(0, sigaction(SIGALRM, &sa, NULL));
	t0 = lb_now();
	ASSERT_EQ(0, setitimer(ITIMER_REAL, &it, NULL));
	ret = lb_invoke_call(self->inst, &c);
	ASSERT_EQ(0, ret) TH_LOG("%s", strerror(-ret));
	EXPECT_EQ(LB_TRAP_INTERRUPTED, c.trap) TH_LOG("%s", c.err.msg);
	EXPECT_NE(NULL, strstr(c.err.msg, "interrupted"));
	EXPECT_GT(10000 * MS, lb_now() - t0);
	EXPECT_EQ(1, lb_call_i32(self->inst, "ok", 0, 0));
}

/*
 * A child process spins in `fn` with no limit; the parent kills it with
 * SIGKILL after a while.  The child must die of SIGKILL promptly, and the
 * parent's own instance must still work.
 */
static void kill_spinning_child(struct __test_metadata *_metadata,
				int dev, const char *fn)
{
	uint64_t t0;
	pid_t pid, w;
	int status = 0, inst;

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		int ci = lb_load_instance(dev, &lb_wasm_traps);

		if (ci < 0)
			_exit(2);
		lb_call_i32(ci, fn, 0, 0);
		_exit(3);	/* returned: wrong */
	}
	usleep(500000);
	ASSERT_EQ(0, kill(pid, SIGKILL));
	t0 = lb_now();
	do {
		w = waitpid(pid, &status, WNOHANG);
		if (w == 0)
			usleep(10000);
	} while (w == 0 && lb_now() - t0 < 10000 * MS);
	ASSERT_EQ(pid, w) TH_LOG("%s: child did not die within 10 s", fn);
	EXPECT_TRUE(WIFSIGNALED(status)) TH_LOG("status %#x", status);
	EXPECT_EQ(SIGKILL, WTERMSIG(status));

	inst = lb_load_instance(dev, &lb_wasm_fib);
	ASSERT_LE(0, inst);
	EXPECT_EQ(10946, lb_call_i32(inst, "fib", 1, 20));
	close(inst);
}

TEST_F(traps, sigkill_from_another_process)
{
	kill_spinning_child(_metadata, self->dev, "loop_forever");
	kill_spinning_child(_metadata, self->dev, "call_forever");
}

TEST(start_function)
{
	struct lb_error err = { 0 };
	struct lb_instantiate in = {
		.size = sizeof(in),
		.error_ptr = (uintptr_t)&err,
	};
	int dev = lb_open_dev(), mod;

	ASSERT_LE(0, dev);
	mod = lb_load_wasm(dev, &lb_wasm_start_trap, NULL);
	ASSERT_LE(0, mod);
	EXPECT_EQ(-ECANCELED, lb_ioctl(mod, LB_IOC_INSTANTIATE, &in));
	EXPECT_EQ(LB_TRAP_UNREACHABLE, in.trap_code);
	EXPECT_NE(NULL, strstr(err.msg, "unreachable"));
	close(mod);

	mod = lb_load_wasm(dev, &lb_wasm_start_loop, NULL);
	ASSERT_LE(0, mod);
	in.fuel = 10000;
	EXPECT_EQ(-ECANCELED, lb_ioctl(mod, LB_IOC_INSTANTIATE, &in));
	EXPECT_EQ(LB_TRAP_FUEL_EXHAUSTED, in.trap_code);
	in.fuel = 0;
	in.timeout_ns = 200 * MS;
	EXPECT_EQ(-ECANCELED, lb_ioctl(mod, LB_IOC_INSTANTIATE, &in));
	EXPECT_EQ(LB_TRAP_TIMEOUT, in.trap_code);
	close(mod);
	close(dev);
}

TEST_HARNESS_MAIN
