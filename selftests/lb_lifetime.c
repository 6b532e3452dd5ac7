// SPDX-License-Identifier: GPL-2.0
/*
 * Object lifetimes: the device, module and instance fds closed in every
 * order, closed while another thread is inside an endless invocation,
 * and thousands of load/instantiate/invoke/close rounds with no growth
 * in kernel memory.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "lb_test.h"

#define MS	1000000ULL

TEST(close_in_every_order)
{
	static const int orders[6][3] = {
		{ 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 },
		{ 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 },
	};
	struct lb_export_info ei = { .size = sizeof(ei) };
	int fds[3], open_[3], i, j, k, fd;

	for (i = 0; i < 6; i++) {
		fds[0] = lb_open_dev();
		ASSERT_LE(0, fds[0]);
		fds[1] = lb_load_wasm(fds[0], &lb_wasm_fib, NULL);
		ASSERT_LE(0, fds[1]);
		fds[2] = lb_instantiate(fds[1], NULL);
		ASSERT_LE(0, fds[2]);
		for (k = 0; k < 3; k++)
			open_[k] = 1;

		for (j = 0; j < 3; j++) {
			ASSERT_EQ(0, close(fds[orders[i][j]]));
			open_[orders[i][j]] = 0;
			/* What is still open still works. */
			if (open_[0]) {
				fd = lb_load_wasm(fds[0], &lb_wasm_fib, NULL);
				EXPECT_LE(0, fd);
				close(fd);
			}
			if (open_[1]) {
				EXPECT_EQ(0, lb_ioctl(fds[1], LB_IOC_EXPORT_INFO,
						      &ei));
				fd = lb_instantiate(fds[1], NULL);
				EXPECT_LE(0, fd);
				if (fd >= 0) {
					EXPECT_EQ(8, lb_call_i32(fd, "fib", 1, 5));
					close(fd);
				}
			}
			if (open_[2])
				EXPECT_EQ(89, lb_call_i32(fds[2], "fib", 1, 10))
					TH_LOG("order %d, step %d", i, j);
		}
	}
}

struct spinner {
	int inst;
	const char *fn;
	uint64_t timeout_ns;
	int done;		/* atomic */
	int ret;
	struct lb_call c;
};

