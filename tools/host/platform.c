// SPDX-License-Identifier: GPL-2.0
/*
 * The engine's platform hooks (codegen/platform.h) for user space: lbctl
 * running modules in-process and the user-space engine tests.  (The
 * bookkeeping allocator is alloc.c.)
 *
 * Code memory is a private anonymous mapping at c->exec, placed within
 * rel32 reach of `near` so generated code can `call rel32` the engine's
 * helpers.  It is never writable and executable at once (W^X, as the
 * kernel's code pool): it is read-write while the compiler fills it and
 * read-execute from lb_code_seal() on, one mprotect per mapping.  (Making
 * it writable around every write cost two mprotects, each a walk over
 * the mapping's page tables and a TLB flush, per write and per batch of
 * patches.)
 * (A memfd mapped twice, a writable alias beside the executable view,
 * cost twice as much per page: shmem's page cache bookkeeping on every
 * fault and on every unmap, about 30 ms for esbuild's 28 MB of code.)
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <cpuid.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "../../codegen/engine.h"
#include "alloc.h"

#ifndef sigev_notify_thread_id
#define sigev_notify_thread_id	_sigev_un._tid
#endif

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE	0x100000
#endif

/*
 * Code must reach every helper in the executable image, not only `near`
 * itself: keep this much of the rel32 range as slack for the image size.
 */
#define LB_REACH_SLACK		(256ULL << 20)
#define LB_REACH		((1ULL << 31) - LB_REACH_SLACK)
#define LB_HINT_STEP		(32ULL << 20)
/* Nothing below this: mmap_min_addr and the usual non-PIE image base. */
#define LB_LOWEST_HINT		(16ULL << 20)

static size_t lb_page_round(size_t size)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);

	if (!size)
		return page;
	if (size > SIZE_MAX - page)
		return 0;
	return (size + page - 1) & ~(page - 1);
}

