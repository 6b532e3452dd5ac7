// SPDX-License-Identifier: GPL-2.0
/*
 * The engine's platform hooks (codegen/platform.h), kernel flavour:
 * accounted allocations, the FPU section generated code runs in, the
 * tick and the poll that keep a long-running invocation preemptible and
 * killable, time and CPU features.  Executable memory is in code_pool.c, the
 * mitigation thunks in thunks.c.
 */
#include <linux/hrtimer.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/vmalloc.h>
#include <asm/cpufeature.h>
#include <asm/fpu/api.h>

#include "codegen/engine.h"

/*
 * Everything the engine allocates is charged to the caller's memory
 * cgroup.  Sizes come from user input, so a failure is an errno, never a
 * warning with a backtrace.
 */
void *lb_alloc(size_t size)
{
	return kvzalloc(size, GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
}

void *lb_alloc_raw(size_t size)
{
	return kvmalloc(size, GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
}

void lb_free(void *p)
{
	kvfree(p);
}

/*
 * Linear memories and Wasm stacks: page-granular and possibly large, so
 * vmalloc; __GFP_RETRY_MAYFAIL lets a big request fail instead of waking
 * the OOM killer.
 */
void *lb_mem_alloc(size_t size)
{
	return __vmalloc(size, GFP_KERNEL_ACCOUNT | __GFP_ZERO |
			 __GFP_NOWARN | __GFP_RETRY_MAYFAIL);
}

void lb_mem_free(void *p, size_t size)
{
	vfree(p);
}

/*
 * Generated code uses SSE and clobbers the FPU state, which the kernel
 * only allows between kernel_fpu_begin() and kernel_fpu_end().  That
 * section also disables preemption: see lb_poll().
 */
void lb_exec_begin(void)
{
	kernel_fpu_begin();
}

void lb_exec_end(void)
{
	kernel_fpu_end();
}

/*
 * Called from generated code inside the FPU section when the tick below
 * (or fuel) tripped the invocation's poll word: about every millisecond.  Any pending signal ends the invocation (the
 * ioctl then returns to user space, where the signal is delivered), so
 * kill -9 and ^C work on an infinite loop.  To reschedule we must leave
 * the FPU section: cond_resched() inside it would be a silent no-op and
 * the CPU would hang until the soft-lockup watchdog fired.  The engine
 * treats every XMM register as clobbered across this call.
 */
int lb_poll(void)
{
	if (signal_pending(current))
		return LB_TRAP_INTERRUPTED;
	if (need_resched()) {
		kernel_fpu_end();
		cond_resched();
		kernel_fpu_begin();
	}
	return 0;
}

/*
 * The tick: an hrtimer per invocation, in the engine's struct lb_tick,
 * that trips the poll word every LB_TICK_PERIOD_NS.  Generated code runs
 * with preemption off, so the scheduler cannot take the CPU from it:
 * without the trip a Wasm loop would never look at need_resched() or a
 * pending signal.  The timer is a hard one (hardirq context even on
 * PREEMPT_RT, where a soft one would wait for the very task it must
 * interrupt); its callback only stores a word.  The task may sleep or
 * migrate while the timer runs (memory.grow, cond_resched() in
 * lb_poll()): a trip then lands on the word from another CPU, which is
 * harmless.  lb_tick_stop() waits for a running callback, so the word
 * (in the instance) outlives every store to it.
 *
 * The timer may fire up to a scheduler tick late: with that slack it
 * usually expires with the tick's own interrupt, so arming and
 * cancelling it rarely reprogram the timer hardware (costly, and a VM
 * exit in a guest), which would otherwise happen twice per invocation.
 */
#define LB_TICK_SLACK_NS	TICK_NSEC

static struct hrtimer *lb_tick_timer(struct lb_tick *t)
{
	return (struct hrtimer *)t->priv;
}

static enum hrtimer_restart lb_tick_fn(struct hrtimer *timer)
{
	struct lb_tick *t = container_of((u64 *)timer, struct lb_tick,
					 priv[0]);

	WRITE_ONCE(*t->word, LB_TICK_TRIP);
	hrtimer_forward_now(timer, ns_to_ktime(LB_TICK_PERIOD_NS));
	return HRTIMER_RESTART;
}

int lb_tick_start(struct lb_tick *t, u64 *word, u64 timeout_ns)
{
	struct hrtimer *timer = lb_tick_timer(t);
	u64 first = LB_TICK_PERIOD_NS;

	BUILD_BUG_ON(sizeof(struct hrtimer) > sizeof(t->priv));
	if (timeout_ns && timeout_ns < first)
		first = timeout_ns;
	t->word = word;
	hrtimer_init(timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	timer->function = lb_tick_fn;
	hrtimer_start_range_ns(timer, ns_to_ktime(first), LB_TICK_SLACK_NS,
			       HRTIMER_MODE_REL_HARD);
	return 0;
}

void lb_tick_stop(struct lb_tick *t)
{
	hrtimer_cancel(lb_tick_timer(t));
}

u64 lb_now_ns(void)
{
	return ktime_get_ns();
}

u32 lb_cpu_features(void)
{
	u32 f = 0;

	if (boot_cpu_has(X86_FEATURE_POPCNT))
		f |= LB_CPU_POPCNT;
	if (boot_cpu_has(X86_FEATURE_ABM))
		f |= LB_CPU_LZCNT;
	if (boot_cpu_has(X86_FEATURE_BMI1))
		f |= LB_CPU_BMI1;
	if (boot_cpu_has(X86_FEATURE_BMI2))
		f |= LB_CPU_BMI2;
	if (boot_cpu_has(X86_FEATURE_XMM4_1))
		f |= LB_CPU_SSE41;
	if (boot_cpu_has(X86_FEATURE_AVX2))
		f |= LB_CPU_AVX2;
	return f;
}