static void *spin(void *p)
{
	struct spinner *s = p;

	s->c.name = s->fn;
	s->c.timeout_ns = s->timeout_ns;
	s->ret = lb_invoke_call(s->inst, &s->c);
	__atomic_store_n(&s->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

static void on_signal(int sig)
{
	(void)sig;
}

/* Join within `ms` milliseconds: 0 or an error number. */
static int join_within(pthread_t t, unsigned int ms)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += (ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	return pthread_timedjoin_np(t, NULL, &ts);
}

/*
 * Close every fd while a thread is in an endless invocation; it must
 * keep running (the call holds the file), then stop on a signal, or on
 * its time limit, and everything is freed (rmmod after the run checks).
 */
TEST(close_while_invoking)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct spinner s = { 0 };
	pthread_t t;
	int dev, mod, pass;

	ASSERT_EQ(0, sigaction(SIGUSR1, &sa, NULL));
	for (pass = 0; pass < 2; pass++) {
		dev = lb_open_dev();
		ASSERT_LE(0, dev);
		mod = lb_load_wasm(dev, &lb_wasm_traps, NULL);
		ASSERT_LE(0, mod);
		memset(&s, 0, sizeof(s));
		s.inst = lb_instantiate(mod, NULL);
		ASSERT_LE(0, s.inst);
		s.fn = pass ? "call_forever" : "loop_forever";
		/* pass 0 ends by signal, pass 1 by its time limit. */
		s.timeout_ns = pass ? 1500 * MS : 60000 * MS;
		ASSERT_EQ(0, pthread_create(&t, NULL, spin, &s));
		usleep(300000);

		close(s.inst);
		close(mod);
		close(dev);
		usleep(300000);
		EXPECT_EQ(0, __atomic_load_n(&s.done, __ATOMIC_ACQUIRE))
			TH_LOG("the call ended on close");

		if (!pass)
			ASSERT_EQ(0, pthread_kill(t, SIGUSR1));
		ASSERT_EQ(0, join_within(t, 20000)) TH_LOG("%s still running",
							   s.fn);
		EXPECT_EQ(0, s.ret);
		EXPECT_EQ(pass ? LB_TRAP_TIMEOUT : LB_TRAP_INTERRUPTED,
			  s.c.trap) TH_LOG("%s", s.c.err.msg);
		/* The fd is gone for good now. */
		EXPECT_EQ(-EBADF, lb_ioctl(s.inst, LB_IOC_NOP, NULL));
	}
}

/* exit() with another thread inside an endless call: the process ends. */
TEST(exit_while_invoking)
{
	uint64_t t0;
	pid_t pid, w;
	int status = 0;

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct spinner s = { .fn = "loop_forever" };
		int dev = lb_open_dev();
		pthread_t t;

		s.inst = lb_load_instance(dev, &lb_wasm_traps);
		if (s.inst < 0 || pthread_create(&t, NULL, spin, &s))
			_exit(2);
		usleep(300000);
		if (__atomic_load_n(&s.done, __ATOMIC_ACQUIRE))
			_exit(3);
		_exit(0);
	}
	t0 = lb_now();
	do {
		w = waitpid(pid, &status, WNOHANG);
		if (w == 0)
			usleep(10000);
	} while (w == 0 && lb_now() - t0 < 15000 * MS);
	ASSERT_EQ(pid, w) TH_LOG("the process did not end within 15 s");
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

/* One round: load, instantiate, run, read memory, close everything. */
static int round_trip(int dev, int i)
{
	unsigned char b[16];
	int mod, inst, ok;

	mod = lb_load_wasm(dev, &lb_wasm_memory, NULL);
	if (mod < 0)
		return mod;
	inst = lb_instantiate(mod, NULL);
	close(mod);
	if (inst < 0)
		return inst;
	ok = lb_call_i32(inst, "load8", 1, i % 9) == "lightbeam"[i % 9] &&
	     lb_mem_rw(inst, 0, 0, b, sizeof(b)) == 0;
	close(inst);

	inst = lb_load_instance(dev, &lb_wasm_fib);
	if (inst < 0)
		return inst;
	ok = ok && lb_call_i32(inst, "fib", 1, 12) == 233;
	close(inst);
	return ok ? 0 : -EIO;
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

TEST_F_TIMEOUT(leaks, two_thousand_rounds, 600)
{
	const int rounds = 2000;
	int dev, i, ret;

	/* Warm up: caches and per-CPU lists fill once. */
	for (i = 0; i < 200; i++) {
		dev = lb_open_dev();
		ASSERT_LE(0, dev);
		ASSERT_EQ(0, round_trip(dev, i));
		close(dev);
	}
	lb_mem_use(&self->before);
	for (i = 0; i < rounds; i++) {
		dev = lb_open_dev();
		ASSERT_LE(0, dev);
		ret = round_trip(dev, i);
		ASSERT_EQ(0, ret) TH_LOG("round %d: %s", i, strerror(-ret));
		close(dev);
	}
	lb_mem_use(&self->after);

	TH_LOG("Slab %ld -> %ld kB, VmallocUsed %ld -> %ld kB, code pool %ld -> %ld",
	       self->before.slab_kb, self->after.slab_kb,
	       self->before.vmalloc_kb, self->after.vmalloc_kb,
	       self->before.pool_used, self->after.pool_used);
	EXPECT_GT(1024, self->after.slab_kb - self->before.slab_kb);
	EXPECT_GT(256, self->after.vmalloc_kb - self->before.vmalloc_kb);
	EXPECT_EQ(self->before.pool_used, self->after.pool_used);

	/* A leak of one object a round shows as `rounds` more objects. */
	ASSERT_LT(0, self->after.ncaches) TH_LOG("no /proc/slabinfo");
	EXPECT_EQ(0, lb_mem_caches_grown(&self->before, &self->after,
					 rounds / 2));
}

TEST_HARNESS_MAIN