void *lb_mem_alloc(size_t size)
{
	size_t len = lb_page_round(size);
	void *p;

	if (!len)
		return NULL;
	p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

void lb_mem_free(void *p, size_t size)
{
	if (p)
		munmap(p, lb_page_round(size));
}

static bool lb_within_reach(uintptr_t start, size_t len, uintptr_t near)
{
	uintptr_t end = start + len;
	uintptr_t lo = start < near ? start : near;
	uintptr_t hi = end > near ? end : near;

	return hi - lo <= LB_REACH;
}

/*
 * The pages are populated at once, writable: the caller writes all of
 * them next, and one populate costs far less than a fault per page.
 */
#define LB_CODE_MAP_FLAGS (MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE)

/*
 * A mapping that can hold a transparent huge page starts on a huge page
 * boundary and asks for one before it is populated: the kernel then
 * allocates, clears and maps 2 MiB at a time instead of 512 pages one
 * by one, and unmaps as cheaply.  (Populating esbuild's 27 MB of code
 * page by page was half the compile's system time, 7% of its time.)
 * Where THP is off, or no huge page is free, it is populated as before.
 */
static uintptr_t lb_map_align(size_t len)
{
	return len >= LB_HUGE_PAGE ? LB_HUGE_PAGE :
	       (uintptr_t)sysconf(_SC_PAGESIZE);
}

static void *lb_map_code(void *hint, size_t len, int flags)
{
	void *p;

	if (len < LB_HUGE_PAGE)
		return mmap(hint, len, PROT_READ | PROT_WRITE,
			    LB_CODE_MAP_FLAGS | flags, -1, 0);
	p = mmap(hint, len, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);
	if (p == MAP_FAILED)
		return p;
	/* Both only advise: without them the writes fault the pages in. */
	madvise(p, len, MADV_HUGEPAGE);
	madvise(p, len, MADV_POPULATE_WRITE);
	return p;
}

/* Try one address; the mapping if it is there and in reach, else NULL. */
static void *lb_try_map(uintptr_t hint, size_t len, uintptr_t near)
{
	void *p = lb_map_code((void *)hint, len, MAP_FIXED_NOREPLACE);

	if (p == MAP_FAILED)
		return NULL;
	/* Kernels before 4.17 treat the flag as a mere hint. */
	if (!lb_within_reach((uintptr_t)p, len, near)) {
		munmap(p, len);
		return NULL;
	}
	return p;
}

/*
 * The `align`-aligned start in [lo, hi - len] closest to `near`, or 0 if
 * none fits.
 */
static uintptr_t lb_closest_in_gap(uintptr_t lo, uintptr_t hi, size_t len,
				   uintptr_t near, uintptr_t align)
{
	uintptr_t first = (lo + align - 1) & ~(align - 1);
	uintptr_t last = (hi - len) & ~(align - 1);
	uintptr_t want = near & ~(align - 1);

	if (last < first)
		return 0;
	if (want < first)
		return first;
	if (want > last)
		return last;
	return want;
}

/*
 * Find the hole in the address space closest to `near` that fits `len`
 * by reading /proc/self/maps, and map there.  NULL if there is none in
 * reach or /proc is not there.
 */
static void *lb_map_from_maps(size_t len, uintptr_t near)
{
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t prev_end = LB_LOWEST_HINT, best = 0, best_dist = UINTPTR_MAX;
	/* One guard page on either side keeps neighbours apart. */
	size_t need = len + 2 * page;
	unsigned long lo, hi;
	char line[512];
	bool last = false;
	FILE *f;

	f = fopen("/proc/self/maps", "re");
	if (!f)
		return NULL;
	while (!last) {
		uintptr_t gap_lo = prev_end, gap_hi, cand, dist;

		if (fgets(line, sizeof(line), f)) {
			if (sscanf(line, "%lx-%lx", &lo, &hi) != 2)
				continue;
		} else {
			/* The hole above the last mapping, to 128 TiB. */
			lo = 1UL << 47;
			hi = lo;
			last = true;
		}
		gap_hi = lo;
		if (hi > prev_end)
			prev_end = hi;
		if (gap_hi <= gap_lo || gap_hi - gap_lo < need)
			continue;
		cand = lb_closest_in_gap(gap_lo + page, gap_hi - page, len,
					 near, lb_map_align(len));
		if (!cand || !lb_within_reach(cand, len, near))
			continue;
		dist = cand > near ? cand - near : near - cand;
		if (dist < best_dist) {
			best = cand;
			best_dist = dist;
		}
	}
	fclose(f);
	return best ? lb_try_map(best, len, near) : NULL;
}

/*
 * Walk outwards from `near` in both directions until a hole fits: the
 * fallback when /proc/self/maps cannot be read.
 */
static void *lb_map_walk(size_t len, uintptr_t near)
{
	uintptr_t base = near & ~(uintptr_t)(LB_HINT_STEP - 1);
	u64 dist;
	void *p;

	for (dist = LB_HINT_STEP; dist < LB_REACH; dist += LB_HINT_STEP) {
		if (base + dist > base) {
			p = lb_try_map(base + dist, len, near);
			if (p)
				return p;
		}
		if (base > dist && base - dist >= LB_LOWEST_HINT) {
			p = lb_try_map(base - dist, len, near);
			if (p)
				return p;
		}
	}
	return NULL;
}

/*
 * Where the last placement ended: a module's chunks come one after the
 * other and the space after the last one is usually free, which spares a
 * read of /proc/self/maps per chunk.  Only a hint: a race costs a retry.
 */
static uintptr_t lb_next_hint;

static void *lb_map_near(size_t len, uintptr_t near)
{
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t align = lb_map_align(len);
	uintptr_t hint = __atomic_load_n(&lb_next_hint, __ATOMIC_RELAXED);
	void *p = NULL;
	int tries;

	hint = (hint + align - 1) & ~(align - 1);
	if (hint && lb_within_reach(hint, len, near))
		p = lb_try_map(hint, len, near);
	/* Another thread may take the hole between reading and mapping. */
	for (tries = 0; !p && tries < 3; tries++)
		p = lb_map_from_maps(len, near);
	if (!p)
		p = lb_map_walk(len, near);
	/* A guard page keeps the next one apart, as lb_map_from_maps(). */
	if (p)
		__atomic_store_n(&lb_next_hint, (uintptr_t)p + len + page,
				 __ATOMIC_RELAXED);
	return p;
}

int lb_code_alloc(struct lb_code *c, size_t size, const void *near)
{
	size_t len = lb_page_round(size);
	void *exec;

	memset(c, 0, sizeof(*c));
	if (!len)
		return -ENOMEM;
	if (near) {
		exec = lb_map_near(len, (uintptr_t)near);
		if (!exec)
			return -ERANGE;
	} else {
		exec = lb_map_code(NULL, len, 0);
		if (exec == MAP_FAILED)
			return -ENOMEM;
	}
	c->exec = exec;
	c->size = size;
	/* Stray jumps past the end stop at once. */
	memset((u8 *)exec + size, 0xcc, len - size);
	return 0;
}

int lb_code_write(struct lb_code *c, size_t off, const void *src, size_t len)
{
	if (!c->exec || off > c->size || len > c->size - off)
		return -EINVAL;
	if (c->sealed)
		return -EPERM;
	memcpy((u8 *)c->exec + off, src, len);
	return 0;
}

int lb_code_patch32(struct lb_code *c, const struct lb_code_patch *p,
		    size_t n)
{
	size_t i;

	if (!c->exec)
		return -EINVAL;
	if (c->sealed)
		return -EPERM;
	for (i = 0; i < n; i++) {
		if (p[i].off > c->size || c->size - p[i].off < 4)
			return -EINVAL;
	}
	for (i = 0; i < n; i++)
		memcpy((u8 *)c->exec + p[i].off, &p[i].val, 4);
	return 0;
}

/* W^X: from now on executable, never again writable. */
int lb_code_seal(struct lb_code *c)
{
	if (!c->exec)
		return -EINVAL;
	if (c->sealed)
		return 0;
	if (mprotect(c->exec, lb_page_round(c->size), PROT_READ | PROT_EXEC))
		return -errno;
	c->sealed = true;
	return 0;
}

void lb_code_free(struct lb_code *c)
{
	if (!c->exec)
		return;
	munmap(c->exec, lb_page_round(c->size));
	memset(c, 0, sizeof(*c));
}

/* User space needs no FPU bracketing: the process owns its registers. */
void lb_exec_begin(void)
{
}

void lb_exec_end(void)
{
}

/* Signals are delivered as usual: their default action ends the process. */
int lb_poll(void)
{
	return 0;
}

/*
 * The tick exists only for deadlines: a POSIX timer sends LB_TICK_SIGNAL
 * to the invoking thread at the deadline and every period after it, and
 * the handler trips the word of the invocation this thread is running.
 * The word is found through a thread-local pointer, never through the
 * signal's payload: a signal still queued when lb_tick_stop() deletes
 * the timer is then harmless (it finds no word, or a later
 * invocation's, which just polls once more).
 */
#define LB_TICK_SIGNAL		(SIGRTMIN + 4)

static __thread u64 *lb_tick_word;
static pthread_once_t lb_tick_once = PTHREAD_ONCE_INIT;
static int lb_tick_error;	/* of installing the handler */

struct lb_host_tick {
	timer_t timer;
	u64 *prev;	/* an outer invocation's word, restored at stop */
	bool armed;
};

_Static_assert(sizeof(struct lb_host_tick) <=
	       sizeof(((struct lb_tick *)0)->priv), "lb_tick.priv too small");

static void lb_tick_handler(int sig, siginfo_t *si, void *uc)
{
	u64 *w = READ_ONCE(lb_tick_word);

	(void)sig;
	(void)si;
	(void)uc;
	if (w)
		__atomic_store_n(w, LB_TICK_TRIP, __ATOMIC_RELAXED);
}

static void lb_tick_init(void)
{
	struct sigaction sa = { .sa_sigaction = lb_tick_handler,
				.sa_flags = SA_SIGINFO | SA_RESTART };

	sigemptyset(&sa.sa_mask);
	if (sigaction(LB_TICK_SIGNAL, &sa, NULL))
		lb_tick_error = errno;
}

int lb_tick_start(struct lb_tick *t, u64 *word, u64 timeout_ns)
{
	struct lb_host_tick *h = (struct lb_host_tick *)t->priv;
	struct sigevent ev = { .sigev_notify = SIGEV_THREAD_ID,
			       .sigev_signo = LB_TICK_SIGNAL };
	struct itimerspec its = {
		.it_value = { .tv_sec = timeout_ns / 1000000000ULL,
			      .tv_nsec = timeout_ns % 1000000000ULL },
		.it_interval = { .tv_nsec = LB_TICK_PERIOD_NS },
	};

	t->word = word;
	h->armed = false;
	if (!timeout_ns)
		return 0;		/* nothing to tick for */
	pthread_once(&lb_tick_once, lb_tick_init);
	if (lb_tick_error)
		return -lb_tick_error;
	ev.sigev_notify_thread_id = (pid_t)syscall(SYS_gettid);
	if (timer_create(CLOCK_MONOTONIC, &ev, &h->timer))
		return -errno;
	h->prev = lb_tick_word;
	WRITE_ONCE(lb_tick_word, word);
	if (timer_settime(h->timer, 0, &its, NULL)) {
		int e = errno;

		WRITE_ONCE(lb_tick_word, h->prev);
		timer_delete(h->timer);
		return -e;
	}
	h->armed = true;
	return 0;
}

void lb_tick_stop(struct lb_tick *t)
{
	struct lb_host_tick *h = (struct lb_host_tick *)t->priv;

	if (h->armed) {
		timer_delete(h->timer);
		WRITE_ONCE(lb_tick_word, h->prev);
		h->armed = false;
	}
	t->word = NULL;
}

u64 lb_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ULL + (u64)ts.tv_nsec;
}

static u32 lb_cpuid_features(void)
{
	unsigned int eax, ebx, ecx, edx;
	unsigned int max_leaf;
	u32 f = 0;
	bool os_avx = false;

	max_leaf = (unsigned int)__get_cpuid_max(0, NULL);
	if (max_leaf >= 1 && __get_cpuid(1, &eax, &ebx, &ecx, &edx)) {
		if (ecx & bit_SSE4_1)
			f |= LB_CPU_SSE41;
		if (ecx & bit_POPCNT)
			f |= LB_CPU_POPCNT;
		/* AVX state must be enabled by the OS in XCR0 (bits 1, 2). */
		if ((ecx & bit_OSXSAVE) && (ecx & bit_AVX)) {
			unsigned int lo, hi;

			__asm__ volatile ("xgetbv" : "=a" (lo), "=d" (hi)
					  : "c" (0));
			os_avx = (lo & 6) == 6;
		}
	}
	if (max_leaf >= 7) {
		__cpuid_count(7, 0, eax, ebx, ecx, edx);
		if (ebx & bit_BMI)
			f |= LB_CPU_BMI1;
		if (ebx & bit_BMI2)
			f |= LB_CPU_BMI2;
		if ((ebx & bit_AVX2) && os_avx)
			f |= LB_CPU_AVX2;
	}
	if ((unsigned int)__get_cpuid_max(0x80000000, NULL) >= 0x80000001U &&
	    __get_cpuid(0x80000001, &eax, &ebx, &ecx, &edx) &&
	    (ecx & bit_LZCNT))
		f |= LB_CPU_LZCNT;
	return f;
}

/*
 * LB_CPU_FEATURES (a number, 0x.. allowed) masks what the CPU offers, so
 * tests can force the engine's fallback code paths on any machine.
 */
u32 lb_cpu_features(void)
{
	static u32 cached;
	static bool have;
	const char *env = getenv("LB_CPU_FEATURES");
	u32 f;

	if (!have) {
		cached = lb_cpuid_features();
		have = true;
	}
	f = cached;
	if (env && *env) {
		char *end;
		unsigned long mask = strtoul(env, &end, 0);

		if (!*end)
			f &= (u32)mask;
	}
	return f;
}

const void *lb_indirect_thunk(int reg)
{
	(void)reg;
	return NULL;
}

const void *lb_return_thunk(void)
{
	return NULL;
}
